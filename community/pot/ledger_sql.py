"""The rules the database itself keeps for the pot's books, on SQLite and on PostgreSQL.

- A transaction is written after its legs and refused unless it has at least two legs, they sum
  to zero and they are all on the transaction's own pot (a CHECK cannot look at other rows; a
  trigger on the transaction's INSERT can, because the legs are already there). The legs' foreign
  key to their transaction is deferred, so a leg whose transaction never came fails the commit.
- A booked transaction gets no new legs.
- Legs are never updated or deleted; a transaction neither, except that a person's link may be
  forgotten (set to NULL), which is what erasing an account does to the books.
- Every leg is added to its account's balance as it is written, so the balances are the sums of
  the legs and the account's CHECK (holdings never below zero) is the last word on overspending.
- Nothing can be booked on a date in a closed year.

The statements are versioned: a migration names the version it installs, and a change to the
rules is a new version with its own migration, never an edit of an old one. A batch migration
that rebuilds one of these tables on SQLite drops its triggers and must install them again.
"""
from __future__ import annotations

from sqlalchemy import event

POT_TABLES = {"pot_account", "pot_transaction", "pot_entry", "pot_year_close"}

_SQLITE_REFUSE = "SELECT RAISE(ABORT, 'pot ledger: {why}');"

SQLITE_V1 = [
    f"""CREATE TRIGGER pot_entry_sealed BEFORE INSERT ON pot_entry
        WHEN EXISTS (SELECT 1 FROM pot_transaction WHERE key = NEW.transaction_key)
        BEGIN {_SQLITE_REFUSE.format(why='a booked transaction gets no new legs')} END""",
    """CREATE TRIGGER pot_entry_adds_to_balance AFTER INSERT ON pot_entry
        BEGIN UPDATE pot_account SET balance_cents = balance_cents + NEW.amount_cents WHERE id = NEW.account_id; END""",
    f"""CREATE TRIGGER pot_entry_no_update BEFORE UPDATE ON pot_entry
        BEGIN {_SQLITE_REFUSE.format(why='entries are never changed')} END""",
    f"""CREATE TRIGGER pot_entry_no_delete BEFORE DELETE ON pot_entry
        BEGIN {_SQLITE_REFUSE.format(why='entries are never deleted')} END""",
    f"""CREATE TRIGGER pot_transaction_in_open_year BEFORE INSERT ON pot_transaction
        WHEN EXISTS (SELECT 1 FROM pot_year_close WHERE pot_id = NEW.pot_id
                     AND year >= CAST(strftime('%Y', NEW.occurred_on) AS INTEGER))
        BEGIN {_SQLITE_REFUSE.format(why='that year is closed')} END""",
    f"""CREATE TRIGGER pot_transaction_balanced AFTER INSERT ON pot_transaction
        WHEN (SELECT count(*) FROM pot_entry WHERE transaction_key = NEW.key) < 2
          OR (SELECT sum(amount_cents) FROM pot_entry WHERE transaction_key = NEW.key) <> 0
          OR EXISTS (SELECT 1 FROM pot_entry AS e JOIN pot_account AS a ON a.id = e.account_id
                     WHERE e.transaction_key = NEW.key AND a.pot_id <> NEW.pot_id)
        BEGIN {_SQLITE_REFUSE.format(why='the legs of a transaction must balance')} END""",
    f"""CREATE TRIGGER pot_transaction_no_update BEFORE UPDATE ON pot_transaction
        WHEN NOT (NEW.id IS OLD.id AND NEW.pot_id IS OLD.pot_id AND NEW.key IS OLD.key AND NEW.kind IS OLD.kind
                  AND NEW.occurred_on IS OLD.occurred_on AND NEW.booked_at IS OLD.booked_at
                  AND NEW.description IS OLD.description AND NEW.reverses_id IS OLD.reverses_id
                  AND (NEW.booked_by_id IS OLD.booked_by_id OR NEW.booked_by_id IS NULL)
                  AND (NEW.approved_by_id IS OLD.approved_by_id OR NEW.approved_by_id IS NULL))
        BEGIN {_SQLITE_REFUSE.format(why='transactions are never changed')} END""",
    f"""CREATE TRIGGER pot_transaction_no_delete BEFORE DELETE ON pot_transaction
        BEGIN {_SQLITE_REFUSE.format(why='transactions are never deleted')} END""",
]

SQLITE_V1_DROP = [f"DROP TRIGGER IF EXISTS {name}" for name in (
    "pot_entry_sealed", "pot_entry_adds_to_balance", "pot_entry_no_update", "pot_entry_no_delete",
    "pot_transaction_in_open_year", "pot_transaction_balanced", "pot_transaction_no_update",
    "pot_transaction_no_delete")]

POSTGRESQL_V1 = [
    """CREATE OR REPLACE FUNCTION pot_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'pot ledger: entries are never changed or deleted' USING ERRCODE = 'restrict_violation';
    END $$""",
    """CREATE OR REPLACE FUNCTION pot_transaction_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE'
           AND (NEW.id, NEW.pot_id, NEW.key, NEW.kind, NEW.occurred_on, NEW.booked_at, NEW.description, NEW.reverses_id)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.pot_id, OLD.key, OLD.kind, OLD.occurred_on, OLD.booked_at, OLD.description, OLD.reverses_id)
           AND (NEW.booked_by_id IS NOT DISTINCT FROM OLD.booked_by_id OR NEW.booked_by_id IS NULL)
           AND (NEW.approved_by_id IS NOT DISTINCT FROM OLD.approved_by_id OR NEW.approved_by_id IS NULL) THEN
            RETURN NEW;  -- only a person's link forgotten
        END IF;
        RAISE EXCEPTION 'pot ledger: transactions are never changed or deleted' USING ERRCODE = 'restrict_violation';
    END $$""",
    """CREATE OR REPLACE FUNCTION pot_entry_check_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM pot_transaction WHERE key = NEW.transaction_key) THEN
            RAISE EXCEPTION 'pot ledger: a booked transaction gets no new legs' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE OR REPLACE FUNCTION pot_entry_add_to_balance() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE pot_account SET balance_cents = balance_cents + NEW.amount_cents WHERE id = NEW.account_id;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION pot_transaction_check_open_year() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM pot_year_close WHERE pot_id = NEW.pot_id
                   AND year >= extract(year FROM NEW.occurred_on)) THEN
            RAISE EXCEPTION 'pot ledger: that year is closed' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE OR REPLACE FUNCTION pot_transaction_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE legs integer; total bigint; elsewhere boolean;
    BEGIN
        SELECT count(*), coalesce(sum(e.amount_cents), 0), coalesce(bool_or(a.pot_id <> NEW.pot_id), false)
          INTO legs, total, elsewhere
          FROM pot_entry AS e JOIN pot_account AS a ON a.id = e.account_id
         WHERE e.transaction_key = NEW.key;
        IF legs < 2 OR total <> 0 OR elsewhere THEN
            RAISE EXCEPTION 'pot ledger: the legs of a transaction must balance' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER pot_entry_sealed BEFORE INSERT ON pot_entry
        FOR EACH ROW EXECUTE FUNCTION pot_entry_check_sealed()""",
    """CREATE TRIGGER pot_entry_adds_to_balance AFTER INSERT ON pot_entry
        FOR EACH ROW EXECUTE FUNCTION pot_entry_add_to_balance()""",
    """CREATE TRIGGER pot_entry_append_only BEFORE UPDATE OR DELETE ON pot_entry
        FOR EACH ROW EXECUTE FUNCTION pot_entry_refuse_change()""",
    """CREATE TRIGGER pot_transaction_in_open_year BEFORE INSERT ON pot_transaction
        FOR EACH ROW EXECUTE FUNCTION pot_transaction_check_open_year()""",
    """CREATE TRIGGER pot_transaction_balanced AFTER INSERT ON pot_transaction
        FOR EACH ROW EXECUTE FUNCTION pot_transaction_check_balanced()""",
    """CREATE TRIGGER pot_transaction_append_only BEFORE UPDATE OR DELETE ON pot_transaction
        FOR EACH ROW EXECUTE FUNCTION pot_transaction_refuse_change()""",
]

POSTGRESQL_V1_DROP = [
    "DROP TRIGGER IF EXISTS pot_entry_sealed ON pot_entry",
    "DROP TRIGGER IF EXISTS pot_entry_adds_to_balance ON pot_entry",
    "DROP TRIGGER IF EXISTS pot_entry_append_only ON pot_entry",
    "DROP TRIGGER IF EXISTS pot_transaction_in_open_year ON pot_transaction",
    "DROP TRIGGER IF EXISTS pot_transaction_balanced ON pot_transaction",
    "DROP TRIGGER IF EXISTS pot_transaction_append_only ON pot_transaction",
    *(f"DROP FUNCTION IF EXISTS {name}()" for name in (
        "pot_entry_refuse_change", "pot_transaction_refuse_change", "pot_entry_check_sealed",
        "pot_entry_add_to_balance", "pot_transaction_check_open_year", "pot_transaction_check_balanced")),
]

V1 = {"sqlite": SQLITE_V1, "postgresql": POSTGRESQL_V1}
V1_DROP = {"sqlite": SQLITE_V1_DROP, "postgresql": POSTGRESQL_V1_DROP}
CURRENT, CURRENT_DROP = V1, V1_DROP


def run(statements: dict[str, list[str]], connection) -> None:
    for statement in statements[connection.dialect.name]:
        connection.exec_driver_sql(statement)


def install_triggers(metadata) -> None:
    """The current rules, installed whenever the pot's tables are created from the models (tests,
    a new database); migrations install their own version."""

    @event.listens_for(metadata, "after_create")
    def _after_create(_target, connection, tables=(), **_kw) -> None:
        if POT_TABLES <= {table.name for table in tables}:
            run(CURRENT, connection)

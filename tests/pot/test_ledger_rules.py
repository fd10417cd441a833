"""The rules the database keeps by itself: tried with SQL that goes around the app's services."""
from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from community.extensions import db
from community.pot import corrections, ledger
from community.pot.models import Occasion, PotAccount, PotEntry, PotTransaction, Source
from tests.pot.conftest import give, pay


def _insert_legs(key: str, legs: list[tuple[int, int]]) -> None:
    for account_id, cents in legs:
        db.session.execute(text("INSERT INTO pot_entry (transaction_key, account_id, amount_cents) VALUES (:k, :a, :c)"),
                           {"k": key, "a": account_id, "c": cents})


def _seal(pot_id: int, key: str, occurred_on: date | None = None) -> None:
    db.session.execute(text("INSERT INTO pot_transaction (pot_id, key, kind, occurred_on, booked_at, description) "
                            "VALUES (:p, :k, 'gift', :d, :t, '')"),
                       {"p": pot_id, "k": key, "d": occurred_on or date.today(), "t": "2026-12-01 10:00:00+00:00"})


def _accounts(street):
    """Henk's tin and the pot's collections: money in is a debit on the first, a credit on the second."""
    ledger.lock_pot(street.pot.id)
    tin, income = ledger.tin_of(street.pot.id, street.henk.id), ledger.income(street.pot.id, Source.COLLECTION)
    db.session.commit()
    return tin.id, income.id


def test_a_transaction_whose_legs_do_not_balance_is_refused(street):
    tin, income = _accounts(street)
    key = uuid.uuid4().hex
    _insert_legs(key, [(tin, 500), (income, -400)])
    with pytest.raises(DBAPIError, match="balance"):
        _seal(street.pot.id, key)
    db.session.rollback()


def test_a_transaction_of_one_leg_is_refused(street):
    tin, _income = _accounts(street)
    key = uuid.uuid4().hex
    db.session.execute(text("INSERT INTO pot_entry (transaction_key, account_id, amount_cents) VALUES (:k, :a, 5)"),
                       {"k": key, "a": tin})
    with pytest.raises(DBAPIError, match="balance"):
        _seal(street.pot.id, key)
    db.session.rollback()


def test_legs_without_their_transaction_fail_the_commit(street):
    tin, income = _accounts(street)
    _insert_legs(uuid.uuid4().hex, [(tin, 500), (income, -500)])
    with pytest.raises(DBAPIError):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(PotEntry)) == 0


def test_a_booked_transaction_gets_no_new_legs(street):
    give(street.pot, street.henk, 500)
    booked = db.session.scalar(select(PotTransaction))
    tin, income = _accounts(street)
    with pytest.raises(DBAPIError, match="no new legs"):
        _insert_legs(booked.key, [(tin, 100), (income, -100)])
    db.session.rollback()


def test_legs_on_another_pots_accounts_are_refused(street, make_user):
    from community.pot import services as pots

    other = pots.open_pot(street.neighbourhood, name="Lief & leed Beukenhof", streets="", gangmaker_ids=[street.henk.id],
                          threshold_cents=2500, iban="", account_holder="", by=street.coordinator)
    ledger.lock_pot(other.id)
    elsewhere = ledger.income(other.id, Source.COLLECTION).id
    db.session.commit()
    tin, _income = _accounts(street)
    key = uuid.uuid4().hex
    _insert_legs(key, [(tin, 300), (elsewhere, -300)])
    with pytest.raises(DBAPIError, match="balance"):
        _seal(street.pot.id, key)
    db.session.rollback()


@pytest.mark.parametrize("statement", [
    "UPDATE pot_entry SET amount_cents = amount_cents * 2",
    "DELETE FROM pot_entry",
    "UPDATE pot_transaction SET occurred_on = '2020-01-01'",
    "UPDATE pot_transaction SET description = 'iets anders'",
    "DELETE FROM pot_transaction",
])
def test_the_ledger_is_append_only(street, statement):
    give(street.pot, street.henk, 500)
    with pytest.raises(DBAPIError, match="never"):
        db.session.execute(text(statement))
    db.session.rollback()
    assert db.session.scalar(select(func.sum(PotEntry.amount_cents))) == 0
    assert db.session.scalar(select(func.count()).select_from(PotEntry)) == 2


def test_only_a_persons_link_may_be_forgotten(street):
    """Erasing an account sets who booked to NULL; nothing else about the entry changes."""
    give(street.pot, street.henk, 500)
    db.session.execute(text("UPDATE pot_transaction SET booked_by_id = NULL"))
    db.session.commit()
    assert db.session.scalar(select(PotTransaction.booked_by_id)) is None
    with pytest.raises(DBAPIError, match="never"):
        db.session.execute(text("UPDATE pot_transaction SET booked_by_id = :someone"), {"someone": street.fatima.id})
    db.session.rollback()


def test_the_balance_is_kept_by_the_database_and_never_goes_below_zero(street):
    give(street.pot, street.henk, 1000)
    tin_id = db.session.scalar(select(PotAccount.id).where(PotAccount.code == f"tin:{street.henk.id}"))
    assert ledger.current_balance(tin_id) == 1000
    tin, _income = _accounts(street)
    spend = ledger.spending(street.pot.id, Occasion.WELCOME).id
    db.session.commit()
    key = uuid.uuid4().hex
    with pytest.raises(DBAPIError):
        _insert_legs(key, [(spend, 1500), (tin, -1500)])  # the CHECK refuses the tin at -5,00
    db.session.rollback()
    assert ledger.current_balance(tin_id) == 1000


def test_nothing_is_booked_in_a_closed_year(street):
    from community.pot import services as pots
    from community.recurrence import local_today

    last_year = local_today().year - 1
    give(street.pot, street.henk, 700, days_ago=400)
    corrections.close_year(street.pot, last_year, by=street.henk)
    tin, income = _accounts(street)
    key = uuid.uuid4().hex
    _insert_legs(key, [(tin, 100), (income, -100)])
    with pytest.raises(DBAPIError, match="closed"):
        _seal(street.pot.id, key, date(last_year, 6, 1))
    db.session.rollback()
    with pytest.raises(pots.PotError):
        pay(street.pot, street.henk, 100, days_ago=(local_today() - date(last_year, 12, 31)).days)

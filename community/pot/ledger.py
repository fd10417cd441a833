"""Booking: the one way money moves in a pot's books.

Every booking runs in a write transaction that first locks the pot's row (on PostgreSQL
`SELECT … FOR UPDATE`; on SQLite the transaction holds the write lock from its start), so the
money operations of one pot queue behind each other and see each other's balances; the
database's CHECK on the accounts is the last word when they do not.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from community.db import begin_write_transaction, has_pending_changes
from community.errors import DomainError, within_length
from community.extensions import db
from community.pot.models import (HOLDINGS, AccountKind, Occasion, Pot, PotAccount, PotEntry, PotSubmission,
                                  PotTransaction, PotYearClose, Source)
from community.versions import NUMBERS, mark_changed


class PotError(DomainError):
    """A rule of the pot was broken; the message says which, next to `field_name` when one is to blame."""


class NotEnoughMoney(PotError):
    pass


class AlreadyRecorded(PotError):
    """The same form was sent before (a double tap, a retry): it was recorded once, the first time."""

    def __init__(self):
        super().__init__(_l("Dit was al opgeslagen. Het staat maar één keer in de boeken."))


def bounded_text(value, limit: int, field_name: str) -> str:
    return within_length(value, limit, PotError, field_name)


@dataclass(frozen=True)
class Leg:
    account: PotAccount
    cents: int  # debit positive, credit negative


def lock_pot(pot_id: int) -> Pot:
    """Start the write transaction of a money operation with the pot's row locked. A transaction that
    already wrote (a receipt's row) goes on: on SQLite it holds the write lock since that write."""
    if not has_pending_changes(db.session):
        begin_write_transaction(db.session)
    pot = db.session.scalar(select(Pot).where(Pot.id == pot_id).with_for_update())
    if pot is None:
        from community.errors import NotFound

        raise NotFound()
    return pot


@contextmanager
def money_operation(pot_id: int) -> Iterator[Pot]:
    """One money operation: the pot locked, everything kept on success, nothing on any error (so a
    refused form can be corrected and sent again with the same one-time key)."""
    try:
        pot = lock_pot(pot_id)
        mark_changed(pot.neighbourhood_id, NUMBERS)
        yield pot
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def claim_submission(pot_id: int, key: str) -> None:
    """Take the form's one-time key, or AlreadyRecorded when it was used before. The key's row is
    part of the same transaction as what the form records: both are kept, or neither."""
    if db.session.get(PotSubmission, (pot_id, key)) is not None:
        raise AlreadyRecorded()
    db.session.add(PotSubmission(pot_id=pot_id, key=key))
    try:
        db.session.flush()
    except IntegrityError:  # a twin of this form committed it between our look and our insert
        raise AlreadyRecorded() from None


# --- accounts -------------------------------------------------------------------------------------

def account(pot_id: int, code: str, kind: AccountKind, holder_id: int | None = None) -> PotAccount:
    """The pot's account with this code, made when first needed (inside the pot's lock)."""
    found = db.session.scalar(select(PotAccount).where(PotAccount.pot_id == pot_id, PotAccount.code == code))
    if found is None:
        found = PotAccount(pot_id=pot_id, code=code, kind=kind.value, holder_id=holder_id, balance_cents=0)
        db.session.add(found)
        db.session.flush()
    return found


def tin_of(pot_id: int, user_id: int) -> PotAccount:
    return account(pot_id, f"tin:{user_id}", AccountKind.TIN, user_id)


def owed_to(pot_id: int, user_id: int) -> PotAccount:
    return account(pot_id, f"owed:{user_id}", AccountKind.OWED, user_id)


def bank(pot_id: int) -> PotAccount:
    return account(pot_id, "bank", AccountKind.BANK)


def vouchers(pot_id: int) -> PotAccount:
    return account(pot_id, "vouchers", AccountKind.VOUCHERS)


def income(pot_id: int, source: Source) -> PotAccount:
    return account(pot_id, f"income:{source.value}", AccountKind.INCOME)


def spending(pot_id: int, occasion: Occasion) -> PotAccount:
    return account(pot_id, f"spending:{occasion.value}", AccountKind.SPENDING)


def difference(pot_id: int) -> PotAccount:
    return account(pot_id, "difference", AccountKind.DIFFERENCE)


def current_balance(account_id: int) -> int:
    """Read again from the database (the trigger keeps it; loaded objects may be older)."""
    return db.session.scalar(select(PotAccount.balance_cents).where(PotAccount.id == account_id)) or 0


# --- booking ----------------------------------------------------------------------------------------

def book(pot: Pot, kind: str, occurred_on: date, legs: list[Leg], *, booked_by_id: int | None,
         description: str = "", approved_by_id: int | None = None, reverses_id: int | None = None) -> PotTransaction:
    """Write one balanced transaction: its legs first, then the transaction that seals them. The
    caller holds the pot's lock (lock_pot) and commits."""
    if len(legs) < 2 or sum(leg.cents for leg in legs) != 0 or any(leg.cents == 0 for leg in legs):
        raise ValueError("a transaction needs two or more legs that balance")
    _refuse_overdraft(legs)
    key = uuid.uuid4().hex
    try:
        db.session.execute(insert(PotEntry), [{"transaction_key": key, "account_id": leg.account.id,
                                               "amount_cents": leg.cents} for leg in legs])
        transaction_id = db.session.scalar(insert(PotTransaction).values(
            pot_id=pot.id, key=key, kind=kind, occurred_on=occurred_on, booked_by_id=booked_by_id,
            approved_by_id=approved_by_id, description=description, reverses_id=reverses_id,
        ).returning(PotTransaction.id))
    except IntegrityError as error:
        if "holdings_not_negative" in str(error.orig) or "owed_not_overpaid" in str(error.orig):
            raise NotEnoughMoney(_l("Er zit niet genoeg geld op deze plek.")) from None
        raise
    for leg in legs:
        db.session.expire(leg.account, ["balance_cents"])
    return db.session.get(PotTransaction, transaction_id)


def _refuse_overdraft(legs: list[Leg]) -> None:
    """A friendly word before the database's CHECK says no: a holding never goes below zero, and a
    gangmaker is never paid back more than the pot owes them."""
    for leg in legs:
        kind = AccountKind(leg.account.kind)
        balance = current_balance(leg.account.id)
        if kind in HOLDINGS and balance + leg.cents < 0:
            raise NotEnoughMoney(_l("Er zit niet genoeg geld op deze plek: nog %(left)s.",
                                    left=_money(balance)), "amount")
        if kind == AccountKind.OWED and balance + leg.cents > 0:
            raise NotEnoughMoney(_l("De pot is deze gangmaker nog %(left)s schuldig, niet meer.",
                                    left=_money(-balance)), "amount")


def _money(cents: int) -> str:
    from community.i18n import format_cents

    return format_cents(cents)


def refuse_closed_year(pot: Pot, occurred_on: date) -> None:
    closed = db.session.scalar(select(PotYearClose.year).where(PotYearClose.pot_id == pot.id)
                               .order_by(PotYearClose.year.desc()).limit(1))
    if closed is not None and occurred_on.year <= closed:
        raise PotError(_l("%(year)d is afgesloten. Kies een datum in een later jaar.", year=closed), "occurred_on")



def reversal_legs(transaction: PotTransaction) -> list[Leg]:
    return [Leg(entry.account, -entry.amount_cents) for entry in transaction.entries]


def holdings_total(pot_id: int) -> int:
    """What the pot has: cash, bank and vouchers, less what it owes gangmakers who paid out of pocket."""
    from sqlalchemy import func

    return db.session.scalar(select(func.coalesce(func.sum(PotAccount.balance_cents), 0)).where(
        PotAccount.pot_id == pot_id,
        PotAccount.kind.in_([*(kind.value for kind in HOLDINGS), AccountKind.OWED.value]))) or 0

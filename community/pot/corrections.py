"""Putting mistakes right and closing the books: a reversal turns a transaction round (nothing
is ever changed or deleted), and a year that has ended is closed with its balance carried over."""
from __future__ import annotations

import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.accounts.models import User
from community.extensions import db
from community.pot import ledger
from community.pot.ledger import AlreadyRecorded, NotEnoughMoney, PotError
from community.pot.models import DESCRIPTION_MAX, Pot, PotTransaction, PotYearClose, TransactionKind
from community.recurrence import local_today

log = logging.getLogger("community.pot")


def reverse(transaction: PotTransaction, *, submission: str, reason: str, by: User) -> PotTransaction:
    """Correct a mistake: a new transaction with every leg turned round, pointing at the one it undoes."""
    reason = ledger.bounded_text(reason, DESCRIPTION_MAX, "reason")
    if not reason:
        raise PotError(_l("Schrijf kort waarom dit wordt teruggedraaid."), "reason")
    today = local_today()
    with ledger.money_operation(transaction.pot_id) as pot:
        ledger.claim_submission(pot.id, submission)
        transaction = db.session.get(PotTransaction, transaction.id, populate_existing=True)
        if transaction.kind == TransactionKind.REVERSAL.value or is_reversed(transaction.id):
            raise PotError(_l("Dit is al teruggedraaid."), "reason")
        ledger.refuse_closed_year(pot, today)
        try:
            reversal = ledger.book(pot, TransactionKind.REVERSAL.value, today, ledger.reversal_legs(transaction),
                                   booked_by_id=by.id, description=reason, reverses_id=transaction.id)
        except NotEnoughMoney:
            raise NotEnoughMoney(_l("Terugdraaien kan niet: het geld is er niet meer (het is al uitgegeven of "
                                    "overgedragen)."), "reason") from None
    return reversal


def is_reversed(transaction_id: int) -> bool:
    return db.session.scalar(select(PotTransaction.id).where(PotTransaction.reverses_id == transaction_id)) is not None


def close_year(pot: Pot, year: int, *, by: User) -> PotYearClose:
    """Close a year that has ended: its balance carries over, nothing can be booked in it any more."""
    from community.pot.reports import balance_at_end_of

    if year >= local_today().year:
        raise PotError(_l("Een jaar kan pas worden afgesloten als het voorbij is."))
    with ledger.money_operation(pot.id) as pot:
        if db.session.scalar(select(PotYearClose.id).where(PotYearClose.pot_id == pot.id, PotYearClose.year == year)):
            raise AlreadyRecorded()
        closing = PotYearClose(pot_id=pot.id, year=year, closing_balance_cents=balance_at_end_of(pot.id, year),
                               closed_by_id=by.id)
        db.session.add(closing)
    log.info("pot year closed: pot %s year %s by %s", pot.id, year, by.id)
    return closing

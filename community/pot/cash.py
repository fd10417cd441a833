"""Where the cash is: money handed from one gangmaker to another or to and from the bank (it moves
once the other side confirms), and counting a tin (a difference is booked and a second person sees it)."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from community.accounts.models import User
from community.db import utcnow
from community.extensions import db
from community.pot import ledger
from community.pot.ledger import AlreadyRecorded, Leg, NotEnoughMoney, PotError
from community.pot.models import (DESCRIPTION_MAX, HandoverState, Pot, PotAccount, PotCashCount, PotHandover,
                                  TransactionKind)
from community.recurrence import local_today
from community.versions import NUMBERS, mark_changed


def place_account(pot: Pot, place: str) -> PotAccount:
    """'bank', 'vouchers' or 'tin:<user id>' of one of the pot's gangmakers."""
    if place == "bank":
        return ledger.bank(pot.id)
    if place.startswith("tin:") and place[4:].isdigit() and int(place[4:]) in pot.gangmaker_ids():
        return ledger.tin_of(pot.id, int(place[4:]))
    raise PotError(_l("Kies een gangmaker of de bank."), "to_place")


def propose_handover(pot: Pot, *, submission: str, from_place: str, to_place: str, amount_cents: int,
                     occurred_on: date, by: User) -> PotHandover:
    with ledger.money_operation(pot.id) as pot:
        ledger.refuse_closed_year(pot, occurred_on)
        ledger.claim_submission(pot.id, submission)
        source, target = place_account(pot, from_place), place_account(pot, to_place)
        if source.id == target.id:
            raise PotError(_l("Van en naar zijn dezelfde plek."), "to_place")
        if by.id not in (source.holder_id, target.holder_id):
            raise PotError(_l("Je draagt geld over uit of naar je eigen kas."), "from_place")
        if ledger.current_balance(source.id) < amount_cents:
            raise NotEnoughMoney(_l("Er zit niet genoeg geld op deze plek: nog %(left)s.",
                                    left=ledger._money(ledger.current_balance(source.id))), "amount")
        handover = PotHandover(pot_id=pot.id, from_account_id=source.id, to_account_id=target.id,
                               amount_cents=amount_cents, occurred_on=occurred_on, proposed_by_id=by.id)
        db.session.add(handover)
    return handover


def confirm_handover(handover: PotHandover, *, by: User) -> PotHandover:
    with ledger.money_operation(handover.pot_id) as pot:
        handover = _still_proposed(handover.id)
        ledger.refuse_closed_year(pot, handover.occurred_on)
        transaction = ledger.book(pot, TransactionKind.HANDOVER.value, handover.occurred_on,
                                  [Leg(handover.to_account, handover.amount_cents),
                                   Leg(handover.from_account, -handover.amount_cents)],
                                  booked_by_id=handover.proposed_by_id, approved_by_id=by.id)
        handover.state, handover.transaction_id = HandoverState.CONFIRMED.value, transaction.id
        handover.decided_by_id, handover.decided_at = by.id, utcnow()
    return handover


def cancel_handover(handover: PotHandover, *, by: User) -> PotHandover:
    with ledger.money_operation(handover.pot_id):
        handover = _still_proposed(handover.id)
        handover.state = HandoverState.CANCELLED.value
        handover.decided_by_id, handover.decided_at = by.id, utcnow()
    return handover


def _still_proposed(handover_id: int) -> PotHandover:
    handover = db.session.get(PotHandover, handover_id, populate_existing=True)
    if handover is None or handover.state != HandoverState.PROPOSED.value:
        raise AlreadyRecorded()
    return handover


def count_cash(pot: Pot, *, submission: str, counted_cents: int, note: str, by: User) -> PotCashCount:
    """The gangmaker counted their tin: a difference with the books is booked at once as a
    correction (the books follow the tin), and a second person acknowledges it."""
    note = ledger.bounded_text(note, DESCRIPTION_MAX, "note")
    today = local_today()
    with ledger.money_operation(pot.id) as pot:
        ledger.refuse_closed_year(pot, today)
        ledger.claim_submission(pot.id, submission)
        tin = ledger.tin_of(pot.id, by.id)
        book_cents = ledger.current_balance(tin.id)
        count = PotCashCount(pot_id=pot.id, account_id=tin.id, counted_cents=counted_cents, book_cents=book_cents,
                             note=note, counted_by_id=by.id)
        difference = counted_cents - book_cents
        if difference:
            correction = ledger.book(pot, TransactionKind.CORRECTION.value, today,
                                     [Leg(tin, difference), Leg(ledger.difference(pot.id), -difference)],
                                     booked_by_id=by.id, description=note)
            count.correction_id = correction.id
        else:
            count.acknowledged_at = utcnow()  # nothing to look at: the tin and the books agree
        db.session.add(count)
    return count


def acknowledge_count(count: PotCashCount, *, by: User) -> PotCashCount:
    done = db.session.execute(update(PotCashCount).where(
        PotCashCount.id == count.id, PotCashCount.acknowledged_at.is_(None)).values(
        acknowledged_by_id=by.id, acknowledged_at=utcnow()))
    if done.rowcount != 1:
        db.session.rollback()
        raise AlreadyRecorded()
    mark_changed(db.session.get(Pot, count.pot_id).neighbourhood_id, NUMBERS)
    db.session.commit()
    return db.session.get(PotCashCount, count.id, populate_existing=True)


def tin_balance(pot_id: int, user_id: int) -> int:
    """What the books say is in a gangmaker's tin (nothing when they never held cash)."""
    return db.session.scalar(select(PotAccount.balance_cents).where(
        PotAccount.pot_id == pot_id, PotAccount.code == f"tin:{user_id}")) or 0


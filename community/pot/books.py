"""What the gangmakers' page reads: what waits for someone, and the latest bookings with their
private details. A fixed number of queries, whatever the size of the books."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, joinedload, selectinload

from community.accounts.models import User

from community.extensions import db
from community.pot.models import (AccountKind, HandoverState, NominationState, PayoutState, PotAccount, PotCashCount,
                                  PotEntry, PotHandover, PotNomination, PotPayout, PotTransaction)

RECENT = 40


def _named(relationship):
    """Load the person with the row, for their name only (their memberships load only if asked for)."""
    return joinedload(relationship).lazyload(User.memberships)


def _holder_named():
    return joinedload(PotAccount.holder).lazyload(User.memberships)


def waiting_payouts(pot_id: int) -> list[PotPayout]:
    return list(db.session.scalars(select(PotPayout).where(
        PotPayout.pot_id == pot_id, PotPayout.state == PayoutState.WAITING.value)
        .options(_named(PotPayout.asked_by), joinedload(PotPayout.paid_from).options(_holder_named()))
        .order_by(PotPayout.asked_at)))


def proposed_handovers(pot_id: int) -> list[PotHandover]:
    return list(db.session.scalars(select(PotHandover).where(
        PotHandover.pot_id == pot_id, PotHandover.state == HandoverState.PROPOSED.value)
        .options(joinedload(PotHandover.from_account).options(_holder_named()),
                 joinedload(PotHandover.to_account).options(_holder_named())).order_by(PotHandover.id)))


def counts_to_acknowledge(pot_id: int) -> list[PotCashCount]:
    return list(db.session.scalars(select(PotCashCount).where(
        PotCashCount.pot_id == pot_id, PotCashCount.acknowledged_at.is_(None))
        .options(joinedload(PotCashCount.account).options(_holder_named())).order_by(PotCashCount.id)))


def open_nominations(pot_id: int) -> list[PotNomination]:
    return list(db.session.scalars(select(PotNomination).where(
        PotNomination.pot_id == pot_id, PotNomination.state == NominationState.OPEN.value)
        .options(_named(PotNomination.nominated_by)).order_by(PotNomination.created_at)))


@dataclass
class Booking:
    transaction: PotTransaction
    payout: PotPayout | None
    reversed_by: int | None


def recent_bookings(pot_id: int, limit: int = RECENT) -> list[Booking]:
    reversal = aliased(PotTransaction)
    reversed_by = select(reversal.id).where(reversal.reverses_id == PotTransaction.id).scalar_subquery()
    rows = db.session.execute(
        select(PotTransaction, reversed_by.label("reversed_by")).where(PotTransaction.pot_id == pot_id)
        .options(selectinload(PotTransaction.entries).joinedload(PotEntry.account).options(_holder_named()),
                 _named(PotTransaction.booked_by), _named(PotTransaction.approved_by))
        .order_by(PotTransaction.occurred_on.desc(), PotTransaction.id.desc()).limit(limit)).all()
    ids = [transaction.id for transaction, _reversed_by in rows]
    payouts = {p.transaction_id: p for p in db.session.scalars(
        select(PotPayout).where(PotPayout.transaction_id.in_(ids))
        .options(joinedload(PotPayout.paid_from).options(_holder_named())))} if ids else {}
    return [Booking(transaction, payouts.get(transaction.id), reversed_id) for transaction, reversed_id in rows]


def owed_accounts(pot_id: int) -> list[PotAccount]:
    return list(db.session.scalars(select(PotAccount).where(
        PotAccount.pot_id == pot_id, PotAccount.kind == AccountKind.OWED.value, PotAccount.balance_cents < 0)
        .options(_holder_named())))


@dataclass
class Waiting:
    """What the neighbourhood's pages show of a pot to those who run it."""

    nominations: int
    payouts: int


def waiting_per_pot(pot_ids: list[int]) -> dict[int, Waiting]:
    if not pot_ids:
        return {}
    nominations = dict(db.session.execute(select(PotNomination.pot_id, func.count()).where(
        PotNomination.pot_id.in_(pot_ids), PotNomination.state == NominationState.OPEN.value)
        .group_by(PotNomination.pot_id)).all())
    payouts = dict(db.session.execute(select(PotPayout.pot_id, func.count()).where(
        PotPayout.pot_id.in_(pot_ids), PotPayout.state == PayoutState.WAITING.value)
        .group_by(PotPayout.pot_id)).all())
    return {pot_id: Waiting(nominations.get(pot_id, 0), payouts.get(pot_id, 0)) for pot_id in pot_ids}

"""Places that run out, and the waitlist in front of them.

A place is taken by one conditional UPDATE, so capacity holds under concurrency on SQLite and
PostgreSQL alike: never read-then-write in Python."""
from __future__ import annotations

from sqlalchemy import and_, func, or_, select, update

from community.bookings.models import Booking, Slot, Status
from community.extensions import db

WAITLISTED = Status.WAITLISTED.value


def take_place(slot_id: int) -> bool:
    """Take one place if there is one left; True when it was taken."""
    result = db.session.execute(
        update(Slot)
        .where(Slot.id == slot_id, or_(Slot.capacity.is_(None), Slot.confirmed_count < Slot.capacity))
        .values(confirmed_count=Slot.confirmed_count + 1)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def give_back_place(slot_id: int) -> None:
    db.session.execute(
        update(Slot).where(Slot.id == slot_id, Slot.confirmed_count > 0)
        .values(confirmed_count=Slot.confirmed_count - 1).execution_options(synchronize_session=False))


def waitlist_position(booking: Booking) -> int | None:
    """1 for the first in line; None when the booking is not waiting."""
    if booking.status != WAITLISTED:
        return None
    ahead = db.session.scalar(select(func.count()).where(
        Booking.slot_id == booking.slot_id, Booking.status == WAITLISTED,
        or_(Booking.created_at < booking.created_at,
            and_(Booking.created_at == booking.created_at, Booking.id < booking.id))))
    return (ahead or 0) + 1


def waitlist_positions(bookings) -> dict[int, int]:
    """{slot id: place in line} for one person's waiting bookings on many dates, in one query."""
    waiting = {booking.slot_id: booking.id for booking in bookings if booking.status == WAITLISTED}
    if not waiting:
        return {}
    queue = db.session.execute(select(Booking.slot_id, Booking.id)
                               .where(Booking.slot_id.in_(waiting), Booking.status == WAITLISTED)
                               .order_by(Booking.slot_id, Booking.created_at, Booking.id))
    positions, counted = {}, {}
    for slot_id, booking_id in queue:
        counted[slot_id] = counted.get(slot_id, 0) + 1
        if waiting[slot_id] == booking_id:
            positions[slot_id] = counted[slot_id]
    return positions


def first_on_waitlist(slot_id: int) -> Booking | None:
    """The first in line for a date, locked (others skip it) so two freed places go to two people."""
    return db.session.scalar(
        select(Booking).where(Booking.slot_id == slot_id, Booking.status == WAITLISTED)
        .order_by(Booking.created_at, Booking.id).limit(1).with_for_update(skip_locked=True))

"""Booking dated places: a place while there are places, then the waitlist; offers of help that
an asker answers; every time; cancelling a booking or a whole date; presence; reminders.

Every function that writes runs one transaction of its own and commits it (SQLite: BEGIN
IMMEDIATE, see community.db), except the ones named "in the caller's transaction". Rows are
locked in one order: the series, then its slots by start time, then bookings. Email is queued by
the feature's rules before the commit, so it goes out only when all of the change was saved."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from community import recurrence
from community.bookings import places
from community.bookings.models import ACTIVE, Booking, Presence, Series, Slot, StandingBooking, Status
from community.bookings.rules import rules_for
from community.db import begin_write_transaction, utcnow
from community.errors import NotFound
from community.extensions import db


# --- one person, one date ------------------------------------------------------------------------

def book(slot_id: int, user_id: int) -> Booking:
    """Book a place (or the waitlist, or an offer). Safe under concurrency: the place is taken by one
    conditional UPDATE, and a double tap finds the booking it already made. Raises the feature's
    error when the date cannot be booked."""
    begin_write_transaction(db.session)
    slot = db.session.get(Slot, slot_id)
    if slot is None or not rules_for(slot).is_open(slot):
        db.session.rollback()
        raise rules_for(slot).closed_error(slot) if slot is not None else NotFound()
    try:
        rules_for(slot).refuse_booking(slot, user_id)
    except Exception:
        db.session.rollback()
        raise
    existing = booking_of(slot_id, user_id)
    if existing is not None and existing.status in ACTIVE:
        db.session.rollback()
        return existing
    try:
        booking = add_booking(slot, user_id, existing)
        rules_for(slot).booked(booking)
        db.session.commit()
    except IntegrityError:  # the same person, at the same moment, in another request
        db.session.rollback()
        return booking_of(slot_id, user_id)
    return booking


def add_booking(slot: Slot, user_id: int, existing: Booking | None = None) -> Booking:
    """In the caller's transaction: a place if there is one (or an offer), else the waitlist."""
    if rules_for(slot).books_as_offer(slot):
        status = Status.OFFERED
    else:
        status = Status.CONFIRMED if places.take_place(slot.id) else Status.WAITLISTED
    existing = existing or booking_of(slot.id, user_id)
    if existing is not None and existing.status in ACTIVE:
        if status is Status.CONFIRMED:
            places.give_back_place(slot.id)
        return existing
    if existing is not None:  # booked before and cancelled: back of the queue, unmarked
        existing.status, existing.created_at, existing.presence = status.value, utcnow(), None
        booking = existing
    else:
        booking = Booking(slot_id=slot.id, user_id=user_id, status=status.value)
        db.session.add(booking)
    db.session.flush()
    rules_for(slot).changed(slot.neighbourhood_id)
    db.session.expire(slot, ["confirmed_count"])
    return booking


def cancel(slot_id: int, user_id: int) -> Booking | None:
    """Cancel a booking; a place it held goes to the first who waits (who is told)."""
    begin_write_transaction(db.session)
    booking = db.session.scalar(
        select(Booking).where(Booking.slot_id == slot_id, Booking.user_id == user_id).with_for_update())
    if booking is None or booking.status not in ACTIVE:
        db.session.rollback()
        return booking
    cancel_active(booking)
    db.session.commit()
    return booking


def cancel_active(booking: Booking) -> None:
    """In the caller's transaction: the booking is cancelled, and a place it held goes on."""
    was_confirmed = booking.status == Status.CONFIRMED.value
    booking.status = Status.CANCELLED.value
    slot = db.session.get(Slot, booking.slot_id)
    rules = rules_for(slot)
    if was_confirmed:
        places.give_back_place(slot.id)
        if rules.place_given_back(booking):
            promote_first_waiting(slot)
    rules.changed(slot.neighbourhood_id)


def promote_first_waiting(slot: Slot) -> Booking | None:
    """In the caller's transaction: the first on the waitlist gets a freed place (and is told)."""
    if slot.is_cancelled or slot.starts_at <= utcnow():
        return None
    first = places.first_on_waitlist(slot.id)
    if first is None or not places.take_place(slot.id):
        return None
    first.status = Status.CONFIRMED.value
    db.session.flush()
    rules_for(slot).promoted(first)
    return first


def answer_offer(slot: Slot, booking_id: int, *, accept: bool) -> Booking:
    """Yes takes a place (never more than there are), no thanks the neighbour; either way they hear."""
    begin_write_transaction(db.session)
    booking = db.session.get(Booking, booking_id)
    if booking is None or booking.slot_id != slot.id:
        db.session.rollback()
        raise NotFound()
    rules = rules_for(slot)
    if booking.status != Status.OFFERED.value:
        db.session.rollback()
        raise rules.already_answered_error()
    if accept and not places.take_place(slot.id):
        db.session.rollback()
        raise rules.no_places_error()
    booking.status = (Status.CONFIRMED if accept else Status.DECLINED).value
    rules.changed(slot.neighbourhood_id)
    rules.answered(booking, accept)
    db.session.commit()
    return booking


def set_presence(slot: Slot, booking_id: int, presence: Presence | None) -> Booking:
    """Mark afterwards who was there (or was not); only a confirmed booking can be marked."""
    booking = db.session.get(Booking, booking_id)
    if booking is None or booking.slot_id != slot.id or booking.status not in ACTIVE:
        raise NotFound()
    booking.presence = presence.value if presence else None
    rules_for(slot).changed(slot.neighbourhood_id)  # who came is counted on "Tellen en vertellen"
    db.session.commit()
    return booking


# --- every time ----------------------------------------------------------------------------------------

def join_every_time(series: Series, user_id: int) -> int:
    """Book every coming date of a series, now and as new dates appear. One transaction: the
    standing booking and every date's booking are made together, or none is. Returns the dates."""
    begin_write_transaction(db.session)
    try:
        db.session.execute(select(Series.id).where(Series.id == series.id).with_for_update())
        db.session.refresh(series)  # a pause or a close at the same moment waits, or is seen
        rules_for(series).refuse_every_time(series)
        db.session.add(StandingBooking(series_id=series.id, user_id=user_id))
        db.session.flush()
        coming = db.session.scalars(
            select(Slot).where(Slot.series_id == series.id, Slot.starts_at > utcnow(), Slot.is_cancelled.is_(False))
            .order_by(Slot.starts_at, Slot.id)).all()
        for slot in coming:
            add_booking(slot, user_id)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if is_standing(series.id, user_id):
            return 0  # joined already, at the same moment in another request
        raise
    except BaseException:
        db.session.rollback()
        raise
    return len(coming)


def leave_every_time(series: Series, user_id: int) -> int:
    """Stop coming every time, in one transaction: the standing booking goes, every coming date is
    cancelled, and each freed place goes on. Returns the dates cancelled."""
    begin_write_transaction(db.session)
    try:
        db.session.execute(delete(StandingBooking).where(StandingBooking.series_id == series.id,
                                                         StandingBooking.user_id == user_id))
        coming = db.session.scalars(
            select(Booking).join(Slot, Slot.id == Booking.slot_id)
            .where(Slot.series_id == series.id, Slot.starts_at > utcnow(), Booking.user_id == user_id,
                   Booking.status.in_(ACTIVE))
            .order_by(Slot.starts_at, Slot.id).with_for_update(of=Booking)).all()
        for booking in coming:
            cancel_active(booking)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return len(coming)


def is_standing(series_id: int, user_id: int | None) -> bool:
    return bool(user_id) and db.session.scalar(select(StandingBooking.id).where(
        StandingBooking.series_id == series_id, StandingBooking.user_id == user_id)) is not None


# --- a whole date ------------------------------------------------------------------------------------

def cancel_slot_here(slot: Slot, reason: str) -> int:
    """In the caller's transaction: the date is off; everyone booked is told. Returns how many."""
    slot.is_cancelled = True
    slot.note = str(reason).strip()[:200]
    rules = rules_for(slot)
    rules.changed(slot.neighbourhood_id)
    people = db.session.scalars(select(Booking).where(Booking.slot_id == slot.id, Booking.status.in_(ACTIVE))
                                .options(selectinload(Booking.user))).all()
    for booking in people:
        rules.slot_cancelled(booking, slot.note)
    return len(people)


def cancel_slot(slot: Slot, reason: str) -> int:
    if slot.is_cancelled:
        raise rules_for(slot).already_cancelled_error()
    told = cancel_slot_here(slot, reason)
    db.session.commit()
    return told


def restore_slot(slot: Slot) -> None:
    slot.is_cancelled = False
    slot.note = ""
    rules_for(slot).changed(slot.neighbourhood_id)
    db.session.commit()


# --- reminders --------------------------------------------------------------------------------------

def send_reminders(now: datetime | None = None) -> int:
    """For cron: an email the day before to everyone with a place on a date tomorrow, for the
    features that send one. Each booking is claimed (reminded_at set by a conditional UPDATE) in
    the transaction that queues its mail, so two runs at once send nothing twice."""
    now = now or utcnow()
    tomorrow = recurrence.to_local(now).date() + timedelta(days=1)
    start, end = recurrence.day_bounds_utc(tomorrow, 1)
    due = db.session.scalars(
        select(Booking.id).join(Slot, Slot.id == Booking.slot_id)
        .where(Booking.status == Status.CONFIRMED.value, Booking.reminded_at.is_(None), Slot.starts_at >= start,
               Slot.starts_at < end, Slot.is_cancelled.is_(False))).all()
    db.session.commit()
    return sum(_remind(booking_id, now) for booking_id in due)


def _remind(booking_id: int, now: datetime) -> int:
    begin_write_transaction(db.session)
    claimed = db.session.execute(
        update(Booking).where(Booking.id == booking_id, Booking.reminded_at.is_(None))
        .values(reminded_at=now).execution_options(synchronize_session=False)).rowcount == 1
    booking = db.session.get(Booking, booking_id) if claimed else None
    if booking is None or not rules_for(booking.slot).reminder(booking):
        db.session.rollback()  # not claimed, or a feature that sends no reminders: leave it unmarked
        return 0
    db.session.commit()
    return 1


# --- reading -----------------------------------------------------------------------------------------

def booking_of(slot_id: int, user_id: int) -> Booking | None:
    return db.session.scalar(select(Booking).where(Booking.slot_id == slot_id, Booking.user_id == user_id))


def my_bookings_for(user_id: int | None, slot_ids: list[int]) -> dict[int, Booking]:
    """{slot id: this person's active booking} for these dates."""
    if not user_id or not slot_ids:
        return {}
    rows = db.session.scalars(select(Booking).where(Booking.user_id == user_id, Booking.slot_id.in_(slot_ids),
                                                    Booking.status.in_(ACTIVE)))
    return {row.slot_id: row for row in rows}


def bookings_by_slot(slot_ids: list[int]) -> dict[int, list[Booking]]:
    """Who booked (confirmed, waiting, offering) each of these dates, in order."""
    found: dict[int, list[Booking]] = {slot_id: [] for slot_id in slot_ids}
    if not slot_ids:
        return found
    rows = db.session.scalars(
        select(Booking).where(Booking.slot_id.in_(slot_ids), Booking.status.in_(ACTIVE))
        .options(selectinload(Booking.user)).order_by(Booking.status, Booking.created_at, Booking.id))
    for row in rows:
        found[row.slot_id].append(row)
    return found


def active_counts(slot_ids: list[int]) -> dict[int, int]:
    if not slot_ids:
        return {}
    return dict(db.session.execute(
        select(Booking.slot_id, func.count()).where(Booking.slot_id.in_(slot_ids), Booking.status.in_(ACTIVE))
        .group_by(Booking.slot_id)).all())


def has_confirmed_booking(series_id: int, user_id: int) -> bool:
    """A confirmed place on any date of the series."""
    return db.session.scalar(select(Booking.id).join(Slot, Slot.id == Booking.slot_id).where(
        Slot.series_id == series_id, Booking.user_id == user_id,
        Booking.status == Status.CONFIRMED.value).limit(1)) is not None

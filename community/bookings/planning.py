"""Making the dates of a series: kept ready up to a horizon, never from before the planning
window, and at most a bounded number in one call (community.recurrence)."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from community import recurrence
from community.bookings.models import Series, Slot, StandingBooking
from community.bookings.rules import all_rules, rules_for
from community.bookings.services import add_booking
from community.db import utcnow
from community.extensions import db


def horizon_of(series: Series) -> date:
    return recurrence.local_today() + rules_for(series).horizon


def planned_dates(series: Series, start: date | None = None, until: date | None = None) -> list[recurrence.Slot]:
    """The plan's dates from `start` (or the earliest date the window allows) up to `until` (or the horizon)."""
    return recurrence.slots(series.rrule, series.first_date, series.start_time, series.duration_minutes,
                            start or recurrence.expansion_start(series.first_date), until or horizon_of(series),
                            series.until_date)


def materialise(series: Series, until: date | None = None) -> list[Slot]:
    """Create the series' dates up to the horizon; standing bookings book the new ones. At most
    MAX_DATES_PER_EXPANSION in one call: materialised_until then stops at the last one made, and
    the next call goes on from there. Returns the new slots (flushed, in the caller's transaction)."""
    rules = rules_for(series)
    until = until or horizon_of(series)
    start = (series.materialised_until + timedelta(days=1)) if series.materialised_until else series.first_date
    start = recurrence.expansion_start(start)
    if start > until or not rules.plans_dates(series):
        return []
    existing = set(db.session.scalars(select(Slot.original_starts_at).where(Slot.series_id == series.id)))
    planned = planned_dates(series, start, until)
    if len(planned) == recurrence.MAX_DATES_PER_EXPANSION:
        until = recurrence.to_local(planned[-1].original_starts_at).date()
    created = [_new_slot(rules, series, plan) for plan in planned if plan.original_starts_at not in existing]
    series.materialised_until = until
    db.session.flush()
    standing = db.session.scalars(select(StandingBooking.user_id).where(StandingBooking.series_id == series.id)).all()
    for slot in created:
        for user_id in standing:
            add_booking(slot, user_id)
    return created


def _new_slot(rules, series: Series, plan: recurrence.Slot) -> Slot:
    slot = rules.new_slot(series)
    slot.series_id, slot.neighbourhood_id = series.id, series.neighbourhood_id
    slot.original_starts_at, slot.starts_at, slot.ends_at = plan.original_starts_at, plan.starts_at, plan.ends_at
    slot.capacity = series.places_per_date
    db.session.add(slot)
    return slot


def extend_all(feature: str) -> int:
    """For cron: keep dates ready up to the horizon for every recurring series of one feature."""
    rules = all_rules()[feature]
    created = 0
    for series in db.session.scalars(select(Series).where(Series.feature == feature, Series.rrule != "")).all():
        if rules.plans_dates(series) and (new_slots := materialise(series)):
            created += len(new_slots)
            rules.changed(series.neighbourhood_id)
    db.session.commit()
    return created


def coming_slots(series: Series, *, include_cancelled: bool = True) -> list[Slot]:
    query = select(Slot).where(Slot.series_id == series.id, Slot.starts_at > utcnow())
    if not include_cancelled:
        query = query.where(Slot.is_cancelled.is_(False))
    return list(db.session.scalars(query.order_by(Slot.starts_at, Slot.id)))


def set_coming_places(series: Series, places: int | None) -> None:
    """Coming dates get a new number of places, never fewer than already taken."""
    for slot in coming_slots(series):
        slot.capacity = None if places is None else max(places, slot.confirmed_count)

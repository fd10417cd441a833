"""Tellen en vertellen for volunteering: who helped, dates covered, hours given."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, or_, select

from community import recurrence
from community.bookings.models import Booking, Presence, Status
from community.db import utcnow
from community.extensions import db
from community.talents.models import TalentProfile, Visibility
from community.volunteering.models import Shift, Task


@dataclass(frozen=True)
class Period:
    volunteers: int
    shifts: int
    minutes: int

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass(frozen=True)
class Counts:
    month: Period
    year: Period
    open_tasks: int
    people_with_talents: int


def counts(neighbourhood_id: int, today: date | None = None) -> Counts:
    """Tellen en vertellen: who helped, how many dates were covered, how many hours were given.
    A date counts once it has ended; someone marked absent is not counted."""
    today = today or recurrence.local_today()
    month_start = recurrence.to_utc(datetime.combine(today.replace(day=1), time.min))
    year_start = recurrence.to_utc(datetime.combine(today.replace(month=1, day=1), time.min))
    return Counts(month=_period(neighbourhood_id, month_start), year=_period(neighbourhood_id, year_start),
                  open_tasks=db.session.scalar(
                      select(func.count(func.distinct(Shift.task_id))).join(Shift.task)
                      .where(Shift.neighbourhood_id == neighbourhood_id, Shift.starts_at > utcnow(),
                             Shift.is_cancelled.is_(False), Task.is_closed.is_(False))) or 0,
                  people_with_talents=db.session.scalar(select(func.count()).where(
                      TalentProfile.neighbourhood_id == neighbourhood_id,
                      TalentProfile.visibility != Visibility.HIDDEN.value)) or 0)


def _period(neighbourhood_id: int, since: datetime) -> Period:
    volunteers, shifts, minutes = db.session.execute(_given(
        neighbourhood_id, since, func.count(func.distinct(Booking.user_id)), func.count(func.distinct(Shift.id)),
        func.coalesce(func.sum(Task.duration_minutes), 0))).one()
    return Period(volunteers, shifts, int(minutes))


def minutes_given(neighbourhood_id: int, since: datetime, until: datetime):
    """The minutes volunteers gave from `since` to `until`, as a scalar subquery another query can hold."""
    return _given(neighbourhood_id, since, func.coalesce(func.sum(Task.duration_minutes), 0), until=until) \
        .scalar_subquery()


def _given(neighbourhood_id: int, since: datetime, *columns, until: datetime | None = None):
    """Confirmed help on dates that have ended (someone marked absent does not count)."""
    return (select(*columns)
            .select_from(Booking).join(Shift, Shift.id == Booking.slot_id).join(Task, Task.id == Shift.task_id)
            .where(Shift.neighbourhood_id == neighbourhood_id, Shift.starts_at >= since,
                   Shift.ends_at <= (until or utcnow()), Shift.is_cancelled.is_(False),
                   Booking.status == Status.CONFIRMED.value,
                   or_(Booking.presence.is_(None), Booking.presence != Presence.ABSENT.value)))

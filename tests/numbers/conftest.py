"""A month of known events in De Ruwaard (March 2026, with the clocks going forward on the 29th), with
things just outside it on either side and in Selwerd."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from community import recurrence
from community.agenda.models import Activity, Occurrence
from community.bookings.models import Booking
from community.extensions import db
from community.initiatives.models import Initiative
from community.talents.models import TalentProfile
from community.volunteering.models import Shift, Task

FEB, MAR, APR, MAY = date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return recurrence.to_utc(datetime.combine(day, time(hour, minute)))


def _activity(neighbourhood, title="Koffieochtend"):
    activity = Activity(neighbourhood_id=neighbourhood.id, title=title, first_date=MAR, start_time=time(10),
                        duration_minutes=60)
    db.session.add(activity)
    db.session.flush()
    return activity


def _date(activity, starts: datetime, *, cancelled=False, came=(), absent=(), cancelled_bookings=()):
    occurrence = Occurrence(series_id=activity.id, activity_id=activity.id, neighbourhood_id=activity.neighbourhood_id,
                            original_starts_at=starts, starts_at=starts, ends_at=starts + timedelta(hours=1),
                            is_cancelled=cancelled)
    db.session.add(occurrence)
    db.session.flush()
    _bookings(occurrence, came, absent, cancelled_bookings)
    return occurrence


def _bookings(slot, came=(), absent=(), cancelled=()):
    for user in came:
        db.session.add(Booking(slot_id=slot.id, user_id=user.id, status="confirmed"))
    for user in absent:
        db.session.add(Booking(slot_id=slot.id, user_id=user.id, status="confirmed", presence="absent"))
    for user in cancelled:
        db.session.add(Booking(slot_id=slot.id, user_id=user.id, status="cancelled"))


def _task(neighbourhood, starts: datetime, minutes: int, *, origin="coordinator", came=(), absent=()):
    task = Task(neighbourhood_id=neighbourhood.id, title="Bardienst", origin=origin, first_date=starts.date(),
                start_time=time(10), duration_minutes=minutes)
    db.session.add(task)
    db.session.flush()
    shift = Shift(series_id=task.id, task_id=task.id, neighbourhood_id=neighbourhood.id, original_starts_at=starts,
                  starts_at=starts, ends_at=starts + timedelta(minutes=minutes))
    db.session.add(shift)
    db.session.flush()
    _bookings(shift, came, absent)


def _initiative(neighbourhood, state, *, submitted=None, published=None, finished=None, hidden=False):
    db.session.add(Initiative(neighbourhood_id=neighbourhood.id, title="Speeltuin", want="Opknappen", state=state,
                              submitted_at=submitted, published_at=published, finished_at=finished, is_hidden=hidden))


@pytest.fixture
def month(make_neighbourhood, make_user):
    """March 2026 in De Ruwaard, with things just outside it on either side and in Selwerd."""
    here, elsewhere = make_neighbourhood("De Ruwaard"), make_neighbourhood("Selwerd")
    ayse, bram, chen, dirk, eva = (make_user(neighbourhood=here, name=name) for name in ("Ayşe", "Bram", "Chen", "Dirk", "Eva"))
    coffee = _activity(here)
    _date(coffee, local(date(2026, 3, 10), 10), came=(ayse, bram), absent=(chen,), cancelled_bookings=(dirk,))
    _date(coffee, local(date(2026, 3, 31), 23, 30), came=(ayse,))      # the last half hour of March
    _date(coffee, local(date(2026, 4, 1), 0, 30), came=(bram,))        # April in Amsterdam, still March in UTC
    _date(coffee, local(date(2026, 2, 28), 23, 30), came=(eva,))       # February
    _date(coffee, local(date(2026, 3, 15), 10), cancelled=True, came=(eva,))
    _date(_activity(elsewhere), local(date(2026, 3, 12), 10), came=(eva,))
    _task(here, local(date(2026, 3, 5), 10), 120, came=(ayse,), absent=(bram,))
    _task(here, local(date(2026, 3, 30), 10), 60, origin="request", came=(chen,))
    _task(here, local(date(2026, 3, 31), 23), 30, came=(ayse,))         # March; a volunteer counted once
    _initiative(here, "published", submitted=local(date(2026, 3, 2), 9), published=local(date(2026, 3, 3), 9))
    _initiative(here, "done", submitted=local(date(2026, 2, 27), 9), published=local(date(2026, 3, 1), 0, 30),
                finished=local(date(2026, 3, 20), 9))
    _initiative(here, "published", submitted=local(date(2026, 3, 4), 9), published=local(date(2026, 3, 5), 9),
                hidden=True)
    for user, skills, visibility in ((ayse, "cooking", "neighbourhood"), (bram, "cooking", "hidden"), (chen, "", "neighbourhood")):
        db.session.add(TalentProfile(user_id=user.id, neighbourhood_id=here.id, skills=skills, visibility=visibility,
                                     created_at=local(date(2026, 3, 9), 12)))
    db.session.commit()
    return here, elsewhere, (ayse, bram, chen, dirk, eva)

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from community import recurrence
from community.talents import services as talents
from community.volunteering import services as volunteering
from community.volunteering.models import Origin


def next_weekday(weekday: int) -> date:
    """The first such weekday from tomorrow on."""
    day = recurrence.local_today() + timedelta(days=1)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


@pytest.fixture
def make_task(make_user):
    """make_task(neighbourhood, title=…, people=…, pattern=…, skills=[…], request=False, …) -> Task."""

    def make(neighbourhood, *, title="Bardienst", people=2, pattern="once", skills=(), first_date=None,
             start=time(14), minutes=120, place="Huis van de Wijk", private_place="", request=False, posted_by=None,
             need=None):
        posted_by = posted_by or make_user(role="coordinator" if not request else "resident", neighbourhood=neighbourhood)
        return volunteering.post_task(neighbourhood, volunteering.TaskDetails(
            title=title, description="", skills=list(skills), people_needed=people, place=place,
            first_date=first_date or next_weekday(1), start_time=start, duration_minutes=minutes, pattern=pattern,
            private_place=private_place), posted_by=posted_by,
            origin=Origin.REQUEST if request else Origin.COORDINATOR, need=need)

    return make


@pytest.fixture
def make_profile():
    """make_profile(user, neighbourhood, skills=[…], free=["1-1"], visibility=…) -> TalentProfile."""

    def make(user, neighbourhood, *, skills=("cooking",), free=(), visibility="neighbourhood", own_words=""):
        return talents.save_profile(user, neighbourhood, talents.ProfileAnswers(
            list(skills), own_words, "", "", list(free), visibility))

    return make

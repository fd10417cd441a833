from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from community import recurrence
from community.agenda import services as agenda


@pytest.fixture
def make_activity(app):
    def make(neighbourhood, *, title="Koffie-ochtend", pattern="weekly", first_date: date | None = None,
             start=time(10, 0), minutes=120, capacity=None, needs_signup=None, room="first", kind="coffee",
             cost_cents=0, languages=("nl",), organiser_id=None, until_date=None):
        first_date = first_date or recurrence.local_today() + timedelta(days=1)
        room_id = neighbourhood.house.rooms[0].id if room == "first" else room
        return agenda.create_activity(neighbourhood, agenda.ActivityDetails(
            title=title, description="", kind=kind, room_id=room_id, organiser_id=organiser_id,
            cost_cents=cost_cents, needs_signup=(capacity is not None) if needs_signup is None else needs_signup,
            capacity=capacity, languages=list(languages), first_date=first_date, start_time=start,
            duration_minutes=minutes, pattern=pattern, until_date=until_date))

    return make

"""The tasks list and the talents page answer a revisit with 304 until something they show changed."""
from __future__ import annotations

import pytest

from community.extensions import db
from community.talents import services as talents
from community.volunteering import services as volunteering
from tests.revisits import etag_of, revisit


def _a_new_task(place, make_task, make_profile):
    make_task(place[0], title="Ramen lappen")
    return "/haard/tasks/", "Ramen lappen"


def _a_volunteer_signs_up(place, make_task, make_profile):
    shift = volunteering.coming_shifts(place[1])[0]
    volunteering.volunteer_for_shift(shift.id, place[2].id)
    return "/haard/tasks/", "je doet mee"


def _a_talent_offered(place, make_task, make_profile):
    make_profile(place[2], place[0], skills=("cooking",))
    return "/haard/talents/", "Koken"


def _an_asset_added(place, make_task, make_profile):
    talents.add_asset(place[0], "place", "Buurttuin achter de school", "", "")
    return "/haard/talents/", "Buurttuin achter de school"


@pytest.fixture
def place(make_neighbourhood, make_task, make_user):
    neighbourhood = make_neighbourhood("De Haard", slug="haard")
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    return neighbourhood, make_task(neighbourhood, title="Bardienst"), make_user(neighbourhood=neighbourhood), coordinator


@pytest.mark.parametrize("write", [_a_new_task, _a_volunteer_signs_up, _a_talent_offered, _an_asset_added])
def test_no_tasks_or_talents_page_is_stale_after_a_write(client, login_as, make_task, make_profile, place, write):
    login_as(place[2])
    before = {url: client.get(url) for url in ("/haard/tasks/", "/haard/talents/")}
    url, expected = write(place, make_task, make_profile)
    db.session.expire_all()
    after = revisit(client, url, etag_of(before[url]))
    assert after.status_code == 200 and expected in after.text
    assert revisit(client, url, etag_of(after)).status_code == 304

"""The initiatives' list and page answer a revisit with 304 until something they show changed."""
from __future__ import annotations

import pytest

from community.extensions import db
from community.initiatives import services as initiatives
from tests.revisits import etag_of, revisit


def _publish_another(place, make_initiative, make_user):
    make_initiative(place[0], state="published", title="Moestuin")
    return "/haard/initiatives/", "Moestuin"


def _a_draft_of_mine(place, make_initiative, make_user):
    make_initiative(place[0], proposer=place[2], title="Buurtfeest")
    return "/haard/initiatives/", "Buurtfeest"


def _support(place, make_initiative, make_user):
    initiatives.toggle_support(place[1], make_user(neighbourhood=place[0]).id)
    return f"/haard/initiatives/{place[1].id}", "1 steunt dit"


def _a_new_need(place, make_initiative, make_user):
    initiatives.add_need(place[1], "things", "Een ladder", None, None)
    return f"/haard/initiatives/{place[1].id}", "Een ladder"


def _a_task_for_a_need(place, make_initiative, make_user):
    from datetime import time

    from community.volunteering import services as volunteering
    from tests.volunteering.conftest import next_weekday

    need = place[1].needs[0]
    volunteering.post_task(place[0], volunteering.TaskDetails(
        title="Schilderen op zaterdag", description="", skills=[], people_needed=2, place="Speeltuin",
        first_date=next_weekday(5), start_time=time(10), duration_minutes=120, pattern="once", private_place=""),
        posted_by=make_user(role="coordinator", neighbourhood=place[0]), need=need)
    return f"/haard/initiatives/{place[1].id}", "Schilderen op zaterdag"


@pytest.fixture
def place(make_neighbourhood, make_initiative, make_user):
    neighbourhood = make_neighbourhood("De Haard", slug="haard")
    return neighbourhood, make_initiative(neighbourhood, state="published"), make_user(neighbourhood=neighbourhood)


@pytest.mark.parametrize("write", [_publish_another, _a_draft_of_mine, _support, _a_new_need, _a_task_for_a_need])
@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_no_initiative_page_is_stale_after_a_write(client, login_as, make_user, make_initiative, place, write, who):
    if who == "resident":
        login_as(place[2])
    urls = ["/haard/initiatives/", f"/haard/initiatives/{place[1].id}"]
    before = {url: client.get(url) for url in urls}
    url, expected = write(place, make_initiative, make_user)
    if who == "anonymous" and write is _a_draft_of_mine:
        expected = "Speeltuin"      # a draft shows only to its proposer; the list is still fresh
    db.session.expire_all()
    after = revisit(client, url, etag_of(before[url]))
    assert after.status_code == 200 and expected in after.text
    assert revisit(client, url, etag_of(after)).status_code == 304

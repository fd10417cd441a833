"""'Hoe was het?': only who came answers, once; only a monthly average over five answers or more shows."""
from __future__ import annotations

from datetime import timedelta

import pytest

from community.db import utcnow
from community.extensions import db
from community.numbers.overview import month_so_far
from community.permissions import can
from community.recurrence import local_today, to_local
from community.stories import wellbeing
from tests.conftest import csrf_token_from
from tests.numbers.conftest import _activity, _date


@pytest.fixture
def coffee(make_neighbourhood, make_user):
    here = make_neighbourhood("De Ruwaard", slug="ruwaard")
    people = [make_user(neighbourhood=here, name=f"Buur {n}") for n in range(7)]
    ended = utcnow() - timedelta(hours=2)
    occurrence = _date(_activity(here), ended - timedelta(hours=1), came=people[:6], absent=people[6:])
    db.session.commit()
    return here, occurrence, people


def test_who_came_answers_once_and_who_did_not_is_refused(coffee):
    here, occurrence, people = coffee
    assert can(people[0], "answer_wellbeing", occurrence) and not can(people[6], "answer_wellbeing", occurrence)
    assert wellbeing.question_for(here.id, people[0].id).id == occurrence.id
    wellbeing.answer(occurrence, people[0].id, 3)
    wellbeing.answer(occurrence, people[0].id, 1)   # a second tap changes nothing
    assert wellbeing.question_for(here.id, people[0].id) is None
    with pytest.raises(wellbeing.WellbeingError):
        wellbeing.answer(occurrence, people[6].id, 3)
    with pytest.raises(wellbeing.WellbeingError):
        wellbeing.answer(occurrence, people[1].id, 4)


def test_only_an_average_over_five_answers_shows(coffee):
    here, occurrence, people = coffee
    today = to_local(utcnow()).date()
    for person, score in zip(people[:4], (3, 3, 2, 1)):
        wellbeing.answer(occurrence, person.id, score)
    found = month_so_far(here.id, today, utcnow(), ("wellbeing", "wellbeing_answers"))
    assert found["wellbeing"].is_hidden and found["wellbeing_answers"].is_small
    wellbeing.answer(occurrence, people[4].id, 3)
    found = month_so_far(here.id, today, utcnow(), ("wellbeing", "wellbeing_answers"))
    assert found["wellbeing"].amount == 12 and found["wellbeing"].per == 5 and not found["wellbeing"].is_hidden


def test_one_tap_on_the_home_page(client, login_as, coffee):
    here, occurrence, people = coffee
    login_as(people[0])
    home = client.get("/ruwaard/")
    assert "how-was-it" in home.text
    answered = client.post(f"/ruwaard/stories/how-was-it/{occurrence.id}",
                           data={"csrf_token": csrf_token_from(home.text), "score": "3"})
    assert answered.status_code == 303 and "how-was-it" not in client.get("/ruwaard/").text
    login_as(people[6])
    assert client.post(f"/ruwaard/stories/how-was-it/{occurrence.id}",
                       data={"csrf_token": csrf_token_from(home.text), "score": "3"}).status_code == 403

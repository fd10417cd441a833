"""The screen's address, its deck (ETag and 304), revoking, checking in, the coordinator's pages."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from community.db import utcnow
from community.extensions import cache, db
from community.kiosk import services as screens
from community.kiosk.models import SLIDES, KioskCheckIn


@pytest.fixture
def hall(make_neighbourhood, make_user):
    neighbourhood = make_neighbourhood("De Ruwaard", slug="ruwaard")
    screen = screens.add_screen(neighbourhood.id, screens.ScreenSettings("Hal De Haard", list(SLIDES), ["nl", "ar"]))
    return neighbourhood, screen, make_user(role="coordinator", neighbourhood=neighbourhood)


def test_the_screen_opens_with_its_secret_address_and_nothing_else(client, hall):
    _neighbourhood, screen, _coordinator = hall
    page = client.get(f"/kiosk/{screen.token}")
    assert page.status_code == 200 and 'hx-trigger="every 60s"' in page.text and 'lang="ar"' in page.text
    assert page.headers["Cache-Control"] == "no-store"
    assert client.get("/kiosk/" + "x" * 43).status_code == 404
    other = "B" if screen.token.endswith("A") else "A"
    assert client.get("/kiosk/" + screen.token[:-1] + other).status_code == 404


def test_an_unchanged_deck_answers_304(client, hall):
    _neighbourhood, screen, _coordinator = hall
    first = client.get(f"/kiosk/{screen.token}/deck", headers={"HX-Request": "true"})
    assert first.status_code == 200 and first.headers["ETag"] and "no-cache" in first.headers["Cache-Control"]
    again = client.get(f"/kiosk/{screen.token}/deck", headers={"HX-Request": "true", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_asking_for_a_reload_or_a_new_message_changes_the_deck(client, hall):
    _neighbourhood, screen, _coordinator = hall
    before = client.get(f"/kiosk/{screen.token}/deck").headers["ETag"]
    screens.ask_to_reload(screen)
    after_reload = client.get(f"/kiosk/{screen.token}/deck")
    assert after_reload.headers["ETag"] != before and 'data-reload="20' in after_reload.text
    screens.change_screen(screen, screens.ScreenSettings("Hal De Haard", list(SLIDES), ["nl"], "Vandaag dicht"))
    banner = client.get(f"/kiosk/{screen.token}/deck")
    assert banner.headers["ETag"] != after_reload.headers["ETag"] and "Vandaag dicht" in banner.text


def test_a_new_address_makes_the_old_one_404(client, hall):
    _neighbourhood, screen, _coordinator = hall
    old = screen.token
    screens.new_address(screen)
    assert client.get(f"/kiosk/{old}/deck").status_code == 404
    assert client.get(f"/kiosk/{screen.token}/deck").status_code == 200


def test_the_screen_checks_in_at_most_once_a_minute(client, hall):
    _neighbourhood, screen, _coordinator = hall
    client.get(f"/kiosk/{screen.token}/deck")
    first = db.session.scalar(select(KioskCheckIn.last_seen_at))
    client.get(f"/kiosk/{screen.token}/deck")
    assert db.session.scalar(select(KioskCheckIn.last_seen_at)) == first
    db.session.execute(KioskCheckIn.__table__.update().values(last_seen_at=utcnow() - timedelta(minutes=2)))
    db.session.commit()
    cache.delete(f"kiosk-seen:{screen.id}")  # a minute went by: the shared cache forgot the last note
    client.get(f"/kiosk/{screen.token}/deck")
    db.session.expire_all()
    assert db.session.scalar(select(KioskCheckIn.last_seen_at)) > first


def test_short_links_lead_to_the_page_and_have_a_qr_code(client, hall):
    from datetime import time

    from community import recurrence
    from community.agenda import services as agenda
    from community.agenda.models import Occurrence

    neighbourhood, _screen, _coordinator = hall
    activity = agenda.create_activity(neighbourhood, agenda.ActivityDetails(
        title="Koffie", description="", kind="coffee", room_id=None, organiser_id=None, cost_cents=0,
        needs_signup=False, capacity=None, languages=["nl"], first_date=recurrence.local_today() + timedelta(days=1),
        start_time=time(10), duration_minutes=60, pattern="once"))
    occurrence = db.session.scalar(select(Occurrence).where(Occurrence.activity_id == activity.id))
    answer = client.get(f"/k/a{occurrence.id}")
    assert answer.status_code == 302 and answer.location.endswith(f"/ruwaard/agenda/{occurrence.id}")
    assert client.get(f"/k/A{occurrence.id}").status_code == 302  # typed in capitals
    qr = client.get(f"/k/a{occurrence.id}/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"
    for wrong in ("a99999", "x1", "a", "a1" + "0" * 20):
        assert client.get(f"/k/{wrong}").status_code == 404


@pytest.mark.parametrize("who, status", [("anonymous", 302), ("resident", 403), ("other coordinator", 403),
                                         ("coordinator", 200)])
def test_only_the_neighbourhoods_coordinators_manage_its_screens(client, login_as, make_user, make_neighbourhood,
                                                                 hall, who, status):
    neighbourhood, screen, coordinator = hall
    people = {"resident": lambda: make_user(neighbourhood=neighbourhood), "coordinator": lambda: coordinator,
              "other coordinator": lambda: make_user(role="coordinator", neighbourhood=make_neighbourhood())}
    if who != "anonymous":
        login_as(people[who]())
    assert client.get("/ruwaard/coordinator/screens").status_code == status
    assert client.get(f"/ruwaard/coordinator/screens/{screen.id}").status_code == status
    posted = client.post(f"/ruwaard/coordinator/screens/{screen.id}/new_address")
    assert posted.status_code == (303 if status == 200 else status)
    if status == 200:
        page = client.get("/ruwaard/coordinator/screens").text
        assert "nog nooit gezien" in page and db.session.get(type(screen), screen.id).token in page


def test_a_screen_needs_a_name_a_slide_and_a_language(client, login_as, hall):
    _neighbourhood, _screen, coordinator = hall
    login_as(coordinator)
    answer = client.post("/ruwaard/coordinator/screens", data={"name": "Bibliotheek", "slides": [], "languages": []})
    assert answer.status_code == 422
    assert "Kies minstens één soort dia." in answer.text and 'value="Bibliotheek"' in answer.text
    assert client.post("/ruwaard/coordinator/screens", data={"name": "Bieb", "slides": ["today"],
                                                             "languages": ["nl", "tr"]}).status_code == 303


@pytest.mark.parametrize("name, limit", [("name", 80), ("banner", 160)])
def test_one_character_over_the_limit_is_answered_and_kept(client, login_as, hall, name, limit):
    _neighbourhood, screen, coordinator = hall
    login_as(coordinator)
    typed = "é" * (limit + 1)
    data = {"name": "Hal", "slides": ["today"], "languages": ["nl"], name: typed}
    answer = client.post(f"/ruwaard/coordinator/screens/{screen.id}", data=data)
    assert answer.status_code == 422 and f"hoogstens {limit} tekens" in answer.text and typed in answer.text

from __future__ import annotations

import csv
import io
import json
from datetime import time, timedelta

from sqlalchemy import select

from community import recurrence
from community.bookings.models import Booking
from community.agenda import services as agenda
from community.agenda.models import Activity, Occurrence
from community.extensions import db
from tests.agenda.test_sign_ups import first_occurrence


def test_week_page_and_its_htmx_fragment(client, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    make_activity(neighbourhood, title="Taalcafé", first_date=recurrence.local_today(), start=time(23, 0), minutes=30,
                  pattern="once", capacity=8, kind="language_cafe")
    page = client.get("/haard/agenda/")
    assert page.status_code == 200 and "Taalcafé" in page.text and "Vandaag" in page.text
    assert "nog 8 plaatsen" in page.text
    fragment = client.get("/haard/agenda/?kind=coffee", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text and 'id="agenda-results"' in fragment.text
    assert "Taalcafé" not in fragment.text and "Niets gevonden met dit filter" in fragment.text
    assert client.get("/haard/agenda/?week=not-a-date&kind=%00").status_code in (200, 400)


def test_home_page_shows_today(client, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    make_activity(neighbourhood, title="Koffie-ochtend", first_date=recurrence.local_today(), start=time(23, 0),
                  minutes=30, pattern="once")
    page = client.get("/haard/")
    assert "Vandaag in het Huis van de Wijk" in page.text and "Koffie-ochtend" in page.text
    assert "/haard/agenda/" in page.text


def test_sign_up_without_javascript_and_with_htmx(client, login_as, make_user, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    occurrence = first_occurrence(make_activity(neighbourhood, capacity=1))
    url = f"/haard/agenda/{occurrence.id}"
    assert "Log in om je aan te melden" in client.get(url).text
    assert client.post(url + "/signup").status_code == 302  # to the login page
    login_as(make_user(neighbourhood=neighbourhood))
    response = client.post(url + "/signup")
    assert response.status_code == 303 and response.location.endswith(url)
    assert "Je bent aangemeld" in client.get(url).text

    login_as(make_user(neighbourhood=neighbourhood))
    response = client.post(url + "/signup", headers={"HX-Request": "true"})
    assert response.status_code == 200 and "<html" not in response.text
    assert "wachtlijst, plaats 1" in response.text
    assert "wachtlijst" in json.loads(response.headers["HX-Trigger"])["announce"]
    response = client.post(url + "/cancel-signup", headers={"HX-Request": "true"})
    assert "Zet me op de wachtlijst" in response.text and "afgemeld" in json.loads(response.headers["HX-Trigger"])["announce"]


def test_join_every_week_from_the_widget(client, login_as, make_user, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    activity = make_activity(neighbourhood, capacity=10)
    occurrence = first_occurrence(activity)
    person = make_user(neighbourhood=neighbourhood)
    login_as(person)
    response = client.post(f"/haard/agenda/series/{activity.id}/join", data={"occurrence_id": occurrence.id},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Niet meer elke keer" in response.text
    assert db.session.query(Booking).filter_by(user_id=person.id).count() >= 52


def test_coordinator_creates_an_activity_and_bad_input_is_kept(client, login_as, make_user, make_neighbourhood):
    neighbourhood = make_neighbourhood(slug="haard")
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    assert client.get("/haard/agenda/new").status_code == 200
    form = {"title": "Repair café", "kind": "repair", "room_id": str(neighbourhood.house.rooms[0].id),
            "first_date": (recurrence.local_today() + timedelta(days=3)).isoformat(), "start_time": "19:00",
            "duration_minutes": "abc", "pattern": "weekly", "cost": "0", "languages": ["nl", "en"]}
    bad = client.post("/haard/agenda/new", data=form)
    assert bad.status_code == 422 and 'value="Repair café"' in bad.text and "Vul een duur in" in bad.text
    good = client.post("/haard/agenda/new", data={**form, "duration_minutes": "150"})
    assert good.status_code == 303
    activity = db.session.scalar(select(Activity).where(Activity.title == "Repair café"))
    assert activity.language_codes == ["nl", "en"] and activity.rrule.startswith("FREQ=WEEKLY")
    clash = client.post("/haard/agenda/new", data={**form, "title": "Yoga", "duration_minutes": "60", "pattern": "once"})
    assert clash.status_code == 422 and "Repair café" in clash.text


def test_residents_and_other_coordinators_cannot_run_the_agenda(client, login_as, make_user, make_neighbourhood, make_activity):
    own, other = make_neighbourhood(slug="haard"), make_neighbourhood(slug="ander")
    occurrence = first_occurrence(make_activity(own, capacity=3))
    login_as(make_user(neighbourhood=own))
    assert client.get("/haard/agenda/new").status_code == 403
    assert client.get(f"/haard/agenda/{occurrence.id}/participants").status_code == 403
    assert client.post(f"/haard/agenda/{occurrence.id}/cancel", data={"reason": "x"}).status_code == 403
    login_as(make_user(role="coordinator", neighbourhood=other))
    assert client.get(f"/haard/agenda/{occurrence.id}/participants").status_code == 403
    assert client.get(f"/ander/agenda/{occurrence.id}/participants").status_code == 404


def test_organiser_runs_their_own_activity(client, login_as, make_user, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    organiser = make_user(neighbourhood=neighbourhood)
    mine = first_occurrence(make_activity(neighbourhood, capacity=3, organiser_id=organiser.id))
    not_mine = first_occurrence(make_activity(neighbourhood, title="Bingo", capacity=3, start=time(15)))
    login_as(organiser)
    assert client.get(f"/haard/agenda/{mine.id}/participants").status_code == 200
    assert client.get(f"/haard/agenda/{not_mine.id}/participants").status_code == 403
    assert client.get("/haard/agenda/new").status_code == 403


def test_an_organiser_does_not_get_the_list_of_residents(client, login_as, make_user, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    organiser = make_user(neighbourhood=neighbourhood, name="Olga")
    make_user(neighbourhood=neighbourhood, name="Buurvrouw Zonder Rol")
    activity = make_activity(neighbourhood, organiser_id=organiser.id)
    login_as(organiser)
    page = client.get(f"/haard/agenda/series/{activity.id}/edit")
    assert page.status_code == 200 and "Olga" in page.text and "Buurvrouw Zonder Rol" not in page.text
    other = make_user(neighbourhood=neighbourhood)
    form = {"title": "Koffie", "kind": "coffee", "first_date": activity.first_date.isoformat(), "start_time": "10:00",
            "duration_minutes": "120", "pattern": "weekly", "languages": "nl", "organiser_id": str(other.id)}
    assert client.post(f"/haard/agenda/series/{activity.id}/edit", data=form).status_code == 303
    db.session.refresh(activity)
    assert activity.organiser_id == organiser.id  # the organiser is chosen by a coordinator
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    assert "Buurvrouw Zonder Rol" in client.get(f"/haard/agenda/series/{activity.id}/edit").text


def test_participants_csv_attendance_and_cancel(client, login_as, make_user, make_neighbourhood, make_activity, outbox):
    neighbourhood = make_neighbourhood(slug="haard")
    occurrence = first_occurrence(make_activity(neighbourhood, capacity=1))
    trickster = make_user(neighbourhood=neighbourhood, name="=SUM(A1)")
    waiting = make_user(neighbourhood=neighbourhood, name="Wim")
    agenda.sign_up_for_occurrence(occurrence.id, trickster.id)
    agenda.sign_up_for_occurrence(occurrence.id, waiting.id)
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    page = client.get(f"/haard/agenda/{occurrence.id}/participants")
    assert "Aangemeld (1)" in page.text and "Wachtlijst (1)" in page.text
    with client.get(f"/haard/agenda/{occurrence.id}/participants.csv") as response:
        rows = list(csv.reader(io.StringIO(response.text)))
    assert response.headers["Content-Type"].startswith("text/csv")
    assert rows[1][0] == "'=SUM(A1)" and rows[2][0] == "Wim"

    sign_up = db.session.scalar(select(Booking).where(Booking.user_id == trickster.id))
    response = client.post(f"/haard/agenda/{occurrence.id}/participants/{sign_up.id}/attendance",
                           data={"attended": "1"}, headers={"HX-Request": "true"})
    assert 'aria-pressed="true"' in response.text
    db.session.refresh(sign_up)
    assert sign_up.is_attended

    assert client.post(f"/haard/agenda/{occurrence.id}/cancel", data={"reason": ""}).status_code == 422
    assert client.post(f"/haard/agenda/{occurrence.id}/cancel", data={"reason": "Vakantie"}).status_code == 303
    assert len(outbox) == 2
    assert "Afgelast" in client.get(f"/haard/agenda/{occurrence.id}").text


def test_change_one_date_by_form(client, login_as, make_user, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    occurrence = first_occurrence(make_activity(neighbourhood))
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    local = recurrence.to_local(occurrence.starts_at)
    response = client.post(f"/haard/agenda/{occurrence.id}/change", data={
        "date": local.date().isoformat(), "start_time": "14:00", "duration_minutes": "60",
        "room_id": str(occurrence.room_id), "note": "Vandaag later"})
    assert response.status_code == 303
    db.session.refresh(occurrence)
    assert recurrence.to_local(occurrence.starts_at).hour == 14 and occurrence.is_changed
    assert client.post(f"/haard/agenda/{occurrence.id}/change", data={"date": "gisteren"}).status_code == 422


def test_pause_hides_a_series(client, login_as, make_user, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    activity = make_activity(neighbourhood, title="Zingen", first_date=recurrence.local_today() + timedelta(days=1))
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    week = recurrence.week_start(recurrence.local_today() + timedelta(days=1)).isoformat()
    assert "Zingen" in client.get(f"/haard/agenda/?week={week}").text
    assert client.post(f"/haard/agenda/series/{activity.id}/pause").status_code == 303
    client.get("/haard/")  # shows (and so clears) the "paused" message
    assert "Zingen" not in client.get(f"/haard/agenda/?week={week}").text


def test_poster_and_qr_code(client, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    make_activity(neighbourhood, title="Buurtlunch", first_date=recurrence.local_today() + timedelta(days=1))
    week = recurrence.week_start(recurrence.local_today() + timedelta(days=1)).isoformat()
    poster = client.get(f"/haard/agenda/poster?week={week}")
    assert poster.status_code == 200 and "Buurtlunch" in poster.text and "/haard/agenda/qr.svg" in poster.text
    qr = client.get("/haard/agenda/qr.svg")
    assert qr.headers["Content-Type"].startswith("image/svg+xml") and b"<svg" in qr.data


def test_my_agenda_and_the_private_feed(client, login_as, make_user, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    occurrence = first_occurrence(make_activity(neighbourhood, title="Vitality Club", capacity=5))
    person = make_user(neighbourhood=neighbourhood)
    agenda.sign_up_for_occurrence(occurrence.id, person.id)
    login_as(person)
    page = client.get("/haard/agenda/mine")
    assert "Vitality Club" in page.text and "Maak mijn agenda-link" in page.text
    client.post("/haard/agenda/mine/feed")
    token = agenda.existing_feed_token(person)
    assert token in client.get("/haard/agenda/mine").text
    feed = client.get(f"/calendar/{token}.ics")
    assert feed.status_code == 200 and b"Vitality Club" in feed.data
    client.post("/haard/agenda/mine/feed")
    assert client.get(f"/calendar/{token}.ics").status_code == 404  # the old link is revoked


def test_unknown_occurrence_and_foreign_ids_are_404(client, make_neighbourhood, make_activity):
    own, other = make_neighbourhood(slug="haard"), make_neighbourhood(slug="ander")
    occurrence = first_occurrence(make_activity(other))
    assert client.get(f"/haard/agenda/{occurrence.id}").status_code == 404
    assert client.get("/haard/agenda/999999").status_code == 404
    assert client.get(f"/haard/agenda/series/{occurrence.activity_id}.ics").status_code == 404
    del own


def test_the_cached_week_is_never_stale(app, client, login_as, make_user, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    day = recurrence.local_today() + timedelta(days=1)
    occurrence = first_occurrence(make_activity(neighbourhood, title="Bingo", first_date=day, capacity=3))
    week_url = f"/haard/agenda/?week={recurrence.week_start(day).isoformat()}"
    assert "nog 3 plaatsen" in client.get(week_url).text  # now cached
    person = make_user(neighbourhood=neighbourhood)
    login_as(person)
    assert "je bent aangemeld" not in client.get(week_url).text
    client.post(f"/haard/agenda/{occurrence.id}/signup")
    page = client.get(week_url).text
    assert "nog 2 plaatsen" in page and "je bent aangemeld" in page
    client.post("/account/logout")
    assert "nog 2 plaatsen" in client.get(week_url).text and "je bent aangemeld" not in client.get(week_url).text
    agenda.cancel_occurrence(db.session.get(Occurrence, occurrence.id), "Ziek")
    assert "Afgelast" in client.get(week_url).text
    english = app.test_client().get(week_url, headers={"Accept-Language": "en"}).text  # cached per language
    assert "Afgelast" not in english and 'lang="en"' in english


def test_unknown_filter_values_show_the_whole_week_and_make_no_cache_entries(app, client, make_neighbourhood, make_activity):
    from community.extensions import cache

    neighbourhood = make_neighbourhood(slug="filter")
    make_activity(neighbourhood, title="Praatgroep Noord", kind="language_cafe")
    client.get("/filter/agenda/")
    before = len(cache.cache._cache)
    for number in range(20):
        page = client.get(f"/filter/agenda/?kind=random{number}&language=xx{number}")
        assert page.status_code == 200 and "Praatgroep Noord" in page.text
    assert len(cache.cache._cache) == before
    assert "Praatgroep Noord" not in client.get("/filter/agenda/?kind=coffee").text  # a known value still filters

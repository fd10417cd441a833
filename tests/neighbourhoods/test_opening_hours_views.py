"""The house form's week (per role, bad input at its field with 422 and typed values kept) and the
opening hours on the neighbourhood's home page (in the reader's language, open now or not)."""
from __future__ import annotations

import re
from datetime import UTC, datetime, time

import pytest

from community.extensions import db
from community.neighbourhoods import hours
from community.neighbourhoods.hours import Period

DETAILS = {"house_name": "De Haard", "street_address": "Ruwaardsingel 2", "postcode": "5344 AA", "house_city": "Oss"}


def day_fieldset(html: str, code: str) -> str:
    found = re.search(rf'<fieldset class="day-hours" id="day-{code}".*?</fieldset>', html, re.S)
    assert found, f"no fieldset for {code}"
    return found.group(0)


@pytest.fixture
def coordinated(make_neighbourhood, make_user, login_as):
    neighbourhood = make_neighbourhood(slug="eigen")
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    return neighbourhood


def test_the_form_shows_the_week_as_saved(client, coordinated):
    for headers in ({}, {"HX-Request": "true"}):
        page = client.get("/eigen/coordinator/house", headers=headers)
        assert page.status_code == 200
    monday, tuesday = day_fieldset(page.text, "mo"), day_fieldset(page.text, "tu")
    assert 'type="time"' in monday and 'value="09:00"' in monday and 'value="17:00"' in monday
    assert "<legend>maandag</legend>" in monday
    assert re.search(r'<input[^>]*checked[^>]*name="tu_closed"|<input[^>]*name="tu_closed"[^>]*checked', tuesday)
    assert not re.search(r'name="mo_closed"[^>]*checked', monday)
    assert page.text.count('class="day-hours"') == 7


def test_a_coordinator_saves_a_week_with_a_lunch_break_and_a_night(client, coordinated):
    answer = client.post("/eigen/coordinator/house", data={
        **DETAILS, "mo_opens_1": "09:00", "mo_closes_1": "12:30", "mo_opens_2": "13:30", "mo_closes_2": "17:00",
        "fr_opens_1": "20:00", "fr_closes_1": "01:00", "su_closed": "y", "opening_note": "Zomer: korter"})
    assert answer.status_code == 303
    db.session.expire_all()
    assert hours.week_of(coordinated.house) == [Period(0, time(9), time(12, 30)), Period(0, time(13, 30), time(17)),
                                                Period(4, time(20), time(1))]
    home = client.get("/eigen/").text
    assert '<bdi dir="ltr">09:00–12:30</bdi> en <bdi dir="ltr">13:30–17:00</bdi>' in home
    assert '<bdi dir="ltr">20:00–01:00</bdi>' in home and "Zomer: korter" in home


@pytest.mark.parametrize("typed, day, message", [
    ({"mo_opens_1": "09:00", "mo_closes_1": ""}, "mo", "Vul ook in hoe laat het sluit."),
    ({"mo_opens_1": "", "mo_closes_1": "17:00"}, "mo", "Vul ook in hoe laat het opent."),
    ({"we_opens_1": "25:00", "we_closes_1": "17:00"}, "we", "Vul een tijd in zoals 09:00."),
    ({"we_opens_1": "9 uur", "we_closes_1": "17:00"}, "we", "Vul een tijd in zoals 09:00."),
    ({"th_opens_1": "17:00", "th_closes_1": "09:00"}, "th", "Na middernacht open blijven kan tot 06:00."),
    ({"th_opens_1": "09:00", "th_closes_1": "09:00"}, "th", "hetzelfde tijdstip"),
    ({"fr_opens_1": "09:00", "fr_closes_1": "13:00", "fr_opens_2": "12:00", "fr_closes_2": "17:00"}, "fr",
     "lopen door die van vrijdag (09:00–13:00) heen"),
    ({"sa_opens_1": "20:00", "sa_closes_1": "03:00", "su_opens_1": "02:00", "su_closes_1": "05:00"}, "su",
     "lopen door die van zaterdag (20:00–03:00) heen"),
    ({"sa_closed": "y", "sa_opens_1": "10:00", "sa_closes_1": "16:00"}, "sa", "Haal het vinkje weg"),
])
def test_a_broken_week_is_answered_at_the_day_with_422_keeping_what_was_typed(client, coordinated, typed, day,
                                                                                message):
    for headers in ({}, {"HX-Request": "true"}):
        answer = client.post("/eigen/coordinator/house", data={**DETAILS, **typed}, headers=headers)
        assert answer.status_code == 422
        fieldset = day_fieldset(answer.text, day)
        assert message in fieldset and 'aria-invalid="true"' in fieldset
        for name, value in typed.items():
            if value and not name.endswith("closed"):
                assert f'value="{value}"' in answer.text, name
        assert 'value="De Haard"' in answer.text
    db.session.expire_all()
    assert hours.week_of(coordinated.house) == [Period(0, time(9), time(17))]  # nothing saved


def test_a_second_period_with_a_message_stands_open(client, coordinated):
    answer = client.post("/eigen/coordinator/house", data={**DETAILS, "tu_opens_1": "09:00", "tu_closes_1": "12:00",
                                                           "tu_opens_2": "13:00", "tu_closes_2": ""})
    assert answer.status_code == 422
    assert '<details class="second-period" open>' in day_fieldset(answer.text, "tu")
    assert '<details class="second-period">' in day_fieldset(answer.text, "we")


def test_the_note_is_bounded_and_kept(client, coordinated):
    answer = client.post("/eigen/coordinator/house", data={**DETAILS, "opening_note": "x" * 501})
    assert answer.status_code == 422 and "Gebruik hoogstens 500 tekens." in answer.text
    assert 'dir="auto"' in re.search(r"<textarea[^>]*opening_note[^>]*>", answer.text).group(0)


@pytest.mark.parametrize("who, status", [("resident", 403), ("other_coordinator", 403), ("anonymous", 302),
                                         ("admin", 200)])
def test_only_who_coordinates_there_may_change_the_hours(client, login_as, make_user, make_neighbourhood, who, status):
    own, other = make_neighbourhood(slug="eigen"), make_neighbourhood(slug="ander")
    people = {"resident": lambda: make_user(neighbourhood=own),
              "other_coordinator": lambda: make_user(role="coordinator", neighbourhood=other),
              "admin": lambda: make_user(is_admin=True)}
    if who in people:
        login_as(people[who]())
    assert client.get("/eigen/coordinator/house").status_code == status
    answer = client.post("/eigen/coordinator/house", data={**DETAILS, "tu_opens_1": "09:00", "tu_closes_1": "12:00"})
    assert answer.status_code == (303 if status == 200 else status)
    db.session.expire_all()
    assert (Period(1, time(9), time(12)) in hours.week_of(own.house)) == (status == 200)


def test_the_home_page_says_whether_the_house_is_open_now(client, make_neighbourhood, monkeypatch):
    from community import pagecache
    from community.neighbourhoods import views

    make_neighbourhood(slug="eigen")  # Monday 09:00-17:00
    for module in (views, pagecache):
        monkeypatch.setattr(module, "utcnow", lambda: datetime(2027, 3, 1, 9, 0, tzinfo=UTC))  # Monday 10:00
    page = client.get("/eigen/").text
    assert "Nu open tot 17:00." in page and 'class="open-now is-open"' in page
    assert re.search(r'<div class="is-today">\s*<dt>maandag <span class="badge">vandaag</span>', page)
    for module in (views, pagecache):
        monkeypatch.setattr(module, "utcnow", lambda: datetime(2027, 3, 1, 16, 0, tzinfo=UTC))  # Monday 17:00
    page = client.get("/eigen/").text
    assert "Nu gesloten. Opent maandag om 09:00." in page and 'class="open-now is-closed"' in page
    assert "<dt>dinsdag t/m zondag</dt>" in page and "<dd>gesloten</dd>" in page


def test_an_arabic_page_names_the_days_in_arabic(client, make_neighbourhood):
    make_neighbourhood(slug="eigen")
    page = client.get("/eigen/", headers={"Accept-Language": "ar"}).text
    assert "الاثنين" in page and "maandag" not in page and "gesloten" not in page
    assert '<bdi dir="ltr">09:00–17:00</bdi>' in page


def test_a_house_without_hours_shows_no_hours(client, make_neighbourhood):
    neighbourhood = make_neighbourhood(slug="eigen")
    hours.set_opening_hours(neighbourhood.house, [], "")
    db.session.commit()
    page = client.get("/eigen/").text
    assert "Openingstijden" not in page and "open-now" not in page

"""How the agenda reads: today split at the present moment, a series as one card in Mijn agenda,
a year on a date that is not this year, and calendar files that name their time zone."""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import icalendar
from flask import render_template

from community import recurrence
from community.agenda import services as agenda
from community.agenda.home import today_in_house
from community.agenda.models import Occurrence
from community.extensions import db


def _dates(activity):
    return db.session.query(Occurrence).filter_by(activity_id=activity.id).order_by(Occurrence.starts_at).all()


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return recurrence.to_utc(datetime.combine(day, time(hour, minute)))


def test_today_is_split_at_the_present_moment(app, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    today = recurrence.local_today()
    rooms = neighbourhood.house.rooms
    make_activity(neighbourhood, title="Koffie", first_date=today, start=time(9, 30), minutes=120, pattern="once")
    make_activity(neighbourhood, title="Taalcafé", first_date=today, start=time(13, 30), minutes=90, pattern="once",
                  room=rooms[1].id if len(rooms) > 1 else None)
    make_activity(neighbourhood, title="Repair café", first_date=today, start=time(19), minutes=120, pattern="once")

    at_two = today_in_house(neighbourhood.id, now=_at(today, 14))
    assert [o.activity.title for o in at_two.coming] == ["Taalcafé", "Repair café"]  # Taalcafé is still going on
    assert [o.activity.title for o in at_two.earlier] == ["Koffie"]

    early = today_in_house(neighbourhood.id, now=_at(today, 8))
    assert len(early.coming) == 3 and not early.earlier
    late = today_in_house(neighbourhood.id, now=_at(today, 23))
    assert not late.coming and len(late.earlier) == 3
    assert [o.activity.title for o in today_in_house(neighbourhood.id, now=_at(today, 11, 30)).earlier] == ["Koffie"]


def test_earlier_today_is_greyed_and_offers_nothing_to_sign_up_for(app, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    today = recurrence.local_today()
    make_activity(neighbourhood, title="Koffie", first_date=today, start=time(9, 30), minutes=60, pattern="once",
                  capacity=8)
    make_activity(neighbourhood, title="Bingo", first_date=today, start=time(19), minutes=60, pattern="once",
                  capacity=8)
    split = today_in_house(neighbourhood.id, now=_at(today, 12))
    with app.test_request_context("/haard/"):
        html = render_template("agenda/_today.html", neighbourhood=neighbourhood,
                               section_data={"coming": split.coming, "earlier": split.earlier})
    coming, earlier = html.split("Eerder vandaag")
    assert "Bingo" in coming and "nog 8 plaatsen" in coming and "is-past" not in coming
    assert "Koffie" in earlier and 'class="event has-picture is-past"' in earlier and "afgelopen" in earlier
    assert "plaats" not in earlier and "<form" not in earlier
    assert '<details class="today-earlier">' in coming  # folded away while something is still to come

    nothing_left = today_in_house(neighbourhood.id, now=_at(today, 22))
    with app.test_request_context("/haard/"):
        html = render_template("agenda/_today.html", neighbourhood=neighbourhood,
                               section_data={"coming": nothing_left.coming, "earlier": nothing_left.earlier})
    assert "Vandaag komt er niets meer." in html and "Vandaag staat er niets" not in html
    assert '<details class="today-earlier" open>' in html  # nothing else to show: open


def test_a_series_is_one_card_in_my_agenda(client, login_as, make_user, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    bingo = make_activity(neighbourhood, title="Bingo", capacity=30)
    person = make_user(neighbourhood=neighbourhood)
    login_as(person)
    response = client.post(f"/haard/agenda/series/{bingo.id}/join", follow_redirects=True)
    count = len(_dates(bingo))
    assert count >= 52
    assert f"Je komt voortaan elke keer naar \u2068Bingo\u2069. Je staat nu op de lijst voor de komende {count} keer" in response.text
    assert "datums)" not in response.text

    page = client.get("/haard/agenda/mine").text
    weekday = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"][bingo.first_date.weekday()]
    assert page.count('class="event series-card"') == 1
    assert f"Elke {weekday}" in page and "Niet meer elke keer" in page and "Volgende keer" in page
    assert page.count(">Bingo</a>") == 1
    assert len(re.findall(r'href="/haard/agenda/\d+"', page)) >= count  # every date, to skip one

    response = client.post(f"/haard/agenda/series/{bingo.id}/leave", data={"back": "mine"})
    assert response.status_code == 303 and response.location.endswith("/haard/agenda/mine")
    assert "series-card" not in client.get("/haard/agenda/mine").text


def test_a_date_shows_its_year_when_it_is_not_this_year(client, login_as, make_user, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    today = recurrence.local_today()
    soon = make_activity(neighbourhood, title="Soon", capacity=5, pattern="once", first_date=today + timedelta(days=1))
    later = make_activity(neighbourhood, title="Later", capacity=5, pattern="once",
                          first_date=date(today.year + 1, 1, 15), start=time(14))
    person = make_user(neighbourhood=neighbourhood)
    for activity in (soon, later):
        agenda.sign_up_for_occurrence(_dates(activity)[0].id, person.id)
    login_as(person)
    page = client.get("/haard/agenda/mine").text
    assert f"15 jan. {today.year + 1}" in page or f"15 jan {today.year + 1}" in page
    soon_card = page.split(">Soon</a>")[0].rsplit('<li class="event', 1)[1]
    shown = soon_card.split("</time>")[0].rsplit('">', 2)[1]  # the text of the date, not its datetime attribute
    tomorrow = today + timedelta(days=1)
    assert str(tomorrow.day) in shown
    assert (str(tomorrow.year) in shown) == (tomorrow.year != today.year)


def _served_calendars(client, login_as, make_user, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    weekly = make_activity(neighbourhood, title="Koffie", capacity=10)
    once = make_activity(neighbourhood, title="Lunch", pattern="once", start=time(12), minutes=60)
    dates = _dates(weekly)
    agenda.cancel_occurrence(dates[1], "Vakantie")
    agenda.change_occurrence(dates[2], new_start=dates[2].starts_at + timedelta(hours=3), duration_minutes=30,
                             room_id=dates[2].room_id, note="Later")
    person = make_user(neighbourhood=neighbourhood)
    agenda.join_series(weekly, person.id)
    token = agenda.feed_token_for(person)
    urls = ["/haard/agenda/feed.ics", f"/haard/agenda/series/{weekly.id}.ics", f"/haard/agenda/series/{once.id}.ics",
            f"/haard/agenda/{dates[0].id}.ics", f"/haard/agenda/{dates[2].id}.ics", f"/calendar/{token}.ics"]
    return urls, dates


def test_every_calendar_names_its_time_zone(client, login_as, make_user, make_neighbourhood, make_activity):
    urls, _ = _served_calendars(client, login_as, make_user, make_neighbourhood, make_activity)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "text/calendar", url
        calendar = icalendar.Calendar.from_ical(response.data)
        used = set(re.findall(rb"TZID=([^:;]+)", response.data))
        assert used == {b"Europe/Amsterdam"}, url
        zones = {str(zone["TZID"]): zone for zone in calendar.walk("VTIMEZONE")}
        assert set(zones) == {"Europe/Amsterdam"} and not calendar.get_missing_tzids(), url
        zone = zones["Europe/Amsterdam"].to_tz()
        for event in calendar.walk("VEVENT"):  # the VTIMEZONE gives the offset Amsterdam really has
            start = event["DTSTART"].dt
            assert start.replace(tzinfo=zone).utcoffset() == start.utcoffset(), (url, start)
        assert response.data.index(b"BEGIN:VTIMEZONE") < response.data.index(b"BEGIN:VEVENT"), url


def test_this_date_or_every_date(client, login_as, make_user, make_neighbourhood, make_activity):
    urls, dates = _served_calendars(client, login_as, make_user, make_neighbourhood, make_activity)
    one = icalendar.Calendar.from_ical(client.get(f"/haard/agenda/{dates[2].id}.ics").data)
    events = list(one.walk("VEVENT"))
    assert len(events) == 1 and "RRULE" not in events[0]
    assert events[0]["DTSTART"].dt == recurrence.to_local(dates[2].starts_at)
    assert str(events[0]["DESCRIPTION"]) == "Later"
    page = client.get(f"/haard/agenda/{dates[2].id}").text
    assert f'href="/haard/agenda/{dates[2].id}.ics"' in page
    assert f'href="/haard/agenda/series/{dates[2].activity_id}.ics"' in page
    assert page.count('<bdi dir="ltr">(.ics)</bdi>') == 2
    assert client.get(f"/other/agenda/{dates[2].id}.ics").status_code == 404

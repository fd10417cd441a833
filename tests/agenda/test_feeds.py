"""What the feed says equals what the page shows: dates, skipped dates and changed dates."""
from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import icalendar
import recurring_ical_events

from community import recurrence
from community.agenda import services as agenda
from community.agenda.models import Occurrence
from community.extensions import db


def test_the_feed_matches_the_agenda(client, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    start = recurrence.local_today() + timedelta(days=1)
    weekly = make_activity(neighbourhood, title="Koffie", first_date=start, start=time(9, 30), minutes=90)
    make_activity(neighbourhood, title="Buurtlunch", first_date=start, start=time(12), minutes=60, pattern="once")
    dates = db.session.query(Occurrence).filter_by(activity_id=weekly.id).order_by(Occurrence.starts_at).all()
    agenda.cancel_occurrence(dates[1], "Vakantie")                       # skipped
    agenda.change_occurrence(dates[2], new_start=dates[2].starts_at + timedelta(hours=5), duration_minutes=30,
                             room_id=dates[2].room_id, note="Later")     # moved

    calendar = icalendar.Calendar.from_ical(client.get("/haard/agenda/feed.ics").data)
    window_start = recurrence.week_start(start)
    weeks = 8
    begin, end = recurrence.day_bounds_utc(window_start, 7 * weeks)
    in_feed = sorted(
        (str(event["SUMMARY"]), event["DTSTART"].dt.astimezone(UTC), event["DTEND"].dt.astimezone(UTC))
        for event in recurring_ical_events.of(calendar).between(begin, end))
    on_pages = sorted(
        (o.activity.title, o.starts_at, o.ends_at)
        for o in agenda.occurrences_between(neighbourhood.id, window_start, 7 * weeks, include_cancelled=False))
    assert in_feed == on_pages
    assert len(on_pages) > 5
    assert all(isinstance(start_, datetime) for _, start_, _ in in_feed)


def test_every_event_links_back_to_its_page(client, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    activity = make_activity(neighbourhood, title="Taalcafé")
    calendar = icalendar.Calendar.from_ical(client.get(f"/haard/agenda/series/{activity.id}.ics").data)
    events = list(calendar.walk("VEVENT"))
    assert events and all(f"/haard/agenda/series/{activity.id}" in str(event["URL"]) for event in events)
    assert "FREQ=WEEKLY" in events[0]["RRULE"].to_ical().decode()

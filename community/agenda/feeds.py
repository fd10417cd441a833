"""Calendar files (RFC 5545) with the icalendar library: one series, a neighbourhood's
agenda, or a person's own sign-ups. Every event links back to its page."""
from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from flask import request
from icalendar import Calendar, Event, vRecur

from community import recurrence
from community.agenda.models import Activity, Occurrence
from community.web import absolute_url

PRODUCT_ID = "-//Buurtkracht//Agenda//NL"
OUT_OF_RANGE = (OverflowError, ValueError)  # a date past year 9999 (or before year 1) in Amsterdam or UTC

log = logging.getLogger("community.agenda")


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    return calendar


def _uid(activity: Activity) -> str:
    return f"activity-{activity.id}@{request.host}"


def _location(occurrence_or_activity, house) -> str:
    room = occurrence_or_activity.room
    parts = [room.name if room else "", house.name if house else "",
             f"{house.street_address}, {house.postcode} {house.city}" if house else ""]
    return ", ".join(part for part in parts if part)


def _local(moment):
    return recurrence.to_local(moment)


def _series_events(activity: Activity, occurrences: list[Occurrence], slug: str, house) -> list[Event]:
    master = Event()
    master.add("uid", _uid(activity))
    master.add("summary", activity.title)
    if activity.description:
        master.add("description", activity.description)
    first = recurrence.to_utc(datetime.combine(activity.first_date, activity.start_time))
    master.add("dtstart", _local(first))
    master.add("dtend", _local(first + timedelta(minutes=activity.duration_minutes)))
    master.add("dtstamp", activity.updated_at)
    master.add("location", _location(activity, house))
    master.add("url", absolute_url("agenda.series", slug=slug, activity_id=activity.id))
    events = [master]
    if activity.rrule:
        rule = vRecur.from_ical(activity.rrule)
        if activity.until_date:
            last = datetime.combine(activity.until_date, time.max).replace(microsecond=0)
            rule["UNTIL"] = recurrence.to_utc(last)
        master.add("rrule", rule)
        cancelled = [_local(o.original_starts_at) for o in occurrences if o.is_cancelled]
        if cancelled:
            master.add("exdate", cancelled)
        for occurrence in occurrences:
            if occurrence.is_changed and not occurrence.is_cancelled:
                events.append(_override(activity, occurrence, slug, house))
    elif occurrences and occurrences[0].is_cancelled:
        master.add("status", "CANCELLED")
    elif occurrences and occurrences[0].is_changed:
        only = occurrences[0]
        master["dtstart"].dt, master["dtend"].dt = _local(only.starts_at), _local(only.ends_at)
        master["location"] = _location(only, house)
    return events


def _override(activity: Activity, occurrence: Occurrence, slug: str, house) -> Event:
    event = Event()
    event.add("uid", _uid(activity))
    event.add("recurrence-id", _local(occurrence.original_starts_at))
    event.add("summary", activity.title)
    event.add("dtstart", _local(occurrence.starts_at))
    event.add("dtend", _local(occurrence.ends_at))
    event.add("dtstamp", activity.updated_at)
    event.add("location", _location(occurrence, house))
    if occurrence.note:
        event.add("description", occurrence.note)
    event.add("url", absolute_url("agenda.occurrence", slug=slug, occurrence_id=occurrence.id))
    return event


def series_calendar(name: str, series: list[tuple[Activity, list[Occurrence]]], slug: str, house) -> bytes:
    calendar = _calendar(name)
    for activity, occurrences in series:
        try:
            events = _series_events(activity, occurrences, slug, house)
        except OUT_OF_RANGE:  # left out, so one series with impossible dates cannot break the feed
            log.warning("series %s left out of the feed: a date out of range", activity.id)
            continue
        for event in events:
            calendar.add_component(event)
    return calendar.to_ical()


def sign_ups_calendar(name: str, occurrences: list[tuple[Occurrence, str, object]]) -> bytes:
    """One event per date someone signed up for (slug and house given per date)."""
    calendar = _calendar(name)
    for occurrence, slug, house in occurrences:
        try:
            starts, ends = _local(occurrence.starts_at), _local(occurrence.ends_at)
        except OUT_OF_RANGE:
            log.warning("date %s left out of the feed: out of range", occurrence.id)
            continue
        event = Event()
        event.add("uid", f"occurrence-{occurrence.id}@{request.host}")
        event.add("summary", occurrence.activity.title)
        event.add("dtstart", starts)
        event.add("dtend", ends)
        event.add("dtstamp", occurrence.activity.updated_at)
        event.add("location", _location(occurrence, house))
        if occurrence.is_cancelled:
            event.add("status", "CANCELLED")
        event.add("url", absolute_url("agenda.occurrence", slug=slug, occurrence_id=occurrence.id))
        calendar.add_component(event)
    return calendar.to_ical()

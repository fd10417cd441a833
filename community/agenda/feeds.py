"""Calendar files (RFC 5545) with the icalendar library: one series, one date, a neighbourhood's
agenda, or a person's own sign-ups. Every event links back to its page, and every TZID used has
its VTIMEZONE (RFC 5545 3.2.19 asks for one)."""
from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from flask import request
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

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


def amsterdam_timezone() -> Timezone:
    """Europe/Amsterdam as the EU has kept it since 1996: summer time from the last Sunday of
    March 02:00 to the last Sunday of October 03:00. Two yearly rules, valid for every date the
    agenda can hold (up to ten years ahead), unlike a list of dates that ends somewhere."""
    timezone = Timezone()
    timezone.add("tzid", recurrence.TIMEZONE.key)
    timezone.add("x-lic-location", recurrence.TIMEZONE.key)
    for part, name, starts, month, before, after in (
            (TimezoneDaylight(), "CEST", datetime(1996, 3, 31, 2), 3, timedelta(hours=1), timedelta(hours=2)),
            (TimezoneStandard(), "CET", datetime(1996, 10, 27, 3), 10, timedelta(hours=2), timedelta(hours=1))):
        part.add("tzname", name)
        part.add("dtstart", starts)
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        part.add("rrule", {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": "-1SU"})
        timezone.add_component(part)
    return timezone


def _finished(calendar: Calendar) -> bytes:
    """The calendar with a VTIMEZONE, first, for every TZID its events use."""
    for tzid in sorted(calendar.get_missing_tzids()):
        timezone = amsterdam_timezone() if tzid == recurrence.TIMEZONE.key else Timezone.from_tzid(tzid)
        calendar.subcomponents.insert(0, timezone)
    return calendar.to_ical()


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
    return _finished(calendar)


def _date_event(occurrence: Occurrence, slug: str, house) -> Event:
    event = Event()
    event.add("uid", f"occurrence-{occurrence.id}@{request.host}")
    event.add("summary", occurrence.activity.title)
    event.add("dtstart", _local(occurrence.starts_at))
    event.add("dtend", _local(occurrence.ends_at))
    event.add("dtstamp", occurrence.activity.updated_at)
    event.add("location", _location(occurrence, house))
    if occurrence.note:
        event.add("description", occurrence.note)
    if occurrence.is_cancelled:
        event.add("status", "CANCELLED")
    event.add("url", absolute_url("agenda.occurrence", slug=slug, occurrence_id=occurrence.id))
    return event


def sign_ups_calendar(name: str, occurrences: list[tuple[Occurrence, str, object]]) -> bytes:
    """One event per date someone signed up for (slug and house given per date)."""
    calendar = _calendar(name)
    for occurrence, slug, house in occurrences:
        try:
            event = _date_event(occurrence, slug, house)
        except OUT_OF_RANGE:
            log.warning("date %s left out of the feed: out of range", occurrence.id)
            continue
        calendar.add_component(event)
    return _finished(calendar)


def date_calendar(name: str, occurrence: Occurrence, slug: str, house) -> bytes:
    """One date of a series, for 'only this date' in someone's own calendar."""
    calendar = _calendar(name)
    try:
        calendar.add_component(_date_event(occurrence, slug, house))
    except OUT_OF_RANGE:
        log.warning("date %s has no calendar file: out of range", occurrence.id)
    return _finished(calendar)

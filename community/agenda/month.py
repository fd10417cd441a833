"""The month at a glance: which days of a month have activities, and how many, counted by the
database in one query."""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta

from flask_babel import format_date
from sqlalchemy import case, func, select

from community import recurrence
from community.agenda import services as agenda
from community.agenda.models import Activity, Occurrence
from community.extensions import db

MONTH = re.compile(r"(\d{4})-(\d{2})")


def month_window(today: date | None = None) -> recurrence.DateWindow:
    """The months shown (as their first days): those of the weeks the agenda shows."""
    weeks = recurrence.week_window(today)
    return recurrence.DateWindow(weeks.first.replace(day=1), weeks.last.replace(day=1))


def month_from(value: str | None, today: date | None = None) -> date:
    """The first day of the month asked for (?month=YYYY-MM), else of this month; a month outside
    the months shown becomes the nearest inside."""
    today = today or recurrence.local_today()
    chosen = today.replace(day=1)
    match = MONTH.fullmatch(value or "")
    if match:
        try:
            chosen = date(int(match.group(1)), int(match.group(2)), 1)
        except ValueError:  # month 13, year 0
            pass
    return month_window(today).clamp(chosen)


def next_month(first: date) -> date:
    return (first + timedelta(days=31)).replace(day=1)


def previous_month(first: date) -> date:
    return (first - timedelta(days=1)).replace(day=1)


def days_in(first: date) -> int:
    return calendar.monthrange(first.year, first.month)[1]


def weeks_of(first: date) -> list[list[date | None]]:
    """The month as weeks from Monday to Sunday (as the week view has them); days of the months
    before and after are None."""
    return [[day if day.month == first.month else None for day in week]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)]


def weekday_names(first: date) -> list[tuple[str, str]]:
    """The column headings, Monday first: the full name, and one a 44 px column holds whole: Babel's
    short names (ma, Pt, пн), or where one of those is longer than three letters (Arabic), the narrow ones."""
    monday = first - timedelta(days=first.weekday())
    week = [monday + timedelta(days=n) for n in range(7)]
    short = [format_date(day, "EEEEEE") for day in week]
    if max(len(name) for name in short) > 3:
        short = [format_date(day, "EEEEE") for day in week]
    return [(format_date(day, "EEEE"), name) for day, name in zip(week, short)]


def counts_per_day(neighbourhood_id: int, first_day: date, days: int,
                   agenda_filter: agenda.AgendaFilter | None = None) -> dict[date, int]:
    """How many dates (not cancelled, of series not paused) each day holds, in one GROUP BY query.

    A date belongs to the day of the last Amsterdam midnight before its start. Those midnights are
    worked out here, in UTC, so a day of 23 or 25 hours is counted right on every database without
    asking the database for time zones."""
    midnights = [recurrence.to_utc(datetime.combine(first_day + timedelta(days=n), time.min)) for n in range(days + 1)]
    day_number = case(*((Occurrence.starts_at < midnights[n + 1], n) for n in range(days)))
    dates = agenda.filtered(
        select(day_number.label("day")).select_from(Occurrence).join(Occurrence.activity)
        .where(Occurrence.neighbourhood_id == neighbourhood_id, Occurrence.starts_at >= midnights[0],
               Occurrence.starts_at < midnights[-1], Occurrence.is_cancelled.is_(False),
               Activity.is_paused.is_(False)),
        agenda_filter).subquery()
    rows = db.session.execute(select(dates.c.day, func.count()).group_by(dates.c.day))
    return {first_day + timedelta(days=day): count for day, count in rows}


def month_value(first: date) -> str:
    """A month as ?month= writes it: 2026-12."""
    return f"{first.year:04d}-{first.month:02d}"

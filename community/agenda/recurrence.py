"""Recurrence in plain words, stored as RFC 5545 RRULEs, expanded in Amsterdam wall time."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from flask_babel import lazy_gettext as _l

TIMEZONE = ZoneInfo("Europe/Amsterdam")
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

# The choices a coordinator picks from; each maps to an RRULE.
PATTERNS = {
    "once": _l("Eén keer"),
    "weekly": _l("Elke week"),
    "biweekly": _l("Om de week"),
    "monthly_1": _l("Elke maand, de eerste van die weekdag"),
    "monthly_2": _l("Elke maand, de tweede van die weekdag"),
    "monthly_3": _l("Elke maand, de derde van die weekdag"),
    "monthly_4": _l("Elke maand, de vierde van die weekdag"),
    "monthly_last": _l("Elke maand, de laatste van die weekdag"),
}


def rrule_for(pattern: str, first_date: date) -> str:
    weekday = WEEKDAY_CODES[first_date.weekday()]
    if pattern == "once":
        return ""
    if pattern == "weekly":
        return f"FREQ=WEEKLY;BYDAY={weekday}"
    if pattern == "biweekly":
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={weekday}"
    if pattern.startswith("monthly_"):
        position = "-1" if pattern == "monthly_last" else pattern.removeprefix("monthly_")
        return f"FREQ=MONTHLY;BYDAY={position}{weekday}"
    raise ValueError(pattern)


def pattern_of(rule: str) -> str:
    if not rule:
        return "once"
    parts = dict(part.split("=", 1) for part in rule.split(";"))
    if parts["FREQ"] == "WEEKLY":
        return "biweekly" if parts.get("INTERVAL") == "2" else "weekly"
    position = parts["BYDAY"][:-2]
    return "monthly_last" if position == "-1" else f"monthly_{position.lstrip('+')}"


def first_date_matches(pattern: str, first_date: date) -> bool:
    """The first date must itself be one of the dates (e.g. the last Friday for 'last Friday')."""
    if pattern in ("once", "weekly", "biweekly"):
        return True
    starts = list(local_starts(rrule_for(pattern, first_date), first_date, time(12), first_date, first_date))
    return bool(starts)


def local_starts(rule: str, first_date: date, start_time: time, window_start: date, window_end: date,
                 until: date | None = None):
    """Wall-clock start times (naive, Amsterdam) from window_start up to and including window_end."""
    dtstart = datetime.combine(first_date, start_time)
    last_day = min(window_end, until) if until else window_end
    if last_day < window_start:
        return
    if not rule:
        if window_start <= first_date <= last_day:
            yield dtstart
        return
    expanded = rrulestr(f"RRULE:{rule}", dtstart=dtstart)
    yield from expanded.between(datetime.combine(window_start, time.min),
                                datetime.combine(last_day, time.max), inc=True)


def to_utc(local: datetime) -> datetime:
    """Amsterdam wall time to UTC; across a DST change 10:00 stays 10:00 on the clock."""
    return local.replace(tzinfo=TIMEZONE).astimezone(UTC)


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(TIMEZONE)


def local_today() -> date:
    return datetime.now(TIMEZONE).date()


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def day_bounds_utc(first_day: date, days: int) -> tuple[datetime, datetime]:
    return (to_utc(datetime.combine(first_day, time.min)),
            to_utc(datetime.combine(first_day + timedelta(days=days), time.min)))


@dataclass(frozen=True)
class Slot:
    original_starts_at: datetime
    starts_at: datetime
    ends_at: datetime


def slots(rule: str, first_date: date, start_time: time, duration_minutes: int, window_start: date,
          window_end: date, until: date | None = None) -> list[Slot]:
    result = []
    for local in local_starts(rule, first_date, start_time, window_start, window_end, until):
        start = to_utc(local)
        end = to_utc(local + timedelta(minutes=duration_minutes))
        result.append(Slot(start, start, end))
    return result

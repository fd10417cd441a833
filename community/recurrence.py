"""Recurrence in plain words, stored as RFC 5545 RRULEs, expanded in Amsterdam wall time.

Also the one window of dates the site plans and shows in (`planning_window`, `until_window`,
`week_window`): every date a person types is checked against it, so no expansion runs from
year 1 and no date nears the ends of what Python's datetime can hold."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from flask_babel import format_date, gettext as _, lazy_gettext as _l

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


PLANNING_PAST_DAYS = 366        # a series may be entered up to a year after it started
PLANNING_AHEAD_DAYS = 2 * 366   # and planned at most two years ahead
UNTIL_AHEAD_DAYS = 10 * 366     # a series ends at most ten years ahead
WEEKS_SHOWN_DAYS = 10 * 366     # the agenda and the poster show weeks up to ten years back and ahead
MAX_DATES_PER_EXPANSION = 400   # dates one expansion makes at most (a weekly series: 7 years); the rest next time


@dataclass(frozen=True)
class DateWindow:
    first: date
    last: date

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last

    def clamp(self, day: date) -> date:
        return min(max(day, self.first), self.last)

    def refusal(self, day: date | None = None) -> str:
        """What a person who typed a date outside is told."""
        if day is not None and day < self.first == local_today():
            return _("Kies een datum vanaf vandaag.")
        return _("Kies een datum tussen %(first)s en %(last)s.", first=format_date(self.first, "long"),
                 last=format_date(self.last, "long"))


def planning_window(today: date | None = None) -> DateWindow:
    """Where the first date of a series, a task or a changed date may lie."""
    today = today or local_today()
    return DateWindow(today - timedelta(days=PLANNING_PAST_DAYS), today + timedelta(days=PLANNING_AHEAD_DAYS))


def task_window(today: date | None = None) -> DateWindow:
    """Where the first date of a volunteering task may lie: from today, as far ahead as planning."""
    today = today or local_today()
    return DateWindow(today, planning_window(today).last)


def until_window(today: date | None = None) -> DateWindow:
    """Where the last date of a series may lie."""
    today = today or local_today()
    return DateWindow(today - timedelta(days=PLANNING_PAST_DAYS), today + timedelta(days=UNTIL_AHEAD_DAYS))


def week_window(today: date | None = None) -> DateWindow:
    """Which weeks the agenda and the poster show; a week asked for outside is shown as the nearest inside."""
    today = today or local_today()
    return DateWindow(week_start(today - timedelta(days=WEEKS_SHOWN_DAYS)),
                      week_start(today + timedelta(days=WEEKS_SHOWN_DAYS)))


def expansion_start(first_date: date, today: date | None = None) -> date:
    """Dates of a series are made from here: never before the planning window, however old the series."""
    return max(first_date, planning_window(today).first)


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
    expanded = rrulestr(f"RRULE:{rule}", dtstart=_start_near(rule, dtstart, window_start))
    last = datetime.combine(last_day, time.max)
    for start in expanded.xafter(datetime.combine(window_start, time.min), inc=True):
        if start > last:
            return
        yield start


def _start_near(rule: str, dtstart: datetime, window_start: date) -> datetime:
    """The series' start moved to just before the window, by whole periods, so that a series
    begun long ago is not walked date by date from its beginning. Our rules have no COUNT, so
    moving the start by whole periods keeps every date the same."""
    if dtstart.date() >= window_start or "COUNT=" in rule:
        return dtstart
    parts = dict(part.split("=", 1) for part in rule.split(";"))
    interval = int(parts.get("INTERVAL", "1"))
    if parts.get("FREQ") == "WEEKLY":
        period = 7 * interval
        return dtstart + timedelta(days=(window_start - dtstart.date()).days // period * period)
    if parts.get("FREQ") == "MONTHLY" and interval == 1:
        return max(dtstart, datetime.combine(window_start.replace(day=1), dtstart.time()))
    return dtstart


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
          window_end: date, until: date | None = None, limit: int = MAX_DATES_PER_EXPANSION) -> list[Slot]:
    """The dates (in UTC) from window_start to window_end, at most `limit` of them."""
    result = []
    starts = local_starts(rule, first_date, start_time, window_start, window_end, until)
    for local in itertools.islice(starts, limit):
        start = to_utc(local)
        end = to_utc(local + timedelta(minutes=duration_minutes))
        result.append(Slot(start, start, end))
    return result

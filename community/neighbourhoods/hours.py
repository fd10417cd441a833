"""Opening hours of the Huis van de Wijk: per weekday zero or more periods in Amsterdam wall time.

The rules for a week (checked before it is saved) and the questions asked of it: is the house
open at this moment, until when, and when does it open next. A period that closes at or before
the time it opens runs past midnight (a DJ night 20:00-01:00) and closes by 06:00. Moments are
compared as real instants, so the night the clocks change is as long as it really is: a night
22:00-04:00 lasts five hours on the last Sunday of March and seven on the last Sunday of October.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from babel.dates import get_day_names
from flask_babel import get_locale, lazy_gettext as _l, ngettext
from sqlalchemy import select

from community.errors import DomainError, within_length
from community.extensions import db
from community.neighbourhoods.models import NIGHT_ENDS, OPENING_NOTE_MAX, CommunityHouse, OpeningPeriod
from community.recurrence import TIMEZONE, to_utc

DAYS_IN_WEEK = 7
MINUTES_IN_DAY = 24 * 60
MINUTES_IN_WEEK = DAYS_IN_WEEK * MINUTES_IN_DAY
MAX_PERIODS_PER_DAY = 2  # before and after a lunch break; the house form has room for that many


@dataclass(frozen=True, order=True)
class Period:
    weekday: int  # 0 = Monday
    opens: time
    closes: time

    @property
    def is_overnight(self) -> bool:
        return self.closes <= self.opens

    def week_minutes(self) -> tuple[int, int]:
        """Start and end in minutes from Monday 00:00; the end may run past Sunday night."""
        start = self.weekday * MINUTES_IN_DAY + _minutes(self.opens)
        end = self.weekday * MINUTES_IN_DAY + _minutes(self.closes) + (MINUTES_IN_DAY if self.is_overnight else 0)
        return start, end

    def on(self, day: date) -> tuple[datetime, datetime]:
        """The real moments (UTC) this period opens and closes when it falls on `day`."""
        closing_day = day + timedelta(days=1) if self.is_overnight else day
        return to_utc(datetime.combine(day, self.opens)), to_utc(datetime.combine(closing_day, self.closes))


@dataclass(frozen=True)
class Problem:
    """What is wrong with the period at `index` of the list given, and which of its two times."""

    index: int
    part: str  # "opens" or "closes"
    message: str


class OpeningHoursError(DomainError):
    """A week of opening hours that cannot be saved; `problems` says which periods and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].message)
        self.problems = problems


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def period_from(weekday: int, opens: time, closes: time) -> Period:
    """Whole minutes: seconds typed or sent are no part of an opening time."""
    return Period(weekday, opens.replace(second=0, microsecond=0, tzinfo=None),
                  closes.replace(second=0, microsecond=0, tzinfo=None))


def problems_in(periods: list[Period]) -> list[Problem]:
    """Every rule a week breaks, per period: times that make no period, and periods that overlap
    (also a night that runs into the next morning, and Sunday night into Monday)."""
    problems = [problem for index, period in enumerate(periods) for problem in _own_problems(index, period)]
    broken = {problem.index for problem in problems}
    per_day: dict[int, int] = {}
    for index, period in enumerate(periods):
        per_day[period.weekday] = per_day.get(period.weekday, 0) + 1
        if per_day[period.weekday] > MAX_PERIODS_PER_DAY and index not in broken:
            problems.append(Problem(index, "opens", ngettext("Hoogstens %(num)d tijd per dag.",
                                                             "Hoogstens %(num)d tijden per dag.", MAX_PERIODS_PER_DAY)))
            broken.add(index)
    for index, period in enumerate(periods):
        if index in broken:
            continue
        for earlier_index in range(index):
            earlier = periods[earlier_index]
            if earlier_index not in broken and _overlap(earlier, period):
                problems.append(Problem(index, "opens", str(_l(
                    "Deze tijden lopen door die van %(day)s (%(opens)s–%(closes)s) heen.",
                    day=day_name(earlier.weekday), opens=clock(earlier.opens), closes=clock(earlier.closes)))))
                broken.add(index)
                break
    return sorted(problems, key=lambda problem: problem.index)


def _own_problems(index: int, period: Period):
    if not 0 <= period.weekday < DAYS_IN_WEEK:
        yield Problem(index, "opens", str(_l("Kies een dag van de week.")))
    elif period.opens == period.closes:
        yield Problem(index, "closes", str(_l("Openen en sluiten kan niet op hetzelfde tijdstip.")))
    elif period.is_overnight and period.closes > NIGHT_ENDS:
        yield Problem(index, "closes", str(_l(
            "De sluitingstijd ligt vóór de openingstijd. Na middernacht open blijven kan tot %(time)s.",
            time=clock(NIGHT_ENDS))))


def _overlap(first: Period, second: Period) -> bool:
    """Whether two periods share a minute, on the week's circle (Sunday night runs into Monday)."""
    a_start, a_end = first.week_minutes()
    b_start, b_end = second.week_minutes()
    return any(a_start < b_end + shift and b_start + shift < a_end
               for shift in (-MINUTES_IN_WEEK, 0, MINUTES_IN_WEEK))


def checked_week(periods: list[Period]) -> list[Period]:
    problems = problems_in(periods)
    if problems:
        raise OpeningHoursError(problems)
    return sorted(periods)


def set_opening_hours(house: CommunityHouse, periods: list[Period], note: str) -> None:
    """Replace the house's week in the current transaction (the caller commits). The house's row is
    locked first, so two coordinators saving at once cannot mix their weeks into an overlap."""
    week = checked_week(periods)
    house.opening_note = within_length(note, OPENING_NOTE_MAX, DomainError, "opening_note")
    if house.id is not None:
        db.session.execute(select(CommunityHouse.id).where(CommunityHouse.id == house.id).with_for_update())
    house.opening_periods.clear()
    db.session.flush()  # the old periods go before the new ones come (no two start at once on a day)
    house.opening_periods.extend(OpeningPeriod(weekday=period.weekday, opens_at=period.opens, closes_at=period.closes)
                                 for period in week)


def week_of(house: CommunityHouse | None) -> list[Period]:
    if house is None:
        return []
    return [Period(row.weekday, row.opens_at, row.closes_at) for row in house.opening_periods]


# --- open or closed ---------------------------------------------------------------------------

@dataclass(frozen=True)
class OpenState:
    """Open (until when) or closed (and when it opens next), at one moment. `changes_at` is when
    that answer stops being true: whatever keeps the answer (a cache, a kiosk) keeps it until then."""

    is_open: bool
    until: datetime | None          # open: when it closes (Amsterdam time)
    next_opening: datetime | None   # closed: when it opens (Amsterdam time); None if it never does

    @property
    def changes_at(self) -> datetime | None:
        return self.until if self.is_open else self.next_opening


def _moments_around(periods: list[Period], moment: datetime) -> list[tuple[datetime, datetime]]:
    """Every (opens, closes) from the day before `moment` to eight days after it, in order."""
    today = moment.astimezone(TIMEZONE).date()
    found = []
    for offset in range(-1, DAYS_IN_WEEK + 2):
        day = today + timedelta(days=offset)
        found.extend(period.on(day) for period in periods if period.weekday == day.weekday())
    return sorted(found)


def opening_state(periods: list[Period], moment: datetime) -> OpenState:
    if moment.tzinfo is None:
        raise ValueError("give an aware moment")
    moments = _moments_around(periods, moment)
    current = [closes for opens, closes in moments if opens <= moment < closes]
    if current:
        until = max(current)
        for opens, closes in moments:  # a period that begins as this one ends (Friday night into Saturday)
            if opens <= until < closes:
                until = closes
        return OpenState(True, until.astimezone(TIMEZONE), None)
    coming = [opens for opens, _closes in moments if opens > moment]
    return OpenState(False, None, min(coming).astimezone(TIMEZONE) if coming else None)


def is_open_at(house: CommunityHouse, moment: datetime) -> bool:
    """Whether the house is open at this moment (any aware datetime)."""
    return opening_state(week_of(house), moment).is_open


def next_opening(house: CommunityHouse, moment: datetime) -> datetime | None:
    """The first moment after `moment` at which a period begins (Amsterdam time), or None when the
    house has no opening hours. While it is open, that is the opening after the current period."""
    coming = [opens for opens, _closes in _moments_around(week_of(house), moment) if opens > moment]
    return min(coming).astimezone(TIMEZONE) if coming else None


# --- words --------------------------------------------------------------------------------------

def clock(moment: time | datetime) -> str:
    """HH:MM, the way the agenda writes times in every language (community.i18n.format_clock)."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def day_name(weekday: int, width: str = "wide", context: str = "stand-alone") -> str:
    return get_day_names(width, context=context, locale=get_locale())[weekday]

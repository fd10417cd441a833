"""Opening hours in the reader's language: days that keep the same hours on one line ("maandag t/m
vrijdag 09:00–21:30", "الاثنين إلى الجمعة"), closed days said so, today's line marked, and whether the
house is open now, worked out for the moment of the request (the page is not cached, and the
sentence names its own time: "nu open tot 21:30" stays true for whoever reads it before then)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from markupsafe import Markup

from community.i18n import format_list
from community.neighbourhoods.hours import DAYS_IN_WEEK, OpenState, Period, clock, day_name, opening_state
from community.recurrence import TIMEZONE

RUN_LENGTH = 3  # three days in a row or more are written as a range ("maandag t/m woensdag")


@dataclass(frozen=True)
class HoursLine:
    days: str                       # "maandag t/m vrijdag", "dinsdag en donderdag"
    ranges: tuple[tuple[str, str], ...]  # (("09:00", "12:30"), ("13:30", "17:00")); empty: closed
    is_today: bool = False

    @property
    def times(self) -> Markup:
        """The ranges joined as the language joins a list, each kept left to right (also in Arabic)."""
        pieces = [str(Markup('<bdi dir="ltr">{}–{}</bdi>').format(opens, closes)) for opens, closes in self.ranges]
        return Markup(format_list(pieces))  # the pieces are escaped; the list pattern is Babel's own text


@dataclass(frozen=True)
class OpeningSummary:
    lines: list[HoursLine] = field(default_factory=list)
    now: str = ""          # "Nu open tot 21:30." / "Nu gesloten. Opent morgen om 09:00."
    is_open: bool = False
    note: str = ""

    def __bool__(self) -> bool:
        return bool(self.lines or self.note)


def week_lines(periods: list[Period], today: int | None = None) -> list[HoursLine]:
    """One line per set of days with the same hours, in the order of their first day, the closed
    days last; none at all when the house has no hours (nothing to say about closed days then)."""
    if not periods:
        return []
    hours_per_day = {day: tuple(sorted((p.opens, p.closes) for p in periods if p.weekday == day))
                     for day in range(DAYS_IN_WEEK)}
    groups: dict[tuple, list[int]] = {}
    for day in range(DAYS_IN_WEEK):
        groups.setdefault(hours_per_day[day], []).append(day)
    lines = [HoursLine(days=_days_text(days), ranges=tuple((clock(o), clock(c)) for o, c in hours),
                       is_today=today in days)
             for hours, days in groups.items()]
    return sorted(lines, key=lambda line: not line.ranges)  # the closed days last, the rest by their first day


def _days_text(days: list[int]) -> str:
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    items = []
    for run in runs:
        if len(run) >= RUN_LENGTH:
            items.append(_("%(first)s t/m %(last)s", first=day_name(run[0]), last=day_name(run[-1])))
        else:
            items.extend(day_name(day) for day in run)
    return format_list(items)


def now_sentence(state: OpenState, now: datetime) -> str:
    if state.is_open:
        return _("Nu open tot %(time)s.", time=clock(state.until))
    if state.next_opening is None:
        return ""
    days_ahead = (state.next_opening.date() - now.astimezone(TIMEZONE).date()).days
    time_text = clock(state.next_opening)
    if days_ahead == 0:
        return _("Nu gesloten. Opent vandaag om %(time)s.", time=time_text)
    if days_ahead == 1:
        return _("Nu gesloten. Opent morgen om %(time)s.", time=time_text)
    return _("Nu gesloten. Opent %(day)s om %(time)s.", time=time_text,
             day=day_name(state.next_opening.weekday(), context="format"))


def opening_summary(periods: list[Period], note: str, now: datetime) -> OpeningSummary:
    state = opening_state(periods, now)
    return OpeningSummary(lines=week_lines(periods, today=now.astimezone(TIMEZONE).weekday()),
                          now=now_sentence(state, now) if periods else "", is_open=state.is_open, note=note)

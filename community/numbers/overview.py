"""The figures as the page and the report show them: this month, this year and last year side by
side, and this year's months for the charts. Two rounds of queries: the months (24 periods) and,
for figures of distinct people (a year is not the sum of its months), the two years."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from community.extensions import cache
from community.numbers.figures import Figure, Value, add_months, count, figures, shown
from community.versions import AGENDA, CARDS, INITIATIVES, NUMBERS, TALENTS, VOLUNTEERING, versions_of

# The figures read every part of the neighbourhood, and count a date once it has ended. So a count is
# kept until any part changes (its data version is in the key) or the next five minutes begin: a date
# that just ended shows up at most that much later.
FRESH_FOR = timedelta(minutes=5)
COUNTED_PARTS = (AGENDA, VOLUNTEERING, INITIATIVES, TALENTS, CARDS, NUMBERS)


@dataclass
class Line:
    figure: Figure
    this_month: Value
    this_year: Value
    last_year: Value
    months: list[Value]               # this year's twelve months

    @property
    def largest(self) -> int:
        return max([1, *(value.shown or 0 for value in self.months)])


@dataclass
class Overview:
    today: date
    lines: list[Line]

    @property
    def year(self) -> int:
        return self.today.year

    def section(self, name: str) -> list[Line]:
        return [line for line in self.lines if line.figure.section == name]

    def line(self, key: str) -> Line | None:
        return next((line for line in self.lines if line.figure.key == key), None)


def overview(neighbourhood_id: int, today: date, now: datetime, keys: Sequence[str] | None = None) -> Overview:
    last_january = date(today.year - 1, 1, 1)
    firsts = [add_months(last_january, n) for n in range(25)]
    months = counted(keys, neighbourhood_id, firsts, now)
    years = counted(keys, neighbourhood_id, [last_january, firsts[12], firsts[24]], now, only_distinct=True)
    this_month = 12 + today.month - 1

    def raw(key: str, period: int) -> int:
        return months.get((key, neighbourhood_id, period), 0)

    def year_raw(key: str, year_index: int) -> int:
        figure = next(f for f in figures([key]))
        if figure.distinct:
            return years.get((key, neighbourhood_id, year_index), 0)
        return sum(raw(key, 12 * year_index + n) for n in range(12))

    def value(figure: Figure, amount_of) -> Value:
        partner = amount_of(figure.suppress_with) if figure.suppress_with else None
        return shown(figure, amount_of(figure.key), partner)

    lines = [Line(figure, this_month=value(figure, lambda key: raw(key, this_month)),
                  this_year=value(figure, lambda key: year_raw(key, 1)),
                  last_year=value(figure, lambda key: year_raw(key, 0)),
                  months=[value(figure, lambda key, n=n: raw(key, 12 + n)) for n in range(12)])
             for figure in figures(keys)]
    return Overview(today=today, lines=lines)


def counted(keys: Sequence[str] | None, neighbourhood_id: int, firsts: Sequence[date], now: datetime, *,
            only_distinct: bool = False) -> dict:
    """`count` for one neighbourhood, as of the start of the current five minutes, kept in the cache."""
    moment = datetime.fromtimestamp(now.timestamp() // FRESH_FOR.total_seconds() * FRESH_FOR.total_seconds(), now.tzinfo)
    key = ":".join(str(part) for part in (
        "numbers", neighbourhood_id, ",".join(keys) if keys else "*", *firsts, only_distinct, moment.isoformat(),
        *versions_of(neighbourhood_id, COUNTED_PARTS)))
    found = cache.get(key)
    if found is None:
        found = count(keys, [neighbourhood_id], firsts, moment, only_distinct=only_distinct)
        cache.set(key, found, timeout=int(FRESH_FOR.total_seconds()))
    return found


def month_so_far(neighbourhood_id: int, today: date, now: datetime, keys: Sequence[str]) -> dict[str, Value]:
    """This month up to now (the kiosk's slide): one period, each counter once."""
    first = today.replace(day=1)
    raw = count(keys, [neighbourhood_id], [first, add_months(first, 1)], now)
    found = {}
    for figure in figures(keys):
        partner = raw.get((figure.suppress_with, neighbourhood_id, 0), 0) if figure.suppress_with else None
        found[figure.key] = shown(figure, raw.get((figure.key, neighbourhood_id, 0), 0), partner)
    return found

"""The neighbourhood's numbers: one registry of figures, each counted per month (or any run of
periods) in SQL, for one neighbourhood or a whole city at once. The kiosk's numbers slide, the
page "Tellen en vertellen", the annual report, its CSV and the city view all read from here, so a
figure is counted in one place.

A feature adds its figures with `register_figure` (a key, a label, a section, and the counter that
computes it). A counter answers for many figures in one query: it gets the neighbourhood ids, the
period edges in UTC (Amsterdam midnights, so a month of 23- or 25-hour days is counted right on
every database) and `now`, and returns {(key, neighbourhood_id, period index): value}.

Privacy: only aggregates leave here, and `shown` applies the small-numbers rule (see SMALL)."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime, time

from sqlalchemy import case

from community import recurrence

# A figure that counts people, or things people did, is shown as "fewer than 5" when it is 1 to 4:
# such a small number could point at one neighbour. A total that belongs to such a count (the hours
# of fewer than five volunteers, the money of fewer than five gifts) is left out likewise.
SMALL = 5

Counter = Callable[[Sequence[int], Sequence[datetime], datetime], Mapping[tuple[str, int, int], int]]


@dataclass(frozen=True)
class Figure:
    key: str
    label: object                   # lazily translated
    section: str                    # which part of the page it stands in (SECTIONS)
    counter: Counter
    unit: str = "count"             # count, minutes (shown as hours), cents, average (a sum over suppress_with)
    distinct: bool = False          # distinct people: a year is not the sum of its months
    personal: bool = True           # 1 to 4 would point at someone: shown as "fewer than 5"
    suppress_with: str = ""         # a total hidden when this count is small
    charted: bool = True            # a bar chart per month on the page


_FIGURES: dict[str, Figure] = {}


def register_figure(key: str, label, counter: Counter, *, section: str, **options) -> Figure:
    figure = Figure(key=key, label=label, section=section, counter=counter, **options)
    _FIGURES[key] = figure
    return figure


def figures(keys: Sequence[str] | None = None) -> list[Figure]:
    from community.numbers import counters  # noqa: F401  (the built-in figures register themselves)

    return [figure for key, figure in _FIGURES.items() if keys is None or key in keys]


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def edges_of(firsts: Sequence[date]) -> list[datetime]:
    """The Amsterdam midnights of these days, in UTC (stored times are UTC)."""
    return [recurrence.to_utc(datetime.combine(day, time.min)) for day in firsts]


def period_of(column, edges: Sequence[datetime]):
    """The index of the period a moment falls in, as SQL (CASE); rows outside are filtered by the caller.
    Kept per column and edges: building a CASE of 24 branches costs more than running it."""
    return _period_case(column, tuple(edges))


def day_period_of(column, firsts: Sequence[date]):
    """The same for a DATE column (a pot payout's day): the edges are the days themselves."""
    return _period_case(column, tuple(firsts))


@lru_cache(maxsize=128)
def _period_case(column, edges: tuple):
    return case(*((column < edges[n + 1], n) for n in range(len(edges) - 1)))


def count(keys: Sequence[str] | None, neighbourhood_ids: Sequence[int], firsts: Sequence[date], now: datetime,
          *, only_distinct: bool = False) -> dict[tuple[str, int, int], int]:
    """Every figure asked for over the periods between `firsts` (n+1 days make n periods): each
    counter runs once, whatever the number of figures it answers for."""
    wanted = [f for f in figures(keys) if f.distinct or not only_distinct]
    edges = edges_of(firsts)
    found: dict[tuple[str, int, int], int] = {}
    seen: set[int] = set()
    for figure in wanted:
        if id(figure.counter) in seen:
            continue
        seen.add(id(figure.counter))
        found.update(figure.counter(list(neighbourhood_ids), edges, now))
    keys_wanted = {f.key for f in wanted}
    return {k: v for k, v in found.items() if k[0] in keys_wanted}


@dataclass
class Value:
    """A figure's value for one period, as the public sees it."""

    amount: int
    is_small: bool = False          # 1 to 4 people: "fewer than 5"
    is_hidden: bool = False         # a total over a small count: left out
    per: int = 0                    # an average: the count the amount is divided by

    @property
    def shown(self) -> int | None:
        return None if self.is_small or self.is_hidden else self.amount


def shown(figure: Figure, amount: int, partner_amount: int | None = None) -> Value:
    """The small-numbers rule for one value (and the count it goes with, for a total)."""
    if figure.unit == "average":
        return Value(amount, is_hidden=(partner_amount or 0) < SMALL, per=partner_amount or 0)
    if figure.suppress_with:
        return Value(amount, is_hidden=partner_amount is not None and 0 < partner_amount < SMALL)
    return Value(amount, is_small=figure.personal and 0 < amount < SMALL)


@dataclass
class Row:
    figure: Figure
    values: list[Value] = field(default_factory=list)   # per period


def table(neighbourhood_id: int, firsts: Sequence[date], now: datetime, keys: Sequence[str] | None = None,
          raw: Mapping | None = None) -> list[Row]:
    """Each figure over the periods, with the small-numbers rule applied."""
    raw = raw if raw is not None else count(keys, [neighbourhood_id], firsts, now)
    return [Row(figure, [shown(figure, raw.get((figure.key, neighbourhood_id, n), 0),
                               raw.get((figure.suppress_with, neighbourhood_id, n), 0) if figure.suppress_with else None)
                         for n in range(len(firsts) - 1)])
            for figure in figures(keys)]

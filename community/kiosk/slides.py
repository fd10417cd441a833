"""What each slide holds, as data (the template says it in each language): only what every
neighbour may see — public titles, times, rooms and places left, counts — never a name, an email,
a help request's own place or a pot's recipient. A feature adds a slide with register_slide."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import lazyload, selectinload

from community import recurrence
from community.agenda import services as agenda
from community.agenda.models import Occurrence
from community.extensions import db
from community.initiatives.models import Initiative, State
from community.volunteering.models import Shift, Task

BASE_SECONDS, SECONDS_PER_ITEM, MOST_SECONDS = 10, 3, 30
MOST_ITEMS = 4  # what fits on a screen read from four metres, at 1280x720 too


@dataclass
class Item:
    """One line of a slide: what, when and where, and the short link a phone continues on."""

    title: str
    short: str                       # the short link's code: /k/<short>
    when: datetime | None = None     # UTC
    until: datetime | None = None
    place: str = ""
    places_left: int | None = None
    is_full: bool = False
    kind: str = ""                   # for its pictogram
    extra: list[str] = field(default_factory=list)  # e.g. what an initiative still needs


@dataclass
class Slide:
    kind: str
    items: list[Item] = field(default_factory=list)
    now: list[Item] = field(default_factory=list)     # "today": what is on right now
    figures: dict[str, int] = field(default_factory=dict)  # "numbers"
    picture: object = None                            # "card": what the cards feature shows

    @property
    def seconds(self) -> int:
        shown = len(self.items) + len(self.now) + len(self.figures)
        return min(BASE_SECONDS + SECONDS_PER_ITEM * shown, MOST_SECONDS)


Provider = Callable[[object, datetime], Slide | None]
_PROVIDERS: dict[str, Provider] = {}


def register_slide(kind: str, provider: Provider) -> None:
    _PROVIDERS[kind] = provider


def slide(kind: str, neighbourhood, now: datetime) -> Slide | None:
    """The slide of this kind for now, or None when it has nothing to show (it is skipped)."""
    provider = _PROVIDERS.get(kind)
    return provider(neighbourhood, now) if provider else None


def _day_bounds(now: datetime) -> tuple[datetime, datetime]:
    today = recurrence.to_local(now).date()
    return (recurrence.to_utc(datetime.combine(today, time.min)),
            recurrence.to_utc(datetime.combine(today + timedelta(days=1), time.min)))


def today_slide(neighbourhood, now: datetime) -> Slide | None:
    """Now and next in the house, then the rest of today (what has ended is gone)."""
    today = recurrence.to_local(now).date()
    # Today's dates, and one from yesterday that is still going on after midnight.
    occurrences = [o for o in agenda.occurrences_between(neighbourhood.id, today - timedelta(days=1), 2,
                                                         include_cancelled=False)
                   if o.ends_at > now and (o.starts_at <= now or recurrence.to_local(o.starts_at).date() == today)]
    if not occurrences:
        return None
    on_now = [_activity_item(o) for o in occurrences if o.starts_at <= now][:MOST_ITEMS - 2]
    coming = [_activity_item(o) for o in occurrences if o.starts_at > now][:max(MOST_ITEMS - len(on_now), 2)]
    return Slide("today", items=coming, now=on_now)


def _activity_item(occurrence: Occurrence) -> Item:
    activity = occurrence.activity
    return Item(title=activity.title, short=f"a{occurrence.id}", when=occurrence.starts_at, until=occurrence.ends_at,
                place=occurrence.room.name if occurrence.room else "", kind=activity.kind,
                places_left=occurrence.places_left if activity.needs_signup else None,
                is_full=activity.needs_signup and occurrence.is_full)


def help_slide(neighbourhood, now: datetime) -> Slide | None:
    """Open tasks and shifts of the coming week with places left; a neighbour's request shows only its
    public title and street, never who asks or where exactly."""
    shifts = db.session.scalars(
        select(Shift).join(Task, Task.id == Shift.task_id).where(
            Shift.neighbourhood_id == neighbourhood.id, Task.is_closed.is_(False), Shift.is_cancelled.is_(False),
            Shift.starts_at > now, Shift.starts_at < now + timedelta(days=7),
            (Shift.capacity.is_(None)) | (Shift.confirmed_count < Shift.capacity))
        .order_by(Shift.starts_at).limit(MOST_ITEMS * 3)).all()
    seen, items = set(), []
    for shift in shifts:  # one line per task: its next date
        if shift.task_id in seen:
            continue
        seen.add(shift.task_id)
        task = shift.task
        items.append(Item(title=task.title, short=f"t{task.id}", when=shift.starts_at, until=shift.ends_at,
                          place=task.place, places_left=shift.places_left, kind=(task.skills or "").split(",")[0]))
    return Slide("help", items=items[:MOST_ITEMS]) if items else None


def initiatives_slide(neighbourhood, now: datetime) -> Slide | None:
    """The newest published initiatives (not the finished ones) and what they still need."""
    found = db.session.scalars(
        select(Initiative).where(Initiative.neighbourhood_id == neighbourhood.id, Initiative.is_hidden.is_(False),
                                 Initiative.state == State.PUBLISHED.value)
        .options(lazyload(Initiative.proposer), selectinload(Initiative.needs))
        .order_by(Initiative.published_at.desc(), Initiative.id.desc()).limit(MOST_ITEMS)).all()
    if not found:
        return None
    return Slide("initiatives", items=[Item(title=i.title, short=f"i{i.id}", kind="initiative",
                                            extra=[need.description for need in i.needs if not need.is_met][:3])
                                       for i in found])


def numbers_slide(neighbourhood, now: datetime) -> Slide | None:
    """This month in numbers, from the neighbourhood's figures (community.numbers): aggregates only,
    and a small number that could point at a neighbour is left off the screen."""
    from community.numbers.overview import month_so_far

    found = month_so_far(neighbourhood.id, recurrence.to_local(now).date(), now,
                         ("activities", "visits", "volunteers", "volunteer_minutes", "initiatives_done", "pot_gifts"))
    figures = {"activities": found["activities"].shown or 0, "visits": found["visits"].shown or 0,
               "volunteer_hours": round((found["volunteer_minutes"].shown or 0) / 60),
               "initiatives_done": found["initiatives_done"].shown or 0, "pot_gifts": found["pot_gifts"].shown or 0}
    return Slide("numbers", figures=figures) if any(figures.values()) else None


register_slide("today", today_slide)
register_slide("help", help_slide)
register_slide("initiatives", initiatives_slide)
register_slide("numbers", numbers_slide)

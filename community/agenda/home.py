"""What the agenda adds to the neighbourhood home page: a tile and 'today in the house'."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from flask import url_for
from flask_babel import get_locale, gettext as _, lazy_gettext as _l, ngettext

from community import recurrence
from community.agenda import services as agenda
from community.db import utcnow
from community.neighbourhoods.services import Part, Section, register_part, register_section
from community.pictograms import TILES


def agenda_part(neighbourhood) -> Part:
    return Part(title=str(_l("Agenda")), text=str(_l("Wat is er te doen in het Huis van de Wijk?")),
                icon=TILES["agenda"], tone="sun", url=url_for("agenda.week", slug=neighbourhood.slug))


@dataclass
class Today:
    """Today's dates in the house: those still to come (or going on), and those that ended."""

    coming: list = field(default_factory=list)
    earlier: list = field(default_factory=list)


def today_in_house(neighbourhood_id: int, now: datetime | None = None) -> Today:
    now = now or utcnow()
    today = Today()
    for occurrence in agenda.occurrences_between(neighbourhood_id, recurrence.to_local(now).date(), 1):
        (today.coming if occurrence.ends_at > now else today.earlier).append(occurrence)
    return today


def today_section(neighbourhood) -> Section:
    today = today_in_house(neighbourhood.id)
    return Section("agenda/_today.html", {"coming": today.coming, "earlier": today.earlier})


@dataclass(frozen=True)
class ListLabels:
    """The words every line of an agenda list repeats, translated once per page."""

    base_url: str
    cancelled: str
    free: str
    walk_in: str
    full: str
    signed_up: str
    waitlisted: str
    ended: str

    @staticmethod
    def places_left(count: int) -> str:
        return _places_left(count, str(get_locale()))


@lru_cache(maxsize=512)
def _places_left(count: int, locale: str) -> str:
    return ngettext("nog %(num)d plaats", "nog %(num)d plaatsen", count)


def agenda_labels(neighbourhood) -> ListLabels:
    return ListLabels(
        base_url=url_for("agenda.week", slug=neighbourhood.slug), cancelled=_("Afgelast"), free=_("gratis"),
        walk_in=_("vrij binnenlopen"), full=_("vol, wachtlijst"), signed_up=_("je bent aangemeld"),
        waitlisted=_("je staat op de wachtlijst"), ended=_("afgelopen"))


def register_home_parts() -> None:
    register_part(agenda_part)
    register_section(today_section)

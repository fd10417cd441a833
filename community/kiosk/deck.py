"""A screen's deck: every slide it shows now, in each of its languages, as one piece of HTML with a
version (its ETag). Screens with the same settings share one rendering a minute; a screen whose
deck did not change gets a 304 and keeps rotating what it has.

Everything time-bound is worked out here from `now` in Europe/Amsterdam: what is on today, whether
the house is open, the day the screen reloads itself after. Nothing on the page holds a fixed date,
so the day turns at midnight by itself, and times stay right across daylight-saving changes."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import lazyload, selectinload

from community import recurrence
from community.extensions import cache
from community.kiosk.models import KioskScreen
from community.kiosk.slides import Slide, slide
from community.extensions import db
from community.neighbourhoods.hours import OpenState, opening_state, week_of
from community.neighbourhoods.models import CommunityHouse
from community.versions import AGENDA, CARDS, INITIATIVES, VOLUNTEERING, app_version, versions_of


@dataclass
class Deck:
    day: date                       # the Amsterdam day it was made for
    hour: int
    house_name: str
    closed: OpenState | None        # the house is closed: a dark screen until it opens
    banner: str
    slides: list[Slide] = field(default_factory=list)


def deck_for(screen: KioskScreen, neighbourhood, now: datetime) -> Deck:
    local = recurrence.to_local(now)
    house = _house(neighbourhood.id)
    periods = week_of(house)
    state = opening_state(periods, now) if periods else None  # no opening hours: the screen is always on
    banner = screen.banner if screen.banner and (screen.banner_until is None or screen.banner_until > now) else ""
    deck = Deck(day=local.date(), hour=local.hour, house_name=house.name if house else neighbourhood.name,
                closed=state if state and not state.is_open else None, banner=banner)
    if deck.closed is None:
        deck.slides = [found for kind in screen.slide_list if (found := slide(kind, neighbourhood, now)) is not None]
    return deck


def _house(neighbourhood_id: int) -> CommunityHouse | None:
    """The house with its opening hours (its rooms are not needed here)."""
    return db.session.scalar(select(CommunityHouse).where(CommunityHouse.neighbourhood_id == neighbourhood_id)
                             .options(lazyload(CommunityHouse.rooms), selectinload(CommunityHouse.opening_periods)))


@dataclass(frozen=True)
class Rendered:
    html: str
    version: str


def rendered_deck(screen: KioskScreen, neighbourhood, now: datetime) -> Rendered:
    """The deck's HTML in every language of the screen, cached per minute for all screens that show the
    same slides in the same languages (and raised with the data it shows)."""
    key = ":".join(str(part) for part in (
        "kiosk-deck", neighbourhood.id, screen.slides, screen.languages, screen.banner, screen.banner_until,
        screen.reload_requested_at, app_version(), *versions_of(neighbourhood.id, (AGENDA, VOLUNTEERING, INITIATIVES, CARDS)),
        recurrence.to_local(now).strftime("%Y-%m-%dT%H:%M")))
    found = cache.get(key)
    if found is None:
        deck = deck_for(screen, neighbourhood, now)
        sections = []
        for code in screen.language_list:
            with force_locale(code):
                sections.append(render_template("kiosk/_language.html", deck=deck, code=code,
                                                neighbourhood=neighbourhood, short_host=_short_host()))
        body = "".join(sections)
        version = hashlib.sha256(f"{body}{deck.day}{screen.reload_requested_at}{app_version()}".encode()).hexdigest()[:20]
        found = Rendered(render_template("kiosk/_deck.html", deck=deck, body=body, version=version,
                                         reload_token=_reload_token(screen), app_version=app_version()), version)
        cache.set(key, found, timeout=120)
    return found


def _short_host() -> str:
    """The site's address as people type it: buurt.example (no https://, no www.)."""
    from urllib.parse import urlsplit

    host = urlsplit(current_app.config["BASE_URL"]).netloc
    return host.removeprefix("www.")


def _reload_token(screen: KioskScreen) -> str:
    return screen.reload_requested_at.isoformat() if screen.reload_requested_at else ""

"""Screens: added, changed and removed by a coordinator; found by their secret address; checking in."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from community.db import begin_write_transaction, utcnow
from community.errors import DomainError, NotFound, within_length
from community.extensions import cache, db
from community.i18n import LANGUAGES
from community.kiosk.models import BANNER_MAX, SCREEN_NAME_MAX, SLIDES, KioskCheckIn, KioskScreen

CHECK_IN_EVERY = timedelta(minutes=1)  # a screen's "laatst gezien" is written at most once a minute
OFFLINE_AFTER = timedelta(minutes=5)


class ScreenError(DomainError):
    pass


@dataclass(frozen=True)
class ScreenSettings:
    name: str
    slides: list[str]
    languages: list[str]
    banner: str = ""
    banner_until: datetime | None = None


def _checked(settings: ScreenSettings) -> ScreenSettings:
    name = within_length(settings.name, SCREEN_NAME_MAX, ScreenError, "name")
    if not name:
        raise ScreenError(_l("Geef het scherm een naam, zoals: Hal De Haard."), "name")
    slides = [kind for kind in SLIDES if kind in settings.slides]
    if not slides:
        raise ScreenError(_l("Kies minstens één soort dia."), "slides")
    languages = [code for code in LANGUAGES if code in settings.languages]
    if not languages:
        raise ScreenError(_l("Kies minstens één taal."), "languages")
    banner = within_length(settings.banner, BANNER_MAX, ScreenError, "banner")
    return ScreenSettings(name, slides, languages, banner, settings.banner_until if banner else None)


def _apply(screen: KioskScreen, settings: ScreenSettings) -> None:
    screen.name, screen.slides, screen.languages = settings.name, ",".join(settings.slides), ",".join(settings.languages)
    screen.banner, screen.banner_until = settings.banner, settings.banner_until


def add_screen(neighbourhood_id: int, settings: ScreenSettings) -> KioskScreen:
    screen = KioskScreen(neighbourhood_id=neighbourhood_id, token=secrets.token_urlsafe(32))
    _apply(screen, _checked(settings))
    db.session.add(screen)
    db.session.commit()
    return screen


def change_screen(screen: KioskScreen, settings: ScreenSettings) -> KioskScreen:
    _apply(screen, _checked(settings))
    db.session.commit()
    return screen


def new_address(screen: KioskScreen) -> KioskScreen:
    """A new secret address; the old one answers 404 at its next poll (the screen then shows a neutral page)."""
    screen.token = secrets.token_urlsafe(32)
    db.session.commit()
    return screen


def remove_screen(screen: KioskScreen) -> None:
    db.session.delete(screen)
    db.session.commit()


def ask_to_reload(screen: KioskScreen) -> KioskScreen:
    screen.reload_requested_at = utcnow()
    db.session.commit()
    return screen


def screens_of(neighbourhood_id: int) -> list[KioskScreen]:
    return list(db.session.scalars(select(KioskScreen).where(KioskScreen.neighbourhood_id == neighbourhood_id)
                                   .order_by(KioskScreen.name, KioskScreen.id)))


def screen_for_token(token: str) -> KioskScreen:
    screen = db.session.scalar(select(KioskScreen).where(KioskScreen.token == token)) if 20 <= len(token) <= 60 else None
    if screen is None:
        raise NotFound()
    return screen


def check_in(screen: KioskScreen, now: datetime | None = None) -> None:
    """Note that the screen asked for its slides, at most once a minute: the shared cache remembers the
    last note, and the database gets one upsert in a short write transaction of its own (the same
    UPDATE would do nothing in the minute after anyway, whichever worker or host got the poll)."""
    now = now or utcnow()
    remembered = f"kiosk-seen:{screen.id}"
    if cache.get(remembered):
        return
    begin_write_transaction(db.session)
    insert = (postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert)(KioskCheckIn)
    db.session.execute(insert.values(screen_id=screen.id, last_seen_at=now).on_conflict_do_update(
        index_elements=[KioskCheckIn.screen_id], set_={"last_seen_at": now},
        where=KioskCheckIn.last_seen_at < now - CHECK_IN_EVERY))
    db.session.commit()
    cache.set(remembered, True, timeout=int(CHECK_IN_EVERY.total_seconds()))


def last_seen(screen_ids: list[int]) -> dict[int, datetime]:
    if not screen_ids:
        return {}
    return dict(db.session.execute(select(KioskCheckIn.screen_id, KioskCheckIn.last_seen_at)
                                   .where(KioskCheckIn.screen_id.in_(screen_ids))).all())


def is_offline(seen: datetime | None, now: datetime | None = None) -> bool:
    return seen is None or (now or utcnow()) - seen > OFFLINE_AFTER


def in_neighbourhood(screen_id: int, neighbourhood_id: int) -> KioskScreen:
    screen = db.session.get(KioskScreen, screen_id)
    if screen is None or screen.neighbourhood_id != neighbourhood_id:
        raise NotFound()
    return screen

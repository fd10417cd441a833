"""A screen: its secret address (a device token, no login), which slides it shows in which
languages, a message for today, and when it last checked in."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from community.db import TimestampMixin
from community.extensions import db

SCREEN_NAME_MAX = 80
BANNER_MAX = 160
TOKEN_MAX = 43  # secrets.token_urlsafe(32)

# The slides a screen can show, in the order it shows them.
SLIDES = {
    "today": _l("Vandaag en straks"),
    "help": _l("Hulp gezocht"),
    "initiatives": _l("Nieuwe initiatieven"),
    "card": _l("Plaatje van de dag"),
    "numbers": _l("Tellen en vertellen"),
}


class KioskScreen(TimestampMixin, db.Model):
    __tablename__ = "kiosk_screen"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(SCREEN_NAME_MAX))
    token: Mapped[str] = mapped_column(String(TOKEN_MAX), unique=True)
    slides: Mapped[str] = mapped_column(String(80), default="today,help,initiatives,card,numbers")  # comma-separated
    languages: Mapped[str] = mapped_column(String(40), default="nl")  # comma-separated locale codes
    banner: Mapped[str] = mapped_column(String(BANNER_MAX), default="")
    banner_until: Mapped[datetime | None]
    reload_requested_at: Mapped[datetime | None]

    @property
    def slide_list(self) -> list[str]:
        return [kind for kind in SLIDES if kind in self.slides.split(",")]

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]


class KioskCheckIn(db.Model):
    """When a screen last asked for its slides: telemetry for the coordinator ("laatst gezien 10:42"),
    kept apart from the screen's settings because a screen's poll (a GET) writes it."""

    __tablename__ = "kiosk_check_in"

    screen_id: Mapped[int] = mapped_column(ForeignKey("kiosk_screen.id", ondelete="CASCADE"), primary_key=True)
    last_seen_at: Mapped[datetime]

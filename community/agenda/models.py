from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.bookings.models import SLOT_NOTE_MAX, Series, Slot
from community.db import utcnow
from community.extensions import db
from community.neighbourhoods.models import Room
from community import pictograms


# Lengths in characters of what organisers type; the forms allow the same.
ACTIVITY_TITLE_MAX = 120
ACTIVITY_DESCRIPTION_MAX = 4000
OCCURRENCE_NOTE_MAX = SLOT_NOTE_MAX  # a change of one date, or why it is cancelled


class ActivityKind(StrEnum):
    COFFEE = "coffee"
    LANGUAGE_CAFE = "language_cafe"
    LUNCH = "lunch"
    VITALITY = "vitality"
    HEALTH = "health"
    ROUND_TABLE = "round_table"
    CREATIVE = "creative"
    CHILDREN = "children"
    REPAIR = "repair"
    MUSIC = "music"
    WALK = "walk"
    GAMES = "games"
    ADVICE = "advice"
    DIGITAL = "digital"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self])


KIND_LABELS = {
    ActivityKind.COFFEE: _l("Koffie-ochtend"),
    ActivityKind.LANGUAGE_CAFE: _l("Taalcafé"),
    ActivityKind.LUNCH: _l("Buurtlunch"),
    ActivityKind.VITALITY: _l("Vitality Club"),
    ActivityKind.HEALTH: _l("Gezondheid"),
    ActivityKind.ROUND_TABLE: _l("Ronde tafel"),
    ActivityKind.CREATIVE: _l("Creatief"),
    ActivityKind.CHILDREN: _l("Kinderen"),
    ActivityKind.REPAIR: _l("Repair café"),
    ActivityKind.MUSIC: _l("Muziek en dans"),
    ActivityKind.WALK: _l("Wandelen"),
    ActivityKind.GAMES: _l("Spelletjes"),
    ActivityKind.ADVICE: _l("Spreekuur en hulp"),
    ActivityKind.DIGITAL: _l("Computer en telefoon"),
    ActivityKind.OTHER: _l("Overig"),
}


def kind_label(kind: str) -> str:
    try:
        return ActivityKind(kind).label
    except ValueError:
        return ActivityKind.OTHER.label


class Activity(Series):
    """A series (or a one-off) in the Huis van de Wijk; its dates are Occurrence rows. Its plan
    (first date, time, recurrence) is the Series part; bookings are the engine's (community.bookings)."""

    __tablename__ = "activity"
    __mapper_args__ = {"polymorphic_identity": "activity"}

    id: Mapped[int] = mapped_column(ForeignKey("bookable_series.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[str] = mapped_column(String(ACTIVITY_TITLE_MAX))
    description: Mapped[str] = mapped_column(String(ACTIVITY_DESCRIPTION_MAX), default="")
    kind: Mapped[str] = mapped_column(String(20), default=ActivityKind.OTHER.value)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="SET NULL"), index=True)
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    cost_cents: Mapped[int] = mapped_column(default=0)
    needs_signup: Mapped[bool] = mapped_column(default=False)
    capacity: Mapped[int | None]
    languages: Mapped[str] = mapped_column(String(60), default="nl")  # comma-separated locale codes
    is_paused: Mapped[bool] = mapped_column(default=False)

    room: Mapped[Room | None] = relationship(lazy="joined")
    organiser: Mapped[User | None] = relationship(lazy="joined")

    @property
    def places_per_date(self) -> int | None:
        return self.capacity if self.needs_signup else None

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def is_free(self) -> bool:
        return self.cost_cents == 0

    @property
    def pictogram(self) -> str:
        """The picture of its kind, shown where it has no photo."""
        return pictograms.for_activity(self.kind)


class Occurrence(Slot):
    """One date of an activity, in a room. Changed or cancelled dates keep their original start,
    which is what calendars call the RECURRENCE-ID."""

    __tablename__ = "occurrence"
    __mapper_args__ = {"polymorphic_identity": "activity"}

    id: Mapped[int] = mapped_column(ForeignKey("slot.id", ondelete="CASCADE"), primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="SET NULL"), index=True)
    is_changed: Mapped[bool] = mapped_column(default=False)

    # An outer join: with every slot kind loaded at once (Slot.with_polymorphic), an inner one would
    # drop the slots of the other kinds.
    activity: Mapped[Activity] = relationship(lazy="joined", foreign_keys=[activity_id])
    room: Mapped[Room | None] = relationship(lazy="joined")


class CalendarFeed(db.Model):
    """The secret address of a person's private 'my sign-ups' feed; a new one revokes the old."""

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

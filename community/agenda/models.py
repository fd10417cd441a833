from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.db import TimestampMixin, utcnow
from community.extensions import db
from community.neighbourhoods.models import Room


# Lengths in characters of what organisers type; the forms allow the same.
ACTIVITY_TITLE_MAX = 120
ACTIVITY_DESCRIPTION_MAX = 4000
OCCURRENCE_NOTE_MAX = 200  # a change of one date, or why it is cancelled


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
    ActivityKind.OTHER: _l("Overig"),
}


def kind_label(kind: str) -> str:
    try:
        return ActivityKind(kind).label
    except ValueError:
        return ActivityKind.OTHER.label


class SignUpStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class Activity(TimestampMixin, db.Model):
    """A series (or a one-off) in the Huis van de Wijk; its dates are Occurrence rows."""

    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(ACTIVITY_TITLE_MAX))
    description: Mapped[str] = mapped_column(String(ACTIVITY_DESCRIPTION_MAX), default="")
    kind: Mapped[str] = mapped_column(String(20), default=ActivityKind.OTHER.value)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="SET NULL"), index=True)
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    cost_cents: Mapped[int] = mapped_column(default=0)
    needs_signup: Mapped[bool] = mapped_column(default=False)
    capacity: Mapped[int | None]
    languages: Mapped[str] = mapped_column(String(60), default="nl")  # comma-separated locale codes
    # Wall-clock time in Europe/Amsterdam, and an RFC 5545 RRULE ("" for a one-off).
    first_date: Mapped[date]
    start_time: Mapped[time]
    duration_minutes: Mapped[int]
    rrule: Mapped[str] = mapped_column(String(200), default="")
    until_date: Mapped[date | None]
    is_paused: Mapped[bool] = mapped_column(default=False)
    materialised_until: Mapped[date | None]

    room: Mapped[Room | None] = relationship(lazy="joined")
    organiser: Mapped[User | None] = relationship(lazy="joined")

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def is_free(self) -> bool:
        return self.cost_cents == 0


class Occurrence(db.Model):
    """One date of an activity. Changed or cancelled dates keep their original start, which
    is what calendars call the RECURRENCE-ID."""

    __tablename__ = "occurrence"
    __table_args__ = (
        UniqueConstraint("activity_id", "original_starts_at"),
        Index("ix_occurrence_neighbourhood_starts", "neighbourhood_id", "starts_at"),
        Index("ix_occurrence_room_starts", "room_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"))
    original_starts_at: Mapped[datetime]
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="SET NULL"))
    capacity: Mapped[int | None]
    confirmed_count: Mapped[int] = mapped_column(default=0)
    is_cancelled: Mapped[bool] = mapped_column(default=False)
    is_changed: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(String(OCCURRENCE_NOTE_MAX), default="")

    activity: Mapped[Activity] = relationship(lazy="joined", innerjoin=True)
    room: Mapped[Room | None] = relationship(lazy="joined")

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.confirmed_count >= self.capacity


class SignUp(db.Model):
    __tablename__ = "sign_up"
    __table_args__ = (
        UniqueConstraint("occurrence_id", "user_id"),
        Index("ix_sign_up_occurrence_status", "occurrence_id", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(ForeignKey("occurrence.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    is_attended: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    occurrence: Mapped[Occurrence] = relationship()
    user: Mapped[User] = relationship()


class StandingSignUp(db.Model):
    """'Every week': new dates of the series sign this person up by themselves."""

    __tablename__ = "standing_sign_up"
    __table_args__ = (UniqueConstraint("activity_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CalendarFeed(db.Model):
    """The secret address of a person's private 'my sign-ups' feed; a new one revokes the old."""

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

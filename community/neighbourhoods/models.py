from __future__ import annotations

from datetime import datetime, time
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.db import TimestampMixin, utcnow
from community.extensions import db


# Lengths in characters of what coordinators and administrators type; the forms allow the same.
NAME_MAX = 100            # a neighbourhood, its house, a city
SLUG_MAX = 60
NEIGHBOURHOOD_DESCRIPTION_MAX = 1000  # a short introduction on the neighbourhood's page
STREET_ADDRESS_MAX = 200
POSTCODE_MAX = 10
OPENING_NOTE_MAX = 500    # a note beside the hours (as long as the free text it replaced, so nothing was cut)
PHONE_MAX = 30
ROOM_NAME_MAX = 80


class Role(StrEnum):
    RESIDENT = "resident"
    COORDINATOR = "coordinator"
    TREASURER = "treasurer"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.RESIDENT: _l("Bewoner"),
    Role.COORDINATOR: _l("Buurtregisseur"),
    Role.TREASURER: _l("Penningmeester"),
}


class Neighbourhood(TimestampMixin, db.Model):
    __tablename__ = "neighbourhood"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(SLUG_MAX), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    city: Mapped[str] = mapped_column(String(NAME_MAX))
    description: Mapped[str] = mapped_column(String(NEIGHBOURHOOD_DESCRIPTION_MAX), default="")

    house: Mapped[CommunityHouse | None] = relationship(
        back_populates="neighbourhood", uselist=False, cascade="all, delete-orphan"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="neighbourhood", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Neighbourhood {self.slug}>"


class CommunityHouse(TimestampMixin, db.Model):
    """The Huis van de Wijk: a public place, so its address may be shown."""

    __tablename__ = "community_house"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighbourhood.id", ondelete="CASCADE"), unique=True
    )
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    street_address: Mapped[str] = mapped_column(String(STREET_ADDRESS_MAX))
    postcode: Mapped[str] = mapped_column(String(POSTCODE_MAX))
    city: Mapped[str] = mapped_column(String(NAME_MAX))
    # The hours are OpeningPeriod rows (shown in every language); the note is the coordinator's own
    # words beside them ("in de schoolvakanties op woensdag dicht"), shown as typed, untranslated.
    opening_note: Mapped[str] = mapped_column(String(OPENING_NOTE_MAX), default="")
    phone: Mapped[str] = mapped_column(String(PHONE_MAX), default="")

    neighbourhood: Mapped[Neighbourhood] = relationship(back_populates="house")
    rooms: Mapped[list[Room]] = relationship(
        back_populates="house", cascade="all, delete-orphan", order_by="Room.name", lazy="selectin"
    )
    opening_periods: Mapped[list[OpeningPeriod]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True,
        order_by=lambda: (OpeningPeriod.weekday, OpeningPeriod.opens_at),
    )


# A period that closes at or before the time it opens runs past midnight (a DJ night 20:00-01:00),
# up to this time of the next morning at the latest. The CHECK writes it the way SQLite stores a TIME
# (compared as text there); PostgreSQL reads the same literal as a time.
NIGHT_ENDS = time(6)
_NIGHT_ENDS_SQL = "'06:00:00.000000'"


class OpeningPeriod(db.Model):
    """The Huis van de Wijk is open on this weekday (0 = Monday) from opens_at to closes_at,
    Amsterdam wall time. A day has zero or more periods (two around a lunch break); that they do
    not overlap is checked by community.neighbourhoods.hours, which replaces a house's week whole
    under a lock on the house; the database refuses two periods starting at once on one day."""

    __tablename__ = "house_opening_period"
    __table_args__ = (
        UniqueConstraint("house_id", "weekday", "opens_at"),
        CheckConstraint("weekday >= 0 AND weekday <= 6", name="weekday_range"),
        CheckConstraint("opens_at <> closes_at", name="not_empty"),
        CheckConstraint(f"opens_at < closes_at OR closes_at <= {_NIGHT_ENDS_SQL}", name="closes_after_opening"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    house_id: Mapped[int] = mapped_column(ForeignKey("community_house.id", ondelete="CASCADE"))
    weekday: Mapped[int]
    opens_at: Mapped[time]
    closes_at: Mapped[time]


class Room(db.Model):
    __tablename__ = "room"
    __table_args__ = (UniqueConstraint("house_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    house_id: Mapped[int] = mapped_column(ForeignKey("community_house.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(ROOM_NAME_MAX))
    capacity: Mapped[int] = mapped_column(default=20)
    is_wheelchair_accessible: Mapped[bool] = mapped_column(default=True)
    has_hearing_loop: Mapped[bool] = mapped_column(default=False)

    house: Mapped[CommunityHouse] = relationship(back_populates="rooms")


class Membership(db.Model):
    """A person's role in a neighbourhood; one row per role."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("user_id", "neighbourhood_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    neighbourhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighbourhood.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Anyone may join a neighbourhood; a buurtregisseur who knows the person confirms it (the audit
    # log says who). Only then do they see who their neighbours are (names on the talent map) and do
    # their reports count toward hiding something. Roles given by an admin are confirmed at once.
    confirmed_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="memberships")
    neighbourhood: Mapped[Neighbourhood] = relationship(back_populates="memberships", lazy="joined")

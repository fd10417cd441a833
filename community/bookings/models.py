"""The engine's tables. A feature's series and slots are joined-table subclasses of Series and
Slot (Activity/Occurrence in the agenda, Task/Shift in volunteering), so one booking table and one
standing-booking table serve both."""
from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.db import TimestampMixin, utcnow
from community.extensions import db
from community.images.models import PHOTO_DESCRIPTION_MAX, Image

SLOT_NOTE_MAX = 200


class Status(StrEnum):
    CONFIRMED = "confirmed"     # has a place
    WAITLISTED = "waitlisted"   # waits for a place
    OFFERED = "offered"         # offered help with a request; the asker accepts or declines
    CANCELLED = "cancelled"
    DECLINED = "declined"       # the asker said no thank you


ACTIVE = (Status.CONFIRMED.value, Status.WAITLISTED.value, Status.OFFERED.value)


class Presence(StrEnum):
    """Marked afterwards by whoever runs the date; unmarked is neither."""

    PRESENT = "present"
    ABSENT = "absent"


class Series(TimestampMixin, db.Model):
    """A plan of dates: one date, or an RFC 5545 RRULE from `first_date` in Amsterdam wall time."""

    __tablename__ = "bookable_series"
    __table_args__ = (Index("ix_bookable_series_feature_neighbourhood", "feature", "neighbourhood_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feature: Mapped[str] = mapped_column(String(20))
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"), index=True)
    first_date: Mapped[date]
    start_time: Mapped[time]
    duration_minutes: Mapped[int]
    rrule: Mapped[str] = mapped_column(String(200), default="")
    until_date: Mapped[date | None]
    materialised_until: Mapped[date | None]
    # A photo of what happens (an activity, a task); without one, lists show the kind's pictogram.
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("image.id", ondelete="SET NULL"))
    # What is on it, in words, for whoever cannot see it (the photo's alt text on the series' page).
    photo_description: Mapped[str] = mapped_column(String(PHOTO_DESCRIPTION_MAX), default="")

    # Joined: a card shows the photo, so a list of cards loads them in its own query.
    photo: Mapped[Image | None] = relationship(lazy="joined")

    __mapper_args__ = {"polymorphic_on": "feature"}

    @property
    def is_recurring(self) -> bool:
        return bool(self.rrule)

    @property
    def places_per_date(self) -> int | None:
        """How many places a new date gets (None: no limit). Each kind of series says."""
        raise NotImplementedError


class Slot(db.Model):
    """One date of a series, with its own places. `original_starts_at` is the date the plan gave it
    (calendars call it the RECURRENCE-ID); `starts_at` may differ when one date was moved."""

    __tablename__ = "slot"
    __table_args__ = (
        UniqueConstraint("series_id", "original_starts_at"),
        Index("ix_slot_series_starts", "series_id", "starts_at"),
        Index("ix_slot_neighbourhood_starts", "neighbourhood_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    feature: Mapped[str] = mapped_column(String(20))
    series_id: Mapped[int] = mapped_column(ForeignKey("bookable_series.id", ondelete="CASCADE"))
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"))
    original_starts_at: Mapped[datetime]
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    capacity: Mapped[int | None]  # None: no limit
    confirmed_count: Mapped[int] = mapped_column(default=0)
    is_cancelled: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(String(SLOT_NOTE_MAX), default="")

    __mapper_args__ = {"polymorphic_on": "feature", "with_polymorphic": "*"}

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.confirmed_count >= self.capacity

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= utcnow()


class Booking(db.Model):
    """One person on one slot."""

    __tablename__ = "booking"
    __table_args__ = (
        UniqueConstraint("slot_id", "user_id"),
        Index("ix_booking_slot_status", "slot_id", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("slot.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    presence: Mapped[str | None] = mapped_column(String(10))
    reminded_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    slot: Mapped[Slot] = relationship()
    user: Mapped[User] = relationship()

    @property
    def is_attended(self) -> bool:
        return self.presence == Presence.PRESENT.value

    @property
    def is_absent(self) -> bool:
        return self.presence == Presence.ABSENT.value


class StandingBooking(db.Model):
    """'Every time': new dates of the series book this person by themselves."""

    __tablename__ = "standing_booking"
    __table_args__ = (UniqueConstraint("series_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("bookable_series.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

"""Tasks and shifts that want volunteers, and who signs up for them."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.db import TimestampMixin, utcnow
from community.extensions import db
from community.talents.models import SKILLS


# Lengths in characters of what people type; the forms allow the same.
TASK_TITLE_MAX = 120
TASK_DESCRIPTION_MAX = 4000
PLACE_MAX = 200         # the public place and the private one of a request
SHIFT_NOTE_MAX = 200    # why a date (or the whole task) is cancelled


class Origin(StrEnum):
    COORDINATOR = "coordinator"   # posted by the buurtregisseur: bar duty, the neighbourhood taxi
    INITIATIVE = "initiative"     # from an initiative's "hands" need
    REQUEST = "request"           # a resident who needs a hand: "wie helpt mij met …"


ORIGIN_LABELS = {
    Origin.COORDINATOR: _l("Huis van de Wijk"),
    Origin.INITIATIVE: _l("Initiatief"),
    Origin.REQUEST: _l("Een buur vraagt"),
}


class Status(StrEnum):
    CONFIRMED = "confirmed"     # has a place
    WAITLISTED = "waitlisted"   # waits for a place
    OFFERED = "offered"         # offered help with a request; the asker accepts (and the place is revealed)
    CANCELLED = "cancelled"
    DECLINED = "declined"       # the asker said no thank you


ACTIVE = (Status.CONFIRMED.value, Status.WAITLISTED.value, Status.OFFERED.value)

# The parts of the day in the talent profile's week grid start at these local times.
AFTERNOON_FROM, EVENING_FROM = time(12), time(18)


def day_part_of(moment_date: date, start: time) -> int:
    """The cell of the week grid (day × morning/afternoon/evening) a start falls in."""
    part = 0 if start < AFTERNOON_FROM else 1 if start < EVENING_FROM else 2
    return moment_date.weekday() * 3 + part


class Task(TimestampMixin, db.Model):
    """Something the neighbourhood needs hands for: one date, or a recurring shift."""

    __tablename__ = "task"
    __table_args__ = (Index("ix_task_neighbourhood_open", "neighbourhood_id", "is_closed"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"))
    origin: Mapped[str] = mapped_column(String(20), default=Origin.COORDINATOR.value)
    title: Mapped[str] = mapped_column(String(TASK_TITLE_MAX))
    description: Mapped[str] = mapped_column(String(TASK_DESCRIPTION_MAX), default="")
    skills: Mapped[str] = mapped_column(String(400), default="")   # comma-separated talent codes wanted
    people_needed: Mapped[int] = mapped_column(default=1)
    place: Mapped[str] = mapped_column(String(PLACE_MAX), default="")            # shown to everyone
    private_place: Mapped[str] = mapped_column(String(PLACE_MAX), default="")    # requests: only for accepted volunteers
    # Wall-clock time in Europe/Amsterdam and an RFC 5545 RRULE ("" for one date), as in the agenda.
    first_date: Mapped[date]
    start_time: Mapped[time]
    duration_minutes: Mapped[int]
    rrule: Mapped[str] = mapped_column(String(200), default="")
    until_date: Mapped[date | None]
    materialised_until: Mapped[date | None]
    posted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    initiative_id: Mapped[int | None] = mapped_column(ForeignKey("initiative.id", ondelete="SET NULL"), index=True)
    need_id: Mapped[int | None] = mapped_column(ForeignKey("initiative_need.id", ondelete="SET NULL"))
    is_closed: Mapped[bool] = mapped_column(default=False)

    posted_by: Mapped[User | None] = relationship()  # loaded when needed: lists never show it

    @property
    def skill_codes(self) -> list[str]:
        return [code for code in self.skills.split(",") if code in SKILLS]

    @property
    def is_request(self) -> bool:
        return self.origin == Origin.REQUEST.value

    @property
    def is_recurring(self) -> bool:
        return bool(self.rrule)

    @property
    def day_part(self) -> int:
        return day_part_of(self.first_date, self.start_time)

    @property
    def end_time(self) -> time:
        return (datetime.combine(self.first_date, self.start_time) + timedelta(minutes=self.duration_minutes)).time()


class Shift(db.Model):
    """One date of a task, with its own places."""

    __tablename__ = "task_shift"
    __table_args__ = (
        UniqueConstraint("task_id", "starts_at"),
        Index("ix_task_shift_neighbourhood_starts", "neighbourhood_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    capacity: Mapped[int]
    confirmed_count: Mapped[int] = mapped_column(default=0)
    is_cancelled: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(String(SHIFT_NOTE_MAX), default="")

    task: Mapped[Task] = relationship(lazy="joined", innerjoin=True)

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.confirmed_count >= self.capacity

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= utcnow()


class VolunteerSignUp(db.Model):
    __tablename__ = "volunteer_sign_up"
    __table_args__ = (
        UniqueConstraint("shift_id", "user_id"),
        Index("ix_volunteer_sign_up_shift_status", "shift_id", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("task_shift.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    is_absent: Mapped[bool] = mapped_column(default=False)   # marked afterwards: not counted in the hours
    reminded_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    shift: Mapped[Shift] = relationship()
    user: Mapped[User] = relationship()


class StandingVolunteer(db.Model):
    """'Every time': new dates of a recurring shift sign this person up by themselves."""

    __tablename__ = "standing_volunteer"
    __table_args__ = (UniqueConstraint("task_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Invitation(db.Model):
    """A buurtregisseur asked this neighbour, who looked like a good fit, to help."""

    __tablename__ = "task_invitation"
    __table_args__ = (UniqueConstraint("task_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    task: Mapped[Task] = relationship(lazy="joined", innerjoin=True)

"""Tasks and shifts that want volunteers, and who signs up for them."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.bookings.models import ACTIVE, SLOT_NOTE_MAX, Series, Slot, Status  # noqa: F401 - statuses named here too
from community.db import utcnow
from community.extensions import db
from community.talents.models import SKILLS
from community import pictograms


# Lengths in characters of what people type; the forms allow the same.
TASK_TITLE_MAX = 120
TASK_DESCRIPTION_MAX = 4000
PLACE_MAX = 200         # the public place and the private one of a request
SHIFT_NOTE_MAX = SLOT_NOTE_MAX  # why a date (or the whole task) is cancelled


class Origin(StrEnum):
    COORDINATOR = "coordinator"   # posted by the buurtregisseur: bar duty, the neighbourhood taxi
    INITIATIVE = "initiative"     # from an initiative's "hands" need
    REQUEST = "request"           # a resident who needs a hand: "wie helpt mij met …"


ORIGIN_LABELS = {
    Origin.COORDINATOR: _l("Huis van de Wijk"),
    Origin.INITIATIVE: _l("Initiatief"),
    Origin.REQUEST: _l("Een buur vraagt"),
}


# The parts of the day in the talent profile's week grid start at these local times.
AFTERNOON_FROM, EVENING_FROM = time(12), time(18)


def day_part_of(moment_date: date, start: time) -> int:
    """The cell of the week grid (day × morning/afternoon/evening) a start falls in."""
    part = 0 if start < AFTERNOON_FROM else 1 if start < EVENING_FROM else 2
    return moment_date.weekday() * 3 + part


class Task(Series):
    """Something the neighbourhood needs hands for: one date, or a recurring shift. Its plan is the
    Series part; sign-ups are the engine's bookings (community.bookings)."""

    __tablename__ = "task"
    __table_args__ = (Index("ix_task_open", "is_closed"),)
    __mapper_args__ = {"polymorphic_identity": "task"}

    id: Mapped[int] = mapped_column(ForeignKey("bookable_series.id", ondelete="CASCADE"), primary_key=True)
    origin: Mapped[str] = mapped_column(String(20), default=Origin.COORDINATOR.value)
    title: Mapped[str] = mapped_column(String(TASK_TITLE_MAX))
    description: Mapped[str] = mapped_column(String(TASK_DESCRIPTION_MAX), default="")
    skills: Mapped[str] = mapped_column(String(400), default="")   # comma-separated talent codes wanted
    people_needed: Mapped[int] = mapped_column(default=1)
    place: Mapped[str] = mapped_column(String(PLACE_MAX), default="")            # shown to everyone
    private_place: Mapped[str] = mapped_column(String(PLACE_MAX), default="")    # requests: only for accepted volunteers
    posted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    initiative_id: Mapped[int | None] = mapped_column(ForeignKey("initiative.id", ondelete="SET NULL"), index=True)
    need_id: Mapped[int | None] = mapped_column(ForeignKey("initiative_need.id", ondelete="SET NULL"))
    is_closed: Mapped[bool] = mapped_column(default=False)

    posted_by: Mapped[User | None] = relationship()  # loaded when needed: lists never show it

    @property
    def places_per_date(self) -> int:
        return self.people_needed

    @property
    def skill_codes(self) -> list[str]:
        return [code for code in self.skills.split(",") if code in SKILLS]

    @property
    def is_request(self) -> bool:
        return self.origin == Origin.REQUEST.value

    @property
    def pictogram(self) -> str:
        """The picture of the first talent it asks for, shown where it has no photo."""
        return pictograms.for_task(self.skill_codes)

    @property
    def day_part(self) -> int:
        return day_part_of(self.first_date, self.start_time)

    @property
    def end_time(self) -> time:
        return (datetime.combine(self.first_date, self.start_time) + timedelta(minutes=self.duration_minutes)).time()


class Shift(Slot):
    """One date of a task, with its own places."""

    __tablename__ = "task_shift"
    __mapper_args__ = {"polymorphic_identity": "task"}

    id: Mapped[int] = mapped_column(ForeignKey("slot.id", ondelete="CASCADE"), primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)

    task: Mapped[Task] = relationship(lazy="joined", foreign_keys=[task_id])  # outer: see Occurrence.activity


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

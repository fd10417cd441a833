"""A resident's story about something that happened (an activity, an initiative, help between
neighbours), published by a buurtregisseur with the writer's consent; a year's report for partners
with the stories the coordinators picked; and the one-tap "hoe was het?" after an activity."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.db import TimestampMixin, utcnow
from community.extensions import db
from community.images.models import PHOTO_DESCRIPTION_MAX, Image
from community.moderation.models import REASON_MAX

STORY_TITLE_MAX = 80
STORY_BODY_MAX = 1200       # a short story: about two hundred words
REPORT_TEXT_MAX = 3000      # the coordinators' own words at the top of the annual report
STORIES_IN_REPORT_MAX = 12  # what fits an A4 report beside the numbers


class StoryState(StrEnum):
    SUBMITTED = "submitted"   # waits for a buurtregisseur
    PUBLISHED = "published"
    DECLINED = "declined"


STATE_LABELS = {
    StoryState.SUBMITTED: _l("Wacht op de buurtregisseur"),
    StoryState.PUBLISHED: _l("Staat online"),
    StoryState.DECLINED: _l("Niet online gezet"),
}


class Subject(StrEnum):
    """What a story is about: the section of the numbers it stands beside."""

    ACTIVITY = "activity"
    INITIATIVE = "initiative"
    HELP = "help"
    OTHER = "other"


SUBJECT_LABELS = {
    Subject.ACTIVITY: _l("Een activiteit in het huis"),
    Subject.INITIATIVE: _l("Een initiatief"),
    Subject.HELP: _l("Hulp tussen buren"),
    Subject.OTHER: _l("Iets anders in de buurt"),
}
SUBJECT_SECTIONS = {Subject.ACTIVITY: "agenda", Subject.INITIATIVE: "initiatives", Subject.HELP: "volunteering",
                    Subject.OTHER: "other"}


class Story(TimestampMixin, db.Model):
    __tablename__ = "story"
    __table_args__ = (Index("ix_story_neighbourhood_state", "neighbourhood_id", "state", "published_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    subject: Mapped[str] = mapped_column(String(20), default=Subject.OTHER.value)
    initiative_id: Mapped[int | None] = mapped_column(ForeignKey("initiative.id", ondelete="SET NULL"), index=True)
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(STORY_TITLE_MAX))
    body: Mapped[str] = mapped_column(String(STORY_BODY_MAX))
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("image.id", ondelete="SET NULL"))
    photo_description: Mapped[str] = mapped_column(String(PHOTO_DESCRIPTION_MAX), default="")
    may_show_publicly: Mapped[bool] = mapped_column(default=False)   # the writer's consent
    may_show_name: Mapped[bool] = mapped_column(default=False)
    state: Mapped[str] = mapped_column(String(20), default=StoryState.SUBMITTED.value)
    is_hidden: Mapped[bool] = mapped_column(default=False)
    decline_reason: Mapped[str] = mapped_column(String(REASON_MAX), default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None]

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")
    photo: Mapped[Image | None] = relationship(lazy="joined")

    @property
    def is_public(self) -> bool:
        return self.state == StoryState.PUBLISHED.value and not self.is_hidden and self.may_show_publicly

    @property
    def section(self) -> str:
        return SUBJECT_SECTIONS.get(Subject(self.subject), "other")

    @property
    def byline(self) -> str:
        """The writer's name only when they agreed to it."""
        return self.author.display_name if self.may_show_name and self.author is not None else ""


class AnnualReport(TimestampMixin, db.Model):
    """The coordinators' own words for a year's report, and which stories it shows."""

    __tablename__ = "annual_report"
    __table_args__ = (UniqueConstraint("neighbourhood_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"))
    year: Mapped[int]
    text: Mapped[str] = mapped_column(String(REPORT_TEXT_MAX), default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


class ReportStory(db.Model):
    __tablename__ = "annual_report_story"

    report_id: Mapped[int] = mapped_column(ForeignKey("annual_report.id", ondelete="CASCADE"), primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), primary_key=True, index=True)


class WellbeingAnswer(db.Model):
    """'Hoe was het?' after an activity: 1 (not good), 2 (so-so), 3 (good). Only monthly averages
    over at least five answers are ever shown; the row is deleted with the person."""

    __tablename__ = "wellbeing_answer"
    __table_args__ = (UniqueConstraint("slot_id", "user_id"), CheckConstraint("score BETWEEN 1 AND 3",
                                                                               name="ck_wellbeing_answer_score"),
                      Index("ix_wellbeing_answer_neighbourhood_created", "neighbourhood_id", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"))
    slot_id: Mapped[int] = mapped_column(ForeignKey("slot.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    score: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

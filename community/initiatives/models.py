from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.db import TimestampMixin, utcnow
from community.extensions import db
from community.images.models import Image
from community.moderation.models import REASON_MAX


# Lengths in characters of what people type; the forms allow the same.
INITIATIVE_TITLE_MAX = 120
WANT_MAX = 4000                # Wat willen we?
CAN_DO_MAX = 4000              # Wat kunnen we zelf?
RESULT_MAX = 2000              # Wat is er gelukt? (or why it stopped)
NEED_DESCRIPTION_MAX = 200
CONTRIBUTION_MESSAGE_MAX = 300
POST_BODY_MAX = 4000
# A step's reason is a coordinator's reason (moderation) or the initiator's result.
STATE_CHANGE_REASON_MAX = max(REASON_MAX, RESULT_MAX)


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    PUBLISHED = "published"
    DONE = "done"
    STOPPED = "stopped"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self])


STATE_LABELS = {
    State.DRAFT: _l("Concept"),
    State.SUBMITTED: _l("Ingediend, wacht op de buurtregisseur"),
    State.CHANGES_REQUESTED: _l("Aanpassing gevraagd"),
    State.PUBLISHED: _l("Gepubliceerd"),
    State.DONE: _l("Gelukt"),
    State.STOPPED: _l("Gestopt"),
    State.DECLINED: _l("Afgewezen"),
}


class NeedKind(StrEnum):
    HANDS = "hands"
    THINGS = "things"
    MONEY = "money"
    ROOM = "room"
    ADVICE = "advice"

    @property
    def label(self) -> str:
        return str(NEED_LABELS[self])


NEED_LABELS = {
    NeedKind.HANDS: _l("Handen"),
    NeedKind.THINGS: _l("Spullen"),
    NeedKind.MONEY: _l("Geld"),
    NeedKind.ROOM: _l("Een ruimte of plek"),
    NeedKind.ADVICE: _l("Advies"),
}


class Initiative(TimestampMixin, db.Model):
    __tablename__ = "initiative"
    __table_args__ = (Index("ix_initiative_neighbourhood_state", "neighbourhood_id", "state", "published_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"))
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(INITIATIVE_TITLE_MAX))
    want: Mapped[str] = mapped_column(String(WANT_MAX))
    can_do: Mapped[str] = mapped_column(String(CAN_DO_MAX), default="")
    state: Mapped[str] = mapped_column(String(20), default=State.DRAFT.value)
    is_hidden: Mapped[bool] = mapped_column(default=False)
    result: Mapped[str] = mapped_column(String(RESULT_MAX), default="")
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("image.id", ondelete="SET NULL"))
    support_count: Mapped[int] = mapped_column(default=0)
    submitted_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    proposer: Mapped[User | None] = relationship(lazy="joined")
    photo: Mapped[Image | None] = relationship(lazy="joined")
    needs: Mapped[list[Need]] = relationship(back_populates="initiative", cascade="all, delete-orphan",
                                             order_by="Need.id", lazy="selectin")

    @property
    def state_enum(self) -> State:
        return State(self.state)


class Need(db.Model):
    """Wat hebben we nodig? One item: hands, things, money, a room, advice."""

    __tablename__ = "initiative_need"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiative.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(NEED_DESCRIPTION_MAX))
    people: Mapped[int | None]          # for hands
    amount_cents: Mapped[int | None]    # for money
    is_met: Mapped[bool] = mapped_column(default=False)

    initiative: Mapped[Initiative] = relationship(back_populates="needs")


class Support(db.Model):
    """'Ik steun dit'. Supporters hear of updates, at most once a day."""

    __tablename__ = "initiative_support"
    __table_args__ = (UniqueConstraint("initiative_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiative.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    notified_until: Mapped[datetime] = mapped_column(default=utcnow)


class Contribution(db.Model):
    """A neighbour joins with what they bring, answering one of the needs."""

    __tablename__ = "initiative_contribution"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiative.id", ondelete="CASCADE"), index=True)
    need_id: Mapped[int | None] = mapped_column(ForeignKey("initiative_need.id", ondelete="SET NULL"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    message: Mapped[str] = mapped_column(String(CONTRIBUTION_MESSAGE_MAX))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship(lazy="joined")


class Post(db.Model):
    """An update by the initiator or a comment by a neighbour."""

    __tablename__ = "initiative_post"
    __table_args__ = (Index("ix_initiative_post_initiative_created", "initiative_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiative.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    is_update: Mapped[bool] = mapped_column(default=False)
    body: Mapped[str] = mapped_column(String(POST_BODY_MAX))
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("image.id", ondelete="SET NULL"))
    is_hidden: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")
    photo: Mapped[Image | None] = relationship(lazy="joined")


class StateChange(db.Model):
    """The initiative's history: from, to, when and why. Everyone sees the steps; the why of a
    moderation step is between the proposer and the coordinators (the result of the end is public)."""

    __tablename__ = "initiative_state_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiative.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    from_state: Mapped[str] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(STATE_CHANGE_REASON_MAX), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ModerationPreference(db.Model):
    """How a coordinator hears of new submissions: each one, or a daily summary."""

    __tablename__ = "moderation_preference"
    __table_args__ = (UniqueConstraint("user_id", "neighbourhood_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"))
    wants_daily_summary: Mapped[bool] = mapped_column(default=False)
    summarised_until: Mapped[datetime] = mapped_column(default=utcnow)

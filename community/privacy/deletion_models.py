"""An account that its owner asked to delete: it waits out the grace period, then is erased."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from community.db import utcnow
from community.extensions import db


class AccountDeletion(db.Model):
    """One row per account waiting to be erased. Logging in again deletes the row (and so the
    request); the cron command claims a due row with a conditional UPDATE of `claimed_at`, so two
    hosts running it at once never erase the same account twice."""

    __tablename__ = "account_deletion"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime] = mapped_column(index=True)
    claimed_at: Mapped[datetime | None]
    # What the person chose for each kind of contribution: True keeps it without their name.
    keep_initiatives: Mapped[bool] = mapped_column(default=True)
    keep_posts: Mapped[bool] = mapped_column(default=True)
    keep_stories: Mapped[bool] = mapped_column(default=True)

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from community.db import utcnow
from community.extensions import db

MAX_BODY = 20_000  # characters; rendered by the app, cut to this before it is stored


class OutboxMessage(db.Model):
    """One email, rendered in the recipient's language, waiting to be sent or sent.

    `claimed_at` is set by a conditional UPDATE before sending, so two senders (the request that
    wrote it and the cron retry, or two hosts) never both send it."""

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_unsent", "sent_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(String(MAX_BODY))
    template: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(String(300), default="")

"""A person's export of their own data: one row per person, the newest export.

The row doubles as the once-a-day gate: a new export claims it with a conditional UPDATE
(`requested_at` at least a day ago), and the unique `user_id` stops two first exports at once,
so the database, not a read-then-write in Python, decides whether a new one may start."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from community.db import utcnow
from community.extensions import db

FILE_KEY_LENGTH = 32


class DataExport(db.Model):
    __tablename__ = "data_export"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    ready_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    file_key: Mapped[str] = mapped_column(String(FILE_KEY_LENGTH), unique=True)
    size_bytes: Mapped[int] = mapped_column(default=0)

    @property
    def is_ready(self) -> bool:
        return self.ready_at is not None

    def is_expired(self, now: datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or utcnow())

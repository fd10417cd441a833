from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.db import TimestampMixin, utcnow
from community.extensions import db

if TYPE_CHECKING:
    from community.neighbourhoods.models import Membership

# Characters; the forms allow the same.
EMAIL_MAX = 254  # the longest address SMTP carries (RFC 5321)
DISPLAY_NAME_MAX = 60


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_MAX), unique=True)
    display_name: Mapped[str] = mapped_column(String(DISPLAY_NAME_MAX))
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(8))
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_email_confirmed: Mapped[bool] = mapped_column(default=False)
    is_deleted: Mapped[bool] = mapped_column(default=False)
    confirmed_at: Mapped[datetime | None]
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    login_sessions: Mapped[list[LoginSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def is_active(self) -> bool:  # Flask-Login asks this
        return self.is_email_confirmed and not self.is_deleted

    def roles_in(self, neighbourhood_id: int) -> set[str]:
        return {m.role for m in self.memberships if m.neighbourhood_id == neighbourhood_id}

    def neighbourhood_ids(self) -> set[int]:
        return {m.neighbourhood_id for m in self.memberships}

    def confirmed_neighbourhood_ids(self) -> set[int]:
        """Neighbourhoods where a coordinator confirmed this person lives (or gave them a role)."""
        return {m.neighbourhood_id for m in self.memberships if m.confirmed_at is not None}

    @property
    def home_membership(self) -> Membership | None:
        residents = [m for m in self.memberships if m.role == "resident"]
        return min(residents, key=lambda m: m.id) if residents else (self.memberships[0] if self.memberships else None)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.display_name!r}>"


class LoginSession(db.Model):
    """One row per logged-in browser: deleting it ends that session for real."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Updated at most once an hour: a session unused for SESSION_IDLE_LIFETIME ends, and every
    # session ends SESSION_ABSOLUTE_LIFETIME after its login.
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    user: Mapped[User] = relationship(back_populates="login_sessions")

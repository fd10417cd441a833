"""Export: the emails we sent in the last week (kept no longer) and the browsers I am logged in on."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.accounts.models import LoginSession
from community.extensions import db
from community.mail.models import OutboxMessage
from community.privacy.export_registry import exporter, row


@exporter("emails", _l("E-mails die we je stuurden"))
def emails(user) -> list[dict]:
    sent = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == user.email)
                              .order_by(OutboxMessage.id))
    return [row(subject=m.subject, body=m.body, created_at=m.created_at, sent_at=m.sent_at) for m in sent]


@exporter("login_sessions", _l("Je inlogsessies"))
def login_sessions(user) -> list[dict]:
    """When each session began and was last used; never its secret."""
    sessions = db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id).order_by(LoginSession.id))
    return [row(started_at=s.created_at, last_seen_at=s.last_seen_at) for s in sessions]

"""Logins: a server-side row per browser, so a login can be renewed, ended and ended elsewhere,
and expires after a while idle or a longer while in all."""
from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import datetime, timedelta

from flask import Flask, after_this_request, current_app, has_request_context, session
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, login_user, logout_user
from sqlalchemy import delete, select, update

from community.accounts.models import LoginSession, User
from community.db import utcnow
from community.extensions import db

log = logging.getLogger("community.accounts")

LOGIN_TOKEN_KEY = "login_token"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_login_session(user: User) -> None:
    """Renew the session: a fresh cookie and a fresh server-side row, old ones are worthless."""
    locale = user.locale or session.get("locale")
    previous = session.get(LOGIN_TOKEN_KEY)
    if previous:
        db.session.execute(delete(LoginSession).where(LoginSession.token_hash == _token_hash(previous)))
    session.clear()
    token = secrets.token_urlsafe(32)
    db.session.add(LoginSession(user_id=user.id, token_hash=_token_hash(token)))
    db.session.commit()
    session[LOGIN_TOKEN_KEY] = token
    if locale:
        session["locale"] = locale
    session.permanent = True
    login_user(user)
    log.info("login: user=%s", user.id)


def end_login_session() -> None:
    token = session.get(LOGIN_TOKEN_KEY)
    if token:
        db.session.execute(delete(LoginSession).where(LoginSession.token_hash == _token_hash(token)))
        db.session.commit()
    logout_user()
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale


def end_other_login_sessions(user: User) -> None:
    """After a password change every other browser is logged out."""
    token = session.get(LOGIN_TOKEN_KEY, "")
    db.session.execute(
        delete(LoginSession).where(LoginSession.user_id == user.id, LoginSession.token_hash != _token_hash(token))
    )


def end_all_login_sessions(user: User) -> None:
    """After a password reset no browser stays logged in (the caller commits)."""
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))


TOUCH_EVERY = timedelta(hours=1)  # how stale last_seen_at may get: one small write an hour, not one a page


def load_user_for_session(user_id: str) -> User | None:
    token = session.get(LOGIN_TOKEN_KEY)
    if not token or not user_id.isdigit() or len(user_id) > 10:
        return None
    now, config = utcnow(), current_app.config
    row = db.session.execute(
        select(User, LoginSession.id, LoginSession.last_seen_at)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(User.id == int(user_id), LoginSession.token_hash == _token_hash(token), User.is_deleted.is_(False),
               LoginSession.created_at > now - config["SESSION_ABSOLUTE_LIFETIME"],
               LoginSession.last_seen_at > now - config["SESSION_IDLE_LIFETIME"])
    ).first()
    if row is None:
        return None
    user, session_id, last_seen_at = row
    if last_seen_at < now - TOUCH_EVERY:
        _touch_after_response(session_id)
    return user


def _touch_after_response(session_id: int) -> None:
    """Note that the session is in use, once the response is out and in a transaction of its own:
    a page that only reads never waits for the write lock because of this."""
    if not has_request_context():
        return
    app = current_app._get_current_object()

    @after_this_request
    def _schedule(response):
        response.call_on_close(lambda: touch_login_session(app, session_id))
        return response


def touch_login_session(app, session_id: int) -> None:
    from community.db import write_intent

    with app.app_context(), write_intent():
        try:
            db.session.execute(update(LoginSession).where(LoginSession.id == session_id)
                               .values(last_seen_at=utcnow()).execution_options(synchronize_session=False))
            db.session.commit()
        except Exception:  # noqa: BLE001 - best effort: the next request tries again
            log.warning("could not note a session in use", exc_info=True)
        finally:
            db.session.remove()


def prune_login_sessions(now: datetime | None = None) -> int:
    """For cron: delete sessions that can no longer be used (idle too long, or too old)."""
    now, config = now or utcnow(), current_app.config
    result = db.session.execute(delete(LoginSession).where(
        (LoginSession.created_at <= now - config["SESSION_ABSOLUTE_LIFETIME"])
        | (LoginSession.last_seen_at <= now - config["SESSION_IDLE_LIFETIME"])))
    db.session.commit()
    return result.rowcount


def configure_login(app: Flask, login: LoginManager) -> None:
    login.init_app(app)
    login.login_view = "accounts.login"
    login.login_message = _l("Log eerst in om verder te gaan.")
    login.login_message_category = "info"
    login.session_protection = None  # sessions are renewed and revoked through LoginSession
    login.user_loader(load_user_for_session)

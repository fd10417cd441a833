"""A login ends after a month without use and three months after it began; ended logins are pruned."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from community.accounts.models import LoginSession
from community.accounts.login_sessions import prune_login_sessions
from community.db import utcnow
from community.extensions import db


def _age_sessions(**values) -> None:
    db.session.execute(update(LoginSession).values(**values))
    db.session.commit()


def test_an_idle_session_ends(client, login_as, make_user):
    login_as(make_user())
    assert client.get("/account/profile").status_code == 200
    _age_sessions(last_seen_at=utcnow() - timedelta(days=31))
    assert client.get("/account/profile").status_code == 302  # to the login page


def test_a_session_in_use_still_ends_after_its_absolute_lifetime(client, login_as, make_user):
    login_as(make_user())
    _age_sessions(created_at=utcnow() - timedelta(days=91), last_seen_at=utcnow())
    assert client.get("/account/profile").status_code == 302


def test_use_is_noted_at_most_once_an_hour_after_the_response(client, login_as, make_user):
    login_as(make_user())
    an_hour_ago = utcnow() - timedelta(hours=2)
    _age_sessions(last_seen_at=an_hour_ago)
    assert client.get("/account/profile").status_code == 200
    db.session.expire_all()
    first = db.session.scalar(select(LoginSession.last_seen_at))
    assert first > an_hour_ago + timedelta(minutes=90)
    assert client.get("/account/profile").status_code == 200
    db.session.expire_all()
    assert db.session.scalar(select(LoginSession.last_seen_at)) == first  # not touched again within the hour


def test_pruning_removes_only_ended_sessions(app, login_as, make_user):
    for _ in range(3):
        login_as(make_user())
    rows = db.session.scalars(select(LoginSession.id).order_by(LoginSession.id)).all()
    db.session.execute(update(LoginSession).where(LoginSession.id == rows[0]).values(last_seen_at=utcnow() - timedelta(days=40)))
    db.session.execute(update(LoginSession).where(LoginSession.id == rows[1]).values(created_at=utcnow() - timedelta(days=100)))
    db.session.commit()
    assert prune_login_sessions() == 2
    assert db.session.scalar(select(func.count(LoginSession.id))) == 1
    result = app.test_cli_runner().invoke(args=["accounts", "prune-sessions"])
    assert result.exit_code == 0 and "Removed 0 ended logins" in result.output

"""Fixtures for the tests over real HTTP: a site with data on a database of its own, served by
gunicorn with 4 workers (see live_server.py)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from community import create_app
from community.accounts.models import User
from community.accounts.services import hash_password
from community.db import utcnow
from community.demo import build_demo_data
from community.extensions import db
from community.neighbourhoods.models import Membership, Neighbourhood
from tests.http.live_server import RESIDENT_PASSWORD, RESIDENTS, Database, LiveServer, Resident, fresh_database

NEIGHBOURHOOD = "de-ruwaard"


@dataclass
class Site:
    server: LiveServer
    app: Flask
    database: Database
    emails: list[str]
    scene: Any = None

    def residents(self, count: int = RESIDENTS) -> list[Resident]:
        return [Resident(self.server, email) for email in self.emails[:count]]


@pytest.fixture(scope="module")
def start_site(tmp_path_factory):
    """start_site(build=None, **environment) -> Site: demo data plus 40 residents with a known
    password in De Ruwaard, then what build(neighbourhood, users) adds (its result is site.scene),
    then gunicorn with the environment's settings. Everything is stopped and dropped afterwards."""
    started: list[Site] = []

    def start(build: Callable[[Neighbourhood, list[User]], Any] | None = None, **environment: str) -> Site:
        folder = tmp_path_factory.mktemp("live")
        database = fresh_database(folder)
        server = LiveServer(database.url, folder, dict(environment))
        app = create_app({"SQLALCHEMY_DATABASE_URI": database.url, "UPLOAD_FOLDER": str(folder / "uploads"),
                          "RATELIMIT_ENABLED": False, "REDIS_URL": "", "CACHE_TYPE": "SimpleCache",
                          "MAIL_BACKEND": "locmem"})
        site = Site(server, app, database, [])
        started.append(site)
        with app.app_context():
            db.create_all()
            build_demo_data()
            neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == NEIGHBOURHOOD))
            users = _add_residents(neighbourhood)
            site.emails = [user.email for user in users]
            site.scene = build(neighbourhood, users) if build else None
            db.session.remove()
        server.start()
        return site

    yield start
    for site in started:
        site.server.stop()
        with site.app.app_context():
            db.session.remove()
            db.engine.dispose()
        site.database.drop()


def _add_residents(neighbourhood: Neighbourhood) -> list[User]:
    password_hash = hash_password(RESIDENT_PASSWORD)  # one hash for all: building stays fast
    users = [User(email=f"proefbuur{number}@example.org", display_name=f"Proefbuur {number}", password_hash=password_hash,
                  locale="nl", is_email_confirmed=True, confirmed_at=utcnow()) for number in range(1, RESIDENTS + 1)]
    for user in users:
        user.memberships.append(Membership(neighbourhood_id=neighbourhood.id, role="resident", confirmed_at=utcnow()))
    db.session.add_all(users)
    db.session.commit()
    return users

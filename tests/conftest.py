"""Shared fixtures: an app per test on a fresh database, a client, login_as and factories.

SQLite by default (a new file per test); set TEST_DATABASE_URL to run the same tests on
PostgreSQL, where the schema is made once and every table emptied after each test.
"""
from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
from datetime import time
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from hypothesis.configuration import set_hypothesis_home_dir
from sqlalchemy import create_engine, text

from community import create_app
from community.accounts.models import User
from community.accounts.login_sessions import start_login_session
from community.accounts.services import hash_password
from community.config import TestConfig
from community.db import utcnow
from community.db import Base
from community.extensions import db
from community.neighbourhoods.models import CommunityHouse, Membership, Neighbourhood, OpeningPeriod, Role, Room

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis keeps what it stores beside pytest's own cache, not in a folder of its own at the top.
set_hypothesis_home_dir(str(ROOT / ".pytest_cache" / "hypothesis"))
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
PASSWORD = "een lange zin als wachtwoord"


def _reuse_url_builders() -> None:
    """Every test builds an app, and Werkzeug compiles two URL-builder functions for each of its
    ~650 rules from Python source: a fifth of a second an app. The function depends only on the
    rule's parts and defaults, so one compiled per kind is shared by all the apps of a test run."""
    from werkzeug.routing.rules import Rule

    compile_builder = Rule._compile_builder
    builders: dict[tuple, object] = {}

    def shared_builder(self, append_unknown: bool = True):
        defaults = tuple(sorted((key, repr(value)) for key, value in (self.defaults or {}).items()))
        key = (self.rule, tuple(self._trace), defaults, append_unknown,
               tuple((name, type(converter)) for name, converter in self._converters.items()))
        if key not in builders:
            builders[key] = compile_builder(self, append_unknown)
        return builders[key]

    Rule._compile_builder = shared_builder


_reuse_url_builders()


def on_postgres() -> bool:
    return TEST_DATABASE_URL.startswith("postgres")


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The app reads .mo files; make sure they match the .po files under test."""
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "compile", "-d", str(ROOT / "translations")],
        check=True, capture_output=True,
    )


@pytest.fixture(scope="session")
def postgres_schema():
    if not on_postgres():
        yield None
        return
    from community import import_all_models

    import_all_models()

    engine = create_engine(_driver_url(TEST_DATABASE_URL))
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    yield engine
    Base.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_schema(tmp_path_factory) -> Path | None:
    """An empty SQLite database with every table, made once; each test starts from a copy."""
    if on_postgres():
        return None
    path = tmp_path_factory.mktemp("schema") / "empty.sqlite3"
    application = create_app({**_config_dict(TestConfig), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with application.app_context():
        db.create_all()
        db.session.remove()
        db.engine.dispose()
    return path


def _driver_url(url: str) -> str:
    return re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", url)


class ClosingClient(FlaskClient):
    """Closes each response the way a WSGI server does once it has sent it, so that what runs
    after the response (email from the outbox) has run when the test looks."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)


@pytest.fixture
def app(tmp_path, postgres_schema, sqlite_schema):
    if on_postgres():
        url = _driver_url(TEST_DATABASE_URL)
    else:
        shutil.copyfile(sqlite_schema, tmp_path / "test.sqlite3")
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    application = create_app({**_config_dict(TestConfig), "SQLALCHEMY_DATABASE_URI": url,
                              "UPLOAD_FOLDER": str(tmp_path / "uploads")})
    _first_before_request(application, _fresh_globals_per_request)
    application.teardown_request(_end_request_transaction)
    application.test_client_class = ClosingClient
    with application.app_context():
        yield application
        db.session.remove()
        if on_postgres():
            _empty_all_tables()
        db.engine.dispose()


def _end_request_transaction(_error=None) -> None:
    """In production the app context ends with the request, and with it the request's database
    transaction (before anything that runs once the response is out, such as the outbox). Tests keep
    one app context open, so end the transaction here the same way."""
    db.session.rollback()


def _first_before_request(application, function) -> None:
    """Run before the app's own before_request functions, so that what they put on `g` (such as
    the write intent's token, which teardown resets) is not wiped."""
    application.before_request_funcs.setdefault(None, []).insert(0, function)


def _fresh_globals_per_request() -> None:
    """The test keeps an app context open (for db access), and Flask reuses it for each
    request; in production every request gets a new one. Give each request a clean `g` so the
    logged-in user and the locale are worked out anew, as they are in production."""
    from flask import g

    for key in list(vars(g)):
        delattr(g, key)


def _config_dict(config_class) -> dict:
    return {key: getattr(config_class, key) for key in dir(config_class) if key.isupper()}


# Each table's id sequence, for restarting the ids of the tables a test wrote to.
SEQUENCES_OF_TABLES = """
    SELECT t.relname, s.relname FROM pg_class s
      JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
      JOIN pg_class t ON t.oid = d.refobjid
     WHERE s.relkind = 'S' AND t.relnamespace = current_schema()::regnamespace"""


def _empty_all_tables() -> None:
    """DELETE what the test wrote and restart those tables' ids: TRUNCATE makes new files for every
    table and index, some 0.2–1 s a test. Triggers (foreign keys, the ledger's append-only rule)
    are off for this one transaction, as in a restore (replica role)."""
    tables = [table.name for table in Base.metadata.sorted_tables]
    probe = " UNION ALL ".join(f"SELECT '{name}' WHERE EXISTS (SELECT 1 FROM \"{name}\")" for name in tables)
    with db.engine.begin() as connection:
        written = {row[0] for row in connection.execute(text(probe))}
        if not written:
            return
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        for name in reversed(tables):
            if name in written:
                connection.execute(text(f'DELETE FROM "{name}"'))
        for table, sequence in connection.execute(text(SEQUENCES_OF_TABLES)):
            if table in written:
                connection.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))


@pytest.fixture
def make_app(app):
    """Another app on the same database, with some settings changed (rate limits, production)."""

    made = []

    def make(**overrides):
        settings = {**_config_dict(TestConfig), "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]}
        other = create_app({**settings, **overrides})
        _first_before_request(other, _fresh_globals_per_request)
        other.teardown_request(_end_request_transaction)
        other.test_client_class = ClosingClient
        made.append(other)
        return other

    yield make
    for other in made:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def outbox(app):
    """Mail sent during the test (Flask-Mailman's in-memory backend)."""
    mailman = app.extensions["mailman"]
    mailman.outbox = []
    return mailman.outbox


_counter = itertools.count(1)


@pytest.fixture
def make_neighbourhood(app):
    def make(name: str | None = None, *, slug: str | None = None, city: str = "Oss", with_house: bool = True) -> Neighbourhood:
        number = next(_counter)
        name = name or f"Buurt {number}"
        neighbourhood = Neighbourhood(name=name, slug=slug or f"buurt-{number}", city=city, description="")
        if with_house:
            neighbourhood.house = CommunityHouse(
                name=f"Huis van de Wijk {name}", street_address="Dorpsstraat 1", postcode="5341 AA", city=city,
            )
            neighbourhood.house.opening_periods.append(OpeningPeriod(weekday=0, opens_at=time(9), closes_at=time(17)))
            neighbourhood.house.rooms.append(Room(name="Grote zaal", capacity=40))
        db.session.add(neighbourhood)
        db.session.commit()
        return neighbourhood

    return make


@pytest.fixture
def make_user(app):
    password_hash = hash_password(PASSWORD)

    def make(*, role: str | None = "resident", neighbourhood: Neighbourhood | None = None, is_admin: bool = False,
             email: str | None = None, name: str | None = None, locale: str | None = "nl", confirmed: bool = True,
             member_confirmed: bool = True) -> User:
        number = next(_counter)
        user = User(
            email=email or f"persoon{number}@example.org", display_name=name or f"Buur {number}",
            password_hash=password_hash, locale=locale, is_admin=is_admin, is_email_confirmed=confirmed,
        )
        if neighbourhood is not None and role is not None:
            confirmed_at = utcnow() if member_confirmed else None  # a coordinator confirmed they live here
            user.memberships.append(Membership(neighbourhood_id=neighbourhood.id, role=Role.RESIDENT.value,
                                               confirmed_at=confirmed_at))
            if role != Role.RESIDENT.value:
                user.memberships.append(Membership(neighbourhood_id=neighbourhood.id, role=role, confirmed_at=utcnow()))
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def login_as(client, app):
    """Log a user in through the real login session machinery."""

    def login(user: User):
        with app.test_request_context():
            start_login_session(user)
            from flask import session

            values = dict(session)
        with client.session_transaction() as client_session:
            client_session.clear()
            client_session.update(values)
        return client

    return login


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'name="csrf-token" content="([^"]+)"', html
    )
    assert match, "no CSRF token in the page"
    return match.group(1)

"""Migrations upgrade from empty, downgrade to base, and agree with the models."""
from __future__ import annotations

import secrets
from urllib.parse import quote

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from community import create_app
from community.config import TestConfig
from community.db import AUTOGENERATE_PLUGINS, Base
from community.extensions import db
from tests.conftest import TEST_DATABASE_URL, _config_dict, _driver_url, on_postgres


@pytest.fixture
def empty_database_url(tmp_path):
    if not on_postgres():
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    schema = f"migrations_{secrets.token_hex(4)}"
    base_url = _driver_url(TEST_DATABASE_URL)
    admin = create_engine(base_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base_url else "?"
    yield f"{base_url}{separator}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_upgrade_from_empty_matches_the_models_and_downgrades_to_base(empty_database_url):
    app = create_app({**_config_dict(TestConfig), "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True,
                                                                   "autogenerate_plugins": AUTOGENERATE_PLUGINS})
            differences = compare_metadata(context, Base.metadata)
            tables = set(inspect(connection).get_table_names())
        assert differences == [], "models and migrations disagree: run `flask db migrate`"
        assert {table.name for table in Base.metadata.sorted_tables} <= tables

        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        upgrade()  # and up again: the downgrade left nothing behind that blocks it
        db.engine.dispose()


BOUNDED_TEXT_REVISION = "c6b49e668534"


def test_bounding_text_cuts_long_values_and_keeps_every_row(empty_database_url):
    """Rows from before the limits (a result of 5,000 characters) do not block the upgrade, and
    rebuilding the tables on SQLite deletes nothing that refers to them."""
    from alembic.script import ScriptDirectory
    from flask import current_app

    app = create_app({**_config_dict(TestConfig), "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        config = current_app.extensions["migrate"].migrate.get_config()
        before = ScriptDirectory.from_config(config).get_revision(BOUNDED_TEXT_REVISION).down_revision
        upgrade(revision=before)
        now = {"at": "2026-01-01 12:00:00+00:00"}
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO neighbourhood (id, slug, name, city, description, created_at, updated_at) "
                "VALUES (1, 'ruwaard', 'Ruwaard', 'Oss', :long, :at, :at)"), {**now, "long": "b" * 1500})
            connection.execute(text(
                'INSERT INTO "user" (id, email, display_name, password_hash, is_admin, is_email_confirmed, is_deleted, '
                "password_changed_at, created_at, updated_at) "
                "VALUES (1, 'a@example.org', 'Ans', 'x', false, true, false, :at, :at, :at)"), now)
            connection.execute(text("INSERT INTO membership (id, user_id, neighbourhood_id, role, created_at) "
                                    "VALUES (1, 1, 1, 'resident', :at)"), now)
            connection.execute(text(
                "INSERT INTO initiative (id, neighbourhood_id, proposer_id, title, want, can_do, state, is_hidden, "
                "result, support_count, created_at, updated_at) "
                "VALUES (1, 1, 1, 'Tuin', :want, '', 'done', false, :result, 0, :at, :at)"),
                {**now, "want": "w" * 4000, "result": "r" * 5000})
        upgrade()
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM membership")).scalar() == 1
            assert connection.execute(text("SELECT length(description) FROM neighbourhood")).scalar() == 1000
            want, result = connection.execute(text("SELECT want, result FROM initiative")).one()
        assert want == "w" * 4000 and result == "r" * 2000
        downgrade(revision=before)
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM membership")).scalar() == 1
        db.engine.dispose()


def test_every_length_check_in_the_database_has_the_column_length(empty_database_url):
    """Autogenerate matches CHECK constraints by name only; the number in each is checked here."""
    import re

    from sqlalchemy import String

    app = create_app({**_config_dict(TestConfig), "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade()
        inspector = inspect(db.engine)
        for table in Base.metadata.sorted_tables:
            checks = {check["name"]: check["sqltext"] for check in inspector.get_check_constraints(table.name)}
            for column in table.columns:
                if isinstance(column.type, String) and column.type.length:
                    sqltext = checks[f"ck_{table.name}_{column.name}_length"]
                    assert re.search(rf"<=\s*\(?{column.type.length}\b", sqltext), (table.name, column.name, sqltext)
        db.engine.dispose()

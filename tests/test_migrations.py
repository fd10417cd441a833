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

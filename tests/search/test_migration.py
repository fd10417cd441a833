"""The search migration: it fills the index for what a database already holds, and makes the same
full-text index that create_all makes (autogenerate cannot compare it: it is one engine's own)."""
from __future__ import annotations

from flask_login import AnonymousUserMixin
from flask_migrate import upgrade
from sqlalchemy import create_engine, select, text

from community import create_app
from community.config import TestConfig
from community.db import Base
from community.extensions import db
from community.neighbourhoods.models import Neighbourhood
from community.search import services
from community.search.models import SearchDocument
from tests.conftest import _config_dict, on_postgres
from tests.test_migrations import _close_connections, empty_database_url  # noqa: F401 - a fixture

BEFORE_SEARCH = "377a8d26d312"
AT = {"at": "2026-01-01 12:00:00+00:00"}
ROWS = [
    "INSERT INTO neighbourhood (id, slug, name, city, description, created_at, updated_at) "
    "VALUES (1, 'ruwaard', 'Ruwaard', 'Oss', '', :at, :at)",
    'INSERT INTO "user" (id, email, display_name, password_hash, is_admin, is_email_confirmed, is_deleted, '
    "password_changed_at, created_at, updated_at) VALUES (1, 'ans@example.org', 'Ans', 'x', false, true, false, :at, :at, :at)",
    "INSERT INTO initiative (id, neighbourhood_id, proposer_id, title, want, can_do, state, is_hidden, result, "
    "support_count, created_at, updated_at) VALUES (1, 1, 1, 'Moestuin', 'Groente kweken', '', 'published', false, '', "
    "0, :at, :at)",
    "INSERT INTO initiative (id, neighbourhood_id, proposer_id, title, want, can_do, state, is_hidden, result, "
    "support_count, created_at, updated_at) VALUES (2, 1, 1, 'Geheime tuin', 'Concept', '', 'draft', false, '', "
    "0, :at, :at)",
    "INSERT INTO talent_profile (id, user_id, neighbourhood_id, skills, own_words, wants, needs, availability, "
    "visibility, created_at, updated_at) VALUES (1, 1, 1, 'cooking', 'Ik kook graag', '', 'ans@example.org', "
    "'000000000000000000000', 'neighbourhood', :at, :at)",
    "INSERT INTO asset (id, neighbourhood_id, kind, name, description, public_contact, created_at) "
    "VALUES (1, 1, 'borrow', 'Bakfiets', 'Bij de bieb', '', :at)",
]


def test_the_upgrade_fills_the_index_for_what_is_there(empty_database_url):  # noqa: F811
    app = create_app({**_config_dict(TestConfig), "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision=BEFORE_SEARCH)
        with db.engine.begin() as connection:
            for statement in ROWS:
                connection.execute(text(statement), AT)
        upgrade()
        found = {(row.kind, row.title, row.audience) for row in db.session.execute(
            select(SearchDocument.kind, SearchDocument.title, SearchDocument.audience))}
        assert found == {("initiative", "Moestuin", "public"), ("talent", "Ans", "neighbourhood"),
                         ("talent", "Bakfiets", "public")}
        ruwaard = db.session.get(Neighbourhood, 1)
        results = services.search(ruwaard, "groente", AnonymousUserMixin())
        assert [hit.title for group in results.groups for hit in group.hits] == ["Moestuin"]
        assert services.search(ruwaard, "geheime", AnonymousUserMixin()).total == 0
        engine_objects = _engine_objects()
        _close_connections()
    if not on_postgres():
        assert engine_objects == _objects_made_by_create_all(empty_database_url.replace("migrations", "created"))


def _engine_objects() -> list[tuple]:
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            return sorted(connection.execute(text(
                "SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'search_document_fts%'")))
        column = connection.execute(text("SELECT data_type FROM information_schema.columns WHERE "
                                         "table_schema = current_schema() AND table_name = 'search_document' "
                                         "AND column_name = 'search_vector'")).scalar()
        index = connection.execute(text("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND "
                                        "indexname = 'ix_search_document_search_vector'")).scalar()
        assert column == "tsvector" and "USING gin (search_vector)" in index
        return [(column, index)]


def _objects_made_by_create_all(url: str) -> list[tuple]:
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    with engine.connect() as connection:
        objects = sorted(connection.execute(text(
            "SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'search_document_fts%'")))
    engine.dispose()
    return objects

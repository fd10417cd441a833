from __future__ import annotations

import pytest
from sqlalchemy import text

from community.db import SQLITE_BUSY_TIMEOUT_MS
from community.extensions import db
from tests.conftest import on_postgres


@pytest.mark.skipif(on_postgres(), reason="SQLite connection settings")
def test_every_sqlite_connection_uses_wal_foreign_keys_and_a_busy_timeout(app):
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == SQLITE_BUSY_TIMEOUT_MS


def test_uniqueness_is_kept_by_the_database(app, make_user):
    from sqlalchemy.exc import IntegrityError

    from community.accounts.models import User

    make_user(email="dubbel@example.org")
    db.session.add(User(email="dubbel@example.org", display_name="Twee", password_hash="x"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()

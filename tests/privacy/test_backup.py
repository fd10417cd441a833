"""A backup made while people write is one moment's database, and it restores whole."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from community.accounts.models import User
from community.db import Base
from community.extensions import db
from community.pot import services as pots
from community.pot.models import PotGift, PotTransaction, Source
from community.privacy.backup import (MANIFEST, BackupError, ledger_checksum, make_backup, prune_backups,
                                      restore_backup)
from community.recurrence import local_today
from tests.concurrency import run_at_once
from tests.conftest import on_postgres

WRITERS, GIFTS_EACH = 3, 6


@pytest.fixture
def fresh_database_url(app, tmp_path):
    """An empty database beside the test's own."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{url.database}_restore"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pot_with_writers(make_neighbourhood, make_user):
    neighbourhood = make_neighbourhood("De Ruwaard")
    writers = [make_user(neighbourhood=neighbourhood, role="treasurer") for _ in range(WRITERS)]
    coordinator = make_user(neighbourhood=neighbourhood, role="coordinator")
    pot = pots.open_pot(neighbourhood, name="Lief & leed", streets="Kastanjelaan",
                        gangmaker_ids=[w.id for w in writers], threshold_cents=2500, iban="NL91ABNA0417164300",
                        account_holder="Stichting Kastanjelaan", by=coordinator)
    for writer in writers:
        _give(pot.id, writer.id, 500)
    return pot.id, [w.id for w in writers]


def _give(pot_id: int, user_id: int, cents: int) -> None:
    pot = pots.pot_in(db.session.get(User, user_id).home_membership.neighbourhood_id, pot_id)
    pots.record_gift(pot, submission=uuid.uuid4().hex, source=Source.COLLECTION, method="cash", amount_cents=cents,
                     occurred_on=local_today(), giver_name="", may_show_name=False, by=db.session.get(User, user_id))


def _count(model) -> int:
    db.session.rollback()  # a fresh look, not the snapshot of an earlier read
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_backup_under_concurrent_writes_restores_into_a_fresh_database(app, tmp_path, pot_with_writers,
                                                                         fresh_database_url):
    pot_id, writer_ids = pot_with_writers
    gifts_before = _count(PotGift)
    folders = []

    def write_or_back_up(worker: int) -> None:
        if worker == 0:
            folders.append(make_backup(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "uploads",
                                       tmp_path / "backups"))
            return
        for n in range(GIFTS_EACH):
            _give(pot_id, writer_ids[worker - 1], 100 + n)

    (tmp_path / "uploads" / "ab").mkdir(parents=True)
    (tmp_path / "uploads" / "ab" / "photo.webp").write_bytes(b"RIFF photo")
    assert run_at_once(app, write_or_back_up, [0, *range(1, WRITERS + 1)]) == []
    gifts_after = _count(PotGift)
    assert gifts_after == gifts_before + WRITERS * GIFTS_EACH

    manifest = json.loads((folders[0] / MANIFEST).read_text())
    restored = restore_backup(folders[0], fresh_database_url, tmp_path / "restored-uploads")

    assert restored["rows"] == manifest["rows"]
    assert set(restored["rows"]) == {t.name for t in Base.metadata.sorted_tables}
    assert gifts_before <= restored["rows"]["pot_gift"] <= gifts_after
    assert (tmp_path / "restored-uploads" / "ab" / "photo.webp").read_bytes() == b"RIFF photo"
    engine = create_engine(fresh_database_url)
    try:
        with engine.connect() as connection:
            assert ledger_checksum(connection) == manifest["ledger_checksum"]
            # One moment's database: every transaction whole, every gift with its transaction.
            assert connection.execute(text("SELECT count(*) FROM (SELECT transaction_key FROM pot_entry "
                                           "GROUP BY transaction_key HAVING sum(amount_cents) <> 0) t")).scalar() == 0
            assert connection.execute(text("SELECT count(*) FROM pot_gift")).scalar() == connection.execute(
                text("SELECT count(*) FROM pot_transaction WHERE kind = 'gift'")).scalar()
    finally:
        engine.dispose()
    assert _count(PotTransaction) >= restored["rows"]["pot_transaction"]


def test_restore_refuses_a_database_that_is_in_use(app, tmp_path, pot_with_writers):
    folder = make_backup(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "uploads", tmp_path / "backups")
    with pytest.raises(BackupError, match="not empty"):
        restore_backup(folder, app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "uploads")


def test_old_backups_are_pruned_and_other_folders_left_alone(tmp_path):
    now = datetime(2026, 12, 7, 3, 0, tzinfo=timezone.utc)
    for days in (1, 29, 31, 60):
        folder = tmp_path / (now - timedelta(days=days)).strftime("%Y-%m-%dT%H%M%SZ")
        folder.mkdir()
        (folder / MANIFEST).write_text("{}")
    (tmp_path / "notes").mkdir()
    removed = prune_backups(tmp_path, keep_days=30, now=now)
    assert len(removed) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-08T030000Z", "2026-12-06T030000Z", "notes"]


def test_the_commands_for_cron(app, tmp_path, make_user):
    runner = app.test_cli_runner()
    backed_up = runner.invoke(args=["backup", "--to", str(tmp_path / "backups"), "--keep-days", "30"])
    assert backed_up.exit_code == 0 and "Backup written to" in backed_up.output
    refused = runner.invoke(args=["restore", backed_up.output.split("Backup written to ")[1].strip()])
    assert refused.exit_code != 0 and "not empty" in refused.output
    assert runner.invoke(args=["privacy", "erase-due"]).output.strip() == "Erased 0 accounts."

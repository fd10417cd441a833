"""A consistent copy of the database and the uploads while the app runs, and its way back.

SQLite: the online backup API copies the pages in one step under a read lock, so writers wait a
moment and the copy is one moment's database. PostgreSQL: pg_dump (custom format) in a snapshot
that the row counts of the manifest are taken in too, so the manifest describes exactly the dump.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Connection, make_url

from community.db import Base

log = logging.getLogger("community.privacy")

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MANIFEST = "manifest.json"
UPLOADS = "uploads"
FOLDER_FORMAT = "%Y-%m-%dT%H%M%SZ"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (for the operator, in English)."""


def make_backup(database_url: str, upload_folder: Path, backups_root: Path, now: datetime | None = None) -> Path:
    """Write database, uploads and a manifest into a new dated folder under backups_root."""
    now = now or datetime.now(timezone.utc)
    target = backups_root / now.strftime(FOLDER_FORMAT)
    target.mkdir(parents=True, exist_ok=False)
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        _copy_sqlite(url.database, target / SQLITE_FILE)
        manifest = _manifest_of(f"sqlite:///{target / SQLITE_FILE}")
    else:
        manifest = _dump_postgres(database_url, target / POSTGRES_FILE)
    if upload_folder.is_dir():
        shutil.copytree(upload_folder, target / UPLOADS)
    manifest.update(created_at=now.isoformat(), dialect=url.get_backend_name())
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    log.info("backup made: %s tables, %s rows", len(manifest["rows"]), sum(manifest["rows"].values()))
    return target


def restore_backup(folder: Path, database_url: str, upload_folder: Path) -> dict:
    """Restore a backup folder into an empty database; check it against the manifest."""
    manifest = json.loads((folder / MANIFEST).read_text())
    url = make_url(database_url)
    _refuse_a_database_in_use(database_url)
    if url.get_backend_name() != manifest["dialect"]:
        raise BackupError(f"this backup is of {manifest['dialect']}, the database is {url.get_backend_name()}")
    if url.get_backend_name() == "sqlite":
        _copy_sqlite(str(folder / SQLITE_FILE), url.database)
    else:
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--dbname",
              _libpq_url(database_url), str(folder / POSTGRES_FILE)], database_url)
    if (folder / UPLOADS).is_dir():
        shutil.copytree(folder / UPLOADS, upload_folder, dirs_exist_ok=True)
    restored = _manifest_of(database_url)
    if restored["rows"] != manifest["rows"] or restored["ledger_checksum"] != manifest["ledger_checksum"]:
        raise BackupError("the restored database differs from the backup's manifest")
    log.info("backup restored: %s tables", len(restored["rows"]))
    return restored


def prune_backups(backups_root: Path, keep_days: int, now: datetime | None = None) -> list[Path]:
    """Remove dated backup folders older than keep_days; other folders are left alone."""
    limit = (now or datetime.now(timezone.utc)) - timedelta(days=keep_days)
    removed = []
    for folder in sorted(backups_root.iterdir()) if backups_root.is_dir() else []:
        try:
            made = datetime.strptime(folder.name, FOLDER_FORMAT).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
        if made < limit and (folder / MANIFEST).exists():
            shutil.rmtree(folder)
            removed.append(folder)
    return removed


def _copy_sqlite(source: str, target: str) -> None:
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)  # all pages in one step: one moment's database
    origin.close()
    copy.close()


def _dump_postgres(database_url: str, target: Path) -> dict:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            connection.execute(text("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--file", str(target),
                  _libpq_url(database_url)], database_url)
            manifest = _counts(connection)
            connection.rollback()
    finally:
        engine.dispose()
    return manifest


def _manifest_of(database_url: str) -> dict:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return _counts(connection)
    finally:
        engine.dispose()


def _counts(connection: Connection) -> dict:
    present = set(inspect(connection).get_table_names())
    rows = {table.name: connection.execute(text(f'SELECT count(*) FROM "{table.name}"')).scalar_one()
            for table in Base.metadata.sorted_tables if table.name in present}
    return {"rows": rows, "ledger_checksum": ledger_checksum(connection) if "pot_entry" in present else ""}


def ledger_checksum(connection: Connection) -> str:
    """A fingerprint of every ledger line (which transaction, which account, how many cents)."""
    digest = hashlib.sha256()
    for row in connection.execute(text(
            "SELECT id, transaction_key, account_id, amount_cents FROM pot_entry ORDER BY id")):
        digest.update(("%d:%s:%d:%d;" % tuple(row)).encode())
    return digest.hexdigest()


def _refuse_a_database_in_use(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            tables = inspect(connection).get_table_names()
    finally:
        engine.dispose()
    if tables:
        raise BackupError(f"the database is not empty ({len(tables)} tables); restore only into an empty one")


def _libpq_url(database_url: str) -> str:
    url = make_url(database_url).set(drivername="postgresql", password=None)
    return url.render_as_string(hide_password=False)


def _run(command: list[str], database_url: str) -> None:
    env = dict(os.environ)
    password = make_url(database_url).password
    if password:
        env["PGPASSWORD"] = str(password)  # not on the command line, where `ps` would show it
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")

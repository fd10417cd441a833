"""Data versions per neighbourhood and per part of the site, for cache keys and ETags.

A write marks the parts it changed (`mark_changed`); when its transaction commits, each
marked version is raised by one. The raise happens last in the transaction and in one fixed
order (neighbourhood, then part), so these rows never take part in a deadlock, and a sign-up
in the agenda does not touch the version the initiatives' pages are cached under.
"""
from __future__ import annotations

import hashlib

from flask import current_app
from sqlalchemy import ForeignKey, String, event, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from community.extensions import db

AGENDA = "agenda"
INITIATIVES = "initiatives"
TALENTS = "talents"
VOLUNTEERING = "volunteering"
CARDS = "cards"  # Buurtplaatjes: a card published, declined or a consent revoked
PLACE = "place"  # the neighbourhood itself: its name, house, rooms, opening hours, and its people's names
NUMBERS = "numbers"  # what only "Tellen en vertellen" counts: the pots' money, swaps done, "hoe was het?"
PARTS = frozenset({AGENDA, INITIATIVES, TALENTS, VOLUNTEERING, CARDS, NUMBERS, PLACE})

_MARKS = "changed_parts"


class CacheVersion(db.Model):
    __tablename__ = "cache_version"

    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"),
                                                  primary_key=True)
    part: Mapped[str] = mapped_column(String(20), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)


def mark_changed(neighbourhood_id: int, part: str) -> None:
    """Pages of this part of this neighbourhood are stale once the current transaction commits."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}")
    db.session().info.setdefault(_MARKS, set()).add((neighbourhood_id, part))


def version_of(neighbourhood_id: int, part: str) -> int:
    return db.session.scalar(select(CacheVersion.version).where(
        CacheVersion.neighbourhood_id == neighbourhood_id, CacheVersion.part == part)) or 0


def versions_of(neighbourhood_id: int, parts: tuple[str, ...]) -> tuple[int, ...]:
    """Several parts' versions in one query, in the order asked."""
    found = dict(db.session.execute(select(CacheVersion.part, CacheVersion.version).where(
        CacheVersion.neighbourhood_id == neighbourhood_id, CacheVersion.part.in_(parts))).all())
    return tuple(found.get(part, 0) for part in parts)


def _upsert(dialect_name: str):
    return postgresql_insert if dialect_name == "postgresql" else sqlite_insert


@event.listens_for(Session, "before_commit")
def _raise_marked_versions(session) -> None:
    marks = session.info.pop(_MARKS, None)
    if not marks:
        return
    session.flush()  # the feature's own rows first: the version rows are the last locks taken
    insert = _upsert(session.get_bind().dialect.name)
    for neighbourhood_id, part in sorted(marks):
        statement = insert(CacheVersion).values(neighbourhood_id=neighbourhood_id, part=part, version=1)
        session.execute(statement.on_conflict_do_update(
            index_elements=[CacheVersion.neighbourhood_id, CacheVersion.part],
            set_={"version": CacheVersion.version + 1}))


@event.listens_for(Session, "after_rollback")
def _forget_marks(session) -> None:
    session.info.pop(_MARKS, None)


def app_version() -> str:
    """What is deployed: the files the app runs, renders and serves, read once when the app starts (the
    same in every worker of one deployment). Kiosk screens reload themselves and page ETags change with it."""
    known = current_app.extensions
    if "app_version" not in known:  # not setdefault: that would read every file on each call
        known["app_version"] = _files_digest()
    return known["app_version"]


def _files_digest() -> str:
    from pathlib import Path

    root = Path(current_app.root_path).parent
    digest = hashlib.sha256()
    for folder in ("community", "templates", "static", "translations"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]

"""Keeping the index right: documents follow their sources in the same transaction.

Why a hook on the session and not database triggers: a document needs what only the application
has — the labels in six languages (Babel's catalogues), the rules of what may be found (a state, a
visibility, a deleted account), and on PostgreSQL the folding of the words — and one hook serves
both databases, where triggers would be written twice in two SQL dialects, repeating the rules.

Why in the same transaction, before the commit, and not after it: the documents commit or roll
back with the change that caused them. An initiative that is hidden is unfindable from the moment
the hiding commits; after-commit work in a second transaction could fail or be cut off and leave
it findable.

How: `after_flush` notes which watched rows were added, changed in a field the document shows, or
deleted; `before_commit` flushes, then rewrites the documents of those rows from the database
(`refresh`), before the data versions are raised (community.versions takes its locks last).
Deletions that bypass the session (a cascade from a neighbourhood or an account, a script) are
covered by the documents' foreign keys, which delete them along. `flask search rebuild` writes
every document anew.
"""
from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import delete, event, inspect, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from community.accounts.models import User
from community.agenda.models import Activity
from community.initiatives.models import Initiative, Need
from community.search import documents, engines
from community.search.models import SearchDocument
from community.talents.models import Asset, TalentProfile
from community.volunteering.models import Task

_PENDING = "search_pending"
USERS = "user_id"  # a person's name is on their profiles' documents
CHUNK = 500

# Watched classes: the document's source column, how to find the source's id, and the fields a
# document shows (a change elsewhere, such as an activity's planning horizon, leaves it alone).
WATCHED = (
    (Activity, "activity_id", lambda row: row.id, ("title", "description", "kind", "is_paused", "neighbourhood_id")),
    (Initiative, "initiative_id", lambda row: row.id,
     ("title", "want", "can_do", "result", "state", "is_hidden", "neighbourhood_id")),
    (Need, "initiative_id", lambda row: row.initiative_id, ("kind", "description", "initiative_id")),
    (Task, "task_id", lambda row: row.id,
     ("title", "description", "place", "skills", "origin", "is_closed", "neighbourhood_id")),
    (TalentProfile, "talent_profile_id", lambda row: row.id,
     ("skills", "own_words", "wants", "visibility", "user_id", "neighbourhood_id")),
    (User, USERS, lambda row: row.id, ("display_name", "is_deleted")),
    (Asset, "asset_id", lambda row: row.id, ("kind", "name", "description", "public_contact", "neighbourhood_id")),
)


def _watched_change(row, *, changed_only: bool):
    for model, source, source_id, fields in WATCHED:
        if isinstance(row, model):
            if changed_only:
                state = inspect(row)
                if not any(state.attrs[name].history.has_changes() for name in fields):
                    return None
            return source, source_id(row)
    return None


@event.listens_for(Session, "after_flush")
def _note_changed_sources(session, _flush_context) -> None:
    pending = session.info.setdefault(_PENDING, {})
    for rows, changed_only in ((session.new, False), (session.dirty, True), (session.deleted, False)):
        for row in rows:
            found = _watched_change(row, changed_only=changed_only)
            if found is not None and found[1] is not None:
                pending.setdefault(found[0], set()).add(found[1])


def _write_pending_documents(session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()  # the sources' own rows first (after_flush notes what changed)
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    if pending.get(USERS):
        profiles = documents.profiles_of_users(session, pending.pop(USERS))
        pending.setdefault("talent_profile_id", set()).update(profiles)
    refresh(session, pending)


# First among the before_commit listeners: the data versions' rows stay the last locks a transaction takes.
event.listen(Session, "before_commit", _write_pending_documents, insert=True)


@event.listens_for(Session, "after_rollback")
def _forget_pending(session) -> None:
    session.info.pop(_PENDING, None)


def refresh(session, pending: dict[str, set[int]]) -> None:
    """Write the documents of these sources as the database holds them now: anew where they may be
    found, removed where they may not (or are gone)."""
    for source in documents.SOURCES:
        ids = sorted(pending.get(source.column, ()))
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            found = source.documents(session, chunk)
            unfindable = [source_id for source_id in chunk if source_id not in found]
            if unfindable:
                column = getattr(SearchDocument, source.column)
                session.execute(delete(SearchDocument).where(column.in_(unfindable)))
            _upsert(session, source.column, list(found.values()))


def _upsert(session, column: str, rows: list[dict]) -> None:
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(SearchDocument).values(rows)
    changing = {name: statement.excluded[name] for name in rows[0] if name != column}
    session.execute(statement.on_conflict_do_update(index_elements=[column], set_=changing))
    engines.for_dialect(dialect).write_vectors(session, rows)


def rebuild(session) -> int:
    """Every document anew from the source tables (for a database from before search, or after a
    change of translations); returns how many there are."""
    session.execute(delete(SearchDocument))
    total = 0
    dialect = session.get_bind().dialect.name
    for source in documents.SOURCES:
        rows = list(source.documents(session, None).values())
        for start in range(0, len(rows), CHUNK):
            _upsert(session, source.column, rows[start:start + CHUNK])
        total += len(rows)
    if dialect == "sqlite":
        # The triggers kept the FTS table in step; 'optimize' merges its segments after many writes.
        session.execute(text(f"INSERT INTO {engines.FTS_TABLE}({engines.FTS_TABLE}) VALUES ('optimize')"))
    return total


@click.group("search")
def search_commands() -> None:
    """The search index."""


@search_commands.command("rebuild")
@with_appcontext
def rebuild_command() -> None:
    """Write every search document anew from the activities, initiatives, tasks, talents and assets."""
    from community.db import write_intent
    from community.extensions import db

    with write_intent():
        total = rebuild(db.session)
        db.session.commit()
    click.echo(f"{total} documents in the search index")

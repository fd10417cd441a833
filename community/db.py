"""Declarative base, shared mixins and the SQLite connection settings."""
from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from sqlalchemy import CheckConstraint, DateTime, MetaData, String, Table, TypeDecorator, event, func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, Session, mapped_column, registry

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (which keeps no zone) too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; store aware UTC datetimes")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


def length_check_name(column_name: str) -> str:
    """The part of the CHECK's name the naming convention completes to ck_<table>_<column>_length."""
    return f"{column_name}_length"


def add_length_checks(table: Table) -> None:
    """A CHECK `length(column) <= n` for every String(n) column of the table.

    PostgreSQL refuses a value longer than VARCHAR(n) by itself; SQLite keeps whatever it is
    given, so without the CHECK a text the form did not see (a script, a service called
    directly) would be stored whole."""
    if table.info.get("length_checks"):
        return
    table.info["length_checks"] = True
    for column in table.columns:
        if isinstance(column.type, String) and column.type.length:
            table.append_constraint(CheckConstraint(func.length(column) <= column.type.length,
                                                    name=length_check_name(column.name)))


@event.listens_for(Mapper, "instrument_class")
def _bound_string_columns(mapper: Mapper, _class) -> None:
    """Every model's table gets its length checks as it is declared. (Flask-SQLAlchemy's db.Model
    is a new declarative class sharing Base's metadata, not a subclass of Base: hence the check.)"""
    table = mapper.local_table
    if isinstance(table, Table) and table.metadata is Base.metadata:
        add_length_checks(table)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# Long enough for a queue of writers (each holds the lock for one request) to get through.
SQLITE_BUSY_TIMEOUT_MS = 10000


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, _record) -> None:
    """WAL, foreign keys and a busy timeout on every SQLite connection."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    # Let SQLAlchemy issue BEGIN itself (see _begin_sqlite) instead of pysqlite's implicit one.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# Set while a request that may write (POST and friends) or a command runs: on SQLite every
# transaction then starts with BEGIN IMMEDIATE. A deferred transaction that has read and then
# wants to write cannot wait for the lock (SQLite answers "database is locked" at once, to avoid
# a deadlock); one that takes the lock up front simply queues behind the other writers.
_write_intent: ContextVar[bool] = ContextVar("sqlite_write_intent", default=False)


def set_write_intent(value: bool = True):
    """Mark the current context as one that writes; returns a token for reset_write_intent."""
    return _write_intent.set(value)


def reset_write_intent(token) -> None:
    _write_intent.reset(token)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


_INTENT_TOKEN = "buurtkracht.write_intent"  # in the WSGI environ of the request


def install_write_intent(app) -> None:
    """Requests that may change data take SQLite's write lock with their first query."""
    from flask import request

    @app.before_request
    def _mark_writing_request() -> None:
        if request.method not in SAFE_METHODS:
            request.environ[_INTENT_TOKEN] = set_write_intent(True)

    @app.teardown_request
    def _unmark_writing_request(_error=None) -> None:
        token = request.environ.pop(_INTENT_TOKEN, None)
        if token is not None:
            reset_write_intent(token)


@contextmanager
def write_intent():
    token = set_write_intent(True)
    try:
        yield
    finally:
        reset_write_intent(token)


@event.listens_for(Engine, "begin")
def _begin_sqlite(conn) -> None:
    if conn.dialect.name == "sqlite":
        mode = conn.get_execution_options().get("sqlite_begin") or ("IMMEDIATE" if _write_intent.get() else "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


# PostgreSQL: deadlock detected, serialization failure, lock not available.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001", "55P03"})


def is_busy_error(error: BaseException) -> bool:
    """A write that lost a race for a lock: the friendly answer is 'try again in a moment'."""
    if not isinstance(error, DBAPIError):
        return False
    original = error.orig
    if getattr(original, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    text = str(original).lower()
    return type(original).__module__.startswith("sqlite3") and ("locked" in text or "busy" in text)


# --- after commit ------------------------------------------------------------------------------
# Mail, jobs and file deletions happen only once the transaction that asked for them has
# committed: a rollback drops them, so nothing is sent or deleted for a change that did not happen.

def after_commit(session, callback: Callable[[], None]) -> None:
    """Run `callback` once the session's current transaction commits; never if it rolls back."""
    session = session() if hasattr(session, "registry") else session  # unwrap a scoped_session
    session.info.setdefault("after_commit", []).append(callback)


@event.listens_for(Session, "after_commit")
def _run_after_commit(session) -> None:
    for callback in session.info.pop("after_commit", []):
        callback()


@event.listens_for(Session, "after_rollback")
def _drop_after_commit(session) -> None:
    session.info.pop("after_commit", None)


# Autogenerate's own comparisons, plus named CHECK constraints (added or dropped; Alembic does
# not compare their text): a new String(n) column's length check is then written by
# `flask db migrate`, and the migrations test sees one that is missing.
AUTOGENERATE_PLUGINS = ["alembic.autogenerate.*", "alembic.ext.checkconstraint_byname"]


# Objects that exist on one database engine only (the full-text index: an FTS5 table with its
# shadow tables on SQLite, a tsvector column and its index on PostgreSQL). Migrations and create_all
# make them; autogenerate, which compares what both engines have, never sees them.
ENGINE_OWN_NAMES: set[str] = set()


def include_name(name, type_, _parent_names) -> bool:
    """Alembic's name filter, applied before reflection (an FTS5 table cannot be reflected as a table)."""
    return not (name and type_ in ("table", "column", "index")
                and any(name == own or name.startswith(f"{own}_") for own in ENGINE_OWN_NAMES))


def render_migration_item(type_, obj, autogen_context):
    """Autogenerate writes UTCDateTime as a plain timezone-aware DateTime."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def begin_write_transaction(session) -> None:
    """End the read transaction a request has open and start one that may write.

    On SQLite the new transaction starts with BEGIN IMMEDIATE: it takes the write lock up
    front (waiting up to the busy timeout), so concurrent sign-ups queue instead of failing.
    On PostgreSQL the conditional UPDATEs and row locks of the caller do the work.
    """
    session = session() if hasattr(session, "registry") else session  # unwrap a scoped_session
    if session.in_transaction():
        session.commit()
    if session.get_bind().dialect.name == "sqlite":
        session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})


# --- ending a read transaction before slow work ----------------------------------------------------
# A request that writes holds SQLite's write lock from its first query (see install_write_intent).
# Slow work that needs no database (decoding a photo) ends that transaction first, so that other
# writers go on meanwhile; only a transaction that changed nothing may be ended that way.

_WROTE = "wrote_in_transaction"


@event.listens_for(Session, "after_flush")
def _note_flush(session, _flush_context) -> None:
    session.info[_WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_write(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_writes(session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_WROTE, None)


def has_pending_changes(session) -> bool:
    """Whether the session's transaction holds changes (flushed or not) or work for after its commit."""
    session = session() if hasattr(session, "registry") else session  # unwrap a scoped_session
    return bool(session.new or session.deleted or any(session.is_modified(obj) for obj in session.dirty)
                or session.info.get(_WROTE) or session.info.get("after_commit"))


def end_read_transaction(session) -> None:
    """End the session's transaction, which must not have changed anything, and with it its locks.
    Loaded objects are expired and load again (in a new transaction) when next used."""
    session = session() if hasattr(session, "registry") else session  # unwrap a scoped_session
    if has_pending_changes(session):
        raise RuntimeError("commit or roll back the changes before ending the read transaction")
    if session.in_transaction():
        session.commit()

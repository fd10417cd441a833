"""Asking for, building and handing out a person's export.

One new export per 24 hours, decided by the database: the person's one `data_export` row is
claimed with a conditional UPDATE (its last request at least a day ago), and the first one ever
is an INSERT that the unique user_id lets only one of two racing requests make."""
from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from community.db import begin_write_transaction, utcnow
from community.errors import DomainError
from community.extensions import db
from community.images.services import upload_folder
from community.privacy.export_builder import build_export_zip
from community.privacy.models import FILE_KEY_LENGTH, DataExport

ONE_PER = timedelta(hours=24)
KEPT_FOR = timedelta(days=7)

log = logging.getLogger("community.privacy")


class ExportError(DomainError):
    pass


def too_soon() -> ExportError:
    return ExportError(_l("Je kunt één keer per dag een nieuwe download maken. Probeer het morgen weer."))


def export_of(user_id: int) -> DataExport | None:
    return db.session.scalar(select(DataExport).where(DataExport.user_id == user_id))


def export_folder() -> Path:
    configured = current_app.config.get("EXPORT_FOLDER")
    return Path(configured) if configured else upload_folder().parent / "exports"


def export_path(export: DataExport) -> Path:
    return export_folder() / f"{export.file_key}.zip"


def _new_key() -> str:
    return secrets.token_hex(FILE_KEY_LENGTH // 2)


def claim_export(user_id: int, now=None) -> tuple[DataExport, str | None]:
    """The person's export row, claimed for a new export; and the file key of the export it replaces."""
    now = now or utcnow()
    begin_write_transaction(db.session)  # SQLite: take the write lock before reading (PostgreSQL: the constraints decide)
    previous = export_of(user_id)
    old_key = previous.file_key if previous is not None else None
    key = _new_key()
    if previous is None:
        db.session.add(DataExport(user_id=user_id, requested_at=now, file_key=key))
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            raise too_soon() from None
    else:
        claimed = db.session.execute(
            update(DataExport).where(DataExport.user_id == user_id, DataExport.requested_at <= now - ONE_PER)
            .values(requested_at=now, ready_at=None, expires_at=None, size_bytes=0, file_key=key)
            .execution_options(synchronize_session=False))
        if claimed.rowcount != 1:
            db.session.rollback()
            raise too_soon()
        db.session.commit()
    export = export_of(user_id)
    db.session.refresh(export)
    return export, old_key


def build_export(export: DataExport, user) -> DataExport:
    """Write the ZIP for a claimed export and offer it for a week (what a job would run)."""
    body = build_export_zip(user, export.requested_at)
    path = export_path(export)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(body)
    partial.replace(path)
    ready = utcnow()
    export.ready_at, export.expires_at, export.size_bytes = ready, ready + KEPT_FOR, len(body)
    db.session.commit()
    log.info("export ready: user=%s export=%s bytes=%s", user.id, export.id, len(body))
    return export


def request_export(user, now=None) -> DataExport:
    export, old_key = claim_export(user.id, now)
    log.info("export requested: user=%s export=%s", user.id, export.id)
    if old_key is not None:
        _remove_file(export_folder() / f"{old_key}.zip")
    export_id, claimed_at = export.id, export.requested_at
    try:
        return build_export(export, user)
    except Exception:
        _release_claim(export_id, claimed_at)  # a failed build must not cost the person their export of the day
        raise


def _release_claim(export_id: int, claimed_at) -> None:
    db.session.rollback()
    db.session.execute(update(DataExport).where(DataExport.id == export_id, DataExport.requested_at == claimed_at)
                       .values(requested_at=claimed_at - ONE_PER).execution_options(synchronize_session=False))
    db.session.commit()
    log.warning("export failed: export=%s", export_id)


def downloadable(export: DataExport, now=None) -> Path | None:
    """The file while it is offered; None when not ready, expired or gone."""
    if not export.is_ready or export.is_expired(now):
        return None
    path = export_path(export)
    return path if path.is_file() else None


def remove_expired_exports(now=None) -> int:
    """For cron: delete the files of exports older than a week (the row stays as the daily gate)."""
    now = now or utcnow()
    expired = list(db.session.scalars(select(DataExport).where(DataExport.expires_at <= now)))
    for export in expired:
        _remove_file(export_path(export))
        export.ready_at = export.expires_at = None
    db.session.commit()
    return len(expired)


def _remove_file(path: Path) -> None:
    path.unlink(missing_ok=True)


"""The once-a-day rule holds when several requests ask at the same moment: the database decides."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from community.extensions import db
from community.privacy import export_service
from community.privacy.models import DataExport
from tests.concurrency import run_at_once

AT_ONCE = 4


def _claims_at_once(app, user_id: int, now=None) -> list[str]:
    return run_at_once(app, lambda _n: export_service.claim_export(user_id, now), list(range(AT_ONCE)))


def test_a_first_export_asked_for_four_times_at_once_is_made_once(app, resident):
    errors = _claims_at_once(app, resident.id)
    assert len(errors) == AT_ONCE - 1 and all("ExportError" in error for error in errors), errors
    db.session.rollback()  # a fresh look, after the threads' commits
    assert db.session.scalar(select(func.count()).select_from(DataExport)) == 1


def test_a_new_export_a_day_later_asked_for_four_times_at_once_is_made_once(app, resident):
    user_id = resident.id
    first, _ = export_service.claim_export(user_id)
    later = first.requested_at + timedelta(days=1, seconds=1)
    db.session.remove()
    errors = _claims_at_once(app, user_id, later)
    assert len(errors) == AT_ONCE - 1 and all("ExportError" in error for error in errors), errors
    db.session.rollback()
    assert db.session.scalar(select(DataExport.requested_at)) == later

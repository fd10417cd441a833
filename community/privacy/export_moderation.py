"""Export: what I reported, and why (my own words; never the reported text of someone else)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.extensions import db
from community.moderation.models import Report
from community.privacy.export_registry import exporter, row


@exporter("reports", _l("Meldingen die ik deed"))
def reports(user) -> list[dict]:
    mine = db.session.scalars(select(Report).where(Report.reporter_id == user.id).order_by(Report.id))
    return [row(target_type=r.target_type, target_id=r.target_id, reason=r.reason, is_open=r.is_open,
                created_at=r.created_at) for r in mine]

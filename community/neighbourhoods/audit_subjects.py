"""What the moderation audit log says about the neighbourhood's own entries (a confirmed member)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.extensions import db
from community.moderation import services as moderation
from community.neighbourhoods.models import Membership


def _load_memberships(ids: list[int]) -> dict[int, Membership]:
    if not ids:
        return {}
    return {row.id: row for row in db.session.scalars(select(Membership).where(Membership.id.in_(ids)))}


def register_audit_subjects() -> None:
    moderation.register_audit_subject("membership", moderation.AuditSubject(
        load_many=_load_memberships, describe=lambda membership: membership.user.display_name, kind=_l("Bewoner")))

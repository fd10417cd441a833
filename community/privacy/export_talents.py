"""Export: talent profiles, one per neighbourhood."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.extensions import db
from community.privacy.export_registry import exporter, row
from community.talents.models import TalentProfile


@exporter("talent_profile", _l("Talentenprofiel"))
def talent_profile(user) -> list[dict]:
    profiles = db.session.scalars(select(TalentProfile).where(TalentProfile.user_id == user.id).order_by(TalentProfile.id))
    return [row(neighbourhood_id=p.neighbourhood_id, skills=p.skill_codes, own_words=p.own_words, wants=p.wants,
                needs=p.needs, availability=p.availability, visibility=p.visibility, updated_at=p.updated_at)
            for p in profiles]

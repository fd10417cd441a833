"""Export: stories I wrote and my answers to the wellbeing question."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.extensions import db
from community.privacy.export_registry import exporter, row
from community.stories.models import Story, WellbeingAnswer


@exporter("stories", _l("Verhalen die ik schreef"))
def stories(user) -> list[dict]:
    mine = db.session.scalars(select(Story).where(Story.author_id == user.id).order_by(Story.id))
    return [row(id=s.id, subject=s.subject, title=s.title, body=s.body, photo=s.photo.key if s.photo else None,
                photo_description=s.photo_description, may_show_publicly=s.may_show_publicly,
                may_show_name=s.may_show_name, state=s.state, decline_reason=s.decline_reason,
                created_at=s.created_at, published_at=s.published_at) for s in mine]


@exporter("wellbeing_answers", _l("Mijn antwoorden op 'Hoe was het?'"))
def wellbeing_answers(user) -> list[dict]:
    answers = db.session.scalars(select(WellbeingAnswer).where(WellbeingAnswer.user_id == user.id)
                                 .order_by(WellbeingAnswer.id))
    return [row(slot_id=a.slot_id, score=a.score, answered_at=a.created_at) for a in answers]

"""Export: tasks I posted (requests for help included) and invitations I received."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.extensions import db
from community.privacy.export_registry import exporter, row
from community.volunteering.models import Invitation, Task


@exporter("tasks", _l("Taken en hulpvragen die ik plaatste"))
def tasks(user) -> list[dict]:
    mine = db.session.scalars(select(Task).where(Task.posted_by_id == user.id).order_by(Task.id))
    return [row(id=t.id, title=t.title, description=t.description, origin=t.origin, place=t.place,
                private_place=t.private_place, first_date=t.first_date, is_closed=t.is_closed) for t in mine]


@exporter("invitations", _l("Uitnodigingen om te helpen"))
def invitations(user) -> list[dict]:
    mine = db.session.scalars(select(Invitation).where(Invitation.user_id == user.id).order_by(Invitation.id))
    return [row(task_id=i.task_id, task=i.task.title, invited_at=i.created_at) for i in mine]

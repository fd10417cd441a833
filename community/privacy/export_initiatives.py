"""Export: initiatives I proposed, supported, offered something to, and what I wrote on them."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.extensions import db
from community.initiatives.models import Contribution, Initiative, Post, Support
from community.privacy.export_registry import exporter, row


@exporter("initiatives", _l("Initiatieven die ik voorstelde"))
def initiatives(user) -> list[dict]:
    mine = db.session.scalars(select(Initiative).where(Initiative.proposer_id == user.id).order_by(Initiative.id))
    return [row(id=i.id, title=i.title, want=i.want, can_do=i.can_do, state=i.state, result=i.result,
                needs=[n.description for n in i.needs], created_at=i.created_at, published_at=i.published_at)
            for i in mine]


@exporter("supports", _l("Initiatieven die ik steun"))
def supports(user) -> list[dict]:
    rows = db.session.execute(select(Support, Initiative.title).join(Initiative, Initiative.id == Support.initiative_id)
                              .where(Support.user_id == user.id).order_by(Support.id)).all()
    return [row(initiative_id=s.initiative_id, initiative=title, since=s.created_at) for s, title in rows]


@exporter("offers", _l("Wat ik aanbood bij initiatieven"))
def offers(user) -> list[dict]:
    rows = db.session.execute(select(Contribution, Initiative.title)
                              .join(Initiative, Initiative.id == Contribution.initiative_id)
                              .where(Contribution.user_id == user.id).order_by(Contribution.id)).all()
    return [row(initiative_id=c.initiative_id, initiative=title, message=c.message, created_at=c.created_at)
            for c, title in rows]


@exporter("updates_and_comments", _l("Berichten en reacties"))
def updates_and_comments(user) -> list[dict]:
    posts = db.session.scalars(select(Post).where(Post.author_id == user.id).order_by(Post.id))
    return [row(id=p.id, initiative_id=p.initiative_id, kind="update" if p.is_update else "comment", body=p.body,
                is_hidden=p.is_hidden, created_at=p.created_at) for p in posts]

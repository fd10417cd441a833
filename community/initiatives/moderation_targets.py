"""Initiatives and their posts as things neighbours can report and coordinators can hide."""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.extensions import db
from community.initiatives.models import Initiative, Post
from community.moderation import services as moderation
from community.versions import INITIATIVES, mark_changed


def _set_initiative_hidden(initiative: Initiative, hidden: bool) -> None:
    initiative.is_hidden = hidden
    mark_changed(initiative.neighbourhood_id, INITIATIVES)


def _set_post_hidden(item: Post, hidden: bool) -> None:
    item.is_hidden = hidden
    mark_changed(db.session.get(Initiative, item.initiative_id).neighbourhood_id, INITIATIVES)


def _load_initiatives(ids: list[int]) -> dict[int, Initiative]:
    if not ids:
        return {}
    return {item.id: item for item in db.session.scalars(select(Initiative).where(Initiative.id.in_(ids)))}


def _start(text: str, length: int = 80) -> str:
    """The first words of a post, cut at a space, with an ellipsis when there is more."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0] or text[:length]
    return cut + "…"


def _initiative_title(item: Post) -> str:
    initiative = db.session.get(Initiative, item.initiative_id)
    return initiative.title if initiative else ""


def _load_posts(ids: list[int]) -> dict[int, Post]:
    if not ids:
        return {}
    return {item.id: item for item in db.session.scalars(select(Post).where(Post.id.in_(ids)))}


def register_moderation_targets() -> None:
    moderation.register_target("initiative", moderation.Target(
        load_many=_load_initiatives,
        neighbourhood_of=lambda item: item.neighbourhood_id,
        set_hidden=_set_initiative_hidden,
        describe=lambda item: item.title,
        url=lambda item, slug: url_for("initiatives.detail", slug=slug, initiative_id=item.id),
        view_action="view_initiative", report_action="report_initiative", kind=_l("Initiatief")))
    moderation.register_target("post", moderation.Target(
        load_many=_load_posts,
        neighbourhood_of=lambda item: db.session.get(Initiative, item.initiative_id).neighbourhood_id,
        set_hidden=_set_post_hidden,
        describe=lambda item: _start(item.body, 140),
        url=lambda item, slug: url_for("initiatives.detail", slug=slug, initiative_id=item.initiative_id) + f"#post-{item.id}",
        view_action="view_post", report_action="report_post", kind=_l("Bericht"), context=_initiative_title))

"""Stories: written by a member, published or declined (with a reason) by a buurtregisseur, hidden
and restored like any post; every decision leaves an audit record. Only a published story whose
writer agreed to show it publicly is ever shown; the name only when the writer agreed to that too."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.db import utcnow
from community.errors import DomainError, NotFound, within_length
from community.extensions import db
from community.images.changes import change_photo
from community.images.models import PHOTO_DESCRIPTION_MAX
from community.moderation import services as moderation
from community.moderation.models import REASON_MAX
from community.stories.models import STORY_BODY_MAX, STORY_TITLE_MAX, Story, StoryState, Subject

LIST_MOST = 60  # a page of stories shows this many; older ones are in the report's CSV of figures


class StoryError(DomainError):
    pass


@dataclass(frozen=True)
class Draft:
    title: str
    body: str
    subject: str = Subject.OTHER.value
    initiative_id: int | None = None
    activity_id: int | None = None
    may_show_publicly: bool = False
    may_show_name: bool = False
    photo_description: str = ""


def _checked(draft: Draft) -> Draft:
    title = within_length(draft.title, STORY_TITLE_MAX, StoryError, "title")
    body = within_length(draft.body, STORY_BODY_MAX, StoryError, "body")
    if not title:
        raise StoryError(_l("Geef je verhaal een korte titel."), "title")
    if not body:
        raise StoryError(_l("Vertel je verhaal in een paar zinnen."), "body")
    if draft.subject not in {subject.value for subject in Subject}:
        raise StoryError(_l("Kies waar je verhaal over gaat."), "subject")
    if not draft.may_show_publicly:
        raise StoryError(_l("Een verhaal verschijnt alleen als je goedvindt dat iedereen het kan lezen."),
                         "may_show_publicly")
    description = within_length(draft.photo_description, PHOTO_DESCRIPTION_MAX, StoryError, "photo_description")
    return Draft(title, body, draft.subject, draft.initiative_id if draft.subject == Subject.INITIATIVE.value else None,
                 draft.activity_id if draft.subject == Subject.ACTIVITY.value else None, True, draft.may_show_name,
                 description)


def write_story(neighbourhood_id: int, author_id: int, draft: Draft, photo=None) -> Story:
    draft = _checked(draft)
    story = Story(neighbourhood_id=neighbourhood_id, author_id=author_id, title=draft.title, body=draft.body,
                  subject=draft.subject, initiative_id=draft.initiative_id, activity_id=draft.activity_id,
                  may_show_publicly=True, may_show_name=draft.may_show_name,
                  photo_description=draft.photo_description if photo is not None else "")
    if photo is not None:
        story.photo = photo
    db.session.add(story)
    db.session.commit()
    return story


def story_in(neighbourhood_id: int, story_id: int) -> Story:
    story = db.session.get(Story, story_id)
    if story is None or story.neighbourhood_id != neighbourhood_id:
        raise NotFound()
    return story


def publish(story: Story, *, by_id: int) -> None:
    if story.state == StoryState.PUBLISHED.value:
        raise StoryError(_l("Dit verhaal staat al online."))
    story.state, story.decided_by_id, story.published_at, story.decline_reason = (
        StoryState.PUBLISHED.value, by_id, utcnow(), "")
    moderation.record(story.neighbourhood_id, by_id, "publish", "story", story.id)
    db.session.commit()


def decline(story: Story, reason: str, *, by_id: int) -> None:
    reason = within_length(reason, REASON_MAX, StoryError, "reason")
    if not reason:
        raise StoryError(_l("Schrijf kort waarom, zodat de schrijver het begrijpt."), "reason")
    if story.state == StoryState.DECLINED.value:
        raise StoryError(_l("Dit verhaal is al afgewezen."))
    story.state, story.decided_by_id, story.decline_reason, story.published_at = (
        StoryState.DECLINED.value, by_id, reason, None)
    moderation.record(story.neighbourhood_id, by_id, "decline", "story", story.id, reason)
    db.session.commit()


def withdraw(story: Story, *, by_id: int) -> None:
    """The writer takes the story back (and its photo): it is deleted, the audit log keeps that it was."""
    moderation.record(story.neighbourhood_id, by_id, "story_withdrawn", "story", story.id)
    change_photo(story, remove=True)
    db.session.delete(story)
    db.session.commit()


def _public():
    return (Story.state == StoryState.PUBLISHED.value, Story.is_hidden.is_(False), Story.may_show_publicly.is_(True))


def published_stories(neighbourhood_id: int, *, year: int | None = None, limit: int = LIST_MOST) -> list[Story]:
    """What everyone may read, newest first (in a year, when asked)."""
    query = select(Story).where(Story.neighbourhood_id == neighbourhood_id, *_public())
    if year is not None:
        from community.numbers.figures import edges_of
        from datetime import date

        first, last = edges_of([date(year, 1, 1), date(year + 1, 1, 1)])
        query = query.where(Story.published_at >= first, Story.published_at < last)
    return list(db.session.scalars(query.order_by(Story.published_at.desc(), Story.id.desc()).limit(limit)).unique())


def waiting_stories(neighbourhood_id: int) -> list[Story]:
    return list(db.session.scalars(
        select(Story).where(Story.neighbourhood_id == neighbourhood_id, Story.state == StoryState.SUBMITTED.value)
        .order_by(Story.created_at, Story.id).limit(LIST_MOST)).unique())


def stories_by(neighbourhood_id: int, author_id: int) -> list[Story]:
    return list(db.session.scalars(
        select(Story).where(Story.neighbourhood_id == neighbourhood_id, Story.author_id == author_id)
        .order_by(Story.created_at.desc(), Story.id.desc()).limit(LIST_MOST)).unique())


def load_stories(ids: list[int]) -> dict[int, Story]:
    if not ids:
        return {}
    return {story.id: story for story in db.session.scalars(select(Story).where(Story.id.in_(ids))).unique()}


def set_hidden(story: Story, hidden: bool) -> None:
    story.is_hidden = hidden

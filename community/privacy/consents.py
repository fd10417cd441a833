"""What a person has agreed to, gathered from each feature, and taking it back through that
feature's own service (the rule of what a revoke does lives there, never here)."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from community.cards import making
from community.cards.collecting import albums as collecting
from community.cards.collecting.models import CardAlbum
from community.cards.models import Card, Scope
from community.extensions import db
from community.initiatives import services as initiatives
from community.initiatives.models import Initiative, State, Support
from community.stories import services as stories
from community.stories.models import Story, StoryState
from community.talents import services as talents
from community.talents.models import TalentProfile, Visibility

STORY_STATES_SHOWN = (StoryState.SUBMITTED.value, StoryState.PUBLISHED.value)


@dataclass
class CardConsents:
    card: Card
    scopes: list[Scope] = field(default_factory=list)


@dataclass
class MyConsents:
    talent_profiles: list[TalentProfile]
    cards: list[CardConsents]
    swapping_albums: list[CardAlbum]
    stories: list[Story]
    initiative_news: list[tuple[Support, Initiative]]

    @property
    def is_empty(self) -> bool:
        return not (self.talent_profiles or self.cards or self.swapping_albums or self.stories or self.initiative_news)


def shared_talent_profiles(user_id: int) -> list[TalentProfile]:
    return list(db.session.scalars(select(TalentProfile).where(
        TalentProfile.user_id == user_id, TalentProfile.visibility != Visibility.HIDDEN.value)
        .order_by(TalentProfile.id)))


def card_consents(user_id: int) -> list[CardConsents]:
    """Cards I made (for myself, my child or my pet) that still have a use I agreed to."""
    shown = []
    for card in making.cards_made_by(user_id):
        scopes = [scope for scope in Scope if scope.value in card.consented_scopes()]
        if scopes:
            shown.append(CardConsents(card, scopes))
    return shown


def swapping_albums(user_id: int) -> list[CardAlbum]:
    return list(db.session.scalars(select(CardAlbum).where(
        CardAlbum.owner_id == user_id, CardAlbum.is_swapping.is_(True)).order_by(CardAlbum.id)))


def stories_to_publish(user_id: int) -> list[Story]:
    """Stories I agreed may be shown, waiting or online."""
    return list(db.session.scalars(select(Story).where(
        Story.author_id == user_id, Story.may_show_publicly.is_(True), Story.state.in_(STORY_STATES_SHOWN))
        .order_by(Story.id)))


def initiative_news(user_id: int) -> list[tuple[Support, Initiative]]:
    """Open initiatives I support: their news comes by email once a day."""
    return [tuple(found) for found in db.session.execute(
        select(Support, Initiative).join(Initiative, Initiative.id == Support.initiative_id)
        .where(Support.user_id == user_id, Initiative.state == State.PUBLISHED.value).order_by(Support.id))]


def my_consents(user_id: int) -> MyConsents:
    return MyConsents(shared_talent_profiles(user_id), card_consents(user_id), swapping_albums(user_id),
                      stories_to_publish(user_id), initiative_news(user_id))


# --- taking consent back: each through its feature's service ---------------------------------------

def revoke_talent_visibility(profile: TalentProfile) -> None:
    talents.hide_profile(profile)


def revoke_card_scope(card: Card, scope: str, *, by) -> None:
    making.revoke_consent(card, scope, by=by)


def revoke_swapping(album: CardAlbum) -> None:
    collecting.set_swapping(album, False)


def revoke_story(story: Story, *, by_id: int) -> None:
    stories.withdraw(story, by_id=by_id)


def revoke_initiative_news(support: Support) -> None:
    """No more news: the support is withdrawn as on the initiative's own page."""
    initiative = db.session.get(Initiative, support.initiative_id)
    if initiatives.supports(initiative.id, support.user_id):  # a second tap must not support it again
        initiatives.toggle_support(initiative, support.user_id)

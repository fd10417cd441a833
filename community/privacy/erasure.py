"""What erasing an account does, and what must be handed over before it may."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.orm import aliased

from community.accounts.models import User
from community.bookings.models import ACTIVE, Booking, Slot
from community.bookings.services import cancel_active
from community.cards.models import Card, CardState
from community.db import utcnow
from community.extensions import db
from community.images.models import Image
from community.images.services import discard_image
from community.initiatives.models import Contribution, Initiative, Post, Support
from community.neighbourhoods.models import Membership, Neighbourhood, Role
from community.pot.models import Pot, PotAccount, PotGangmaker
from community.stories.models import Story
from community.versions import CARDS, PARTS, mark_changed

if TYPE_CHECKING:
    from community.privacy.deletion import Choices

_CARD_OUT = (CardState.DECLINED.value, CardState.WITHDRAWN.value)


@dataclass(frozen=True)
class Handover:
    """One thing only this person does: what it is, and what to do about it."""

    what: str
    name: str
    todo: str


def handovers_needed(user_id: int) -> list[Handover]:
    return [*_pots_run_alone(user_id), *_pots_holding_money(user_id), *_initiatives_with_supporters(user_id),
            *_neighbourhoods_coordinated_alone(user_id)]


def _pots_run_alone(user_id: int) -> list[Handover]:
    others = aliased(PotGangmaker)
    pots = db.session.scalars(select(Pot).join(PotGangmaker, PotGangmaker.pot_id == Pot.id).where(
        PotGangmaker.user_id == user_id,
        ~exists().where(others.pot_id == Pot.id, others.user_id != user_id)).order_by(Pot.id))
    return [Handover(str(_l("Je bent de enige gangmaker van een lief-en-leedpot.")), pot.name,
                     str(_l("Vraag de coördinator van de buurt om een andere gangmaker aan de pot toe te voegen.")))
            for pot in pots]


def _pots_holding_money(user_id: int) -> list[Handover]:
    pots = db.session.scalars(select(Pot).join(PotAccount, PotAccount.pot_id == Pot.id).where(
        PotAccount.holder_id == user_id, PotAccount.balance_cents != 0).distinct().order_by(Pot.id))
    return [Handover(str(_l("Je hebt nog geld van een lief-en-leedpot, of krijgt nog iets terug.")), pot.name,
                     str(_l("Draag het geld over aan een andere gangmaker, of laat je terugbetalen.")))
            for pot in pots]


def _initiatives_with_supporters(user_id: int) -> list[Handover]:
    initiatives = db.session.scalars(select(Initiative).where(
        Initiative.proposer_id == user_id,
        exists().where(Support.initiative_id == Initiative.id, Support.user_id != user_id)).order_by(Initiative.id))
    return [Handover(str(_l("Je hebt een initiatief voorgesteld dat buren steunen.")), initiative.title,
                     str(_l("Vraag de coördinator om het initiatief aan een van de steunende buren over te dragen.")))
            for initiative in initiatives]


def _neighbourhoods_coordinated_alone(user_id: int) -> list[Handover]:
    others = aliased(Membership)
    neighbourhoods = db.session.scalars(select(Neighbourhood).join(
        Membership, Membership.neighbourhood_id == Neighbourhood.id).where(
        Membership.user_id == user_id, Membership.role == Role.COORDINATOR.value,
        ~exists().where(others.neighbourhood_id == Neighbourhood.id, others.role == Role.COORDINATOR.value,
                        others.user_id != user_id)).order_by(Neighbourhood.id))
    return [Handover(str(_l("Je bent de laatste coördinator van een buurt.")), n.name,
                     str(_l("Vraag de beheerder om eerst een andere coördinator voor de buurt aan te wijzen.")))
            for n in neighbourhoods]


def erase_user(user_id: int, choices: Choices) -> None:
    """In the caller's transaction: everything of the person goes or forgets them."""
    for neighbourhood_id in db.session.scalars(select(Membership.neighbourhood_id).where(Membership.user_id == user_id)):
        for part in PARTS:  # their name, places, supports and contributions were on any page there
            mark_changed(neighbourhood_id, part)
    _give_back_places(user_id)
    _forget_supports(user_id)
    _withdraw_cards(user_id)
    _remove_contributions(user_id, choices)
    for image in db.session.scalars(select(Image).where(Image.owner_id == user_id)):
        discard_image(image)
    db.session.flush()
    user = db.session.get(User, user_id)
    if user is not None:
        db.session.delete(user)  # through the ORM, so the search index forgets the name too
    db.session.flush()


def _give_back_places(user_id: int) -> None:
    """A place on a date still to come goes to the first who waits, as when they cancel."""
    bookings = db.session.scalars(select(Booking).join(Slot, Slot.id == Booking.slot_id).where(
        Booking.user_id == user_id, Booking.status.in_(ACTIVE), Slot.starts_at > utcnow()))
    for booking in list(bookings):
        cancel_active(booking)


def _forget_supports(user_id: int) -> None:
    supported = select(Support.initiative_id).where(Support.user_id == user_id)
    db.session.execute(update(Initiative).where(Initiative.id.in_(supported))
                       .values(support_count=func.max(Initiative.support_count - 1, 0)
                               if db.session.get_bind().dialect.name == "sqlite"
                               else func.greatest(Initiative.support_count - 1, 0))
                       .execution_options(synchronize_session=False))


def _withdraw_cards(user_id: int) -> None:
    """Cards (their own, their child's, their pet's) leave the edition and lose name, line and photo."""
    now = utcnow()
    for card in db.session.scalars(select(Card).where(Card.maker_id == user_id)):
        for consent in card.consents:
            if consent.revoked_at is None:
                consent.revoked_at = now
        if card.state not in _CARD_OUT:
            card.state, card.withdrawn_at = CardState.WITHDRAWN.value, now
        card.display_name, card.line, card.age, card.photo_id = "", "", None, None
        mark_changed(card.neighbourhood_id, CARDS)


def _remove_contributions(user_id: int, choices: Choices) -> None:
    if not choices.keep_stories:
        for story in db.session.scalars(select(Story).where(Story.author_id == user_id)):
            db.session.delete(story)
    if not choices.keep_posts:
        for post in db.session.scalars(select(Post).where(Post.author_id == user_id)):
            db.session.delete(post)
    if not choices.keep_initiatives:
        joined = and_(Contribution.initiative_id == Initiative.id, Contribution.user_id != user_id)
        for initiative in db.session.scalars(select(Initiative).where(
                Initiative.proposer_id == user_id, ~exists().where(joined),
                ~exists().where(Support.initiative_id == Initiative.id, Support.user_id != user_id))):
            db.session.delete(initiative)

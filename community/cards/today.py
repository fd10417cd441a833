"""The card of the day on the neighbourhood's home page and the kiosk's card slide: only cards whose
people said yes to exactly that use."""
from __future__ import annotations

from datetime import datetime

from community import recurrence
from community.cards.models import Card, Scope
from community.cards.visibility import visible_cards_query
from community.extensions import db


def card_of_the_day(neighbourhood, now: datetime, scope: Scope = Scope.CARD_OF_THE_DAY) -> Card | None:
    """The same card all day for everyone (by the Amsterdam date), a different one each day."""
    ids = list(db.session.scalars(visible_cards_query(neighbourhood, scope).with_only_columns(Card.id)))
    if not ids:
        return None
    day = recurrence.to_local(now).date().toordinal()
    return db.session.get(Card, ids[(day * 7919) % len(ids)])  # only the one shown is loaded


def kiosk_card_slide(neighbourhood, now: datetime):
    """The kiosk's card of the day; its short link (/k/c<id>) only when the card is in the online album too,
    where the phone would land."""
    from community.cards.visibility import is_visible
    from community.kiosk.slides import Item, Slide

    card = card_of_the_day(neighbourhood, now, Scope.KIOSK)
    if card is None:
        return None
    items = [Item(title=card.display_name, short=f"c{card.id}")] if is_visible(db.session, card, Scope.ALBUM) else []
    return Slide("card", items=items, picture=card)


def register_kiosk_slide() -> None:
    from community.kiosk.slides import register_slide

    register_slide("card", kiosk_card_slide)


def short_link_target(card_id: int) -> str:
    """Where /k/c<id> leads: the card's page, while it is in the online album (else: not found)."""
    from flask import url_for

    from community.cards.models import Card
    from community.cards.visibility import is_visible
    from community.errors import NotFound
    from community.neighbourhoods.models import Neighbourhood

    card = db.session.get(Card, card_id)
    if card is None or not is_visible(db.session, card, Scope.ALBUM):
        raise NotFound()
    slug = db.session.get(Neighbourhood, card.neighbourhood_id).slug
    return url_for("cards.card_page", slug=slug, card_id=card.id)

"""The one gate: which cards may be shown for a use. Every page, fragment, feed, print run, PDF, the
album, the kiosk and the card of the day ask here, so a revoked or declined card is gone everywhere
at once."""
from __future__ import annotations

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from community.cards.models import Card, CardConsent, CardState, Edition, Scope


def _consented(scope: Scope | str):
    return exists().where(CardConsent.card_id == Card.id, CardConsent.scope == str(Scope(scope)),
                          CardConsent.revoked_at.is_(None))


def visible_cards_query(edition_or_neighbourhood, scope: Scope | str) -> Select:
    """Published, not withdrawn cards with an unrevoked consent for `scope`, of one edition (an Edition)
    or of every edition of a neighbourhood (anything else with an id: a Neighbourhood), in album order."""
    query = select(Card).where(Card.state == CardState.PUBLISHED.value, Card.withdrawn_at.is_(None),
                               _consented(scope))
    if isinstance(edition_or_neighbourhood, Edition):
        query = query.where(Card.edition_id == edition_or_neighbourhood.id)
    else:
        query = query.join(Edition, Edition.id == Card.edition_id).where(
            Edition.neighbourhood_id == edition_or_neighbourhood.id)
    return query.order_by(Card.edition_id, Card.number, Card.id)


def visible_cards(session: Session, edition_or_neighbourhood, scope: Scope | str) -> list[Card]:
    return list(session.scalars(visible_cards_query(edition_or_neighbourhood, scope)).unique())


def is_visible(session: Session, card: Card, scope: Scope | str) -> bool:
    """Whether this one card may be shown for `scope` (asked of the database, not of loaded objects)."""
    return session.scalar(select(Card.id).where(Card.id == card.id, Card.state == CardState.PUBLISHED.value,
                                                Card.withdrawn_at.is_(None), _consented(scope))) is not None

"""The coordinator's review of cards, as for initiatives: publish, ask for a change (with a reason the
maker reads), or decline (with a reason). Every decision goes into the audit log."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from community.cards.editions import CardsError
from community.cards.models import Card, CardState, Edition
from community.db import utcnow
from community.errors import within_length
from community.extensions import db
from community.moderation import services as moderation
from community.moderation.models import REASON_MAX
from community.versions import CARDS, mark_changed

# action: (from which states, to which state, whether a reason is needed)
DECISIONS = {
    "publish": ((CardState.SUBMITTED,), CardState.PUBLISHED, False),
    "request_changes": ((CardState.SUBMITTED, CardState.PUBLISHED), CardState.CHANGES_REQUESTED, True),
    "decline": ((CardState.SUBMITTED, CardState.PUBLISHED, CardState.CHANGES_REQUESTED), CardState.DECLINED, True),
}


def decide(card: Card, action: str, actor, reason: str = "") -> None:
    if action not in DECISIONS:
        raise CardsError(_l("Deze stap bestaat niet."))
    allowed_from, to_state, needs_reason = DECISIONS[action]
    if card.state_enum not in allowed_from:
        raise CardsError(_l("Dit kan niet nu het plaatje de status '%(state)s' heeft.", state=card.state_enum.label))
    reason = within_length(reason, REASON_MAX, CardsError, "reason")
    if needs_reason and not reason:
        raise CardsError(_l("Schrijf een reden. Wie het plaatje maakte krijgt die te lezen, de buurt niet."), "reason")
    card.state, card.reason = to_state.value, reason
    if to_state is CardState.PUBLISHED:
        _publish(card)
    moderation.record(card.neighbourhood_id, actor.id, action, "card", card.id, reason)
    mark_changed(card.neighbourhood_id, CARDS)
    db.session.commit()


def _publish(card: Card) -> None:
    card.published_at = utcnow()
    if card.number is None:  # its place in the album; kept when it is published again after a change
        card.number = (db.session.scalar(select(func.max(Card.number)).where(Card.edition_id == card.edition_id))
                       or 0) + 1
    if not card.category.is_accepted:  # the page the neighbour proposed comes into the album with it
        card.category.is_accepted = True


def waiting(edition: Edition) -> list[Card]:
    return list(db.session.scalars(select(Card).where(Card.edition_id == edition.id,
                                                      Card.state == CardState.SUBMITTED.value)
                                   .order_by(Card.submitted_at, Card.id)))


def cards_for_coordinator(edition: Edition) -> list[Card]:
    """What the coordinator lists: every card still in the edition. Declined and withdrawn cards are
    not listed by name anywhere (only counted), as the person asked."""
    return list(db.session.scalars(select(Card).where(Card.edition_id == edition.id,
                                                      Card.state.not_in((CardState.DECLINED.value,
                                                                         CardState.WITHDRAWN.value)))
                                   .order_by(Card.number.is_(None), Card.number, Card.id)))


def counts_by_state(edition: Edition) -> dict[str, int]:
    return dict(db.session.execute(select(Card.state, func.count(Card.id)).where(Card.edition_id == edition.id)
                                   .group_by(Card.state)).all())

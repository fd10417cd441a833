"""What collecting reads of the cards themselves, through the one gate (`visible_cards`): only
published cards with an unrevoked consent for the online album are counted, shown or added."""
from __future__ import annotations

from flask import g
from sqlalchemy import select

from community.agenda.models import Occurrence
from community.cards.models import Card, Category, Edition, EditionEvent, EditionState, EventKind, Scope
from community.cards.services import visible_cards, visible_cards_query
from community.db import utcnow
from community.errors import NotFound
from community.extensions import db

COLLECTABLE = (EditionState.RUNNING.value, EditionState.FINISHED.value)


def edition(edition_id: int) -> Edition:
    found = db.session.get(Edition, edition_id)
    if found is None:
        raise NotFound()
    return found


def editions_of(neighbourhood_id: int) -> list[Edition]:
    """Editions one can collect: running ones, and finished ones (albums stay)."""
    return list(db.session.scalars(select(Edition).where(Edition.neighbourhood_id == neighbourhood_id,
                                                         Edition.state.in_(COLLECTABLE))
                                   .order_by(Edition.state != EditionState.RUNNING.value, Edition.id.desc())))


def edition_in(neighbourhood_id: int, edition_id: int) -> Edition:
    found = db.session.get(Edition, edition_id)
    if found is None or found.neighbourhood_id != neighbourhood_id:
        raise NotFound()
    return found


def album_cards(of: Edition) -> list[Card]:
    """The edition's cards the album may show, in album order (asked once per request: a revocation
    shows from the next request on)."""
    remembered = g.setdefault("album_cards", {}) if _in_request() else {}
    if of.id not in remembered:
        remembered[of.id] = visible_cards(db.session, of, Scope.ALBUM)
    return remembered[of.id]


def forget_album_cards() -> None:
    if _in_request():
        g.pop("album_cards", None)


def _in_request() -> bool:
    from flask import has_request_context

    return has_request_context()


def album_card_by_code(of: Edition, code: str) -> Card | None:
    return db.session.scalars(visible_cards_query(of, Scope.ALBUM).where(Card.code == code)).first()


def categories(of: Edition) -> list[Category]:
    return list(db.session.scalars(select(Category).where(Category.edition_id == of.id, Category.is_accepted.is_(True))
                                   .order_by(Category.position, Category.id)))


def coming_swap_afternoons(of: Edition, limit: int) -> list[Occurrence]:
    """Coming dates of the edition's swap afternoons; without any, any coming date in the
    neighbourhood's agenda (people meet where they meet)."""
    now = utcnow()
    coming = select(Occurrence).where(Occurrence.ends_at > now, Occurrence.is_cancelled.is_(False),
                                      Occurrence.neighbourhood_id == of.neighbourhood_id)
    linked = select(EditionEvent.activity_id).where(EditionEvent.edition_id == of.id,
                                                    EditionEvent.kind == EventKind.SWAP_AFTERNOON.value)
    found = list(db.session.scalars(coming.where(Occurrence.activity_id.in_(linked))
                                    .order_by(Occurrence.starts_at).limit(limit)))
    if found or db.session.scalar(linked.limit(1)) is not None:
        return found
    return list(db.session.scalars(coming.order_by(Occurrence.starts_at).limit(limit)))

"""The buurtplaatjes' figures on "Tellen en vertellen": cards made (published, by the month they were
published; a card withdrawn later was still made and printed) and swaps done face to face."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from community.cards.collecting.models import CardSwap, SwapState
from community.cards.models import Card, Edition
from community.extensions import db
from community.numbers.figures import period_of, register_figure


def _per_month(column, ids, edges, *where):
    period = period_of(column, edges).label("period")
    return db.session.execute(
        select(Edition.neighbourhood_id, period, func.count())
        .where(Edition.neighbourhood_id.in_(ids), column >= edges[0], column < edges[-1], *where)
        .group_by(Edition.neighbourhood_id, period))


def count_cards(ids, edges, now):
    found = {}
    made = _per_month(Card.published_at, ids, edges, Card.edition_id == Edition.id)
    done = _per_month(CardSwap.done_at, ids, edges, CardSwap.edition_id == Edition.id,
                      CardSwap.state == SwapState.DONE.value)
    for key, rows in (("cards_made", made), ("swaps_done", done)):
        for neighbourhood_id, number, amount in rows:
            found[(key, neighbourhood_id, int(number))] = int(amount)
    return found


register_figure("cards_made", _l("Buurtplaatjes gemaakt"), count_cards, section="cards")
register_figure("swaps_done", _l("Ruilen gedaan"), count_cards, section="cards")

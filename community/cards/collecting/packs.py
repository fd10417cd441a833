"""Packs handed out: how many went where (a shop, an activity in the Huis van de Wijk) on which day.
Counts for 'tellen en vertellen': where the cards reached people, not only through the shops."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from community.cards.collecting.albums import CollectingError
from community.cards.collecting.models import PACK_PLACE_MAX, PackCount, PackPlace
from community.errors import within_length
from community.extensions import db

MAX_PACKS_PER_ROW = 100_000  # the whole Schiedam edition was 100,000 stickers


@dataclass(frozen=True)
class PlaceTotal:
    place_kind: str
    place_name: str
    packs: int


def record_packs(edition, *, place_kind: str, place_name: str, handed_out_on: date, packs: int, by) -> PackCount:
    if place_kind not in {kind.value for kind in PackPlace}:
        raise CollectingError(_l("Kies een winkel of een activiteit."), "place_kind")
    name = within_length(place_name, PACK_PLACE_MAX, CollectingError, "place_name")
    if not name:
        raise CollectingError(_l("Waar gingen de pakjes heen? Bijvoorbeeld: Bakkerij Van Dijk."), "place_name")
    if not isinstance(packs, int) or not 0 < packs <= MAX_PACKS_PER_ROW:
        raise CollectingError(_l("Vul een aantal tussen 1 en %(max)d in.", max=MAX_PACKS_PER_ROW), "packs")
    row = PackCount(edition_id=edition.id, place_kind=place_kind, place_name=name, handed_out_on=handed_out_on,
                    packs=packs, recorded_by_id=by.id)
    db.session.add(row)
    db.session.commit()
    return row


def pack_counts(edition_id: int, limit: int = 100) -> list[PackCount]:
    return list(db.session.scalars(select(PackCount).where(PackCount.edition_id == edition_id)
                                   .order_by(PackCount.handed_out_on.desc(), PackCount.id.desc()).limit(limit)))


def totals_per_place(edition_id: int) -> list[PlaceTotal]:
    rows = db.session.execute(select(PackCount.place_kind, PackCount.place_name, func.sum(PackCount.packs))
                              .where(PackCount.edition_id == edition_id)
                              .group_by(PackCount.place_kind, PackCount.place_name)
                              .order_by(func.sum(PackCount.packs).desc(), PackCount.place_name)).all()
    return [PlaceTotal(kind, name, int(total or 0)) for kind, name, total in rows]


def total_packs(edition_id: int) -> int:
    return int(db.session.scalar(select(func.sum(PackCount.packs)).where(PackCount.edition_id == edition_id)) or 0)

"""The city view: each neighbourhood's year beside the others', one query per counter for all of them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from community.db import utcnow
from community.extensions import db
from community.neighbourhoods.models import Neighbourhood
from community.numbers.figures import Figure, Value, count, figures, shown

CITY_FIGURES = ("activities", "visits", "participants", "volunteers", "volunteer_minutes", "help_answered",
                "initiatives_published", "initiatives_done", "talents_offered", "pot_gifts")


@dataclass
class CityTable:
    figures: list[Figure]
    rows: list[tuple[Neighbourhood, list[Value]]]


def city_table(year: int) -> CityTable:
    places = list(db.session.scalars(select(Neighbourhood).order_by(Neighbourhood.name)))
    wanted = figures(CITY_FIGURES)
    raw = count(CITY_FIGURES, [place.id for place in places], [date(year, 1, 1), date(year + 1, 1, 1)], utcnow())

    def value(figure: Figure, place_id: int) -> Value:
        partner = raw.get((figure.suppress_with, place_id, 0), 0) if figure.suppress_with else None
        return shown(figure, raw.get((figure.key, place_id, 0), 0), partner)

    return CityTable(wanted, [(place, [value(figure, place.id) for figure in wanted]) for place in places])

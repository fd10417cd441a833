from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from community.neighbourhoods.services import Part, register_coordinator_part, register_part
from community.pictograms import TILES


def talents_part(neighbourhood) -> Part:
    return Part(title=str(_l("Wat de buurt kan en heeft")), text=str(_l("Talenten van buren, spullen en plekken")),
                icon=TILES["talents"], url=url_for("talents.overview", slug=neighbourhood.slug))


def assets_part(neighbourhood) -> Part:
    return Part(title=str(_l("Spullen, plekken en organisaties")), text=str(_l("Zet ze op de kaart van de buurt")),
                icon=TILES["assets"], url=url_for("talents.manage_assets", slug=neighbourhood.slug))


def register_talent_parts() -> None:
    register_part(talents_part)
    register_coordinator_part(assets_part)

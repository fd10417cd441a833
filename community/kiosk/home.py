"""The coordinator page's tile for the screens."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from community.neighbourhoods.services import Part, register_coordinator_part
from community.pictograms import TILES


def screens_part(neighbourhood) -> Part:
    return Part(title=_("Schermen"), text=_("De tv in de hal: wat er vandaag is en wie er hulp zoekt"),
                icon=TILES["screens"], tone="sky", url=url_for("kiosk.screens_page", slug=neighbourhood.slug))


def register_kiosk_parts() -> None:
    register_coordinator_part(screens_part)

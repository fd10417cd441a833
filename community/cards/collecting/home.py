"""The neighbourhood page's tile for albums: for residents, once there is an edition to collect."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from community.cards.collecting import catalogue
from community.neighbourhoods.services import Part, register_part
from community.permissions import can

ALBUM_ICON = "ticket"  # one of the pictograms the site already has


def albums_part(neighbourhood) -> Part | None:
    if not can(current_user, "collect_cards", neighbourhood) or not catalogue.editions_of(neighbourhood.id):
        return None
    return Part(title=_("Mijn albums"), text=_("Buurtplaatjes verzamelen en ruilen"), icon=ALBUM_ICON, tone="sun",
                url=url_for("collecting.index", slug=neighbourhood.slug))


def register_collecting_parts() -> None:
    register_part(albums_part)

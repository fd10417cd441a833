"""Collecting Buurtplaatjes: albums per collector, adding cards by their code, swapping face to face,
and counting the packs handed out."""
from flask import Blueprint

bp = Blueprint("collecting", __name__, url_prefix="/<slug>/albums")

from community.cards.collecting import swap_views, views  # noqa: E402,F401

"""Buurtplaatjes: neighbourhood trading cards of neighbours who consented, printed on paper, collected
in an album and swapped face to face."""
from flask import Blueprint

bp = Blueprint("cards", __name__)
PREFIX = "/<slug>/buurtplaatjes"

from community.cards import figures, manage_views, mine_views, print_views, views  # noqa: E402,F401

"""Lief-en-leedpot: a street's kitty for joy and sorrow, with books that are exact to the cent,
open about the money and closed about the people."""
from flask import Blueprint

bp = Blueprint("pot", __name__, url_prefix="/<slug>/pot")

from community.pot import books_views, report_views, views  # noqa: E402,F401

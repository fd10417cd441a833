"""Tellen en vertellen, the telling half: neighbours' stories beside the numbers."""
from flask import Blueprint

bp = Blueprint("stories", __name__, url_prefix="/<slug>/stories")

from community.stories import views  # noqa: E402,F401

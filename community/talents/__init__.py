from flask import Blueprint

bp = Blueprint("talents", __name__, url_prefix="/<slug>/talents")

from community.talents import map_views, views  # noqa: E402,F401

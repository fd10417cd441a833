from flask import Blueprint

bp = Blueprint("talents", __name__, url_prefix="/<slug>/talents")

from community.talents import views  # noqa: E402,F401

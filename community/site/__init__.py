from flask import Blueprint

bp = Blueprint("site", __name__)

from community.site import install, views  # noqa: E402,F401

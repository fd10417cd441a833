from flask import Blueprint

bp = Blueprint("images", __name__, url_prefix="/images")

from community.images import views  # noqa: E402,F401

from flask import Blueprint

bp = Blueprint("agenda", __name__, url_prefix="/<slug>/agenda")
feeds_bp = Blueprint("calendar", __name__, url_prefix="/calendar")

from community.agenda import views  # noqa: E402,F401

from flask import Blueprint

bp = Blueprint("neighbourhoods", __name__, url_prefix="/<slug>")
admin_bp = Blueprint("admin", __name__, url_prefix="/admin")

from community.neighbourhoods import admin_views, views  # noqa: E402,F401

from flask import Blueprint

bp = Blueprint("volunteering", __name__, url_prefix="/<slug>/tasks")

from community.volunteering import views  # noqa: E402,F401

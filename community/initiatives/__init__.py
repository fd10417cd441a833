from flask import Blueprint

bp = Blueprint("initiatives", __name__, url_prefix="/<slug>/initiatives")

from community.initiatives import views  # noqa: E402,F401

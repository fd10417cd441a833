from flask import Blueprint

bp = Blueprint("accounts", __name__, url_prefix="/account")

from community.accounts import views  # noqa: E402,F401

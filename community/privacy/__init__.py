"""Privacy: what Buurtkracht keeps about me, my consents, my data to take away, my account."""
from flask import Blueprint

bp = Blueprint("privacy", __name__, url_prefix="/privacy")

from community.privacy import data_page_views, export_views  # noqa: E402,F401
from community.privacy import deletion_views  # noqa: E402,F401  (delete my account)

from flask import Blueprint

bp = Blueprint("search", __name__, url_prefix="/<slug>/search")

from community.search import views  # noqa: E402,F401
from community.search import indexing  # noqa: E402,F401 - the session hooks that keep the index right

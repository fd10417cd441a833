"""Moderation that helps, with reasons: reports by residents, hiding and restoring by the
coordinator, and an audit log of every moderation action that nobody can edit."""
from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/<slug>")

from community.moderation import views  # noqa: E402,F401

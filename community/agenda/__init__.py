from flask import Blueprint

bp = Blueprint("agenda", __name__, url_prefix="/<slug>/agenda")
feeds_bp = Blueprint("calendar", __name__, url_prefix="/calendar")

from community.agenda import calendar_views, manage_views, month_views, views  # noqa: E402,F401

from community.agenda.booking_rules import AgendaBookings  # noqa: E402
from community.bookings.rules import register_rules  # noqa: E402

register_rules("activity", AgendaBookings())

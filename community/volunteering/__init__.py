from flask import Blueprint

bp = Blueprint("volunteering", __name__, url_prefix="/<slug>/tasks")

from community.volunteering import views  # noqa: E402,F401

from community.bookings.rules import register_rules  # noqa: E402
from community.volunteering.booking_rules import VolunteeringBookings  # noqa: E402

register_rules("task", VolunteeringBookings())

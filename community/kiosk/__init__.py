"""The kiosk screen in the Huis van de Wijk: a TV in the hall that shows what is on, who is
needed and what the neighbourhood did, unattended for weeks, with nothing personal on it."""
from flask import Blueprint

bp = Blueprint("kiosk", __name__)

from community.kiosk import screen_views, views  # noqa: E402,F401

"""Tellen en vertellen, the counting half: the neighbourhood's figures per month and year, for
everyone, for partners (the annual report and its CSV) and for the instance admin (the city view)."""
from flask import Blueprint

bp = Blueprint("numbers", __name__, url_prefix="/<slug>/numbers")
city_bp = Blueprint("city", __name__, url_prefix="/admin/city")

from community.numbers import views  # noqa: E402,F401

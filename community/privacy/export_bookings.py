"""Export: sign-ups and waitlists for activities and tasks, and standing sign-ups ('every time')."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.bookings.models import Booking, Series, StandingBooking
from community.extensions import db
from community.privacy.export_registry import exporter, row


def _title_of_slot(slot) -> str:
    series = getattr(slot, "activity", None) or getattr(slot, "task", None)
    return series.title if series is not None else ""


def my_bookings(user_id: int) -> list[Booking]:
    return list(db.session.scalars(select(Booking).where(Booking.user_id == user_id).order_by(Booking.id)))


@exporter("sign_ups", _l("Aanmeldingen en wachtlijsten"))
def sign_ups(user) -> list[dict]:
    return [row(id=b.id, kind=b.slot.feature, title=_title_of_slot(b.slot), starts_at=b.slot.starts_at,
                ends_at=b.slot.ends_at, status=b.status, presence=b.presence, signed_up_at=b.created_at)
            for b in my_bookings(user.id)]


@exporter("standing_sign_ups", _l("Vaste aanmeldingen ('elke keer')"))
def standing_sign_ups(user) -> list[dict]:
    standing = db.session.execute(select(StandingBooking, Series).join(Series, Series.id == StandingBooking.series_id)
                                  .where(StandingBooking.user_id == user.id).order_by(StandingBooking.id)).all()
    return [row(id=s.id, kind=series.feature, title=getattr(series, "title", ""), since=s.created_at)
            for s, series in standing]

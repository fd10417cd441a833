"""My sign-ups as a calendar file for the export (no request needed: a job may build it)."""
from __future__ import annotations

from icalendar import Calendar, Event

from community.agenda.feeds import PRODUCT_ID
from community.bookings.models import ACTIVE
from community.privacy.export_bookings import _title_of_slot, my_bookings


def sign_ups_ics(user, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for booking in my_bookings(user.id):
        if booking.status not in ACTIVE:
            continue
        slot = booking.slot
        event = Event()
        event.add("uid", f"booking-{booking.id}@buurtkracht")
        event.add("summary", _title_of_slot(slot))
        event.add("dtstart", slot.starts_at)
        event.add("dtend", slot.ends_at)
        event.add("dtstamp", booking.updated_at)
        event.add("status", "CANCELLED" if slot.is_cancelled else "CONFIRMED")
        event.add("x-buurtkracht-sign-up", booking.status)
        calendar.add_component(event)
    return calendar.to_ical()

"""What the agenda tells the booking engine: an activity's date can be booked while the activity
takes sign-ups, is not paused, and the date is still to come; the emails it sends."""
from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l

from community.agenda.models import Activity, Occurrence
from community.bookings.rules import BookingRules
from community.db import utcnow
from community.errors import DomainError
from community.mail.services import mail_person
from community.neighbourhoods.models import Neighbourhood
from community.versions import AGENDA, mark_changed
from community.web import absolute_url
from community.extensions import db


class AgendaError(DomainError):
    """A rule of the agenda was broken (capacity, rooms, dates)."""


class AgendaBookings(BookingRules):
    horizon = timedelta(days=366)  # dates are kept ready a year ahead; `flask agenda extend` moves it daily

    def is_open(self, slot: Occurrence) -> bool:
        activity = slot.activity
        return (activity.needs_signup and not activity.is_paused and not slot.is_cancelled
                and slot.starts_at > utcnow())

    def closed_error(self, slot):
        return AgendaError(_l("Aanmelden kan niet (meer) voor deze activiteit."))

    def already_cancelled_error(self):
        return AgendaError(_l("Deze activiteit was al afgelast."))

    def refuse_every_time(self, series: Activity) -> None:
        if not series.needs_signup:
            raise AgendaError(_l("Voor deze activiteit hoef je je niet elke week aan te melden."))
        if not series.rrule:
            raise AgendaError(_l("%(title)s is er één keer. Meld je aan voor die datum.", title=series.title))
        if series.is_paused:
            raise AgendaError(_l("%(title)s is gepauzeerd. Aanmelden voor elke keer kan weer als het terug is in de "
                                 "agenda.", title=series.title))

    def new_slot(self, series: Activity) -> Occurrence:
        return Occurrence(activity_id=series.id, room_id=series.room_id)

    def changed(self, neighbourhood_id: int) -> None:
        mark_changed(neighbourhood_id, AGENDA)

    def promoted(self, booking) -> None:
        tell(booking.user, "agenda_promoted", booking.slot)

    def slot_cancelled(self, booking, reason: str) -> None:
        tell(booking.user, "agenda_cancelled", booking.slot, reason=reason)


def tell(user, template: str, occurrence: Occurrence, **context) -> None:
    """Queue an email about one date, with the link to its page (sent after the commit)."""
    slug = db.session.get(Neighbourhood, occurrence.neighbourhood_id).slug
    link = absolute_url("agenda.occurrence", slug=slug, occurrence_id=occurrence.id)
    mail_person(user, template, link=link, occurrence=occurrence, **context)

"""What volunteering tells the booking engine: a task's date can be booked while the task is open
and the date to come; a resident's request takes offers the asker answers; the emails it sends."""
from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.bookings.rules import BookingRules
from community.db import utcnow
from community.errors import DomainError
from community.extensions import db
from community.mail.services import mail_person
from community.neighbourhoods.models import Neighbourhood
from community.versions import VOLUNTEERING, mark_changed
from community.volunteering.models import Shift, Task
from community.web import absolute_url


class VolunteeringError(DomainError):
    """A rule of volunteering was broken (places, dates, offers)."""


class VolunteeringBookings(BookingRules):
    horizon = timedelta(weeks=8)  # recurring shifts are kept ready eight weeks ahead

    def is_open(self, slot: Shift) -> bool:
        return not slot.is_cancelled and not slot.task.is_closed and slot.starts_at > utcnow()

    def closed_error(self, slot):
        return VolunteeringError(_l("Aanmelden kan niet (meer) voor deze datum."))

    def already_answered_error(self):
        return VolunteeringError(_l("Op dit aanbod is al antwoord gegeven."))

    def no_places_error(self):
        return VolunteeringError(_l("Er zijn al genoeg helpers voor deze datum."))

    def already_cancelled_error(self):
        return VolunteeringError(_l("Deze datum was al afgelast."))

    def refuse_booking(self, slot: Shift, user_id: int) -> None:
        if slot.task.is_request and slot.task.posted_by_id == user_id:
            raise VolunteeringError(_l("Dit is je eigen vraag. Een buur helpt je."))

    def books_as_offer(self, slot: Shift) -> bool:
        return slot.task.is_request

    def refuse_every_time(self, series: Task) -> None:
        if not series.is_recurring or series.is_request or series.is_closed:
            raise VolunteeringError(_l("Dit is geen vaste dienst."))

    def plans_dates(self, series: Task) -> bool:
        return not series.is_closed

    def new_slot(self, series: Task) -> Shift:
        return Shift(task_id=series.id)

    def changed(self, neighbourhood_id: int) -> None:
        mark_changed(neighbourhood_id, VOLUNTEERING)

    def booked(self, booking) -> None:
        task = booking.slot.task
        if booking.status == "offered" and task.posted_by is not None:
            tell(task.posted_by, "task_offer", shift=booking.slot, helper=booking.user)

    def promoted(self, booking) -> None:
        tell(booking.user, "task_promoted", shift=booking.slot)

    def place_given_back(self, booking) -> bool:
        task = booking.slot.task
        if not task.is_request:
            return True
        if task.posted_by is not None:  # the asker hears their helper cannot come after all
            tell(task.posted_by, "task_withdrawn", shift=booking.slot, helper=booking.user)
        return False

    def answered(self, booking, accepted: bool) -> None:
        tell(booking.user, "task_accepted" if accepted else "task_declined", shift=booking.slot)

    def slot_cancelled(self, booking, reason: str) -> None:
        tell(booking.user, "task_cancelled", shift=booking.slot, reason=reason)

    def reminder(self, booking) -> bool:
        if booking.slot.task.is_closed:
            return False
        tell(booking.user, "task_reminder", shift=booking.slot)
        return True


# The asker answers offers on the task's volunteers page; everyone else goes to the task.
ASKER_TEMPLATES = ("task_offer", "task_withdrawn")


def tell(user, template: str, **context) -> None:
    """Queue an email about a task (or one of its dates), with the link to its page."""
    task = context["shift"].task if context.get("shift") is not None else context["task"]
    slug = db.session.scalar(select(Neighbourhood.slug).where(Neighbourhood.id == task.neighbourhood_id))
    endpoint = "volunteering.volunteers" if template in ASKER_TEMPLATES else "volunteering.task"
    context.setdefault("task", task)
    mail_person(user, template, link=absolute_url(endpoint, slug=slug, task_id=task.id), **context)

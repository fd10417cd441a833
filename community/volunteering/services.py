"""Volunteering: tasks and recurring shifts, requests for a hand whose place only the accepted
helper sees. Signing up is the booking engine's (community.bookings) with volunteering's rules
(booking_rules); matching people and tasks is in matches.py, the counts in counts.py."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from community import recurrence
from community.accounts.models import User
from community.bookings import planning, places
from community.bookings import services as bookings
from community.bookings.models import ACTIVE, Booking, Presence, Status
from community.db import utcnow
from community.errors import NotFound
from community.extensions import db
from community.images import changes as photos
from community.neighbourhoods.models import Neighbourhood
from community.talents.models import SKILLS
from community.versions import VOLUNTEERING, mark_changed
from community.volunteering.booking_rules import VolunteeringError
from community.volunteering.models import Invitation, Origin, Shift, Task

__all__ = ["VolunteeringError"]  # raised by the functions here; defined beside volunteering's booking rules

log = logging.getLogger("community.volunteering")


# --- tasks ----------------------------------------------------------------------------------

@dataclass
class TaskDetails:
    title: str
    description: str
    skills: list[str]
    people_needed: int
    place: str
    first_date: date
    start_time: time
    duration_minutes: int
    pattern: str = "once"
    until_date: date | None = None
    private_place: str = ""
    photo: photos.PhotoChange = photos.PhotoChange()


def _check_schedule(details: TaskDetails) -> None:
    if details.first_date not in (window := recurrence.task_window()):
        raise VolunteeringError(window.refusal(details.first_date), "first_date")
    if details.until_date and details.until_date not in (until := recurrence.until_window()):
        raise VolunteeringError(until.refusal(), "until_date")
    if details.until_date and details.until_date < details.first_date:
        raise VolunteeringError(_l("De einddatum ligt voor de eerste datum."), "until_date")
    if not recurrence.first_date_matches(details.pattern, details.first_date):
        raise VolunteeringError(_l("De eerste datum past niet bij het herhaalpatroon. Kies bijvoorbeeld echt de "
                                   "laatste vrijdag van de maand."), "first_date")


def post_task(neighbourhood: Neighbourhood, details: TaskDetails, *, posted_by: User,
              origin: Origin = Origin.COORDINATOR, need=None) -> Task:
    """A new task; `need` is an initiative's 'hands' need the task answers (linked both ways)."""
    _check_schedule(details)
    task = Task(neighbourhood_id=neighbourhood.id, origin=origin.value, posted_by_id=posted_by.id,
                first_date=details.first_date, start_time=details.start_time,
                duration_minutes=details.duration_minutes,
                rrule=recurrence.rrule_for(details.pattern, details.first_date), until_date=details.until_date)
    if need is not None:
        task.origin, task.initiative_id, task.need_id = Origin.INITIATIVE.value, need.initiative_id, need.id
    _apply_about(task, details)
    db.session.add(task)
    db.session.flush()
    materialise(task)
    mark_changed(neighbourhood.id, VOLUNTEERING)
    db.session.commit()
    log.info("task posted: %s (%s) in neighbourhood %s", task.id, task.origin, neighbourhood.id)
    return task


def _apply_about(task: Task, details: TaskDetails) -> None:
    task.title = details.title.strip()
    task.description = details.description.strip()
    task.skills = ",".join(code for code in details.skills if code in SKILLS)
    task.people_needed = details.people_needed
    task.place = details.place.strip()
    task.private_place = details.private_place.strip() if task.is_request else ""
    if task.is_request and details.photo.new is not None:
        # A picture of the help that is needed so often shows the asker's home, street or face.
        raise VolunteeringError(_l("Een hulpvraag krijgt geen foto: daarop is vaak te zien wie vraagt of waar."),
                                "photo")
    photos.apply_photo_change(task, details.photo)


def update_task(task: Task, details: TaskDetails) -> Task:
    """Change what the task is about; its dates stay (post a new task for another schedule).
    Coming dates get the new number of places, never fewer than already taken."""
    _apply_about(task, details)
    planning.set_coming_places(task, task.people_needed)
    mark_changed(task.neighbourhood_id, VOLUNTEERING)
    db.session.commit()
    return task


def close_task(task: Task, reason: str) -> int:
    """No more help needed: coming dates are cancelled and whoever signed up is told."""
    task.is_closed = True
    told = sum(bookings.cancel_slot_here(shift, reason) for shift in planning.coming_slots(task, include_cancelled=False))
    mark_changed(task.neighbourhood_id, VOLUNTEERING)
    db.session.commit()
    return told


def cancel_shift(shift: Shift, reason: str) -> int:
    return bookings.cancel_slot(shift, reason)


def materialise(task: Task, until: date | None = None) -> int:
    """Create the dates of a task up to the horizon (see community.bookings.planning)."""
    return len(planning.materialise(task, until))


def extend_all_tasks() -> int:
    """For cron: keep eight weeks of dates ready for every open recurring task."""
    return planning.extend_all("task")


def coming_shifts(task: Task, limit: int = 6) -> list[Shift]:
    return list(db.session.scalars(
        select(Shift).where(Shift.task_id == task.id, Shift.ends_at > utcnow())
        .order_by(Shift.starts_at).limit(limit)))


def recent_shifts(task: Task, limit: int = 6) -> list[Shift]:
    """Dates that have been, newest first: for marking who was there."""
    return list(db.session.scalars(
        select(Shift).where(Shift.task_id == task.id, Shift.ends_at <= utcnow(), Shift.is_cancelled.is_(False))
        .order_by(Shift.starts_at.desc()).limit(limit)))


def tasks_by_need(initiative_id: int) -> dict[int, list[Task]]:
    """The tasks made from an initiative's needs, by need (the initiative's page links to them)."""
    found: dict[int, list[Task]] = {}
    for task in db.session.scalars(select(Task).where(Task.initiative_id == initiative_id).order_by(Task.id)):
        found.setdefault(task.need_id or 0, []).append(task)
    return found


# --- signing up (the booking engine, with volunteering's rules) ---------------------------------

def can_still_sign_up(shift: Shift) -> bool:
    from community.bookings.rules import rules_for

    return rules_for(shift).is_open(shift)


def volunteer_for_shift(shift_id: int, user_id: int) -> Booking:
    """A place while there are places, then the waitlist. For a resident's request it is an
    offer: the asker accepts, and only then the helper sees where."""
    return bookings.book(shift_id, user_id)


def withdraw(shift_id: int, user_id: int) -> Booking | None:
    """Cancel; a freed place goes to the first who waits, or the asker of a request hears of it."""
    return bookings.cancel(shift_id, user_id)


def answer_offer(shift: Shift, sign_up_id: int, *, accept: bool) -> Booking:
    """The asker (or a buurtregisseur) says yes or no thank you; yes tells the helper where."""
    return bookings.answer_offer(shift, sign_up_id, accept=accept)


def join_every_time(task: Task, user_id: int) -> int:
    return bookings.join_every_time(task, user_id)


def leave_every_time(task: Task, user_id: int) -> int:
    return bookings.leave_every_time(task, user_id)


def is_standing(task_id: int, user_id: int | None) -> bool:
    return bookings.is_standing(task_id, user_id)


def waitlist_position(sign_up: Booking) -> int | None:
    return places.waitlist_position(sign_up)


def my_sign_ups_for(user_id: int | None, shift_ids: list[int]) -> dict[int, Booking]:
    return bookings.my_bookings_for(user_id, shift_ids)


def is_accepted_helper(task_id: int, user_id: int) -> bool:
    """Has this person a confirmed place on any date of the task? (Then they may see where.)"""
    return bookings.has_confirmed_booking(task_id, user_id)


def volunteers_by_shift(shift_ids: list[int]) -> dict[int, list[Booking]]:
    """Who signed up (confirmed, waiting, offering) for each of these dates."""
    return bookings.bookings_by_slot(shift_ids)


def set_absent(shift: Shift, sign_up_id: int, absent: bool) -> Booking:
    booking = db.session.get(Booking, sign_up_id)
    if booking is None or booking.slot_id != shift.id or booking.status != Status.CONFIRMED.value:
        raise NotFound()
    return bookings.set_presence(shift, sign_up_id, Presence.ABSENT if absent else None)


def send_reminders(now=None) -> int:
    """For cron: tomorrow's reminders (the engine sends them, for every feature that has them)."""
    return bookings.send_reminders(now)


@dataclass
class MyVolunteering:
    coming: list[Booking]
    invitations: list[Invitation]
    requests: list[Task]
    offers: dict[int, int]    # task id -> offers waiting for an answer
    helpers: dict[int, list[str]]  # task id -> names of the helpers the asker said yes to (coming dates)


def my_volunteering(user_id: int, neighbourhood_id: int) -> MyVolunteering:
    coming = list(db.session.scalars(
        select(Booking).join(Shift, Shift.id == Booking.slot_id)
        .where(Booking.user_id == user_id, Booking.status.in_(ACTIVE),
               Shift.neighbourhood_id == neighbourhood_id, Shift.ends_at > utcnow())
        .options(selectinload(Booking.slot)).order_by(Shift.starts_at).limit(100)))
    signed_task_ids = {sign_up.slot.task_id for sign_up in coming}
    invitations = [invitation for invitation in db.session.scalars(
        select(Invitation).join(Invitation.task)
        .where(Invitation.user_id == user_id, Task.neighbourhood_id == neighbourhood_id, Task.is_closed.is_(False))
        .order_by(Invitation.created_at.desc()).limit(50)) if invitation.task_id not in signed_task_ids]
    requests = list(db.session.scalars(
        select(Task).where(Task.posted_by_id == user_id, Task.neighbourhood_id == neighbourhood_id,
                           Task.origin == Origin.REQUEST.value, Task.is_closed.is_(False))
        .order_by(Task.first_date).limit(50)))
    request_ids = [task.id for task in requests]
    return MyVolunteering(coming, invitations, requests, offers_waiting(request_ids), accepted_helpers(request_ids))


def accepted_helpers(task_ids: list[int]) -> dict[int, list[str]]:
    """{task id: names of the neighbours who are coming to help on a date still to come}."""
    found: dict[int, list[str]] = {}
    for task_id, name in db.session.execute(
            select(Shift.task_id, User.display_name).join(Booking, Booking.slot_id == Shift.id)
            .join(User, User.id == Booking.user_id)
            .where(Shift.task_id.in_(task_ids), Booking.status == Status.CONFIRMED.value,
                   Shift.ends_at > utcnow(), Shift.is_cancelled.is_(False))
            .order_by(Shift.task_id, Booking.id)):
        if name not in found.setdefault(task_id, []):
            found[task_id].append(name)
    return found


def offers_waiting(task_ids: list[int]) -> dict[int, int]:
    """{task id: offers of help no one has answered yet}."""
    return dict(db.session.execute(
        select(Shift.task_id, func.count()).join(Booking, Booking.slot_id == Shift.id)
        .where(Shift.task_id.in_(task_ids), Booking.status == Status.OFFERED.value)
        .group_by(Shift.task_id)).all())

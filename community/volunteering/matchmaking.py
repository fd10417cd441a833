"""Matchmaking, with the database: the open tasks for a volunteer and the neighbours for a task,
ranked by the rules of community/volunteering/matching.py, and inviting one who fits."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from community.accounts.models import User
from community.bookings.models import ACTIVE, Booking
from community.db import utcnow
from community.errors import NotFound
from community.extensions import db
from community.talents.models import TalentProfile, Visibility
from community.volunteering import matching
from community.volunteering.booking_rules import tell
from community.volunteering.models import Invitation, Origin, Shift, Task, day_part_of

PAGE_SIZE = 20
SUGGESTIONS = 20


def open_tasks(neighbourhood_id: int) -> list[matching.OpenTask]:
    """Every open task of the neighbourhood with its next date, in one query (the next date is
    found per task through the (task_id, starts_at) unique index)."""
    next_shift_id = (select(Shift.id).where(Shift.task_id == Task.id, Shift.starts_at > utcnow(),
                                           Shift.is_cancelled.is_(False))
                     .order_by(Shift.starts_at).limit(1).correlate(Task).scalar_subquery())
    rows = db.session.execute(
        select(Task.id, Task.skills, Task.first_date, Task.start_time, Task.posted_by_id, Task.origin, Shift.id,
               Shift.starts_at, Shift.capacity, Shift.confirmed_count)
        .join(Shift, Shift.id == next_shift_id)
        .where(Task.neighbourhood_id == neighbourhood_id, Task.is_closed.is_(False)))
    return [matching.OpenTask(task_id, shift_id, starts_at, tuple(code for code in skills.split(",") if code),
                              day_part_of(first_date, start_time), max(places - confirmed, 0), posted_by_id,
                              origin == Origin.REQUEST.value)
            for task_id, skills, first_date, start_time, posted_by_id, origin, shift_id, starts_at, places, confirmed
            in rows]


@dataclass
class TaskMatch:
    task: Task
    shift: Shift
    fit: matching.Fit


def tasks_for(neighbourhood_id: int, user_id: int | None, page: int = 1) -> tuple[list[TaskMatch], int, bool]:
    """One page of open tasks for this person, the best fit first, with the reasons. A request that
    has its helper is arranged and no longer asks for help, and nobody is shown their own request.
    Returns (matches, how many open tasks in all, whether the ranking used a talent profile)."""
    profile = _profile_for_matching(user_id, neighbourhood_id)
    candidates = [task for task in open_tasks(neighbourhood_id) if not task.is_request or
                  (task.places_left > 0 and (user_id is None or task.posted_by_id != user_id))]
    chosen, total = matching.rank_tasks(candidates, profile.skills if profile else (),
                                        profile.availability if profile else "",
                                        start=(page - 1) * PAGE_SIZE, stop=page * PAGE_SIZE)
    shifts = {shift.id: shift for shift in db.session.scalars(
        select(Shift).where(Shift.id.in_([task.shift_id for task, _fit in chosen])))}
    matches = [TaskMatch(shifts[task.shift_id].task, shifts[task.shift_id], fit) for task, fit in chosen]
    return matches, total, profile is not None


def _profile_for_matching(user_id: int | None, neighbourhood_id: int) -> matching.Candidate | None:
    if not user_id:
        return None
    row = db.session.execute(select(TalentProfile.skills, TalentProfile.availability).where(
        TalentProfile.user_id == user_id, TalentProfile.neighbourhood_id == neighbourhood_id)).first()
    if row is None:
        return None
    return matching.Candidate(user_id, frozenset(code for code in row.skills.split(",") if code), row.availability)


@dataclass
class Suggestion:
    user: User
    fit: matching.Fit
    is_invited: bool
    is_signed_up: bool


def suggestions(task: Task, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """Neighbours who fit this task, best first, for the buurtregisseur. Hidden profiles are
    never suggested; the person who asked is not suggested for their own request."""
    wanted, day_part = tuple(task.skill_codes), task.day_part
    columns = (TalentProfile.skills, TalentProfile.availability)
    query = (select(TalentProfile.user_id, *columns)
             .where(TalentProfile.neighbourhood_id == task.neighbourhood_id,
                    TalentProfile.visibility != Visibility.HIDDEN.value,
                    matching.sql_fits_at_all(wanted, day_part, *columns))
             .order_by(matching.sql_points(wanted, day_part, *columns).desc(), TalentProfile.user_id)
             .limit(limit))
    if task.posted_by_id:
        query = query.where(TalentProfile.user_id != task.posted_by_id)
    candidates = (matching.Candidate(user_id, frozenset(code for code in skills.split(",") if code), availability)
                  for user_id, skills, availability in db.session.execute(query))
    ranked = matching.rank_people(candidates, wanted, day_part, limit=limit)
    if not ranked:
        return []
    user_ids = [person.user_id for person, _fit in ranked]
    users = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(user_ids)))}
    invited = set(db.session.scalars(select(Invitation.user_id).where(Invitation.task_id == task.id,
                                                                      Invitation.user_id.in_(user_ids))))
    signed_up = set(db.session.scalars(select(Booking.user_id).join(Shift, Shift.id == Booking.slot_id).where(
        Shift.task_id == task.id, Booking.user_id.in_(user_ids), Booking.status.in_(ACTIVE))))
    return [Suggestion(users[person.user_id], fit, person.user_id in invited, person.user_id in signed_up)
            for person, fit in ranked if person.user_id in users and not users[person.user_id].is_deleted]


def invite(task: Task, user_id: int, *, by: User) -> bool:
    """Ask a neighbour who fits to help; False when they were asked before (once is enough)."""
    person = db.session.get(User, user_id)
    if person is None or task.neighbourhood_id not in person.neighbourhood_ids() or task.is_closed:
        raise NotFound()
    db.session.add(Invitation(task_id=task.id, user_id=user_id, invited_by_id=by.id))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    profile = _profile_for_matching(user_id, task.neighbourhood_id)
    reasons = matching.fit(task.skill_codes, profile.skills, profile.availability, task.day_part) if profile else None
    next_shift = db.session.scalar(select(Shift).where(Shift.task_id == task.id, Shift.starts_at > utcnow(),
                                                       Shift.is_cancelled.is_(False)).order_by(Shift.starts_at).limit(1))
    tell(person, "task_invitation", task=task, shift=next_shift, fit=reasons, inviter=by)
    db.session.commit()
    return True

"""Volunteering: tasks and recurring shifts, sign-ups with places and a waitlist, requests for
a hand whose place only the accepted helper sees, invitations, reminders and the counts.

Places are taken with the shared conditional UPDATE (community.capacity); SQLite write
transactions start with BEGIN IMMEDIATE (begin_write_transaction), as in the agenda."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import abort
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from community.accounts.models import User
from community import recurrence
from community import capacity
from community.db import begin_write_transaction, utcnow
from community.errors import DomainError
from community.extensions import db
from community.mail.services import mail_person
from community.neighbourhoods.models import Neighbourhood
from community.versions import VOLUNTEERING, mark_changed
from community.talents.models import SKILLS, TalentProfile, Visibility
from community.volunteering import matching
from community.volunteering.models import (ACTIVE, Invitation, Origin, Shift, StandingVolunteer, Status, Task,
                                           VolunteerSignUp, day_part_of)
from community.web import absolute_url

log = logging.getLogger("community.volunteering")

HORIZON_DAYS = 8 * 7      # dates of recurring shifts are kept ready eight weeks ahead
PAGE_SIZE = 20
SUGGESTIONS = 20


class VolunteeringError(DomainError):
    """A rule of volunteering was broken (places, dates, offers)."""


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


def update_task(task: Task, details: TaskDetails) -> None:
    """Change what the task is about; its dates stay (post a new task for another schedule).
    Coming dates get the new number of places, never fewer than already taken."""
    _apply_about(task, details)
    for shift in db.session.scalars(select(Shift).where(Shift.task_id == task.id, Shift.starts_at > utcnow())):
        shift.capacity = max(task.people_needed, shift.confirmed_count)
    mark_changed(task.neighbourhood_id, VOLUNTEERING)
    db.session.commit()


def close_task(task: Task, reason: str) -> int:
    """No more help needed: coming dates are cancelled and whoever signed up is told."""
    task.is_closed = True
    told = sum(_cancel_shift(shift, reason) for shift in db.session.scalars(
        select(Shift).where(Shift.task_id == task.id, Shift.starts_at > utcnow(), Shift.is_cancelled.is_(False))))
    mark_changed(task.neighbourhood_id, VOLUNTEERING)
    db.session.commit()
    return told


def cancel_shift(shift: Shift, reason: str) -> int:
    if shift.is_cancelled:
        raise VolunteeringError(_l("Deze datum was al afgelast."))
    told = _cancel_shift(shift, reason)
    db.session.commit()
    return told


def _cancel_shift(shift: Shift, reason: str) -> int:
    shift.is_cancelled = True
    shift.note = str(reason).strip()[:200]
    mark_changed(shift.neighbourhood_id, VOLUNTEERING)
    people = db.session.scalars(select(VolunteerSignUp).where(
        VolunteerSignUp.shift_id == shift.id, VolunteerSignUp.status.in_(ACTIVE))
        .options(selectinload(VolunteerSignUp.user))).all()
    for sign_up in people:
        _mail(sign_up.user, "task_cancelled", shift=shift, reason=shift.note)
    return len(people)


def _horizon() -> date:
    return recurrence.local_today() + timedelta(days=HORIZON_DAYS)


def materialise(task: Task, until: date | None = None) -> int:
    """Create the dates of a task up to the horizon; standing volunteers join the new ones.
    Never from before the planning window, and at most MAX_DATES_PER_EXPANSION dates in one call
    (materialised_until then stops at the last one made, and the next call goes on from there)."""
    until = until or _horizon()
    start = (task.materialised_until + timedelta(days=1)) if task.materialised_until else task.first_date
    start = recurrence.expansion_start(start)
    if start > until or task.is_closed:
        return 0
    existing = set(db.session.scalars(select(Shift.starts_at).where(Shift.task_id == task.id)))
    created = []
    planned = recurrence.slots(task.rrule, task.first_date, task.start_time, task.duration_minutes, start, until,
                               task.until_date)
    if len(planned) == recurrence.MAX_DATES_PER_EXPANSION:
        until = recurrence.to_local(planned[-1].starts_at).date()
    for slot in planned:
        if slot.starts_at in existing:
            continue
        shift = Shift(task_id=task.id, neighbourhood_id=task.neighbourhood_id, starts_at=slot.starts_at,
                      ends_at=slot.ends_at, capacity=task.people_needed)
        db.session.add(shift)
        created.append(shift)
    task.materialised_until = until
    db.session.flush()
    standing = db.session.scalars(select(StandingVolunteer.user_id).where(StandingVolunteer.task_id == task.id)).all()
    for shift in created:
        for user_id in standing:
            _add_volunteer(shift, user_id)
    return len(created)


def extend_all_tasks() -> int:
    """For cron: keep eight weeks of dates ready for every open recurring task."""
    created = 0
    for task in db.session.scalars(select(Task).where(Task.rrule != "", Task.is_closed.is_(False))).all():
        if new_dates := materialise(task):
            created += new_dates
            mark_changed(task.neighbourhood_id, VOLUNTEERING)
    db.session.commit()
    return created


def task_in_neighbourhood_or_404(neighbourhood: Neighbourhood, task_id: int) -> Task:
    task = db.session.get(Task, task_id)
    if task is None or task.neighbourhood_id != neighbourhood.id:
        abort(404)
    return task


def shift_in_neighbourhood_or_404(neighbourhood: Neighbourhood, shift_id: int) -> Shift:
    shift = db.session.get(Shift, shift_id)
    if shift is None or shift.neighbourhood_id != neighbourhood.id:
        abort(404)
    return shift


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


# --- signing up -----------------------------------------------------------------------------

def can_still_sign_up(shift: Shift) -> bool:
    return not shift.is_cancelled and not shift.task.is_closed and shift.starts_at > utcnow()


def volunteer_for_shift(shift_id: int, user_id: int) -> VolunteerSignUp:
    """A place while there are places, then the waitlist. For a resident's request it is an
    offer: the asker accepts, and only then the helper sees where. A double tap finds the
    sign-up it already made."""
    begin_write_transaction(db.session)
    shift = db.session.get(Shift, shift_id)
    if shift is None or not can_still_sign_up(shift):
        db.session.rollback()
        raise VolunteeringError(_l("Aanmelden kan niet (meer) voor deze datum."))
    if shift.task.posted_by_id == user_id and shift.task.is_request:
        db.session.rollback()
        raise VolunteeringError(_l("Dit is je eigen vraag. Een buur helpt je."))
    existing = _sign_up_of(shift_id, user_id)
    if existing is not None and existing.status in ACTIVE:
        db.session.rollback()
        return existing
    try:
        sign_up = _add_volunteer(shift, user_id, existing)
        if sign_up.status == Status.OFFERED.value and shift.task.posted_by is not None:
            _mail(shift.task.posted_by, "task_offer", shift=shift, helper=sign_up.user)
        db.session.commit()
    except IntegrityError:  # the same person, at the same moment, in another request
        db.session.rollback()
        return _sign_up_of(shift_id, user_id)
    return sign_up


def _sign_up_of(shift_id: int, user_id: int) -> VolunteerSignUp | None:
    return db.session.scalar(select(VolunteerSignUp).where(VolunteerSignUp.shift_id == shift_id,
                                                           VolunteerSignUp.user_id == user_id))


def _add_volunteer(shift: Shift, user_id: int, existing: VolunteerSignUp | None = None) -> VolunteerSignUp:
    if shift.task.is_request:
        status = Status.OFFERED
    else:
        status = Status.CONFIRMED if capacity.take_place(Shift, shift.id) else Status.WAITLISTED
    existing = existing or _sign_up_of(shift.id, user_id)
    if existing is not None and existing.status in ACTIVE:
        if status is Status.CONFIRMED:
            capacity.give_back_place(Shift, shift.id)
        return existing
    if existing is not None:
        existing.status, existing.created_at, existing.is_absent = status.value, utcnow(), False  # back of the queue
        sign_up = existing
    else:
        sign_up = VolunteerSignUp(shift_id=shift.id, user_id=user_id, status=status.value)
        db.session.add(sign_up)
    db.session.flush()
    mark_changed(shift.neighbourhood_id, VOLUNTEERING)
    db.session.expire(shift, ["confirmed_count"])
    return sign_up


def withdraw(shift_id: int, user_id: int) -> VolunteerSignUp | None:
    """Cancel; a freed place goes to the first on the waitlist, who is told by email. The asker
    of a request hears that their helper cannot come after all."""
    begin_write_transaction(db.session)
    sign_up = db.session.scalar(select(VolunteerSignUp).where(
        VolunteerSignUp.shift_id == shift_id, VolunteerSignUp.user_id == user_id).with_for_update())
    if sign_up is None or sign_up.status not in ACTIVE:
        db.session.rollback()
        return sign_up
    _withdraw_active(sign_up)
    db.session.commit()
    return sign_up


def _withdraw_active(sign_up: VolunteerSignUp) -> None:
    """In the caller's transaction: the sign-up is cancelled; a place it held goes to the first
    on the waitlist, or the asker of a request hears of it (email queued in the same transaction)."""
    was_confirmed = sign_up.status == Status.CONFIRMED.value
    sign_up.status = Status.CANCELLED.value
    shift = db.session.get(Shift, sign_up.shift_id)
    if was_confirmed:
        capacity.give_back_place(Shift, shift.id)
        if shift.task.is_request and shift.task.posted_by is not None:
            _mail(shift.task.posted_by, "task_withdrawn", shift=shift, helper=sign_up.user)
        else:
            _promote_from_waitlist(shift)
    mark_changed(shift.neighbourhood_id, VOLUNTEERING)


def _promote_from_waitlist(shift: Shift) -> None:
    if shift.is_cancelled or shift.starts_at <= utcnow():
        return
    first = capacity.first_on_waitlist(VolunteerSignUp.shift_id, shift.id)
    if first is None or not capacity.take_place(Shift, shift.id):
        return
    first.status = Status.CONFIRMED.value
    db.session.flush()
    _mail(first.user, "task_promoted", shift=shift)


def answer_offer(shift: Shift, sign_up_id: int, *, accept: bool) -> VolunteerSignUp:
    """The asker (or a buurtregisseur) says yes or no thank you to a neighbour's offer.
    Yes takes a place (never more than asked for) and tells the helper where."""
    begin_write_transaction(db.session)
    sign_up = db.session.get(VolunteerSignUp, sign_up_id)
    if sign_up is None or sign_up.shift_id != shift.id:
        db.session.rollback()
        abort(404)
    if sign_up.status != Status.OFFERED.value:
        db.session.rollback()
        raise VolunteeringError(_l("Op dit aanbod is al antwoord gegeven."))
    if accept and not capacity.take_place(Shift, shift.id):
        db.session.rollback()
        raise VolunteeringError(_l("Er zijn al genoeg helpers voor deze datum."))
    sign_up.status = (Status.CONFIRMED if accept else Status.DECLINED).value
    mark_changed(shift.neighbourhood_id, VOLUNTEERING)
    _mail(sign_up.user, "task_accepted" if accept else "task_declined", shift=sign_up.shift)
    db.session.commit()
    return sign_up


def join_every_time(task: Task, user_id: int) -> int:
    """Sign up for every coming date of a recurring shift, now and as new dates appear. One
    transaction: the standing sign-up and every date's sign-up are made together, or none is."""
    begin_write_transaction(db.session)
    try:
        db.session.execute(select(Task.id).where(Task.id == task.id).with_for_update())
        db.session.refresh(task)  # closing it at the same moment waits, or is seen
        if not task.is_recurring or task.is_request or task.is_closed:
            raise VolunteeringError(_l("Dit is geen vaste dienst."))
        db.session.add(StandingVolunteer(task_id=task.id, user_id=user_id))
        db.session.flush()
        coming = db.session.scalars(select(Shift).where(Shift.task_id == task.id, Shift.starts_at > utcnow(),
                                                        Shift.is_cancelled.is_(False)).order_by(Shift.starts_at)).all()
        for shift in coming:
            _add_volunteer(shift, user_id)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if is_standing(task.id, user_id):
            return 0  # joined already, at the same moment in another request
        raise
    except BaseException:
        db.session.rollback()
        raise
    return len(coming)


def leave_every_time(task: Task, user_id: int) -> int:
    """Stop helping every time, in one transaction: the standing sign-up goes, every coming date
    is cancelled, and freed places go to whoever waits (their email queued in this transaction,
    so it goes out only if all of it was saved). Returns the dates cancelled."""
    begin_write_transaction(db.session)
    try:
        db.session.execute(delete(StandingVolunteer).where(StandingVolunteer.task_id == task.id,
                                                           StandingVolunteer.user_id == user_id))
        coming = db.session.scalars(
            select(VolunteerSignUp).join(Shift)
            .where(Shift.task_id == task.id, Shift.starts_at > utcnow(), VolunteerSignUp.user_id == user_id,
                   VolunteerSignUp.status.in_(ACTIVE))
            .order_by(Shift.starts_at, Shift.id).with_for_update(of=VolunteerSignUp)).all()
        for sign_up in coming:
            _withdraw_active(sign_up)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return len(coming)


def is_standing(task_id: int, user_id: int | None) -> bool:
    return bool(user_id) and db.session.scalar(select(StandingVolunteer.id).where(
        StandingVolunteer.task_id == task_id, StandingVolunteer.user_id == user_id)) is not None


def waitlist_position(sign_up: VolunteerSignUp) -> int | None:
    return capacity.waitlist_position(VolunteerSignUp.shift_id, sign_up)


def my_sign_ups_for(user_id: int | None, shift_ids: list[int]) -> dict[int, VolunteerSignUp]:
    if not user_id or not shift_ids:
        return {}
    rows = db.session.scalars(select(VolunteerSignUp).where(
        VolunteerSignUp.user_id == user_id, VolunteerSignUp.shift_id.in_(shift_ids), VolunteerSignUp.status.in_(ACTIVE)))
    return {row.shift_id: row for row in rows}


def is_accepted_helper(task_id: int, user_id: int) -> bool:
    """Has this person a confirmed place on any date of the task? (Then they may see where.)"""
    return db.session.scalar(select(VolunteerSignUp.id).join(Shift).where(
        Shift.task_id == task_id, VolunteerSignUp.user_id == user_id,
        VolunteerSignUp.status == Status.CONFIRMED.value).limit(1)) is not None


def volunteers_by_shift(shift_ids: list[int]) -> dict[int, list[VolunteerSignUp]]:
    """Who signed up (confirmed, waiting, offering) for each of these dates."""
    found: dict[int, list[VolunteerSignUp]] = {shift_id: [] for shift_id in shift_ids}
    if not shift_ids:
        return found
    rows = db.session.scalars(
        select(VolunteerSignUp).where(VolunteerSignUp.shift_id.in_(shift_ids), VolunteerSignUp.status.in_(ACTIVE))
        .options(selectinload(VolunteerSignUp.user))
        .order_by(VolunteerSignUp.status, VolunteerSignUp.created_at, VolunteerSignUp.id))
    for row in rows:
        found[row.shift_id].append(row)
    return found


def set_absent(shift: Shift, sign_up_id: int, absent: bool) -> VolunteerSignUp:
    sign_up = db.session.get(VolunteerSignUp, sign_up_id)
    if sign_up is None or sign_up.shift_id != shift.id or sign_up.status != Status.CONFIRMED.value:
        abort(404)
    sign_up.is_absent = absent
    db.session.commit()
    return sign_up


@dataclass
class MyVolunteering:
    coming: list[VolunteerSignUp]
    invitations: list[Invitation]
    requests: list[Task]
    offers: dict[int, int]    # task id -> offers waiting for an answer


def my_volunteering(user_id: int, neighbourhood_id: int) -> MyVolunteering:
    coming = list(db.session.scalars(
        select(VolunteerSignUp).join(VolunteerSignUp.shift)
        .where(VolunteerSignUp.user_id == user_id, VolunteerSignUp.status.in_(ACTIVE),
               Shift.neighbourhood_id == neighbourhood_id, Shift.ends_at > utcnow())
        .options(selectinload(VolunteerSignUp.shift)).order_by(Shift.starts_at).limit(100)))
    signed_task_ids = {sign_up.shift.task_id for sign_up in coming}
    invitations = [invitation for invitation in db.session.scalars(
        select(Invitation).join(Invitation.task)
        .where(Invitation.user_id == user_id, Task.neighbourhood_id == neighbourhood_id, Task.is_closed.is_(False))
        .order_by(Invitation.created_at.desc()).limit(50)) if invitation.task_id not in signed_task_ids]
    requests = list(db.session.scalars(
        select(Task).where(Task.posted_by_id == user_id, Task.neighbourhood_id == neighbourhood_id,
                           Task.origin == Origin.REQUEST.value, Task.is_closed.is_(False))
        .order_by(Task.first_date).limit(50)))
    return MyVolunteering(coming, invitations, requests, offers_waiting([task.id for task in requests]))


def offers_waiting(task_ids: list[int]) -> dict[int, int]:
    """{task id: offers of help no one has answered yet}."""
    return dict(db.session.execute(
        select(Shift.task_id, func.count()).join(VolunteerSignUp, VolunteerSignUp.shift_id == Shift.id)
        .where(Shift.task_id.in_(task_ids), VolunteerSignUp.status == Status.OFFERED.value)
        .group_by(Shift.task_id)).all())


# --- matching -------------------------------------------------------------------------------

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
    """One page of open tasks for this person, the best fit first, with the reasons.
    Returns (matches, how many open tasks in all, whether the ranking used a talent profile)."""
    profile = _profile_for_matching(user_id, neighbourhood_id)
    candidates = [task for task in open_tasks(neighbourhood_id)
                  if not (task.is_request and user_id is not None and task.posted_by_id == user_id)]
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
    signed_up = set(db.session.scalars(select(VolunteerSignUp.user_id).join(Shift).where(
        Shift.task_id == task.id, VolunteerSignUp.user_id.in_(user_ids), VolunteerSignUp.status.in_(ACTIVE))))
    return [Suggestion(users[person.user_id], fit, person.user_id in invited, person.user_id in signed_up)
            for person, fit in ranked if person.user_id in users and not users[person.user_id].is_deleted]


def invite(task: Task, user_id: int, *, by: User) -> bool:
    """Ask a neighbour who fits to help; False when they were asked before (once is enough)."""
    person = db.session.get(User, user_id)
    if person is None or task.neighbourhood_id not in person.neighbourhood_ids() or task.is_closed:
        abort(404)
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
    _mail(person, "task_invitation", task=task, shift=next_shift, fit=reasons, inviter=by)
    db.session.commit()
    return True


# --- reminders and counts -------------------------------------------------------------------

def send_reminders(now: datetime | None = None) -> int:
    """For cron: an email the day before to everyone with a place on a date tomorrow. A sign-up
    is claimed (reminded_at set by a conditional UPDATE) in the transaction that queues its mail,
    so running this twice, or on two servers at once, sends nothing twice."""
    now = now or utcnow()
    tomorrow = recurrence.to_local(now).date() + timedelta(days=1)
    start, end = recurrence.day_bounds_utc(tomorrow, 1)
    due = db.session.scalars(
        select(VolunteerSignUp.id).join(VolunteerSignUp.shift).join(Shift.task)
        .where(VolunteerSignUp.status == Status.CONFIRMED.value, VolunteerSignUp.reminded_at.is_(None),
               Shift.starts_at >= start, Shift.starts_at < end, Shift.is_cancelled.is_(False),
               Task.is_closed.is_(False))).all()
    db.session.commit()
    sent = 0
    for sign_up_id in due:
        begin_write_transaction(db.session)
        claimed = db.session.execute(
            update(VolunteerSignUp).where(VolunteerSignUp.id == sign_up_id, VolunteerSignUp.reminded_at.is_(None))
            .values(reminded_at=now).execution_options(synchronize_session=False)).rowcount == 1
        if claimed:  # the claim and the queued email commit together, or neither does
            sign_up = db.session.get(VolunteerSignUp, sign_up_id)
            _mail(sign_up.user, "task_reminder", shift=sign_up.shift)
            sent += 1
        db.session.commit()
    return sent


@dataclass(frozen=True)
class Period:
    volunteers: int
    shifts: int
    minutes: int

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass(frozen=True)
class Counts:
    month: Period
    year: Period
    open_tasks: int
    people_with_talents: int


def counts(neighbourhood_id: int, today: date | None = None) -> Counts:
    """Tellen en vertellen: who helped, how many dates were covered, how many hours were given.
    A date counts once it has ended; someone marked absent is not counted."""
    today = today or recurrence.local_today()
    month_start = recurrence.to_utc(datetime.combine(today.replace(day=1), time.min))
    year_start = recurrence.to_utc(datetime.combine(today.replace(month=1, day=1), time.min))
    return Counts(month=_period(neighbourhood_id, month_start), year=_period(neighbourhood_id, year_start),
                  open_tasks=db.session.scalar(
                      select(func.count(func.distinct(Shift.task_id))).join(Shift.task)
                      .where(Shift.neighbourhood_id == neighbourhood_id, Shift.starts_at > utcnow(),
                             Shift.is_cancelled.is_(False), Task.is_closed.is_(False))) or 0,
                  people_with_talents=db.session.scalar(select(func.count()).where(
                      TalentProfile.neighbourhood_id == neighbourhood_id,
                      TalentProfile.visibility != Visibility.HIDDEN.value)) or 0)


def _period(neighbourhood_id: int, since: datetime) -> Period:
    volunteers, shifts, minutes = db.session.execute(
        select(func.count(func.distinct(VolunteerSignUp.user_id)), func.count(func.distinct(Shift.id)),
               func.coalesce(func.sum(Task.duration_minutes), 0))
        .select_from(VolunteerSignUp).join(VolunteerSignUp.shift).join(Shift.task)
        .where(Shift.neighbourhood_id == neighbourhood_id, Shift.starts_at >= since, Shift.ends_at <= utcnow(),
               Shift.is_cancelled.is_(False), VolunteerSignUp.status == Status.CONFIRMED.value,
               VolunteerSignUp.is_absent.is_(False))).one()
    return Period(volunteers, shifts, int(minutes))


# --- mail -----------------------------------------------------------------------------------

def _mail(user: User, template: str, **context) -> None:
    task = context["shift"].task if context.get("shift") is not None else context["task"]
    slug = db.session.scalar(select(Neighbourhood.slug).where(Neighbourhood.id == task.neighbourhood_id))
    # The asker answers offers on the task's volunteers page; everyone else goes to the task.
    endpoint = "volunteering.volunteers" if template in ("task_offer", "task_withdrawn") else "volunteering.task"
    context.setdefault("task", task)
    mail_person(user, template, link=absolute_url(endpoint, slug=slug, task_id=task.id), **context)

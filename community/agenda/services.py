"""The agenda's rules: series and their dates, rooms that cannot be double-booked, sign-ups
with a waitlist that never exceeds capacity, standing sign-ups, cancellations."""
from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from flask import abort
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, lazyload, selectinload

from community.accounts.models import User
from community import recurrence
from community.agenda.models import Activity, CalendarFeed, Occurrence, SignUp, SignUpStatus, StandingSignUp
from community import capacity
from community.db import begin_write_transaction, utcnow
from community.errors import DomainError
from community.extensions import db
from community.mail.services import mail_person
from community.neighbourhoods.models import Neighbourhood, Room
from community.versions import AGENDA, mark_changed
from community.web import absolute_url

log = logging.getLogger("community.agenda")

HORIZON_DAYS = 366  # dates are kept ready a year ahead; `flask agenda extend` moves the horizon daily
ACTIVE = (SignUpStatus.CONFIRMED.value, SignUpStatus.WAITLISTED.value)


class AgendaError(DomainError):
    """A rule of the agenda was broken (capacity, rooms, dates)."""


# --- series ---------------------------------------------------------------------------------

@dataclass
class ActivityDetails:
    title: str
    description: str
    kind: str
    room_id: int | None
    organiser_id: int | None
    cost_cents: int
    needs_signup: bool
    capacity: int | None
    languages: list[str]
    first_date: date
    start_time: time
    duration_minutes: int
    pattern: str
    until_date: date | None = None

    @property
    def rrule(self) -> str:
        return recurrence.rrule_for(self.pattern, self.first_date)


def _check_details(neighbourhood: Neighbourhood, details: ActivityDetails, activity: Activity | None = None) -> None:
    _check_dates(details, activity)
    if details.room_id is not None:
        room = db.session.get(Room, details.room_id)
        if room is None or neighbourhood.house is None or room.house_id != neighbourhood.house.id:
            raise AgendaError(_l("Kies een ruimte van dit Huis van de Wijk."), "room_id")
    if details.until_date and details.until_date < details.first_date:
        raise AgendaError(_l("De einddatum ligt voor de eerste datum."), "until_date")
    if not recurrence.first_date_matches(details.pattern, details.first_date):
        raise AgendaError(_l("De eerste datum past niet bij het herhaalpatroon. Kies bijvoorbeeld echt de laatste vrijdag van de maand."), "first_date")
    if details.organiser_id is not None:
        organiser = db.session.get(User, details.organiser_id)
        if organiser is None or neighbourhood.id not in organiser.neighbourhood_ids():
            raise AgendaError(_l("De organisator moet in deze buurt wonen."), "organiser_id")


def _check_dates(details: ActivityDetails, activity: Activity | None) -> None:
    """New dates lie in the planning window; dates the series already had may stay as they are."""
    planning, until = recurrence.planning_window(), recurrence.until_window()
    if details.first_date not in planning and (activity is None or details.first_date != activity.first_date):
        raise AgendaError(planning.refusal(), "first_date")
    if (details.until_date is not None and details.until_date not in until
            and (activity is None or details.until_date != activity.until_date)):
        raise AgendaError(until.refusal(), "until_date")


def create_activity(neighbourhood: Neighbourhood, details: ActivityDetails) -> Activity:
    _check_details(neighbourhood, details)
    activity = Activity(neighbourhood_id=neighbourhood.id)
    _apply_details(activity, details)
    db.session.add(activity)
    db.session.flush()
    _refuse_room_clashes(activity, _planned_slots(activity))
    materialise(activity)
    mark_changed(neighbourhood.id, AGENDA)
    db.session.commit()
    log.info("activity created: %s in neighbourhood %s", activity.id, neighbourhood.id)
    return activity


def update_activity(activity: Activity, details: ActivityDetails) -> Activity:
    neighbourhood = db.session.get(Neighbourhood, activity.neighbourhood_id)
    _check_details(neighbourhood, details, activity)
    _apply_details(activity, details)
    db.session.flush()
    _refuse_room_clashes(activity, _planned_slots(activity))
    _replan_future_dates(activity)
    mark_changed(activity.neighbourhood_id, AGENDA)
    db.session.commit()
    return activity


def _apply_details(activity: Activity, details: ActivityDetails) -> None:
    activity.title = details.title.strip()
    activity.description = details.description.strip()
    activity.kind = details.kind
    activity.room_id = details.room_id
    activity.organiser_id = details.organiser_id
    activity.cost_cents = details.cost_cents
    activity.needs_signup = details.needs_signup
    activity.capacity = details.capacity if details.needs_signup else None
    activity.languages = ",".join(details.languages) or "nl"
    activity.first_date = details.first_date
    activity.start_time = details.start_time
    activity.duration_minutes = details.duration_minutes
    activity.rrule = details.rrule
    activity.until_date = details.until_date


def _horizon() -> date:
    return recurrence.local_today() + timedelta(days=HORIZON_DAYS)


def _planned_slots(activity: Activity, start: date | None = None) -> list[recurrence.Slot]:
    return recurrence.slots(activity.rrule, activity.first_date, activity.start_time, activity.duration_minutes,
                            start or recurrence.expansion_start(activity.first_date), _horizon(), activity.until_date)


def _refuse_room_clashes(activity: Activity, planned: list[recurrence.Slot]) -> None:
    """A room holds one activity at a time; name the first clash so it can be solved."""
    if activity.room_id is None or not planned:
        return
    others = db.session.scalars(
        select(Occurrence)
        .where(Occurrence.room_id == activity.room_id, Occurrence.activity_id != activity.id,
               Occurrence.is_cancelled.is_(False), Occurrence.starts_at < planned[-1].ends_at,
               Occurrence.ends_at > planned[0].starts_at)
        .order_by(Occurrence.starts_at)
    ).all()
    for slot in planned:
        for other in others:
            if other.starts_at < slot.ends_at and other.ends_at > slot.starts_at:
                raise AgendaError(_l(
                    "%(room)s is dan al bezet door %(title)s (%(when)s). Kies een andere ruimte of tijd.",
                    room=other.room.name if other.room else "", title=other.activity.title,
                    when=format_datetime(other.starts_at, "EEEE d MMMM HH:mm")), "room_id")


def materialise(activity: Activity, until: date | None = None) -> int:
    """Create the dates of a series up to the horizon; standing sign-ups join the new ones.
    Never from before the planning window, and at most MAX_DATES_PER_EXPANSION dates in one call
    (materialised_until then stops at the last one made, and the next call goes on from there)."""
    until = until or _horizon()
    start = (activity.materialised_until + timedelta(days=1)) if activity.materialised_until else activity.first_date
    start = recurrence.expansion_start(start)
    if start > until:
        return 0
    existing = set(db.session.scalars(
        select(Occurrence.original_starts_at).where(Occurrence.activity_id == activity.id)))
    created = []
    planned = recurrence.slots(activity.rrule, activity.first_date, activity.start_time, activity.duration_minutes,
                               start, until, activity.until_date)
    if len(planned) == recurrence.MAX_DATES_PER_EXPANSION:
        until = recurrence.to_local(planned[-1].original_starts_at).date()
    for slot in planned:
        if slot.original_starts_at in existing:
            continue
        occurrence = Occurrence(activity_id=activity.id, neighbourhood_id=activity.neighbourhood_id,
                                original_starts_at=slot.original_starts_at, starts_at=slot.starts_at,
                                ends_at=slot.ends_at, room_id=activity.room_id, capacity=activity.capacity)
        db.session.add(occurrence)
        created.append(occurrence)
    activity.materialised_until = until
    db.session.flush()
    _apply_standing_sign_ups(activity, created)
    return len(created)


def _apply_standing_sign_ups(activity: Activity, occurrences: list[Occurrence]) -> None:
    standing = db.session.scalars(select(StandingSignUp.user_id).where(StandingSignUp.activity_id == activity.id)).all()
    for occurrence in occurrences:
        for user_id in standing:
            _add_sign_up(occurrence, user_id)


def _replan_future_dates(activity: Activity) -> None:
    """After an edit: future dates follow the new plan. Dates someone signed up for stay, and
    are cancelled (with an email) only when the new plan drops them."""
    now = utcnow()
    planned = {slot.original_starts_at: slot for slot in _planned_slots(activity, recurrence.local_today())}
    future = db.session.scalars(
        select(Occurrence).where(Occurrence.activity_id == activity.id, Occurrence.starts_at >= now)).all()
    counts = _active_counts([o.id for o in future])
    for occurrence in future:
        slot = planned.pop(occurrence.original_starts_at, None)
        if slot is None:
            if counts.get(occurrence.id):
                _cancel(occurrence, _l("Het rooster is veranderd."))
            else:
                db.session.delete(occurrence)
            continue
        if not occurrence.is_changed:
            occurrence.starts_at, occurrence.ends_at, occurrence.room_id = slot.starts_at, slot.ends_at, activity.room_id
        occurrence.capacity = max(activity.capacity, occurrence.confirmed_count) if activity.capacity is not None else None
    activity.materialised_until = None
    db.session.flush()
    materialise(activity)


def _active_counts(occurrence_ids: list[int]) -> dict[int, int]:
    if not occurrence_ids:
        return {}
    rows = db.session.execute(
        select(SignUp.occurrence_id, func.count()).where(SignUp.occurrence_id.in_(occurrence_ids),
                                                         SignUp.status.in_(ACTIVE)).group_by(SignUp.occurrence_id))
    return dict(rows.all())


def set_paused(activity: Activity, paused: bool) -> None:
    activity.is_paused = paused
    mark_changed(activity.neighbourhood_id, AGENDA)
    db.session.commit()


def extend_all_series() -> int:
    """For cron: keep a year of dates ready for every series."""
    created = 0
    for activity in db.session.scalars(select(Activity).where(Activity.rrule != "")).all():
        if new_dates := materialise(activity):
            created += new_dates
            mark_changed(activity.neighbourhood_id, AGENDA)
    db.session.commit()
    return created


# --- one date -----------------------------------------------------------------------------

def change_occurrence(occurrence: Occurrence, *, new_start: datetime, duration_minutes: int, room_id: int | None,
                      note: str) -> None:
    new_day, planning = recurrence.to_local(new_start).date(), recurrence.planning_window()
    if new_day not in planning and new_day != recurrence.to_local(occurrence.starts_at).date():
        raise AgendaError(planning.refusal(), "date")
    activity = occurrence.activity
    neighbourhood = db.session.get(Neighbourhood, activity.neighbourhood_id)
    if room_id is not None:
        room = db.session.get(Room, room_id)
        if room is None or neighbourhood.house is None or room.house_id != neighbourhood.house.id:
            raise AgendaError(_l("Kies een ruimte van dit Huis van de Wijk."), "room_id")
    ends = recurrence.to_utc(recurrence.to_local(new_start).replace(tzinfo=None) + timedelta(minutes=duration_minutes))
    clash = db.session.scalar(
        select(Occurrence).where(Occurrence.room_id == room_id, Occurrence.id != occurrence.id,
                                 Occurrence.is_cancelled.is_(False), Occurrence.starts_at < ends,
                                 Occurrence.ends_at > new_start).limit(1)) if room_id else None
    if clash is not None:
        raise AgendaError(_l("%(room)s is dan al bezet door %(title)s (%(when)s). Kies een andere ruimte of tijd.",
                             room=clash.room.name if clash.room else "", title=clash.activity.title,
                             when=format_datetime(clash.starts_at, "EEEE d MMMM HH:mm")), "room_id")
    occurrence.starts_at, occurrence.ends_at, occurrence.room_id = new_start, ends, room_id
    occurrence.note = note.strip()
    occurrence.is_changed = True
    mark_changed(occurrence.neighbourhood_id, AGENDA)
    db.session.commit()


def cancel_occurrence(occurrence: Occurrence, reason: str) -> int:
    """Cancel one date; everyone signed up is told by email. Returns how many were told."""
    if occurrence.is_cancelled:
        raise AgendaError(_l("Deze activiteit was al afgelast."))
    told = _cancel(occurrence, reason)
    db.session.commit()
    return told


def _cancel(occurrence: Occurrence, reason) -> int:
    occurrence.is_cancelled = True
    occurrence.note = str(reason).strip()
    mark_changed(occurrence.neighbourhood_id, AGENDA)
    people = db.session.scalars(
        select(SignUp).where(SignUp.occurrence_id == occurrence.id, SignUp.status.in_(ACTIVE))
        .options(selectinload(SignUp.user))).all()
    for sign_up in people:
        _mail(sign_up.user, "agenda_cancelled", occurrence=occurrence, reason=occurrence.note)
    return len(people)


def restore_occurrence(occurrence: Occurrence) -> None:
    occurrence.is_cancelled = False
    occurrence.note = ""
    mark_changed(occurrence.neighbourhood_id, AGENDA)
    db.session.commit()


# --- sign-ups -----------------------------------------------------------------------------

def can_still_sign_up(occurrence: Occurrence) -> bool:
    return (occurrence.activity.needs_signup and not occurrence.is_cancelled
            and not occurrence.activity.is_paused and occurrence.starts_at > utcnow())


def sign_up_for_occurrence(occurrence_id: int, user_id: int) -> SignUp:
    """Confirmed while places last, then the waitlist. Safe under concurrency: the place is
    taken by one conditional UPDATE, and a double tap finds the sign-up it already made."""
    begin_write_transaction(db.session)
    occurrence = db.session.get(Occurrence, occurrence_id)
    if occurrence is None or not can_still_sign_up(occurrence):
        db.session.rollback()
        raise AgendaError(_l("Aanmelden kan niet (meer) voor deze activiteit."))
    existing = db.session.scalar(select(SignUp).where(SignUp.occurrence_id == occurrence_id, SignUp.user_id == user_id))
    if existing is not None and existing.status in ACTIVE:
        db.session.rollback()
        return existing
    try:
        sign_up = _add_sign_up(occurrence, user_id, existing)
        db.session.commit()
    except IntegrityError:  # the same person, at the same moment, in another request
        db.session.rollback()
        return db.session.scalar(select(SignUp).where(SignUp.occurrence_id == occurrence_id, SignUp.user_id == user_id))
    return sign_up


def _add_sign_up(occurrence: Occurrence, user_id: int, existing: SignUp | None = None) -> SignUp:
    status = SignUpStatus.CONFIRMED if capacity.take_place(Occurrence, occurrence.id) else SignUpStatus.WAITLISTED
    if existing is None:
        existing = db.session.scalar(select(SignUp).where(SignUp.occurrence_id == occurrence.id, SignUp.user_id == user_id))
    if existing is not None:
        if existing.status in ACTIVE:
            if status is SignUpStatus.CONFIRMED:
                capacity.give_back_place(Occurrence, occurrence.id)
            return existing
        existing.status, existing.created_at = status.value, utcnow()  # back of the queue
        sign_up = existing
    else:
        sign_up = SignUp(occurrence_id=occurrence.id, user_id=user_id, status=status.value)
        db.session.add(sign_up)
    db.session.flush()
    mark_changed(occurrence.neighbourhood_id, AGENDA)
    db.session.expire(occurrence, ["confirmed_count"])
    return sign_up


def cancel_sign_up(occurrence_id: int, user_id: int) -> SignUp | None:
    """Cancel; a freed place goes to the first on the waitlist, who is told by email."""
    begin_write_transaction(db.session)
    sign_up = db.session.scalar(
        select(SignUp).where(SignUp.occurrence_id == occurrence_id, SignUp.user_id == user_id).with_for_update())
    if sign_up is None or sign_up.status not in ACTIVE:
        db.session.rollback()
        return sign_up
    _cancel_active(sign_up)
    db.session.commit()
    return sign_up


def _cancel_active(sign_up: SignUp) -> None:
    """In the caller's transaction: the sign-up is cancelled, and a place it held goes to the
    first on the waitlist (whose email is queued in the same transaction)."""
    was_confirmed = sign_up.status == SignUpStatus.CONFIRMED.value
    sign_up.status = SignUpStatus.CANCELLED.value
    if was_confirmed:
        capacity.give_back_place(Occurrence, sign_up.occurrence_id)
        _promote_from_waitlist(sign_up.occurrence_id)
    mark_changed(db.session.get(Occurrence, sign_up.occurrence_id).neighbourhood_id, AGENDA)


def _promote_from_waitlist(occurrence_id: int) -> None:
    occurrence = db.session.get(Occurrence, occurrence_id)
    if occurrence.is_cancelled or occurrence.starts_at <= utcnow():
        return
    first = capacity.first_on_waitlist(SignUp.occurrence_id, occurrence_id)
    if first is None or not capacity.take_place(Occurrence, occurrence_id):
        return
    first.status = SignUpStatus.CONFIRMED.value
    db.session.flush()
    _mail(first.user, "agenda_promoted", occurrence=occurrence)


def join_series(activity: Activity, user_id: int) -> int:
    """Sign up for every coming date of a series, now and as new dates appear. One transaction:
    the standing sign-up and every date's sign-up are made together, or none is."""
    begin_write_transaction(db.session)
    try:
        db.session.execute(select(Activity.id).where(Activity.id == activity.id).with_for_update())
        db.session.refresh(activity)  # a pause at the same moment waits, or is seen
        _refuse_joining_every_time(activity)
        db.session.add(StandingSignUp(activity_id=activity.id, user_id=user_id))
        db.session.flush()
        coming = db.session.scalars(
            select(Occurrence).where(Occurrence.activity_id == activity.id, Occurrence.starts_at > utcnow(),
                                     Occurrence.is_cancelled.is_(False)).order_by(Occurrence.starts_at)).all()
        for occurrence in coming:
            _add_sign_up(occurrence, user_id)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if has_standing_sign_up(activity.id, user_id):
            return 0  # joined already, at the same moment in another request
        raise
    except BaseException:
        db.session.rollback()
        raise
    return len(coming)


def _refuse_joining_every_time(activity: Activity) -> None:
    if not activity.needs_signup:
        raise AgendaError(_l("Voor deze activiteit hoef je je niet elke week aan te melden."))
    if not activity.rrule:
        raise AgendaError(_l("%(title)s is er één keer. Meld je aan voor die datum.", title=activity.title))
    if activity.is_paused:
        raise AgendaError(_l("%(title)s is gepauzeerd. Aanmelden voor elke keer kan weer als het terug is in de "
                             "agenda.", title=activity.title))


def leave_series(activity: Activity, user_id: int) -> int:
    """Stop coming every time, in one transaction: the standing sign-up goes, every coming date
    is cancelled, and each freed place goes to the first on its waitlist (whose email is queued
    in this transaction, so it goes out only if all of it was saved). Returns the dates cancelled."""
    begin_write_transaction(db.session)
    try:
        db.session.execute(delete(StandingSignUp).where(StandingSignUp.activity_id == activity.id,
                                                        StandingSignUp.user_id == user_id))
        coming = db.session.scalars(
            select(SignUp).join(Occurrence)
            .where(Occurrence.activity_id == activity.id, Occurrence.starts_at > utcnow(), SignUp.user_id == user_id,
                   SignUp.status.in_(ACTIVE))
            .order_by(Occurrence.starts_at, Occurrence.id).with_for_update(of=SignUp)).all()
        for sign_up in coming:
            _cancel_active(sign_up)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return len(coming)


def has_standing_sign_up(activity_id: int, user_id: int) -> bool:
    return db.session.scalar(select(StandingSignUp.id).where(StandingSignUp.activity_id == activity_id,
                                                             StandingSignUp.user_id == user_id)) is not None


def waitlist_position(sign_up: SignUp) -> int | None:
    return capacity.waitlist_position(SignUp.occurrence_id, sign_up)


def participants(occurrence: Occurrence) -> list[SignUp]:
    return list(db.session.scalars(
        select(SignUp).where(SignUp.occurrence_id == occurrence.id, SignUp.status.in_(ACTIVE))
        .options(selectinload(SignUp.user)).order_by(SignUp.status, SignUp.created_at, SignUp.id)))


def set_attendance(occurrence: Occurrence, sign_up_id: int, attended: bool) -> SignUp:
    sign_up = db.session.get(SignUp, sign_up_id)
    if sign_up is None or sign_up.occurrence_id != occurrence.id:
        abort(404)
    sign_up.is_attended = attended
    db.session.commit()
    return sign_up


# --- reading the agenda -----------------------------------------------------------------------

@dataclass
class AgendaFilter:
    kind: str = ""
    free_only: bool = False
    walk_in_only: bool = False
    language: str = ""

    @property
    def is_active(self) -> bool:
        return bool(self.kind or self.free_only or self.walk_in_only or self.language)


@dataclass
class Day:
    date: date
    occurrences: list[Occurrence] = field(default_factory=list)


def occurrences_between(neighbourhood_id: int, first_day: date, days: int,
                        agenda_filter: AgendaFilter | None = None, *, include_cancelled: bool = True) -> list[Occurrence]:
    start, end = recurrence.day_bounds_utc(first_day, days)
    query = (select(Occurrence).join(Occurrence.activity)
             .options(contains_eager(Occurrence.activity).lazyload(Activity.organiser),
                      lazyload(Occurrence.activity, Activity.room))
             .where(Occurrence.neighbourhood_id == neighbourhood_id, Occurrence.starts_at >= start,
                    Occurrence.starts_at < end, Activity.is_paused.is_(False))
             .order_by(Occurrence.starts_at, Activity.title))
    if not include_cancelled:
        query = query.where(Occurrence.is_cancelled.is_(False))
    f = agenda_filter or AgendaFilter()
    if f.kind:
        query = query.where(Activity.kind == f.kind)
    if f.free_only:
        query = query.where(Activity.cost_cents == 0)
    if f.walk_in_only:
        query = query.where(Activity.needs_signup.is_(False))
    if f.language:
        query = query.where(("," + Activity.languages + ",").contains(f",{f.language},"))
    return list(db.session.scalars(query).unique())


def group_by_day(occurrences: list[Occurrence], first_day: date, days: int) -> list[Day]:
    grouped = {first_day + timedelta(days=n): Day(first_day + timedelta(days=n)) for n in range(days)}
    for occurrence in occurrences:
        local_day = recurrence.to_local(occurrence.starts_at).date()
        if local_day in grouped:
            grouped[local_day].occurrences.append(occurrence)
    return list(grouped.values())


def my_sign_ups_for(user_id: int | None, occurrence_ids: list[int]) -> dict[int, SignUp]:
    if not user_id or not occurrence_ids:
        return {}
    rows = db.session.scalars(select(SignUp).where(SignUp.user_id == user_id, SignUp.occurrence_id.in_(occurrence_ids),
                                                   SignUp.status.in_(ACTIVE)))
    return {row.occurrence_id: row for row in rows}


def my_coming_sign_ups(user_id: int, neighbourhood_id: int | None = None) -> list[SignUp]:
    query = (select(SignUp).join(SignUp.occurrence)
             .where(SignUp.user_id == user_id, SignUp.status.in_(ACTIVE),
                    Occurrence.ends_at > utcnow() - timedelta(hours=2))
             .options(selectinload(SignUp.occurrence)).order_by(Occurrence.starts_at).limit(200))
    if neighbourhood_id is not None:
        query = query.where(Occurrence.neighbourhood_id == neighbourhood_id)
    return list(db.session.scalars(query))


def occurrence_in_neighbourhood_or_404(neighbourhood: Neighbourhood, occurrence_id: int) -> Occurrence:
    occurrence = db.session.get(Occurrence, occurrence_id)
    if occurrence is None or occurrence.neighbourhood_id != neighbourhood.id:
        abort(404)
    return occurrence


def activity_in_neighbourhood_or_404(neighbourhood: Neighbourhood, activity_id: int) -> Activity:
    activity = db.session.get(Activity, activity_id)
    if activity is None or activity.neighbourhood_id != neighbourhood.id:
        abort(404)
    return activity


def next_occurrence(activity: Activity) -> Occurrence | None:
    return db.session.scalar(select(Occurrence).where(
        Occurrence.activity_id == activity.id, Occurrence.starts_at > utcnow(), Occurrence.is_cancelled.is_(False)
    ).order_by(Occurrence.starts_at).limit(1))


# --- private calendar feeds -----------------------------------------------------------------

def existing_feed_token(user: User) -> str | None:
    return db.session.scalar(select(CalendarFeed.token).where(CalendarFeed.user_id == user.id))


def feed_token_for(user: User, *, renew: bool = False) -> str:
    """The person's feed token, made on first use; renew=True revokes the old link."""
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))
    if feed is None:
        feed = CalendarFeed(user_id=user.id, token=secrets.token_urlsafe(24))
        db.session.add(feed)
    elif renew:
        feed.token = secrets.token_urlsafe(24)
        feed.created_at = utcnow()
    db.session.commit()
    return feed.token


def user_for_feed_token(token: str) -> User | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(User).join(CalendarFeed, CalendarFeed.user_id == User.id)
                             .where(CalendarFeed.token == token, User.is_deleted.is_(False)))


# --- email --------------------------------------------------------------------------------

def _mail(user: User, template: str, **context) -> None:
    occurrence = context["occurrence"]
    link = absolute_url("agenda.occurrence", slug=_slug(occurrence.neighbourhood_id), occurrence_id=occurrence.id)
    mail_person(user, template, link=link, **context)


def _slug(neighbourhood_id: int) -> str:
    return db.session.get(Neighbourhood, neighbourhood_id).slug

"""The agenda's rules: series and their dates, rooms that cannot be double-booked, and signing
up, which is the booking engine's (community.bookings) with the agenda's rules (booking_rules)."""
from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, lazyload, selectinload

from community import recurrence
from community.accounts.models import User
from community.agenda.booking_rules import AgendaError
from community.agenda.models import Activity, CalendarFeed, Occurrence
from community.bookings import planning, places
from community.bookings import services as bookings
from community.bookings.models import ACTIVE, Booking, Presence
from community.db import utcnow
from community.extensions import db
from community.images import changes as photos
from community.neighbourhoods.models import Neighbourhood, Room
from community.versions import AGENDA, mark_changed

__all__ = ["AgendaError"]  # raised by the functions here; defined beside the agenda's booking rules

log = logging.getLogger("community.agenda")


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
    photo: photos.PhotoChange = photos.PhotoChange()

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
    photos.apply_photo_change(activity, details.photo)


def _planned_slots(activity: Activity, start: date | None = None) -> list[recurrence.Slot]:
    return planning.planned_dates(activity, start)


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
                raise _room_taken(other)


def _room_taken(other: Occurrence) -> AgendaError:
    return AgendaError(_l("%(room)s is dan al bezet door %(title)s (%(when)s). Kies een andere ruimte of tijd.",
                          room=other.room.name if other.room else "", title=other.activity.title,
                          when=format_datetime(other.starts_at, "EEEE d MMMM HH:mm")), "room_id")


def materialise(activity: Activity, until: date | None = None) -> int:
    """Create the dates of a series up to the horizon (see community.bookings.planning)."""
    return len(planning.materialise(activity, until))


def _replan_future_dates(activity: Activity) -> None:
    """After an edit: future dates follow the new plan. Dates someone signed up for stay, and
    are cancelled (with an email) only when the new plan drops them."""
    now = utcnow()
    planned = {slot.original_starts_at: slot for slot in _planned_slots(activity, recurrence.local_today())}
    future = db.session.scalars(
        select(Occurrence).where(Occurrence.activity_id == activity.id, Occurrence.starts_at >= now)).all()
    counts = bookings.active_counts([o.id for o in future])
    for occurrence in future:
        slot = planned.pop(occurrence.original_starts_at, None)
        if slot is None:
            if counts.get(occurrence.id):
                bookings.cancel_slot_here(occurrence, _l("Het rooster is veranderd."))
            else:
                db.session.delete(occurrence)
            continue
        if not occurrence.is_changed:
            occurrence.starts_at, occurrence.ends_at, occurrence.room_id = slot.starts_at, slot.ends_at, activity.room_id
        occurrence.capacity = max(activity.capacity, occurrence.confirmed_count) if activity.capacity is not None else None
    activity.materialised_until = None
    db.session.flush()
    materialise(activity)


def set_paused(activity: Activity, paused: bool) -> None:
    activity.is_paused = paused
    mark_changed(activity.neighbourhood_id, AGENDA)
    db.session.commit()


def extend_all_series() -> int:
    """For cron: keep a year of dates ready for every series."""
    return planning.extend_all("activity")


# --- one date -----------------------------------------------------------------------------

def change_occurrence(occurrence: Occurrence, *, new_start: datetime, duration_minutes: int, room_id: int | None,
                      note: str) -> None:
    new_day, window = recurrence.to_local(new_start).date(), recurrence.planning_window()
    if new_day not in window and new_day != recurrence.to_local(occurrence.starts_at).date():
        raise AgendaError(window.refusal(), "date")
    neighbourhood = db.session.get(Neighbourhood, occurrence.neighbourhood_id)
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
        raise _room_taken(clash)
    occurrence.starts_at, occurrence.ends_at, occurrence.room_id = new_start, ends, room_id
    occurrence.note = note.strip()
    occurrence.is_changed = True
    mark_changed(occurrence.neighbourhood_id, AGENDA)
    db.session.commit()


def cancel_occurrence(occurrence: Occurrence, reason: str) -> int:
    """Cancel one date; everyone signed up is told by email. Returns how many were told."""
    return bookings.cancel_slot(occurrence, reason)


def restore_occurrence(occurrence: Occurrence) -> None:
    bookings.restore_slot(occurrence)


# --- signing up (the booking engine, with the agenda's rules) ----------------------------------

def can_still_sign_up(occurrence: Occurrence) -> bool:
    from community.bookings.rules import rules_for

    return rules_for(occurrence).is_open(occurrence)


def sign_up_for_occurrence(occurrence_id: int, user_id: int) -> Booking:
    """Confirmed while places last, then the waitlist; a double tap finds the sign-up it made."""
    return bookings.book(occurrence_id, user_id)


def cancel_sign_up(occurrence_id: int, user_id: int) -> Booking | None:
    """Cancel; a freed place goes to the first on the waitlist, who is told by email."""
    return bookings.cancel(occurrence_id, user_id)


def join_series(activity: Activity, user_id: int) -> int:
    """Sign up for every coming date of a series, now and as new dates appear (all or nothing)."""
    return bookings.join_every_time(activity, user_id)


def leave_series(activity: Activity, user_id: int) -> int:
    """Stop coming every time: the standing sign-up and every coming date's sign-up go together."""
    return bookings.leave_every_time(activity, user_id)


def has_standing_sign_up(activity_id: int, user_id: int) -> bool:
    return bookings.is_standing(activity_id, user_id)


def waitlist_position(sign_up: Booking) -> int | None:
    return places.waitlist_position(sign_up)


def participants(occurrence: Occurrence) -> list[Booking]:
    return bookings.bookings_by_slot([occurrence.id])[occurrence.id]


def set_attendance(occurrence: Occurrence, sign_up_id: int, attended: bool) -> Booking:
    return bookings.set_presence(occurrence, sign_up_id, Presence.PRESENT if attended else None)


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

    def as_query(self) -> dict[str, str]:
        """The filter as the agenda's query values (what the filter form sends)."""
        values = {"kind": self.kind, "language": self.language, "free": "y" if self.free_only else "",
                  "walk_in": "y" if self.walk_in_only else ""}
        return {name: value for name, value in values.items() if value}


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
    return list(db.session.scalars(filtered(query, agenda_filter)).unique())


def filtered(query, agenda_filter: AgendaFilter | None):
    """A query of dates joined with their activity, narrowed to what the filter asks for."""
    f = agenda_filter or AgendaFilter()
    if f.kind:
        query = query.where(Activity.kind == f.kind)
    if f.free_only:
        query = query.where(Activity.cost_cents == 0)
    if f.walk_in_only:
        query = query.where(Activity.needs_signup.is_(False))
    if f.language:
        query = query.where(("," + Activity.languages + ",").contains(f",{f.language},"))
    return query


def group_by_day(occurrences: list[Occurrence], first_day: date, days: int) -> list[Day]:
    grouped = {first_day + timedelta(days=n): Day(first_day + timedelta(days=n)) for n in range(days)}
    for occurrence in occurrences:
        local_day = recurrence.to_local(occurrence.starts_at).date()
        if local_day in grouped:
            grouped[local_day].occurrences.append(occurrence)
    return list(grouped.values())


def my_sign_ups_for(user_id: int | None, occurrence_ids: list[int]) -> dict[int, Booking]:
    return bookings.my_bookings_for(user_id, occurrence_ids)


def my_coming_sign_ups(user_id: int, neighbourhood_id: int | None = None) -> list[Booking]:
    query = (select(Booking).join(Occurrence, Occurrence.id == Booking.slot_id)
             .where(Booking.user_id == user_id, Booking.status.in_(ACTIVE),
                    Occurrence.ends_at > utcnow() - timedelta(hours=2))
             .options(selectinload(Booking.slot)).order_by(Occurrence.starts_at).limit(200))
    if neighbourhood_id is not None:
        query = query.where(Occurrence.neighbourhood_id == neighbourhood_id)
    return list(db.session.scalars(query))


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



"""Dates inside one window, expansions of a bounded size, and 'every time' that is all or nothing."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from dateutil.rrule import rrulestr
from sqlalchemy import delete, func, select

from community import recurrence
from community.bookings.models import Booking, StandingBooking
from community.agenda import services as agenda
from community.agenda.models import Occurrence
from community.bookings import services as engine  # its steps, to fail one halfway
from community.extensions import db
from community.mail.models import OutboxMessage
from tests.dates import day_outside
from tests.faults import FailOnCall


def count(model, **where) -> int:
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return db.session.scalar(query)


def coming(activity) -> list[Occurrence]:
    db.session.expire_all()
    return list(db.session.scalars(select(Occurrence).where(Occurrence.activity_id == activity.id,
                                                            Occurrence.starts_at > agenda.utcnow())
                                   .order_by(Occurrence.starts_at)))


def statuses(activity, user) -> set[str]:
    return set(db.session.scalars(select(Booking.status).join(Occurrence, Occurrence.id == Booking.slot_id).where(
        Occurrence.activity_id == activity.id, Booking.user_id == user.id)))


# --- 'every time' --------------------------------------------------------------------------

def test_a_paused_series_takes_no_every_time_sign_ups(make_neighbourhood, make_activity, make_user):
    neighbourhood = make_neighbourhood()
    activity = make_activity(neighbourhood, capacity=5)
    agenda.set_paused(activity, True)
    person = make_user(neighbourhood=neighbourhood)
    with pytest.raises(agenda.AgendaError) as refused:
        agenda.join_series(activity, person.id)
    assert "gepauzeerd" in refused.value.message
    assert count(StandingBooking) == 0 and count(Booking) == 0


@pytest.mark.parametrize("kind", ["walk_in", "once"])
def test_every_time_needs_a_series_that_takes_sign_ups(make_neighbourhood, make_activity, make_user, kind):
    neighbourhood = make_neighbourhood()
    activity = (make_activity(neighbourhood, needs_signup=False) if kind == "walk_in"
                else make_activity(neighbourhood, capacity=5, pattern="once"))
    with pytest.raises(agenda.AgendaError):
        agenda.join_series(activity, make_user(neighbourhood=neighbourhood).id)
    assert count(StandingBooking) == 0 and count(Booking) == 0


def test_joining_a_series_is_all_or_nothing(make_neighbourhood, make_activity, make_user, monkeypatch):
    neighbourhood = make_neighbourhood()
    activity = make_activity(neighbourhood, capacity=5)
    person = make_user(neighbourhood=neighbourhood)
    monkeypatch.setattr(engine, "add_booking", FailOnCall(engine.add_booking, fail_on=3))
    with pytest.raises(RuntimeError):
        agenda.join_series(activity, person.id)
    assert count(StandingBooking) == 0 and count(Booking) == 0
    assert all(occurrence.confirmed_count == 0 for occurrence in coming(activity))


def test_leaving_a_series_is_all_or_nothing(make_neighbourhood, make_activity, make_user, monkeypatch):
    neighbourhood = make_neighbourhood()
    activity = make_activity(neighbourhood, capacity=1)
    leaver, waiting = make_user(neighbourhood=neighbourhood), make_user(neighbourhood=neighbourhood)
    agenda.join_series(activity, leaver.id)
    agenda.join_series(activity, waiting.id)
    mail_before = count(OutboxMessage)
    monkeypatch.setattr(engine, "promote_first_waiting", FailOnCall(engine.promote_first_waiting, fail_on=3))
    with pytest.raises(RuntimeError):
        agenda.leave_series(activity, leaver.id)
    assert agenda.has_standing_sign_up(activity.id, leaver.id)
    assert statuses(activity, leaver) == {"confirmed"} and statuses(activity, waiting) == {"waitlisted"}
    assert all(occurrence.confirmed_count == 1 for occurrence in coming(activity))
    assert count(OutboxMessage) == mail_before  # no promotion mail for a promotion that was not saved


def test_leaving_a_series_cancels_every_date_and_promotes_whoever_waits(make_neighbourhood, make_activity, make_user,
                                                                       outbox):
    neighbourhood = make_neighbourhood()
    activity = make_activity(neighbourhood, capacity=1)
    leaver, waiting = make_user(neighbourhood=neighbourhood), make_user(neighbourhood=neighbourhood)
    agenda.join_series(activity, leaver.id)
    dates = agenda.join_series(activity, waiting.id)
    assert agenda.leave_series(activity, leaver.id) == dates
    assert not agenda.has_standing_sign_up(activity.id, leaver.id)
    assert statuses(activity, leaver) == {"cancelled"} and statuses(activity, waiting) == {"confirmed"}
    assert all(occurrence.confirmed_count == 1 for occurrence in coming(activity))
    assert len(outbox) == dates and {tuple(message.to) for message in outbox} == {(waiting.email,)}


def test_the_join_button_of_a_paused_series_says_why(app, client, login_as, make_neighbourhood, make_activity,
                                                      make_user):
    neighbourhood = make_neighbourhood(slug="haard")
    activity = make_activity(neighbourhood, title="Zingen", capacity=5)
    agenda.set_paused(activity, True)
    login_as(make_user(neighbourhood=neighbourhood))
    response = client.post(f"/haard/agenda/series/{activity.id}/join", data={"occurrence_id": str(2**63)},
                           follow_redirects=True)
    assert response.status_code == 200 and "gepauzeerd" in response.text
    assert count(Booking) == 0


# --- the date window ------------------------------------------------------------------------

def details(**changes) -> agenda.ActivityDetails:
    values = dict(title="Koffie", description="", kind="coffee", room_id=None, organiser_id=None, cost_cents=0,
                  needs_signup=False, capacity=None, languages=["nl"],
                  first_date=recurrence.local_today() + timedelta(days=1), start_time=time(10), duration_minutes=60,
                  pattern="weekly", until_date=None)
    return agenda.ActivityDetails(**{**values, **changes})



@pytest.mark.parametrize("field, day", [
    ("first_date", date(1, 1, 1)), ("first_date", date(9999, 12, 31)),
    ("first_date", "past_window"),
    ("first_date", "after_window"),
    ("until_date", date(9999, 12, 31)),
    ("until_date", "after_until_window"),
])
def test_a_series_is_planned_inside_the_window(make_neighbourhood, field, day):
    neighbourhood = make_neighbourhood()
    with pytest.raises(agenda.AgendaError) as refused:
        agenda.create_activity(neighbourhood, details(**{field: day_outside(day)}))
    assert refused.value.field_name == field and "Kies een datum tussen" in refused.value.message
    assert count(Occurrence) == 0


def test_the_edges_of_the_window_are_inside(make_neighbourhood):
    neighbourhood = make_neighbourhood()
    window, until = recurrence.planning_window(), recurrence.until_window()
    agenda.create_activity(neighbourhood, details(first_date=window.first, pattern="once"))
    agenda.create_activity(neighbourhood, details(first_date=window.last, pattern="once"))
    agenda.create_activity(neighbourhood, details(until_date=until.last))
    assert count(Occurrence) > 2


def test_an_old_series_can_still_be_edited_with_its_first_date(make_neighbourhood, make_activity):
    activity = make_activity(make_neighbourhood())
    activity.first_date = recurrence.local_today() - timedelta(days=3 * 366)  # entered before the window existed
    db.session.commit()
    agenda.update_activity(activity, details(title="Koffie en thee", first_date=activity.first_date,
                                             room_id=activity.room_id))
    assert activity.title == "Koffie en thee"
    assert db.session.scalar(select(func.min(Occurrence.starts_at)).where(Occurrence.activity_id == activity.id)) \
        >= recurrence.to_utc(datetime.combine(recurrence.planning_window().first, time.min))


def test_one_date_is_changed_only_inside_the_window(make_neighbourhood, make_activity):
    occurrence = coming(make_activity(make_neighbourhood()))[0]
    for far in (datetime(9999, 12, 31, 12), datetime(1, 1, 2, 12)):
        with pytest.raises(agenda.AgendaError) as refused:
            agenda.change_occurrence(occurrence, new_start=recurrence.to_utc(far), duration_minutes=60, room_id=None,
                                     note="")
        assert refused.value.field_name == "date"
        db.session.rollback()


def test_the_forms_answer_a_far_date_at_the_field(client, login_as, make_neighbourhood, make_activity, make_user):
    neighbourhood = make_neighbourhood(slug="haard")
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    response = client.post("/haard/agenda/new", data={
        "title": "Bingo", "kind": "coffee", "first_date": "0001-01-01", "start_time": "10:00",
        "duration_minutes": "60", "pattern": "weekly", "until_date": "9999-12-31"})
    assert response.status_code == 422 and "Bingo" in response.text
    assert response.text.count("Kies een datum tussen") == 2
    occurrence = coming(make_activity(neighbourhood))[0]
    response = client.post(f"/haard/agenda/{occurrence.id}/change", data={
        "date": "9999-12-31", "start_time": "23:30", "duration_minutes": "60", "room_id": ""})
    assert response.status_code == 422 and "Kies een datum tussen" in response.text
    assert count(Occurrence, is_changed=True) == 0


# --- bounded expansion ---------------------------------------------------------------------

def test_a_series_begun_long_ago_makes_dates_from_the_window_on(make_neighbourhood, make_activity):
    activity = make_activity(make_neighbourhood(), room=None)
    db.session.execute(delete(Occurrence).where(Occurrence.activity_id == activity.id))
    activity.first_date, activity.rrule = date(1, 1, 1), "FREQ=WEEKLY;BYDAY=MO"  # stored before the window existed
    activity.materialised_until = None
    created = agenda.materialise(activity)
    db.session.commit()
    window_start = recurrence.to_utc(datetime.combine(recurrence.planning_window().first, time.min))
    assert 100 <= created <= 110  # a year back and a year ahead, not 105,760 from year 1
    assert db.session.scalar(select(func.min(Occurrence.starts_at)).where(
        Occurrence.activity_id == activity.id)) >= window_start


def test_one_expansion_makes_a_bounded_number_of_dates_and_the_next_goes_on(make_neighbourhood, make_activity):
    activity = make_activity(make_neighbourhood())
    far = recurrence.local_today() + timedelta(days=20 * 366)
    assert agenda.materialise(activity, until=far) == recurrence.MAX_DATES_PER_EXPANSION
    assert activity.materialised_until < far
    assert agenda.materialise(activity, until=far) > 0
    db.session.commit()
    starts = list(db.session.scalars(select(Occurrence.original_starts_at).where(Occurrence.activity_id == activity.id)
                                     .order_by(Occurrence.original_starts_at)))
    assert all(abs(later - earlier - timedelta(days=7)) <= timedelta(hours=1)
               for earlier, later in zip(starts, starts[1:]))  # none missed, none twice


@pytest.mark.parametrize("pattern", list(recurrence.PATTERNS))
def test_moving_the_start_of_an_old_series_keeps_every_date(pattern):
    first = date(1990, 1, 5)  # a Friday, the first of the month's Fridays
    first = {"monthly_2": date(1990, 1, 12), "monthly_3": date(1990, 1, 19), "monthly_4": date(1990, 1, 26),
             "monthly_last": date(1990, 1, 26)}.get(pattern, first)
    rule = recurrence.rrule_for(pattern, first)
    window_start, window_end = date(2026, 3, 1), date(2026, 12, 31)
    quick = list(recurrence.local_starts(rule, first, time(19), window_start, window_end))
    if not rule:
        assert quick == []
        return
    walked = rrulestr(f"RRULE:{rule}", dtstart=datetime.combine(first, time(19))).between(
        datetime.combine(window_start, time.min), datetime.combine(window_end, time.max), inc=True)
    assert quick == walked and quick


@pytest.mark.parametrize("asked, expected", [
    (date(9999, 12, 31), "last"), (date(1, 1, 1), "first"), (None, "today")])
def test_the_weeks_shown_are_clamped_to_the_window(asked, expected):
    window = recurrence.week_window()
    assert window.first <= recurrence.local_today() <= window.last
    if asked is not None:
        assert window.clamp(asked) == getattr(window, expected)


def test_a_feed_leaves_out_a_series_whose_dates_python_cannot_hold(client, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    make_activity(neighbourhood, title="Koffie")
    broken = make_activity(neighbourhood, title="Ver weg", room=None)
    broken.first_date, broken.start_time, broken.duration_minutes = date(9999, 12, 31), time(23, 30), 60
    db.session.commit()
    response = client.get("/haard/agenda/feed.ics")
    assert response.status_code == 200
    assert b"Koffie" in response.data and b"Ver weg" not in response.data


@pytest.mark.parametrize("cost", ["NaN", "-sNaN", "Infinity"])
def test_a_cost_that_is_no_number_is_refused_at_the_field(client, login_as, make_neighbourhood, make_user, cost):
    neighbourhood = make_neighbourhood(slug="haard")
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    response = client.post("/haard/agenda/new", data={
        "title": "Bingo", "kind": "coffee", "first_date": (recurrence.local_today() + timedelta(days=1)).isoformat(),
        "start_time": "10:00", "duration_minutes": "60", "pattern": "once", "cost": cost})
    assert response.status_code == 422 and "Bingo" in response.text
    assert "decima" in response.text.lower()  # WTForms' own message, in the page's language
    assert count(Occurrence) == 0

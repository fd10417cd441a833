from __future__ import annotations

from datetime import time, timedelta

import pytest
from sqlalchemy import select

from community import recurrence
from community.bookings.models import Booking
from community.agenda import services as agenda
from community.agenda.models import Occurrence
from community.extensions import db


def first_occurrence(activity) -> Occurrence:
    return db.session.scalars(select(Occurrence).where(Occurrence.activity_id == activity.id)
                              .order_by(Occurrence.starts_at)).first()


def test_a_series_gets_a_year_of_dates(make_neighbourhood, make_activity):
    activity = make_activity(make_neighbourhood())
    count = db.session.query(Occurrence).filter_by(activity_id=activity.id).count()
    assert 52 <= count <= 54


def test_a_room_cannot_be_double_booked(make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood()
    tuesday = recurrence.local_today() + timedelta(days=(1 - recurrence.local_today().weekday()) % 7 or 7)
    make_activity(neighbourhood, title="Taalcafé", first_date=tuesday, start=time(10), minutes=120)
    with pytest.raises(agenda.AgendaError) as refused:
        make_activity(neighbourhood, title="Yoga", first_date=tuesday + timedelta(days=14), start=time(11), minutes=60,
                      pattern="once")
    assert "Taalcafé" in refused.value.message and "11:00" not in refused.value.message
    assert "10:00" in refused.value.message
    make_activity(neighbourhood, title="Yoga", first_date=tuesday, start=time(12), minutes=60)  # right after: fine


def test_capacity_then_waitlist_then_promotion_with_email(make_neighbourhood, make_activity, make_user, outbox):
    neighbourhood = make_neighbourhood()
    occurrence = first_occurrence(make_activity(neighbourhood, capacity=2))
    people = [make_user(neighbourhood=neighbourhood) for _ in range(4)]
    statuses = [agenda.sign_up_for_occurrence(occurrence.id, person.id).status for person in people]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    db.session.refresh(occurrence)
    assert occurrence.confirmed_count == 2 and occurrence.places_left == 0

    agenda.cancel_sign_up(occurrence.id, people[0].id)
    by_user = {s.user_id: s.status for s in db.session.scalars(select(Booking))}
    assert by_user[people[2].id] == "confirmed" and by_user[people[3].id] == "waitlisted"
    assert by_user[people[0].id] == "cancelled"
    assert len(outbox) == 1 and outbox[0].to == [people[2].email]
    db.session.refresh(occurrence)
    assert occurrence.confirmed_count == 2


def test_a_double_tap_signs_up_once(make_neighbourhood, make_activity, make_user):
    neighbourhood = make_neighbourhood()
    occurrence = first_occurrence(make_activity(neighbourhood, capacity=5))
    person = make_user(neighbourhood=neighbourhood)
    first = agenda.sign_up_for_occurrence(occurrence.id, person.id)
    again = agenda.sign_up_for_occurrence(occurrence.id, person.id)
    assert first.id == again.id
    db.session.refresh(occurrence)
    assert occurrence.confirmed_count == 1


def test_waitlisted_cancel_does_not_free_a_place(make_neighbourhood, make_activity, make_user):
    neighbourhood = make_neighbourhood()
    occurrence = first_occurrence(make_activity(neighbourhood, capacity=1))
    a, b = make_user(neighbourhood=neighbourhood), make_user(neighbourhood=neighbourhood)
    agenda.sign_up_for_occurrence(occurrence.id, a.id)
    agenda.sign_up_for_occurrence(occurrence.id, b.id)
    agenda.cancel_sign_up(occurrence.id, b.id)
    db.session.refresh(occurrence)
    assert occurrence.confirmed_count == 1


def test_standing_sign_up_covers_coming_and_new_dates(make_neighbourhood, make_activity, make_user):
    neighbourhood = make_neighbourhood()
    activity = make_activity(neighbourhood, capacity=10)
    person = make_user(neighbourhood=neighbourhood)
    count = agenda.join_series(activity, person.id)
    assert count >= 52
    activity.materialised_until = None
    before = db.session.query(Booking).filter_by(user_id=person.id).count()
    agenda.materialise(activity, until=recurrence.local_today() + timedelta(days=500))
    db.session.commit()
    assert db.session.query(Booking).filter_by(user_id=person.id).count() > before
    agenda.leave_series(activity, person.id)
    assert db.session.query(Booking).filter_by(user_id=person.id, status="confirmed").count() == 0


def test_cancelling_a_date_tells_everyone_signed_up(make_neighbourhood, make_activity, make_user, outbox):
    neighbourhood = make_neighbourhood()
    occurrence = first_occurrence(make_activity(neighbourhood, capacity=1))
    for _ in range(2):
        agenda.sign_up_for_occurrence(occurrence.id, make_user(neighbourhood=neighbourhood).id)
    assert agenda.cancel_occurrence(occurrence, "Vakantie") == 2
    assert len(outbox) == 2 and "Vakantie" in outbox[0].body
    with pytest.raises(agenda.AgendaError):
        agenda.sign_up_for_occurrence(occurrence.id, make_user(neighbourhood=neighbourhood).id)


def test_changing_one_date_checks_the_room(make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood()
    tomorrow = recurrence.local_today() + timedelta(days=1)
    koffie = make_activity(neighbourhood, title="Koffie", first_date=tomorrow, start=time(9), minutes=60, pattern="once")
    lunch = make_activity(neighbourhood, title="Lunch", first_date=tomorrow, start=time(12), minutes=60, pattern="once")
    occurrence = first_occurrence(lunch)
    with pytest.raises(agenda.AgendaError) as refused:
        agenda.change_occurrence(occurrence, new_start=first_occurrence(koffie).starts_at, duration_minutes=60,
                                 room_id=occurrence.room_id, note="")
    assert "Koffie" in refused.value.message
    db.session.rollback()
    later = occurrence.starts_at + timedelta(hours=2)
    agenda.change_occurrence(occurrence, new_start=later, duration_minutes=45, room_id=occurrence.room_id, note="Later")
    assert occurrence.is_changed and occurrence.ends_at == later + timedelta(minutes=45)


def test_editing_a_series_keeps_dates_with_sign_ups(make_neighbourhood, make_activity, make_user, outbox):
    neighbourhood = make_neighbourhood()
    activity = make_activity(neighbourhood, capacity=5)
    occurrence = first_occurrence(activity)
    agenda.sign_up_for_occurrence(occurrence.id, make_user(neighbourhood=neighbourhood).id)
    details = agenda.ActivityDetails(
        title="Koffie", description="", kind="coffee", room_id=activity.room_id, organiser_id=None, cost_cents=0,
        needs_signup=True, capacity=5, languages=["nl"], first_date=activity.first_date + timedelta(days=1),
        start_time=time(10), duration_minutes=60, pattern="weekly")
    agenda.update_activity(activity, details)
    db.session.refresh(occurrence)
    assert occurrence.is_cancelled and len(outbox) == 1  # the old date is gone from the plan
    assert db.session.query(Occurrence).filter_by(activity_id=activity.id, is_cancelled=False).count() >= 52


def test_filters_and_pause(make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood()
    today = recurrence.local_today()
    make_activity(neighbourhood, title="Koffie", kind="coffee", first_date=today, start=time(9), minutes=30, pattern="once")
    paid = make_activity(neighbourhood, title="Lunch", kind="lunch", cost_cents=350, capacity=10, first_date=today,
                         start=time(12), minutes=30, pattern="once", languages=("nl", "ar"))
    week = recurrence.week_start(today)

    def titles(**kwargs):
        return [o.activity.title for o in agenda.occurrences_between(neighbourhood.id, week, 7, agenda.AgendaFilter(**kwargs))]

    assert titles() == ["Koffie", "Lunch"]
    assert titles(kind="lunch") == ["Lunch"]
    assert titles(free_only=True) == ["Koffie"]
    assert titles(walk_in_only=True) == ["Koffie"]
    assert titles(language="ar") == ["Lunch"]
    agenda.set_paused(paid, True)
    assert titles() == ["Koffie"]


def test_the_extend_command_adds_dates_once(app, make_neighbourhood, make_activity):
    activity = make_activity(make_neighbourhood())
    activity.materialised_until = recurrence.local_today()  # as if the horizon had fallen behind
    db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["agenda", "extend"])
    again = runner.invoke(args=["agenda", "extend"])
    assert first.exit_code == again.exit_code == 0
    assert again.output.startswith("0 new dates")
    count = db.session.query(Occurrence).filter_by(activity_id=activity.id).count()
    assert 52 <= count <= 54


def test_descriptions_are_escaped(client, make_neighbourhood, make_activity):
    neighbourhood = make_neighbourhood(slug="haard")
    activity = make_activity(neighbourhood, title="<script>alert(1)</script>")
    activity.description = "<img src=x onerror=alert(1)>\nregel twee"
    db.session.commit()
    page = client.get(f"/haard/agenda/{first_occurrence(activity).id}")
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text
    assert "<img src=x" not in page.text and "regel twee" in page.text

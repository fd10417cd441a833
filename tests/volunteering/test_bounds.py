"""Task dates inside the window, bounded expansions, and 'every time' that is all or nothing."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from community import recurrence
from community.bookings.models import Booking, StandingBooking
from community.bookings import services as engine  # its steps, to fail one halfway
from community.extensions import db
from community.mail.models import OutboxMessage
from community.volunteering import services as volunteering
from community.volunteering.models import Shift
from tests.dates import day_outside
from tests.faults import FailOnCall


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def statuses(task, user) -> set[str]:
    return set(db.session.scalars(select(Booking.status).join(Shift, Shift.id == Booking.slot_id).where(
        Shift.task_id == task.id, Booking.user_id == user.id)))


def coming_places(task) -> list[int]:
    db.session.expire_all()
    return list(db.session.scalars(select(Shift.confirmed_count).where(Shift.task_id == task.id,
                                                                       Shift.starts_at > volunteering.utcnow())))


def test_joining_every_time_is_all_or_nothing(make_neighbourhood, make_task, make_user, monkeypatch):
    neighbourhood = make_neighbourhood()
    task = make_task(neighbourhood, pattern="weekly")
    person = make_user(neighbourhood=neighbourhood)
    monkeypatch.setattr(engine, "add_booking", FailOnCall(engine.add_booking, fail_on=3))
    with pytest.raises(RuntimeError):
        volunteering.join_every_time(task, person.id)
    assert count(StandingBooking) == 0 and count(Booking) == 0
    assert set(coming_places(task)) == {0}


def test_leaving_every_time_is_all_or_nothing(make_neighbourhood, make_task, make_user, monkeypatch):
    neighbourhood = make_neighbourhood()
    task = make_task(neighbourhood, pattern="weekly", people=1)
    leaver, waiting = make_user(neighbourhood=neighbourhood), make_user(neighbourhood=neighbourhood)
    volunteering.join_every_time(task, leaver.id)
    volunteering.join_every_time(task, waiting.id)
    mail_before = count(OutboxMessage)
    monkeypatch.setattr(engine, "promote_first_waiting",
                        FailOnCall(engine.promote_first_waiting, fail_on=3))
    with pytest.raises(RuntimeError):
        volunteering.leave_every_time(task, leaver.id)
    assert volunteering.is_standing(task.id, leaver.id)
    assert statuses(task, leaver) == {"confirmed"} and statuses(task, waiting) == {"waitlisted"}
    assert set(coming_places(task)) == {1}
    assert count(OutboxMessage) == mail_before


def test_leaving_every_time_frees_every_date_for_whoever_waits(make_neighbourhood, make_task, make_user, outbox):
    neighbourhood = make_neighbourhood()
    task = make_task(neighbourhood, pattern="weekly", people=1)
    leaver, waiting = make_user(neighbourhood=neighbourhood), make_user(neighbourhood=neighbourhood)
    volunteering.join_every_time(task, leaver.id)
    dates = volunteering.join_every_time(task, waiting.id)
    assert volunteering.leave_every_time(task, leaver.id) == dates
    assert not volunteering.is_standing(task.id, leaver.id)
    assert statuses(task, leaver) == {"cancelled"} and statuses(task, waiting) == {"confirmed"}
    assert len(outbox) == dates and {tuple(message.to) for message in outbox} == {(waiting.email,)}


def test_a_closed_task_takes_no_every_time_sign_ups(make_neighbourhood, make_task, make_user):
    neighbourhood = make_neighbourhood()
    task = make_task(neighbourhood, pattern="weekly")
    volunteering.close_task(task, "")
    with pytest.raises(volunteering.VolunteeringError):
        volunteering.join_every_time(task, make_user(neighbourhood=neighbourhood).id)
    assert count(StandingBooking) == 0



@pytest.mark.parametrize("field, day", [
    ("first_date", date(9999, 12, 31)),
    ("first_date", "after_window"),
    ("until_date", date(9999, 12, 31)),
])
def test_a_task_is_planned_inside_the_window(make_neighbourhood, make_user, field, day):
    from datetime import time

    neighbourhood = make_neighbourhood()
    values = {"first_date": recurrence.local_today() + timedelta(days=1), "until_date": None, field: day_outside(day)}
    with pytest.raises(volunteering.VolunteeringError) as refused:
        volunteering.post_task(neighbourhood, volunteering.TaskDetails(
            "Bardienst", "", [], 1, "", values["first_date"], time(14), 60, pattern="weekly",
            until_date=values["until_date"]), posted_by=make_user(role="coordinator", neighbourhood=neighbourhood))
    assert refused.value.field_name == field
    assert count(Shift) == 0


def test_one_expansion_of_a_task_is_bounded(make_neighbourhood, make_task):
    task = make_task(make_neighbourhood(), pattern="weekly")
    far = recurrence.local_today() + timedelta(days=20 * 366)
    assert volunteering.materialise(task, until=far) == recurrence.MAX_DATES_PER_EXPANSION
    assert task.materialised_until < far
    assert volunteering.materialise(task, until=far) > 0


def test_the_task_form_answers_a_far_date_at_the_field(client, login_as, make_neighbourhood, make_user):
    neighbourhood = make_neighbourhood(slug="haard")
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    response = client.post("/haard/tasks/new", data={
        "title": "Bardienst", "people_needed": "2", "pattern": "weekly", "first_date": "9999-12-31",
        "start_time": "23:30", "duration_minutes": "720", "until_date": "9999-12-31"})
    assert response.status_code == 422 and "Bardienst" in response.text
    assert response.text.count("Kies een datum tussen") == 2
    response = client.get(f"/haard/tasks/new?need={2**63}")
    assert response.status_code in (200, 404)
    assert count(Shift) == 0

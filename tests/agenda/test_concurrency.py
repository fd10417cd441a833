"""N people tap 'sign up' at the same moment for M places: exactly M get one, the rest wait.
Real threads, each with its own app context and database connection, on SQLite and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import func, select

from community.bookings.models import Booking
from community.agenda import services as agenda
from community.agenda.models import Occurrence
from community.extensions import db
from tests.agenda.test_sign_ups import first_occurrence
from tests.concurrency import run_at_once

PEOPLE, PLACES = 12, 5


def test_concurrent_sign_ups_never_exceed_capacity(app, make_neighbourhood, make_activity, make_user):
    neighbourhood = make_neighbourhood()
    occurrence_id = first_occurrence(make_activity(neighbourhood, capacity=PLACES)).id
    user_ids = [make_user(neighbourhood=neighbourhood).id for _ in range(PEOPLE)]
    db.session.commit()
    results = []

    def tap(user_id: int) -> None:
        results.append(agenda.sign_up_for_occurrence(occurrence_id, user_id).status)
        agenda.sign_up_for_occurrence(occurrence_id, user_id)  # and a double tap straight after

    assert run_at_once(app, tap, user_ids) == []
    assert sorted(results).count("confirmed") == PLACES
    assert sorted(results).count("waitlisted") == PEOPLE - PLACES
    db.session.expire_all()
    assert db.session.get(Occurrence, occurrence_id).confirmed_count == PLACES
    rows = db.session.execute(select(Booking.status, func.count()).where(Booking.slot_id == occurrence_id)
                              .group_by(Booking.status)).all()
    assert dict(rows) == {"confirmed": PLACES, "waitlisted": PEOPLE - PLACES}


def test_concurrent_cancellations_promote_each_waiting_person_once(app, make_neighbourhood, make_activity, make_user):
    neighbourhood = make_neighbourhood()
    occurrence_id = first_occurrence(make_activity(neighbourhood, capacity=3)).id
    people = [make_user(neighbourhood=neighbourhood).id for _ in range(6)]
    for user_id in people:
        agenda.sign_up_for_occurrence(occurrence_id, user_id)
    db.session.commit()
    assert run_at_once(app, lambda user_id: agenda.cancel_sign_up(occurrence_id, user_id), people[:3]) == []
    db.session.expire_all()
    statuses = dict(db.session.execute(select(Booking.user_id, Booking.status).where(Booking.slot_id == occurrence_id)).all())
    assert [statuses[user_id] for user_id in people[3:]] == ["confirmed"] * 3
    assert db.session.get(Occurrence, occurrence_id).confirmed_count == 3

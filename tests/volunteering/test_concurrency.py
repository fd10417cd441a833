"""Volunteers tapping at the same moment: places are never exceeded, on SQLite and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import func, select

from community.bookings.models import Booking
from community.extensions import db
from community.volunteering import services as volunteering
from community.volunteering.models import Shift
from tests.concurrency import run_at_once
from tests.volunteering.test_services import shifts_of

PEOPLE, PLACES = 12, 5


def test_concurrent_volunteers_never_exceed_the_places(app, make_neighbourhood, make_task, make_user):
    neighbourhood = make_neighbourhood()
    shift_id = shifts_of(make_task(neighbourhood, people=PLACES))[0].id
    user_ids = [make_user(neighbourhood=neighbourhood).id for _ in range(PEOPLE)]
    db.session.commit()

    def tap(user_id: int) -> None:
        volunteering.volunteer_for_shift(shift_id, user_id)
        volunteering.volunteer_for_shift(shift_id, user_id)  # and a double tap straight after

    assert run_at_once(app, tap, user_ids) == []
    db.session.expire_all()
    assert db.session.get(Shift, shift_id).confirmed_count == PLACES
    rows = db.session.execute(select(Booking.status, func.count()).where(Booking.slot_id == shift_id)
                              .group_by(Booking.status)).all()
    assert dict(rows) == {"confirmed": PLACES, "waitlisted": PEOPLE - PLACES}


def test_saying_yes_to_many_offers_at_once_gives_only_the_places_asked_for(app, make_neighbourhood, make_task,
                                                                          make_user):
    neighbourhood = make_neighbourhood()
    asker = make_user(neighbourhood=neighbourhood)
    shift_id = shifts_of(make_task(neighbourhood, request=True, people=2, posted_by=asker))[0].id
    offers = {}
    for _ in range(6):
        helper = make_user(neighbourhood=neighbourhood)
        offers[helper.id] = volunteering.volunteer_for_shift(shift_id, helper.id).id
    db.session.commit()
    refused = []

    def accept(helper_id: int) -> None:
        shift = db.session.get(Shift, shift_id)
        try:
            volunteering.answer_offer(shift, offers[helper_id], accept=True)
        except volunteering.VolunteeringError:
            refused.append(helper_id)

    assert run_at_once(app, accept, list(offers)) == []
    db.session.expire_all()
    assert db.session.get(Shift, shift_id).confirmed_count == 2 and len(refused) == 4
    confirmed = db.session.scalar(select(func.count()).where(Booking.slot_id == shift_id,
                                                             Booking.status == "confirmed"))
    assert confirmed == 2

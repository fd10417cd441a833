"""The demo's past: the dates of the last months that needed a sign-up were visited, as the attendance
lists of a real house would say (most who came were ticked off; some lists were not kept). The agenda's
list only ticks off who was there, so no one is marked absent."""
from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert, select, update

from community.accounts.models import User
from community.agenda.models import Activity, Occurrence
from community.bookings.models import Booking, Presence, Slot, Status
from community.db import utcnow
from community.extensions import db
from community.neighbourhoods.models import Membership, Neighbourhood

UNMARKED_SHARE = 0.15


def visits_of_past_dates(neighbourhood: Neighbourhood) -> None:
    rng = random.Random(f"history-{neighbourhood.slug}")
    residents = list(db.session.scalars(select(User.id).join(Membership).where(
        Membership.neighbourhood_id == neighbourhood.id, Membership.role == "resident").order_by(User.id)))
    past = db.session.scalars(
        select(Occurrence).join(Activity, Activity.id == Occurrence.activity_id)
        .where(Occurrence.neighbourhood_id == neighbourhood.id, Occurrence.ends_at <= utcnow(),
               Occurrence.is_cancelled.is_(False), Activity.needs_signup.is_(True))
        .order_by(Occurrence.starts_at)).all()
    for occurrence in past:
        places = occurrence.capacity or 12
        came = rng.sample(residents, min(len(residents), rng.randint(max(1, places // 4), max(2, places * 2 // 3))))
        if not came:
            continue
        signed_up_at = occurrence.starts_at - timedelta(days=3)
        db.session.execute(insert(Booking), [
            {"slot_id": occurrence.id, "user_id": user_id, "status": Status.CONFIRMED.value,
             "presence": None if rng.random() < UNMARKED_SHARE else Presence.PRESENT.value,
             "created_at": signed_up_at, "updated_at": occurrence.ends_at} for user_id in came])
        db.session.execute(update(Slot).where(Slot.id == occurrence.id).values(confirmed_count=len(came)))
    db.session.commit()

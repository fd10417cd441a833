"""'Hoe was het?' after an activity: one tap on one of three faces, by someone who came, in the two
weeks after it ended; skipping is simply not tapping. Only the monthly average over at least five
answers is ever shown (a figure in community.numbers); never who answered what."""
from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.exc import IntegrityError

from community.agenda.models import Activity, Occurrence
from community.bookings.models import Booking, Presence, Status
from community.db import utcnow
from community.errors import DomainError
from community.extensions import db
from community.stories.models import WellbeingAnswer
from community.versions import NUMBERS, mark_changed

ASK_FOR = timedelta(days=14)
FACES = {1: _l("Niet fijn"), 2: _l("Gaat wel"), 3: _l("Fijn")}


class WellbeingError(DomainError):
    pass


def _came(user_id: int):
    return and_(Booking.user_id == user_id, Booking.status == Status.CONFIRMED.value,
                or_(Booking.presence.is_(None), Booking.presence != Presence.ABSENT.value))


def may_answer(occurrence: Occurrence, user_id: int) -> bool:
    now = utcnow()
    if not (occurrence.ends_at <= now < occurrence.ends_at + ASK_FOR) or occurrence.is_cancelled:
        return False
    return bool(db.session.scalar(select(exists().where(Booking.slot_id == occurrence.id, _came(user_id)))))


def answer(occurrence: Occurrence, user_id: int, score: int) -> None:
    """Record one answer; a second tap on the same date changes nothing."""
    if score not in FACES:
        raise WellbeingError(_l("Kies een van de drie gezichtjes."))
    if not may_answer(occurrence, user_id):
        raise WellbeingError(_l("Dit kun je alleen vragen na een activiteit waar je was."))
    db.session.add(WellbeingAnswer(neighbourhood_id=occurrence.neighbourhood_id, slot_id=occurrence.id,
                                   user_id=user_id, score=score))
    mark_changed(occurrence.neighbourhood_id, NUMBERS)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()


def question_for(neighbourhood_id: int, user_id: int) -> Occurrence | None:
    """The latest date here this person came to, ended in the last two weeks, not yet answered."""
    now = utcnow()
    answered = select(WellbeingAnswer.id).where(WellbeingAnswer.slot_id == Occurrence.id,
                                                WellbeingAnswer.user_id == user_id).exists()
    return db.session.scalar(
        select(Occurrence).join(Activity, Activity.id == Occurrence.activity_id)
        .join(Booking, Booking.slot_id == Occurrence.id)
        .where(Occurrence.neighbourhood_id == neighbourhood_id, Occurrence.ends_at <= now,
               Occurrence.ends_at > now - ASK_FOR, Occurrence.is_cancelled.is_(False), _came(user_id), ~answered)
        .order_by(Occurrence.ends_at.desc()).limit(1))

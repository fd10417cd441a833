"""Places that run out (an activity's seats, a shift's volunteers), and the waitlist in front.

A place is taken by one conditional UPDATE, so capacity holds under concurrency on SQLite
and PostgreSQL alike: never read-then-write in Python. `model` is a mapped class with
`id`, `capacity` (None: no limit) and `confirmed_count` columns. The waitlist functions take a
sign-up column (`slot_column`: which date it is for) and read its `status`, `created_at`, `id`.
"""
from __future__ import annotations

from sqlalchemy import and_, func, or_, select, update

from community.extensions import db


def take_place(model, row_id: int) -> bool:
    """Take one place if there is one left; True when it was taken."""
    result = db.session.execute(
        update(model)
        .where(model.id == row_id, or_(model.capacity.is_(None), model.confirmed_count < model.capacity))
        .values(confirmed_count=model.confirmed_count + 1)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def give_back_place(model, row_id: int) -> None:
    db.session.execute(
        update(model).where(model.id == row_id, model.confirmed_count > 0)
        .values(confirmed_count=model.confirmed_count - 1).execution_options(synchronize_session=False))


WAITLISTED = "waitlisted"


def waitlist_position(slot_column, sign_up) -> int | None:
    """1 for the first in line; None when the sign-up is not waiting."""
    if sign_up.status != WAITLISTED:
        return None
    model = slot_column.class_
    ahead = db.session.scalar(select(func.count()).where(
        slot_column == getattr(sign_up, slot_column.key), model.status == WAITLISTED,
        or_(model.created_at < sign_up.created_at, and_(model.created_at == sign_up.created_at, model.id < sign_up.id))))
    return (ahead or 0) + 1


def waitlist_positions(slot_column, sign_ups) -> dict[int, int]:
    """{slot id: place in line} for one person's waiting sign-ups on many dates, in one query."""
    waiting = {getattr(sign_up, slot_column.key): sign_up.id for sign_up in sign_ups if sign_up.status == WAITLISTED}
    if not waiting:
        return {}
    model = slot_column.class_
    queue = db.session.execute(select(slot_column, model.id).where(slot_column.in_(waiting), model.status == WAITLISTED)
                               .order_by(slot_column, model.created_at, model.id))
    positions, counted = {}, {}
    for slot_id, sign_up_id in queue:
        counted[slot_id] = counted.get(slot_id, 0) + 1
        if waiting[slot_id] == sign_up_id:
            positions[slot_id] = counted[slot_id]
    return positions


def first_on_waitlist(slot_column, slot_id: int):
    """The first in line for a date, locked (others skip it) so two freed places go to two people."""
    model = slot_column.class_
    return db.session.scalar(
        select(model).where(slot_column == slot_id, model.status == WAITLISTED)
        .order_by(model.created_at, model.id).limit(1).with_for_update(skip_locked=True))

"""Places that run out (an activity's seats, a shift's volunteers).

A place is taken by one conditional UPDATE, so capacity holds under concurrency on SQLite
and PostgreSQL alike: never read-then-write in Python. `model` is a mapped class with
`id`, `capacity` (None: no limit) and `confirmed_count` columns.
"""
from __future__ import annotations

from sqlalchemy import or_, update

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

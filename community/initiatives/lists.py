"""What the neighbourhood sees of its initiatives: the published list, one's own, the
coordinator's queue, and the year's counts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from community.extensions import db
from community.initiatives.models import Initiative, Need, State, Support
from community.recurrence import TIMEZONE

SORTS = ("newest", "supported")


def published(neighbourhood_id: int, *, sort: str = "newest", need_kind: str = "", limit: int = 100) -> list[Initiative]:
    query = select(Initiative).where(
        Initiative.neighbourhood_id == neighbourhood_id, Initiative.is_hidden.is_(False),
        Initiative.state.in_([State.PUBLISHED.value, State.DONE.value]))
    if need_kind:
        query = query.where(Initiative.needs.any(Need.kind == need_kind))
    order = (Initiative.support_count.desc(), Initiative.published_at.desc()) if sort == "supported" \
        else (Initiative.published_at.desc(),)
    return list(db.session.scalars(query.order_by(*order, Initiative.id.desc()).limit(limit)))


def mine(neighbourhood_id: int, user_id: int) -> list[Initiative]:
    return list(db.session.scalars(select(Initiative).where(Initiative.neighbourhood_id == neighbourhood_id,
                                                            Initiative.proposer_id == user_id)
                                   .order_by(Initiative.updated_at.desc()).limit(100)))


def queue(neighbourhood_id: int) -> list[Initiative]:
    """Submitted initiatives waiting for the coordinator, oldest first."""
    return list(db.session.scalars(select(Initiative).where(Initiative.neighbourhood_id == neighbourhood_id,
                                                            Initiative.state == State.SUBMITTED.value)
                                   .order_by(Initiative.submitted_at, Initiative.id)))


def queue_count(neighbourhood_id: int) -> int:
    return db.session.scalar(select(func.count(Initiative.id)).where(
        Initiative.neighbourhood_id == neighbourhood_id, Initiative.state == State.SUBMITTED.value)) or 0


@dataclass
class Counts:
    proposed: int
    published: int
    done_this_year: int
    supporters: int
    needs_met: int


def counts(neighbourhood_id: int, year: int) -> Counts:
    start = datetime(year, 1, 1, tzinfo=TIMEZONE)
    in_neighbourhood = Initiative.neighbourhood_id == neighbourhood_id
    proposed = db.session.scalar(select(func.count(Initiative.id)).where(in_neighbourhood, Initiative.state != State.DRAFT.value))
    published_count = db.session.scalar(select(func.count(Initiative.id)).where(
        in_neighbourhood, Initiative.state.in_([State.PUBLISHED.value, State.DONE.value, State.STOPPED.value])))
    done = db.session.scalar(select(func.count(Initiative.id)).where(
        in_neighbourhood, Initiative.state == State.DONE.value, Initiative.finished_at >= start))
    supporters = db.session.scalar(select(func.count(func.distinct(Support.user_id))).join(Initiative).where(in_neighbourhood))
    needs_met = db.session.scalar(select(func.count(Need.id)).join(Initiative).where(in_neighbourhood, Need.is_met.is_(True)))
    return Counts(proposed or 0, published_count or 0, done or 0, supporters or 0, needs_met or 0)

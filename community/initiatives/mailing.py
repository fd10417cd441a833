"""Mail about initiatives: to the initiator and coordinators as steps are taken, and the daily
mail to supporters (news) and to coordinators who chose a summary of submissions."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from community.accounts.models import User
from community.db import begin_write_transaction, utcnow
from community.extensions import db
from community.initiatives.models import Initiative, ModerationPreference, Post, State, StateChange, Support
from community.mail.services import mail_person
from community.neighbourhoods.models import Membership, Neighbourhood, Role
from community.web import absolute_url


def tell(user: User, template: str, **context) -> None:
    initiative = context["initiative"]
    slug = db.session.get(Neighbourhood, initiative.neighbourhood_id).slug
    link = absolute_url("initiatives.detail", slug=slug, initiative_id=initiative.id)
    mail_person(user, template, link=link, **context)


def tell_about_transition(initiative: Initiative, action: str, reason: str) -> None:
    if action in ("publish", "request_changes", "decline") and initiative.proposer is not None:
        tell(initiative.proposer, f"initiative_{action}", initiative=initiative, reason=reason)
    if action == "submit":
        resubmitted = _times_submitted(initiative.id) > 1
        for coordinator in _coordinators_wanting_each_submission(initiative.neighbourhood_id):
            tell(coordinator, "initiative_submitted", initiative=initiative, resubmitted=resubmitted)


def _times_submitted(initiative_id: int) -> int:
    """How often the history says it was sent in, this time included (the session flushes it first)."""
    return db.session.scalar(select(func.count(StateChange.id)).where(
        StateChange.initiative_id == initiative_id, StateChange.to_state == State.SUBMITTED.value)) or 0


def _coordinators(neighbourhood_id: int) -> list[User]:
    return list(db.session.scalars(select(User).join(Membership).where(
        Membership.neighbourhood_id == neighbourhood_id, Membership.role == Role.COORDINATOR.value,
        User.is_deleted.is_(False))))


def _coordinators_wanting_each_submission(neighbourhood_id: int) -> list[User]:
    daily = set(db.session.scalars(select(ModerationPreference.user_id).where(
        ModerationPreference.neighbourhood_id == neighbourhood_id, ModerationPreference.wants_daily_summary.is_(True))))
    return [user for user in _coordinators(neighbourhood_id) if user.id not in daily]


def wants_daily_summary(user_id: int, neighbourhood_id: int) -> bool:
    return bool(db.session.scalar(select(ModerationPreference.wants_daily_summary).where(
        ModerationPreference.user_id == user_id, ModerationPreference.neighbourhood_id == neighbourhood_id)))


def set_daily_summary(user_id: int, neighbourhood_id: int, daily: bool) -> None:
    preference = db.session.scalar(select(ModerationPreference).where(
        ModerationPreference.user_id == user_id, ModerationPreference.neighbourhood_id == neighbourhood_id))
    if preference is None:
        preference = ModerationPreference(user_id=user_id, neighbourhood_id=neighbourhood_id)
        db.session.add(preference)
    preference.wants_daily_summary = daily
    db.session.commit()


def send_daily_mail(now: datetime | None = None) -> tuple[int, int]:
    """For cron, once a day: supporters hear of new updates, coordinators who chose a summary
    hear of new submissions. Each support and each preference is claimed by a conditional UPDATE
    of its 'told until' moment, in the transaction that queues its email: a second run (or a second
    host) at the same time finds nothing left to claim. Returns (supporters, coordinators)."""
    now = now or utcnow()
    due_supports = db.session.scalars(select(Support.id).where(Support.notified_until < now - timedelta(hours=23))).all()
    due_preferences = db.session.scalars(select(ModerationPreference.id).where(
        ModerationPreference.wants_daily_summary.is_(True))).all()
    db.session.commit()
    told_supporters = sum(_tell_supporter(support_id, now) for support_id in due_supports)
    told_coordinators = sum(_tell_coordinator(preference_id, now) for preference_id in due_preferences)
    return told_supporters, told_coordinators


def _claim(model, row_id: int, column, due_before: datetime, now: datetime):
    """In a write transaction: the row and the moment it was told until, once this run has moved
    `column` on to `now`; None (rolled back) when the row is gone, not due, or another run was first."""
    begin_write_transaction(db.session)
    row = db.session.get(model, row_id)
    seen = getattr(row, column.key) if row is not None else None
    if row is None or seen >= due_before or not _claimed(model, row_id, column, seen, now):
        db.session.rollback()
        return None
    return row, seen


def _tell_supporter(support_id: int, now: datetime) -> int:
    claimed = _claim(Support, support_id, Support.notified_until, now - timedelta(hours=23), now)
    if claimed is None:
        return 0
    support, since = claimed
    initiative = db.session.get(Initiative, support.initiative_id)
    news = db.session.scalars(select(Post).where(
        Post.initiative_id == support.initiative_id, Post.is_update.is_(True), Post.is_hidden.is_(False),
        Post.created_at > since, Post.created_at <= now).order_by(Post.created_at)).all()
    told = bool(news) and not initiative.is_hidden and support.user_id != initiative.proposer_id
    if told:
        tell(db.session.get(User, support.user_id), "initiative_updates", initiative=initiative, updates=news)
    db.session.commit()
    return int(told)


def _tell_coordinator(preference_id: int, now: datetime) -> int:
    claimed = _claim(ModerationPreference, preference_id, ModerationPreference.summarised_until, now, now)
    if claimed is None:
        return 0
    preference, since = claimed
    waiting = db.session.scalars(select(Initiative).where(
        Initiative.neighbourhood_id == preference.neighbourhood_id, Initiative.state == State.SUBMITTED.value,
        Initiative.submitted_at > since, Initiative.submitted_at <= now)).all()
    if waiting:
        tell(db.session.get(User, preference.user_id), "initiative_summary", initiative=waiting[0],
             initiatives=waiting)
    db.session.commit()
    return int(bool(waiting))


def _claimed(model, row_id: int, column, seen: datetime, now: datetime) -> bool:
    """Move `column` from the value this run saw to `now`; False when another run moved it first."""
    return db.session.execute(update(model).where(model.id == row_id, column == seen).values({column.key: now})
                              .execution_options(synchronize_session=False)).rowcount == 1

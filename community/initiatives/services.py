"""Initiatives: a resident proposes (Wat willen we? Wat kunnen we zelf? Wat hebben we nodig?),
the buurtregisseur helps it through, neighbours support and join, the initiator reports back.

The state machine lives here: every transition is checked, and writes its history row (and,
for moderation, an audit row) in the same transaction."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import abort, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from community.accounts.models import User
from community.recurrence import TIMEZONE
from community.db import begin_write_transaction, utcnow
from community.errors import DomainError, within_length
from community.extensions import db
from community.images import services as images
from community.initiatives.models import (CAN_DO_MAX, CONTRIBUTION_MESSAGE_MAX, INITIATIVE_TITLE_MAX, NEED_DESCRIPTION_MAX,
                                          POST_BODY_MAX, RESULT_MAX, WANT_MAX, Contribution, Initiative,
                                          ModerationPreference, Need, NeedKind, Post, State, StateChange, Support)
from community.moderation.models import REASON_MAX
from community.mail.services import mail_person
from community.moderation import services as moderation
from community.neighbourhoods.models import Membership, Neighbourhood, Role
from community.versions import INITIATIVES, mark_changed
from community.permissions import can
from community.web import absolute_url

log = logging.getLogger("community.initiatives")


class InitiativeError(DomainError):
    """A rule of initiatives was broken (a step that cannot be taken now)."""


# action: (allowed from, to, who: "proposer" | "coordinator" | "runner", reason required, audited)
TRANSITIONS = {
    "submit": ({State.DRAFT, State.CHANGES_REQUESTED}, State.SUBMITTED, "proposer", False, False),
    "publish": ({State.SUBMITTED}, State.PUBLISHED, "coordinator", False, True),
    "request_changes": ({State.SUBMITTED}, State.CHANGES_REQUESTED, "coordinator", True, True),
    "decline": ({State.SUBMITTED}, State.DECLINED, "coordinator", True, True),
    "finish": ({State.PUBLISHED}, State.DONE, "runner", True, False),
    "stop": ({State.PUBLISHED}, State.STOPPED, "runner", False, False),
}

# Ready-made reasons a coordinator can pick and then edit (translated at request time).
REASON_TEMPLATES = {
    "request_changes": [
        _l("Mooi plan! Kun je iets meer vertellen over wat jullie zelf gaan doen?"),
        _l("Kun je erbij zetten wanneer en waar het moet gebeuren?"),
        _l("Kun je de dingen die jullie nodig hebben wat preciezer maken?"),
    ],
    "decline": [
        _l("Dit hoort niet bij deze buurt. Kijk of er een buurt is waar het wel past."),
        _l("Dit is geen bewonersinitiatief maar een vraag voor de gemeente. We helpen je die te stellen."),
        _l("Er is al een initiatief dat hetzelfde wil. Doe daar mee!"),
    ],
}


def transition(initiative: Initiative, action: str, actor: User, reason: str = "") -> None:
    if action not in TRANSITIONS:
        raise InitiativeError(_l("Deze stap bestaat niet."))
    allowed_from, to_state, who, needs_reason, audited = TRANSITIONS[action]
    current = State(initiative.state)
    if current not in allowed_from:
        raise InitiativeError(_l("Dit kan niet nu het initiatief de status '%(state)s' heeft.", state=current.label))
    if not _may(actor, who, initiative):
        abort(403)
    # A coordinator's reason goes into the audit log too; the initiator's is the result.
    reason = within_length(reason, REASON_MAX if who == "coordinator" else RESULT_MAX, InitiativeError, "reason")
    if needs_reason and not reason:
        raise InitiativeError(_l("Schrijf een reden of resultaat; de buurt ziet het."), "reason")
    if to_state is State.SUBMITTED and not initiative.needs:
        raise InitiativeError(_l("Zet er minstens één ding bij dat jullie nodig hebben."), "kind")
    now = utcnow()
    initiative.state = to_state.value
    if to_state is State.SUBMITTED:
        initiative.submitted_at = now
    elif to_state is State.PUBLISHED:
        initiative.published_at = now
    elif to_state in (State.DONE, State.STOPPED):
        initiative.finished_at = now
        if to_state is State.DONE:
            initiative.result = reason
    db.session.add(StateChange(initiative_id=initiative.id, actor_id=actor.id, from_state=current.value,
                               to_state=to_state.value, reason=reason))
    if audited:
        moderation.record(initiative.neighbourhood_id, actor.id, action, "initiative", initiative.id, reason)
    mark_changed(initiative.neighbourhood_id, INITIATIVES)
    _tell_about_transition(initiative, action, reason)
    db.session.commit()


def _may(actor: User, who: str, initiative: Initiative) -> bool:
    """Who may take a step is decided in community.permissions, like everywhere else."""
    if who == "proposer":
        return initiative.proposer_id == actor.id
    if who == "coordinator":
        return can(actor, "moderate", db.session.get(Neighbourhood, initiative.neighbourhood_id))
    return can(actor, "run_initiative", initiative)


# --- proposing --------------------------------------------------------------------------------

@dataclass
class Proposal:
    title: str
    want: str
    can_do: str

    def bounded(self) -> Proposal:
        """Stripped, each part within what its column holds."""
        return Proposal(within_length(self.title, INITIATIVE_TITLE_MAX, InitiativeError, "title"),
                        within_length(self.want, WANT_MAX, InitiativeError, "want"),
                        within_length(self.can_do, CAN_DO_MAX, InitiativeError, "can_do"))


def start_draft(neighbourhood: Neighbourhood, proposer: User, proposal: Proposal) -> Initiative:
    proposal = proposal.bounded()
    initiative = Initiative(neighbourhood_id=neighbourhood.id, proposer_id=proposer.id, title=proposal.title,
                            want=proposal.want, can_do=proposal.can_do)
    db.session.add(initiative)
    db.session.flush()
    db.session.add(StateChange(initiative_id=initiative.id, actor_id=proposer.id, from_state="", to_state=State.DRAFT.value))
    db.session.commit()
    return initiative


def edit_proposal(initiative: Initiative, proposal: Proposal) -> None:
    _require_editable(initiative)
    proposal = proposal.bounded()
    initiative.title, initiative.want, initiative.can_do = proposal.title, proposal.want, proposal.can_do
    db.session.commit()


def _require_editable(initiative: Initiative) -> None:
    if initiative.state not in (State.DRAFT.value, State.CHANGES_REQUESTED.value):
        raise InitiativeError(_l("Dit initiatief kan nu niet meer worden aangepast."))


def add_need(initiative: Initiative, kind: str, description: str, people: int | None, amount_euros: int | None) -> Need:
    if initiative.state not in (State.DRAFT.value, State.CHANGES_REQUESTED.value, State.PUBLISHED.value):
        raise InitiativeError(_l("Dit initiatief kan nu niet meer worden aangepast."))
    kind = NeedKind(kind)
    description = within_length(description, NEED_DESCRIPTION_MAX, InitiativeError, "description")
    if kind is NeedKind.HANDS and not people:
        raise InitiativeError(_l("Hoeveel mensen zoeken jullie?"), "people")
    if kind is NeedKind.MONEY and not amount_euros:
        raise InitiativeError(_l("Hoeveel geld is er nodig, in euro?"), "amount")
    need = Need(initiative_id=initiative.id, kind=kind.value, description=description,
                people=people if kind is NeedKind.HANDS else None,
                amount_cents=amount_euros * 100 if kind is NeedKind.MONEY and amount_euros else None)
    db.session.add(need)
    db.session.commit()
    return need


def remove_need(initiative: Initiative, need_id: int) -> None:
    _require_editable(initiative)
    need = _need_of(initiative, need_id)
    db.session.delete(need)
    db.session.commit()


def _need_of(initiative: Initiative, need_id: int) -> Need:
    need = db.session.get(Need, need_id)
    if need is None or need.initiative_id != initiative.id:
        abort(404)
    return need


def set_need_met(initiative: Initiative, need_id: int, met: bool) -> Need:
    need = _need_of(initiative, need_id)
    need.is_met = met
    mark_changed(initiative.neighbourhood_id, INITIATIVES)
    db.session.commit()
    return need


def set_photo(initiative: Initiative, image_id: int | None) -> None:
    """Show this photo (None: no photo). The photo it replaces is deleted, its files once this commits."""
    previous = initiative.photo
    initiative.photo_id = image_id
    if previous is not None and previous.id != image_id:
        images.discard_image(previous)
    mark_changed(initiative.neighbourhood_id, INITIATIVES)
    db.session.commit()


# --- neighbours ----------------------------------------------------------------------------

def _require_open(initiative: Initiative) -> None:
    if initiative.state != State.PUBLISHED.value or initiative.is_hidden:
        raise InitiativeError(_l("Meedoen kan alleen bij een gepubliceerd initiatief."))


def toggle_support(initiative: Initiative, user_id: int) -> bool:
    """Support, or withdraw support; returns whether the person supports it now."""
    _require_open(initiative)
    existing = db.session.scalar(select(Support).where(Support.initiative_id == initiative.id, Support.user_id == user_id))
    if existing is not None:
        db.session.delete(existing)
        delta = -1
    else:
        db.session.add(Support(initiative_id=initiative.id, user_id=user_id))
        delta = 1
    try:
        db.session.flush()
    except IntegrityError:  # a double tap: the first one counted
        db.session.rollback()
        return True
    db.session.execute(update(Initiative).where(Initiative.id == initiative.id)
                       .values(support_count=Initiative.support_count + delta).execution_options(synchronize_session=False))
    mark_changed(initiative.neighbourhood_id, INITIATIVES)
    db.session.commit()
    db.session.refresh(initiative)
    return delta == 1


def supports(initiative_id: int, user_id: int | None) -> bool:
    if not user_id:
        return False
    return db.session.scalar(select(Support.id).where(Support.initiative_id == initiative_id,
                                                      Support.user_id == user_id)) is not None


def join(initiative: Initiative, user_id: int, need_id: int | None, message: str) -> Contribution:
    _require_open(initiative)
    if need_id is not None:
        _need_of(initiative, need_id)
    message = within_length(message, CONTRIBUTION_MESSAGE_MAX, InitiativeError, "message")
    if not message:
        raise InitiativeError(_l("Schrijf kort wat je meebrengt of wanneer je kunt."), "message")
    contribution = Contribution(initiative_id=initiative.id, need_id=need_id, user_id=user_id, message=message)
    db.session.add(contribution)
    mark_changed(initiative.neighbourhood_id, INITIATIVES)
    db.session.flush()
    proposer = initiative.proposer
    if proposer is not None and proposer.id != user_id:
        _mail(proposer, "initiative_joined", initiative=initiative, contribution=contribution)
    db.session.commit()
    return contribution


def contributions(initiative: Initiative) -> list[Contribution]:
    return list(db.session.scalars(select(Contribution).where(Contribution.initiative_id == initiative.id)
                                   .order_by(Contribution.created_at)))


def post(initiative: Initiative, author: User, body: str, *, is_update: bool, photo_id: int | None = None) -> Post:
    if is_update:
        if not can(author, "run_initiative", initiative):
            abort(403)
        if initiative.state != State.PUBLISHED.value or initiative.is_hidden:
            raise InitiativeError(_l("Updates kunnen alleen bij een gepubliceerd initiatief."), "body")
    else:
        _require_open(initiative)
    body = within_length(body, POST_BODY_MAX, InitiativeError, "body")
    if not body:
        raise InitiativeError(_l("Schrijf eerst iets."), "body")
    item = Post(initiative_id=initiative.id, author_id=author.id, is_update=is_update, body=body,
                photo_id=photo_id)
    db.session.add(item)
    mark_changed(initiative.neighbourhood_id, INITIATIVES)
    db.session.commit()
    return item


def posts(initiative: Initiative, *, include_hidden: bool) -> list[Post]:
    query = select(Post).where(Post.initiative_id == initiative.id)
    if not include_hidden:
        query = query.where(Post.is_hidden.is_(False))
    return list(db.session.scalars(query.order_by(Post.created_at.desc(), Post.id.desc()).limit(200)))


def history(initiative: Initiative) -> list[StateChange]:
    return list(db.session.scalars(select(StateChange).where(StateChange.initiative_id == initiative.id)
                                   .order_by(StateChange.created_at, StateChange.id)))


# --- lists and counts ----------------------------------------------------------------------------

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


def initiative_in_neighbourhood_or_404(neighbourhood: Neighbourhood, initiative_id: int) -> Initiative:
    initiative = db.session.get(Initiative, initiative_id)
    if initiative is None or initiative.neighbourhood_id != neighbourhood.id:
        abort(404)
    return initiative


# --- moderation targets ------------------------------------------------------------------------

def _set_initiative_hidden(initiative: Initiative, hidden: bool) -> None:
    initiative.is_hidden = hidden
    mark_changed(initiative.neighbourhood_id, INITIATIVES)


def _set_post_hidden(item: Post, hidden: bool) -> None:
    item.is_hidden = hidden
    mark_changed(db.session.get(Initiative, item.initiative_id).neighbourhood_id, INITIATIVES)


def _load_initiatives(ids: list[int]) -> dict[int, Initiative]:
    if not ids:
        return {}
    return {item.id: item for item in db.session.scalars(select(Initiative).where(Initiative.id.in_(ids)))}


def _load_posts(ids: list[int]) -> dict[int, Post]:
    if not ids:
        return {}
    return {item.id: item for item in db.session.scalars(select(Post).where(Post.id.in_(ids)))}


def register_moderation_targets() -> None:
    moderation.register_target("initiative", moderation.Target(
        load_many=_load_initiatives,
        neighbourhood_of=lambda item: item.neighbourhood_id,
        set_hidden=_set_initiative_hidden,
        describe=lambda item: item.title,
        url=lambda item, slug: url_for("initiatives.detail", slug=slug, initiative_id=item.id),
        view_action="view_initiative", report_action="report_initiative"))
    moderation.register_target("post", moderation.Target(
        load_many=_load_posts,
        neighbourhood_of=lambda item: db.session.get(Initiative, item.initiative_id).neighbourhood_id,
        set_hidden=_set_post_hidden,
        describe=lambda item: item.body[:140],
        url=lambda item, slug: url_for("initiatives.detail", slug=slug, initiative_id=item.initiative_id) + f"#post-{item.id}",
        view_action="view_post", report_action="report_post"))


# --- email --------------------------------------------------------------------------------------

def _mail(user: User, template: str, **context) -> None:
    initiative = context["initiative"]
    slug = db.session.get(Neighbourhood, initiative.neighbourhood_id).slug
    link = absolute_url("initiatives.detail", slug=slug, initiative_id=initiative.id)
    mail_person(user, template, link=link, **context)


def _tell_about_transition(initiative: Initiative, action: str, reason: str) -> None:
    if action in ("publish", "request_changes", "decline") and initiative.proposer is not None:
        _mail(initiative.proposer, f"initiative_{action}", initiative=initiative, reason=reason)
    if action == "submit":
        for coordinator in _coordinators_wanting_each_submission(initiative.neighbourhood_id):
            _mail(coordinator, "initiative_submitted", initiative=initiative)


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


def _tell_supporter(support_id: int, now: datetime) -> int:
    begin_write_transaction(db.session)
    support = db.session.get(Support, support_id)
    if support is None or support.notified_until >= now - timedelta(hours=23):
        db.session.rollback()
        return 0
    since = support.notified_until
    if not _claimed(Support, support.id, Support.notified_until, since, now):
        db.session.rollback()
        return 0
    initiative = db.session.get(Initiative, support.initiative_id)
    news = db.session.scalars(select(Post).where(
        Post.initiative_id == support.initiative_id, Post.is_update.is_(True), Post.is_hidden.is_(False),
        Post.created_at > since, Post.created_at <= now).order_by(Post.created_at)).all()
    told = bool(news) and not initiative.is_hidden and support.user_id != initiative.proposer_id
    if told:
        _mail(db.session.get(User, support.user_id), "initiative_updates", initiative=initiative, updates=news)
    db.session.commit()
    return int(told)


def _tell_coordinator(preference_id: int, now: datetime) -> int:
    begin_write_transaction(db.session)
    preference = db.session.get(ModerationPreference, preference_id)
    if preference is None or preference.summarised_until >= now:
        db.session.rollback()
        return 0
    since = preference.summarised_until
    if not _claimed(ModerationPreference, preference.id, ModerationPreference.summarised_until, since, now):
        db.session.rollback()
        return 0
    waiting = db.session.scalars(select(Initiative).where(
        Initiative.neighbourhood_id == preference.neighbourhood_id, Initiative.state == State.SUBMITTED.value,
        Initiative.submitted_at > since, Initiative.submitted_at <= now)).all()
    if waiting:
        _mail(db.session.get(User, preference.user_id), "initiative_summary", initiative=waiting[0],
              initiatives=waiting)
    db.session.commit()
    return int(bool(waiting))


def _claimed(model, row_id: int, column, seen: datetime, now: datetime) -> bool:
    """Move `column` from the value this run saw to `now`; False when another run moved it first."""
    return db.session.execute(update(model).where(model.id == row_id, column == seen).values({column.key: now})
                              .execution_options(synchronize_session=False)).rowcount == 1

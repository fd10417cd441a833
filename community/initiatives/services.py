"""Initiatives: a resident proposes (Wat willen we? Wat kunnen we zelf? Wat hebben we nodig?),
the buurtregisseur helps it through, neighbours support and join, the initiator reports back.

The state machine lives here: every transition is checked, and writes its history row (and,
for moderation, an audit row) in the same transaction."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from community.accounts.models import User
from community.db import utcnow
from community.errors import DomainError, NotFound, within_length
from community.extensions import db
from community.images.changes import change_photo
from community.images.models import Image
from community.initiatives import mailing
from community.initiatives.models import (CAN_DO_MAX, CONTRIBUTION_MESSAGE_MAX, INITIATIVE_TITLE_MAX, NEED_DESCRIPTION_MAX,
                                          POST_BODY_MAX, RESULT_MAX, WANT_MAX, Contribution, Initiative, Need, NeedKind,
                                          Post, State, StateChange, Support)
from community.moderation import services as moderation
from community.moderation.models import REASON_MAX
from community.neighbourhoods.models import Neighbourhood
from community.permissions import require
from community.versions import INITIATIVES, mark_changed

log = logging.getLogger("community.initiatives")


class InitiativeError(DomainError):
    """A rule of initiatives was broken (a step that cannot be taken now)."""


# action: (allowed from, to, the rule in community.permissions that says who may, reason required, audited)
TRANSITIONS = {
    "submit": ({State.DRAFT, State.CHANGES_REQUESTED}, State.SUBMITTED, "submit_initiative", False, False),
    "publish": ({State.SUBMITTED}, State.PUBLISHED, "review_initiative", False, True),
    "request_changes": ({State.SUBMITTED}, State.CHANGES_REQUESTED, "review_initiative", True, True),
    "decline": ({State.SUBMITTED}, State.DECLINED, "review_initiative", True, True),
    "finish": ({State.PUBLISHED}, State.DONE, "run_initiative", True, False),
    "stop": ({State.PUBLISHED}, State.STOPPED, "run_initiative", False, False),
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


def reason_template(key: str, action: str) -> str:
    """The ready-made reason a key like 'decline:1' names, for a step that asks for one
    (publishing takes none), or "" for anything else."""
    group, _sep, index = str(key or "").partition(":")
    texts = REASON_TEMPLATES.get(group, []) if action in REASON_TEMPLATES else []
    return str(texts[int(index)]) if index.isdigit() and int(index) < len(texts) else ""


def transition(initiative: Initiative, action: str, actor: User, reason: str = "") -> None:
    if action not in TRANSITIONS:
        raise InitiativeError(_l("Deze stap bestaat niet."))
    allowed_from, to_state, rule, needs_reason, audited = TRANSITIONS[action]
    current = State(initiative.state)
    if current not in allowed_from:
        raise InitiativeError(_l("Dit kan niet nu het initiatief de status '%(state)s' heeft.", state=current.label))
    require(actor, rule, initiative)
    # A coordinator's reason goes into the audit log too; the initiator's is the result.
    reason = within_length(reason, REASON_MAX if audited else RESULT_MAX, InitiativeError, "reason")
    if needs_reason and not reason:  # who reads it: see the history on the initiative's page
        raise InitiativeError(_l("Schrijf een reden. De initiatiefnemer krijgt die te lezen, de buurt niet.") if audited
                              else _l("Schrijf wat er gelukt is, of waarom jullie stoppen; de buurt ziet het."), "reason")
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
    mailing.tell_about_transition(initiative, action, reason)
    db.session.commit()


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
    mark_changed(neighbourhood.id, INITIATIVES)  # the proposer's list shows their drafts
    db.session.commit()
    return initiative


def edit_proposal(initiative: Initiative, proposal: Proposal) -> None:
    _require_editable(initiative)
    proposal = proposal.bounded()
    initiative.title, initiative.want, initiative.can_do = proposal.title, proposal.want, proposal.can_do
    mark_changed(initiative.neighbourhood_id, INITIATIVES)
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
    mark_changed(initiative.neighbourhood_id, INITIATIVES)
    db.session.commit()
    return need


def remove_need(initiative: Initiative, need_id: int) -> None:
    _require_editable(initiative)
    need = _need_of(initiative, need_id)
    db.session.delete(need)
    mark_changed(initiative.neighbourhood_id, INITIATIVES)
    db.session.commit()


def _need_of(initiative: Initiative, need_id: int) -> Need:
    need = db.session.get(Need, need_id)
    if need is None or need.initiative_id != initiative.id:
        raise NotFound()
    return need


def set_need_met(initiative: Initiative, need_id: int, met: bool) -> Need:
    need = _need_of(initiative, need_id)
    need.is_met = met
    mark_changed(initiative.neighbourhood_id, INITIATIVES)
    db.session.commit()
    return need


def set_photo(initiative: Initiative, image_id: int | None) -> None:
    """Show this photo (None: no photo). The photo it replaces is deleted, its files once this commits."""
    new = db.session.get(Image, image_id) if image_id is not None else None
    change_photo(initiative, new, remove=new is None)
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
        mailing.tell(proposer, "initiative_joined", initiative=initiative, contribution=contribution)
    db.session.commit()
    return contribution


def contributions(initiative: Initiative) -> list[Contribution]:
    return list(db.session.scalars(select(Contribution).where(Contribution.initiative_id == initiative.id)
                                   .order_by(Contribution.created_at)))


def post(initiative: Initiative, author: User, body: str, *, is_update: bool, photo_id: int | None = None) -> Post:
    if is_update:
        require(author, "run_initiative", initiative)
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


def last_reason(initiative: Initiative) -> str:
    """Why it is in its state now (what the buurtregisseur asked, or why it was declined)."""
    return db.session.scalar(select(StateChange.reason).where(
        StateChange.initiative_id == initiative.id, StateChange.to_state == initiative.state)
        .order_by(StateChange.created_at.desc(), StateChange.id.desc()).limit(1)) or ""


def history(initiative: Initiative) -> list[StateChange]:
    return list(db.session.scalars(select(StateChange).where(StateChange.initiative_id == initiative.id)
                                   .order_by(StateChange.created_at, StateChange.id)))



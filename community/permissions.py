"""The one place that decides who may do what.

`can(user, action, obj)` looks the action up in RULES; each rule gets the user (never
anonymous here: anonymous users only get what PUBLIC_ACTIONS allows) and the object.
Later features add their actions to RULES in this file.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from community.neighbourhoods.models import Neighbourhood, Role

log = logging.getLogger("community.permissions")


def _is_admin(user) -> bool:
    return bool(getattr(user, "is_admin", False))


def _has_role(user, neighbourhood: Neighbourhood, role: Role) -> bool:
    return role.value in user.roles_in(neighbourhood.id)


def _member(user, neighbourhood: Neighbourhood) -> bool:
    return neighbourhood.id in user.neighbourhood_ids()


def _confirmed_member(user, neighbourhood: Neighbourhood) -> bool:
    """A coordinator confirmed this person lives here (joining alone is open to anyone)."""
    return neighbourhood.id in user.confirmed_neighbourhood_ids()


def _coordinates(user, neighbourhood_id: int) -> bool:
    """Coordinators of the neighbourhood, and the instance admin, who may act as one anywhere."""
    return Role.COORDINATOR.value in user.roles_in(neighbourhood_id) or _is_admin(user)


def _runs_activity(user, activity) -> bool:
    """Who coordinates its neighbourhood, and the organiser they chose."""
    return _coordinates(user, activity.neighbourhood_id) or (
        activity.organiser_id is not None and activity.organiser_id == user.id)


def _proposes(user, initiative) -> bool:
    return initiative.proposer_id is not None and initiative.proposer_id == user.id


def _runs_task(user, task) -> bool:
    """Coordinators of its neighbourhood, the instance admin, and whoever posted it (the
    resident who asked, or the initiator who made it from a need)."""
    return _coordinates(user, task.neighbourhood_id) or (task.posted_by_id is not None and task.posted_by_id == user.id)


def _accepted_helper(user, task) -> bool:
    from community.volunteering.services import is_accepted_helper

    return is_accepted_helper(task.id, user.id)


def _is_public(initiative) -> bool:
    return initiative.state in ("published", "done", "stopped") and not initiative.is_hidden


def _may_view_initiative(user, initiative) -> bool:
    return _is_public(initiative) or _proposes(user, initiative) or _coordinates(user, initiative.neighbourhood_id)


def _initiative_of(post):
    from community.extensions import db
    from community.initiatives.models import Initiative

    return db.session.get(Initiative, post.initiative_id)


def _may_view_post(user, post) -> bool:
    """A post of an initiative one may view; a hidden one only for who moderates there."""
    initiative = _initiative_of(post)
    return _may_view_initiative(user, initiative) and (not post.is_hidden
                                                       or _coordinates(user, initiative.neighbourhood_id))


def _may_report_post(user, post) -> bool:
    """One reports what one sees as a neighbour: a post that is not hidden, of an initiative one may view."""
    return not post.is_hidden and _may_view_initiative(user, _initiative_of(post))


def _came_to(user, occurrence) -> bool:
    """Someone who came to this date, in the two weeks after it ended."""
    from community.stories.wellbeing import may_answer

    return may_answer(occurrence, user.id)


def _keeps_books(user, pot) -> bool:
    """A gangmaker of this pot."""
    return user.id in pot.gangmaker_ids()


def _sees_pot_privately(user, pot) -> bool:
    """Gangmakers, and the neighbourhood's coordinators (who read along and approve when asked)."""
    return _keeps_books(user, pot) or _coordinates(user, pot.neighbourhood_id)


def _pot_of(row):
    from community.extensions import db
    from community.pot.models import Pot

    return db.session.get(Pot, row.pot_id)


def _may_approve_payout(user, payout) -> bool:
    """A second person: another gangmaker; with one gangmaker, a coordinator. Never who asked.
    (Whether it still waits is the service's to say: a second tap is 'already done', not 'not allowed'.)"""
    pot = _pot_of(payout)
    if user.id == payout.asked_by_id:
        return False
    others = {g.user_id for g in pot.gangmakers} - {payout.asked_by_id}
    return user.id in others if others else _coordinates(user, pot.neighbourhood_id)


def _may_confirm_handover(user, handover) -> bool:
    """The other side: the holder of the other tin; for the bank, another gangmaker or a coordinator."""
    if user.id == handover.proposed_by_id:
        return False
    sides = (handover.from_account, handover.to_account)
    if any(side.kind == "bank" for side in sides):
        return _sees_pot_privately(user, _pot_of(handover))
    return user.id in {side.holder_id for side in sides}


def _may_acknowledge_count(user, count) -> bool:
    return user.id != count.counted_by_id and _sees_pot_privately(user, _pot_of(count))


_CARD_OUT = ("declined", "withdrawn")  # a card out of the edition: only its maker still sees it
_PUBLIC_CARD_USES = ("album", "kiosk", "card_of_the_day")


def _card_is_shown(card, uses) -> bool:
    """Published with an unrevoked consent for one of these uses (the one gate: community.cards.visibility)."""
    from community.cards.visibility import is_visible
    from community.extensions import db

    return any(is_visible(db.session, card, use) for use in uses)


def _keeps_card(user, card) -> bool:
    """Its maker (the person, or the parent of the child); the coordinators while it is in the edition."""
    return card.maker_id == user.id or (_coordinates(user, card.neighbourhood_id) and card.state not in _CARD_OUT)


RULES: dict[str, Callable[[Any, Any], bool]] = {
    # Neighbourhoods
    "view_neighbourhood": lambda user, n: True,
    "view_coordinator_area": lambda user, n: _coordinates(user, n.id),
    "edit_neighbourhood": lambda user, n: _coordinates(user, n.id),
    "manage_rooms": lambda user, n: _coordinates(user, n.id),
    "view_members": lambda user, n: _coordinates(user, n.id),
    "confirm_member": lambda user, n: _coordinates(user, n.id),
    "assign_roles": lambda user, n: _is_admin(user),
    "join_neighbourhood": lambda user, n: not _member(user, n),
    # Instance administration
    "administer_instance": lambda user, _obj: _is_admin(user),
    "create_neighbourhood": lambda user, _obj: _is_admin(user),
    # Agenda
    "manage_agenda": lambda user, n: _coordinates(user, n.id),
    "edit_activity": lambda user, activity: _runs_activity(user, activity),
    "manage_occurrence": lambda user, occurrence: _runs_activity(user, occurrence.activity),
    "view_participants": lambda user, occurrence: _runs_activity(user, occurrence.activity),
    "sign_up": lambda user, occurrence: True,
    # Initiatives and moderation
    "propose_initiative": lambda user, n: _member(user, n) or _is_admin(user),
    "view_initiative": _may_view_initiative,
    "view_post": _may_view_post,
    "edit_initiative": lambda user, initiative: _proposes(user, initiative)
    and initiative.state in ("draft", "changes_requested"),
    "run_initiative": lambda user, initiative: _proposes(user, initiative)
    or _coordinates(user, initiative.neighbourhood_id),
    "moderate": lambda user, n: _coordinates(user, n.id),
    # The steps of an initiative (services.TRANSITIONS names which rule each step asks).
    "submit_initiative": lambda user, initiative: _proposes(user, initiative),
    "review_initiative": lambda user, initiative: _coordinates(user, initiative.neighbourhood_id),
    "take_part": lambda user, obj: True,
    # Reporting: only what one may see, and only what the neighbourhood sees (not a draft, not what is hidden).
    "report_initiative": lambda user, initiative: _is_public(initiative),
    "report_post": _may_report_post,
    # Talents and assets
    "keep_talent_profile": lambda user, n: _member(user, n),
    "view_talent_people": lambda user, n: _confirmed_member(user, n) or _coordinates(user, n.id),
    # Which profiles one sees follows the visibility each resident chose.
    "view_talents_shared_with_neighbourhood": lambda user, n: _member(user, n) or _coordinates(user, n.id),
    "view_talents_shared_with_coordinators": lambda user, n: _coordinates(user, n.id),
    "manage_assets": lambda user, n: _coordinates(user, n.id),
    "place_map_background": lambda user, n: _coordinates(user, n.id),
    # Volunteering
    "post_task": lambda user, n: _coordinates(user, n.id),
    "ask_for_help": lambda user, n: _member(user, n),
    "volunteer": lambda user, task: task.neighbourhood_id in user.neighbourhood_ids()
    and not (task.is_request and task.posted_by_id == user.id),
    "run_task": lambda user, task: _runs_task(user, task),
    "invite_volunteers": lambda user, task: _coordinates(user, task.neighbourhood_id),
    "view_task_place": lambda user, task: not task.is_request or _runs_task(user, task) or _accepted_helper(user, task),
    "make_task_from_need": lambda user, initiative: initiative.state == "published" and not initiative.is_hidden
    and (_proposes(user, initiative) or _coordinates(user, initiative.neighbourhood_id)),
    # Lief-en-leedpot: the money is open to all, the people behind it only to those who run it.
    "open_pot": lambda user, n: _coordinates(user, n.id),
    "view_pot": lambda user, pot: True,
    "manage_pot": lambda user, pot: _coordinates(user, pot.neighbourhood_id),
    "keep_pot_books": _keeps_books,
    "see_pot_privately": _sees_pot_privately,
    "close_pot_year": _sees_pot_privately,
    "nominate_for_pot": lambda user, pot: pot.neighbourhood_id in user.neighbourhood_ids(),
    "answer_nomination": lambda user, nomination: _keeps_books(user, _pot_of(nomination)),
    "view_nomination": lambda user, nomination: nomination.nominated_by_id == user.id
    or _sees_pot_privately(user, _pot_of(nomination)),
    "approve_payout": _may_approve_payout,
    "view_payout": lambda user, payout: _sees_pot_privately(user, _pot_of(payout)),
    "confirm_handover": _may_confirm_handover,
    "cancel_handover": lambda user, handover: user.id == handover.proposed_by_id or _may_confirm_handover(user, handover),
    "acknowledge_count": _may_acknowledge_count,
    "reverse_pot_transaction": lambda user, transaction: _keeps_books(user, _pot_of(transaction)),
    # The kiosk screen in the Huis van de Wijk
    "manage_screens": lambda user, n: _coordinates(user, n.id),
    # Buurtplaatjes: the album is public; coordinators run editions, moderate and print; a neighbour makes
    # and keeps their own card (and their child's or pet's), and may take any consent back.
    "view_cards": lambda user, n: True,
    "manage_cards": lambda user, n: _coordinates(user, n.id),
    "make_card": lambda user, edition: edition.neighbourhood_id in user.neighbourhood_ids() or _is_admin(user),
    "own_card": lambda user, card: card.maker_id is not None and card.maker_id == user.id,
    "change_card": lambda user, card: card.maker_id == user.id and card.state in ("draft", "changes_requested"),
    "review_card": lambda user, card: _coordinates(user, card.neighbourhood_id) and card.state not in _CARD_OUT,
    "view_card": lambda user, card: _card_is_shown(card, ("album",)) or _keeps_card(user, card),
    "see_card_photo": lambda user, card: _card_is_shown(card, _PUBLIC_CARD_USES) or _keeps_card(user, card),
    # Buurtplaatjes: collecting and swapping (an album is its keeper's alone; a swap is its two keepers')
    "collect_cards": lambda user, n: _member(user, n),
    "keep_album": lambda user, album: album.owner_id == user.id,
    "take_part_in_swap": lambda user, swap: user.id in (swap.proposer_album.owner_id, swap.partner_album.owner_id),
    "confirm_swap": lambda user, swap: user.id == swap.partner_album.owner_id,
    "show_swap_code": lambda user, swap: user.id == swap.proposer_album.owner_id,  # the other one must see it
    "record_packs": lambda user, n: _coordinates(user, n.id),
    # Tellen en vertellen: the numbers are everyone's; members write stories, coordinators publish them
    "view_numbers": lambda user, n: True,
    "write_story": lambda user, n: _member(user, n) or _is_admin(user),
    "view_story": lambda user, story: story.is_public or story.author_id == user.id
    or _coordinates(user, story.neighbourhood_id),
    "withdraw_story": lambda user, story: story.author_id is not None and story.author_id == user.id,
    "review_stories": lambda user, n: _coordinates(user, n.id),
    "review_story": lambda user, story: _coordinates(user, story.neighbourhood_id),
    "make_annual_report": lambda user, n: _coordinates(user, n.id),
    "view_city": lambda user, _obj: _is_admin(user),
    "answer_wellbeing": lambda user, occurrence: _came_to(user, occurrence),
    # Accounts
    "edit_profile": lambda user, other: user.id == other.id,
    # Privacy: deleting an account is its owner's alone; the admin sees how many wait, never who
    "delete_account": lambda user, other: user.id == other.id,
    "view_deletion_counts": lambda user, _obj: _is_admin(user),
    # Privacy: one's own data and consents are one's own alone (coordinators and the admin included)
    "view_own_data": lambda user, other: user.id == other.id,
    "hide_talent_profile": lambda user, profile: profile.user_id == user.id,
    "download_export": lambda user, export: export.user_id == user.id,
    "stop_initiative_news": lambda user, support: support.user_id == user.id,
}

PUBLIC_ACTIONS = {"view_neighbourhood", "view_pot", "view_cards", "view_numbers"}
# Anonymous people may look at what is public; the rule decides, with no user to ask about.
PUBLIC_WHEN = {"view_card": lambda card: _card_is_shown(card, ("album",)),
               "see_card_photo": lambda card: _card_is_shown(card, _PUBLIC_CARD_USES),
               "view_initiative": lambda obj: _is_public(obj), "view_task_place": lambda task: not task.is_request,
               "view_post": lambda post: not post.is_hidden and _is_public(_initiative_of(post)),
               "view_story": lambda story: story.is_public}


def can(user, action: str, obj: Any = None) -> bool:
    if action not in RULES:
        raise KeyError(f"unknown action {action!r}")
    if user is None or not getattr(user, "is_authenticated", False):
        if action in PUBLIC_WHEN:
            return bool(PUBLIC_WHEN[action](obj))
        return action in PUBLIC_ACTIONS
    return bool(RULES[action](user, obj))


def require(user, action: str, obj: Any = None) -> None:
    """Raise Refused (LoginNeeded for anonymous people), with a log line without secrets, when
    the user may not act; the app answers 403, or sends the person to log in."""
    if can(user, action, obj):
        return
    from community.errors import LoginNeeded, Refused

    log.warning(
        "refused: user=%s action=%s object=%s",
        getattr(user, "id", None),
        action,
        f"{type(obj).__name__}:{getattr(obj, 'id', None)}" if obj is not None else None,
    )
    if user is None or not getattr(user, "is_authenticated", False):
        raise LoginNeeded()
    raise Refused()

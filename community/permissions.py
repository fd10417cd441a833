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
    # Accounts
    "edit_profile": lambda user, other: user.id == other.id,
}

PUBLIC_ACTIONS = {"view_neighbourhood"}
# Anonymous people may look at what is public; the rule decides, with no user to ask about.
PUBLIC_WHEN = {"view_initiative": lambda obj: _is_public(obj), "view_task_place": lambda task: not task.is_request,
               "view_post": lambda post: not post.is_hidden and _is_public(_initiative_of(post))}


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

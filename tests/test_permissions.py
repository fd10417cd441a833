"""Who may do what: role × action × own/other neighbourhood."""
from __future__ import annotations

import pytest

from community.permissions import PUBLIC_ACTIONS, RULES, can

NEIGHBOURHOOD_ACTIONS = ["view_neighbourhood", "view_coordinator_area", "edit_neighbourhood", "manage_rooms",
                         "view_members", "assign_roles", "join_neighbourhood"]

# expected[role][action] = (own neighbourhood, other neighbourhood)
EXPECTED = {
    "anonymous": {"view_neighbourhood": (True, True)},
    "resident": {"view_neighbourhood": (True, True), "join_neighbourhood": (False, True)},
    "treasurer": {"view_neighbourhood": (True, True), "join_neighbourhood": (False, True)},
    "coordinator": {"view_neighbourhood": (True, True), "join_neighbourhood": (False, True),
                    "view_coordinator_area": (True, False), "edit_neighbourhood": (True, False),
                    "manage_rooms": (True, False), "view_members": (True, False)},
    "admin": {action: (True, True) for action in NEIGHBOURHOOD_ACTIONS if action != "join_neighbourhood"}
             | {"join_neighbourhood": (False, True)},
}


@pytest.fixture
def people(make_user, make_neighbourhood):
    own, other = make_neighbourhood("Eigen"), make_neighbourhood("Ander")
    from flask_login import AnonymousUserMixin

    return own, other, {
        "anonymous": AnonymousUserMixin(),
        "resident": make_user(neighbourhood=own),
        "treasurer": make_user(role="treasurer", neighbourhood=own),
        "coordinator": make_user(role="coordinator", neighbourhood=own),
        "admin": make_user(neighbourhood=own, is_admin=True),
    }


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("action", NEIGHBOURHOOD_ACTIONS)
def test_neighbourhood_matrix(people, role, action):
    own, other, users = people
    expected_own, expected_other = EXPECTED[role].get(action, (False, False))
    assert can(users[role], action, own) is expected_own
    assert can(users[role], action, other) is expected_other


@pytest.mark.parametrize("role", list(EXPECTED))
def test_instance_actions_are_for_the_admin_only(people, role):
    _, _, users = people
    for action in ("administer_instance", "create_neighbourhood"):
        assert can(users[role], action) is (role == "admin")


def test_only_you_edit_your_own_profile(people, make_user):
    _, _, users = people
    someone_else = make_user()
    for role in ("resident", "coordinator", "admin"):
        assert can(users[role], "edit_profile", users[role])
        assert not can(users[role], "edit_profile", someone_else)


def test_every_rule_is_in_the_matrix():
    covered = set(NEIGHBOURHOOD_ACTIONS) | {"administer_instance", "create_neighbourhood", "edit_profile"}
    assert set(RULES) == covered, "a new action needs a row in this matrix"
    assert PUBLIC_ACTIONS <= set(RULES)


def test_unknown_action_is_an_error(people):
    with pytest.raises(KeyError):
        can(people[2]["admin"], "launch_rockets")

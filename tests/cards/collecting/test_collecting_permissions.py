"""Who may do what with albums and swaps: role × action × object."""
from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

from community.cards.collecting import albums, swaps
from community.permissions import can
from tests.cards.collecting.conftest import cards_of, give

ALL = {"anonymous", "keeper", "partner", "neighbour", "coordinator", "admin", "stranger"}
# action: (object, who may)
COLLECTING_EXPECTED = {
    "collect_cards": ("neighbourhood", {"keeper", "partner", "neighbour", "coordinator"}),
    "record_packs": ("neighbourhood", {"coordinator", "admin"}),
    "keep_album": ("album", {"keeper"}),
    "take_part_in_swap": ("swap", {"keeper", "partner"}),
    "confirm_swap": ("swap", {"partner"}),
    "show_swap_code": ("swap", {"keeper"}),
}


@pytest.fixture
def world(make_neighbourhood, make_user, make_edition, make_swap_afternoon):
    neighbourhood, elsewhere = make_neighbourhood(), make_neighbourhood()
    edition = make_edition(neighbourhood)
    afternoon = make_swap_afternoon(edition)
    people = {"anonymous": AnonymousUserMixin(), "keeper": make_user(neighbourhood=neighbourhood),
              "partner": make_user(neighbourhood=neighbourhood), "neighbour": make_user(neighbourhood=neighbourhood),
              "coordinator": make_user(role="coordinator", neighbourhood=neighbourhood),
              "admin": make_user(neighbourhood=elsewhere, is_admin=True),
              "stranger": make_user(neighbourhood=elsewhere)}
    mine = albums.set_swapping(albums.start_album(edition, people["keeper"], "Sami"), True)
    theirs = albums.set_swapping(albums.start_album(edition, people["partner"], "Noor"), True)
    cards = cards_of(edition)
    give(mine, cards[:1], copies=2)
    give(theirs, cards[3:4], copies=2)
    swap = swaps.propose_swap(mine, theirs.id, afternoon.id)
    return people, {"neighbourhood": neighbourhood, "album": mine, "swap": swap}


@pytest.mark.parametrize("action", list(COLLECTING_EXPECTED))
def test_collecting_matrix(world, action):
    people, objects = world
    target, allowed = COLLECTING_EXPECTED[action]
    for who, user in people.items():
        assert can(user, action, objects[target]) is (who in allowed), f"{who} {action}"

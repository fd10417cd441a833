"""Who may do what with Buurtplaatjes: role × action × card (in each state) or edition."""
from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

from community.cards import editions, making, reviewing
from community.permissions import can

ALL = {"anonymous", "maker", "neighbour", "outsider", "coordinator", "coordinator_elsewhere", "admin"}
LOGGED_IN = ALL - {"anonymous"}
COORDINATORS = {"coordinator", "admin"}
# (action, object): who may
CARD_EXPECTED = {
    ("view_cards", "neighbourhood"): ALL,
    ("manage_cards", "neighbourhood"): COORDINATORS,
    ("make_card", "edition"): {"maker", "neighbour", "coordinator", "admin"},
    ("view_card", "public"): ALL,
    ("view_card", "print_only"): {"maker"} | COORDINATORS,
    ("view_card", "submitted"): {"maker"} | COORDINATORS,
    ("view_card", "declined"): {"maker"},
    ("view_card", "withdrawn"): {"maker"},
    ("see_card_photo", "kiosk_only"): ALL,
    ("see_card_photo", "print_only"): {"maker"} | COORDINATORS,
    ("see_card_photo", "declined"): {"maker"},
    ("see_card_photo", "withdrawn"): {"maker"},
    ("own_card", "public"): {"maker"},
    ("own_card", "declined"): {"maker"},
    ("change_card", "changes_requested"): {"maker"},
    ("change_card", "public"): set(),
    ("change_card", "submitted"): set(),
    ("review_card", "submitted"): COORDINATORS,
    ("review_card", "public"): COORDINATORS,
    ("review_card", "declined"): set(),
    ("review_card", "withdrawn"): set(),
}
CARD_ACTIONS = {action for action, _ in CARD_EXPECTED}


@pytest.fixture
def cards_world(neighbourhood, make_neighbourhood, make_user, coordinator, edition):
    other = make_neighbourhood()
    users = {"anonymous": AnonymousUserMixin(), "maker": make_user(neighbourhood=neighbourhood),
             "neighbour": make_user(neighbourhood=neighbourhood), "outsider": make_user(neighbourhood=other),
             "coordinator": coordinator, "coordinator_elsewhere": make_user(role="coordinator", neighbourhood=other),
             "admin": make_user(role=None, is_admin=True)}
    maker = users["maker"]

    def card(scopes, then=None, reason="Liever niet"):
        made = making.volunteer_card(edition, making.CardDetails(edition.categories[0].id, "Fatma", "Zingt"),
                                     maker=maker, scopes=scopes, locale="nl")
        if then in (None, "withdraw"):
            reviewing.decide(made, "publish", coordinator)
        if then == "withdraw":
            making.withdraw_card(made, by=maker)
        elif then in ("decline", "request_changes"):
            reviewing.decide(made, then, coordinator, reason)
        return made

    everything = ["print", "album", "kiosk", "card_of_the_day"]
    objects = {"neighbourhood": neighbourhood, "edition": edition, "public": card(everything),
               "print_only": card(["print"]), "kiosk_only": card(["kiosk"]), "submitted": card(everything, "wait"),
               "declined": card(everything, "decline"), "withdrawn": card(everything, "withdraw"),
               "changes_requested": card(everything, "request_changes")}
    return users, objects


def test_card_matrix(cards_world):
    """Every row at once (one world: building it is the slow part)."""
    users, objects = cards_world
    wrong = {}
    for (action, target), expected in CARD_EXPECTED.items():
        allowed = {role for role, user in users.items() if can(user, action, objects[target])}
        if allowed != expected:
            wrong[(action, target)] = (sorted(allowed), sorted(expected))
    assert not wrong


def test_making_a_card_in_a_finished_edition_is_a_rule_of_the_service_not_of_who(cards_world):
    users, objects = cards_world
    editions.update_edition(objects["edition"], editions.EditionDetails("Oud", 9), "finished")
    assert can(users["neighbour"], "make_card", objects["edition"])

"""Who may do what with a pot: role × action × object, across pots and neighbourhoods."""
from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

from community.permissions import can
from community.pot import cash
from community.pot import services as pots
from community.recurrence import local_today
from tests.pot.conftest import give, key, pay

ALL = {"anonymous", "neighbour", "gangmaker", "other_gangmaker", "coordinator", "admin", "gangmaker_elsewhere",
       "other_coordinator"}
PRIVATE = {"gangmaker", "other_gangmaker", "coordinator", "admin"}
GANGMAKERS = {"gangmaker", "other_gangmaker"}
MEMBERS = {"neighbour", "gangmaker", "other_gangmaker", "coordinator", "gangmaker_elsewhere"}  # the admin lives elsewhere
# action: (object, who may)
POT_EXPECTED = {
    "view_pot": ("pot", ALL),
    "manage_pot": ("pot", {"coordinator", "admin"}),
    "keep_pot_books": ("pot", GANGMAKERS),
    "see_pot_privately": ("pot", PRIVATE),
    "close_pot_year": ("pot", PRIVATE),
    "nominate_for_pot": ("pot", MEMBERS),
    "approve_payout": ("payout", {"other_gangmaker"}),
    "view_payout": ("payout", PRIVATE),
    "confirm_handover": ("handover", {"other_gangmaker"}),
    "cancel_handover": ("handover", GANGMAKERS),
    "acknowledge_count": ("count", {"other_gangmaker", "coordinator", "admin"}),
    "reverse_pot_transaction": ("transaction", GANGMAKERS),
    "answer_nomination": ("nomination", GANGMAKERS),
    "view_nomination": ("nomination", PRIVATE | {"neighbour"}),
}


@pytest.fixture
def world(street, make_user):
    """A pot run by two gangmakers; a second pot in the same neighbourhood run by someone else; a
    coordinator of another neighbourhood; and one of each thing that waits for someone."""
    elsewhere_keeper = make_user(neighbourhood=street.neighbourhood, name="Kees")
    pots.open_pot(street.neighbourhood, name="Lief & leed Beukenhof", streets="", gangmaker_ids=[elsewhere_keeper.id],
                  threshold_cents=2500, iban="", account_holder="", by=street.coordinator)
    admin = make_user(neighbourhood=street.elsewhere, is_admin=True)
    give(street.pot, street.henk, 10000)
    objects = {
        "pot": street.pot,
        "payout": pay(street.pot, street.henk, 4000),
        "handover": cash.propose_handover(street.pot, submission=key(), from_place=f"tin:{street.henk.id}",
                                          to_place=f"tin:{street.fatima.id}", amount_cents=100,
                                          occurred_on=local_today(), by=street.henk),
        "count": cash.count_cash(street.pot, submission=key(), counted_cents=9000, note="", by=street.henk),
        "transaction": give(street.pot, street.henk, 300),
        "nomination": pots.nominate(street.pot, text="Nr. 4 is jarig", by=street.neighbour),
    }
    people = {"anonymous": AnonymousUserMixin(), "neighbour": street.neighbour, "gangmaker": street.henk,
              "other_gangmaker": street.fatima, "coordinator": street.coordinator, "admin": admin,
              "gangmaker_elsewhere": elsewhere_keeper, "other_coordinator": street.stranger}
    return people, objects, street


@pytest.mark.parametrize("action", list(POT_EXPECTED))
def test_pot_matrix(world, action):
    people, objects, _street = world
    target, allowed = POT_EXPECTED[action]
    for who, user in people.items():
        assert can(user, action, objects[target]) is (who in allowed), f"{who} {action}"


def test_a_deposit_to_the_bank_is_confirmed_by_another_gangmaker_or_a_coordinator(world):
    people, _objects, street = world
    deposit = cash.propose_handover(street.pot, submission=key(), from_place=f"tin:{street.henk.id}", to_place="bank",
                                    amount_cents=100, occurred_on=local_today(), by=street.henk)
    allowed = {"other_gangmaker", "coordinator", "admin"}
    for who, user in people.items():
        assert can(user, "confirm_handover", deposit) is (who in allowed), who


def test_a_gangmaker_hands_over_only_from_or_to_their_own_tin(world):
    _people, _objects, street = world
    with pytest.raises(pots.PotError):
        cash.propose_handover(street.pot, submission=key(), from_place="bank", to_place=f"tin:{street.fatima.id}",
                              amount_cents=100, occurred_on=local_today(), by=street.henk)

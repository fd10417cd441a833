"""Residents who agreed to things (a talent profile, a card, a swapping album, a story) and a street
whose pot and initiatives one of them leaves behind."""
from __future__ import annotations

import pytest

from community.initiatives import services as initiatives
from community.pot import services as pots
from community.cards.collecting import albums
from community.stories import services as stories
from community.talents import services as talents
from tests.cards.collecting.conftest import make_swap_afternoon  # noqa: F401
from tests.cards.conftest import coordinator, edition, make_card, neighbourhood, resident  # noqa: F401


@pytest.fixture
def street(make_neighbourhood, make_user):
    """A neighbourhood with two coordinators and a pot run by two gangmakers; Lotte is the one who leaves."""
    neighbourhood = make_neighbourhood("De Ruwaard")
    lotte = make_user(neighbourhood=neighbourhood, name="Lotte Leeuwenhart", email="lotte@example.org")
    henk = make_user(neighbourhood=neighbourhood, name="Henk")
    coordinator = make_user(neighbourhood=neighbourhood, role="coordinator", name="Marieke")
    make_user(neighbourhood=neighbourhood, role="coordinator", name="Jeroen")
    pot = pots.open_pot(neighbourhood, name="Lief & leed Kastanjelaan", streets="Kastanjelaan",
                        gangmaker_ids=[lotte.id, henk.id], threshold_cents=2500, iban="NL91ABNA0417164300",
                        account_holder="Stichting Kastanjelaan", by=coordinator)

    class Street:
        pass

    s = Street()
    s.neighbourhood, s.lotte, s.henk, s.coordinator, s.pot = neighbourhood, lotte, henk, coordinator, pot
    return s


def published_initiative(street, proposer, title="Speeltuin"):
    initiative = initiatives.start_draft(street.neighbourhood, proposer, initiatives.Proposal(
        title, "De speeltuin opknappen.", "Wij schilderen zelf."))
    initiatives.add_need(initiative, "hands", "Schilders", 3, None)
    initiatives.transition(initiative, "submit", proposer)
    initiatives.transition(initiative, "publish", street.coordinator)
    return initiative


def talent_answers(**overrides) -> talents.ProfileAnswers:
    values = {"skills": ["cooking"], "own_words": "Ik bak graag", "wants": "", "needs": "", "free_slots": [],
              "visibility": "neighbourhood"} | overrides
    return talents.ProfileAnswers(**values)


@pytest.fixture
def consenting(neighbourhood, resident, edition, make_card):
    """The resident's consents, one of each kind."""
    profile = talents.save_profile(resident, neighbourhood, talent_answers())
    card = make_card("Fatma")
    album = albums.set_swapping(albums.start_album(edition, resident, "Fatma"), True)
    story = stories.write_story(neighbourhood.id, resident.id, stories.Draft(
        title="De eerste buurtlunch", body="Veertig buren aten samen.", may_show_publicly=True))
    return {"profile": profile, "card": card, "album": album, "story": story}

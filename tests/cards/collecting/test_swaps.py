"""Swapping: doubles and what I miss, who can swap with me, proposing for a swap afternoon, and
confirming face to face with the code, once."""
from __future__ import annotations

import pytest

from community.cards.collecting import albums, swaps
from community.cards.collecting.models import CardSwap
from community.extensions import db
from tests.cards.collecting.conftest import cards_of, give


@pytest.fixture
def scene(make_neighbourhood, make_user, make_edition, make_swap_afternoon):
    neighbourhood = make_neighbourhood()
    edition = make_edition(neighbourhood, categories=2, cards_per_category=4)
    afternoon = make_swap_afternoon(edition)
    people = [make_user(neighbourhood=neighbourhood) for _ in range(4)]
    return edition, afternoon, people, cards_of(edition)


def album_for(edition, person, name, *, swapping=True):
    album = albums.start_album(edition, person, name)
    return albums.set_swapping(album, swapping)


def test_partners_are_ranked_by_the_smaller_of_give_and_get_and_only_opted_in(scene):
    edition, _afternoon, (me, ann, bob, cas), cards = scene
    mine = album_for(edition, me, "Ik")
    give(mine, cards[:4], copies=2)                      # doubles of 0..3, missing 4..7
    a = album_for(edition, ann, "Ann")
    give(a, cards[4:7], copies=2)                        # Ann can give 3, misses 0..3: I can give 4 -> 3
    b = album_for(edition, bob, "Bob")
    give(b, cards[0:3] + [cards[4]], copies=2)           # Bob can give 1, misses only 3 -> 1
    hidden = album_for(edition, cas, "Cas", swapping=False)
    give(hidden, cards[4:8], copies=3)                   # would be best, but did not opt in
    own_other = album_for(edition, me, "Mijn dochter")
    give(own_other, cards[4:8], copies=3)                # my own albums are no partners
    ranked = swaps.swap_partners(mine)
    assert [(p.name, p.give, p.get, p.score) for p in ranked] == [("Ann", 4, 3, 3), ("Bob", 1, 1, 1)]


def test_nothing_to_give_means_no_partners(scene):
    edition, _afternoon, (me, ann, *_), cards = scene
    mine = album_for(edition, me, "Ik")
    give(mine, cards[:4])
    give(album_for(edition, ann, "Ann"), cards[4:], copies=2)
    assert swaps.swap_partners(mine) == []
    wishes = swaps.wishes_of(mine)
    assert (wishes.doubles, [card.id for card in wishes.missing]) == ([], [card.id for card in cards[4:]])


def _proposed(scene):
    edition, afternoon, (me, ann, *_), cards = scene
    mine, theirs = album_for(edition, me, "Ik"), album_for(edition, ann, "Ann")
    give(mine, cards[:3], copies=2)
    give(theirs, cards[4:6], copies=2)
    return mine, theirs, swaps.propose_swap(mine, theirs.id, afternoon.id), cards


def test_a_swap_moves_the_cards_once_when_confirmed_with_the_code(scene):
    mine, theirs, swap, cards = _proposed(scene)
    assert len(swap.code) == 6 and set(swap.code) <= set(swaps.CODE_ALPHABET)
    assert sorted((line.from_album_id, line.card_id) for line in swap.lines) == sorted(
        [(mine.id, cards[0].id), (mine.id, cards[1].id), (theirs.id, cards[4].id), (theirs.id, cards[5].id)])
    assert albums.copies_in(mine.id)[cards[0].id] == 2  # nothing moves on proposing
    with pytest.raises(swaps.SwapError):
        swaps.confirm_swap(swap.id, "WRONG1")
    swaps.confirm_swap(swap.id, swap.code.lower())
    with pytest.raises(swaps.AlreadySwapped):
        swaps.confirm_swap(swap.id, swap.code)
    assert albums.copies_in(mine.id) == {cards[0].id: 1, cards[1].id: 1, cards[2].id: 2, cards[4].id: 1,
                                         cards[5].id: 1}
    assert albums.copies_in(theirs.id) == {cards[4].id: 1, cards[5].id: 1, cards[0].id: 1, cards[1].id: 1}
    assert db.session.get(CardSwap, swap.id).state == "done"


def test_a_swap_whose_double_is_gone_moves_nothing(scene):
    mine, theirs, swap, cards = _proposed(scene)
    other = swaps.propose_swap(mine, theirs.id, swap.occurrence_id)
    swaps.confirm_swap(swap.id, swap.code)
    before = (albums.copies_in(mine.id), albums.copies_in(theirs.id))
    with pytest.raises(swaps.SwapError):
        swaps.confirm_swap(other.id, other.code)
    assert (albums.copies_in(mine.id), albums.copies_in(theirs.id)) == before
    assert db.session.get(CardSwap, other.id).state == "proposed"


def test_a_cancelled_swap_cannot_be_confirmed(scene):
    _mine, _theirs, swap, _cards = _proposed(scene)
    swaps.cancel_swap(swap)
    with pytest.raises(swaps.SwapError):
        swaps.confirm_swap(swap.id, swap.code)
    with pytest.raises(swaps.SwapError):
        swaps.cancel_swap(swap)


def test_a_swap_needs_a_coming_afternoon_and_an_opted_in_partner_of_the_same_edition(scene, make_edition):
    edition, afternoon, (me, ann, bob, _), cards = scene
    mine, theirs = album_for(edition, me, "Ik"), album_for(edition, ann, "Ann", swapping=False)
    give(mine, cards[:2], copies=2)
    give(theirs, cards[4:6], copies=2)
    for partner_id, occurrence_id in ((theirs.id, afternoon.id), (mine.id, afternoon.id), (999999, afternoon.id)):
        with pytest.raises(swaps.SwapError):
            swaps.propose_swap(mine, partner_id, occurrence_id)
    albums.set_swapping(theirs, True)
    with pytest.raises(swaps.SwapError):
        swaps.propose_swap(mine, theirs.id, None)
    assert swaps.propose_swap(mine, theirs.id, afternoon.id).state == "proposed"

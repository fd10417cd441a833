"""A swap moves its cards exactly once: both phones (and a double tap on each) confirming at the same
moment, and two swaps that want the same double. Real threads, each with its own app context and
database connection, on SQLite and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import func, select

from community.cards.collecting import albums, swaps
from community.cards.collecting.models import AlbumCard, CardSwap
from community.extensions import db
from tests.cards.collecting.conftest import cards_of, give
from tests.concurrency import run_at_once

TAPS = 6


def _two_albums(make_neighbourhood, make_user, make_edition, make_swap_afternoon):
    neighbourhood = make_neighbourhood()
    edition = make_edition(neighbourhood, categories=1, cards_per_category=6)
    afternoon = make_swap_afternoon(edition)
    mine = albums.set_swapping(albums.start_album(edition, make_user(neighbourhood=neighbourhood), "Ik"), True)
    theirs = albums.set_swapping(albums.start_album(edition, make_user(neighbourhood=neighbourhood), "Ann"), True)
    cards = cards_of(edition)
    give(mine, cards[:2], copies=2)
    give(theirs, cards[3:5], copies=2)
    return mine, theirs, afternoon, cards


def _total_copies() -> int:
    return db.session.scalar(select(func.sum(AlbumCard.copies)))


def test_many_confirmations_at_once_move_the_cards_once(app, make_neighbourhood, make_user, make_edition,
                                                        make_swap_afternoon):
    mine, theirs, afternoon, cards = _two_albums(make_neighbourhood, make_user, make_edition, make_swap_afternoon)
    swap = swaps.propose_swap(mine, theirs.id, afternoon.id)
    swap_id, code, total = swap.id, swap.code, _total_copies()
    db.session.rollback()
    outcomes = []

    def tap(_number: int) -> None:
        try:
            swaps.confirm_swap(swap_id, code)
            outcomes.append("moved")
        except swaps.AlreadySwapped:
            outcomes.append("already")

    assert run_at_once(app, tap, list(range(TAPS))) == []
    assert sorted(outcomes) == ["already"] * (TAPS - 1) + ["moved"]
    db.session.rollback()  # end the read snapshot the test held while the threads wrote
    assert _total_copies() == total  # nothing duplicated, nothing lost
    assert albums.copies_in(mine.id) == {cards[0].id: 1, cards[1].id: 1, cards[3].id: 1, cards[4].id: 1}
    assert albums.copies_in(theirs.id) == {cards[3].id: 1, cards[4].id: 1, cards[0].id: 1, cards[1].id: 1}
    assert db.session.get(CardSwap, swap_id).state == "done"


def test_two_swaps_wanting_the_same_double_at_once_move_one(app, make_neighbourhood, make_user, make_edition,
                                                            make_swap_afternoon):
    mine, theirs, afternoon, _cards = _two_albums(make_neighbourhood, make_user, make_edition, make_swap_afternoon)
    first = swaps.propose_swap(mine, theirs.id, afternoon.id)
    second = swaps.propose_swap(mine, theirs.id, afternoon.id)
    codes = {first.id: first.code, second.id: second.code}
    total = _total_copies()
    db.session.rollback()
    refused = []

    def confirm(swap_id: int) -> None:
        try:
            swaps.confirm_swap(swap_id, codes[swap_id])
        except swaps.SwapError:
            refused.append(swap_id)

    assert run_at_once(app, confirm, list(codes) * 3) == []
    db.session.rollback()  # end the read snapshot the test held while the threads wrote
    states = sorted(db.session.get(CardSwap, swap_id).state for swap_id in codes)
    assert states == ["done", "proposed"]
    assert _total_copies() == total
    assert min(albums.copies_in(mine.id).values()) >= 0 and min(albums.copies_in(theirs.id).values()) >= 0

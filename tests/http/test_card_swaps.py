"""Swaps confirmed over real HTTP, against gunicorn with 4 workers: ten swaps confirmed at the same
moment, each by its partner tapping on four tabs (40 requests), and one swap confirmed forty times at
once. Every swap moves its cards once; nothing is duplicated or lost. SQLite and PostgreSQL."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from community.cards.collecting import albums, swaps
from community.cards.collecting.models import AlbumCard, CardSwap
from community.cards.models import Category, Edition
from community.extensions import db
from tests.cards.collecting.conftest import add_cards, give
from tests.http.conftest import NEIGHBOURHOOD
from tests.http.live_server import RESIDENTS, Resident, at_once, summary

pytestmark = pytest.mark.http

PAIRS = 10
TABS = RESIDENTS // PAIRS  # each partner taps on four tabs at once: forty requests


@dataclass
class Scene:
    swaps: dict[int, tuple[int, str]]  # partner's index -> (swap id, code)
    extra: tuple[int, str]             # one more swap, for the forty taps


def build_scene(neighbourhood, users) -> Scene:
    edition = Edition(neighbourhood_id=neighbourhood.id, name="Plaatjes", card_count=6, state="running")
    db.session.add(edition)
    db.session.flush()
    category = Category(edition_id=edition.id, position=0, title="Mensen die zingen")
    db.session.add(category)
    db.session.flush()
    cards = add_cards(edition, category, 6)
    afternoon = swaps.swap_afternoons(edition, 1)[0]
    made = {}
    for pair in range(PAIRS):
        proposer, partner = users[2 * pair], users[2 * pair + 1]
        mine = albums.set_swapping(albums.start_album(edition, proposer, f"A{pair}"), True)
        theirs = albums.set_swapping(albums.start_album(edition, partner, f"B{pair}"), True)
        give(mine, cards[:2], copies=3)
        give(theirs, cards[3:5], copies=3)
        swap = swaps.propose_swap(mine, theirs.id, afternoon.id)
        made[2 * pair + 1] = (swap.id, swap.code)
        if pair == 0:
            second = swaps.propose_swap(mine, theirs.id, afternoon.id)
    return Scene(made, (second.id, second.code))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A neighbourhood with a coming date in its agenda and 40 residents, no more (no demo data: the
    swaps need nothing else), served by gunicorn with 4 workers."""
    from community import create_app
    from tests.http.conftest import Site, _add_residents
    from tests.http.live_server import LiveServer, fresh_database

    folder = tmp_path_factory.mktemp("swaps")
    database = fresh_database(folder)
    server = LiveServer(database.url, folder, {})
    app = create_app({"SQLALCHEMY_DATABASE_URI": database.url, "UPLOAD_FOLDER": str(folder / "uploads"),
                      "RATELIMIT_ENABLED": False, "REDIS_URL": "", "CACHE_TYPE": "SimpleCache", "MAIL_BACKEND": "locmem"})
    found = Site(server, app, database, [])
    try:
        with app.app_context():
            db.create_all()
            neighbourhood = _neighbourhood_with_a_coming_date()
            users = _add_residents(neighbourhood)
            found.emails = [user.email for user in users]
            found.scene = build_scene(neighbourhood, users)
            db.session.remove()
        server.start()
        yield found
    finally:
        server.stop()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        database.drop()


def _neighbourhood_with_a_coming_date():
    from datetime import time, timedelta

    from community import recurrence
    from community.agenda import services as agenda
    from community.neighbourhoods.models import Neighbourhood

    neighbourhood = Neighbourhood(slug=NEIGHBOURHOOD, name="De Ruwaard", city="Oss")
    db.session.add(neighbourhood)
    db.session.commit()
    agenda.create_activity(neighbourhood, agenda.ActivityDetails(
        title="Ruilmiddag", description="", kind="games", room_id=None, organiser_id=None, cost_cents=0,
        needs_signup=False, capacity=None, languages=["nl"], first_date=recurrence.local_today() + timedelta(days=2),
        start_time=time(14), duration_minutes=120, pattern="once"))
    return neighbourhood


def _in_site(site, statement):
    with site.app.app_context():
        value = db.session.execute(statement).all()
        db.session.remove()
        return value


def _copies(site) -> dict[tuple[int, int], int]:
    return {(album_id, card_id): copies for album_id, card_id, copies in _in_site(
        site, select(AlbumCard.album_id, AlbumCard.card_id, AlbumCard.copies))}


def _after_moving(site, before: dict, swap_ids: list[int]) -> dict[tuple[int, int], int]:
    """What the albums hold when each of these swaps moved its cards exactly once."""
    from community.cards.collecting.models import SwapLine

    expected = dict(before)
    for from_album, to_album, card_id in _in_site(site, select(SwapLine.from_album_id, SwapLine.to_album_id,
                                                               SwapLine.card_id).where(SwapLine.swap_id.in_(swap_ids))):
        expected[(from_album, card_id)] -= 1
        expected[(to_album, card_id)] = expected.get((to_album, card_id), 0) + 1
    return expected


def _tabs(person: Resident, count: int) -> list[Resident]:
    """More tabs of one logged-in browser: the same session cookie, so a tap on each is a double tap."""
    tabs = []
    for _ in range(count):
        tab = Resident(person.server, person.email)
        tab.http.cookies.update(person.http.cookies)
        tabs.append(tab)
    return tabs


@pytest.fixture(scope="module")
def partners(site):
    people = {index: site.residents()[index] for index in site.scene.swaps}
    answers, _ = at_once(list(people.values()), lambda person: person.log_in())
    assert summary(answers) == {303: len(people)}
    yield people
    for person in people.values():
        person.close()


def test_ten_swaps_confirmed_at_once_each_tapped_on_four_tabs_move_once(site, partners):
    phones = [(index, tab) for index, person in partners.items() for tab in [person, *_tabs(person, TABS - 1)]]
    path = f"/{NEIGHBOURHOOD}/albums/swaps/{{}}"
    for index, person in phones:
        person.get(path.format(site.scene.swaps[index][0]))
    by_person = {id(person): index for index, person in phones}
    before = _copies(site)
    answers, seconds = at_once([person for _index, person in phones], lambda person: person.post(
        path.format(site.scene.swaps[by_person[id(person)]][0]) + "/confirm",
        {"code": site.scene.swaps[by_person[id(person)]][1]}))
    print(f"\n{PAIRS} swaps, each confirmed {TABS} times at once -> {summary(answers)} in {seconds:.2f} s")
    assert summary(answers) == {303: len(phones)}
    states = _in_site(site, select(CardSwap.state, func.count()).where(
        CardSwap.id.in_([swap_id for swap_id, _code in site.scene.swaps.values()])).group_by(CardSwap.state))
    assert dict(states) == {"done": PAIRS}
    assert _copies(site) == _after_moving(site, before, [swap_id for swap_id, _code in site.scene.swaps.values()])


def test_one_swap_confirmed_forty_times_at_once_moves_once(site, partners):
    same = _tabs(partners[1], RESIDENTS)
    swap_id, code = site.scene.extra
    path = f"/{NEIGHBOURHOOD}/albums/swaps/{swap_id}"
    for person in same:
        person.get(path)
    before = _copies(site)
    answers, seconds = at_once(same, lambda person: person.post(f"{path}/confirm", {"code": code}))
    print(f"\none swap confirmed 40 times at once -> {summary(answers)} in {seconds:.2f} s")
    assert summary(answers) == {303: RESIDENTS}
    assert _in_site(site, select(CardSwap.state).where(CardSwap.id == swap_id)) == [("done",)]
    assert _copies(site) == _after_moving(site, before, [swap_id])
    for person in same:
        person.close()

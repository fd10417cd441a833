"""The album's pages over the test client: page and fragment, adding by code and by scanning,
swapping face to face, packs, and what others may not see."""
from __future__ import annotations

import re

import pytest

from community.cards.collecting import albums
from community.cards.collecting.models import CardSwap, PackCount
from community.extensions import db
from tests.cards.collecting.conftest import cards_of, give


@pytest.fixture
def scene(make_neighbourhood, make_user, make_edition, make_swap_afternoon):
    neighbourhood = make_neighbourhood()
    edition = make_edition(neighbourhood)
    afternoon = make_swap_afternoon(edition)
    me, ann = make_user(neighbourhood=neighbourhood, name="Ik"), make_user(neighbourhood=neighbourhood, name="Petronella")
    mine = albums.set_swapping(albums.start_album(edition, me, "Sami"), True)
    theirs = albums.set_swapping(albums.start_album(edition, ann, "Annie"), True)
    return neighbourhood, edition, afternoon, me, ann, mine, theirs, cards_of(edition)


def test_the_album_page_and_fragment_show_progress_pages_and_empty_places(client, login_as, scene):
    neighbourhood, _edition, _afternoon, me, _ann, mine, _theirs, cards = scene
    give(mine, cards[:2])
    give(mine, cards[:1])
    login_as(me)
    page = client.get(f"/{neighbourhood.slug}/albums/{mine.id}/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "2 van 6 plaatjes" in html and "Mensen die 0 keer zingen" in html and "1 dubbel" in html
    assert html.count("is-empty") == 4
    fragment = client.get(f"/{neighbourhood.slug}/albums/{mine.id}/", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.get_data(as_text=True)
    assert client.get(f"/{neighbourhood.slug}/albums/").status_code == 200


def test_adding_by_code_swaps_the_album_fragment_and_a_wrong_code_is_a_422_keeping_it(client, login_as, scene):
    neighbourhood, _edition, _afternoon, me, _ann, mine, _theirs, cards = scene
    login_as(me)
    url = f"/{neighbourhood.slug}/albums/{mine.id}/add"
    added = client.post(url, data={"code": cards[0].code}, headers={"HX-Request": "true"})
    assert added.status_code == 200 and "1 van 6 plaatjes" in added.get_data(as_text=True)
    assert "HX-Trigger" in added.headers
    wrong = client.post(url, data={"code": "QQQQQQQ"}, headers={"HX-Request": "true"})
    assert wrong.status_code == 422 and 'value="QQQQQQQ"' in wrong.get_data(as_text=True)
    assert client.post(url, data={"code": "x" * 50}).status_code == 422
    assert client.post(url, data={"code": cards[1].code}).status_code == 303


def test_scanning_shows_the_card_and_adds_only_on_a_post(client, login_as, scene):
    neighbourhood, _edition, _afternoon, me, _ann, mine, _theirs, cards = scene
    login_as(me)
    page = client.get(f"/{neighbourhood.slug}/albums/scan/{cards[0].code}")
    assert page.status_code == 200 and cards[0].display_name in page.get_data(as_text=True)
    assert albums.copies_in(mine.id) == {}
    assert client.get(f"/{neighbourhood.slug}/albums/scan/NOPE").status_code == 404


def test_someone_elses_album_is_refused(client, login_as, scene):
    neighbourhood, _edition, _afternoon, _me, ann, mine, _theirs, cards = scene
    login_as(ann)
    assert client.get(f"/{neighbourhood.slug}/albums/{mine.id}/").status_code == 403
    assert client.post(f"/{neighbourhood.slug}/albums/{mine.id}/add", data={"code": cards[0].code}).status_code == 403
    assert albums.copies_in(mine.id) == {}


def test_a_swap_from_proposal_to_confirmation(client, login_as, scene):
    neighbourhood, _edition, afternoon, me, ann, mine, theirs, cards = scene
    give(mine, cards[:2], copies=2)
    give(theirs, cards[3:5], copies=2)
    login_as(me)
    page = client.get(f"/{neighbourhood.slug}/albums/{mine.id}/swap")
    assert page.status_code == 200 and "Annie" in page.get_data(as_text=True)
    assert ann.display_name not in page.get_data(as_text=True)  # neighbours see the album's name only
    proposed = client.post(f"/{neighbourhood.slug}/albums/{mine.id}/swap",
                           data={"partner": str(theirs.id), "occurrence": str(afternoon.id)})
    assert proposed.status_code == 303
    swap = db.session.query(CardSwap).one()
    shown = client.get(proposed.headers["Location"]).get_data(as_text=True)
    assert swap.code in shown
    assert client.get(f"/{neighbourhood.slug}/albums/swaps/{swap.id}/qr.svg").mimetype == "image/svg+xml"
    assert client.post(f"/{neighbourhood.slug}/albums/swaps/{swap.id}/confirm", data={"code": swap.code}).status_code == 403
    login_as(ann)
    partner_page = client.get(f"/{neighbourhood.slug}/albums/swaps/{swap.id}?code={swap.code}").get_data(as_text=True)
    assert re.search(rf'name="code"[^>]*value="{swap.code}"', partner_page)
    assert client.get(f"/{neighbourhood.slug}/albums/swaps/{swap.id}/qr.svg").status_code == 403  # the code is not for this phone
    wrong = client.post(f"/{neighbourhood.slug}/albums/swaps/{swap.id}/confirm", data={"code": "AAAAAA"})
    assert wrong.status_code == 422
    for _ in range(2):  # a double tap
        assert client.post(f"/{neighbourhood.slug}/albums/swaps/{swap.id}/confirm",
                           data={"code": swap.code}).status_code == 303
    assert albums.copies_in(mine.id) == {cards[0].id: 1, cards[1].id: 1, cards[3].id: 1, cards[4].id: 1}


def test_a_coordinator_counts_packs_and_a_resident_may_not(client, login_as, scene, make_user):
    neighbourhood, edition, _afternoon, me, _ann, _mine, _theirs, _cards = scene
    from community import recurrence

    url = f"/{neighbourhood.slug}/albums/packs/{edition.id}"
    login_as(me)
    assert client.get(url).status_code == 403
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    assert client.get(url).status_code == 200
    today = recurrence.local_today().isoformat()
    assert client.post(url, data={"place_kind": "shop", "place_name": "Bakkerij Van Dijk", "handed_out_on": today,
                                  "packs": "40"}).status_code == 303
    bad = client.post(url, data={"place_kind": "activity", "place_name": "Koffie", "handed_out_on": today,
                                 "packs": "-3"})
    assert bad.status_code == 422 and 'value="Koffie"' in bad.get_data(as_text=True)
    assert [row.packs for row in db.session.query(PackCount)] == [40]
    assert "Bakkerij Van Dijk" in client.get(url).get_data(as_text=True)



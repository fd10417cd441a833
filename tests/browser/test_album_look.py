"""The album in a real browser on a phone, in Dutch and in Arabic: axe finds nothing on the album,
its swap page and a swap's page, nor after a card was added with htmx (the album fragment swapped in
place and the live region says what happened); nothing scrolls sideways."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, log_in, screenshot, wait_for_announcement
from tests.browser.test_accessibility import check_page

COLLECTOR = "walker-resident@example.org"


@pytest.fixture(scope="session")
def album_scene(live_app):
    """An edition of eight cards in De Ruwaard; the walking resident's album holds three (one twice) and
    swaps with a neighbour, to whom it proposed a swap. Returns the URLs and a card code still missing."""
    from sqlalchemy import select

    from community.accounts.models import User
    from community.cards.collecting import albums, swaps
    from community.cards.models import Category, Edition
    from community.extensions import db
    from community.neighbourhoods.models import Membership, Neighbourhood
    from tests.cards.collecting.conftest import add_cards, give

    with live_app.app_context():
        ruwaard = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "de-ruwaard"))
        edition = Edition(neighbourhood_id=ruwaard.id, name="Buurtplaatjes in de browser", card_count=8,
                          state="running")
        db.session.add(edition)
        db.session.flush()
        cards = []
        for position, title in enumerate(("Mensen die heel hard zingen als ze alleen zijn",
                                          "Mensen die ooit het roer hebben omgegooid")):
            category = Category(edition_id=edition.id, position=position, title=title)
            db.session.add(category)
            db.session.flush()
            cards += add_cards(edition, category, 4)
        collector = db.session.scalar(select(User).where(User.email == COLLECTOR))
        neighbour = db.session.scalar(select(User).join(Membership, Membership.user_id == User.id).where(
            Membership.neighbourhood_id == ruwaard.id, User.id != collector.id, User.email.like("de-ruwaard.%")))
        mine = albums.set_swapping(albums.start_album(edition, collector, "Sami"), True)
        theirs = albums.set_swapping(albums.start_album(edition, neighbour, "Noor"), True)
        give(mine, cards[:3])
        give(mine, cards[:1])
        give(theirs, cards[5:6], copies=2)
        afternoon = swaps.swap_afternoons(edition, 1)[0]
        swap = swaps.propose_swap(mine, theirs.id, afternoon.id)
        base = "/de-ruwaard/albums"
        scene = {"album": f"{base}/{mine.id}/", "swap_page": f"{base}/{mine.id}/swap", "swap": f"{base}/swaps/{swap.id}",
                 "index": f"{base}/", "missing_codes": [card.code for card in cards[3:5]]}
        db.session.remove()
        return scene


@pytest.mark.parametrize("locale", ["nl", "ar"])
def test_the_album_passes_axe_on_a_phone_also_after_adding_a_card(live_server, new_context, album_scene, locale):
    page = new_context(locale=locale, viewport=PHONE).new_page()
    log_in(page, live_server, COLLECTOR)
    problems = []
    for name in ("index", "album", "swap_page", "swap"):
        page.goto(live_server + album_scene[name])
        assert page.locator("html").get_attribute("lang") == locale
        problems += check_page(page, f"{name} ({locale})")
    page.goto(live_server + album_scene["album"])
    before = page.locator(".album-progress").inner_text()
    code = album_scene["missing_codes"][0 if locale == "nl" else 1]
    page.fill("#code", code.lower())
    page.locator("#album button[type=submit]").click()
    assert wait_for_announcement(page)
    expect(page.locator(".album-progress")).not_to_have_text(before)
    expect(page.locator("#code")).to_have_value("")  # the swapped-in form is fresh
    assert page.url.endswith(album_scene["album"])  # swapped in place, no new page
    problems += check_page(page, f"album after adding a card ({locale})")
    screenshot(page, f"album-{locale}")
    assert not problems, "\n".join(problems)

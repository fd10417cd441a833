"""Buurtplaatjes in a real browser: every card page passes axe in Dutch and Arabic on a phone (the album, a
page, a card, making one, Mijn plaatjes before and after a one-tap revocation swapped in by htmx, and the
coordinator's pages including the print sheets, on screen and as printed)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, log_in, wait_for_announcement
from tests.browser.test_accessibility import check_page


@pytest.fixture(scope="session")
def demo_cards(live_app):
    """A small edition in De Ruwaard: two pages, three published cards of the walker resident (with photos)."""
    import io

    from PIL import Image
    from sqlalchemy import select
    from werkzeug.datastructures import FileStorage

    from community.accounts.models import User
    from community.cards import editions, making, reviewing
    from community.extensions import db
    from community.images import services as images
    from community.neighbourhoods.models import Neighbourhood

    with live_app.app_context(), live_app.test_request_context():
        ruwaard = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "de-ruwaard"))
        coordinator = db.session.scalar(select(User).where(User.email == "walker-coordinator@example.org"))
        maker = db.session.scalar(select(User).where(User.email == "walker-resident@example.org"))
        edition = editions.start_edition(ruwaard, editions.EditionDetails("Buurtplaatjes 2026", 40), by=coordinator)
        pages = [editions.add_category(edition, editions.CategoryDetails(title, translations={"ar": arabic}))
                 for title, arabic in (("Mensen die hard zingen", "أناس يغنّون بصوت عالٍ"),
                                       ("Dieren uit de buurt", "حيوانات الحي"))]
        cards = []
        for name, page, colour in (("Truus", 0, "#f2b134"), ("سارة", 0, "#81b29a"), ("Minoes", 1, "#444444")):
            buffer = io.BytesIO()
            Image.new("RGB", (90, 120), colour).save(buffer, "PNG")
            buffer.seek(0)
            photo = images.save_uploaded_image(FileStorage(buffer, filename="foto.png"), owner_id=maker.id,
                                               neighbourhood_id=ruwaard.id, private=True)
            card = making.volunteer_card(edition, making.CardDetails(pages[page].id, name, "Ik zing onder de douche",
                                                                     age=80, is_pet=page == 1),
                                         maker=maker, scopes=["print", "album", "kiosk", "card_of_the_day"],
                                         locale="nl", photo=photo)
            reviewing.decide(card, "publish", coordinator)
            cards.append(card.id)
        return {"edition": edition.id, "page": pages[0].id, "cards": cards}


@pytest.mark.parametrize("locale", ["nl", "ar"])
def test_every_card_page_passes_axe_on_a_phone(live_server, new_context, demo_cards, locale):
    base = f"{live_server}/de-ruwaard/buurtplaatjes"
    edition, card = demo_cards["edition"], demo_cards["cards"][0]
    problems = []
    page = new_context(locale=locale, viewport=PHONE).new_page()
    for url in ("/", f"/reeks/{edition}/", f"/bladzijde/{demo_cards['page']}/", f"/plaatje/{card}/"):
        page.goto(base + url)
        assert page.locator("html").get_attribute("lang") == locale
        problems += check_page(page, url)
    log_in(page, live_server, "walker-resident@example.org")
    for url in (f"{base}/reeks/{edition}/meedoen", f"{live_server}/account/plaatjes"):
        page.goto(url)
        problems += check_page(page, url)
    coordinator = new_context(locale=locale, viewport=PHONE).new_page()
    log_in(coordinator, live_server, "walker-coordinator@example.org")
    for url in ("/beheer", f"/reeks/{edition}/beheer", f"/reeks/{edition}/plaatjes", f"/plaatje/{card}/beoordelen",
                f"/bladzijde/{demo_cards['page']}/beheer", f"/reeks/{edition}/drukken"):
        coordinator.goto(base + url)
        problems += check_page(coordinator, url)
    coordinator.emulate_media(media="print")
    coordinator.goto(f"{base}/reeks/{edition}/drukken")
    expect(coordinator.locator(".plaatje-sheet").first).to_be_visible()
    problems += [problem for problem in check_page(coordinator, "print sheets, printed") if "scrolls sideways" not in
                 problem]  # printed, a sheet is A4 wide: the paper, not the phone
    assert not problems, "\n".join(problems)


def test_one_tap_revokes_in_place_and_the_page_still_passes_axe(live_server, new_context, demo_cards):
    page = new_context(locale="nl", viewport=PHONE).new_page()
    log_in(page, live_server, "walker-resident@example.org")
    page.goto(f"{live_server}/account/plaatjes")
    card = page.locator(f"#my-card-{demo_cards['cards'][2]}")
    card.locator("form[action$='/card_of_the_day/intrekken'] button").click()
    assert "Ingetrokken" in wait_for_announcement(page)
    expect(page.locator(f"#my-card-{demo_cards['cards'][2]}")).to_contain_text("Plaatje van de dag: nee")
    assert not check_page(page, "Mijn plaatjes after revoking")

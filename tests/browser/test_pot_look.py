"""The pot in a real browser: every page a gangmaker uses passes axe in Dutch and Arabic on a
phone, the year report prints, a second person approves in place with htmx, and the year's chart
reads the Arabic way round with its table beside it."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from community.demo import DEMO_PASSWORD
from tests.browser.conftest import DESKTOP, PHONE, log_in, screenshot, wait_for_announcement
from tests.browser.test_accessibility import check_page

GANGMAKER = "henk@example.org"


def _switch_language(page, base: str, locale: str) -> None:
    page.goto(f"{base}/language")
    page.click(f"main button[value='{locale}']")
    page.wait_for_load_state()


@pytest.fixture
def gangmaker_page(live_server, new_context):
    pages = []

    def make(locale: str, viewport=PHONE):
        page = new_context(locale=locale, viewport=viewport).new_page()
        log_in(page, live_server, GANGMAKER, DEMO_PASSWORD)
        _switch_language(page, live_server, locale)
        pages.append(page)
        return page

    yield make
    if pages:
        _switch_language(pages[-1], live_server, "nl")  # the demo gangmaker speaks Dutch again for other tests


@pytest.mark.parametrize("locale", ["nl", "ar"])
def test_every_page_a_gangmaker_uses_passes_axe_on_a_phone(live_server, gangmaker_page, demo_pots, locale):
    page = gangmaker_page(locale)
    pot = f"/de-ruwaard/pot/{demo_pots['Lief & leed Kastanjelaan']}"
    problems = []
    for url in (f"{pot}/", f"{pot}/books", f"{pot}/gifts/new", f"{pot}/payouts/new", f"{pot}/handovers/new",
                f"{pot}/count", f"{pot}/reimburse", f"{pot}/nominate", f"{pot}/year/2026"):
        page.goto(live_server + url)
        assert page.locator("html").get_attribute("lang") == locale
        problems += check_page(page, url)
    page.emulate_media(media="print")
    page.goto(f"{live_server}{pot}/year/2026")
    problems += check_page(page, "year report, printed")
    screenshot(page, f"pot-report-print-{locale}")
    assert not problems, "\n".join(problems)


def test_a_payout_form_with_mistakes_keeps_what_was_typed_and_passes_axe(live_server, gangmaker_page, demo_pots):
    page = gangmaker_page("nl")
    page.goto(f"{live_server}/de-ruwaard/pot/{demo_pots['Lief & leed Kastanjelaan']}/payouts/new")
    page.fill("#amount", "12,345")
    page.fill("#what", "Bos bloemen")
    page.click("main button[type=submit]")
    expect(page.locator("#amount")).to_have_value("12,345")
    expect(page.locator("#what")).to_have_value("Bos bloemen")
    expect(page.locator(".field-error").first).to_be_visible()
    assert not check_page(page, "payout form with mistakes")


def test_a_second_person_approves_in_place(live_server, new_context, demo_pots):
    """In the browser's demo Kastanjelaan has one gangmaker, so a coordinator is the second person."""
    page = new_context(locale="nl", viewport=DESKTOP).new_page()
    log_in(page, live_server, "walker-coordinator@example.org")
    page.goto(f"{live_server}/de-ruwaard/pot/{demo_pots['Lief & leed Kastanjelaan']}/books")
    card = page.locator("li[id^='payout-']").first
    card_id = card.get_attribute("id")
    card.get_by_role("button", name="Goedkeuren").click()
    assert "Goedgekeurd" in wait_for_announcement(page)
    expect(page.locator(f"#{card_id}")).to_contain_text("goedgekeurd en geboekt")
    expect(page.locator(f"#{card_id} button")).to_have_count(0)
    assert not check_page(page, "books after approving")


def test_the_years_chart_reads_the_arabic_way_round(live_server, new_context, demo_pots):
    url = f"{live_server}/de-ruwaard/pot/{demo_pots['Lief & leed Kastanjelaan']}/"
    positions = {}
    for locale in ("nl", "ar"):
        page = new_context(locale=locale, viewport=PHONE).new_page()
        page.goto(url)
        labels = page.locator(".pot-chart text")
        first, last = labels.nth(0).bounding_box(), labels.nth(11).bounding_box()
        positions[locale] = first["x"] < last["x"]
        expect(page.locator("table.pot-months")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, f"pot-page-{locale}")
    assert positions == {"nl": True, "ar": False}  # January at the left in Dutch, at the right in Arabic

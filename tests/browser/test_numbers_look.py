"""Tellen en vertellen in a real browser: the numbers page and the annual report pass axe on a phone in
Dutch and Arabic (the report printed too), without sideways scrolling, and the charts read the Arabic
way round."""
from __future__ import annotations

import pytest

from community.demo import DEMO_PASSWORD
from tests.browser.conftest import PHONE, log_in, screenshot
from tests.browser.test_accessibility import check_page

COORDINATOR = "marieke@example.org"


def _switch_language(page, base: str, locale: str) -> None:
    page.goto(f"{base}/language")
    page.click(f"main button[value='{locale}']")
    page.wait_for_load_state()


@pytest.mark.parametrize("locale", ["nl", "ar"])
def test_the_numbers_page_and_the_report_pass_axe_on_a_phone(live_server, new_context, locale):
    from community.recurrence import local_today

    page = new_context(locale=locale, viewport=PHONE).new_page()
    log_in(page, live_server, COORDINATOR, DEMO_PASSWORD)
    _switch_language(page, live_server, locale)
    problems = []
    try:
        for url in ("/de-ruwaard/numbers/", "/de-ruwaard/stories/", "/de-ruwaard/stories/new",
                    f"/de-ruwaard/numbers/report/{local_today().year}"):
            page.goto(live_server + url)
            assert page.locator("html").get_attribute("lang") == locale
            problems += check_page(page, url)
        page.goto(f"{live_server}/de-ruwaard/numbers/")
        page.locator("details.numbers-table-toggle summary").first.click()   # the table behind a chart
        problems += check_page(page, "numbers page, a chart's table open")
        screenshot(page, f"numbers-{locale}")
        page.emulate_media(media="print")
        page.goto(f"{live_server}/de-ruwaard/numbers/report/{local_today().year}")
        problems += check_page(page, "annual report, printed")
        assert page.locator("#report-edit").is_hidden()          # the form stays off the paper
        screenshot(page, f"numbers-report-print-{locale}")
    finally:
        _switch_language(page, live_server, "nl")   # the demo coordinator speaks Dutch again for other tests
    assert not problems, "\n".join(problems)


def test_a_phone_jumps_to_a_part_of_the_long_numbers_page(live_server, new_context):
    page = new_context(locale="nl", viewport=PHONE).new_page()
    page.goto(f"{live_server}/de-ruwaard/numbers/")
    jump = page.get_by_role("navigation", name="Naar een onderdeel")
    link = jump.get_by_role("link", name="Buurtplaatjes")
    assert link.bounding_box()["height"] >= 44
    link.click()
    assert page.url.endswith("#section-cards")
    heading = page.locator("#section-cards").bounding_box()
    assert 0 <= heading["y"] < PHONE["height"] / 2               # the part's heading is at the top of the screen
    assert page.locator("#section-cards").locator("xpath=..").get_by_text("Buurtplaatjes gemaakt").first.is_visible()

"""Searching in a real browser: typing updates the results (htmx), and without JavaScript the form does it all."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, screenshot, wait_for_announcement
from tests.browser.test_accessibility import check_page

STARTS_WITH_TUIN = re.compile(r"^tuin", re.IGNORECASE)


def test_typing_updates_the_results_the_address_and_the_live_region(live_server, new_context):
    page = new_context(locale="nl", viewport=PHONE).new_page()
    page.goto(f"{live_server}/de-ruwaard/")
    page.fill("#q", "koffie")
    page.press("#q", "Enter")  # the neighbourhood page's field is a plain form: to the search page
    page.wait_for_url("**/de-ruwaard/search?q=koffie")
    first = page.locator("#search-results .result").count()
    assert first > 0
    page.fill("#q", "")
    page.type("#q", "tuin", delay=60)  # typing, not sending: htmx asks after a pause
    expect(page.locator("#search-results mark").first).to_have_text(STARTS_WITH_TUIN)
    assert page.url.endswith("/de-ruwaard/search?q=tuin")
    assert "tuin" in wait_for_announcement(page)
    assert page.evaluate("document.activeElement.id") == "q"  # the focus stays in the field
    assert not check_page(page, "search after typing")
    screenshot(page, "search-typed-nl-phone")
    page.fill("#q", "xyzzy")
    expect(page.locator("#search-results .empty-title")).to_contain_text("xyzzy")
    page.go_back()
    expect(page.locator("#search-results mark").first).to_have_text(STARTS_WITH_TUIN)


def test_without_javascript_the_form_searches_and_goes_to_all_of_a_kind(live_server, new_context):
    page = new_context(locale="nl", javascript=False).new_page()
    page.goto(f"{live_server}/de-ruwaard/search")
    page.fill("#q", "koff")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url("**/de-ruwaard/search?q=koff")
    assert page.locator("#search-results .result").count() > 0
    assert page.locator("#search-results mark").first.inner_text().lower().startswith("koff")
    more = page.locator("#search-results a.more-link", has_text="Alle")
    if more.count():
        more.first.click()
        assert "kind=" in page.url and page.locator("input[name=kind]").count() == 1


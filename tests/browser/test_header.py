"""The header: one compact row at every width, the menu reachable without JavaScript."""
from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE, log_in, screenshot

HEADER_MAX_PX = 72  # one row: a 44 px target and its padding


def _header_height(page) -> float:
    return page.locator(".site-header").bounding_box()["height"]


@pytest.mark.parametrize("locale", ["nl", "ar", "tr"])
@pytest.mark.parametrize("who", ["resident", "coordinator"])
def test_the_header_is_one_row_on_a_phone_and_on_a_desktop(live_server, new_context, locale, who):
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = new_context(locale=locale, viewport=viewport).new_page()
        log_in(page, live_server, f"walker-{who}@example.org")
        page.goto(f"{live_server}/de-ruwaard/")
        screenshot(page, f"header-{who}-{locale}-{name}")
        assert _header_height(page) <= HEADER_MAX_PX, (name, _header_height(page))
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_my_agenda_and_my_tasks_are_in_the_menu_without_javascript(live_server, new_context):
    page = new_context(viewport=PHONE, javascript=False).new_page()
    log_in(page, live_server, "walker-resident@example.org")
    page.goto(f"{live_server}/de-ruwaard/")
    menu = page.locator("details.site-menu")
    assert not menu.locator("a", has_text="Mijn agenda").is_visible()
    menu.locator("summary").click()
    page.locator("details.site-menu a", has_text="Mijn taken").wait_for()
    screenshot(page, "header-menu-open-nl-phone")
    menu.locator("a", has_text="Mijn agenda").click()
    page.wait_for_load_state()
    assert page.url.endswith("/de-ruwaard/agenda/mine")


def test_on_a_desktop_the_menu_sits_in_the_bar(live_server, new_context):
    page = new_context(viewport=DESKTOP).new_page()
    log_in(page, live_server, "walker-coordinator@example.org")
    page.goto(f"{live_server}/de-ruwaard/")
    wide = page.locator(".site-nav-wide")
    assert wide.locator("a", has_text="Mijn agenda").is_visible()
    assert wide.locator("a", has_text="Buurtregisseur").is_visible()
    assert not page.locator("details.site-menu").is_visible()

"""Deleting an account in a real browser: the page, its refusal of a wrong password, and the admin's
count pass axe on a phone in Dutch and Arabic, without sideways scrolling."""
from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, log_in, screenshot
from tests.browser.test_accessibility import check_page


@pytest.mark.parametrize("locale", ["nl", "ar"])
def test_the_deletion_page_passes_axe_on_a_phone(live_server, new_context, locale):
    page = new_context(locale=locale, viewport=PHONE).new_page()
    log_in(page, live_server, "walker-resident@example.org")
    page.goto(f"{live_server}/privacy/delete")
    assert page.locator("html").get_attribute("lang") == locale
    problems = check_page(page, "deletion page")
    page.locator("main input[value='remove']").first.check()
    page.fill("#password", "niet het wachtwoord")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#password-error").is_visible()
    assert page.locator("main input[value='remove']").first.is_checked(), "the choice is kept"
    problems += check_page(page, "deletion page, wrong password")
    screenshot(page, f"deletion-{locale}")
    admin = new_context(locale=locale, viewport=PHONE).new_page()
    log_in(admin, live_server, "walker-admin@example.org")
    admin.goto(f"{live_server}/privacy/deletions")
    problems += check_page(admin, "deletion counts")
    assert not problems, "\n".join(problems)

"""Mijn gegevens and the download area in a real browser: axe on a phone in Dutch and Arabic, no
sideways scrolling, and a new download made by a tap."""
from __future__ import annotations

import pytest

from community.demo import DEMO_PASSWORD
from tests.browser.conftest import PHONE, log_in, screenshot
from tests.browser.test_accessibility import check_page

COORDINATOR = "marieke@example.org"


@pytest.fixture(scope="module")
def collector(live_app):
    """A demo neighbour who agreed to things (a talent profile neighbours see, at least): email and language."""
    from sqlalchemy import select

    from community.accounts.models import User
    from community.extensions import db
    from community.talents.models import TalentProfile

    with live_app.app_context():
        person = db.session.scalar(select(User).join(TalentProfile, TalentProfile.user_id == User.id)
                                   .where(TalentProfile.visibility == "neighbourhood", User.is_admin.is_(False))
                                   .order_by(User.id).limit(1))
        return person.email, person.locale or "nl"


def _switch_language(page, base: str, locale: str) -> None:
    page.goto(f"{base}/language")
    page.click(f"main button[value='{locale}']")
    page.wait_for_load_state()


@pytest.mark.parametrize("locale", ["nl", "ar"])
def test_my_data_and_the_download_area_pass_axe_on_a_phone(live_server, new_context, locale):
    page = new_context(locale=locale, viewport=PHONE).new_page()
    log_in(page, live_server, COORDINATOR, DEMO_PASSWORD)
    _switch_language(page, live_server, locale)
    problems = []
    try:
        for url in ("/privacy/", "/privacy/download"):
            page.goto(live_server + url)
            assert page.locator("html").get_attribute("lang") == locale
            problems += check_page(page, url)
        screenshot(page, f"privacy-downloads-{locale}")
        if page.locator("a[href*='buurtkracht-gegevens.zip']").count() == 0:   # the first run of the two makes it
            page.click("main form[action$='/privacy/download'] button[type=submit]")
            page.wait_for_load_state()
        assert page.locator("a[href*='buurtkracht-gegevens.zip']").count() == 1
        problems += check_page(page, "/privacy/download with a download ready")
        page.goto(live_server + "/privacy/")
        screenshot(page, f"privacy-{locale}")
    finally:
        _switch_language(page, live_server, "nl")   # the demo coordinator speaks Dutch again for other tests
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", ["nl", "ar"])
def test_my_consents_pass_axe_on_a_phone(live_server, new_context, collector, locale):
    email, own_locale = collector
    page = new_context(locale=locale, viewport=PHONE).new_page()
    log_in(page, live_server, email, DEMO_PASSWORD)
    _switch_language(page, live_server, locale)
    try:
        page.goto(live_server + "/privacy/")
        assert page.locator("#my-consents form").count() >= 1   # at least one consent to take back
        problems = check_page(page, "/privacy/ with consents")
        screenshot(page, f"privacy-consents-{locale}")
    finally:
        _switch_language(page, live_server, own_locale)
    assert not problems, "\n".join(problems)

"""Signing up for an activity, with htmx and without JavaScript, in a real browser."""
from __future__ import annotations

from sqlalchemy import select

from community.agenda.models import Activity, Occurrence
from community.db import utcnow
from community.extensions import db
from tests.browser.conftest import PHONE, log_in, screenshot, wait_for_announcement
from tests.browser.test_accessibility import check_page


def _coming(live_app, title: str) -> int:
    with live_app.app_context():
        return db.session.scalar(
            select(Occurrence.id).join(Activity).where(Activity.title == title, Occurrence.starts_at > utcnow(),
                                                       Occurrence.is_cancelled.is_(False))
            .order_by(Occurrence.starts_at).limit(1))


def test_sign_up_with_htmx_updates_in_place_and_is_announced(live_app, live_server, new_context):
    occurrence_id = _coming(live_app, "Vitality Club")
    page = new_context(locale="ar", viewport=PHONE).new_page()
    log_in(page, live_server, "walker-resident@example.org")
    page.goto(f"{live_server}/de-ruwaard/agenda/{occurrence_id}")
    places_before = page.locator(".places").inner_text()
    page.click("#sign-up-widget form[action$='/signup'] button")
    page.wait_for_selector("#sign-up-widget .is-mine")
    wait_for_announcement(page)
    assert page.locator(".places").inner_text() != places_before
    assert not check_page(page, "after signing up")
    screenshot(page, "agenda-signed-up-ar-phone")
    page.click("#sign-up-widget form[action$='/cancel-signup'] button")
    page.wait_for_selector("#sign-up-widget form[action$='/signup']")


def test_sign_up_without_javascript(live_app, live_server, new_context):
    occurrence_id = _coming(live_app, "Taalcafé")
    page = new_context(locale="nl", javascript=False).new_page()
    log_in(page, live_server, "walker-coordinator@example.org")
    page.goto(f"{live_server}/de-ruwaard/agenda/{occurrence_id}")
    page.click("#sign-up-widget form[action$='/signup'] button")
    assert page.url.endswith(f"/de-ruwaard/agenda/{occurrence_id}")
    assert "Je bent aangemeld" in page.locator("#sign-up-widget").inner_text()


def test_the_agenda_by_keyboard(live_app, live_server, new_context):
    occurrence_id = _coming(live_app, "Samen eten")
    page = new_context(locale="nl").new_page()
    log_in(page, live_server, "walker-admin@example.org")
    page.goto(f"{live_server}/de-ruwaard/agenda/{occurrence_id}")
    page.focus("#sign-up-widget form[action$='/signup'] button")
    page.keyboard.press("Enter")
    page.wait_for_selector("#sign-up-widget .is-mine")


def test_filter_with_htmx_keeps_the_url_shareable(live_server, new_context):
    page = new_context(locale="nl").new_page()
    page.goto(f"{live_server}/de-ruwaard/agenda/")
    page.click("details.filters summary")
    page.select_option("#kind", "coffee")
    page.wait_for_url("**kind=coffee**")
    assert "Koffie-ochtend" in page.locator("#agenda-results").inner_text()
    assert "Taalcafé" not in page.locator("#agenda-results").inner_text()
    assert not check_page(page, "after filtering")


def test_week_and_poster_screenshots(live_server, new_context):
    for locale in ("nl", "ar"):
        page = new_context(locale=locale).new_page()
        page.goto(f"{live_server}/de-ruwaard/agenda/")
        screenshot(page, f"agenda-week-{locale}-phone")
    page = new_context(locale="nl", viewport={"width": 794, "height": 1123}).new_page()
    page.goto(f"{live_server}/de-ruwaard/agenda/poster")
    page.emulate_media(media="print")
    screenshot(page, "agenda-poster-print")
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"

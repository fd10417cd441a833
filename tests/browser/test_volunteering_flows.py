"""Helping out: with htmx on a phone in Arabic, without JavaScript, and by keyboard."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from community import recurrence
from community.extensions import db
from community.volunteering.models import Task
from tests.browser.conftest import PHONE, log_in, screenshot, wait_for_announcement
from tests.browser.test_accessibility import check_page


def _task_id(live_app, title: str) -> int:
    with live_app.app_context():
        return db.session.scalar(select(Task.id).where(Task.title == title))


def _first_open_shift(page) -> str:
    return page.locator(".shift form[action$='/signup']").first.get_attribute("action").split("/")[-2]


def test_helping_with_htmx_in_arabic_on_a_phone(live_app, live_server, new_context):
    task_id = _task_id(live_app, "Wandelen met een oudere buur")
    page = new_context(locale="ar", viewport=PHONE).new_page()
    log_in(page, live_server, "walker-resident@example.org")
    page.goto(f"{live_server}/de-ruwaard/tasks/{task_id}")
    shift_id = _first_open_shift(page)
    widget = page.locator(f"#shift-{shift_id}")
    widget.locator("button").click()
    page.locator(f"#shift-{shift_id} .is-mine").wait_for()
    assert wait_for_announcement(page)
    assert page.url.endswith(f"/de-ruwaard/tasks/{task_id}")  # swapped in place
    assert not check_page(page, "after helping")
    screenshot(page, "tasks-signed-up-ar-phone")
    widget.locator("form[action$='/cancel-signup'] button").click()
    page.locator(f"#shift-{shift_id} form[action$='/signup']").wait_for()


def test_helping_without_javascript(live_app, live_server, new_context):
    task_id = _task_id(live_app, "Taalmaatje bij het taalcafé")
    page = new_context(locale="nl", javascript=False).new_page()
    log_in(page, live_server, "walker-coordinator@example.org")
    page.goto(f"{live_server}/de-ruwaard/tasks/{task_id}")
    shift_id = _first_open_shift(page)
    page.click(f"#shift-{shift_id} form[action$='/signup'] button")
    assert f"/de-ruwaard/tasks/{task_id}" in page.url
    assert "Je helpt mee" in page.locator(f"#shift-{shift_id}").inner_text()


def test_asking_for_help_by_keyboard(live_app, live_server, new_context):
    page = new_context(locale="nl").new_page()
    log_in(page, live_server, "walker-admin@example.org")
    page.goto(f"{live_server}/de-ruwaard/tasks/ask")
    page.focus("#title")
    page.keyboard.type("Wie helpt mij de kast te verplaatsen?")
    for selector, text in (("#place", "De Ruwaard-Zuid"), ("#private_place", "Lindelaan 9")):
        page.focus(selector)
        page.keyboard.type(text)
    page.fill("#first_date", (recurrence.local_today() + timedelta(days=30)).isoformat())  # within the planning window
    page.fill("#start_time", "10:00")
    page.focus("main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/de-ruwaard/tasks/" in page.url and "kast" in page.locator("h1").inner_text()
    assert "Lindelaan 9" in page.locator("main").inner_text()  # the asker sees it


def test_the_list_and_map_screenshots(live_server, new_context):
    for locale in ("nl", "ar"):
        page = new_context(locale=locale).new_page()
        page.goto(f"{live_server}/de-ruwaard/tasks/")
        screenshot(page, f"tasks-{locale}-phone")
        page.goto(f"{live_server}/de-ruwaard/talents/map")
        screenshot(page, f"map-{locale}-phone")
        assert page.locator(".plan-dot").count() >= 4

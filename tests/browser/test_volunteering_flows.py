"""Helping out: with htmx on a phone in Arabic, without JavaScript, and by keyboard."""
from __future__ import annotations

from datetime import timedelta

import pytest
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


def test_a_task_card_opens_from_anywhere_on_it_and_shows_keyboard_focus(live_server, new_context):
    page = new_context(locale="nl", viewport=PHONE).new_page()
    page.goto(f"{live_server}/de-ruwaard/tasks/")
    card = page.locator(".task-card").first
    href = card.locator(".card-title a").get_attribute("href")
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    with page.expect_navigation():  # the bottom-end corner, far from the title
        page.mouse.click(box["x"] + box["width"] - 6, box["y"] + box["height"] - 6)
    assert page.url.endswith(href)

    page.goto(f"{live_server}/de-ruwaard/tasks/")
    link = page.locator(".task-card .card-title a").first
    for _press in range(60):  # by keyboard, as someone without a mouse would
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    else:
        raise AssertionError("the first task card cannot be reached with Tab")
    focus_ring = link.evaluate("element => getComputedStyle(element, '::after').outlineStyle")
    ring_box = link.evaluate("element => { const card = element.closest('.task-card').getBoundingClientRect();"
                             " return [card.width, card.height]; }")
    assert focus_ring == "solid" and ring_box[1] > 60  # drawn around the card, not only the title


# Every word of a visible label of the week grid, with the lines its letters fall on.
SPLIT_WORDS = """() => {
  const split = [];
  for (const cell of document.querySelectorAll('.week-grid th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.getBoundingClientRect().width <= 2) continue;  // visually hidden: read, not seen
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(match[0]);
      }
    }
  }
  const grid = document.querySelector('.week-grid');
  return {split, overflow: grid.scrollWidth > grid.parentElement.clientWidth + 1
                           || document.documentElement.scrollWidth > window.innerWidth};
}"""


@pytest.mark.parametrize("locale", ["nl", "tr", "pl", "ar"])
def test_no_day_or_part_of_the_week_grid_is_split_on_a_phone(live_server, new_context, locale):
    page = new_context(locale=locale, viewport=PHONE).new_page()
    log_in(page, live_server, "walker-resident@example.org")
    page.goto(f"{live_server}/de-ruwaard/talents/profile")
    found = page.evaluate(SPLIT_WORDS)
    screenshot(page, f"talent-profile-{locale}-phone")
    assert found == {"split": [], "overflow": False}
    assert page.locator(".week-grid .day-short").first.is_visible()
    first = page.locator(".week-grid input[name=free_slots]").first
    assert first.get_attribute("aria-label") != "maandag (ochtend)" or locale == "nl"

"""How the initiative pages look and behave in a real browser: the counts grid, the photo
control, the moderation form with and without JavaScript."""
from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage

from tests.browser.conftest import DESKTOP, PHONE, log_in

BOXES = """() => [...document.querySelectorAll('dl.stats > div')].map(el => {
    const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.right]; })"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["/de-ruwaard/initiatives/counts", "/de-ruwaard/tasks/counts"])
def test_the_counts_are_an_even_grid_that_reflows_on_a_phone(live_server, new_context, path, viewport):
    page = new_context(locale="tr", viewport=viewport).new_page()
    page.goto(live_server + path)
    boxes = page.evaluate(BOXES)
    assert len(boxes) >= 2
    widths = {round(width) for _left, _top, width, _right in boxes}
    assert max(widths) - min(widths) <= 1, widths  # every box as wide as the others
    assert all(right <= viewport["width"] for *_rest, right in boxes)
    first_row = [box for box in boxes if abs(box[1] - boxes[0][1]) < 1]
    if viewport is PHONE:
        assert len(first_row) == 2, boxes  # two side by side at 360 px, not one long column or a squeeze


def _draft_needs_page(page, live_server) -> None:
    page.goto(live_server + "/de-ruwaard/initiatives/new")
    page.fill("#title", "Geveltuintjes")
    page.fill("#want", "Geveltuintjes langs de stoep")
    page.fill("#can_do", "Wij planten en gieten zelf")
    page.click("main form.stack button[type=submit]")
    page.wait_for_url("**/needs")


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 200), (40, 120, 80)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_the_photo_control_is_a_large_labelled_button_that_says_what_was_chosen(live_server, new_context):
    page = new_context(locale="nl", viewport=PHONE).new_page()
    log_in(page, live_server, "walker-resident@example.org")
    _draft_needs_page(page, live_server)
    face = page.locator("label.file-face").bounding_box()
    field = page.locator(".field-file").bounding_box()
    assert face["height"] >= 56 and face["width"] >= field["width"] - 1  # large, the width of the form
    photo = page.get_by_label("Kies een foto")
    assert photo.get_attribute("type") == "file"
    photo.focus()
    assert page.evaluate("getComputedStyle(document.querySelector('label.file-face')).outlineStyle") != "none"
    photo.set_input_files(files=[{"name": "onze-straat.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}])
    assert page.locator("#photo-chosen").inner_text() == "Gekozen: onze-straat.jpg"


def test_the_photo_control_works_without_javascript(live_server, new_context):
    page = new_context(locale="ar", viewport=PHONE, javascript=False).new_page()
    log_in(page, live_server, "walker-resident@example.org")
    _draft_needs_page(page, live_server)
    page.set_input_files("#photo", files=[{"name": "tuin.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}])
    page.click("form[action$='/photo'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("img.card-photo").count() == 1


def test_a_missing_reason_without_javascript_opens_the_page_at_the_field(live_server, new_context, demo_initiatives):
    page = new_context(locale="nl", viewport=PHONE, javascript=False).new_page()
    log_in(page, live_server, "walker-coordinator@example.org")
    page.goto(f"{live_server}/de-ruwaard/initiatives/{demo_initiatives['submitted']}")
    page.click("#moderate button[value=request_changes]")
    page.wait_for_load_state()
    assert page.url.endswith("/moderate#moderate")
    error = page.locator("#reason-error")
    box = error.bounding_box()
    assert "initiatiefnemer" in error.inner_text()
    assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"]  # in sight, next to the field


def test_a_ready_made_reason_fills_the_box_and_keeps_the_focus(live_server, new_context, demo_initiatives):
    page = new_context(locale="nl", viewport=DESKTOP).new_page()
    log_in(page, live_server, "walker-coordinator@example.org")
    page.goto(f"{live_server}/de-ruwaard/initiatives/{demo_initiatives['submitted']}")
    page.click("details.templates summary")
    choice = page.locator("#template-decline-2")
    choice.check()
    text = choice.get_attribute("data-text")
    assert page.locator("#reason").input_value() == text
    page.keyboard.press("ArrowUp")  # the arrow keys still move through the choices
    assert page.locator("#reason").input_value() == page.locator("#template-decline-1").get_attribute("data-text")

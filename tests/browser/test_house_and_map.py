"""Where the browser matters: the own plan's dots lie inside its frame at every width and direction,
the opening hours are named in the reader's language, and the little scripts of the house form and
of placing the plan do what they say (the forms work without them as well)."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, PHONE, log_in, screenshot

DOTS_AND_FRAME = """() => {
  const frame = document.querySelector('.own-plan .plan-frame').getBoundingClientRect();
  const image = document.querySelector('.own-plan .plan-image').getBoundingClientRect();
  return {frame: [frame.left, frame.top, frame.right, frame.bottom],
          image: [image.left, image.top, image.right, image.bottom],
          dots: [...document.querySelectorAll('.own-plan .plan-link')].map(link => {
            const r = link.getBoundingClientRect();
            return [link.getAttribute('aria-label'), r.left, r.top, r.right, r.bottom];
          })};
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("locale", ["nl", "ar"])
def test_the_dots_of_the_own_plan_lie_inside_its_frame(live_server, new_context, locale, viewport):
    page = new_context(locale=locale, viewport=viewport).new_page()
    page.goto(f"{live_server}/de-ruwaard/talents/map")
    page.wait_for_load_state("load")
    boxes = page.evaluate(DOTS_AND_FRAME)
    left, top, right, bottom = boxes["frame"]
    assert len(boxes["dots"]) == 4, boxes  # the food bank lies off the plan, and is listed instead
    for name, dot_left, dot_top, dot_right, dot_bottom in boxes["dots"]:
        assert left <= dot_left and dot_right <= right and top <= dot_top and dot_bottom <= bottom, (name, boxes)
        assert dot_right - dot_left >= 24, name  # big enough to hit (WCAG 2.2 target size)
    image_left, _top, image_right, _bottom = boxes["image"]
    assert image_left > left and image_right < right  # the image itself keeps its left-to-right look in Arabic
    assert page.locator(".off-plan a[href='#place-1']").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.keyboard.press("Tab")
    for _ in range(20):  # a dot is reached by keyboard and shows where the focus is
        if page.evaluate("document.activeElement.classList.contains('plan-link')"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement.querySelector('circle')).stroke") == \
        "rgb(26, 86, 219)"
    screenshot(page, f"own-plan-{locale}-{'phone' if viewport == PHONE else 'desktop'}")


def test_an_arabic_page_names_the_opening_days_in_arabic(live_server, new_context):
    page = new_context(locale="ar", viewport=PHONE).new_page()
    page.goto(f"{live_server}/de-ruwaard/")
    days = page.locator(".opening-hours dt").all_inner_texts()
    assert days and "الاثنين" in days[0] and "الجمعة" in days[0], days
    assert "السبت" in " ".join(days) and "الأحد" in " ".join(days)
    assert not any(word in " ".join(days) for word in ("maandag", "vrijdag", "t/m"))
    assert page.locator(".open-now").count() == 1 and "Nu " not in page.locator(".open-now").inner_text()
    assert re.fullmatch(r"\d\d:\d\d–\d\d:\d\d", page.locator(".opening-hours bdi[dir=ltr]").first.inner_text())
    screenshot(page, "opening-hours-ar-phone")


def test_closing_a_day_and_copying_monday_in_the_house_form(live_server, new_context):
    page = new_context(viewport=PHONE).new_page()
    log_in(page, live_server, "walker-coordinator@example.org")
    page.goto(f"{live_server}/de-ruwaard/coordinator/house")
    sunday = page.locator("#day-su input[type=time]")
    assert sunday.first.is_disabled()  # closed on Sunday: its times are set aside
    page.locator("#su_closed").uncheck()
    assert not sunday.first.is_disabled()
    page.fill("#mo_opens_1", "08:30")
    page.locator("#day-mo details summary").click()
    page.fill("#mo_opens_2", "19:00")
    page.fill("#mo_closes_2", "22:00")
    page.fill("#mo_closes_1", "12:00")
    page.click("[data-copy-day=mo]")
    assert page.input_value("#fr_opens_1") == "08:30" and page.input_value("#th_closes_2") == "22:00"
    assert page.locator("#day-tu details").get_attribute("open") is not None
    assert page.input_value("#sa_opens_1") == "10:00"  # Saturday keeps its own
    page.locator("#su_closed").check()
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "/coordinator/" in page.url and "/house" not in page.url
    page.goto(f"{live_server}/de-ruwaard/")
    assert "08:30–12:00" in page.locator(".opening-hours").inner_text()


def test_clicking_the_image_fills_in_the_point(live_server, new_context):
    page = new_context(viewport=DESKTOP).new_page()
    log_in(page, live_server, "walker-coordinator@example.org")
    page.goto(f"{live_server}/de-ruwaard/talents/map/background")
    stack = page.locator(".pick-stack")
    stack.scroll_into_view_if_needed()
    box = stack.bounding_box()
    width, height = int(stack.get_attribute("data-width")), int(stack.get_attribute("data-height"))
    stack.click(position={"x": box["width"] / 4, "y": box["height"] / 2})
    assert abs(float(page.input_value("#first_x")) - width / 4) <= 3
    assert abs(float(page.input_value("#first_y")) - height / 2) <= 3
    assert page.locator("#pick-second").is_checked()  # on to the second point
    stack.click(position={"x": box["width"] * 3 / 4, "y": box["height"] / 4})
    assert abs(float(page.input_value("#second_x")) - width * 3 / 4) <= 3
    assert "is-unset" not in (page.locator("#marker-second").get_attribute("class") or "")
    assert page.locator("#live").inner_text().startswith("Gekozen: x")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("locale", ["nl", "ar"])
def test_axe_on_the_house_form_the_home_page_and_the_plan_pages(live_server, new_context, locale, viewport):
    """The accessibility walker visits these too; here also with messages on the forms and the
    second period open."""
    from tests.browser.test_accessibility import check_page

    page = new_context(locale=locale, viewport=viewport).new_page()
    problems = []
    page.goto(f"{live_server}/de-ruwaard/")
    problems += check_page(page, "home")
    page.goto(f"{live_server}/de-ruwaard/talents/map")
    problems += check_page(page, "map")
    log_in(page, live_server, "walker-coordinator@example.org")
    page.goto(f"{live_server}/de-ruwaard/coordinator/house")
    problems += check_page(page, "house form")
    page.locator("#day-we details").evaluate("details => { details.open = true; }")
    page.fill("#we_opens_1", "09:00")
    page.fill("#we_closes_1", "17:00")
    page.fill("#we_opens_2", "12:00")
    page.fill("#we_closes_2", "")
    page.locator("#su_closed").uncheck()
    page.fill("#su_opens_1", "")
    page.fill("#su_closes_1", "17:00")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".field-error").count() >= 2, page.locator(".field-error").all_inner_texts()
    problems += check_page(page, "house form with messages")
    page.goto(f"{live_server}/de-ruwaard/talents/map/background")
    problems += check_page(page, "plan background")
    page.fill("#second_y", "99999")
    page.click(".points-form button[type=submit]")
    page.wait_for_selector("#second_y-error")
    problems += check_page(page, "plan points with a message")
    assert not problems, "\n".join(problems)

"""What a resident does, in a real browser."""
from __future__ import annotations

import re

from tests.browser.conftest import PHONE, screenshot, wait_for_announcement


def test_sign_up_confirm_log_in_and_switch_to_arabic(live_app, live_server, new_context):
    outbox = live_app.extensions["mailman"].__dict__.setdefault("outbox", [])
    page = new_context(locale="nl", viewport=PHONE).new_page()
    page.goto(live_server + "/account/signup")
    page.fill("#display_name", "Amira")
    page.fill("#email", "amira@example.org")
    page.fill("#password", "mijn buurt is mooi")
    page.select_option("#neighbourhood_id", label="De Ruwaard (Oss)")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Kijk in je e-mail")

    for _ in range(50):  # the outbox is sent just after the response: give it a moment
        if outbox and "/account/confirm/" in outbox[-1].body:
            break
        page.wait_for_timeout(100)
    link = re.search(r"http://\S+/account/confirm/\S+", outbox[-1].body).group(0)
    page.goto(link)
    assert page.url.endswith("/de-ruwaard/")
    page.click("details.site-menu summary")  # on a phone, logging out is in the menu
    page.click("details.site-menu form[action$='/account/logout'] button")
    page.goto(live_server + "/account/login")
    page.fill("#email", "amira@example.org")
    page.fill("#password", "mijn buurt is mooi")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/de-ruwaard/$"))
    screenshot(page, "home-nl-phone")

    page.click("details.language-switch summary")
    page.click("button[lang=ar]")
    page.wait_for_load_state()
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar" and html.get_attribute("dir") == "rtl"
    assert page.url.endswith("/de-ruwaard/")
    assert screenshot(page, "home-ar-phone").stat().st_size > 10_000
    # Remembered: the saved preference wins over the browser's language next time.
    page.goto(live_server + "/account/profile")
    assert page.locator("html").get_attribute("lang") == "ar"


def test_the_language_switch_works_without_javascript(live_server, new_context):
    page = new_context(locale="nl", javascript=False).new_page()
    page.goto(live_server + "/de-ruwaard/")
    page.click("details.language-switch summary")
    page.click("button[lang=uk]")
    assert page.locator("html").get_attribute("lang") == "uk"


def test_keyboard_first_tab_is_the_skip_link(live_server, new_context):
    page = new_context().new_page()
    page.goto(live_server + "/de-ruwaard/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_login_form_by_keyboard_alone(live_server, new_context):
    page = new_context().new_page()
    page.goto(live_server + "/account/login")
    page.focus("#email")
    page.keyboard.type("walker-resident@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("een lange zin voor de browser")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/de-ruwaard/$"))


def test_htmx_loads_with_a_strict_policy(live_server, new_context):
    page = new_context().new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(live_server + "/de-ruwaard/")
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("htmx.config.allowEval") is False
    assert page.evaluate("htmx.config.selfRequestsOnly") is True
    assert errors == [], errors  # no CSP violation, nothing broken


def test_touch_targets_are_at_least_44px(live_server, new_context):
    page = new_context().new_page()
    page.goto(live_server + "/de-ruwaard/")
    # a link stretched over its card (an absolute ::after) is as tall as the card
    small = page.evaluate("""() => [...document.querySelectorAll('a, button, summary, input, select')]
        .filter(el => el.offsetParent !== null && !el.closest('p, li.card p, address, .muted'))
        .map(el => { const after = getComputedStyle(el, '::after');
                     const area = after.content !== 'none' && after.position === 'absolute' ? el.offsetParent : el;
                     return [el.outerHTML.slice(0, 80), area.getBoundingClientRect().height]; })
        .filter(([, h]) => h < 44)""")
    assert small == [], small


def test_joining_a_neighbourhood_with_htmx_is_announced(live_server, new_context):
    from tests.browser.conftest import log_in
    from tests.browser.test_accessibility import check_page

    page = new_context(locale="ar").new_page()
    log_in(page, live_server, "walker-resident@example.org")
    page.goto(live_server + "/selwerd/")
    page.click("#join-widget button")
    page.wait_for_selector("p#join-widget")
    wait_for_announcement(page)
    assert page.url.endswith("/selwerd/")  # swapped in place, no page load
    assert not check_page(page, "after joining")

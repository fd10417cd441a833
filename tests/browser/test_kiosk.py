"""The kiosk screen in a real browser: axe at TV sizes in Dutch and Arabic, upright too; it keeps
its last good deck while the server is away and recovers by itself; a revoked address leaves a
neutral screen; and hundreds of rotations and polls leave memory and the page's size flat."""
from __future__ import annotations

import socket
import threading

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from werkzeug.serving import make_server

from community.extensions import db
from tests.browser.test_accessibility import check_page

TV = {"width": 1920, "height": 1080}
SMALL_TV = {"width": 1280, "height": 720}
UPRIGHT = {"width": 1080, "height": 1920}


@pytest.fixture(scope="module")
def screen_token(live_app):
    from community.kiosk.models import KioskScreen

    with live_app.app_context():
        return db.session.scalar(select(KioskScreen.token).where(KioskScreen.name == "Hal De Haard"))


def _show_each_slide(page):
    """Every slide in turn (the rotation is the screen's own; axe looks at each one while it shows)."""
    count = page.evaluate("document.querySelectorAll('.slide').length")
    for index in range(count):
        page.evaluate("""(i) => { const slides = [...document.querySelectorAll('.slide')];
            slides.forEach((s, j) => { s.hidden = j !== i; });
            document.querySelectorAll('.language').forEach(l => { l.hidden = !l.contains(slides[i]); }); }""", index)
        yield index


@pytest.mark.parametrize("viewport", [TV, SMALL_TV, UPRIGHT], ids=["1920x1080", "1280x720", "upright"])
def test_every_slide_passes_axe_and_fits(live_server, new_context, screen_token, viewport):
    page = new_context(locale="nl", viewport=viewport).new_page()
    page.goto(f"{live_server}/kiosk/{screen_token}")
    problems = []
    for index in _show_each_slide(page):
        problems += check_page(page, f"slide {index}")
        shown = page.locator(".slide:not([hidden])")
        overflow = shown.evaluate("s => s.scrollHeight - s.clientHeight")
        if overflow > 2:
            problems.append(f"slide {index} ({shown.get_attribute('class')}) is {overflow}px taller than the screen")
    assert not problems, "\n".join(problems)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(app, port: int):
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def test_it_keeps_its_deck_while_the_server_is_away_and_recovers(live_app, new_context, screen_token):
    port = _free_port()
    server, thread = _serve(live_app, port)
    page = new_context(locale="nl", viewport=SMALL_TV).new_page()
    page.goto(f"http://127.0.0.1:{port}/kiosk/{screen_token}?pace=0.02")  # it asks for its deck every second
    expect(page.locator(".slide:not([hidden])")).to_have_count(1)
    server.shutdown()
    thread.join(timeout=5)
    stale = page.locator("#kiosk-stale")
    expect(stale).to_be_visible(timeout=15000)
    expect(stale).to_contain_text("Bijgewerkt om")
    expect(page.locator(".slide:not([hidden])")).to_have_count(1)  # the last good deck goes on rotating
    assert "chrome-error" not in page.url
    server, thread = _serve(live_app, port)
    try:
        expect(stale).to_be_hidden(timeout=15000)
        expect(page.locator(".slide:not([hidden])")).to_have_count(1)
    finally:
        server.shutdown()
        thread.join(timeout=5)


def test_a_revoked_address_leaves_a_neutral_screen(live_app, live_server, new_context):
    from community.kiosk import services as screens
    from community.kiosk.models import SLIDES
    from community.neighbourhoods.models import Neighbourhood

    with live_app.app_context():
        ruwaard = db.session.scalar(select(Neighbourhood.id).where(Neighbourhood.slug == "de-ruwaard"))
        screen = screens.add_screen(ruwaard, screens.ScreenSettings("Bibliotheek", list(SLIDES), ["nl"]))
        token, screen_id = screen.token, screen.id
    page = new_context(locale="nl", viewport=SMALL_TV).new_page()
    page.goto(f"{live_server}/kiosk/{token}?pace=0.02")
    expect(page.locator("#deck")).to_be_visible()
    with live_app.app_context():
        screens.new_address(db.session.get(screens.KioskScreen, screen_id))
    expect(page.locator("#kiosk-neutral")).to_be_visible(timeout=15000)
    expect(page.locator("#deck")).to_be_hidden()
    assert "chrome-error" not in page.url and not page.locator("#kiosk-stale").is_visible()


def test_hundreds_of_rotations_and_polls_leave_memory_flat(live_server, new_context, screen_token):
    page = new_context(locale="nl", viewport=SMALL_TV).new_page()
    page.goto(f"{live_server}/kiosk/{screen_token}?pace=0.005")  # 50 ms a slide, a poll every second
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")

    def measure() -> tuple[int, int]:
        cdp.send("HeapProfiler.collectGarbage")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        return int(metrics["JSHeapUsedSize"]), int(metrics["Nodes"])

    page.wait_for_timeout(3000)  # settled: first polls done, the rotation running
    heap_before, nodes_before = measure()
    page.wait_for_timeout(25000)  # some 500 rotations and 25 polls
    heap_after, nodes_after = measure()
    print(f"\nkiosk over 25 s at 50 ms a slide: JS heap {heap_before} -> {heap_after} bytes, "
          f"DOM nodes {nodes_before} -> {nodes_after}")
    assert heap_after < heap_before * 1.25 + 256 * 1024
    assert nodes_after <= nodes_before * 1.1 + 50

"""Pictures in a real browser: every card starts with its picture (a photo's thumbnail or the
pictogram) in a fixed square at the start side, beside the words and never on top of them, also
before (or without) the photo arriving; the photo on an activity's or a task's page keeps its place
while it loads, fits the page, and is the small file on a phone."""
from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE, log_in

SIZES = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
LOCALES = pytest.mark.parametrize("locale", ["nl", "ar"])
CARDS = "main .event, main .task-card"

# Per card: its first child is its one picture (a task card's 56 px thumbnail, or an agenda card's
# picture slot, 32 to 44 px), a square inside the card at the start side (left, or right in Arabic),
# and no text of the card overlaps it.
CARD_PROBLEMS = """(selector) => {
  const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const rtl = document.documentElement.dir === 'rtl';
  return [...document.querySelectorAll(selector)].flatMap(card => {
    const name = card.innerText.trim().split('\\n').find(Boolean);
    const thumbs = card.querySelectorAll(':is(.thumb, .event-picture):not(.event-picture *)'), thumb = card.firstElementChild;
    if (thumbs.length !== 1 || !thumb.matches('.thumb, .event-picture')) return [`${name}: ${thumbs.length} pictures, not first`];
    const t = thumb.getBoundingClientRect(), c = card.getBoundingClientRect();
    const problems = [];
    const [least, most] = thumb.matches('.event-picture') ? [32, 44] : [56, 56];
    if (Math.abs(t.width - t.height) > 0.5 || t.width < least - 0.5 || t.width > most + 0.5) problems.push(`${name}: picture ${t.width}x${t.height}`);
    if (t.left < c.left || t.right > c.right || t.top < c.top || t.bottom > c.bottom) problems.push(`${name}: picture outside its card`);
    if (rtl ? c.right - t.right > 24 : t.left - c.left > 24) problems.push(`${name}: picture not at the start side`);
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim() || thumb.contains(node)) continue;
      const range = document.createRange(); range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width && meet(rect, t)) problems.push(`${name}: "${node.data.trim().slice(0, 30)}" over the picture`);
      }
    }
    return problems;
  });
}"""

@pytest.fixture(scope="module")
def walker_signed_up(live_app):
    """The walking resident comes to a health session and helps in the bike workshop (which has a
    photo), so that Mijn agenda and Mijn taken have cards; dates no other test looks at."""
    from sqlalchemy import select

    from community.accounts.models import User
    from community.agenda import services as agenda
    from community.agenda.models import Activity, Occurrence
    from community.db import utcnow
    from community.extensions import db
    from community.volunteering import services as volunteering
    from community.volunteering.models import Shift, Task

    with live_app.app_context(), live_app.test_request_context():
        walker = db.session.scalar(select(User.id).where(User.email == "walker-resident@example.org"))
        occurrence = db.session.scalar(
            select(Occurrence.id).join(Activity).where(Activity.title == "Gezond leven met de GGD",
                                                       Occurrence.starts_at > utcnow()).order_by(Occurrence.starts_at))
        shift = db.session.scalar(select(Shift.id).join(Task, Task.id == Shift.task_id).where(
            Task.title == "Fietsenwerkplaats", Shift.starts_at > utcnow()).order_by(Shift.starts_at))
        agenda.sign_up_for_occurrence(occurrence, walker)
        volunteering.volunteer_for_shift(shift, walker)


PAGES = ["/de-ruwaard/", "/de-ruwaard/agenda/", "/de-ruwaard/agenda/mine", "/de-ruwaard/tasks/", "/de-ruwaard/tasks/mine"]


@SIZES
@LOCALES
def test_every_card_shows_its_picture_beside_its_words(live_server, new_context, walker_signed_up, locale, viewport):
    page = new_context(locale=locale, viewport=viewport).new_page()
    log_in(page, live_server, "walker-resident@example.org")
    photos = pictograms = 0
    for url in PAGES:
        page.goto(live_server + url)
        page.wait_for_load_state("networkidle")
        assert page.locator(CARDS).count() or url == "/de-ruwaard/", url  # nothing may be left today
        assert not page.evaluate(CARD_PROBLEMS, CARDS), f"{url} ({locale}, {viewport['width']} px)"
        photos += page.locator("main img.thumb").count()
        pictograms += page.locator("main :is(.thumb-pictogram, .event-picture) svg use").count()
        loaded = page.evaluate("() => [...document.querySelectorAll('main img.thumb')].filter(i => i.complete)"
                               ".map(i => i.naturalWidth)")
        assert set(loaded) <= {160}, url
    assert photos and pictograms  # the demo has both


@LOCALES
def test_cards_keep_their_shape_while_photos_have_not_arrived(live_server, new_context, locale):
    context = new_context(locale=locale, viewport=PHONE)
    context.route("**/images/**", lambda route: route.abort())  # as on a slow line: no photo yet
    page = context.new_page()
    for url in ("/de-ruwaard/agenda/", "/de-ruwaard/tasks/"):
        page.goto(live_server + url)
        assert page.locator("main img.thumb").count(), url
        assert not page.evaluate(CARD_PROBLEMS, CARDS), f"{url} ({locale}) without its photos"


@SIZES
@LOCALES
def test_the_photo_on_a_page_keeps_its_place_and_fits(live_server, new_context, demo_photos, locale, viewport):
    for url in (f"/de-ruwaard/agenda/{demo_photos['occurrence']}", f"/de-ruwaard/tasks/{demo_photos['task']}"):
        sizes = []
        for blocked in (True, False):
            context = new_context(locale=locale, viewport=viewport)
            if blocked:
                context.route("**/images/**", lambda route: route.abort())
            page = context.new_page()
            page.goto(live_server + url)
            page.wait_for_load_state("networkidle")
            photo = page.locator("main img.series-photo")
            box = photo.bounding_box()
            sizes.append((round(box["width"]), round(box["height"]), round(box["y"])))
            main = page.locator("main").bounding_box()
            assert box["x"] >= main["x"] and box["x"] + box["width"] <= main["x"] + main["width"] + 0.5, url
            assert box["height"] <= 24 * 16 + 0.5 and box["width"] <= 36 * 16 + 0.5, url
            assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0, url
            if not blocked:
                chosen = photo.evaluate("img => img.currentSrc")
                assert chosen.endswith("-small.webp" if viewport is PHONE else "-large.webp"), chosen
        assert sizes[0] == sizes[1], f"{url}: the photo's place changes when it arrives: {sizes}"


def test_the_activity_form_shows_the_photo_there_is_and_offers_another(live_server, new_context, demo_photos):
    page = new_context(viewport=PHONE).new_page()
    log_in(page, live_server, "walker-coordinator@example.org")
    page.goto(f"{live_server}/de-ruwaard/agenda/series/{demo_photos['series']}/edit")
    current = page.locator(".current-photo img")
    assert current.evaluate("img => img.complete && img.naturalWidth") == 160
    assert page.locator("label.file-face").inner_text().strip() == "Kies een andere foto"
    assert page.locator("#photo_description").input_value().startswith("Tekening: een kop koffie")
    assert page.get_by_label("Foto weghalen").count() == 1

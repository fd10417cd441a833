"""How the agenda looks in a real browser: time and title side by side or stacked but never on
top of each other, words wrapped between words, targets big enough to tap, Latin text isolated
on right-to-left pages; the week's days side by side on wide screens, a bar of days that stays on
top on a phone, and a month whose marked days are the database's."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from community.agenda.models import Activity, Occurrence
from community.db import utcnow
from community.extensions import db
from tests.browser.conftest import DESKTOP, PHONE, log_in

SIZES = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
TABLET = {"width": 768, "height": 1024}
THREE_SIZES = pytest.mark.parametrize("viewport", [PHONE, TABLET, DESKTOP], ids=["360", "768", "1280"])
LOCALES = pytest.mark.parametrize("locale", ["nl", "ar"])

OVERLAPS = """() => {
  const box = el => el.getBoundingClientRect();
  const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  return [...document.querySelectorAll('main .event')].flatMap(card => {
    const time = card.querySelector('.event-time'), title = card.querySelector('.event-title');
    const body = card.querySelector('.event-body'), inner = box(card), picture = card.querySelector('.event-picture');
    const problems = [];
    // the text itself, not its block: a Range around the time's text
    const range = document.createRange(); range.selectNodeContents(time);
    const text = range.getBoundingClientRect();
    if (meet(text, box(title)) || meet(text, box(body))) problems.push('overlap: ' + card.innerText.slice(0, 60));
    if (picture && [text, box(title), box(body)].some(other => meet(box(picture), other))) problems.push('picture on the text: ' + card.innerText.slice(0, 60));
    for (const part of [text, box(title), box(body)]) {
      if (part.right > inner.right + 0.5 || part.left < inner.left - 0.5) problems.push('outside its card: ' + card.innerText.slice(0, 60));
    }
    return problems;
  });
}"""

# Every word (split at spaces and hyphens, which are fair places to break) lies on one line.
SPLIT_WORDS = """() => {
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  const split = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('.url, script, style, [hidden]')) continue;
    for (const match of node.data.matchAll(/[^\\s\\-\\u2013\\/]+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index); range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top / 4)));
      if (tops.size > 1) split.push(match[0]);
    }
  }
  return split;
}"""

# Links and buttons: 44 x 44 px at least. A link inside a sentence (its text is part of a longer
# text in the same block) may be 24 px tall, the WCAG 2.5.8 minimum, as text-sized links are.
SMALL_TARGETS = """(scope) => [...document.querySelectorAll(scope)].flatMap(root =>
  [...root.querySelectorAll('a[href], button, summary, input[type=submit]')]).filter(el => {
    // a link stretched over its card (an absolute ::after, inset 0) is as big as the card
    const after = getComputedStyle(el, '::after');
    const stretched = after.content !== 'none' && after.position === 'absolute' && el.offsetParent;
    const r = (stretched ? el.offsetParent : el).getBoundingClientRect();
    if (r.width === 0 || el.closest('details:not([open]) > :not(summary)')) return false;
    const block = el.closest('p, li, dd, td, h1, h2, h3, address') || el.parentElement;
    const inSentence = !stretched && block.innerText.trim().length > el.innerText.trim().length + 3 && getComputedStyle(el).display === 'inline';
    return inSentence ? r.height < 24 : (r.height < 43.5 || r.width < 43.5);
  }).map(el => `${el.tagName} "${el.innerText.trim().slice(0, 40)}" ${Math.round(el.getBoundingClientRect().width)}x${Math.round(el.getBoundingClientRect().height)}`)"""


def _coming(live_app, title: str) -> int:
    with live_app.app_context():
        return db.session.scalar(
            select(Occurrence.id).join(Activity).where(Activity.title == title, Occurrence.starts_at > utcnow(),
                                                       Occurrence.is_cancelled.is_(False))
            .order_by(Occurrence.starts_at).limit(1))


@THREE_SIZES
@LOCALES
def test_time_and_title_never_overlap(live_server, new_context, locale, viewport):
    page = new_context(locale=locale, viewport=viewport).new_page()
    page.goto(live_server + "/de-ruwaard/agenda/")
    next_week = page.locator("a[rel=next]").get_attribute("href")
    for url in ("/de-ruwaard/", "/de-ruwaard/agenda/", next_week):
        page.goto(live_server + url)
        cards = page.locator("main .event").count()
        assert cards or url == "/de-ruwaard/", f"{url}: no cards to measure"  # today may be empty at night
        assert not page.evaluate(OVERLAPS), f"{url} ({locale}, {viewport['width']} px)"


@SIZES
@pytest.mark.parametrize("locale", ["nl", "ar", "tr"])
def test_words_are_not_broken_in_the_middle(live_app, live_server, new_context, upcoming_occurrence, locale, viewport):
    page = new_context(locale=locale, viewport=viewport).new_page()
    log_in(page, live_server, "walker-resident@example.org")
    for url in (f"/de-ruwaard/agenda/{upcoming_occurrence.id}", f"/de-ruwaard/agenda/{_coming(live_app, 'Bingo')}",
                "/de-ruwaard/agenda/poster", "/de-ruwaard/agenda/", "/de-ruwaard/agenda/mine", "/de-ruwaard/",
                "/de-ruwaard/agenda/month"):
        page.goto(live_server + url)
        assert not page.evaluate(SPLIT_WORDS), f"{url} ({locale}, {viewport['width']} px)"
        assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0, f"{url} scrolls sideways"


def test_the_poster_url_may_break_but_stays_whole_text(live_server, new_context):
    page = new_context(locale="ar", viewport=PHONE).new_page()
    page.goto(live_server + "/de-ruwaard/agenda/poster")
    url = page.locator(".poster-footer .url")
    assert url.get_attribute("dir") == "ltr"
    assert url.inner_text().replace("\n", "").startswith("http://127.0.0.1:")


@SIZES
@LOCALES
def test_links_and_buttons_are_big_enough_to_tap(live_app, live_server, new_context, upcoming_occurrence, locale, viewport):
    page = new_context(locale=locale, viewport=viewport).new_page()
    log_in(page, live_server, "walker-resident@example.org")
    pages = {"/de-ruwaard/": "main .today",  # the agenda's part of the home page
             "/de-ruwaard/agenda/": "main", f"/de-ruwaard/agenda/{upcoming_occurrence.id}": "main",
             "/de-ruwaard/agenda/mine": "main", "/de-ruwaard/agenda/poster": "main", "/de-ruwaard/agenda/month": "main"}
    problems = []
    for url, scope in pages.items():
        page.goto(live_server + url)
        assert page.locator(scope).count(), url
        problems += [f"{url}: {small}" for small in page.evaluate(SMALL_TARGETS, scope)]
    assert not problems, "\n".join(problems)


def test_latin_text_is_isolated_on_arabic_pages(live_app, live_server, new_context, upcoming_occurrence):
    page = new_context(locale="ar", viewport=PHONE).new_page()
    page.goto(f"{live_server}/de-ruwaard/agenda/{upcoming_occurrence.id}")
    isolated = page.locator(".calendar-links a bdi[dir=ltr]")
    assert isolated.count() == 2 and isolated.first.inner_text() == "(.ics)"
    # read left to right: "(" before ".", so it shows "(.ics)" and not "(ics.)"
    order = page.evaluate("""() => [...document.querySelectorAll('.calendar-links bdi, main .event-time bdi, .facts bdi[dir=ltr]')]
      .map(el => { const node = el.firstChild.nodeType === 3 ? el.firstChild : el.querySelector('time').firstChild;
                   const at = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                                     return r.getBoundingClientRect().left; };
                   return at(0) < at(1); })""")
    assert order and all(order)
    page.goto(f"{live_server}/de-ruwaard/agenda/")
    assert page.locator("main .event-time bdi[dir=ltr]").count() == page.locator("main .event").count()

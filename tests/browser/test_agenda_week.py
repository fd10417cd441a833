"""The week at a glance and the month, in a real browser: the days side by side on wide screens
(Monday first from the reading side), four to a row on a tablet, a bar of days that stays on top
of a phone's long list and opens each day at its heading (also without JavaScript), no sideways
scrolling, and a month whose marked days are the ones the database has."""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select

from community import recurrence
from community.agenda.models import Activity, Occurrence
from community.extensions import db
from community.neighbourhoods.models import Neighbourhood
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_agenda_look import TABLET, THREE_SIZES

LOCALES = pytest.mark.parametrize("locale", ["nl", "ar"])

DAYS = """() => [...document.querySelectorAll('.week-days > .day')].map(day => {
  const r = day.getBoundingClientRect();
  const outside = [...day.querySelectorAll('.event')].filter(card => {
    const c = card.getBoundingClientRect(); return c.left < r.left - 0.5 || c.right > r.right + 0.5; });
  return {left: r.left, right: r.right, top: r.top, width: r.width, outside: outside.length,
          today: day.classList.contains('is-today'), heading: day.querySelector('.day-title').innerText.trim()};
})"""

SIDEWAYS = "document.documentElement.scrollWidth - innerWidth"


def _today_word(locale: str) -> str:
    return {"nl": "Vandaag", "ar": "اليوم"}[locale]


@LOCALES
def test_the_week_shows_its_seven_days_side_by_side_at_1280(live_server, new_context, locale):
    page = new_context(locale=locale, viewport=DESKTOP).new_page()
    page.goto(live_server + "/de-ruwaard/agenda/")
    days = page.evaluate(DAYS)
    assert len(days) == 7 and len({round(day["top"]) for day in days}) == 1, days  # one row
    in_order = [day["left"] for day in days]
    assert in_order == sorted(in_order, reverse=locale == "ar")  # Monday first, from where one reads
    by_place = sorted(days, key=lambda day: day["left"])
    assert all(left["right"] <= right["left"] + 0.5 for left, right in zip(by_place, by_place[1:]))  # no overlap
    assert all(day["width"] > 150 and not day["outside"] for day in days)
    marked = [day for day in days if day["today"]]
    assert len(marked) == 1 and marked[0]["heading"].startswith(_today_word(locale))  # in words, not colour alone
    assert page.locator(".day-bar").is_hidden()  # the whole week is in view: no bar needed
    assert page.evaluate(SIDEWAYS) <= 0
    screenshot(page, f"agenda-week-{locale}-desktop")


@LOCALES
def test_a_tablet_shows_four_days_to_a_row(live_server, new_context, locale):
    page = new_context(locale=locale, viewport=TABLET).new_page()
    page.goto(live_server + "/de-ruwaard/agenda/")
    days = page.evaluate(DAYS)
    rows = [round(day["top"]) for day in days]
    assert len(set(rows[:4])) == 1 and len(set(rows[4:])) == 1 and rows[4] > rows[0]
    assert all(not day["outside"] for day in days)
    assert page.locator(".day-bar").is_visible()


@THREE_SIZES
@LOCALES
def test_the_week_and_the_month_never_scroll_sideways(live_server, new_context, locale, viewport):
    page = new_context(locale=locale, viewport=viewport).new_page()
    for url in ("/de-ruwaard/agenda/", "/de-ruwaard/agenda/month", "/de-ruwaard/agenda/?kind=games"):
        page.goto(live_server + url)
        assert page.evaluate(SIDEWAYS) <= 0, f"{url} ({locale}, {viewport['width']} px)"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_day_bar_stays_on_top_and_opens_a_day_at_its_heading(live_server, new_context, javascript):
    page = new_context(locale="nl", viewport=PHONE, javascript=javascript).new_page()
    page.goto(live_server + "/de-ruwaard/agenda/")
    bar = page.locator(".day-bar")
    today = recurrence.local_today().isoformat()
    assert bar.locator("[aria-current=date]").get_attribute("href") == f"#day-{today}"
    links = bar.locator("a")
    assert links.count() == 7
    for number in range(7):
        box = links.nth(number).bounding_box()
        assert box["height"] >= 43.5 and box["width"] >= 43.5

    page.mouse.wheel(0, 2500)
    page.wait_for_timeout(200)
    assert page.evaluate("scrollY") > 2000
    stays = bar.bounding_box()
    assert abs(stays["y"]) < 1 and bar.is_visible()  # still at the top of the screen

    saturday = links.nth(5)
    target = saturday.get_attribute("href")
    saturday.click()
    page.wait_for_timeout(200)
    assert page.url.endswith(target)
    heading, bar_box = page.locator(target).bounding_box(), bar.bounding_box()
    assert heading["y"] >= bar_box["y"] + bar_box["height"] - 0.5, "the heading is under the bar"
    assert heading["y"] + heading["height"] <= PHONE["height"]
    if javascript:
        screenshot(page, "agenda-day-bar-phone")


def test_the_day_bar_scrolls_by_itself_in_arabic(live_server, new_context):
    page = new_context(locale="ar", viewport=PHONE).new_page()
    page.goto(live_server + "/de-ruwaard/agenda/")
    widths = page.evaluate("(() => { const list = document.querySelector('.day-bar ul');"
                           " return [list.scrollWidth, list.clientWidth]; })()")
    assert widths[0] >= widths[1]
    assert page.evaluate(SIDEWAYS) <= 0  # whatever the bar holds, the page does not move sideways


def _dates_per_day_in_this_month(live_app) -> dict[str, int]:
    """Counted here from the rows, in Python, day by day in Amsterdam: the page counts in SQL."""
    with live_app.app_context():
        first = recurrence.local_today().replace(day=1)
        following = (first + timedelta(days=31)).replace(day=1)
        start, end = recurrence.day_bounds_utc(first - timedelta(days=1), (following - first).days + 2)
        ruwaard = db.session.scalar(select(Neighbourhood.id).where(Neighbourhood.slug == "de-ruwaard"))
        starts = db.session.scalars(
            select(Occurrence.starts_at).join(Activity, Activity.id == Occurrence.activity_id)
            .where(Occurrence.neighbourhood_id == ruwaard, Occurrence.is_cancelled.is_(False),
                   Activity.is_paused.is_(False), Occurrence.starts_at >= start, Occurrence.starts_at < end)).all()
        days = [recurrence.to_local(moment).date() for moment in starts]
        return dict(Counter(day.isoformat() for day in days if first <= day < following))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
@LOCALES
def test_the_month_marks_the_days_the_database_has(live_app, live_server, new_context, locale, viewport):
    page = new_context(locale=locale, viewport=viewport).new_page()
    page.goto(live_server + "/de-ruwaard/agenda/month")
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.month-day a')].map(link =>
        [link.getAttribute('href').split('#day-')[1], Number(link.querySelector('.month-count').textContent)]))""")
    assert shown and shown == _dates_per_day_in_this_month(live_app)
    today = recurrence.local_today().isoformat()
    assert page.locator("[aria-current=date]").count() == 1
    if today in shown:
        assert page.locator(f".month-day a[href$='#day-{today}']").get_attribute("aria-current") == "date"
    words = page.locator(".month-day a .month-count-words").first
    assert words.is_visible() == (viewport is DESKTOP)  # "10 activiteiten" where it fits, "10" on a phone
    screenshot(page, f"agenda-month-{locale}-{viewport['width']}")

    day = max(shown)
    page.click(f".month-day a[href$='#day-{day}']")
    page.wait_for_load_state()
    assert f"week={recurrence.week_start(recurrence.local_today().replace(day=int(day[-2:]))).isoformat()}" in page.url
    heading = page.locator(f"#day-{day}").bounding_box()
    assert 0 <= heading["y"] < viewport["height"]  # the week opens at that day

"""The month overview: days counted by the database in one query (right across daylight saving),
the month asked for read and kept inside the months shown, and a page whose days lead to the week."""
from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date, time, timedelta

import pytest
from sqlalchemy import event

from community import recurrence
from community.agenda import month as months
from community.agenda import services as agenda
from community.agenda.models import Occurrence
from community.extensions import db


@contextmanager
def _statements():
    """The SQL sent while inside (BEGIN and PRAGMAs included)."""
    sent: list[str] = []

    def record(_connection, _cursor, statement, *_args):
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _daylight_saving_sunday(today: date) -> date:
    """The next last Sunday of March: clocks go from 02:00 to 03:00 that night."""
    year = today.year if today < date(today.year, 3, 25) else today.year + 1
    last = date(year, 3, 31)
    return last - timedelta(days=(last.weekday() - 6) % 7)


def _once(make_activity, neighbourhood, day: date, at: time, **details):
    return make_activity(neighbourhood, first_date=day, start=at, minutes=30, pattern="once", room=None, **details)


def test_days_are_counted_in_one_query_by_amsterdam_day_across_daylight_saving(app, make_neighbourhood, make_activity):
    haard, other = make_neighbourhood(slug="haard"), make_neighbourhood(slug="elders")
    sunday = _daylight_saving_sunday(recurrence.local_today())
    saturday, monday = sunday - timedelta(days=1), sunday + timedelta(days=1)
    _once(make_activity, haard, saturday, time(23, 45))          # 22:45 UTC on Saturday
    _once(make_activity, haard, sunday, time(0, 30))             # 23:30 UTC on Saturday, yet Sunday here
    _once(make_activity, haard, sunday, time(23, 30))            # 21:30 UTC: summer time by then
    _once(make_activity, haard, monday, time(0, 15), kind="music")  # 22:15 UTC on Sunday, yet Monday here
    cancelled = _once(make_activity, haard, monday, time(10))
    paused = _once(make_activity, haard, monday, time(11))
    _once(make_activity, other, sunday, time(12))
    occurrence = db.session.query(Occurrence).filter_by(activity_id=cancelled.id).one()
    occurrence.is_cancelled = True
    db.session.commit()
    agenda.set_paused(paused, True)

    first, haard_id = sunday.replace(day=1), haard.id
    with _statements() as statements:
        counts = months.counts_per_day(haard_id, first, months.days_in(first))
    selects = [statement for statement in statements if statement.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1 and "GROUP BY" in selects[0]
    assert counts == {saturday: 1, sunday: 2, monday: 1}

    only_music = months.counts_per_day(haard.id, first, months.days_in(first), agenda.AgendaFilter(kind="music"))
    assert only_music == {monday: 1}


def test_the_last_hour_of_a_month_stays_in_it(app, make_neighbourhood, make_activity):
    haard = make_neighbourhood(slug="haard")
    first = (recurrence.local_today() + timedelta(days=40)).replace(day=1)
    last_day = first + timedelta(days=months.days_in(first) - 1)
    _once(make_activity, haard, last_day, time(23, 30))
    _once(make_activity, haard, last_day + timedelta(days=1), time(0, 0))  # the next month's first minute
    assert months.counts_per_day(haard.id, first, months.days_in(first)) == {last_day: 1}


@pytest.mark.parametrize(("value", "expected"), [
    ("2027-02", date(2027, 2, 1)), ("2026-12", date(2026, 12, 1)),
    ("2026-13", None), ("2026-00", None), ("0000-01", None), ("99999-99", None), ("2026-1", None), ("", None),
    (None, None), ("2026-12-01", None), ("٢٠٢٦-١٢", None),
])
def test_the_month_asked_for_or_this_month(value, expected):
    today = date(2026, 12, 7)
    assert months.month_from(value, today) == (expected or date(2026, 12, 1))


def test_a_month_outside_the_weeks_shown_becomes_the_nearest_inside():
    today = date(2026, 12, 7)
    window = recurrence.week_window(today)
    assert months.month_from("0001-01", today) == window.first.replace(day=1)
    assert months.month_from("9999-12", today) == window.last.replace(day=1)
    assert months.month_window(today).last < date(2037, 1, 1)


def test_weeks_start_on_monday_and_leave_the_other_months_out():
    weeks = months.weeks_of(date(2026, 12, 1))  # 1 December 2026 is a Tuesday
    assert weeks[0] == [None] + [date(2026, 12, day) for day in range(1, 7)]
    assert weeks[-1] == [date(2026, 12, day) for day in range(28, 32)] + [None, None, None]
    assert all(len(week) == 7 for week in weeks) and len(weeks) == 5
    assert months.next_month(date(2026, 12, 1)) == date(2027, 1, 1)
    assert months.previous_month(date(2027, 1, 1)) == date(2026, 12, 1)
    assert months.month_value(date(2027, 1, 1)) == "2027-01"


def _cell_links(html: str) -> dict[str, str]:
    """Day -> its link's href, from the month's table."""
    return {match.group(2): match.group(1).replace("&amp;", "&") for match in
            re.finditer(r'<a href="([^"]+#day-(\d{4}-\d{2}-\d{2}))"', html)}


def test_the_month_page_marks_the_days_with_activities(client, make_neighbourhood, make_activity):
    haard = make_neighbourhood(slug="haard")
    today = recurrence.local_today()
    day = today.replace(day=1) + timedelta(days=40)  # a day in a month to come
    day = day.replace(day=min(day.day, 20))
    _once(make_activity, haard, day, time(10), kind="coffee")
    _once(make_activity, haard, day, time(14), kind="music")
    page = client.get(f"/haard/agenda/month?month={months.month_value(day.replace(day=1))}")
    assert page.status_code == 200
    links = _cell_links(page.text)
    assert list(links) == [day.isoformat()]
    assert links[day.isoformat()] == f"/haard/agenda/?week={recurrence.week_start(day).isoformat()}#day-{day.isoformat()}"
    assert "2 activiteiten" in page.text and 'rel="prev"' in page.text and 'rel="next"' in page.text

    coffee = client.get(f"/haard/agenda/month?month={months.month_value(day.replace(day=1))}&kind=coffee")
    assert "1 activiteit<" in coffee.text and "kind=coffee" in _cell_links(coffee.text)[day.isoformat()]


def test_the_month_page_marks_today_and_is_never_stale(client, make_neighbourhood, make_activity):
    haard = make_neighbourhood(slug="haard")
    today = recurrence.local_today()
    page = client.get("/haard/agenda/month")
    assert page.status_code == 200 and '<span class="month-number" aria-current="date">' in page.text
    assert not _cell_links(page.text)
    _once(make_activity, haard, today, time(23, 30))  # the agenda changes: the cached table is not shown again
    page = client.get("/haard/agenda/month")
    assert list(_cell_links(page.text)) == [today.isoformat()]
    assert re.search(r'<a href="[^"]+" aria-current="date">', page.text)


def test_the_last_month_shown_has_no_next_month(client, make_neighbourhood):
    make_neighbourhood(slug="haard")
    last = months.month_window().last
    page = client.get(f"/haard/agenda/month?month={months.month_value(last)}")
    assert page.status_code == 200 and 'rel="next"' not in page.text and 'rel="prev"' in page.text
    assert client.get("/haard/agenda/month?month=99999-99").status_code == 200


def test_the_week_has_a_day_bar_pictograms_and_a_way_to_the_month(client, make_neighbourhood, make_activity):
    haard = make_neighbourhood(slug="haard")
    today = recurrence.local_today()
    _once(make_activity, haard, today, time(23, 30), kind="language_cafe", title="Taalcafé")
    page = client.get("/haard/agenda/")
    monday = recurrence.week_start(today)
    bar = re.search(r'<nav class="day-bar".*?</nav>', page.text, re.S).group(0)
    assert re.findall(r'href="#day-([\d-]+)"', bar) == [(monday + timedelta(days=n)).isoformat() for n in range(7)]
    assert bar.count('aria-current="date"') == 1 and f'href="#day-{today.isoformat()}" aria-current="date"' in bar
    assert re.search(r'<span class="event-picture"><svg class="pictogram" aria-hidden="true"[^>]*><use href="[^"#]*'
                     r'pictograms\.svg[^"#]*#languages">', page.text)  # the kind's picture, hidden: the title says it
    month = (monday + timedelta(days=3)).replace(day=1)
    assert f'href="/haard/agenda/month?month={months.month_value(month)}"' in page.text
    filtered = client.get("/haard/agenda/?kind=coffee")
    assert f'href="/haard/agenda/month?month={months.month_value(month)}&amp;kind=coffee"' in filtered.text


@pytest.mark.parametrize(("locale", "expected"), [("nl", ["ma", "di", "wo", "do", "vr", "za", "zo"]),
                                                  ("ar", ["ن", "ث", "ر", "خ", "ج", "س", "ح"])])
def test_column_headings_are_short_enough_for_a_phone_and_alike(app, locale, expected):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale(locale):
        names = months.weekday_names(date(2026, 12, 1))
    assert [short for _full, short in names] == expected
    assert names[0][0] in ("maandag", "الاثنين")

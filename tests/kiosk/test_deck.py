"""The deck at a given moment: what is on now and next, the day turning at Amsterdam midnight,
times right across both daylight-saving changes, dark outside opening hours, and nothing personal."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from community import recurrence
from community.agenda import services as agenda
from community.extensions import db
from community.kiosk import services as screens
from community.kiosk.deck import deck_for, rendered_deck
from community.kiosk.models import SLIDES
from community.neighbourhoods.hours import period_from, set_opening_hours
from community.recurrence import TIMEZONE


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment given in Amsterdam wall time, as the aware UTC moment the app works with."""
    return datetime.combine(day, time(hour, minute), tzinfo=TIMEZONE).astimezone(recurrence.UTC)


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


@pytest.fixture
def house(make_neighbourhood):
    neighbourhood = make_neighbourhood("De Ruwaard", slug="ruwaard")
    set_opening_hours(neighbourhood.house, [period_from(day, time(8), time(23)) for day in range(7)], "")
    db.session.commit()
    return neighbourhood


def activity(neighbourhood, title: str, day: date, start: time, minutes: int = 60, pattern: str = "once",
             places: int | None = 10):
    return agenda.create_activity(neighbourhood, agenda.ActivityDetails(
        title=title, description="", kind="coffee", room_id=neighbourhood.house.rooms[0].id, organiser_id=None,
        cost_cents=0, needs_signup=places is not None, capacity=places, languages=["nl"], first_date=day,
        start_time=start, duration_minutes=minutes, pattern=pattern))


def screen(neighbourhood, **settings):
    defaults = dict(name="Hal", slides=list(SLIDES), languages=["nl"])
    return screens.add_screen(neighbourhood.id, screens.ScreenSettings(**{**defaults, **settings}))


def titles(slide) -> list[str]:
    return [item.title for item in slide.items]


def test_now_and_next_and_what_ended_is_gone(house):
    day = recurrence.local_today() + timedelta(days=1)
    for title, start in (("Koffie", time(9)), ("Taalcafé", time(10)), ("Bingo", time(14))):
        activity(house, title, day, start)
    deck = deck_for(screen(house), house, at(day, 10, 30))
    today = next(s for s in deck.slides if s.kind == "today")
    assert [item.title for item in today.now] == ["Taalcafé"]
    assert titles(today) == ["Bingo"]  # Koffie ended at 10:00


def test_the_day_turns_at_amsterdam_midnight_without_a_new_address(house):
    """A DJ night runs past midnight: at 23:59 tomorrow's breakfast is not on the screen; at 00:01 it
    is, beside the night that is still going on, and yesterday's afternoon is gone."""
    set_opening_hours(house.house, [period_from(day, time(8), time(2)) for day in range(7)], "")
    day = recurrence.local_today() + timedelta(days=1)
    activity(house, "Middagkoffie", day, time(15))
    activity(house, "DJ-avond", day, time(22), minutes=180)
    activity(house, "Ontbijt", day + timedelta(days=1), time(9))
    item = screen(house)
    before = deck_for(item, house, at(day, 23, 59))
    after = deck_for(item, house, at(day + timedelta(days=1), 0, 1))
    assert (before.day, after.day) == (day, day + timedelta(days=1))
    on_screen = [[i.title for s in deck.slides if s.kind == "today" for i in s.now + s.items] for deck in (before, after)]
    assert on_screen == [["DJ-avond"], ["DJ-avond", "Ontbijt"]]


@pytest.mark.parametrize("month", [3, 10], ids=["summer time begins", "summer time ends"])
def test_times_stay_right_across_a_daylight_saving_change(app, house, month):
    sunday = last_sunday(2026, month)
    activity(house, "Zondagskoffie", sunday - timedelta(days=7), time(10), pattern="weekly")
    item = screen(house)
    for day in (sunday - timedelta(days=7), sunday, sunday + timedelta(days=7)):
        with app.test_request_context():
            html = rendered_deck(item, house, at(day, 8)).html
        assert "10:00–11:00" in html, day


def test_dark_outside_opening_hours_with_when_it_opens_again(app, house):
    activity(house, "Koffie", recurrence.local_today() + timedelta(days=2), time(9))
    set_opening_hours(house.house, [period_from(day, time(9), time(17)) for day in range(5)], "")
    db.session.commit()
    saturday = recurrence.local_today() + timedelta(days=(5 - recurrence.local_today().weekday()) % 7 or 7)
    deck = deck_for(screen(house), house, at(saturday, 12))
    assert deck.closed is not None and deck.slides == []
    assert deck.closed.next_opening == datetime.combine(saturday + timedelta(days=2), time(9), tzinfo=TIMEZONE)
    with app.test_request_context():
        html = rendered_deck(screen(house, name="Ander"), house, at(saturday, 12)).html
    assert "Gesloten" in html and "maandag" in html and "09:00" in html


def test_the_message_shows_until_it_expires(house):
    tomorrow = recurrence.local_today() + timedelta(days=1)
    item = screen(house, banner="Vandaag gesloten wegens storing",
                  banner_until=at(tomorrow, 0))
    assert deck_for(item, house, at(tomorrow - timedelta(days=1), 12)).banner == "Vandaag gesloten wegens storing"
    assert deck_for(item, house, at(tomorrow, 9)).banner == ""


def test_an_empty_slide_is_skipped(house):
    deck = deck_for(screen(house), house, at(recurrence.local_today() + timedelta(days=1), 12))
    assert "today" not in [s.kind for s in deck.slides]


def test_no_slide_names_a_resident_or_shows_an_email(app):
    """Every slide with the demo data: none of the demo residents' names or emails, no help
    request's own place, no pot's recipient."""
    from community.accounts.models import User
    from community.demo import build_demo_data
    from community.neighbourhoods.models import Neighbourhood
    from community.pot.models import PotPayout
    from community.volunteering.models import Task

    build_demo_data(residents_per_neighbourhood=12)
    ruwaard = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "de-ruwaard"))
    item = screen(ruwaard, languages=["nl", "ar", "tr", "en", "pl", "uk"])
    users = db.session.scalars(select(User)).all()
    private = {text for user in users for text in (user.display_name, user.email)}
    private |= {place for place in db.session.scalars(select(Task.private_place)) if place}
    private |= {recipient for recipient in db.session.scalars(select(PotPayout.recipient)) if recipient}
    shown = []
    for hour in (9, 11, 14, 19):
        for day_offset in range(7):
            moment = at(recurrence.local_today() + timedelta(days=day_offset), hour)
            with app.test_request_context():
                html = rendered_deck(item, ruwaard, moment).html
            shown.append(html)
            assert [text for text in private if text in html] == [], moment
    assert any("Hulp gezocht" in html for html in shown) and any("Vandaag in" in html for html in shown)

"""Opening hours: the rules of a week, open or closed at a moment (midnight, the clock changes),
and the week in words in the reader's language."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime, time

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from community.extensions import db
from community.neighbourhoods import hours
from community.neighbourhoods.hours import Period, is_open_at, next_opening, opening_state, problems_in
from community.neighbourhoods.models import OpeningPeriod
from community.neighbourhoods.opening_text import now_sentence, opening_summary, week_lines
from community.recurrence import TIMEZONE

MO, TU, WE, TH, FR, SA, SU = range(7)


def p(weekday: int, opens: str, closes: str) -> Period:
    return Period(weekday, time.fromisoformat(opens), time.fromisoformat(closes))


def amsterdam(*parts, fold: int = 0) -> datetime:
    return datetime(*parts, tzinfo=TIMEZONE, fold=fold)


@contextmanager
def language(app, code: str):
    with app.test_request_context(headers={"Accept-Language": code}):
        yield


RUWAARD = [p(day, "09:00", "21:30") for day in range(MO, SA)] + [p(SA, "10:00", "16:00")]


# --- the rules of a week ---------------------------------------------------------------------------

def test_a_plain_week_and_a_lunch_break_have_no_problems(app):
    with language(app, "nl"):
        assert problems_in(RUWAARD) == []
        assert problems_in([p(MO, "09:00", "12:30"), p(MO, "13:30", "17:00")]) == []
        assert problems_in([p(MO, "09:00", "12:30"), p(MO, "12:30", "17:00")]) == []  # touching is no overlap


@pytest.mark.parametrize("week, index, part, words", [
    ([p(MO, "09:00", "09:00")], 0, "closes", "hetzelfde tijdstip"),
    ([p(MO, "17:00", "09:00")], 0, "closes", "tot 06:00"),                      # a typo, not a night
    ([p(MO, "09:00", "13:00"), p(MO, "12:00", "17:00")], 1, "opens", "maandag (09:00–13:00)"),
    ([p(FR, "20:00", "02:00"), p(SA, "01:00", "05:00")], 1, "opens", "vrijdag (20:00–02:00)"),  # the night runs on
    ([p(MO, "00:30", "03:00"), p(SU, "22:00", "01:00")], 1, "opens", "maandag (00:30–03:00)"),  # Sunday into Monday
    ([p(TU, "09:00", "10:00"), p(TU, "11:00", "12:00"), p(TU, "13:00", "14:00")], 2, "opens", "Hoogstens 2"),
    ([Period(7, time(9), time(10))], 0, "opens", "dag van de week"),
])
def test_each_broken_rule_is_named_at_its_period_and_time(app, week, index, part, words):
    with language(app, "nl"):
        problems = problems_in(week)
    assert [(problem.index, problem.part) for problem in problems] == [(index, part)]
    assert words in problems[0].message


def test_a_night_may_close_at_six_at_the_latest(app):
    with language(app, "nl"):
        assert problems_in([p(FR, "20:00", "06:00")]) == []
        assert problems_in([p(FR, "20:00", "00:00")]) == []  # until midnight
        assert problems_in([p(FR, "20:00", "06:01")])[0].part == "closes"


def test_saving_a_week_replaces_the_old_one_and_refuses_a_broken_one(app, make_neighbourhood):
    house = make_neighbourhood().house
    hours.set_opening_hours(house, [p(TU, "13:30", "17:00"), p(TU, "09:00", "12:30"), p(FR, "20:00", "01:00")],
                            "  Zomer: dicht  ")
    db.session.commit()
    db.session.expire_all()
    assert hours.week_of(house) == [p(TU, "09:00", "12:30"), p(TU, "13:30", "17:00"), p(FR, "20:00", "01:00")]
    assert house.opening_note == "Zomer: dicht"
    with pytest.raises(hours.OpeningHoursError) as refused:
        hours.set_opening_hours(house, [p(MO, "09:00", "12:00"), p(MO, "11:00", "13:00")], "")
    assert [problem.index for problem in refused.value.problems] == [1]
    db.session.rollback()
    assert len(hours.week_of(house)) == 3


@pytest.mark.parametrize("weekday, opens, closes", [
    (7, time(9), time(10)), (-1, time(9), time(10)), (0, time(9), time(9)), (0, time(17), time(9)),
])
def test_the_database_refuses_a_period_that_is_none(app, make_neighbourhood, weekday, opens, closes):
    house = make_neighbourhood().house
    with pytest.raises(IntegrityError):
        db.session.execute(insert(OpeningPeriod).values(house_id=house.id, weekday=weekday, opens_at=opens,
                                                        closes_at=closes))
        db.session.flush()
    db.session.rollback()


def test_the_database_refuses_two_periods_that_start_at_once(app, make_neighbourhood):
    house = make_neighbourhood().house  # Monday 09:00-17:00
    with pytest.raises(IntegrityError):
        db.session.execute(insert(OpeningPeriod).values(house_id=house.id, weekday=0, opens_at=time(9),
                                                        closes_at=time(12)))
    db.session.rollback()
    db.session.execute(insert(OpeningPeriod).values(house_id=house.id, weekday=0, opens_at=time(22),
                                                    closes_at=time(2)))  # a night is allowed
    db.session.commit()


# --- open or closed --------------------------------------------------------------------------------

def test_open_closed_and_the_next_opening_on_an_ordinary_week():
    monday_ten = amsterdam(2027, 3, 1, 10, 0)
    assert opening_state(RUWAARD, monday_ten).is_open
    assert opening_state(RUWAARD, monday_ten).until == amsterdam(2027, 3, 1, 21, 30)
    evening = opening_state(RUWAARD, amsterdam(2027, 3, 1, 21, 30))  # closing time itself is closed
    assert not evening.is_open and evening.next_opening == amsterdam(2027, 3, 2, 9, 0)
    sunday = opening_state(RUWAARD, amsterdam(2027, 3, 6, 16, 0))
    assert sunday.next_opening == amsterdam(2027, 3, 8, 9, 0) and sunday.changes_at == sunday.next_opening


def test_the_answers_are_the_same_for_any_time_zone_the_moment_is_given_in():
    moment = amsterdam(2027, 3, 1, 10, 0)
    assert opening_state(RUWAARD, moment.astimezone(UTC)) == opening_state(RUWAARD, moment)
    with pytest.raises(ValueError):
        opening_state(RUWAARD, datetime(2027, 3, 1, 10))


def test_after_a_lunch_break_the_house_opens_again():
    week = [p(MO, "09:00", "12:30"), p(MO, "13:30", "17:00")]
    lunch = opening_state(week, amsterdam(2027, 3, 1, 13, 0))
    assert not lunch.is_open and lunch.next_opening == amsterdam(2027, 3, 1, 13, 30)
    assert opening_state(week, amsterdam(2027, 3, 1, 12, 0)).until == amsterdam(2027, 3, 1, 12, 30)


def test_a_night_past_midnight_belongs_to_the_day_it_began():
    week = [p(FR, "20:00", "01:00")]
    assert opening_state(week, amsterdam(2027, 3, 6, 0, 30)).is_open            # Saturday 00:30
    assert opening_state(week, amsterdam(2027, 3, 6, 0, 30)).until == amsterdam(2027, 3, 6, 1, 0)
    assert not opening_state(week, amsterdam(2027, 3, 6, 1, 0)).is_open
    assert not opening_state(week, amsterdam(2027, 3, 5, 0, 30)).is_open        # Friday 00:30: not yet
    sunday_night = [p(SU, "22:00", "02:00")]
    assert opening_state(sunday_night, amsterdam(2027, 3, 8, 1, 0)).is_open     # Monday 01:00


def test_a_period_that_begins_as_another_ends_keeps_the_house_open():
    week = [p(FR, "20:00", "00:00"), p(SA, "00:00", "02:00")]
    state = opening_state(week, amsterdam(2027, 3, 5, 23, 0))
    assert state.is_open and state.until == amsterdam(2027, 3, 6, 2, 0)


def test_the_night_the_clocks_go_forward_is_an_hour_shorter():
    """Last Sunday of March 2027: 02:00 CET becomes 03:00 CEST."""
    week = [p(SA, "22:00", "04:00"), p(SU, "10:00", "16:00")]
    opens, closes = week[0].on(amsterdam(2027, 3, 27).date())
    assert (closes - opens).total_seconds() == 5 * 3600
    assert opening_state(week, datetime(2027, 3, 28, 1, 30, tzinfo=UTC)).is_open       # 03:30 CEST
    assert not opening_state(week, datetime(2027, 3, 28, 2, 0, tzinfo=UTC)).is_open    # 04:00 CEST
    closed = opening_state(week, datetime(2027, 3, 28, 2, 0, tzinfo=UTC))
    assert closed.next_opening == amsterdam(2027, 3, 28, 10, 0)
    assert closed.next_opening.astimezone(UTC) == datetime(2027, 3, 28, 8, 0, tzinfo=UTC)


def test_the_night_the_clocks_go_back_is_an_hour_longer():
    """Last Sunday of October 2027: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice."""
    week = [p(SA, "22:00", "04:00")]
    opens, closes = week[0].on(amsterdam(2027, 10, 30).date())
    assert (closes - opens).total_seconds() == 7 * 3600
    first, second = amsterdam(2027, 10, 31, 2, 30, fold=0), amsterdam(2027, 10, 31, 2, 30, fold=1)
    assert first.astimezone(UTC) != second.astimezone(UTC)
    assert opening_state(week, first).is_open and opening_state(week, second).is_open
    assert opening_state(week, first).until.astimezone(UTC) == datetime(2027, 10, 31, 3, 0, tzinfo=UTC)
    assert not opening_state(week, datetime(2027, 10, 31, 3, 0, tzinfo=UTC)).is_open


def test_an_ordinary_day_after_the_change_opens_at_its_wall_clock_time():
    week = [p(MO, "09:00", "17:00")]
    before = opening_state(week, amsterdam(2027, 10, 29, 12, 0))  # Friday before the change
    assert before.next_opening == amsterdam(2027, 11, 1, 9, 0)
    assert before.next_opening.astimezone(UTC).hour == 8           # CET: 09:00 is 08:00 UTC
    assert opening_state(week, amsterdam(2027, 3, 29, 9, 0)).is_open
    assert opening_state(week, amsterdam(2027, 3, 29, 9, 0)).until.astimezone(UTC).hour == 15  # CEST


def test_is_open_at_and_next_opening_for_a_house(app, make_neighbourhood):
    house = make_neighbourhood().house  # Monday 09:00-17:00
    assert is_open_at(house, amsterdam(2027, 3, 1, 9, 0)) and not is_open_at(house, amsterdam(2027, 3, 1, 17, 0))
    assert next_opening(house, amsterdam(2027, 3, 1, 10, 0)) == amsterdam(2027, 3, 8, 9, 0)  # open now: the next one
    assert next_opening(house, amsterdam(2027, 3, 1, 8, 0)) == amsterdam(2027, 3, 1, 9, 0)
    hours.set_opening_hours(house, [], "")
    db.session.commit()
    assert not is_open_at(house, amsterdam(2027, 3, 1, 10, 0))
    assert next_opening(house, amsterdam(2027, 3, 1, 10, 0)) is None


# --- in words ------------------------------------------------------------------------------------

WEEK_WORDS = {
    "nl": (["maandag t/m vrijdag", "zaterdag", "zondag"], "dinsdag en donderdag", " en "),
    "en": (["Monday to Friday", "Saturday", "Sunday"], "Tuesday and Thursday", " and "),
    "tr": (["Pazartesi – Cuma", "Cumartesi", "Pazar"], "Salı ve Perşembe", " ve "),
    "ar": (["من الاثنين إلى الجمعة", "السبت", "الأحد"], "الثلاثاء والخميس", " و"),
}


@pytest.mark.parametrize("code", list(WEEK_WORDS))
def test_the_week_in_the_readers_language(app, code):
    days, two_days, joined = WEEK_WORDS[code]
    with language(app, code):
        lines = week_lines(RUWAARD, today=TU)
        pair = week_lines([p(TU, "10:00", "16:00"), p(TH, "10:00", "16:00")])
        lunch = week_lines([p(MO, "13:30", "17:00"), p(MO, "09:00", "12:30")])
    assert [line.days for line in lines] == days
    assert [line.ranges for line in lines] == [(("09:00", "21:30"),), (("10:00", "16:00"),), ()]
    assert [line.is_today for line in lines] == [True, False, False]
    assert pair[0].days == two_days and pair[1].ranges == ()  # the other five days: closed
    assert lunch[0].ranges == (("09:00", "12:30"), ("13:30", "17:00"))
    assert joined in str(lunch[0].times) and str(lunch[0].times).count('<bdi dir="ltr">') == 2


def test_a_house_without_hours_says_nothing_about_them(app):
    with language(app, "nl"):
        summary = opening_summary([], "", amsterdam(2027, 3, 1, 10, 0))
        assert not summary and summary.lines == [] and summary.now == ""
        assert opening_summary([], "Bel even", amsterdam(2027, 3, 1, 10, 0)).note == "Bel even"


@pytest.mark.parametrize("code, moment, sentence", [
    ("nl", amsterdam(2027, 3, 1, 10, 0), "Nu open tot 21:30."),
    ("nl", amsterdam(2027, 3, 1, 7, 0), "Nu gesloten. Opent vandaag om 09:00."),
    ("nl", amsterdam(2027, 3, 1, 22, 0), "Nu gesloten. Opent morgen om 09:00."),
    ("nl", amsterdam(2027, 3, 6, 17, 0), "Nu gesloten. Opent maandag om 09:00."),
    ("en", amsterdam(2027, 3, 6, 17, 0), "Closed now. Opens Monday at 09:00."),
    ("ar", amsterdam(2027, 3, 6, 17, 0), "الاثنين"),
    ("tr", amsterdam(2027, 3, 1, 10, 0), "21:30"),
])
def test_open_now_in_a_sentence(app, code, moment, sentence):
    with language(app, code):
        said = now_sentence(opening_state(RUWAARD, moment), moment)
    assert sentence in said
    if code != "nl":
        assert "Nu " not in said and "gesloten" not in said and "Opent" not in said

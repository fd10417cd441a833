from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from community import recurrence


FIRST_DATES = {"once": date(2027, 1, 5), "weekly": date(2027, 1, 5), "biweekly": date(2027, 1, 7),
               "monthly_1": date(2027, 1, 1), "monthly_2": date(2027, 1, 8), "monthly_3": date(2027, 1, 15),
               "monthly_4": date(2027, 1, 22), "monthly_last": date(2027, 1, 29)}  # Fridays of January 2027


@pytest.mark.parametrize("pattern", list(recurrence.PATTERNS))
def test_patterns_round_trip_through_rrule(pattern):
    first = FIRST_DATES[pattern]
    assert recurrence.first_date_matches(pattern, first)
    assert recurrence.pattern_of(recurrence.rrule_for(pattern, first)) == pattern


def test_weekly_on_tuesday_from_ten_to_twelve():
    slots = recurrence.slots("FREQ=WEEKLY;BYDAY=TU", date(2027, 1, 5), time(10), 120, date(2027, 1, 1), date(2027, 1, 31))
    assert [s.starts_at.astimezone(recurrence.TIMEZONE).day for s in slots] == [5, 12, 19, 26]
    assert all(recurrence.to_local(s.starts_at).hour == 10 and recurrence.to_local(s.ends_at).hour == 12 for s in slots)


def test_every_other_thursday():
    rule = recurrence.rrule_for("biweekly", date(2027, 1, 7))
    days = [recurrence.to_local(s.starts_at).day
            for s in recurrence.slots(rule, date(2027, 1, 7), time(19), 60, date(2027, 1, 1), date(2027, 2, 28))]
    assert days == [7, 21, 4, 18]


def test_last_friday_of_the_month_until_a_date():
    rule = recurrence.rrule_for("monthly_last", date(2027, 1, 29))
    assert rule == "FREQ=MONTHLY;BYDAY=-1FR"
    slots = recurrence.slots(rule, date(2027, 1, 29), time(12, 30), 90, date(2027, 1, 1), date(2027, 12, 31),
                             until=date(2027, 4, 30))
    assert [recurrence.to_local(s.starts_at).date() for s in slots] == [
        date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 26), date(2027, 4, 30)]
    assert not recurrence.first_date_matches("monthly_last", date(2027, 1, 22))


@pytest.mark.parametrize("sunday,offset_before,offset_after", [
    (date(2027, 3, 28), 1, 2),   # last Sunday of March: clocks go forward
    (date(2027, 10, 31), 2, 1),  # last Sunday of October: clocks go back
])
def test_weekly_sunday_keeps_ten_oclock_across_daylight_saving(sunday, offset_before, offset_after):
    slots = recurrence.slots("FREQ=WEEKLY;BYDAY=SU", date(2027, 3, 7), time(10), 60,
                             date.fromordinal(sunday.toordinal() - 7), sunday)
    before, on_the_day = slots[-2], slots[-1]
    assert recurrence.to_local(before.starts_at).hour == recurrence.to_local(on_the_day.starts_at).hour == 10
    assert before.starts_at.astimezone(UTC).hour == 10 - offset_before
    assert on_the_day.starts_at.astimezone(UTC).hour == 10 - offset_after


def test_to_utc_is_aware():
    assert recurrence.to_utc(datetime(2027, 7, 1, 12)).tzinfo is not None

"""Every figure of a month of known events, exactly, with Amsterdam's month edges (March 2026 has
the clocks going forward on the 29th), and the small-numbers rule."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from community import recurrence
from community.agenda.models import Activity, Occurrence
from community.bookings.models import Booking
from community.extensions import db
from community.initiatives.models import Initiative
from community.numbers import figures as numbers
from community.numbers.overview import month_so_far, overview
from community.pot import corrections
from community.pot import services as pots
from community.pot.models import Occasion, PotTransaction, Source
from community.talents.models import TalentProfile
from community.volunteering.models import Shift, Task

FEB, MAR, APR, MAY = date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return recurrence.to_utc(datetime.combine(day, time(hour, minute)))


def _activity(neighbourhood, title="Koffieochtend"):
    activity = Activity(neighbourhood_id=neighbourhood.id, title=title, first_date=MAR, start_time=time(10),
                        duration_minutes=60)
    db.session.add(activity)
    db.session.flush()
    return activity


def _date(activity, starts: datetime, *, cancelled=False, came=(), absent=(), cancelled_bookings=()):
    occurrence = Occurrence(series_id=activity.id, activity_id=activity.id, neighbourhood_id=activity.neighbourhood_id,
                            original_starts_at=starts, starts_at=starts, ends_at=starts + timedelta(hours=1),
                            is_cancelled=cancelled)
    db.session.add(occurrence)
    db.session.flush()
    _bookings(occurrence, came, absent, cancelled_bookings)
    return occurrence


def _bookings(slot, came=(), absent=(), cancelled=()):
    for user in came:
        db.session.add(Booking(slot_id=slot.id, user_id=user.id, status="confirmed"))
    for user in absent:
        db.session.add(Booking(slot_id=slot.id, user_id=user.id, status="confirmed", presence="absent"))
    for user in cancelled:
        db.session.add(Booking(slot_id=slot.id, user_id=user.id, status="cancelled"))


def _task(neighbourhood, starts: datetime, minutes: int, *, origin="coordinator", came=(), absent=()):
    task = Task(neighbourhood_id=neighbourhood.id, title="Bardienst", origin=origin, first_date=starts.date(),
                start_time=time(10), duration_minutes=minutes)
    db.session.add(task)
    db.session.flush()
    shift = Shift(series_id=task.id, task_id=task.id, neighbourhood_id=neighbourhood.id, original_starts_at=starts,
                  starts_at=starts, ends_at=starts + timedelta(minutes=minutes))
    db.session.add(shift)
    db.session.flush()
    _bookings(shift, came, absent)


def _initiative(neighbourhood, state, *, submitted=None, published=None, finished=None, hidden=False):
    db.session.add(Initiative(neighbourhood_id=neighbourhood.id, title="Speeltuin", want="Opknappen", state=state,
                              submitted_at=submitted, published_at=published, finished_at=finished, is_hidden=hidden))


@pytest.fixture
def month(make_neighbourhood, make_user):
    """March 2026 in De Ruwaard, with things just outside it on either side and in Selwerd."""
    here, elsewhere = make_neighbourhood("De Ruwaard"), make_neighbourhood("Selwerd")
    ayse, bram, chen, dirk, eva = (make_user(neighbourhood=here, name=name) for name in ("Ayşe", "Bram", "Chen", "Dirk", "Eva"))
    coffee = _activity(here)
    _date(coffee, local(date(2026, 3, 10), 10), came=(ayse, bram), absent=(chen,), cancelled_bookings=(dirk,))
    _date(coffee, local(date(2026, 3, 31), 23, 30), came=(ayse,))      # the last half hour of March
    _date(coffee, local(date(2026, 4, 1), 0, 30), came=(bram,))        # April in Amsterdam, still March in UTC
    _date(coffee, local(date(2026, 2, 28), 23, 30), came=(eva,))       # February
    _date(coffee, local(date(2026, 3, 15), 10), cancelled=True, came=(eva,))
    _date(_activity(elsewhere), local(date(2026, 3, 12), 10), came=(eva,))
    _task(here, local(date(2026, 3, 5), 10), 120, came=(ayse,), absent=(bram,))
    _task(here, local(date(2026, 3, 30), 10), 60, origin="request", came=(chen,))
    _task(here, local(date(2026, 3, 31), 23), 30, came=(ayse,))         # March; a volunteer counted once
    _initiative(here, "published", submitted=local(date(2026, 3, 2), 9), published=local(date(2026, 3, 3), 9))
    _initiative(here, "done", submitted=local(date(2026, 2, 27), 9), published=local(date(2026, 3, 1), 0, 30),
                finished=local(date(2026, 3, 20), 9))
    _initiative(here, "published", submitted=local(date(2026, 3, 4), 9), published=local(date(2026, 3, 5), 9),
                hidden=True)
    for user, skills, visibility in ((ayse, "cooking", "neighbourhood"), (bram, "cooking", "hidden"), (chen, "", "neighbourhood")):
        db.session.add(TalentProfile(user_id=user.id, neighbourhood_id=here.id, skills=skills, visibility=visibility,
                                     created_at=local(date(2026, 3, 9), 12)))
    db.session.commit()
    return here, elsewhere, (ayse, bram, chen, dirk, eva)


def _counted(neighbourhood):
    return numbers.count(None, [neighbourhood.id], [FEB, MAR, APR, MAY], NOW)


def test_each_figure_of_a_known_month_is_exact(month):
    here, _elsewhere, _people = month
    found = _counted(here)
    march = {key: value for (key, place, period), value in found.items() if period == 1}
    assert {key: march.get(key, 0) for key in (
        "activities", "visits", "participants", "volunteers", "volunteer_minutes", "help_answered",
        "initiatives_proposed", "initiatives_published", "initiatives_done", "talents_offered")} == {
        "activities": 2, "visits": 3, "participants": 2, "volunteers": 2, "volunteer_minutes": 210,
        "help_answered": 1, "initiatives_proposed": 1, "initiatives_published": 2, "initiatives_done": 1,
        "talents_offered": 1}
    assert found[("activities", here.id, 0)] == 1 and found[("visits", here.id, 0)] == 1   # 28 February
    assert found[("activities", here.id, 2)] == 1 and found[("visits", here.id, 2)] == 1   # 1 April, 00:30
    assert found[("initiatives_proposed", here.id, 0)] == 1


def test_a_city_is_counted_per_neighbourhood_in_the_same_queries(month):
    here, elsewhere, _people = month
    found = numbers.count(["activities", "visits"], [here.id, elsewhere.id], [MAR, APR], NOW)
    assert found[("activities", here.id, 0)] == 2 and found[("activities", elsewhere.id, 0)] == 1
    assert found[("visits", elsewhere.id, 0)] == 1


def test_pot_gifts_count_per_kind_and_leave_reversed_ones_out(month):
    here, _elsewhere, (ayse, bram, *_rest) = month
    pot = pots.open_pot(here, name="Lief & leed", streets="", gangmaker_ids=[ayse.id, bram.id], threshold_cents=5000,
                        iban="", account_holder="", by=ayse)
    pots.record_gift(pot, submission="g1", source=Source.COLLECTION, method="cash", amount_cents=10000,
                     occurred_on=date(2026, 2, 1), giver_name="", may_show_name=False, by=ayse)

    def pay(key, occasion, cents, day):
        return pots.ask_payout(pot, submission=key, occasion=occasion, amount_cents=cents, occurred_on=day,
                               paid_from="tin", what="Bloemen", recipient="Nr. 12", no_receipt_reason="geen bon",
                               receipt_file=None, by=ayse)

    pay("p1", Occasion.WELCOME, 1000, date(2026, 3, 10))
    pay("p2", Occasion.GET_WELL, 1500, date(2026, 3, 12))
    pay("p3", Occasion.WELCOME, 800, date(2026, 3, 31))
    mistake = pay("p4", Occasion.BIRTH, 500, date(2026, 3, 11))
    corrections.reverse(db.session.get(PotTransaction, mistake.transaction_id), submission="r1", reason="dubbel geboekt", by=ayse)
    found = _counted(here)
    assert found[("pot_gifts", here.id, 1)] == 3 and found[("pot_cents", here.id, 1)] == 3300
    assert found[("pot_gifts_welcome", here.id, 1)] == 2 and found[("pot_cents_welcome", here.id, 1)] == 1800
    assert ("pot_gifts_birth", here.id, 1) not in found


def test_small_numbers_show_as_fewer_than_five_and_their_totals_are_left_out():
    volunteers = numbers.figures(["volunteers"])[0]
    minutes = numbers.figures(["volunteer_minutes"])[0]
    activities = numbers.figures(["activities"])[0]
    assert numbers.shown(volunteers, 4).is_small and numbers.shown(volunteers, 4).shown is None
    assert numbers.shown(volunteers, 5).shown == 5 and numbers.shown(volunteers, 0).shown == 0
    assert numbers.shown(minutes, 600, partner_amount=3).is_hidden
    assert numbers.shown(minutes, 600, partner_amount=5).shown == 600
    assert numbers.shown(activities, 2).shown == 2   # dates in the agenda are public anyway


def test_the_overview_sets_this_month_beside_the_years_and_counts_people_once_a_year(month):
    here, _elsewhere, _people = month
    found = overview(here.id, date(2026, 3, 31), NOW)
    activities, participants = found.line("activities"), found.line("participants")
    assert activities.this_month.shown == 2 and activities.this_year.shown == 4 and activities.months[1].shown == 1
    # Ayşe, Bram (March), Bram (April), Eva (February): three different people, fewer than five.
    assert participants.this_year.amount == 3 and participants.this_year.is_small
    assert found.line("volunteer_minutes").this_month.is_hidden     # two volunteers: their hours are left out


def test_the_kiosk_slide_reads_the_same_figures(month):
    here, _elsewhere, _people = month
    found = month_so_far(here.id, date(2026, 3, 31), NOW, ("activities", "visits"))
    assert found["activities"].shown == 2 and found["visits"].is_small


def test_the_queries_do_not_grow_with_the_periods(month, app):
    from sqlalchemy import event

    here, _elsewhere, _people = month
    seen = []

    def count_statement(*_args):
        seen.append(1)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count_statement)
    try:
        numbers.count(None, [here.id], [MAR, APR], NOW)
        seen.clear()
        numbers.count(None, [here.id], [MAR, APR], NOW)
        one_month = len(seen)
        seen.clear()
        numbers.count(None, [here.id], [numbers.add_months(FEB, n) for n in range(25)], NOW)
        two_years = len(seen)
    finally:
        event.remove(engine, "before_cursor_execute", count_statement)
    assert one_month == two_years == 9   # each counter once (the initiatives' three dates three times)

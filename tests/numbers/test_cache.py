"""The page's counts are kept in the cache under the neighbourhood's data versions: a second look runs
no counting query, and a write that changes a figure shows at once."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event, select

from community.agenda.models import Occurrence
from community.bookings.models import Booking
from community.extensions import db
from community.numbers.overview import FRESH_FOR, overview
from community.pot import services as pots
from community.pot.models import Occasion, Source
from community.volunteering import services as volunteering
from community.volunteering.models import Shift
from tests.numbers.conftest import NOW, local

MARCH_31 = date(2026, 3, 31)


class Statements:
    def __init__(self):
        self.seen = 0

    def __enter__(self):
        event.listen(db.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *_exc):
        event.remove(db.engine, "before_cursor_execute", self._count)

    def _count(self, *_args):
        self.seen += 1


def test_a_second_look_reads_only_the_data_versions(month):
    here, _elsewhere, _people = month
    with Statements() as first:
        overview(here.id, MARCH_31, NOW)
    with Statements() as second:
        again = overview(here.id, MARCH_31, NOW + timedelta(minutes=1))
    assert first.seen > 10 and second.seen == 2     # the versions, once for the months and once for the years
    assert again.line("activities").this_month.shown == 2


def test_a_payout_shows_at_once(month):
    here, _elsewhere, (ayse, bram, *_rest) = month
    pot = pots.open_pot(here, name="Lief & leed", streets="", gangmaker_ids=[ayse.id, bram.id], threshold_cents=5000,
                        iban="", account_holder="", by=ayse)
    pots.record_gift(pot, submission="g1", source=Source.COLLECTION, method="cash", amount_cents=10000,
                     occurred_on=date(2026, 2, 1), giver_name="", may_show_name=False, by=ayse)
    assert overview(here.id, MARCH_31, NOW).line("pot_gifts").this_month.amount == 0
    pots.ask_payout(pot, submission="p1", occasion=Occasion.WELCOME, amount_cents=1000, occurred_on=date(2026, 3, 10),
                    paid_from="tin", what="Bloemen", recipient="Nr. 12", no_receipt_reason="geen bon",
                    receipt_file=None, by=ayse)
    assert overview(here.id, MARCH_31, NOW).line("pot_gifts").this_month.amount == 1


def test_marking_a_volunteer_absent_shows_at_once(month):
    here, _elsewhere, (ayse, *_rest) = month
    assert overview(here.id, MARCH_31, NOW).line("volunteer_minutes").this_month.amount == 210
    shift = db.session.scalar(select(Shift).where(Shift.starts_at == local(date(2026, 3, 5), 10)))
    sign_up = db.session.scalar(select(Booking).where(Booking.slot_id == shift.id, Booking.user_id == ayse.id))
    volunteering.set_absent(shift, sign_up.id, True)
    assert overview(here.id, MARCH_31, NOW).line("volunteer_minutes").this_month.amount == 90


def test_a_write_that_marks_nothing_is_counted_within_five_minutes(month):
    here, _elsewhere, (ayse, *_rest) = month
    assert overview(here.id, MARCH_31, NOW).line("visits").this_month.amount == 3
    coffee = db.session.scalar(select(Occurrence.id).where(Occurrence.starts_at == local(date(2026, 3, 10), 10)))
    db.session.execute(Booking.__table__.delete().where(Booking.slot_id == coffee, Booking.user_id == ayse.id))
    db.session.commit()
    assert overview(here.id, MARCH_31, NOW).line("visits").this_month.amount == 3      # kept
    assert overview(here.id, MARCH_31, NOW + FRESH_FOR).line("visits").this_month.amount == 2

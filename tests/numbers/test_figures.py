"""Every figure of a month of known events, exactly, with Amsterdam's month edges (March 2026 has
the clocks going forward on the 29th), and the small-numbers rule."""
from __future__ import annotations

from datetime import date

from community.cards.collecting.models import CardAlbum, CardSwap
from community.cards.models import Card, Category, Edition
from community.extensions import db
from community.numbers import figures as numbers
from community.numbers.overview import month_so_far, overview
from community.pot import corrections
from community.pot import services as pots
from community.pot.models import Occasion, PotTransaction, Source
from tests.numbers.conftest import APR, FEB, MAR, MAY, NOW, local


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


def _edition(neighbourhood):
    edition = Edition(neighbourhood_id=neighbourhood.id, name="Buurtplaatjes 2026", card_count=90)
    db.session.add(edition)
    db.session.flush()
    category = Category(edition_id=edition.id, position=1, title="Mensen die hard zingen")
    db.session.add(category)
    db.session.flush()
    return edition, category


def _card(edition, category, code, state="published", published=None):
    db.session.add(Card(edition_id=edition.id, category_id=category.id, code=code, display_name="Fatma", line="Zingt",
                        state=state, published_at=published))


def _swap(edition, albums, code, state="done", done=None):
    db.session.add(CardSwap(edition_id=edition.id, proposer_album_id=albums[0].id, partner_album_id=albums[1].id,
                            code=code, state=state, done_at=done))


def test_cards_made_and_swaps_done_count_by_the_month_they_happened(month):
    here, elsewhere, (ayse, bram, *_rest) = month
    edition, category = _edition(here)
    _card(edition, category, "A1", published=local(date(2026, 3, 2), 9))
    _card(edition, category, "A2", state="withdrawn", published=local(date(2026, 3, 31), 23, 30))  # made, later withdrawn
    _card(edition, category, "A3", published=local(date(2026, 4, 1), 0, 30))                     # April in Amsterdam
    _card(edition, category, "A4", state="submitted")                                             # not made yet
    albums = [CardAlbum(edition_id=edition.id, owner_id=user.id, collector_name=user.display_name) for user in (ayse, bram)]
    db.session.add_all(albums)
    db.session.flush()
    _swap(edition, albums, "S1", done=local(date(2026, 3, 14), 15))
    _swap(edition, albums, "S2", state="proposed")
    _swap(edition, albums, "S3", state="cancelled")
    there, there_category = _edition(elsewhere)
    _card(there, there_category, "B1", published=local(date(2026, 3, 2), 9))
    db.session.commit()
    found = _counted(here)
    assert (found[("cards_made", here.id, 1)], found[("cards_made", here.id, 2)]) == (2, 1)
    assert found[("swaps_done", here.id, 1)] == 1 and ("swaps_done", here.id, 2) not in found
    assert numbers.count(["cards_made"], [elsewhere.id], [MAR, APR], NOW)[("cards_made", elsewhere.id, 0)] == 1


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
    assert one_month == two_years == 11  # each counter once (the initiatives' three dates three times, the cards' two)

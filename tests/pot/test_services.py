"""The pot's rules, without HTTP."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from community.extensions import db
from community.pot import reports
from community.pot import cash, corrections
from community.pot import services as pots
from community.pot.models import (NominationState, Occasion, PayoutState, PotAccount, PotEntry, PotTransaction,
                                  Source)
from community.recurrence import local_today
from tests.pot.conftest import give, key, pay


def _balance(street, code: str) -> int:
    return db.session.scalar(select(PotAccount.balance_cents).where(
        PotAccount.pot_id == street.pot.id, PotAccount.code == code)) or 0


def _money(street) -> int:
    return reports.balances_of([street.pot.id])[street.pot.id]


def test_gifts_go_where_the_money_went(street):
    give(street.pot, street.henk, 1250)
    give(street.pot, street.fatima, 15000, method="transfer", source=Source.GRANT)
    give(street.pot, street.fatima, 2500, method="voucher", source=Source.VOUCHER)
    assert _balance(street, f"tin:{street.henk.id}") == 1250
    assert _balance(street, "bank") == 15000
    assert _balance(street, "vouchers") == 2500
    assert _money(street) == 18750


def test_a_small_payout_counts_at_once_a_large_one_after_a_second_person(street):
    give(street.pot, street.henk, 10000)
    small = pay(street.pot, street.henk, 1850)
    large = pay(street.pot, street.henk, 4000, occasion=Occasion.BIRTH)
    assert small.state == PayoutState.BOOKED.value and small.transaction_id
    assert large.state == PayoutState.WAITING.value and large.transaction_id is None
    assert _money(street) == 10000 - 1850
    approved = pots.approve_payout(large, by=street.fatima)
    assert approved.state == PayoutState.BOOKED.value
    assert db.session.get(PotTransaction, approved.transaction_id).approved_by_id == street.fatima.id
    assert _money(street) == 10000 - 1850 - 4000
    with pytest.raises(pots.AlreadyRecorded):
        pots.approve_payout(large, by=street.fatima)  # a second tap books nothing more
    assert _money(street) == 10000 - 1850 - 4000


def test_who_may_approve(street):
    from community.permissions import can

    give(street.pot, street.henk, 10000)
    large = pay(street.pot, street.henk, 4000)
    assert not can(street.henk, "approve_payout", large)         # never who asked
    assert can(street.fatima, "approve_payout", large)           # the other gangmaker
    assert not can(street.coordinator, "approve_payout", large)  # two gangmakers: not the coordinator
    assert not can(street.stranger, "approve_payout", large)
    assert [u.id for u in pots.approvers(street.pot, street.henk.id)] == [street.fatima.id]
    pots.update_pot(street.pot, name=street.pot.name, streets="", gangmaker_ids=[street.henk.id], threshold_cents=2500,
                    iban="", account_holder="")
    db.session.expire_all()
    assert can(street.coordinator, "approve_payout", large)      # one gangmaker: a coordinator
    assert [u.id for u in pots.approvers(street.pot, street.henk.id)] == [street.coordinator.id]


def test_a_payout_never_takes_more_than_is_there(street):
    give(street.pot, street.henk, 1000)
    submission = key()
    with pytest.raises(pots.NotEnoughMoney):
        pay(street.pot, street.henk, 1500, submission=submission)
    assert _money(street) == 1000
    pay(street.pot, street.henk, 900, submission=submission)  # nothing was kept: the same form can be sent again
    assert _money(street) == 100


def test_a_waiting_payout_is_refused_when_the_money_went_meanwhile(street):
    give(street.pot, street.henk, 5000)
    large = pay(street.pot, street.henk, 4000)
    pay(street.pot, street.henk, 2000)
    with pytest.raises(pots.NotEnoughMoney):
        pots.approve_payout(large, by=street.fatima)
    assert pots.fresh(large).state == PayoutState.WAITING.value
    refused = pots.refuse_payout(large, reason="Te duur voor een bloemetje", by=street.fatima)
    assert refused.state == PayoutState.REFUSED.value and refused.refusal_reason


def test_out_of_pocket_is_owed_and_paid_back_as_its_own_entry(street):
    give(street.pot, street.fatima, 3000)
    pay(street.pot, street.henk, 1200, paid_from="pocket")
    assert _balance(street, f"owed:{street.henk.id}") == -1200
    assert _money(street) == 3000 - 1200
    with pytest.raises(pots.NotEnoughMoney):
        pots.reimburse(street.pot, submission=key(), gangmaker_id=street.henk.id, amount_cents=1300, paid_from="tin",
                       occurred_on=local_today(), by=street.fatima)
    pots.reimburse(street.pot, submission=key(), gangmaker_id=street.henk.id, amount_cents=1200, paid_from="tin",
                   occurred_on=local_today(), by=street.fatima)
    assert _balance(street, f"owed:{street.henk.id}") == 0
    assert _balance(street, f"tin:{street.fatima.id}") == 1800
    assert _money(street) == 1800


def test_a_handover_moves_the_money_when_the_other_side_confirms(street):
    from community.permissions import can

    give(street.pot, street.henk, 2000)
    handover = cash.propose_handover(street.pot, submission=key(), from_place=f"tin:{street.henk.id}",
                                     to_place=f"tin:{street.fatima.id}", amount_cents=1500, occurred_on=local_today(),
                                     by=street.henk)
    assert _balance(street, f"tin:{street.fatima.id}") == 0
    assert not can(street.henk, "confirm_handover", handover) and can(street.fatima, "confirm_handover", handover)
    cash.confirm_handover(handover, by=street.fatima)
    assert (_balance(street, f"tin:{street.henk.id}"), _balance(street, f"tin:{street.fatima.id}")) == (500, 1500)
    with pytest.raises(pots.AlreadyRecorded):
        cash.confirm_handover(handover, by=street.fatima)
    with pytest.raises(pots.NotEnoughMoney):
        cash.propose_handover(street.pot, submission=key(), from_place=f"tin:{street.henk.id}", to_place="bank",
                              amount_cents=600, occurred_on=local_today(), by=street.henk)


def test_a_cash_count_books_the_difference_and_a_second_person_sees_it(street):
    from community.permissions import can

    give(street.pot, street.henk, 2000)
    count = cash.count_cash(street.pot, submission=key(), counted_cents=1950, note="een munt kwijt", by=street.henk)
    assert count.difference_cents == -50 and count.correction_id
    assert _balance(street, f"tin:{street.henk.id}") == 1950
    assert not can(street.henk, "acknowledge_count", count) and can(street.fatima, "acknowledge_count", count)
    cash.acknowledge_count(count, by=street.fatima)
    with pytest.raises(pots.AlreadyRecorded):
        cash.acknowledge_count(count, by=street.coordinator)
    same = cash.count_cash(street.pot, submission=key(), counted_cents=1950, note="", by=street.henk)
    assert same.correction_id is None and same.acknowledged_at is not None  # it agrees: nothing to look at


def test_a_reversal_turns_every_leg_round_once(street):
    transaction = give(street.pot, street.henk, 800)
    reversal = corrections.reverse(transaction, submission=key(), reason="dubbel ingevoerd", by=street.henk)
    assert reversal.reverses_id == transaction.id
    assert sorted(e.amount_cents for e in reversal.entries) == sorted(-e.amount_cents for e in transaction.entries)
    assert _money(street) == 0
    with pytest.raises(pots.PotError):
        corrections.reverse(transaction, submission=key(), reason="nog een keer", by=street.fatima)
    with pytest.raises(pots.PotError):
        corrections.reverse(reversal, submission=key(), reason="terug van terug", by=street.fatima)


def test_a_gift_that_was_spent_cannot_be_reversed(street):
    gift = give(street.pot, street.henk, 800)
    pay(street.pot, street.henk, 700)
    with pytest.raises(pots.NotEnoughMoney):
        corrections.reverse(gift, submission=key(), reason="vergissing", by=street.henk)


def test_the_same_form_sent_twice_records_once(street):
    submission = key()
    pots.record_gift(street.pot, submission=submission, source=Source.NEIGHBOUR, method="cash", amount_cents=500,
                     occurred_on=local_today(), giver_name="", may_show_name=False, by=street.henk)
    with pytest.raises(pots.AlreadyRecorded):
        pots.record_gift(street.pot, submission=submission, source=Source.NEIGHBOUR, method="cash", amount_cents=500,
                         occurred_on=local_today(), giver_name="", may_show_name=False, by=street.henk)
    assert db.session.scalar(select(func.count()).select_from(PotTransaction)) == 1
    assert _money(street) == 500


def test_a_year_closes_once_and_only_when_it_is_over(street):
    this_year = local_today().year
    give(street.pot, street.henk, 900, days_ago=400)
    with pytest.raises(pots.PotError):
        corrections.close_year(street.pot, this_year, by=street.henk)
    closed = corrections.close_year(street.pot, this_year - 1, by=street.henk)
    assert closed.closing_balance_cents == reports.balance_at_end_of(street.pot.id, this_year - 1)
    with pytest.raises(pots.AlreadyRecorded):
        corrections.close_year(street.pot, this_year - 1, by=street.fatima)
    summary = reports.year_summary(street.pot.id, this_year)
    assert summary.opening_cents == closed.closing_balance_cents  # the balance carries over


def test_a_gangmaker_with_money_cannot_just_leave(street):
    give(street.pot, street.fatima, 300)
    with pytest.raises(pots.PotError):
        pots.update_pot(street.pot, name=street.pot.name, streets="", gangmaker_ids=[street.henk.id],
                        threshold_cents=2500, iban="", account_holder="")
    db.session.rollback()
    assert sorted(pots.fresh(street.pot).gangmaker_ids()) == sorted([street.henk.id, street.fatima.id])


def test_gangmakers_live_in_the_neighbourhood(street):
    with pytest.raises(pots.PotError):
        pots.open_pot(street.neighbourhood, name="Pot", streets="", gangmaker_ids=[street.stranger.id],
                      threshold_cents=0, iban="", account_holder="", by=street.coordinator)


def test_a_tip_is_answered_once_and_not_now_says_why(street):
    tip = pots.nominate(street.pot, text="De buren op nr. 12 hebben een baby gekregen", by=street.neighbour)
    with pytest.raises(pots.PotError):
        pots.answer_nomination(tip, done=False, answer="", by=street.henk)
    answered = pots.answer_nomination(tip, done=True, answer="Er gaat een cadeautje heen!", by=street.henk)
    assert answered.state == NominationState.DONE.value
    with pytest.raises(pots.AlreadyRecorded):
        pots.answer_nomination(tip, done=False, answer="toch niet", by=street.fatima)
    assert [t.id for t in pots.nominations_by(street.pot.id, street.neighbour.id)] == [tip.id]


def test_the_year_in_months_and_kinds_never_names_anyone(street):
    today = local_today()
    give(street.pot, street.fatima, 15000, method="transfer", source=Source.GRANT)
    for cents in (1395, 1395, 1395):
        pay(street.pot, street.fatima, cents, paid_from="bank", occasion=Occasion.WELCOME)
    pay(street.pot, street.fatima, 1250, paid_from="bank", occasion=Occasion.GET_WELL)
    mistaken = pay(street.pot, street.fatima, 999, paid_from="bank", occasion=Occasion.OTHER)
    corrections.reverse(db.session.get(PotTransaction, mistaken.transaction_id), submission=key(), reason="vergissing",
                 by=street.henk)
    summary = reports.year_summary(street.pot.id, today.year)
    month = summary.months[today.month - 1]
    assert [(line.code, line.count, line.cents) for line in month.spending] == [
        ("welcome", 3, 4185), ("get_well", 1, 1250)]  # the reversed payout is not counted
    assert [(line.code, line.count, line.cents) for line in month.income] == [("grant", 1, 15000)]
    assert summary.closing_cents == 15000 - 4185 - 1250 == _money(street)


def test_givers_are_named_only_when_they_agreed(street):
    give(street.pot, street.henk, 500, name="Fam. Jansen", show=True)
    give(street.pot, street.henk, 500, name="Piet de Vries", show=False)
    give(street.pot, street.henk, 500)
    thanks = reports.givers(street.pot.id, local_today().year)
    assert [(t.names, t.unnamed) for t in thanks] == [(["Fam. Jansen"], 2)]


def test_every_balance_is_the_sum_of_its_legs(street):
    give(street.pot, street.henk, 3000)
    pay(street.pot, street.henk, 1200)
    sums = dict(db.session.execute(select(PotEntry.account_id, func.sum(PotEntry.amount_cents))
                                   .group_by(PotEntry.account_id)).all())
    for account in db.session.scalars(select(PotAccount)):
        assert account.balance_cents == sums.get(account.id, 0)
    assert date.today()  # keep the import honest for readers: dates are Amsterdam days from local_today

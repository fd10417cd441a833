"""Whatever happens to a pot, in whatever order, every balance is the sum of its legs and no tin,
bank or voucher stock goes below zero (Hypothesis makes the sequences)."""
from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from community.extensions import db
from community.pot import reports
from community.pot import cash, corrections
from community.pot import services as pots
from community.pot.models import HOLDINGS, AccountKind, Occasion, PotAccount, PotEntry, PotTransaction, Source
from community.recurrence import local_today
from tests.pot.conftest import key

cents = st.integers(min_value=1, max_value=6000)
who = st.sampled_from(["henk", "fatima"])
operation = st.one_of(
    st.tuples(st.just("gift"), who, cents, st.sampled_from(["cash", "transfer", "voucher"]), st.sampled_from(list(Source))),
    st.tuples(st.just("payout"), who, cents, st.sampled_from(["tin", "bank", "vouchers", "pocket"]),
              st.sampled_from(list(Occasion))),
    st.tuples(st.just("approve"), who, st.integers(0, 5)),
    st.tuples(st.just("reverse"), who, st.integers(0, 30)),
    st.tuples(st.just("handover"), who, cents, st.sampled_from(["tin", "bank"])),
    st.tuples(st.just("count"), who, st.integers(min_value=0, max_value=20000)),
    st.tuples(st.just("reimburse"), who, cents, st.sampled_from(["tin", "bank"])),
)
SEEN: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def _print_the_figures():
    """After the module: how many operations were booked and refused (for the record, not a check)."""
    yield
    print(f"\nproperty test: {SEEN['done']} operations booked, {SEEN['refused']} refused (not enough money, "
          f"nothing to reverse), every balance checked after each")


def _apply(step, pot, people) -> None:
    kind, person = step[0], people[step[1]]
    other = people["fatima" if step[1] == "henk" else "henk"]
    today = local_today()
    if kind == "gift":
        pots.record_gift(pot, submission=key(), source=step[4], method=step[3], amount_cents=step[2], occurred_on=today,
                         giver_name="", may_show_name=False, by=person)
    elif kind == "payout":
        pots.ask_payout(pot, submission=key(), occasion=step[4], amount_cents=step[2], occurred_on=today,
                        paid_from=step[3], what="bloemen", recipient="", no_receipt_reason="geen bon", receipt_file=None,
                        by=person)
    elif kind == "approve":
        waiting = db.session.scalars(select(pots.PotPayout).where(pots.PotPayout.pot_id == pot.id,
                                                                  pots.PotPayout.state == "waiting")).all()
        if waiting:
            payout = waiting[step[2] % len(waiting)]
            pots.approve_payout(payout, by=other if payout.asked_by_id == person.id else person)
    elif kind == "reverse":
        booked = db.session.scalars(select(PotTransaction).where(PotTransaction.pot_id == pot.id)
                                    .order_by(PotTransaction.id)).all()
        if booked:
            corrections.reverse(booked[step[2] % len(booked)], submission=key(), reason="vergissing", by=person)
    elif kind == "handover":
        handover = cash.propose_handover(pot, submission=key(), from_place=f"tin:{person.id}",
                                         to_place=f"tin:{other.id}" if step[3] == "tin" else "bank",
                                         amount_cents=step[2], occurred_on=today, by=person)
        cash.confirm_handover(handover, by=other)
    elif kind == "count":
        cash.count_cash(pot, submission=key(), counted_cents=step[2], note="", by=person)
    elif kind == "reimburse":
        pots.reimburse(pot, submission=key(), gangmaker_id=other.id, amount_cents=step[2], paid_from=step[3],
                       occurred_on=today, by=person)


def _check_books(pot_id: int) -> None:
    legs = dict(db.session.execute(select(PotEntry.account_id, func.sum(PotEntry.amount_cents))
                                   .join(PotAccount, PotAccount.id == PotEntry.account_id)
                                   .where(PotAccount.pot_id == pot_id).group_by(PotEntry.account_id)).all())
    accounts = db.session.scalars(select(PotAccount).where(PotAccount.pot_id == pot_id)).all()
    for account in accounts:
        assert account.balance_cents == legs.get(account.id, 0), account.code
        if AccountKind(account.kind) in HOLDINGS:
            assert account.balance_cents >= 0, account.code
        if account.kind == AccountKind.OWED.value:
            assert account.balance_cents <= 0, account.code
    assert sum(legs.values()) == 0  # double entry: everything balances
    money = sum(a.balance_cents for a in accounts if a.kind in (*[k.value for k in HOLDINGS], AccountKind.OWED.value))
    assert reports.balances_of([pot_id])[pot_id] == money
    assert reports.year_summary(pot_id, local_today().year).closing_cents == money


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(steps=st.lists(operation, min_size=1, max_size=25))
def test_every_balance_is_the_sum_of_its_legs_and_never_negative(street, steps):
    pot = pots.open_pot(street.neighbourhood, name="Proefpot", streets="", gangmaker_ids=[street.henk.id,
                                                                                         street.fatima.id],
                        threshold_cents=2500, iban="", account_holder="", by=street.coordinator)
    people = {"henk": street.henk, "fatima": street.fatima}
    for step in steps:
        try:
            _apply(step, pot, people)
            SEEN["done"] += 1
        except pots.PotError:
            SEEN["refused"] += 1
        db.session.rollback()
        _check_books(pot.id)

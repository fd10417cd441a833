"""Real threads at the same moment: a pot pays out only what it has, and a form sent many times
at once is recorded once. On SQLite and on PostgreSQL (TEST_DATABASE_URL)."""
from __future__ import annotations

from sqlalchemy import func, select

from community.accounts.models import User
from community.extensions import db
from community.pot import reports
from community.pot import services as pots
from community.pot.models import Pot, PotPayout, PotSubmission, PotTransaction
from tests.concurrency import run_at_once
from tests.pot.conftest import give, key, pay

ATTEMPTS, AFFORDABLE, EACH = 12, 5, 1000


def test_concurrent_payouts_pay_exactly_what_the_pot_can(app, street):
    give(street.pot, street.henk, AFFORDABLE * EACH, method="transfer")
    pot_id, henk_id = street.pot.id, street.henk.id

    def payout(_attempt: int) -> None:
        pay(db.session.get(Pot, pot_id), db.session.get(User, henk_id), EACH, paid_from="bank")

    errors = run_at_once(app, payout, list(range(ATTEMPTS)))
    db.session.rollback()  # a fresh look: this session's snapshot is older than the threads' writes
    booked = db.session.scalar(select(func.count()).select_from(PotPayout))
    print(f"\n{ATTEMPTS} payouts at once of {EACH} cents on {AFFORDABLE * EACH} cents: {booked} booked, "
          f"{len(errors)} refused, balance {reports.balances_of([pot_id])[pot_id]}")
    assert booked == AFFORDABLE
    assert len(errors) == ATTEMPTS - AFFORDABLE and all("NotEnoughMoney" in e for e in errors), errors
    assert reports.balances_of([pot_id])[pot_id] == 0


def test_one_form_sent_many_times_at_once_is_recorded_once(app, street):
    pot_id, henk_id, submission = street.pot.id, street.henk.id, key()

    def gift(_attempt: int) -> None:
        pots.record_gift(db.session.get(Pot, pot_id), submission=submission, source=pots.Source.NEIGHBOUR,
                         method="cash", amount_cents=500, occurred_on=pots.local_today(), giver_name="",
                         may_show_name=False, by=db.session.get(User, henk_id))

    errors = run_at_once(app, gift, list(range(8)))
    db.session.rollback()  # a fresh look: this session's snapshot is older than the threads' writes
    assert db.session.scalar(select(func.count()).select_from(PotTransaction)) == 1
    assert db.session.scalar(select(func.count()).select_from(PotSubmission)) == 1
    assert len(errors) == 7 and all("AlreadyRecorded" in e for e in errors), errors
    assert reports.balances_of([pot_id])[pot_id] == 500


def test_two_approvals_at_once_book_once(app, street, make_user):
    third = make_user(neighbourhood=street.neighbourhood, name="Kees")
    pots.update_pot(street.pot, name=street.pot.name, streets="", gangmaker_ids=[street.henk.id, street.fatima.id,
                                                                                 third.id],
                    threshold_cents=2500, iban="", account_holder="")
    give(street.pot, street.henk, 10000)
    waiting_id = pay(street.pot, street.henk, 4000).id
    approvers = [street.fatima.id, third.id]

    def approve(user_id: int) -> None:
        pots.approve_payout(db.session.get(PotPayout, waiting_id), by=db.session.get(User, user_id))

    errors = run_at_once(app, approve, approvers)
    db.session.rollback()  # a fresh look: this session's snapshot is older than the threads' writes
    assert len(errors) == 1 and "AlreadyRecorded" in errors[0], errors
    assert db.session.scalar(select(func.count()).select_from(PotTransaction)) == 2  # the gift and one payout
    assert reports.balances_of([street.pot.id])[street.pot.id] == 6000

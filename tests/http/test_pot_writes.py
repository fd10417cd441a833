"""The pot over real HTTP, against gunicorn with 4 workers, 40 at once: gifts, payouts that the
pot can only partly pay, tips, and one form sent 40 times. On SQLite and on PostgreSQL."""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from community.accounts.models import User
from community.extensions import db
from community.pot import reports
from community.pot import services as pots
from community.pot.models import PotNomination, PotPayout, PotTransaction, Source
from community.recurrence import local_today
from tests.http.conftest import NEIGHBOURHOOD
from tests.http.live_server import RESIDENTS, Resident, at_once, summary

pytestmark = pytest.mark.http

BANK_CENTS, EACH_CENTS = 25_000, 1_000  # the bank can pay 25 of the 40 payouts
AFFORDABLE = BANK_CENTS // EACH_CENTS


@dataclass
class Scene:
    pot_id: int
    user_ids: list[int]


def build_scene(neighbourhood, users) -> Scene:
    coordinator = db.session.scalar(select(User).where(User.email == "marieke@example.org"))
    pot = pots.open_pot(neighbourhood, name="Lief & leed Proefstraat", streets="", gangmaker_ids=[u.id for u in users],
                        threshold_cents=2500, iban="", account_holder="", by=coordinator)
    pots.record_gift(pot, submission=uuid.uuid4().hex, source=Source.GRANT, method="transfer", amount_cents=BANK_CENTS,
                     occurred_on=local_today(), giver_name="", may_show_name=False, by=users[0])
    return Scene(pot.id, [user.id for user in users])


@pytest.fixture(scope="module")
def site(start_site):
    return start_site(build=build_scene)


@pytest.fixture(scope="module")
def gangmakers(site):
    people = site.residents()
    answers, _ = at_once(people, lambda person: person.log_in())
    assert summary(answers) == {303: RESIDENTS}
    yield people
    for person in people:
        person.close()


def _count(site, statement) -> int:
    with site.app.app_context():
        value = db.session.scalar(statement)
        db.session.remove()
        return value or 0


def _balance(site) -> int:
    with site.app.app_context():
        value = reports.balances_of([site.scene.pot_id])[site.scene.pot_id]
        db.session.remove()
        return value


def _open(people, path: str) -> dict[str, str]:
    """Each opens the form (reading its CSRF token); returns each one's own one-time key."""
    keys = {}
    for person in people:
        found = re.search(r'name="submission"[^>]*value="([0-9a-f]{32})"', person.get(path).text)
        assert found, f"no one-time key on {path}"
        keys[person.email] = found.group(1)
    return keys


def test_forty_gifts_at_once_are_forty_gifts(site, gangmakers):
    path = f"/{NEIGHBOURHOOD}/pot/{site.scene.pot_id}/gifts/new"
    keys = _open(gangmakers, path)
    before = _balance(site)
    answers, seconds = at_once(gangmakers, lambda person: person.post(path, {
        "submission": keys[person.email], "amount": "2,50", "source": "neighbour", "method": "cash",
        "occurred_on": local_today().isoformat()}))
    print(f"\npot gifts: 40 at once -> {summary(answers)} in {seconds:.2f} s")
    assert summary(answers) == {303: RESIDENTS}
    assert _balance(site) == before + RESIDENTS * 250


def test_forty_payouts_at_once_take_only_what_the_bank_has(site, gangmakers):
    path = f"/{NEIGHBOURHOOD}/pot/{site.scene.pot_id}/payouts/new"
    keys = _open(gangmakers, path)
    answers, seconds = at_once(gangmakers, lambda person: person.post(path, {
        "submission": keys[person.email], "amount": "10", "occasion": "welcome", "paid_from": "bank",
        "what": "Bloemen", "no_receipt_reason": "geen bon", "occurred_on": local_today().isoformat()}))
    print(f"\npot payouts from a bank with {BANK_CENTS} cents: 40 at once of {EACH_CENTS} -> {summary(answers)} "
          f"in {seconds:.2f} s")
    assert summary(answers) == {303: AFFORDABLE, 422: RESIDENTS - AFFORDABLE}
    assert _count(site, select(func.count()).select_from(PotPayout).where(PotPayout.pot_id == site.scene.pot_id)) \
        == AFFORDABLE
    with site.app.app_context():
        bank = db.session.scalar(select(func.sum(pots.PotAccount.balance_cents)).where(
            pots.PotAccount.pot_id == site.scene.pot_id, pots.PotAccount.code == "bank"))
        db.session.remove()
    assert bank == 0


def test_one_form_sent_forty_times_at_once_is_recorded_once(site):
    same = [Resident(site.server, site.emails[0]) for _ in range(RESIDENTS)]  # one gangmaker, forty taps
    answers, _ = at_once(same, lambda person: person.log_in())
    assert summary(answers) == {303: RESIDENTS}
    path = f"/{NEIGHBOURHOOD}/pot/{site.scene.pot_id}/gifts/new"
    _open(same, path)
    submission = uuid.uuid4().hex
    mine = select(func.count()).select_from(PotTransaction).where(PotTransaction.pot_id == site.scene.pot_id)
    before = _count(site, mine)
    answers, seconds = at_once(same, lambda person: person.post(path, {
        "submission": submission, "amount": "7", "source": "neighbour", "method": "cash",
        "occurred_on": local_today().isoformat()}))
    print(f"\nthe same gift form 40 times at once -> {summary(answers)} in {seconds:.2f} s")
    assert summary(answers) == {303: RESIDENTS}
    assert _count(site, mine) == before + 1
    for person in same:
        person.close()


def test_forty_tips_at_once(site, gangmakers):
    path = f"/{NEIGHBOURHOOD}/pot/{site.scene.pot_id}/nominate"
    for person in gangmakers:
        person.get(path)
    answers, _ = at_once(gangmakers, lambda person: person.post(path, {"text": f"Tip van {person.email}"}))
    assert summary(answers) == {303: RESIDENTS}
    assert _count(site, select(func.count()).select_from(PotNomination).where(
        PotNomination.pot_id == site.scene.pot_id)) == RESIDENTS

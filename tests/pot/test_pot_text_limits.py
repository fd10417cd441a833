"""Every text of the pot's forms: one character over its limit is answered with 422 and kept;
exactly the limit is saved."""
from __future__ import annotations

import pytest
from markupsafe import escape
from sqlalchemy import select

from community.extensions import db
from community.pot.models import PotNomination, PotPayout
from community.recurrence import local_today
from tests.pot.conftest import give, key, pay

TODAY = "<today>"  # filled in when the test runs, not when it is collected (a run can pass midnight)
CASES = [  # who, path after /<slug>/pot/<id>, other fields, field, limit
    ("henk", "gifts/new", {"amount": "5", "source": "neighbour", "method": "cash", "occurred_on": TODAY},
     "giver_name", 100),
    ("henk", "payouts/new", {"amount": "5", "occasion": "welcome", "paid_from": "tin", "occurred_on": TODAY,
                             "no_receipt_reason": "geen"}, "what", 200),
    ("henk", "payouts/new", {"amount": "5", "occasion": "welcome", "paid_from": "tin", "occurred_on": TODAY,
                             "what": "Bloemen", "no_receipt_reason": "geen"}, "recipient", 200),
    ("henk", "payouts/new", {"amount": "5", "occasion": "welcome", "paid_from": "tin", "occurred_on": TODAY,
                             "what": "Bloemen"}, "no_receipt_reason", 300),
    ("henk", "count", {"counted": "50"}, "note", 200),
    ("neighbour", "nominate", {}, "text", 500),
    ("coordinator", "settings", {"name": "Pot", "threshold": "25"}, "streets", 300),
    ("coordinator", "settings", {"name": "Pot", "threshold": "25", "iban": ""}, "account_holder", 70),
    ("coordinator", "settings", {"threshold": "25"}, "name", 100),
]


@pytest.mark.parametrize("who, path, data, name, limit", CASES, ids=[f"{c[1]}.{c[3]}" for c in CASES])
def test_one_character_over_the_limit_is_answered_and_kept(client, login_as, street, who, path, data, name, limit):
    give(street.pot, street.henk, 5000)
    login_as(getattr(street, who))
    if path == "settings":
        data = {**data, "gangmakers": [str(street.henk.id), str(street.fatima.id)]}
    typed = "é" * (limit + 1)
    url = f"/{street.neighbourhood.slug}/pot/{street.pot.id}/{path}"
    data = {field: local_today().isoformat() if value == TODAY else value for field, value in data.items()}
    response = client.post(url, data={"submission": key(), **data, name: typed})
    assert response.status_code == 422, response.text[:300]
    assert f"hoogstens {limit} tekens" in response.text
    assert str(escape(typed)) in response.text


def test_exactly_the_limit_is_saved(client, login_as, street):
    give(street.pot, street.henk, 5000)
    login_as(street.henk)
    base = f"/{street.neighbourhood.slug}/pot/{street.pot.id}"
    assert client.post(f"{base}/payouts/new", data={
        "submission": key(), "amount": "5", "occasion": "welcome", "paid_from": "tin", "occurred_on": local_today().isoformat(),
        "what": "é" * 200, "recipient": "ë" * 200, "no_receipt_reason": "ï" * 300}).status_code == 303
    payout = db.session.scalar(select(PotPayout))
    assert (len(payout.what), len(payout.recipient), len(payout.no_receipt_reason)) == (200, 200, 300)
    login_as(street.neighbour)
    assert client.post(f"{base}/nominate", data={"text": "é" * 500}).status_code == 303
    assert len(db.session.scalar(select(PotNomination.text))) == 500


def test_a_refusal_reason_over_its_limit_is_kept_at_its_field(client, login_as, street):
    give(street.pot, street.henk, 10000)
    waiting = pay(street.pot, street.henk, 4000)
    login_as(street.fatima)
    response = client.post(f"/{street.neighbourhood.slug}/pot/{street.pot.id}/payouts/{waiting.id}",
                           data={"reason": "é" * 301})
    assert response.status_code == 422 and "hoogstens 300 tekens" in response.text

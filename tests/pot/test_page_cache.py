"""The pot's page answers a revisit with 304 until its money, its tips or its gangmakers changed."""
from __future__ import annotations

import pytest

from community.extensions import db
from community.pot import services as pots
from tests.pot.conftest import give, pay
from tests.revisits import etag_of, revisit


def _a_gift(street):
    give(street.pot, street.henk, 1234)
    return "12,34"


def _a_payout(street):
    give(street.pot, street.henk, 5000)
    pay(street.pot, street.henk, 1500)
    return "35,00"


def _a_tip_of_mine(street):
    pots.nominate(street.pot, text="Nr. 7 is jarig", by=street.neighbour)
    return "Nr. 7 is jarig"


def _a_gangmaker_renames_themselves(street):
    from community.accounts import services as accounts

    accounts.update_profile(street.fatima, "Fatima El Amrani", "nl")
    return "Fatima El Amrani"


@pytest.mark.parametrize("write", [_a_gift, _a_payout, _a_tip_of_mine, _a_gangmaker_renames_themselves])
def test_no_pot_page_is_stale_after_a_write(client, login_as, street, write):
    login_as(street.neighbour)
    url = f"/{street.neighbourhood.slug}/pot/{street.pot.id}/"
    before = client.get(url)
    expected = write(street)
    db.session.expire_all()
    after = revisit(client, url, etag_of(before))
    assert after.status_code == 200 and expected in after.text
    assert revisit(client, url, etag_of(after)).status_code == 304


def test_an_anonymous_visitor_sees_the_new_balance(client, street):
    url = f"/{street.neighbourhood.slug}/pot/{street.pot.id}/"
    before = client.get(url)
    give(street.pot, street.henk, 777)
    after = revisit(client, url, etag_of(before))
    assert after.status_code == 200 and "7,77" in after.text

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from community.pot import services as pots
from community.pot.models import Occasion, Source
from community.recurrence import local_today


def key() -> str:
    return uuid.uuid4().hex


@pytest.fixture
def street(make_neighbourhood, make_user):
    """A neighbourhood with a pot run by two gangmakers (Henk and Fatima), a coordinator, a neighbour
    and someone from another neighbourhood."""
    neighbourhood = make_neighbourhood("De Ruwaard")
    henk = make_user(neighbourhood=neighbourhood, name="Henk", role="treasurer")
    fatima = make_user(neighbourhood=neighbourhood, name="Fatima")
    coordinator = make_user(neighbourhood=neighbourhood, role="coordinator", name="Marieke")
    neighbour = make_user(neighbourhood=neighbourhood, name="Ayşe")
    elsewhere = make_neighbourhood("Selwerd")
    stranger = make_user(neighbourhood=elsewhere, role="coordinator", name="Jeroen")
    pot = pots.open_pot(neighbourhood, name="Lief & leed Kastanjelaan", streets="Kastanjelaan",
                        gangmaker_ids=[henk.id, fatima.id], threshold_cents=2500, iban="NL91ABNA0417164300",
                        account_holder="Stichting Kastanjelaan", by=coordinator)

    class Street:
        pass

    s = Street()
    s.neighbourhood, s.pot, s.henk, s.fatima, s.coordinator, s.neighbour = (neighbourhood, pot, henk, fatima,
                                                                            coordinator, neighbour)
    s.elsewhere, s.stranger = elsewhere, stranger
    return s


def give(pot, by, cents, *, method="cash", source=Source.COLLECTION, days_ago=0, name="", show=False):
    return pots.record_gift(pot, submission=key(), source=source, method=method, amount_cents=cents,
                            occurred_on=local_today() - timedelta(days=days_ago), giver_name=name,
                            may_show_name=show, by=by)


def pay(pot, by, cents, *, paid_from="tin", occasion=Occasion.WELCOME, recipient="Ayşe op nr. 12", days_ago=0,
        submission=None):
    return pots.ask_payout(pot, submission=submission or key(), occasion=occasion, amount_cents=cents,
                           occurred_on=local_today() - timedelta(days=days_ago), paid_from=paid_from,
                           what="Een bos bloemen", recipient=recipient, no_receipt_reason="bloemist gaf geen bon",
                           receipt_file=None, by=by)

"""The route walk's pots: one per neighbourhood, run by two gangmakers, with something of every
kind waiting, and the private texts of a pot (for whom, what was bought, tips) as markers."""
from __future__ import annotations

import uuid

from tests.walk_world import COORDINATORS, NOBODY, RESIDENTS


def add_pot(built, label: str, neighbourhood, coordinator, gangmakers: list, nominator, walker_gangmakers: set) -> None:
    """`walker_gangmakers`: which of the gangmakers are walker roles (relative to this neighbourhood)."""
    from community.pot import cash, corrections  # noqa: F401 - the walk reaches each kind of row
    from community.pot import services as pots
    from community.pot.models import Occasion, Source
    from community.recurrence import local_today

    keeper, second = gangmakers
    keepers = frozenset(walker_gangmakers)
    privately = keepers | COORDINATORS
    pot = pots.open_pot(neighbourhood, name=f"Lief & leed {label}", streets="Kastanjelaan", gangmaker_ids=[
        keeper.id, second.id], threshold_cents=2500, iban="NL91ABNA0417164300", account_holder="Stichting",
                        by=coordinator)
    today, key = local_today(), lambda: uuid.uuid4().hex
    pots.record_gift(pot, submission=key(), source=Source.NEIGHBOUR, method="cash", amount_cents=9000, occurred_on=today,
                     giver_name=built.marker("giver who did not want to be named", label, NOBODY), may_show_name=False,
                     by=keeper)
    gift = pots.record_gift(pot, submission=key(), source=Source.GRANT, method="transfer", amount_cents=5000,
                            occurred_on=today, giver_name="", may_show_name=False, by=keeper)
    payout = pots.ask_payout(pot, submission=key(), occasion=Occasion.BIRTH, amount_cents=4000, occurred_on=today,
                             paid_from="tin", what=built.marker("what a payout bought", label, privately),
                             recipient=built.marker("payout recipient", label, privately),
                             no_receipt_reason="geen bon", receipt_file=None, by=keeper)
    handover = cash.propose_handover(pot, submission=key(), from_place=f"tin:{keeper.id}", to_place=f"tin:{second.id}",
                                     amount_cents=100, occurred_on=today, by=keeper)
    count = cash.count_cash(pot, submission=key(), counted_cents=8900,
                            note=built.marker("cash count note", label, privately), by=keeper)
    tip = pots.nominate(pot, text=built.marker("tip of a neighbour", label, privately | nominator[1]), by=nominator[0])
    slug, year = neighbourhood.slug, today.year
    values = {"slug": slug, "pot_id": pot.id, "year": year}
    built.thing(f"pot {label}", label, "pot_id", values, keepers=keepers, privately=privately,
                nominators=RESIDENTS)
    built.thing(f"payout {label}", label, "payout_id", {**values, "payout_id": payout.id, "size": "small"},
                privately=privately, approvers=keepers - {"member"})
    built.thing(f"handover {label}", label, "handover_id", {**values, "handover_id": handover.id, "step": "confirm"},
                confirmers=keepers - {"member"})
    built.thing(f"cash count {label}", label, "count_id", {**values, "count_id": count.id},
                acknowledgers=privately - {"member"})
    built.thing(f"transaction {label}", label, "transaction_id", {**values, "transaction_id": gift.id}, keepers=keepers)
    built.thing(f"tip {label}", label, "nomination_id", {**values, "nomination_id": tip.id}, keepers=keepers)

"""Export: what I did with a lief-en-leedpot. Amounts, dates and kinds; never who a payout was for,
nor the name of a giver whose gift I booked (that is theirs)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.extensions import db
from community.pot.models import Pot, PotGangmaker, PotGift, PotNomination, PotPayout, PotTransaction
from community.privacy.export_registry import exporter, row


@exporter("pot_gangmaker", _l("Potten waar ik gangmaker ben"))
def pot_gangmaker(user) -> list[dict]:
    rows = db.session.execute(select(PotGangmaker, Pot.name).join(Pot, Pot.id == PotGangmaker.pot_id)
                              .where(PotGangmaker.user_id == user.id).order_by(PotGangmaker.id)).all()
    return [row(pot_id=g.pot_id, pot=name) for g, name in rows]


@exporter("pot_gifts_booked", _l("Giften die ik in een pot boekte"))
def pot_gifts_booked(user) -> list[dict]:
    rows = db.session.execute(select(PotTransaction).join(PotGift, PotGift.transaction_id == PotTransaction.id)
                              .where(PotTransaction.booked_by_id == user.id).order_by(PotTransaction.id)).scalars()
    return [row(pot_id=t.pot_id, occurred_on=t.occurred_on, booked_at=t.booked_at,
                amount_cents=sum(e.amount_cents for e in t.entries if e.amount_cents > 0)) for t in rows]


@exporter("pot_payouts", _l("Uitgaven die ik als gangmaker deed"))
def pot_payouts(user) -> list[dict]:
    payouts = db.session.scalars(select(PotPayout).where(PotPayout.asked_by_id == user.id).order_by(PotPayout.id))
    return [row(pot_id=p.pot_id, state=p.state, occasion=p.occasion, amount_cents=p.amount_cents,
                occurred_on=p.occurred_on, what=p.what, asked_at=p.asked_at, decided_at=p.decided_at)
            for p in payouts]


@exporter("pot_tips", _l("Tips die ik aan een pot gaf"))
def pot_tips(user) -> list[dict]:
    tips = db.session.scalars(select(PotNomination).where(PotNomination.nominated_by_id == user.id)
                              .order_by(PotNomination.id))
    return [row(pot_id=n.pot_id, text=n.text, state=n.state, answer=n.answer, created_at=n.created_at) for n in tips]

"""Cron on two servers at once: the daily mail still goes out once per supporter and coordinator."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from community.db import utcnow
from community.extensions import db
from community.initiatives import mailing, services as initiatives
from community.initiatives.models import ModerationPreference, Support
from community.mail.models import OutboxMessage
from tests.concurrency import run_at_once

SUPPORTERS = 8


def test_two_daily_runs_at_once_send_each_mail_once(app, make_neighbourhood, make_user, make_initiative, outbox):
    neighbourhood = make_neighbourhood()
    proposer = make_user(neighbourhood=neighbourhood)
    initiative = make_initiative(neighbourhood, proposer=proposer, state="published")
    for _ in range(SUPPORTERS):
        initiatives.toggle_support(initiative, make_user(neighbourhood=neighbourhood).id)
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    db.session.add(ModerationPreference(user_id=coordinator.id, neighbourhood_id=neighbourhood.id,
                                        wants_daily_summary=True, summarised_until=utcnow() - timedelta(days=1)))
    db.session.execute(update(Support).values(notified_until=utcnow() - timedelta(days=1)))
    db.session.commit()
    initiatives.post(initiative, proposer, "Eerste update", is_update=True)
    make_initiative(neighbourhood, state="submitted", title="Nieuw voor de samenvatting")
    outbox.clear()
    db.session.execute(OutboxMessage.__table__.delete())
    db.session.commit()

    def run_cron(_host: int) -> None:
        with app.test_request_context():
            mailing.send_daily_mail()

    assert run_at_once(app, run_cron, [1, 2]) == []
    db.session.expire_all()
    kinds = dict(db.session.execute(select(OutboxMessage.template, func.count()).group_by(OutboxMessage.template)).all())
    assert kinds == {"initiative_updates": SUPPORTERS, "initiative_summary": 1}
    assert len(outbox) == SUPPORTERS + 1
    assert len({message.to[0] for message in outbox}) == SUPPORTERS + 1

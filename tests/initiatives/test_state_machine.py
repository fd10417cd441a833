from __future__ import annotations

import pytest
from sqlalchemy import select
from community.errors import Refused

from community.extensions import db
from community.initiatives import lists as initiative_lists, mailing, services as initiatives
from community.initiatives.models import StateChange
from community.moderation.models import AuditEntry


def test_the_whole_road_with_history_and_audit(make_neighbourhood, make_user, make_initiative, outbox):
    neighbourhood = make_neighbourhood()
    proposer = make_user(neighbourhood=neighbourhood)
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    initiative = make_initiative(neighbourhood, proposer=proposer)
    initiatives.transition(initiative, "submit", proposer)
    assert [m.to for m in outbox] == [[coordinator.email]]  # told of the new submission
    initiatives.transition(initiative, "request_changes", coordinator, "Wanneer precies?")
    initiatives.transition(initiative, "submit", proposer)
    initiatives.transition(initiative, "publish", coordinator)
    initiatives.transition(initiative, "finish", proposer, "De speeltuin is geschilderd!")
    assert initiative.state == "done" and initiative.result == "De speeltuin is geschilderd!"
    states = [c.to_state for c in db.session.scalars(select(StateChange).order_by(StateChange.id))]
    assert states == ["draft", "submitted", "changes_requested", "submitted", "published", "done"]
    audited = [(a.action, a.reason) for a in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert audited == [("request_changes", "Wanneer precies?"), ("publish", "")]
    assert "Wanneer precies?" in outbox[1].body


@pytest.mark.parametrize("state,action", [("draft", "publish"), ("draft", "finish"), ("submitted", "submit"),
                                          ("published", "decline"), ("published", "submit")])
def test_illegal_transitions_are_refused_with_a_message(make_neighbourhood, make_user, make_initiative, state, action):
    neighbourhood = make_neighbourhood()
    initiative = make_initiative(neighbourhood, state=state)
    admin = make_user(is_admin=True, neighbourhood=neighbourhood)
    with pytest.raises(initiatives.InitiativeError) as refused:
        initiatives.transition(initiative, action, admin, "reden")
    assert "status" in str(refused.value.message)
    assert initiative.state == state


def test_reasons_are_required_to_ask_for_changes_or_decline(make_neighbourhood, make_user, make_initiative):
    neighbourhood = make_neighbourhood()
    initiative = make_initiative(neighbourhood, state="submitted")
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    for action in ("request_changes", "decline"):
        with pytest.raises(initiatives.InitiativeError):
            initiatives.transition(initiative, action, coordinator, "  ")


def test_only_that_neighbourhoods_coordinator_moderates(make_neighbourhood, make_user, make_initiative):
    own, other = make_neighbourhood(), make_neighbourhood()
    initiative = make_initiative(own, state="submitted")
    with pytest.raises(Refused):
        initiatives.transition(initiative, "publish", make_user(role="coordinator", neighbourhood=other))
    with pytest.raises(Refused):
        initiatives.transition(initiative, "publish", make_user(neighbourhood=own))


def test_submitting_needs_at_least_one_need(make_neighbourhood, make_user, make_initiative):
    neighbourhood = make_neighbourhood()
    proposer = make_user(neighbourhood=neighbourhood)
    initiative = make_initiative(neighbourhood, proposer=proposer, needs=())
    with pytest.raises(initiatives.InitiativeError):
        initiatives.transition(initiative, "submit", proposer)


def test_support_join_and_needs(make_neighbourhood, make_user, make_initiative, outbox):
    neighbourhood = make_neighbourhood()
    initiative = make_initiative(neighbourhood, state="published")
    neighbour = make_user(neighbourhood=neighbourhood)
    assert initiatives.toggle_support(initiative, neighbour.id) is True
    assert initiative.support_count == 1
    assert initiatives.toggle_support(initiative, neighbour.id) is False
    assert initiative.support_count == 0
    need = initiative.needs[0]
    before = len(outbox)
    initiatives.join(initiative, neighbour.id, need.id, "Ik heb een ladder")
    assert len(outbox) == before + 1  # the initiator hears of it
    with pytest.raises(initiatives.InitiativeError):
        initiatives.join(initiative, neighbour.id, None, "   ")
    initiatives.set_need_met(initiative, need.id, True)
    assert initiative_lists.counts(neighbourhood.id, 2026).needs_met == 1


def test_daily_mail_tells_supporters_once(app, make_neighbourhood, make_user, make_initiative, outbox):
    from datetime import timedelta

    from community.db import utcnow
    from community.initiatives.models import Support

    neighbourhood = make_neighbourhood()
    proposer = make_user(neighbourhood=neighbourhood)
    initiative = make_initiative(neighbourhood, proposer=proposer, state="published")
    supporter = make_user(neighbourhood=neighbourhood)
    initiatives.toggle_support(initiative, supporter.id)
    support = db.session.scalar(select(Support))
    support.notified_until = utcnow() - timedelta(days=1)
    db.session.commit()
    initiatives.post(initiative, proposer, "We zijn begonnen!", is_update=True)
    outbox.clear()
    with app.test_request_context():
        assert mailing.send_daily_mail()[0] == 1
        assert mailing.send_daily_mail()[0] == 0  # running it twice sends nothing twice
    assert len(outbox) == 1 and outbox[0].to == [supporter.email] and "We zijn begonnen!" in outbox[0].body


def test_daily_summary_for_coordinators_who_chose_it(app, make_neighbourhood, make_user, make_initiative, outbox):
    neighbourhood = make_neighbourhood()
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    mailing.set_daily_summary(coordinator.id, neighbourhood.id, True)
    from datetime import timedelta

    from community.initiatives.models import ModerationPreference

    preference = db.session.scalar(select(ModerationPreference))
    preference.summarised_until -= timedelta(days=1)
    db.session.commit()
    make_initiative(neighbourhood, state="submitted")
    assert outbox == []  # no mail per submission for this coordinator
    with app.test_request_context():
        assert mailing.send_daily_mail()[1] == 1
        assert mailing.send_daily_mail()[1] == 0
    assert outbox[0].to == [coordinator.email]

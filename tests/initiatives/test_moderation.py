from __future__ import annotations

import pytest
from sqlalchemy import select

from community.extensions import db
from community.initiatives import services as initiatives
from community.moderation import services as moderation
from community.moderation.models import AuditEntry, Report


def test_three_reports_hide_until_the_coordinator_decides(make_neighbourhood, make_user, make_initiative):
    neighbourhood = make_neighbourhood()
    initiative = make_initiative(neighbourhood, state="published")
    comment = initiatives.post(initiative, make_user(neighbourhood=neighbourhood), "Onaardig", is_update=False)
    reporters = [make_user(neighbourhood=neighbourhood) for _ in range(3)]
    assert moderation.report("post", comment.id, reporters[0].id, "Kwetsend") is False
    with pytest.raises(moderation.ModerationError):
        moderation.report("post", comment.id, reporters[0].id, "Nog eens")  # once per person
    with pytest.raises(moderation.ModerationError):
        moderation.report("post", comment.id, reporters[1].id, "")  # a reason is required
    moderation.report("post", comment.id, reporters[1].id, "Kwetsend")
    assert moderation.report("post", comment.id, reporters[2].id, "Kwetsend") is True
    assert comment.is_hidden
    assert db.session.get(type(comment), comment.id) is not None  # hidden is never deleted
    assert [i.target_id for i in moderation.reported_items(neighbourhood.id, neighbourhood.slug)] == [comment.id]

    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    with pytest.raises(moderation.ModerationError):
        moderation.decide("post", comment.id, hide=False, actor_id=coordinator.id, reason="")
    moderation.decide("post", comment.id, hide=False, actor_id=coordinator.id, reason="Valt mee, mag blijven")
    assert not comment.is_hidden
    assert moderation.reported_items(neighbourhood.id, neighbourhood.slug) == []
    assert db.session.scalar(select(Report).where(Report.is_open.is_(True))) is None
    actions = [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions[-2:] == ["auto_hidden", "restored"]


def test_the_audit_log_filters_and_keeps_everything(make_neighbourhood, make_user, make_initiative):
    neighbourhood = make_neighbourhood()
    initiative = make_initiative(neighbourhood, state="published")
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    moderation.decide("initiative", initiative.id, hide=True, actor_id=coordinator.id, reason="Dubbel")
    assert [e.action for e in moderation.audit_log(neighbourhood.id, action="hidden")] == ["hidden"]
    assert {"publish", "hidden"} <= set(moderation.audit_actions(neighbourhood.id))

from __future__ import annotations

import pytest

from community.initiatives import services as initiatives


@pytest.fixture
def make_initiative(make_user):
    def make(neighbourhood, *, proposer=None, state="draft", needs=(("hands", "Schilders", 3, None),), title="Speeltuin"):
        proposer = proposer or make_user(neighbourhood=neighbourhood)
        initiative = initiatives.start_draft(neighbourhood, proposer, initiatives.Proposal(
            title, "De speeltuin opknappen.", "Wij schilderen zelf."))
        for kind, description, people, euros in needs:
            initiatives.add_need(initiative, kind, description, people, euros)
        if state == "draft":
            return initiative
        initiatives.transition(initiative, "submit", proposer)
        if state == "submitted":
            return initiative
        coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
        initiatives.transition(initiative, "publish", coordinator)
        return initiative

    return make


@pytest.fixture
def make_established_user(make_user):
    """A user whose account is `days` old (reports count toward hiding from 7 days on)."""
    from datetime import timedelta

    from community.db import utcnow
    from community.extensions import db

    def make(*, days: float = 30, **kwargs):
        user = make_user(**kwargs)
        user.created_at = utcnow() - timedelta(days=days)
        db.session.commit()
        return user

    return make

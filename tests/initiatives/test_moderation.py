from __future__ import annotations

import pytest
from sqlalchemy import select


from community.extensions import db
from community.initiatives import services as initiatives
from community.moderation import services as moderation
from community.moderation.models import AuditEntry, Report


def test_three_reports_hide_until_the_coordinator_decides(make_neighbourhood, make_user, make_established_user,
                                                         make_initiative):
    neighbourhood = make_neighbourhood()
    initiative = make_initiative(neighbourhood, state="published")
    comment = initiatives.post(initiative, make_user(neighbourhood=neighbourhood), "Onaardig", is_update=False)
    reporters = [make_established_user(neighbourhood=neighbourhood) for _ in range(3)]
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


# Who counts toward hiding: members of the item's neighbourhood with an account of 7 days or more.

@pytest.fixture
def published(make_neighbourhood, make_initiative):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    return neighbourhood, make_initiative(neighbourhood, state="published")


def _report_all(initiative, people) -> list[bool]:
    return [moderation.report("initiative", initiative.id, person.id, "Klopt niet") for person in people]


def test_three_outsiders_cannot_hide(published, make_neighbourhood, make_established_user):
    neighbourhood, initiative = published
    elsewhere = make_neighbourhood()
    outsiders = [make_established_user(neighbourhood=elsewhere) for _ in range(3)]
    outsiders.append(make_established_user(role=None, is_admin=True))  # the instance admin is no member either
    assert _report_all(initiative, outsiders) == [False] * 4
    assert not initiative.is_hidden
    [item] = moderation.reported_items(neighbourhood.id, neighbourhood.slug)
    assert len(item.reports) == 4 and item.counted == frozenset()  # all shown to the coordinator


def test_three_new_members_cannot_hide(published, make_user, make_established_user):
    neighbourhood, initiative = published
    newcomers = [make_user(neighbourhood=neighbourhood), make_established_user(neighbourhood=neighbourhood, days=1),
                 make_established_user(neighbourhood=neighbourhood, days=6.9)]
    assert _report_all(initiative, newcomers) == [False] * 3
    assert not initiative.is_hidden
    assert moderation.counted_report_count("initiative", initiative.id) == 0


def test_three_established_members_hide(published, make_established_user):
    neighbourhood, initiative = published
    members = [make_established_user(neighbourhood=neighbourhood, days=days) for days in (7.1, 30, 400)]
    assert _report_all(initiative, members) == [False, False, True]
    assert initiative.is_hidden
    [item] = moderation.reported_items(neighbourhood.id, neighbourhood.slug)
    assert item.counted == {report.id for report in item.reports}


def test_mixed_reports_hide_only_at_three_that_count(published, make_user, make_neighbourhood, make_established_user):
    neighbourhood, initiative = published
    elsewhere = make_neighbourhood()
    coordinator_only = make_established_user(neighbourhood=neighbourhood, role="coordinator")
    people = [make_established_user(neighbourhood=neighbourhood), make_established_user(neighbourhood=elsewhere),
              make_user(neighbourhood=neighbourhood), make_established_user(neighbourhood=elsewhere),
              coordinator_only]
    assert _report_all(initiative, people) == [False] * 5  # two count: the member and the coordinator
    assert moderation.counted_report_count("initiative", initiative.id) == 2
    assert _report_all(initiative, [make_established_user(neighbourhood=neighbourhood)]) == [True]
    assert initiative.is_hidden


def test_reports_that_do_not_count_are_marked_for_the_coordinator(client, login_as, published, make_user,
                                                                   make_neighbourhood, make_established_user):
    neighbourhood, initiative = published
    moderation.report("initiative", initiative.id, make_established_user(neighbourhood=make_neighbourhood()).id,
                      "Van elders")
    moderation.report("initiative", initiative.id, make_established_user(neighbourhood=neighbourhood).id, "Van hier")
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    page = client.get("/ruwaard/coordinator/reports").text
    elsewhere, here = page.index("Van elders"), page.index("Van hier")
    mark = "telt niet mee voor automatisch verbergen"
    assert mark in page[elsewhere:here] and mark not in page[here:]


def test_one_reports_only_what_one_may_see(client, login_as, make_user, make_neighbourhood, make_initiative):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    proposer = make_user(neighbourhood=neighbourhood)
    draft = make_initiative(neighbourhood, proposer=proposer, state="draft", title="Geheim plan")
    initiative = make_initiative(neighbourhood, state="published")
    hidden = initiatives.post(initiative, make_user(neighbourhood=neighbourhood), "Verborgen tekst", is_update=False)
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    moderation.decide("post", hidden.id, hide=True, actor_id=coordinator.id, reason="Weg")
    draft_url, hidden_url = f"/ruwaard/initiatives/report/initiative/{draft.id}", f"/ruwaard/initiatives/report/post/{hidden.id}"
    login_as(make_user(neighbourhood=make_neighbourhood()))
    for url in (draft_url, hidden_url):  # not to be seen: as if it did not exist
        assert client.get(url).status_code == 404
        assert client.post(url, data={"reason": "Klopt niet"}).status_code == 404
    for who, url in ((proposer, draft_url), (coordinator, hidden_url)):  # seen, but not something to report
        login_as(who)
        response = client.get(url)
        assert response.status_code == 403 and "Geheim plan" not in response.text and "Verborgen tekst" not in response.text
        assert client.post(url, data={"reason": "Klopt niet"}).status_code == 403
    assert db.session.scalar(select(Report)) is None
    assert "Melden" not in client.get(f"/ruwaard/initiatives/{initiative.id}").text.split("Verborgen tekst")[1].split("</li>")[0]


def test_three_members_nobody_confirmed_cannot_hide(published, make_established_user):
    """Joining is open to anyone: reports count only once a coordinator confirmed the member."""
    neighbourhood, initiative = published
    joined = [make_established_user(neighbourhood=neighbourhood, member_confirmed=False) for _ in range(3)]
    assert _report_all(initiative, joined) == [False, False, False]
    assert not initiative.is_hidden

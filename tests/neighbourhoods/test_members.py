"""Anyone may join a neighbourhood; a coordinator confirms who lives there, and only then does the
newcomer see who their neighbours are."""
from __future__ import annotations

import json

from sqlalchemy import select

from community.extensions import db
from community.moderation.models import AuditEntry
from community.neighbourhoods.models import Membership


def _membership(user, neighbourhood) -> Membership:
    return db.session.scalar(select(Membership).where(Membership.user_id == user.id,
                                                      Membership.neighbourhood_id == neighbourhood.id))


def test_joining_is_open_but_names_wait_for_confirmation(client, login_as, make_user, make_neighbourhood):
    from community.talents import services as talents

    home, other = make_neighbourhood(slug="thuis"), make_neighbourhood(slug="elders")
    cook = make_user(neighbourhood=other, name="Kok Karel")
    talents.save_profile(cook, other, talents.ProfileAnswers(["cooking"], "", "", "", [], "neighbourhood"))
    newcomer = make_user(neighbourhood=home)
    login_as(newcomer)
    assert client.post("/elders/join").status_code == 303
    assert _membership(newcomer, other).confirmed_at is None
    assert client.get("/elders/talents/skill/cooking").status_code == 403
    page = client.get("/elders/talents/")
    assert "zodra een buurtregisseur heeft bevestigd" in page.text and "Kok Karel" not in page.text


def test_coordinator_confirms_a_newcomer_with_htmx_and_it_is_logged(client, login_as, make_user, make_neighbourhood):
    neighbourhood = make_neighbourhood(slug="thuis")
    newcomer = make_user(neighbourhood=neighbourhood, member_confirmed=False, name="Nieuwe Nora")
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    login_as(coordinator)
    page = client.get("/thuis/coordinator/members")
    assert page.status_code == 200 and "Nieuwe Nora" in page.text
    assert "1 wacht op bevestiging" in client.get("/thuis/coordinator/").text

    membership = _membership(newcomer, neighbourhood)
    response = client.post(f"/thuis/coordinator/members/{membership.id}/confirm", headers={"HX-Request": "true"})
    assert response.status_code == 200 and "<html" not in response.text and "Bevestigd" in response.text
    assert "Nieuwe Nora" in json.loads(response.headers["HX-Trigger"])["announce"]
    db.session.expire_all()
    assert _membership(newcomer, neighbourhood).confirmed_at is not None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "member_confirmed"))
    assert entry.actor_id == coordinator.id and entry.target_id == membership.id
    assert "Er wacht niemand op bevestiging" in client.get("/thuis/coordinator/members").text
    # Twice changes nothing and logs nothing more.
    assert client.post(f"/thuis/coordinator/members/{membership.id}/confirm").status_code == 303
    assert len(db.session.scalars(select(AuditEntry).where(AuditEntry.action == "member_confirmed")).all()) == 1


def test_only_this_neighbourhoods_coordinator_confirms_its_members(client, login_as, make_user, make_neighbourhood):
    home, other = make_neighbourhood(slug="thuis"), make_neighbourhood(slug="elders")
    newcomer = make_user(neighbourhood=home, member_confirmed=False)
    membership = _membership(newcomer, home)
    login_as(make_user(neighbourhood=home))
    assert client.get("/thuis/coordinator/members").status_code == 403
    assert client.post(f"/thuis/coordinator/members/{membership.id}/confirm").status_code == 403
    login_as(make_user(role="coordinator", neighbourhood=other))
    assert client.post(f"/thuis/coordinator/members/{membership.id}/confirm").status_code == 403
    # A coordinator elsewhere cannot reach it through their own neighbourhood's address either.
    assert client.post(f"/elders/coordinator/members/{membership.id}/confirm").status_code == 404
    db.session.expire_all()
    assert _membership(newcomer, home).confirmed_at is None


def test_a_new_sign_up_waits_for_confirmation(client, make_neighbourhood, outbox):
    from community.accounts.models import User

    neighbourhood = make_neighbourhood(slug="thuis")
    client.post("/account/signup", data={"display_name": "Ans", "email": "ans@example.org",
                                         "password": "de zon schijnt in oss", "neighbourhood_id": str(neighbourhood.id),
                                         "locale": "nl"})
    user = db.session.scalar(select(User).where(User.email == "ans@example.org"))
    assert _membership(user, neighbourhood).confirmed_at is None

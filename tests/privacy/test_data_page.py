"""Mijn gegevens: what is kept, what I agreed to, and one tap to take each consent back."""
from __future__ import annotations

from community.cards.models import Scope
from community.extensions import db
from community.privacy import consents
from community.stories.models import Story
from tests.conftest import csrf_token_from


def test_the_page_lists_what_is_kept_and_every_consent(client, login_as, resident, consenting):
    login_as(resident)
    page = client.get("/privacy/")
    assert page.status_code == 200
    assert "Wat we bewaren" in page.text and "Hoe lang" in page.text and "Wie het ziet" in page.text
    for text in ("Talentenprofiel", "Fatma", "Het online album", "Niet meer ruilen", "De eerste buurtlunch"):
        assert text in page.text
    assert "/privacy/" in client.get("/account/profile").text


def test_an_empty_page_says_there_is_nothing_to_revoke(client, login_as, resident):
    login_as(resident)
    assert "Je gaf nergens toestemming voor" in client.get("/privacy/").text


def test_each_revoke_goes_through_the_features_own_service(client, login_as, resident, consenting):
    login_as(resident)
    token = csrf_token_from(client.get("/privacy/").text)
    card, album, profile = consenting["card"], consenting["album"], consenting["profile"]
    assert client.post(f"/privacy/toestemming/plaatjes/{card.id}/album/intrekken",
                       data={"csrf_token": token}).status_code == 303
    db.session.expire_all()
    assert Scope.ALBUM.value not in card.consented_scopes() and Scope.PRINT.value in card.consented_scopes()
    assert any(c.scope == "album" and c.revoked_by_id == resident.id for c in card.consents)  # the log stays

    answer = client.post(f"/privacy/toestemming/albums/{album.id}/intrekken", data={"csrf_token": token},
                         headers={"HX-Request": "true"})
    assert answer.status_code == 200 and 'id="my-consents"' in answer.text and "<html" not in answer.text
    assert "announce" in answer.headers["HX-Trigger"]
    client.post(f"/privacy/toestemming/talenten/{profile.id}/intrekken", data={"csrf_token": token})
    client.post(f"/privacy/toestemming/verhalen/{consenting['story'].id}/intrekken", data={"csrf_token": token})
    db.session.expire_all()
    assert not album.is_swapping and profile.visibility == "hidden"
    assert db.session.get(Story, consenting["story"].id) is None
    mine = consents.my_consents(resident.id)
    assert not mine.talent_profiles and not mine.swapping_albums and not mine.stories
    assert [item.scopes for item in mine.cards] == [[Scope.PRINT, Scope.KIOSK, Scope.CARD_OF_THE_DAY]]


def test_someone_elses_consent_is_not_there_for_me(client, login_as, make_user, neighbourhood, resident, consenting,
                                                   coordinator):
    for other in (make_user(neighbourhood=neighbourhood), coordinator):
        login_as(other)
        token = csrf_token_from(client.get("/privacy/").text)
        card, album, profile = consenting["card"], consenting["album"], consenting["profile"]
        for url in (f"/privacy/toestemming/plaatjes/{card.id}/album/intrekken",
                    f"/privacy/toestemming/albums/{album.id}/intrekken",
                    f"/privacy/toestemming/talenten/{profile.id}/intrekken",
                    f"/privacy/toestemming/verhalen/{consenting['story'].id}/intrekken"):
            assert client.post(url, data={"csrf_token": token}).status_code == 404, url
    db.session.expire_all()
    assert album.is_swapping and profile.visibility == "neighbourhood" and "album" in card.consented_scopes()


def test_the_page_asks_to_log_in(client):
    assert client.get("/privacy/").status_code in (302, 303)


def test_news_of_an_initiative_i_support_stops_with_one_tap(client, login_as, make_user, neighbourhood, resident,
                                                            coordinator):
    from community.initiatives import services as initiatives

    initiative = initiatives.start_draft(neighbourhood, coordinator, initiatives.Proposal("Moestuin", "Samen.", ""))
    initiatives.add_need(initiative, "hands", "Handen", 2, None)
    initiatives.transition(initiative, "submit", coordinator)
    initiatives.transition(initiative, "publish", coordinator)
    initiatives.toggle_support(initiative, resident.id)
    support = consents.my_consents(resident.id).initiative_news[0][0]
    url = f"/privacy/toestemming/nieuws/{support.id}/intrekken"
    login_as(make_user(neighbourhood=neighbourhood))
    token = csrf_token_from(client.get("/privacy/").text)
    assert client.post(url, data={"csrf_token": token}).status_code == 404
    login_as(resident)
    page = client.get("/privacy/")
    assert "Moestuin" in page.text and "Geen nieuws meer" in page.text
    assert client.post(url, data={"csrf_token": csrf_token_from(page.text)}).status_code == 303
    assert client.post(url, data={"csrf_token": csrf_token_from(page.text)}).status_code == 404  # gone: not again
    db.session.expire_all()
    assert not initiatives.supports(initiative.id, resident.id) and initiative.support_count == 0


def test_news_of_a_finished_initiative_is_refused_with_its_own_reason(client, login_as, neighbourhood, resident,
                                                                     coordinator):
    from community.initiatives import services as initiatives
    from community.initiatives.models import Support

    initiative = initiatives.start_draft(neighbourhood, coordinator, initiatives.Proposal("Bankje", "Zitten.", ""))
    initiatives.add_need(initiative, "hands", "Handen", 2, None)
    initiatives.transition(initiative, "submit", coordinator)
    initiatives.transition(initiative, "publish", coordinator)
    initiatives.toggle_support(initiative, resident.id)
    support_id = consents.my_consents(resident.id).initiative_news[0][0].id
    initiatives.transition(initiative, "finish", coordinator, "Het bankje staat er")
    login_as(resident)
    token = csrf_token_from(client.get("/privacy/").text)
    answer = client.post(f"/privacy/toestemming/nieuws/{support_id}/intrekken", data={"csrf_token": token})
    assert answer.status_code == 409 and "Wat we bewaren" in answer.text
    assert db.session.get(Support, support_id) is not None

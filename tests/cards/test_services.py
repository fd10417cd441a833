"""The rules of making, consenting, reviewing and showing cards, without HTTP."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from community.cards import editions, making, reviewing
from community.cards.editions import CardsError
from community.cards.models import CODE_ALPHABET, CODE_LENGTH, Card, CardConsent, CardState, Scope
from community.cards.visibility import visible_cards
from community.extensions import db
from community.moderation.models import AuditEntry


def test_a_published_card_with_consent_is_visible_for_that_use_only(edition, make_card):
    card = make_card(scopes=["album"])
    assert visible_cards(db.session, edition, Scope.ALBUM) == [card]
    for scope in (Scope.PRINT, Scope.KIOSK, Scope.CARD_OF_THE_DAY):
        assert visible_cards(db.session, edition, scope) == []


def test_nothing_is_visible_before_publishing_or_after_decline_revocation_or_withdrawal(edition, make_card,
                                                                                       coordinator, resident,
                                                                                       neighbourhood):
    waiting = make_card("Wacht", publish=False)
    declined = make_card("Nee")
    revoked = make_card("Terug")
    withdrawn = make_card("Weg")
    shown = make_card("Ja")
    reviewing.decide(declined, "decline", coordinator, "Geen foto van een ander")
    for scope in Scope:
        making.revoke_consent(revoked, scope.value, by=resident)
    making.withdraw_card(withdrawn, by=resident)
    for scope in Scope:
        assert visible_cards(db.session, edition, scope) == [shown], scope
    assert waiting.state == CardState.SUBMITTED.value
    assert visible_cards(db.session, neighbourhood, Scope.ALBUM) == [shown]  # all editions of the neighbourhood


def test_a_revoked_consent_stays_on_record_with_its_text_and_language(make_card, resident):
    card = make_card(scopes=["print", "album"])
    making.revoke_consent(card, "album", by=resident)
    consents = db.session.scalars(select(CardConsent).where(CardConsent.card_id == card.id)
                                  .order_by(CardConsent.scope)).all()
    assert [(c.scope, c.revoked_at is not None) for c in consents] == [("album", True), ("print", False)]
    assert all(c.locale == "nl" and c.granted_by_id == resident.id for c in consents)
    assert "terughalen" in next(c for c in consents if c.scope == "print").text


def test_the_consent_text_is_stored_in_the_language_it_was_shown_in(edition, resident):
    card = making.volunteer_card(edition, making.CardDetails(edition.categories[0].id, "Olena", "Я співаю"),
                                 maker=resident, scopes=["album"], locale="uk")
    assert card.consents[0].locale == "uk" and card.consents[0].text == making.consent_text("album", "uk")
    assert card.consents[0].text != making.consent_text("album", "nl")


def test_granting_twice_records_once(make_card, resident):
    card = make_card(scopes=["album"])
    making.grant_consent(card, "kiosk", by=resident, locale="nl")
    making.grant_consent(card, "kiosk", by=resident, locale="nl")
    assert sorted(c.scope for c in card.consents) == ["album", "kiosk"]


def test_a_childs_card_needs_the_guardian_and_records_the_consent_as_theirs(edition, resident):
    details = making.CardDetails(edition.categories[0].id, "Noor", "Ik ben 7", age=7, is_child=True)
    with pytest.raises(CardsError) as refused:
        making.volunteer_card(edition, details, maker=resident, scopes=["album"], locale="nl")
    assert refused.value.field_name == "is_guardian"
    card = making.volunteer_card(edition, details, maker=resident, scopes=["album"], locale="nl", is_guardian=True)
    assert card.guardian_id == resident.id and card.consents[0].is_guardian


def test_no_consent_no_card(edition, resident):
    with pytest.raises(CardsError):
        making.volunteer_card(edition, making.CardDetails(edition.categories[0].id, "A", "B"), maker=resident,
                              scopes=[], locale="nl")


def test_codes_are_short_unambiguous_and_unique(make_card):
    cards = [make_card(f"Buur {n}") for n in range(12)]
    codes = [card.code for card in cards]
    assert len(set(codes)) == len(codes)
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("0O1lI") & set(CODE_ALPHABET)


def test_a_clashing_code_is_drawn_again(make_card, monkeypatch):
    first = make_card("Een")
    drawn = iter([first.code, first.code, "ZZZZZZZ"])
    monkeypatch.setattr(making, "new_code", lambda: next(drawn))
    assert make_card("Twee").code == "ZZZZZZZ"


def test_the_database_refuses_a_duplicate_code(make_card):
    from sqlalchemy.exc import IntegrityError

    first, second = make_card("Een"), make_card("Twee")
    second.code = first.code
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_typed_codes_are_normalised(make_card):
    card = make_card()
    assert making.card_by_code(f" {card.code[:3].lower()}-{card.code[3:]} ").id == card.id
    assert making.card_by_code("0O1lI00") is None and making.card_by_code("x" * 500) is None


def test_review_needs_a_reason_to_decline_and_is_audited(make_card, coordinator):
    card = make_card(publish=False)
    with pytest.raises(CardsError):
        reviewing.decide(card, "decline", coordinator, "")
    reviewing.decide(card, "request_changes", coordinator, "Een andere foto graag")
    assert card.state == "changes_requested" and card.reason == "Een andere foto graag"
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.target_type == "card")).all()
    assert [(e.action, e.actor_id, e.reason) for e in entries] == [
        ("request_changes", coordinator.id, "Een andere foto graag")]


def test_publishing_numbers_cards_in_order_and_accepts_a_proposed_page(edition, resident, coordinator):
    card = making.volunteer_card(edition, making.CardDetails(None, "Kees", "Ik fiets", proposed_category=
                                                             "Mensen die altijd fietsen"), maker=resident,
                                 scopes=["album"], locale="nl")
    assert not card.category.is_accepted and card.category not in editions.album_pages(edition)
    reviewing.decide(card, "publish", coordinator)
    assert card.number == 1 and card.category.is_accepted


def test_changes_go_back_to_the_coordinator(make_card, coordinator, resident, edition):
    card = make_card(publish=False)
    reviewing.decide(card, "request_changes", coordinator, "Korter graag")
    making.change_card(card, making.CardDetails(edition.categories[1].id, "Fatma", "Korter"))
    assert card.state == "submitted" and card.line == "Korter" and card.category_id == edition.categories[1].id
    with pytest.raises(CardsError):
        making.change_card(card, making.CardDetails(edition.categories[1].id, "Fatma", "Nog eens"))


def test_a_new_photo_in_a_change_deletes_the_one_it_replaces(make_card, coordinator, resident, edition):
    from community.images import services as images
    from community.images.models import Image
    from tests.cards.conftest import photo_upload

    card = make_card(publish=False, photo=True)
    old = card.photo
    old_files = [images.image_path(old, size) for size in images.SIZES]
    assert all(path.is_file() for path in old_files)
    reviewing.decide(card, "request_changes", coordinator, "Een andere foto graag")
    new = images.save_uploaded_image(photo_upload((40, 200, 40)), owner_id=resident.id,
                                     neighbourhood_id=edition.neighbourhood_id, private=True)
    making.change_card(card, making.CardDetails(edition.categories[0].id, "Fatma", "Nieuwe foto"), photo=new)
    assert card.photo is new and db.session.get(Image, old.id) is None
    assert not any(path.exists() for path in old_files)


def test_category_titles_per_language(edition):
    page = edition.categories[0]
    assert page.title_in("en") == "People who sing loudly" and page.title_in("ar") == "Mensen die hard zingen"


def test_moving_a_page(edition):
    first, second = edition.categories
    editions.move_category(second, -1)
    db.session.expire_all()
    assert [c.id for c in edition.categories] == [second.id, first.id]


def test_linking_only_an_activity_of_the_neighbourhood(edition, make_neighbourhood):
    from community import recurrence
    from community.agenda import services as agenda
    from datetime import time, timedelta

    other = make_neighbourhood()
    activity = agenda.create_activity(other, agenda.ActivityDetails(
        title="Ruilen", description="", kind="games", room_id=None, organiser_id=None, cost_cents=0,
        needs_signup=False, capacity=None, languages=["nl"], first_date=recurrence.local_today() + timedelta(days=3),
        start_time=time(14), duration_minutes=120, pattern="once"))
    with pytest.raises(CardsError):
        editions.link_activity(edition, activity.id, "swap_afternoon")


def test_card_of_the_day_only_among_cards_consented_for_it(make_card, neighbourhood):
    from community.cards.today import card_of_the_day
    from community.db import utcnow

    make_card("Album", scopes=["album"])
    chosen = make_card("Vandaag", scopes=["card_of_the_day"])
    assert card_of_the_day(neighbourhood, utcnow()) == chosen


def test_a_card_of_a_withdrawn_edition_state_cannot_be_made(edition, resident, coordinator):
    editions.update_edition(edition, editions.EditionDetails(edition.name, 90), "finished")
    with pytest.raises(CardsError):
        making.volunteer_card(edition, making.CardDetails(edition.categories[0].id, "A", "B"), maker=resident,
                              scopes=["album"], locale="nl")
    assert db.session.scalar(select(Card.id)) is None

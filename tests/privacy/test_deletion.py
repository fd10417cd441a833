"""Deleting one's account: the grace period, the undo by logging in, the erasure and what it leaves."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from community.accounts.models import LoginSession, User
from community.cards.models import Card
from community.db import utcnow
from community.extensions import db
from community.initiatives import services as initiatives
from community.initiatives.models import Initiative, Post
from community.pot import services as pots
from community.pot.models import PotAccount, PotEntry, PotTransaction, Source
from community.privacy import deletion
from community.privacy.deletion_models import AccountDeletion
from community.recurrence import local_today
from community.stories import services as stories
from community.stories.models import Story
from tests.concurrency import run_at_once
from tests.conftest import PASSWORD
from tests.privacy.conftest import published_initiative

LATER = timedelta(days=15)


def _gift(street, by, cents, method="transfer"):
    pots.record_gift(street.pot, submission=uuid.uuid4().hex, source=Source.COLLECTION, method=method,
                     amount_cents=cents, occurred_on=local_today(), giver_name="", may_show_name=False, by=by)


def _ledger():
    """Every balance and every line, to the cent."""
    db.session.rollback()
    balances = dict(db.session.execute(select(PotAccount.code, PotAccount.balance_cents)).all())
    lines = db.session.execute(select(PotEntry.id, PotEntry.transaction_key, PotEntry.account_id,
                                      PotEntry.amount_cents).order_by(PotEntry.id)).all()
    return balances, lines, db.session.scalar(select(func.sum(PotEntry.amount_cents)))


def _erase(user, choices=deletion.Choices()):
    deletion.request_deletion(user, choices)
    return deletion.erase_due(utcnow() + LATER)


def test_a_request_waits_out_the_grace_period_then_the_account_is_erased(street, login_as):
    login_as(street.lotte)
    deletion.request_deletion(street.lotte, deletion.Choices())
    assert db.session.scalar(select(func.count()).select_from(LoginSession).where(
        LoginSession.user_id == street.lotte.id)) == 0, "every browser is logged out"
    assert deletion.pending_count() == 1
    assert deletion.erase_due(utcnow() + timedelta(days=13)) == 0
    assert db.session.get(User, street.lotte.id) is not None
    assert deletion.erase_due(utcnow() + LATER) == 1
    db.session.expire_all()
    assert db.session.scalar(select(User).where(User.email == "lotte@example.org")) is None
    assert deletion.pending_count() == 0
    assert deletion.erase_due(utcnow() + LATER) == 0, "a second run finds nothing to do"


def test_logging_in_again_undoes_the_request_and_says_so(street, client):
    deletion.request_deletion(street.lotte, deletion.Choices())
    response = client.post("/account/login", data={"email": "lotte@example.org", "password": PASSWORD},
                           follow_redirects=True)
    assert "gaat dat niet door" in response.get_data(as_text=True)
    assert deletion.pending_deletion(street.lotte.id) is None
    assert deletion.erase_due(utcnow() + LATER) == 0
    assert db.session.get(User, street.lotte.id) is not None


def test_the_email_address_can_be_used_again(street, make_user):
    assert _erase(street.lotte) == 1
    again = make_user(email="lotte@example.org", name="Lotte")
    assert again.id != street.lotte.id


def test_two_hosts_at_once_erase_an_account_once(app, street):
    deletion.request_deletion(street.lotte, deletion.Choices())
    erased = []
    assert run_at_once(app, lambda _host: erased.append(deletion.erase_due(utcnow() + LATER)), [1, 2]) == []
    assert sorted(erased) == [0, 1]


def test_the_ledger_is_identical_to_the_cent_and_forgets_only_the_person(street):
    _gift(street, street.lotte, 1234)
    _gift(street, street.henk, 999, method="cash")
    before = _ledger()
    lotte_id = street.lotte.id
    assert _erase(street.lotte) == 1
    assert _ledger() == before
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(PotTransaction).where(
        PotTransaction.booked_by_id == lotte_id)) == 0
    assert db.session.get(User, street.henk.id) is not None


def test_shared_things_stay_whole_without_the_name_unless_removal_was_chosen(street, make_user):
    neighbour = make_user(neighbourhood=street.neighbourhood)
    theirs = published_initiative(street, neighbour, "Moestuin")
    initiatives.toggle_support(theirs, street.lotte.id)
    comment = initiatives.post(theirs, street.lotte, "Ik help mee", is_update=False)
    own = published_initiative(street, street.lotte, "Bankje")
    story = stories.write_story(street.neighbourhood.id, street.lotte.id, stories.Draft(title="Lunch", body="Fijn.", may_show_publicly=True))
    ids = (theirs.id, comment.id, own.id, story.id)
    assert _erase(street.lotte, deletion.Choices(keep_initiatives=False, keep_posts=True, keep_stories=False)) == 1
    db.session.expire_all()
    theirs, comment = db.session.get(Initiative, ids[0]), db.session.get(Post, ids[1])
    assert theirs.support_count == 0 and comment.author_id is None and comment.body == "Ik help mee"
    assert db.session.get(Initiative, ids[2]) is None, "removed: nobody else took part"
    assert db.session.get(Story, ids[3]) is None


def test_kept_contributions_lose_only_the_name(street):
    own = published_initiative(street, street.lotte, "Bankje")
    story = stories.write_story(street.neighbourhood.id, street.lotte.id, stories.Draft(title="Lunch", body="Fijn.", may_show_publicly=True))
    ids = own.id, story.id
    assert _erase(street.lotte) == 1
    db.session.expire_all()
    assert db.session.get(Initiative, ids[0]).proposer_id is None
    assert db.session.get(Story, ids[1]).author_id is None


@pytest.mark.parametrize("situation", ["only gangmaker", "money in the tin", "proposer with supporters",
                                       "last coordinator"])
def test_who_alone_holds_something_hands_it_over_first(street, make_user, make_neighbourhood, situation):
    leaver = street.lotte
    if situation == "only gangmaker":
        pots.update_pot(street.pot, name=street.pot.name, streets="Kastanjelaan", gangmaker_ids=[leaver.id],
                        threshold_cents=2500, iban="NL91ABNA0417164300", account_holder="Stichting")
    elif situation == "money in the tin":
        _gift(street, leaver, 500, method="cash")
    elif situation == "proposer with supporters":
        initiatives.toggle_support(published_initiative(street, leaver), street.henk.id)
    else:
        leaver = make_user(neighbourhood=make_neighbourhood("Alleen"), role="coordinator")
    with pytest.raises(deletion.HandOverFirst) as refused:
        deletion.request_deletion(leaver, deletion.Choices())
    assert len(refused.value.handovers) == 1 and refused.value.handovers[0].todo
    assert deletion.pending_deletion(leaver.id) is None


def test_a_handover_that_became_needed_again_holds_the_erasure_back(street):
    deletion.request_deletion(street.lotte, deletion.Choices())
    _gift(street, street.lotte, 500, method="cash")  # cash booked into her tin during the grace period
    assert deletion.erase_due(utcnow() + LATER) == 0
    assert db.session.get(User, street.lotte.id) is not None
    assert db.session.get(AccountDeletion, deletion.pending_deletion(street.lotte.id).id).claimed_at is None


def test_cards_are_withdrawn_and_lose_name_and_photo(street):
    from community.cards import editions, making, reviewing
    from community.cards.models import CardState
    from community.images import services as images
    from community.images.models import Image
    from tests.cards.conftest import photo_upload

    edition = editions.start_edition(street.neighbourhood, editions.EditionDetails("Buurtplaatjes", 90),
                                     by=street.coordinator)
    editions.add_category(edition, editions.CategoryDetails("Mensen die zingen"))
    photo = images.save_uploaded_image(photo_upload(), owner_id=street.lotte.id,
                                       neighbourhood_id=street.neighbourhood.id, private=True)
    photo_id = photo.id
    card = making.volunteer_card(edition, making.CardDetails(edition.categories[0].id, "Lotte Leeuwenhart", "Ik zing"),
                                 maker=street.lotte, scopes=["album"], locale="nl", photo=photo, is_guardian=False)
    reviewing.decide(card, "publish", street.coordinator)
    card_id = card.id
    assert _erase(street.lotte) == 1
    db.session.expire_all()
    card = db.session.get(Card, card_id)
    assert card.state == CardState.WITHDRAWN.value and card.display_name == "" and card.photo_id is None
    assert all(consent.revoked_at is not None for consent in card.consents)
    assert db.session.get(Image, photo_id) is None


def test_requests_refusals_and_erasures_are_logged_without_personal_text(street, caplog, client):
    import logging

    caplog.set_level(logging.INFO)
    client.post("/account/login", data={"email": "lotte@example.org", "password": PASSWORD})
    _gift(street, street.lotte, 500, method="cash")
    with pytest.raises(deletion.HandOverFirst):
        deletion.request_deletion(street.lotte, deletion.Choices())
    db.session.rollback()
    text = caplog.text
    assert f"login: user={street.lotte.id}" in text and f"deletion refused: user={street.lotte.id}" in text
    henk_id = street.henk.id
    deletion.request_deletion(street.henk, deletion.Choices())
    assert deletion.erase_due(utcnow() + LATER) == 1
    text = caplog.text
    assert f"deletion requested: user={henk_id}" in text and "account erased" in text
    for secret in ("Lotte", "lotte@example.org", "Henk", PASSWORD, "persoon"):
        assert secret not in text


def test_the_erasure_deletes_the_persons_export_file_too(street):
    from community.privacy import export_service

    export = export_service.request_export(street.henk)
    zip_file = export_service.export_path(export)
    assert zip_file.is_file()
    deletion.request_deletion(street.henk, deletion.Choices())
    assert deletion.erase_due(utcnow() + LATER) == 1
    assert not zip_file.exists()

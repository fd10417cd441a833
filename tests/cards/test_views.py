"""The pages over HTTP: who sees what, the forms (bad input answers 422 and keeps what was typed), a tap
that revokes, the print sheets and the PDF."""
from __future__ import annotations

from flask import url_for

from community.cards import making
from community.cards.models import Card
from community.extensions import db
from tests.cards.conftest import photo_upload
from tests.conftest import csrf_token_from


def _post(client, url, data, **kwargs):
    token = csrf_token_from(client.get("/account/profile").get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data}, **kwargs)


def test_the_album_pages_show_only_album_consented_cards(client, neighbourhood, edition, make_card):
    shown, hidden = make_card("Zichtbaar", photo=True), make_card("Onzichtbaar", scopes=["print"], photo=True)
    slug = neighbourhood.slug
    for url in (url_for("cards.index", slug=slug), url_for("cards.category", slug=slug,
                                                           category_id=edition.categories[0].id)):
        for headers in ({}, {"HX-Request": "true"}):
            page = client.get(url, headers=headers)
            assert page.status_code == 200
            text = page.get_data(as_text=True)
            assert "Zichtbaar" in text and "Onzichtbaar" not in text and hidden.photo.key not in text
    assert client.get(url_for("cards.card_page", slug=slug, card_id=shown.id)).status_code == 200
    # Not in the album: anonymous people are asked to log in (its maker may look), others refused.
    assert client.get(url_for("cards.card_page", slug=slug, card_id=hidden.id)).status_code == 302
    assert client.get(url_for("cards.photo", slug=slug, card_id=hidden.id, key=hidden.photo.key,
                              size="small")).status_code == 302
    photo = client.get(url_for("cards.photo", slug=slug, card_id=shown.id, key=shown.photo.key, size="small"))
    assert photo.status_code == 200 and photo.mimetype == "image/webp" and "no-cache" in photo.headers["Cache-Control"]
    assert client.get(url_for("cards.by_code", slug=slug, card_code=shown.code.lower())).status_code == 200
    assert client.get(url_for("cards.by_code", slug=slug, card_code=hidden.code)).status_code == 302
    assert client.get(url_for("cards.by_code", slug=slug, card_code="AAAAAAA")).status_code == 404


def test_a_resident_makes_a_card_with_a_photo_and_consents(client, login_as, resident, neighbourhood, edition):
    login_as(resident)
    url = url_for("cards.volunteer", slug=neighbourhood.slug, edition_id=edition.id)
    assert client.get(url).status_code == 200
    answer = _post(client, url, {"category_id": str(edition.categories[0].id), "display_name": "Fatma",
                                 "line": "Ik zing", "who": "self", "scopes": ["album", "print"],
                                 "photo": photo_upload()}, content_type="multipart/form-data")
    assert answer.status_code == 303
    card = db.session.query(Card).one()
    assert card.photo is not None and card.photo.is_private and sorted(card.consented_scopes()) == ["album", "print"]
    mine = client.get(url_for("cards.mine")).get_data(as_text=True)
    assert "Fatma" in mine and "kan niemand meer terughalen" in mine


def test_bad_input_is_answered_with_422_and_kept(client, login_as, resident, neighbourhood, edition):
    login_as(resident)
    url = url_for("cards.volunteer", slug=neighbourhood.slug, edition_id=edition.id)
    answer = _post(client, url, {"category_id": "999999999999", "display_name": "Fatma", "line": "x" * 500,
                                 "who": "child", "age": "-4", "scopes": ["album"]})
    assert answer.status_code == 422
    assert 'value="Fatma"' in answer.get_data(as_text=True)
    answer = _post(client, url, {"category_id": str(edition.categories[0].id), "display_name": "Noor", "line": "Hoi",
                                 "who": "child", "scopes": ["album"]})
    assert answer.status_code == 422 and "ouder of voogd" in answer.get_data(as_text=True)
    assert db.session.query(Card).count() == 0


def test_one_tap_revokes_and_the_card_is_gone_from_the_album(client, login_as, resident, neighbourhood, make_card,
                                                             make_user):
    card = make_card("Weg-straks")
    login_as(resident)
    answer = _post(client, url_for("cards.revoke", card_id=card.id, scope="album"), {},
                   headers={"HX-Request": "true"})
    assert answer.status_code == 200 and "announce" in answer.headers.get("HX-Trigger", "")
    assert client.get(url_for("cards.card_page", slug=neighbourhood.slug, card_id=card.id)).status_code == 200  # mine
    login_as(make_user(neighbourhood=neighbourhood))
    assert client.get(url_for("cards.card_page", slug=neighbourhood.slug, card_id=card.id)).status_code == 403
    assert "Weg-straks" not in client.get(url_for("cards.index", slug=neighbourhood.slug)).get_data(as_text=True)


def test_someone_else_cannot_revoke_or_change(client, login_as, make_user, neighbourhood, make_card):
    card = make_card()
    login_as(make_user(neighbourhood=neighbourhood))
    assert _post(client, url_for("cards.revoke", card_id=card.id, scope="album"), {}).status_code == 403
    assert _post(client, url_for("cards.withdraw", card_id=card.id), {}).status_code == 403
    assert client.get(url_for("cards.change", card_id=card.id)).status_code == 403
    assert "album" in card.consented_scopes()


def test_the_coordinator_reviews_with_a_reason(client, login_as, coordinator, neighbourhood, make_card):
    card = make_card(publish=False)
    login_as(coordinator)
    url = url_for("cards.review", slug=neighbourhood.slug, card_id=card.id)
    assert client.get(url).status_code == 200
    assert _post(client, url, {"action": "decline", "reason": ""}).status_code == 422
    assert _post(client, url, {"action": "publish"}).status_code == 303
    assert card.state == "published"


def test_the_coordinator_pages(client, login_as, coordinator, neighbourhood, edition, make_card):
    make_card(photo=True)
    login_as(coordinator)
    slug = neighbourhood.slug
    for url in (url_for("cards.manage", slug=slug), url_for("cards.manage_edition", slug=slug, edition_id=edition.id),
                url_for("cards.review_list", slug=slug, edition_id=edition.id),
                url_for("cards.edit_category", slug=slug, category_id=edition.categories[0].id),
                url_for("cards.print_sheets", slug=slug, edition_id=edition.id),
                url_for("cards.print_sheets", slug=slug, edition_id=edition.id, bladzijde=edition.categories[1].id)):
        assert client.get(url).status_code == 200, url
    answer = _post(client, url_for("cards.manage", slug=slug), {"name": "", "card_count": "9999"})
    assert answer.status_code == 422
    answer = _post(client, url_for("cards.add_category", slug=slug, edition_id=edition.id),
                   {"title": "Mensen die dansen", "locale": "nl", "title_en": "People who dance"})
    assert answer.status_code == 303


def test_the_print_sheet_and_the_pdf_hold_only_print_consented_cards(client, login_as, coordinator, neighbourhood,
                                                                    edition, make_card):
    printed = make_card("Drukmij", photo=True, scopes=["print"])
    make_card("Nietdrukken", scopes=["album"])
    login_as(coordinator)
    page = client.get(url_for("cards.print_sheets", slug=neighbourhood.slug, edition_id=edition.id))
    text = page.get_data(as_text=True)
    assert "Drukmij" in text and printed.code in text and "Nietdrukken" not in text
    pdf = client.get(url_for("cards.print_pdf", slug=neighbourhood.slug, edition_id=edition.id))
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    making.revoke_consent(printed, "print", by=printed.maker)
    text = client.get(url_for("cards.print_sheets", slug=neighbourhood.slug, edition_id=edition.id)).get_data(
        as_text=True)
    assert "Drukmij" not in text


def test_card_of_the_day_on_the_home_page_and_the_short_link(client, neighbourhood, make_card):
    card = make_card("Zonnestraal")
    home = client.get(url_for("neighbourhoods.home", slug=neighbourhood.slug)).get_data(as_text=True)
    assert "Plaatje van de dag" in home and "Zonnestraal" in home
    assert client.get(f"/k/c{card.id}").headers["Location"].endswith(f"/de-ruwaard/buurtplaatjes/plaatje/{card.id}/")
    making.withdraw_card(card, by=card.maker)
    assert client.get(f"/k/c{card.id}").status_code == 404
    assert "Zonnestraal" not in client.get(url_for("neighbourhoods.home", slug=neighbourhood.slug)).get_data(as_text=True)

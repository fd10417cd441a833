"""After a revocation or a decline, no trace: every GET route of Buurtplaatjes (and the pages that show
cards elsewhere: the neighbourhood's home page, the kiosk's deck, the short link) as every role shows
neither the card's name nor its photo's address, except to its maker on their own page."""
from __future__ import annotations

import pytest
from flask import url_for

from community.cards import making, reviewing
from community.extensions import db
from community.kiosk import services as screens
from community.kiosk.models import SLIDES

ALL_USES = ["print", "album", "kiosk", "card_of_the_day"]


@pytest.fixture
def gone(make_card, resident, coordinator):
    """A card that was everywhere, then revoked by its maker, and one declined by the coordinator."""
    revoked = make_card("Verdwenen", photo=True)
    for use in ALL_USES:
        making.revoke_consent(revoked, use, by=resident)
    declined = make_card("Afgewezene", photo=True)
    reviewing.decide(declined, "decline", coordinator, "Dit is niet de bedoeling")
    make_card("Blijver", photo=True)  # the album is not empty: the pages render cards
    return [revoked, declined]


def _urls(app, neighbourhood, edition, cards, screen) -> list[str]:
    values = {"slug": neighbourhood.slug, "edition_id": edition.id, "category_id": edition.categories[0].id,
              "event_id": 1, "scope": "album", "size": "small", "direction": "up"}
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or not (rule.endpoint.startswith("cards.")):
            continue
        for card in cards:
            given = values | {"card_id": card.id, "card_code": card.code, "key": card.photo.key}
            if set(rule.arguments) <= set(given):
                urls.append(url_for(rule.endpoint, **{name: given[name] for name in rule.arguments},
                                    _external=False))
    for card in cards:
        urls.append(f"/k/c{card.id}")
    return sorted(set(urls)) + [url_for("neighbourhoods.home", slug=neighbourhood.slug, _external=False),
                                url_for("kiosk.deck", token=screen.token, _external=False)]


def test_no_role_finds_a_revoked_or_declined_card(app, client, login_as, make_user, neighbourhood, edition,
                                                   coordinator, resident, gone):
    neighbourhood.house.opening_periods.clear()  # no opening hours: the screen is always on
    db.session.commit()
    screen = screens.add_screen(neighbourhood.id, screens.ScreenSettings("Hal", list(SLIDES), ["nl"]))
    people = {"anonymous": None, "neighbour": make_user(neighbourhood=neighbourhood), "coordinator": coordinator,
              "maker": resident}  # (the admin is a coordinator everywhere: the coordinator stands for both)
    traces = [text for card in gone for text in (card.display_name, card.photo.key)]
    found, shown = [], []
    for role, person in people.items():
        if person is None:
            with client.session_transaction() as session:
                session.clear()
        else:
            login_as(person)
        for url in _urls(app, neighbourhood, edition, gone, screen):
            if role == "maker" and any(part in url for part in ("/account/plaatjes", "/plaatje/", "/code/", "/foto/")):
                continue  # their own card and page: they see what they made, and that it is out of the edition
            response = client.get(url)
            own_photo_url = "/foto/" in url and response.status_code != 200
            body = response.get_data().decode("utf-8", "replace")
            if own_photo_url:
                continue  # a refused request for the photo echoes its own address (in a login link): no trace
            found += [f"{role} {url} {response.status_code}: {text}" for text in traces if text in body]
            if role == "anonymous" and ("/kiosk/" in url or url.rstrip("/").endswith(neighbourhood.slug)):
                shown.append("Blijver" in body)  # the page does show cards: the search above could find one
            if "/foto/" in url and response.status_code == 200:
                found.append(f"{role} {url}: the photo is served")
    assert not found
    assert shown == [True, True]


def test_the_pdf_gets_only_print_consented_cards(client, login_as, coordinator, neighbourhood, edition, make_card,
                                                 monkeypatch, resident):
    from community.cards import printing

    kept, revoked = make_card("Gedrukt", photo=True), make_card("Teruggetrokken", photo=True)
    making.revoke_consent(revoked, "print", by=resident)
    make_card("Albumalleen", scopes=["album"])
    seen = []
    original = printing.pdf_of
    monkeypatch.setattr(printing, "pdf_of", lambda edition, sheets, **kw: seen.extend(
        place.card.display_name for sheet in sheets for place in sheet.fronts) or original(edition, sheets, **kw))
    login_as(coordinator)
    answer = client.get(url_for("cards.print_pdf", slug=neighbourhood.slug, edition_id=edition.id))
    assert answer.status_code == 200 and answer.data.startswith(b"%PDF")
    assert seen == ["Gedrukt"]
    assert b"/Count 2" in answer.data  # one sheet: its front and its back
    db.session.rollback()

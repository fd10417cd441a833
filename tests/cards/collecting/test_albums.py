"""Albums: starting one per collector, adding cards by code, pages, progress, empty places, doubles,
and only cards that may be shown in the album."""
from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from community.cards.collecting import albums
from community.cards.collecting.models import AlbumCard
from community.cards.models import CardConsent
from community.db import utcnow
from community.extensions import db
from tests.cards.collecting.conftest import add_cards, cards_of


@pytest.fixture
def scene(make_neighbourhood, make_user, make_edition):
    neighbourhood = make_neighbourhood()
    parent = make_user(neighbourhood=neighbourhood)
    edition = make_edition(neighbourhood)
    return neighbourhood, parent, edition


def test_a_parent_keeps_an_album_per_child_under_one_account(scene):
    _neighbourhood, parent, edition = scene
    sami = albums.start_album(edition, parent, "Sami")
    noor = albums.start_album(edition, parent, " Noor ")
    assert [album.collector_name for album in albums.albums_of(parent.id, [edition.id])] == ["Sami", "Noor"]
    with pytest.raises(albums.CollectingError):
        albums.start_album(edition, parent, "sami")
    with pytest.raises(albums.CollectingError):
        albums.start_album(edition, parent, "   ")
    with pytest.raises(albums.CollectingError):
        albums.start_album(edition, parent, "x" * 41)
    assert sami.id != noor.id


def test_typing_a_code_adds_the_card_and_a_second_copy_is_a_double(scene):
    _neighbourhood, parent, edition = scene
    album = albums.start_album(edition, parent, "Sami")
    first, second = cards_of(edition)[:2]
    assert albums.add_card(album, first.code.lower()).id == first.id
    albums.add_card(album, f" {first.code[:3]}-{first.code[3:]} ")
    albums.add_card(album, second.code)
    view = albums.album_view(album)
    assert (view.collected, view.total) == (2, 6)
    assert [place.card.id for place in view.doubles] == [first.id]
    assert view.spare_count == 1
    assert [len(page.places) for page in view.pages] == [3, 3]
    assert [page.collected for page in view.pages] == [2, 0]
    assert sum(1 for page in view.pages for place in page.places if place.copies == 0) == 4  # empty places


def test_a_code_that_is_not_an_album_card_here_is_refused_the_same_way(scene, make_neighbourhood, make_edition):
    neighbourhood, parent, edition = scene
    album = albums.start_album(edition, parent, "Sami")
    elsewhere = cards_of(make_edition(make_neighbourhood()))[0]
    category = edition.categories[0]
    print_only = add_cards(edition, category, 1, scopes=("print",))[0]
    for code in ("", "ZZZZZZZ", elsewhere.code, print_only.code, "x" * 500):
        with pytest.raises(albums.CollectingError) as refused:
            albums.add_card(album, code)
        assert refused.value.field_name == "code"
    assert albums.album_view(album).collected == 0


def test_a_revoked_card_leaves_the_album_at_once(scene):
    _neighbourhood, parent, edition = scene
    album = albums.start_album(edition, parent, "Sami")
    card = cards_of(edition)[0]
    albums.add_card(album, card.code)
    albums.add_card(album, card.code)
    db.session.execute(update(CardConsent).where(CardConsent.card_id == card.id, CardConsent.scope == "album")
                       .values(revoked_at=utcnow()))
    db.session.commit()
    view = albums.album_view(album)
    assert (view.collected, view.total, view.doubles) == (0, 5, [])
    assert card.id not in [place.card.id for page in view.pages for place in page.places]
    with pytest.raises(albums.CollectingError):
        albums.add_card(album, card.code)


def test_the_database_refuses_a_count_below_zero(scene):
    _neighbourhood, parent, edition = scene
    album = albums.start_album(edition, parent, "Sami")
    card = cards_of(edition)[0]
    albums.add_card(album, card.code)
    with pytest.raises(IntegrityError):
        db.session.execute(update(AlbumCard).where(AlbumCard.album_id == album.id).values(copies=-1))
        db.session.flush()
    db.session.rollback()
    assert albums.copies_in(album.id) == {card.id: 1}

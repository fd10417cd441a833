"""Albums: starting one (per collector, a parent keeps one per child), adding a card by its code,
and what an album shows: pages per category, progress, empty places and doubles. Only cards whose
maker agreed to the online album, and that are published, are ever counted or shown."""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from community.cards.collecting import catalogue
from community.cards.collecting.models import COLLECTOR_NAME_MAX, AlbumCard, CardAlbum
from community.db import begin_write_transaction
from community.errors import DomainError, NotFound, within_length
from community.extensions import db

ALBUMS_PER_PERSON = 12  # a parent with a big family; enough, and no endless list
CODE_TYPED_MAX = 20     # what a code field takes (spaces and dashes are dropped)
_NOT_IN_CODE = re.compile(r"[\s\-.]")


class CollectingError(DomainError):
    pass


# --- albums ------------------------------------------------------------------------------------

def albums_of(owner_id: int, edition_ids: list[int]) -> list[CardAlbum]:
    if not edition_ids:
        return []
    return list(db.session.scalars(select(CardAlbum).where(CardAlbum.owner_id == owner_id,
                                                           CardAlbum.edition_id.in_(edition_ids))
                                   .order_by(CardAlbum.edition_id, CardAlbum.id)))


def start_album(edition, owner, collector_name: str) -> CardAlbum:
    name = within_length(collector_name, COLLECTOR_NAME_MAX, CollectingError, "collector_name")
    if not name:
        raise CollectingError(_l("Geef het album een naam, zoals je voornaam of die van je kind."), "collector_name")
    begin_write_transaction(db.session)
    mine = list(db.session.scalars(select(CardAlbum.collector_name).where(
        CardAlbum.edition_id == edition.id, CardAlbum.owner_id == owner.id)))
    if name.casefold() in {other.casefold() for other in mine}:
        db.session.rollback()
        raise CollectingError(_l("Je hebt al een album met deze naam."), "collector_name")
    if len(mine) >= ALBUMS_PER_PERSON:
        db.session.rollback()
        raise CollectingError(_l("Je hebt al %(count)d albums voor deze reeks.", count=ALBUMS_PER_PERSON),
                              "collector_name")
    album = CardAlbum(edition_id=edition.id, owner_id=owner.id, collector_name=name)
    db.session.add(album)
    db.session.commit()
    return album


def set_swapping(album: CardAlbum, swapping: bool) -> CardAlbum:
    album.is_swapping = bool(swapping)
    db.session.commit()
    return album


def album_in(neighbourhood_id: int, album_id: int) -> CardAlbum:
    """An album of one of the neighbourhood's editions (404 otherwise)."""
    album = db.session.get(CardAlbum, album_id)
    if album is None or catalogue.edition(album.edition_id).neighbourhood_id != neighbourhood_id:
        raise NotFound()
    return album


# --- adding a card -------------------------------------------------------------------------------

def normalised_code(typed: str) -> str:
    """Codes are printed in capitals, sometimes in groups: 'k7m-q2x' is K7MQ2X."""
    return _NOT_IN_CODE.sub("", str(typed or ""))[:CODE_TYPED_MAX].upper()


def card_for_code(edition, typed: str):
    """The album card with this code in this edition; a code of another edition, of a card not (or no
    longer) in the album, or of none at all gets the same answer, so nothing is learnt from it."""
    code = normalised_code(typed)
    card = catalogue.album_card_by_code(edition, code) if code else None
    if card is None:
        raise CollectingError(_l("Er is geen plaatje met deze code in deze reeks. Kijk de code nog eens na."), "code")
    return card


def card_for_code_or_none(edition, typed: str):
    code = normalised_code(typed)
    return catalogue.album_card_by_code(edition, code) if code else None


def add_card(album: CardAlbum, typed_code: str):
    """One more copy of the card in the album (a second copy is a double, for swapping)."""
    card = card_for_code(catalogue.edition(album.edition_id), typed_code)
    begin_write_transaction(db.session)
    dialect = db.session.get_bind().dialect.name
    insert = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(AlbumCard)
    db.session.execute(insert.values(album_id=album.id, card_id=card.id, copies=1).on_conflict_do_update(
        index_elements=[AlbumCard.album_id, AlbumCard.card_id], set_={"copies": AlbumCard.copies + 1}))
    db.session.commit()
    return card


# --- what an album shows -------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    number: int       # the place in the album (its order in the edition)
    card: object      # the card
    copies: int       # 0: an empty place


@dataclass(frozen=True)
class AlbumPage:
    category: object
    places: list[Place]

    @property
    def collected(self) -> int:
        return sum(1 for place in self.places if place.copies > 0)


@dataclass(frozen=True)
class AlbumView:
    pages: list[AlbumPage]
    collected: int
    total: int
    doubles: list[Place]   # places whose copies > 1; spare = copies - 1

    @property
    def spare_count(self) -> int:
        return sum(place.copies - 1 for place in self.doubles)


def copies_in(album_id: int) -> dict[int, int]:
    """card id -> copies (never below zero: the database refuses it, and this says so again)."""
    rows = db.session.execute(select(AlbumCard.card_id, AlbumCard.copies).where(AlbumCard.album_id == album_id))
    return {card_id: max(copies, 0) for card_id, copies in rows}


def album_view(album: CardAlbum) -> AlbumView:
    edition = catalogue.edition(album.edition_id)
    cards = catalogue.album_cards(edition)
    held = copies_in(album.id)
    pages: dict[int, AlbumPage] = {}
    numbered = [Place(number, card, held.get(card.id, 0)) for number, card in enumerate(cards, start=1)]
    for category in catalogue.categories(edition):
        pages[category.id] = AlbumPage(category, [])
    for place in numbered:
        page = pages.get(place.card.category_id)
        if page is not None:
            page.places.append(place)
    shown = [page for page in pages.values() if page.places]
    return AlbumView(shown, sum(1 for place in numbered if place.copies > 0), len(numbered),
                     [place for place in numbered if place.copies > 1])


def collected_counts(album_ids: list[int], card_ids: list[int]) -> dict[int, int]:
    """album id -> how many different cards of `card_ids` it holds (for lists of albums)."""
    if not album_ids or not card_ids:
        return {}
    return dict(db.session.execute(select(AlbumCard.album_id, func.count()).where(
        AlbumCard.album_id.in_(album_ids), AlbumCard.card_id.in_(card_ids), AlbumCard.copies > 0)
        .group_by(AlbumCard.album_id)).all())

"""Swapping: my doubles and what I miss, who can swap with me (ranked by the smaller of what each
side can give the other, only among albums whose keepers opted in), a swap proposed for a coming
swap afternoon, and its confirmation face to face.

A swap moves its cards exactly once. Confirming is one transaction that first flips the swap from
'proposed' to 'done' with a conditional UPDATE (only one confirmation can win it: on PostgreSQL the
second waits for the row lock and then finds it done; on SQLite the write lock is taken up front),
then takes each given copy with another conditional UPDATE (`copies >= 2`: a double, so the giver
keeps one; the database refuses a count below zero in any case). Album rows are changed in one
order (album, card), so two swaps sharing an album never deadlock."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from community.cards.collecting import catalogue
from community.cards.collecting.albums import CollectingError, copies_in
from community.cards.collecting.models import SWAP_CODE_LENGTH, AlbumCard, CardAlbum, CardSwap, SwapLine, SwapState
from community.cards.models import Edition
from community.db import begin_write_transaction, utcnow
from community.errors import NotFound
from community.extensions import db
from community.versions import NUMBERS, mark_changed

# Unambiguous capitals and digits: no 0/O, no 1/I/L, no 5/S, no 2/Z, no 8/B.
CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
PARTNERS_SHOWN = 12
SWAPS_OPEN_PER_ALBUM = 10


class SwapError(CollectingError):
    pass


# --- what I can give, what I miss ------------------------------------------------------------------

@dataclass(frozen=True)
class Wishes:
    doubles: list  # (card, spare copies)
    missing: list  # cards


def wishes_of(album: CardAlbum) -> Wishes:
    cards = catalogue.album_cards(catalogue.edition(album.edition_id))
    held = copies_in(album.id)
    return Wishes([(card, held[card.id] - 1) for card in cards if held.get(card.id, 0) > 1],
                  [card for card in cards if held.get(card.id, 0) == 0])


# --- who can swap with me ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Partner:
    album_id: int
    name: str
    give: int   # how many of my doubles they miss
    get: int    # how many of their doubles I miss

    @property
    def score(self) -> int:
        return min(self.give, self.get)


def swap_partners(album: CardAlbum, limit: int = PARTNERS_SHOWN, card_ids: list[int] | None = None) -> list[Partner]:
    """Albums of the same edition whose keepers opted in to swapping (never my own), ranked by
    min(what I can give them, what they can give me), then by the larger of the two.

    A few small queries: my album; per album, how many of my doubles it already has, and how many of
    the cards I miss it has double (both answered from the index on card, copies, album); the albums
    that opted in; the names of the best few. The rest is arithmetic on a few thousand numbers."""
    if card_ids is None:
        card_ids = [card.id for card in catalogue.album_cards(catalogue.edition(album.edition_id))]
    held = copies_in(album.id)
    doubles = [card_id for card_id in card_ids if held.get(card_id, 0) > 1]
    missing = [card_id for card_id in card_ids if held.get(card_id, 0) == 0]
    if not doubles or not missing:
        return []
    they_give = _per_album(missing, at_least=2)
    they_have = _per_album(doubles, at_least=1)
    swapping = set(db.session.scalars(select(CardAlbum.id).where(
        CardAlbum.edition_id == album.edition_id, CardAlbum.is_swapping.is_(True), CardAlbum.owner_id != album.owner_id)))
    scores = [(len(doubles) - they_have.get(album_id, 0), get, album_id) for album_id, get in they_give.items()
              if album_id in swapping]
    best = sorted(((give, get, album_id) for give, get, album_id in scores if min(give, get) > 0),
                  key=lambda row: (-min(row[0], row[1]), -(row[0] + row[1]), row[2]))[:limit]
    names = dict(db.session.execute(select(CardAlbum.id, CardAlbum.collector_name).where(
        CardAlbum.id.in_([album_id for _give, _get, album_id in best] or [0]))).all())
    partners = [Partner(album_id, names[album_id], give, get) for give, get, album_id in best]
    return partners[:limit]


def _per_album(card_ids: list[int], *, at_least: int) -> dict[int, int]:
    """album id -> how many of `card_ids` it holds at least `at_least` copies of."""
    rows = db.session.execute(select(AlbumCard.album_id, func.count()).where(
        AlbumCard.card_id.in_(card_ids), AlbumCard.copies >= at_least).group_by(AlbumCard.album_id))
    return dict(rows.all())


# --- swap afternoons ---------------------------------------------------------------------------------

def swap_afternoons(edition, limit: int = 8) -> list:
    return catalogue.coming_swap_afternoons(edition, limit)


# --- proposing ------------------------------------------------------------------------------------------

def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(SWAP_CODE_LENGTH))


def proposed_lines(mine: CardAlbum, theirs: CardAlbum) -> tuple[list[int], list[int]]:
    """What each gives: my doubles they miss and their doubles I miss, as many each way (the smaller)."""
    card_ids = [card.id for card in catalogue.album_cards(catalogue.edition(mine.edition_id))]
    my_copies, their_copies = copies_in(mine.id), copies_in(theirs.id)
    give = [card_id for card_id in card_ids if my_copies.get(card_id, 0) > 1 and their_copies.get(card_id, 0) == 0]
    get = [card_id for card_id in card_ids if their_copies.get(card_id, 0) > 1 and my_copies.get(card_id, 0) == 0]
    count = min(len(give), len(get))
    return give[:count], get[:count]


def propose_swap(mine: CardAlbum, partner_album_id: int, occurrence_id: int | None) -> CardSwap:
    theirs = db.session.get(CardAlbum, partner_album_id)
    if (theirs is None or theirs.edition_id != mine.edition_id or not theirs.is_swapping
            or theirs.owner_id == mine.owner_id):
        raise SwapError(_l("Met dit album kun je niet ruilen."), "partner")
    afternoons = {occurrence.id: occurrence for occurrence in swap_afternoons(catalogue.edition(mine.edition_id))}
    if occurrence_id not in afternoons:
        raise SwapError(_l("Kies een ruilmiddag die nog komt."), "occurrence")
    give, get = proposed_lines(mine, theirs)
    if not give:
        raise SwapError(_l("Jullie hebben (nu) niets om te ruilen."), "partner")
    if len(open_swaps_of(mine)) >= SWAPS_OPEN_PER_ALBUM:
        raise SwapError(_l("Je hebt al %(count)d ruilafspraken open. Rond er eerst een paar af.",
                           count=SWAPS_OPEN_PER_ALBUM), "partner")
    swap = CardSwap(edition_id=mine.edition_id, proposer_album_id=mine.id, partner_album_id=theirs.id,
                    occurrence_id=occurrence_id, code=_new_code())
    swap.lines = ([SwapLine(card_id=card_id, from_album_id=mine.id, to_album_id=theirs.id) for card_id in give]
                  + [SwapLine(card_id=card_id, from_album_id=theirs.id, to_album_id=mine.id) for card_id in get])
    db.session.add(swap)
    try:
        db.session.commit()
    except IntegrityError:  # the one-in-a-billion code clash: the person taps again
        db.session.rollback()
        raise SwapError(_l("Dat lukte net niet. Probeer het nog een keer."), "partner") from None
    return swap


def open_swaps_of(album: CardAlbum) -> list[CardSwap]:
    return [swap for swap in swaps_of(album) if swap.state == SwapState.PROPOSED.value]


def swaps_of(album: CardAlbum) -> list[CardSwap]:
    return list(db.session.scalars(select(CardSwap).where(
        (CardSwap.proposer_album_id == album.id) | (CardSwap.partner_album_id == album.id))
        .order_by(CardSwap.created_at.desc(), CardSwap.id.desc()).limit(50)).unique())


def swap_in(edition_ids: list[int], swap_id: int) -> CardSwap:
    swap = db.session.get(CardSwap, swap_id)
    if swap is None or swap.edition_id not in edition_ids:
        raise NotFound()
    return swap


# --- confirming face to face ------------------------------------------------------------------------------

class AlreadySwapped(SwapError):
    def __init__(self):
        super().__init__(_l("Deze ruil is al gedaan. De plaatjes staan in jullie albums."))


def confirm_swap(swap_id: int, typed_code: str) -> CardSwap:
    """The partner typed (or scanned) the code on the proposer's phone: the cards move, once."""
    begin_write_transaction(db.session)
    try:
        _confirm(swap_id, typed_code)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return db.session.get(CardSwap, swap_id)


def _confirm(swap_id: int, typed_code: str) -> None:
    code = "".join(str(typed_code or "").split()).upper()[:SWAP_CODE_LENGTH + 4]
    swap = db.session.get(CardSwap, swap_id)
    if swap is None:
        raise NotFound()
    if not secrets.compare_digest(code.encode(), swap.code.encode()):
        raise SwapError(_l("Deze code hoort niet bij deze ruil. Kijk nog eens op de andere telefoon."), "code")
    won = db.session.execute(update(CardSwap).where(CardSwap.id == swap_id,
                                                    CardSwap.state == SwapState.PROPOSED.value)
                             .values(state=SwapState.DONE.value, done_at=utcnow())
                             .execution_options(synchronize_session=False))
    if won.rowcount != 1:
        db.session.rollback()
        db.session.expire_all()
        if db.session.get(CardSwap, swap_id).state == SwapState.DONE.value:
            raise AlreadySwapped()
        raise SwapError(_l("Deze ruil is afgezegd."), "code")
    mark_changed(db.session.scalar(select(Edition.neighbourhood_id).where(Edition.id == swap.edition_id)), NUMBERS)
    lines = list(db.session.scalars(select(SwapLine).where(SwapLine.swap_id == swap_id)))
    moves = [(line.from_album_id, line.card_id, -1) for line in lines] + [(line.to_album_id, line.card_id, 1)
                                                                          for line in lines]
    for album_id, card_id, step in sorted(moves):  # one order for every swap: no deadlock between two
        (_give_one_copy if step > 0 else _take_one_copy)(album_id, card_id)


def _take_one_copy(album_id: int, card_id: int) -> None:
    taken = db.session.execute(update(AlbumCard).where(
        AlbumCard.album_id == album_id, AlbumCard.card_id == card_id, AlbumCard.copies >= 2)
        .values(copies=AlbumCard.copies - 1).execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        raise SwapError(_l("Een van de dubbele plaatjes is er niet meer. Spreek samen een nieuwe ruil af."), "code")


def _give_one_copy(album_id: int, card_id: int) -> None:
    dialect = db.session.get_bind().dialect.name
    insert = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(AlbumCard)
    db.session.execute(insert.values(album_id=album_id, card_id=card_id, copies=1).on_conflict_do_update(
        index_elements=[AlbumCard.album_id, AlbumCard.card_id], set_={"copies": AlbumCard.copies + 1}))


def cancel_swap(swap: CardSwap) -> CardSwap:
    begin_write_transaction(db.session)
    done = db.session.execute(update(CardSwap).where(CardSwap.id == swap.id,
                                                     CardSwap.state == SwapState.PROPOSED.value)
                              .values(state=SwapState.CANCELLED.value).execution_options(synchronize_session=False))
    db.session.commit()
    if done.rowcount != 1:
        raise SwapError(_l("Deze ruil is al gedaan of afgezegd."))
    db.session.refresh(swap)
    return swap

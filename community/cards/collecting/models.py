"""Collecting and swapping Buurtplaatjes: albums (one per collector, several under one account for a
parent's children), how many of each card an album holds, swaps confirmed face to face, and how many
packs went where."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.db import utcnow
from community.extensions import db

COLLECTOR_NAME_MAX = 40    # a first name or nickname, what neighbours see beside the counts
SWAP_CODE_LENGTH = 6       # typed from the other phone
PACK_PLACE_MAX = 120       # "Bakkerij Van Dijk", "Koffie-ochtend De Haard"


class CardAlbum(db.Model):
    """One collector's album of one edition. A parent keeps an album per child under their own
    account (no accounts for children): the name tells them apart."""

    __tablename__ = "card_album"
    __table_args__ = (UniqueConstraint("edition_id", "owner_id", "collector_name"),
                      Index("ix_card_album_edition_swapping", "edition_id", "is_swapping"))

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("card_edition.id", ondelete="CASCADE"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    collector_name: Mapped[str] = mapped_column(String(COLLECTOR_NAME_MAX))
    is_swapping: Mapped[bool] = mapped_column(default=False)  # opted in: neighbours may see name and counts
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    owner: Mapped[User] = relationship()


class AlbumCard(db.Model):
    """How many copies of a card an album holds. The database refuses a count below zero, so no swap
    and no race can ever make one."""

    __tablename__ = "card_album_card"
    __table_args__ = (CheckConstraint("copies >= 0", name="copies_not_negative"),
                      Index("ix_card_album_card_card_copies", "card_id", "copies", "album_id"))

    album_id: Mapped[int] = mapped_column(ForeignKey("card_album.id", ondelete="CASCADE"), primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), primary_key=True)
    copies: Mapped[int] = mapped_column(default=1)


class SwapState(StrEnum):
    PROPOSED = "proposed"
    DONE = "done"
    CANCELLED = "cancelled"


SWAP_STATE_LABELS = {
    SwapState.PROPOSED: _l("Afgesproken"),
    SwapState.DONE: _l("Geruild"),
    SwapState.CANCELLED: _l("Afgezegd"),
}


class CardSwap(db.Model):
    """A swap proposed for a swap afternoon; the cards move only when the other side confirms with
    the code shown on the proposer's phone (state proposed -> done, exactly once)."""

    __tablename__ = "card_swap"
    __table_args__ = (CheckConstraint("proposer_album_id <> partner_album_id", name="two_albums"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("card_edition.id", ondelete="CASCADE"), index=True)
    proposer_album_id: Mapped[int] = mapped_column(ForeignKey("card_album.id", ondelete="CASCADE"), index=True)
    partner_album_id: Mapped[int] = mapped_column(ForeignKey("card_album.id", ondelete="CASCADE"), index=True)
    occurrence_id: Mapped[int | None] = mapped_column(ForeignKey("occurrence.id", ondelete="SET NULL"))
    code: Mapped[str] = mapped_column(String(SWAP_CODE_LENGTH), unique=True)
    state: Mapped[str] = mapped_column(String(12), default=SwapState.PROPOSED.value)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None]

    proposer_album: Mapped[CardAlbum] = relationship(foreign_keys=[proposer_album_id], lazy="joined")
    partner_album: Mapped[CardAlbum] = relationship(foreign_keys=[partner_album_id], lazy="joined")
    lines: Mapped[list[SwapLine]] = relationship(cascade="all, delete-orphan", passive_deletes=True,
                                                 order_by="SwapLine.card_id")


class SwapLine(db.Model):
    """One card that goes from one album of the swap to the other."""

    __tablename__ = "card_swap_line"

    swap_id: Mapped[int] = mapped_column(ForeignKey("card_swap.id", ondelete="CASCADE"), primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), primary_key=True)
    from_album_id: Mapped[int] = mapped_column(ForeignKey("card_album.id", ondelete="CASCADE"), primary_key=True)
    to_album_id: Mapped[int] = mapped_column(ForeignKey("card_album.id", ondelete="CASCADE"))


class PackPlace(StrEnum):
    SHOP = "shop"
    ACTIVITY = "activity"


PACK_PLACE_LABELS = {PackPlace.SHOP: _l("Winkel"), PackPlace.ACTIVITY: _l("Activiteit in het Huis van de Wijk")}


class PackCount(db.Model):
    """How many packs went where on a day: counts for 'tellen en vertellen'."""

    __tablename__ = "card_pack_count"
    __table_args__ = (CheckConstraint("packs > 0", name="packs_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("card_edition.id", ondelete="CASCADE"), index=True)
    place_kind: Mapped[str] = mapped_column(String(10))
    place_name: Mapped[str] = mapped_column(String(PACK_PLACE_MAX))
    handed_out_on: Mapped[date]
    packs: Mapped[int]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

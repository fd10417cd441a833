"""Export: the Buurtplaatjes I made with their consent log, my albums and my swaps."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from community.cards import making
from community.cards.collecting.models import AlbumCard, CardAlbum, CardSwap
from community.extensions import db
from community.privacy.export_registry import exporter, row


@exporter("cards", _l("Buurtplaatjes die ik maakte"))
def cards(user) -> list[dict]:
    return [row(id=c.id, code=c.code, edition_id=c.edition_id, display_name=c.display_name, line=c.line, age=c.age,
                is_child=c.is_child, is_pet=c.is_pet, state=c.state, photo=c.photo.key if c.photo else None,
                created_at=c.created_at, published_at=c.published_at, withdrawn_at=c.withdrawn_at)
            for c in making.cards_made_by(user.id)]


@exporter("card_consents", _l("Toestemmingen voor mijn plaatjes"))
def card_consents(user) -> list[dict]:
    """The whole log: given and taken back, with the text shown at the time."""
    return [row(card_id=c.id, scope=consent.scope, granted_at=consent.granted_at, text=consent.text,
                locale=consent.locale, is_guardian=consent.is_guardian, revoked_at=consent.revoked_at)
            for c in making.cards_made_by(user.id) for consent in c.consents]


def _albums(user_id: int) -> list[CardAlbum]:
    return list(db.session.scalars(select(CardAlbum).where(CardAlbum.owner_id == user_id).order_by(CardAlbum.id)))


@exporter("albums", _l("Mijn albums"))
def albums(user) -> list[dict]:
    rows = []
    for album in _albums(user.id):
        copies = db.session.scalars(select(AlbumCard).where(AlbumCard.album_id == album.id).order_by(AlbumCard.card_id))
        rows.append(row(id=album.id, edition_id=album.edition_id, collector_name=album.collector_name,
                        is_swapping=album.is_swapping, created_at=album.created_at,
                        cards={str(c.card_id): c.copies for c in copies}))
    return rows


@exporter("swaps", _l("Mijn ruilen"))
def swaps(user) -> list[dict]:
    """My side of each swap: my album, the cards that moved; the other collector only as 'the other album'."""
    mine = [album.id for album in _albums(user.id)]
    if not mine:
        return []
    found = db.session.scalars(select(CardSwap).where(or_(CardSwap.proposer_album_id.in_(mine),
                                                          CardSwap.partner_album_id.in_(mine))).order_by(CardSwap.id))
    return [row(id=s.id, my_album_id=s.proposer_album_id if s.proposer_album_id in mine else s.partner_album_id,
                i_proposed=s.proposer_album_id in mine, state=s.state, created_at=s.created_at, done_at=s.done_at,
                cards_given=[line.card_id for line in s.lines if line.from_album_id in mine],
                cards_received=[line.card_id for line in s.lines if line.to_album_id in mine]) for s in found]

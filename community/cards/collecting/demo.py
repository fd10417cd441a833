"""Albums for about thirty De Ruwaard residents (a mother keeps one for each of her two children), with
doubles, most of them open to swapping; two swaps done at the swap afternoon; packs counted at shops
and at De Haard. Built on the edition the cards' own demo made; through the services where it counts."""
from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert, select

from community.accounts.models import User
from community.cards.collecting import catalogue, packs, swaps
from community.cards.collecting.models import AlbumCard, CardAlbum
from community.extensions import db
from community.neighbourhoods.models import Membership, Neighbourhood
from community.recurrence import local_today

COLLECTORS = 30
CHILDREN = ("Sami", "Lina")  # two children collect in their mother's account
PACKS = [  # days ago, kind, where, packs
    (20, "shop", "Bakkerij Van Dijk", 120), (18, "shop", "Jumbo Ruwaard", 340), (14, "activity", "Koffie-ochtend De Haard", 45),
    (10, "shop", "Bloemenhuis Oss", 60), (7, "activity", "Ruilmiddag De Haard", 80), (3, "activity", "Taalcafé", 25),
]


def build_collecting_demo() -> None:
    ruwaard = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "de-ruwaard"))
    editions = catalogue.editions_of(ruwaard.id) if ruwaard else []
    if not editions or db.session.scalar(select(CardAlbum.id).where(CardAlbum.edition_id == editions[0].id).limit(1)):
        return
    edition = editions[0]
    cards = catalogue.album_cards(edition)
    if len(cards) < 4:
        return
    album_ids = _albums(edition, _residents(ruwaard))
    _fill(album_ids, [card.id for card in cards])
    _two_swaps(edition, album_ids)
    _packs(edition)


def _residents(neighbourhood) -> list[User]:
    return list(db.session.scalars(select(User).join(Membership, Membership.user_id == User.id).where(
        Membership.neighbourhood_id == neighbourhood.id, Membership.role == "resident",
        Membership.confirmed_at.is_not(None)).order_by(User.id).limit(COLLECTORS)))


def _albums(edition, people: list[User]) -> list[int]:
    rows = [{"edition_id": edition.id, "owner_id": person.id, "collector_name": person.display_name.split()[0][:40],
             "is_swapping": number % 4 != 3} for number, person in enumerate(people)]
    if people:
        rows += [{"edition_id": edition.id, "owner_id": people[0].id, "collector_name": child, "is_swapping": True}
                 for child in CHILDREN]
    db.session.execute(insert(CardAlbum), rows)
    db.session.commit()
    return list(db.session.scalars(select(CardAlbum.id).where(CardAlbum.edition_id == edition.id)
                                   .order_by(CardAlbum.id)))


def _fill(album_ids: list[int], card_ids: list[int]) -> None:
    """Each album holds a third to four fifths of the cards; about one in four of those twice or more."""
    chance = random.Random("buurtplaatjes-albums")
    rows = []
    for album_id in album_ids:
        held = chance.sample(card_ids, chance.randint(len(card_ids) // 3, len(card_ids) * 4 // 5))
        rows += [{"album_id": album_id, "card_id": card_id,
                  "copies": 1 + (chance.random() < 0.25) + (chance.random() < 0.05)} for card_id in held]
    db.session.execute(insert(AlbumCard), rows)
    db.session.commit()


def _two_swaps(edition, album_ids: list[int]) -> None:
    afternoons = swaps.swap_afternoons(edition, 1)
    if not afternoons:
        return
    done = 0
    for album_id in album_ids:
        mine = db.session.get(CardAlbum, album_id)
        if not mine.is_swapping:
            continue
        partners = swaps.swap_partners(mine, limit=1)
        if partners:
            swap = swaps.propose_swap(mine, partners[0].album_id, afternoons[0].id)
            swaps.confirm_swap(swap.id, swap.code)
            done += 1
        if done == 2:
            return


def _packs(edition) -> None:
    coordinator = db.session.scalar(select(User).where(User.email == "marieke@example.org"))
    if coordinator is None:
        return
    for days_ago, kind, place, count in PACKS:
        packs.record_packs(edition, place_kind=kind, place_name=place, packs=count,
                           handed_out_on=local_today() - timedelta(days=days_ago), by=coordinator)

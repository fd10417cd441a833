"""The route walk's albums: in each neighbourhood a running edition with cards, an album of a walker
that swaps and one that does not (its name is for its keeper only), and a swap proposed to a
neighbour's album, whose code only the proposer may see."""
from __future__ import annotations

from tests.walk_world import Marker


def add_albums(built, label: str, neighbourhood, keeper, partner, walker_partner: set) -> None:
    """`keeper`: the walker whose albums these are (relatively "member"); `partner` owns the other album
    of the swap (`walker_partner`: its relative walker role, if any)."""
    from community.cards.collecting import albums, swaps
    from community.cards.collecting.catalogue import coming_swap_afternoons
    from community.cards.models import Category, Edition
    from community.extensions import db
    from tests.cards.collecting.conftest import add_cards, give

    edition = Edition(neighbourhood_id=neighbourhood.id, name=f"Plaatjes {label}", card_count=9, state="running")
    db.session.add(edition)
    db.session.flush()
    category = Category(edition_id=edition.id, position=0, title="Mensen die hard zingen")
    db.session.add(category)
    db.session.flush()
    cards = add_cards(edition, category, 4)
    mine = albums.set_swapping(albums.start_album(edition, keeper, f"Sami {label}"), True)
    albums.start_album(edition, keeper, built.marker("album name that does not swap", label, {"member"}))
    theirs = albums.set_swapping(albums.start_album(edition, partner, f"Noor {label}"), True)
    give(mine, cards[:1], copies=2)
    give(theirs, cards[2:3], copies=2)
    swap = swaps.propose_swap(mine, theirs.id, coming_swap_afternoons(edition, 1)[0].id)
    built.markers.append(Marker(swap.code, "a swap's code, for the proposer's phone", label, frozenset({"member"})))
    slug = neighbourhood.slug
    keepers, swappers = frozenset({"member"}), frozenset({"member"}) | frozenset(walker_partner)
    built.thing(f"album {label}", label, "album_id", {"slug": slug, "album_id": mine.id}, keepers=keepers,
                endpoints={"collecting.album", "collecting.add_card", "collecting.swapping", "collecting.swap_page"})
    built.thing(f"swap {label}", label, "swap_id", {"slug": slug, "swap_id": swap.id}, swappers=swappers,
                confirmers=frozenset(walker_partner), showers=keepers,
                endpoints={"collecting.swap", "collecting.confirm", "collecting.cancel", "collecting.swap_qr"})
    built.thing(f"card code {label}", label, "scanned_code", {"slug": slug, "scanned_code": cards[0].code},
                endpoints={"collecting.scan"})
    built.thing(f"packs of the edition {label}", label, "edition_id", {"slug": slug, "edition_id": edition.id},
                endpoints={"collecting.count_packs"})

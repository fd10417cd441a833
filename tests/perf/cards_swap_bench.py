"""Who can swap with me, at scale: an edition of 200 cards and 2,000 collectors who opted in to
swapping, each with a realistic album (about half the cards, a fifth of those double). Ranks the
partners of one collector many times and prints the median and the slowest, in ms.

    .venv/bin/python -m tests.perf.cards_swap_bench            # SQLite in a temporary file
    DATABASE_URL=postgresql+psycopg://… .venv/bin/python -m tests.perf.cards_swap_bench

Target: ≤ 50 ms per ranking. It prints figures; it asserts nothing.
"""
from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, text

CARDS, COLLECTORS, CATEGORIES, ROUNDS = 200, 2_000, 8, 30


def _build(db) -> tuple[int, list[int]]:
    from community.accounts.models import User
    from community.cards.collecting.models import AlbumCard, CardAlbum
    from community.cards.models import Card, CardConsent, Category, Edition
    from community.neighbourhoods.models import Neighbourhood
    from tests.cards.collecting.conftest import new_code

    neighbourhood = Neighbourhood(slug="bank", name="Bank", city="Oss")
    db.session.add(neighbourhood)
    db.session.flush()
    edition = Edition(neighbourhood_id=neighbourhood.id, name="Groot", card_count=CARDS, state="running")
    db.session.add(edition)
    db.session.flush()
    categories = [Category(edition_id=edition.id, position=i, title=f"Mensen die {i}") for i in range(CATEGORIES)]
    db.session.add_all(categories)
    db.session.flush()
    cards = [Card(edition_id=edition.id, category_id=categories[i % CATEGORIES].id, code=new_code(), number=i + 1,
                  display_name=f"Buur {i}", line="", state="published") for i in range(CARDS)]
    db.session.add_all(cards)
    db.session.flush()
    db.session.execute(insert(CardConsent), [{"card_id": card.id, "scope": "album", "text": "ja", "locale": "nl"}
                                             for card in cards])
    db.session.execute(insert(User), [{"email": f"b{i}@example.org", "display_name": f"B{i}", "password_hash": "x",
                                       "locale": "nl"} for i in range(COLLECTORS)])
    user_ids = [row[0] for row in db.session.execute(text("SELECT id FROM \"user\" ORDER BY id"))]
    db.session.execute(insert(CardAlbum), [{"edition_id": edition.id, "owner_id": user_id, "collector_name": "Album",
                                            "is_swapping": True} for user_id in user_ids])
    album_ids = [row[0] for row in db.session.execute(text("SELECT id FROM card_album ORDER BY id"))]
    chance = random.Random(7)
    rows = [{"album_id": album_id, "card_id": card.id, "copies": 2 if chance.random() < 0.2 else 1}
            for album_id in album_ids for card in cards if chance.random() < 0.5]
    for start in range(0, len(rows), 20_000):
        db.session.execute(insert(AlbumCard), rows[start:start + 20_000])
    db.session.commit()
    if db.engine.dialect.name == "postgresql":  # as autovacuum would after such a load: plans need statistics
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    print(f"built: {CARDS} cards, {len(album_ids)} albums, {len(rows)} album rows")
    return edition.id, album_ids


def main() -> None:
    from community import create_app
    from community.extensions import db

    folder = Path(tempfile.mkdtemp(prefix="swapbench"))
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'bench.sqlite3'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": False})
    with app.app_context():
        db.drop_all()
        db.create_all()
        _edition_id, album_ids = _build(db)
        from community.cards.collecting import swaps
        from community.cards.collecting.models import CardAlbum

        me = db.session.get(CardAlbum, album_ids[0])
        with app.test_request_context():
            swaps.swap_partners(me)  # warm: the card list is read once per request
            timings, found = [], []
            for _ in range(ROUNDS):
                started = time.perf_counter()
                found = swaps.swap_partners(me)
                timings.append((time.perf_counter() - started) * 1000)
        print(f"{db.engine.dialect.name}: ranking swap partners among {COLLECTORS} collectors "
              f"({CARDS} cards): median {statistics.median(timings):.1f} ms, slowest {max(timings):.1f} ms "
              f"over {ROUNDS} rounds; best partner: give {found[0].give}, get {found[0].get}" if found else "none")
        db.session.remove()
        if not os.environ.get("DATABASE_URL"):
            db.engine.dispose()
        else:
            db.drop_all()
            db.engine.dispose()


if __name__ == "__main__":
    sys.exit(main())

"""The demo edition of De Ruwaard: 40 cards on 8 pages, ages 6 to 93, two pets, a child's card with her
parent's consent, one card taken back, and a swap afternoon and story evening in the agenda."""
from __future__ import annotations

from sqlalchemy import select

from community.cards.models import Card, Edition, Scope
from community.cards.visibility import visible_cards
from community.cards.demo import build_cards_demo
from community.extensions import db


def test_the_demo_edition(app, client, make_neighbourhood, make_user):
    """Built on De Ruwaard's coordinator and forty of its residents (the rest of the demo is tests/test_demo_data's)."""
    ruwaard = make_neighbourhood("De Ruwaard", slug="de-ruwaard")
    make_user(role="coordinator", neighbourhood=ruwaard, email="marieke@example.org")
    for number in range(1, 41):
        make_user(neighbourhood=ruwaard, email=f"de-ruwaard.{number}@example.org", locale="nl" if number % 3 else "tr")
    build_cards_demo()
    edition = db.session.scalar(select(Edition))
    cards = db.session.scalars(select(Card).where(Card.edition_id == edition.id)).all()
    assert len(cards) == 40 and len(edition.categories) == 8
    assert sum(card.is_pet for card in cards) == 2
    child = next(card for card in cards if card.is_child)
    assert child.guardian_id == child.maker_id and all(c.is_guardian for c in child.consents)
    assert [card.state for card in cards if card.state != "published"] == ["withdrawn"]
    assert min(c.age for c in cards if not c.is_pet) <= 6 and max(c.age for c in cards) >= 90
    assert {event.kind for event in edition.events} == {"swap_afternoon", "story_evening"}
    assert len(visible_cards(db.session, edition, Scope.ALBUM)) == 39
    page = client.get("/de-ruwaard/buurtplaatjes/")
    assert page.status_code == 200 and "Ruilmiddag Buurtplaatjes" in page.get_data(as_text=True)
    build_cards_demo()  # again: nothing twice
    assert db.session.query(Card).count() == 40

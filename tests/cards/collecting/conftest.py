"""An edition with album pages and published cards consented for the album, and albums to fill."""
from __future__ import annotations

import itertools
import secrets
from datetime import time, timedelta

import pytest

from community import recurrence
from community.cards.models import CODE_ALPHABET, CODE_LENGTH, Card, CardConsent, Category, Edition, EditionEvent
from community.db import utcnow
from community.extensions import db

_numbers = itertools.count(1)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def add_cards(edition: Edition, category: Category, count: int, *, scopes=("album", "print")) -> list[Card]:
    """Published cards with consent for `scopes`, numbered after the edition's last one."""
    made = []
    for _ in range(count):
        number = next(_numbers)
        card = Card(edition_id=edition.id, category_id=category.id, code=new_code(), number=number,
                    display_name=f"Buur{number}", line="Zingt hard", state="published", published_at=utcnow())
        card.consents = [CardConsent(scope=scope, text="Ik doe mee", locale="nl") for scope in scopes]
        db.session.add(card)
        made.append(card)
    db.session.commit()
    return made


@pytest.fixture
def make_edition(app):
    def make(neighbourhood, *, categories: int = 2, cards_per_category: int = 3, state: str = "running") -> Edition:
        edition = Edition(neighbourhood_id=neighbourhood.id, name="Buurtplaatjes De Ruwaard", card_count=90,
                          state=state)
        db.session.add(edition)
        db.session.flush()
        for position in range(categories):
            category = Category(edition_id=edition.id, position=position, title=f"Mensen die {position} keer zingen")
            db.session.add(category)
            db.session.flush()
            add_cards(edition, category, cards_per_category)
        db.session.commit()
        return edition

    return make


@pytest.fixture
def make_swap_afternoon(app):
    def make(edition: Edition):
        from community.agenda import services as agenda
        from community.agenda.models import Occurrence
        from community.neighbourhoods.models import Neighbourhood

        neighbourhood = db.session.get(Neighbourhood, edition.neighbourhood_id)
        activity = agenda.create_activity(neighbourhood, agenda.ActivityDetails(
            title="Ruilmiddag", description="", kind="games", room_id=None, organiser_id=None, cost_cents=0,
            needs_signup=False, capacity=None, languages=["nl"], first_date=recurrence.local_today() + timedelta(days=3),
            start_time=time(14), duration_minutes=120, pattern="once"))
        db.session.add(EditionEvent(edition_id=edition.id, activity_id=activity.id, kind="swap_afternoon"))
        db.session.commit()
        return db.session.query(Occurrence).filter_by(activity_id=activity.id).one()

    return make


def cards_of(edition: Edition) -> list[Card]:
    return list(db.session.query(Card).filter_by(edition_id=edition.id).order_by(Card.number))


def give(album, cards, copies: int = 1) -> None:
    """Put `copies` of each card in the album (as if scanned that often)."""
    from community.cards.collecting.models import AlbumCard

    for card in cards:
        found = db.session.get(AlbumCard, (album.id, card.id))
        if found is None:
            db.session.add(AlbumCard(album_id=album.id, card_id=card.id, copies=copies))
        else:
            found.copies += copies
    db.session.commit()

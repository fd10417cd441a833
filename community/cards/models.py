"""Buurtplaatjes: a neighbourhood's editions of trading cards, their album pages (categories), the cards
of neighbours (and pets) and the consent each card's person gave, per use.

A card is shown somewhere only when it is published, not withdrawn, and has an unrevoked consent for
that use (`Scope`); `community.cards.services.visible_cards` is the one gate every reader goes through.
Consents are never deleted: a revocation sets `revoked_at`, so the record of what was agreed to, by
whom, when, in which words and language stays.
"""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.accounts.models import User
from community.db import TimestampMixin, utcnow
from community.extensions import db
from community.images.models import Image
from community.moderation.models import REASON_MAX

EDITION_NAME_MAX = 100
CATEGORY_TITLE_MAX = 100
CATEGORY_STORY_MAX = 2000     # the story behind an album page, told at the story evening
DISPLAY_NAME_MAX = 30         # a first name or nickname, never a surname by default
LINE_MAX = 120                # the one short line on the card
CONSENT_TEXT_MAX = 1000       # the words the person agreed to, as shown to them
LOCALE_MAX = 5
CODE_LENGTH = 7
# No 0/O, 1/l/I: a code read aloud or typed from a paper card cannot be mistaken.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
MOST_CARDS = 500              # an edition's number of cards
AGE_MAX = 120


class EditionState(StrEnum):
    PREPARING = "preparing"   # neighbours volunteer for cards, the coordinator moderates
    RUNNING = "running"       # printed and handed out; collecting and swapping
    FINISHED = "finished"     # over; albums stay

    @property
    def label(self) -> str:
        return str(EDITION_STATE_LABELS[self])


EDITION_STATE_LABELS = {
    EditionState.PREPARING: _l("In voorbereiding"),
    EditionState.RUNNING: _l("Loopt"),
    EditionState.FINISHED: _l("Afgelopen"),
}


class CardState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    CHANGES_REQUESTED = "changes_requested"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return str(CARD_STATE_LABELS[self])


CARD_STATE_LABELS = {
    CardState.DRAFT: _l("Concept"),
    CardState.SUBMITTED: _l("Ingediend, wacht op de buurtregisseur"),
    CardState.PUBLISHED: _l("Gepubliceerd"),
    CardState.CHANGES_REQUESTED: _l("Aanpassing gevraagd"),
    CardState.DECLINED: _l("Afgewezen"),
    CardState.WITHDRAWN: _l("Ingetrokken"),
}


class Scope(StrEnum):
    """Where a card may be shown; each needs its own consent."""

    PRINT = "print"
    ALBUM = "album"
    KIOSK = "kiosk"
    CARD_OF_THE_DAY = "card_of_the_day"

    @property
    def label(self) -> str:
        return str(SCOPE_LABELS[self])


SCOPE_LABELS = {
    Scope.PRINT: _l("Gedrukte plaatjes"),
    Scope.ALBUM: _l("Het online album"),
    Scope.KIOSK: _l("Het scherm in het Huis van de Wijk"),
    Scope.CARD_OF_THE_DAY: _l("Plaatje van de dag"),
}


class EventKind(StrEnum):
    STORY_EVENING = "story_evening"
    SWAP_AFTERNOON = "swap_afternoon"

    @property
    def label(self) -> str:
        return str(EVENT_KIND_LABELS[self])


EVENT_KIND_LABELS = {
    EventKind.STORY_EVENING: _l("Verhalenavond"),
    EventKind.SWAP_AFTERNOON: _l("Ruilmiddag"),
}


class Edition(TimestampMixin, db.Model):
    __tablename__ = "card_edition"
    __table_args__ = (
        CheckConstraint(f"card_count >= 1 AND card_count <= {MOST_CARDS}", name="card_count_range"),
        CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="dates_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(ForeignKey("neighbourhood.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(EDITION_NAME_MAX))
    card_count: Mapped[int]           # how many cards the edition plans (the album's "van 90")
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    state: Mapped[str] = mapped_column(String(20), default=EditionState.PREPARING.value)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    categories: Mapped[list[Category]] = relationship(back_populates="edition", order_by="[Category.position, Category.id]",
                                                      cascade="all, delete-orphan", passive_deletes=True)
    events: Mapped[list[EditionEvent]] = relationship(back_populates="edition", cascade="all, delete-orphan",
                                                      passive_deletes=True)

    @property
    def state_enum(self) -> EditionState:
        return EditionState(self.state)


class EditionEvent(db.Model):
    """An activity of the agenda that belongs to an edition: the story evening, a swap afternoon.
    Its dates are the activity's occurrences."""

    __tablename__ = "card_edition_event"
    __table_args__ = (UniqueConstraint("edition_id", "activity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("card_edition.id", ondelete="CASCADE"), index=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))

    edition: Mapped[Edition] = relationship(back_populates="events")


class Category(db.Model):
    """An album page, "Mensen die …". Its title is written in one language (`title`, with `locale`) and
    may have a title per other language (`CategoryTitle`). A neighbour may propose one
    (`proposed_by_id`); it is on no album page until the coordinator accepts it (`is_accepted`)."""

    __tablename__ = "card_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("card_edition.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(CATEGORY_TITLE_MAX))
    locale: Mapped[str] = mapped_column(String(LOCALE_MAX), default="nl")
    story: Mapped[str] = mapped_column(String(CATEGORY_STORY_MAX), default="")
    is_accepted: Mapped[bool] = mapped_column(default=True)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    edition: Mapped[Edition] = relationship(back_populates="categories")
    translations: Mapped[list[CategoryTitle]] = relationship(cascade="all, delete-orphan", passive_deletes=True,
                                                             lazy="selectin")

    def title_in(self, locale: str) -> str:
        """The page's title in a language, or in the language it was written in."""
        for translation in self.translations:
            if translation.locale == locale:
                return translation.title
        return self.title


class CategoryTitle(db.Model):
    __tablename__ = "card_category_title"
    __table_args__ = (UniqueConstraint("category_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("card_category.id", ondelete="CASCADE"), index=True)
    locale: Mapped[str] = mapped_column(String(LOCALE_MAX))
    title: Mapped[str] = mapped_column(String(CATEGORY_TITLE_MAX))


class Card(TimestampMixin, db.Model):
    """One neighbour's (or pet's) card. `maker_id` made it: the person themselves, or for a child
    (`is_child`) the parent or guardian, who also gives the consent."""

    __tablename__ = "card"
    __table_args__ = (
        Index("ix_card_edition_state", "edition_id", "state"),
        UniqueConstraint("edition_id", "number"),
        CheckConstraint(f"age IS NULL OR (age >= 0 AND age <= {AGE_MAX})", name="age_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("card_edition.id", ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(ForeignKey("card_category.id", ondelete="RESTRICT"), index=True)
    code: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True)
    number: Mapped[int | None]        # its place in the album, given when it is published
    display_name: Mapped[str] = mapped_column(String(DISPLAY_NAME_MAX))
    line: Mapped[str] = mapped_column(String(LINE_MAX))
    age: Mapped[int | None]
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("image.id", ondelete="SET NULL"))
    is_pet: Mapped[bool] = mapped_column(default=False)
    is_child: Mapped[bool] = mapped_column(default=False)
    maker_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    state: Mapped[str] = mapped_column(String(20), default=CardState.DRAFT.value)
    reason: Mapped[str] = mapped_column(String(REASON_MAX), default="")
    submitted_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]

    edition: Mapped[Edition] = relationship()
    category: Mapped[Category] = relationship(lazy="joined")
    photo: Mapped[Image | None] = relationship(lazy="joined")
    maker: Mapped[User | None] = relationship()
    consents: Mapped[list[CardConsent]] = relationship(back_populates="card", cascade="all, delete-orphan",
                                                      passive_deletes=True, order_by="CardConsent.id")

    @property
    def state_enum(self) -> CardState:
        return CardState(self.state)

    @property
    def neighbourhood_id(self) -> int:
        return self.edition.neighbourhood_id

    @property
    def guardian_id(self) -> int | None:
        """Whoever made a child's card is its guardian here."""
        return self.maker_id if self.is_child else None

    def consented_scopes(self) -> set[str]:
        return {consent.scope for consent in self.consents if consent.revoked_at is None}


class CardConsent(db.Model):
    """One consent for one use of one card: who gave it, when, the text they saw, in which language.
    Rows are never deleted; revoking sets `revoked_at`."""

    __tablename__ = "card_consent"
    __table_args__ = (Index("ix_card_consent_card_scope", "card_id", "scope", "revoked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(String(20))
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    text: Mapped[str] = mapped_column(String(CONSENT_TEXT_MAX))
    locale: Mapped[str] = mapped_column(String(LOCALE_MAX))
    is_guardian: Mapped[bool] = mapped_column(default=False)  # given by a parent or guardian for a child
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    card: Mapped[Card] = relationship(back_populates="consents")
    granted_by: Mapped[User | None] = relationship(foreign_keys=[granted_by_id])


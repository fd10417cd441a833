"""What Buurtplaatjes adds to the neighbourhood's pages: a tile, the card of the day, the coordinator's
tile with what waits, the kiosk's card slide, and how the audit log names a card (by its code, never
by the name on it: a declined or withdrawn card must not show up by name anywhere)."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _, lazy_gettext as _l, ngettext

from community.cards import editions as edition_services
from community.cards import reviewing
from community.cards.models import Card
from community.cards.today import card_of_the_day, register_kiosk_slide
from community.db import utcnow
from community.extensions import db
from community.neighbourhoods.services import Part, Section, register_coordinator_part, register_part, register_section
from community.pictograms import TILES


def cards_part(neighbourhood) -> Part | None:
    edition = edition_services.current_edition(neighbourhood.id)
    if edition is None:
        return None
    return Part(title=_("Buurtplaatjes"), text=_("Buren op plaatjes: verzamel en ruil ze"), icon=TILES["cards"],
                tone="sun", url=url_for("cards.index", slug=neighbourhood.slug))


def card_of_the_day_section(neighbourhood) -> Section | None:
    card = card_of_the_day(neighbourhood, utcnow())
    if card is None:
        return None
    return Section("cards/_home.html", {"card_of_the_day": card})


def coordinator_cards_part(neighbourhood) -> Part:
    edition = edition_services.current_edition(neighbourhood.id)
    waiting = len(reviewing.waiting(edition)) if edition else 0
    text = (ngettext("%(num)d plaatje wacht op jou", "%(num)d plaatjes wachten op jou", waiting) if waiting
            else _("Start een reeks, maak bladzijden, beoordeel en druk plaatjes"))
    return Part(title=_("Buurtplaatjes"), text=text, icon=TILES["cards"], tone="sun",
                url=url_for("cards.manage", slug=neighbourhood.slug))


def _load_cards(ids: list[int]) -> dict[int, Card]:
    from sqlalchemy import select

    return {card.id: card for card in db.session.scalars(select(Card).where(Card.id.in_(ids)))} if ids else {}


def _describe(card: Card) -> str:
    return _("Plaatje %(code)s", code=card.code)


def register_card_parts() -> None:
    from community.moderation import services as moderation

    register_part(cards_part)
    register_section(card_of_the_day_section)
    register_coordinator_part(coordinator_cards_part)
    register_kiosk_slide()
    moderation.register_audit_subject("card", moderation.AuditSubject(
        load_many=_load_cards, describe=_describe, kind=_l("Buurtplaatje")))


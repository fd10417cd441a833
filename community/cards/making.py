"""A neighbour volunteers for a card (or makes their child's or pet's), gives consent per use, changes
it when the coordinator asks, and takes any consent back, or the whole card, in one tap."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask_babel import force_locale, lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from community.cards.editions import CardsError, add_category
from community.cards.models import (AGE_MAX, CODE_ALPHABET, CODE_LENGTH, DISPLAY_NAME_MAX, LINE_MAX, Card,
                                    CardConsent, CardState, Category, Edition, EditionState, Scope)
from community.db import utcnow
from community.errors import NotFound, within_length
from community.extensions import db
from community.i18n import LANGUAGES
from community.versions import CARDS, mark_changed
from community.images.changes import change_photo

EDITABLE = (CardState.DRAFT.value, CardState.CHANGES_REQUESTED.value)
# A card that is out of the edition keeps its consent records, but nothing can be given for it any more.
CLOSED = (CardState.DECLINED.value, CardState.WITHDRAWN.value)


def new_code() -> str:
    """Seven characters from 31 that cannot be mistaken for each other: 31^7 ≈ 2.8·10^10 codes, so a
    guess hits one of an edition's few hundred cards about once in a hundred million tries."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalised_code(typed: str) -> str:
    """A code as people type it from a card ('abc 23k-9'): upper case, without spaces or dashes."""
    return "".join(ch for ch in str(typed or "").upper() if ch not in " -\t")[:CODE_LENGTH + 4]


def consent_text(scope: Scope | str, locale: str) -> str:
    """The words a person agrees to for one use, in their language: stored with the consent as shown."""
    texts = {
        Scope.PRINT: _l("Dit plaatje (foto, naam en zin) mag gedrukt worden en in de buurt worden uitgedeeld. "
                        "Gedrukte plaatjes kan niemand meer terughalen, ook niet als ik later nee zeg."),
        Scope.ALBUM: _l("Dit plaatje mag in het online album van de buurt staan, voor iedereen te zien. "
                        "Ik kan dit altijd intrekken; dan is het er meteen af."),
        Scope.KIOSK: _l("Dit plaatje mag op het scherm in het Huis van de Wijk komen. "
                        "Ik kan dit altijd intrekken; dan is het er meteen af."),
        Scope.CARD_OF_THE_DAY: _l("Dit plaatje mag als plaatje van de dag op de voorpagina van de buurt staan. "
                                  "Ik kan dit altijd intrekken; dan is het er meteen af."),
    }
    with force_locale(locale if locale in LANGUAGES else "nl"):
        return str(texts[Scope(scope)])


@dataclass(frozen=True)
class CardDetails:
    category_id: int | None
    display_name: str
    line: str
    age: int | None = None
    is_pet: bool = False
    is_child: bool = False
    proposed_category: str = ""   # a new album page the neighbour proposes, instead of category_id


def _checked(details: CardDetails) -> CardDetails:
    name = within_length(details.display_name, DISPLAY_NAME_MAX, CardsError, "display_name")
    if not name:
        raise CardsError(_l("Schrijf de naam die op het plaatje komt: een voornaam of bijnaam."), "display_name")
    line = within_length(details.line, LINE_MAX, CardsError, "line")
    if not line:
        raise CardsError(_l("Schrijf één korte zin voor op het plaatje."), "line")
    if details.age is not None and not 0 <= details.age <= AGE_MAX:
        raise CardsError(_l("Vul een leeftijd in van 0 tot en met %(most)d, of laat het leeg.", most=AGE_MAX), "age")
    if details.is_pet and details.is_child:
        raise CardsError(_l("Een plaatje is van een kind of van een huisdier, niet van allebei."), "is_pet")
    return CardDetails(details.category_id, name, line, details.age, details.is_pet, details.is_child,
                       details.proposed_category.strip())


def _category_for(edition: Edition, details: CardDetails, maker_id: int) -> Category:
    if details.proposed_category:
        from community.cards.editions import CategoryDetails

        try:
            return add_category(edition, CategoryDetails(details.proposed_category), proposed_by_id=maker_id,
                                commit=False)
        except CardsError as error:
            raise CardsError(error.message, "proposed_category") from None
    category = db.session.get(Category, details.category_id or 0)
    if category is None or category.edition_id != edition.id or not category.is_accepted:
        raise CardsError(_l("Kies een bladzijde van het album, of stel er een voor."), "category_id")
    return category


def _check_consent(scopes: list[str], is_child: bool, is_guardian: bool) -> list[str]:
    chosen = [scope.value for scope in Scope if scope.value in scopes]
    if not chosen:
        raise CardsError(_l("Kies minstens één plek waar je plaatje mag komen."), "scopes")
    if is_child and not is_guardian:
        raise CardsError(_l("Alleen een ouder of voogd maakt het plaatje van een kind onder de 16 en geeft "
                            "toestemming. Vink aan dat jij dat bent."), "is_guardian")
    return chosen


def volunteer_card(edition: Edition, details: CardDetails, *, maker, scopes: list[str], locale: str,
                   photo=None, is_guardian: bool = False) -> Card:
    """A new card, sent to the coordinator, with a consent per chosen use (the text as shown, in `locale`)."""
    if edition.state != EditionState.PREPARING.value:
        raise CardsError(_l("Voor deze reeks kun je geen plaatje meer maken."))
    details = _checked(details)
    chosen = _check_consent(scopes, details.is_child, is_guardian)
    card = Card(edition_id=edition.id, category=_category_for(edition, details, maker.id),
                display_name=details.display_name, line=details.line, age=details.age, is_pet=details.is_pet,
                is_child=details.is_child, maker_id=maker.id, photo=photo, state=CardState.SUBMITTED.value,
                submitted_at=utcnow())
    for scope in chosen:
        card.consents.append(_consent(scope, maker.id, locale, details.is_child))
    _add_with_unique_code(card)
    mark_changed(edition.neighbourhood_id, CARDS)
    db.session.commit()
    return card


def _consent(scope: str, by_id: int, locale: str, is_guardian: bool) -> CardConsent:
    locale = locale if locale in LANGUAGES else "nl"
    return CardConsent(scope=scope, granted_by_id=by_id, granted_at=utcnow(), text=consent_text(scope, locale),
                       locale=locale, is_guardian=is_guardian)


def _add_with_unique_code(card: Card, tries: int = 5) -> None:
    """The database keeps codes unique; on the rare clash the card draws again."""
    for _attempt in range(tries):
        card.code = new_code()
        savepoint = db.session.begin_nested()
        try:
            db.session.add(card)
            db.session.flush()
        except IntegrityError:
            savepoint.rollback()
            continue
        savepoint.commit()
        return
    raise CardsError(_l("Dat lukte even niet. Probeer het nog een keer."))


def change_card(card: Card, details: CardDetails, *, photo=None) -> Card:
    """The maker's changes, asked for by the coordinator: back to the coordinator."""
    if card.state not in EDITABLE:
        raise CardsError(_l("Dit plaatje kun je nu niet veranderen."))
    details = _checked(details)
    if not details.proposed_category:
        card.category = _category_for(card.edition, details, card.maker_id)
    card.display_name, card.line, card.age = details.display_name, details.line, details.age
    card.is_pet = details.is_pet
    change_photo(card, photo)  # the photo it replaces goes, its files once this commits
    card.state, card.submitted_at = CardState.SUBMITTED.value, utcnow()
    mark_changed(card.neighbourhood_id, CARDS)
    db.session.commit()
    return card


def grant_consent(card: Card, scope: str, *, by, locale: str) -> CardConsent:
    if card.state in CLOSED:
        raise CardsError(_l("Dit plaatje is niet meer in de reeks."))
    scope = Scope(scope).value
    existing = next((c for c in card.consents if c.scope == scope and c.revoked_at is None), None)
    if existing is not None:  # a second tap gives nothing twice
        return existing
    consent = _consent(scope, by.id, locale, card.is_child)
    card.consents.append(consent)
    mark_changed(card.neighbourhood_id, CARDS)
    db.session.commit()
    return consent


def revoke_consent(card: Card, scope: str, *, by) -> None:
    """Off the album, the screen and the next print run at once; the record of the consent stays. With no
    consent left the card is out of the edition: withdrawn, seen by nobody but its maker."""
    now = utcnow()
    for consent in card.consents:
        if consent.scope == Scope(scope).value and consent.revoked_at is None:
            consent.revoked_at, consent.revoked_by_id = now, by.id
    if not card.consented_scopes():
        card.state, card.withdrawn_at = CardState.WITHDRAWN.value, card.withdrawn_at or now
    mark_changed(card.neighbourhood_id, CARDS)
    db.session.commit()


def withdraw_card(card: Card, *, by) -> None:
    """Every consent back and the card out of the edition (its number stays taken: printed cards keep it)."""
    now = utcnow()
    for consent in card.consents:
        if consent.revoked_at is None:
            consent.revoked_at, consent.revoked_by_id = now, by.id
    card.state, card.withdrawn_at = CardState.WITHDRAWN.value, now
    mark_changed(card.neighbourhood_id, CARDS)
    db.session.commit()


def cards_made_by(user_id: int) -> list[Card]:
    return list(db.session.scalars(select(Card).where(Card.maker_id == user_id).order_by(Card.id.desc())))


def card_in(neighbourhood_id: int, card_id: int) -> Card:
    card = db.session.get(Card, card_id)
    if card is None or card.neighbourhood_id != neighbourhood_id:
        raise NotFound()
    return card


def card_by_code(code: str) -> Card | None:
    code = normalised_code(code)
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return db.session.scalar(select(Card).where(Card.code == code))


def scope_texts(locale: str) -> dict[str, str]:
    return {scope.value: consent_text(scope, locale) for scope in Scope}


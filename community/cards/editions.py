"""Editions and their album pages, run by the neighbourhood's coordinators: starting one, its dates and
state, the story evening and swap afternoons (activities of the agenda), and the categories with a
title per language."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.cards.models import (CATEGORY_STORY_MAX, CATEGORY_TITLE_MAX, EDITION_NAME_MAX, MOST_CARDS, Category,
                                    CategoryTitle, Edition, EditionEvent, EditionState, EventKind)
from community.errors import DomainError, NotFound, within_length
from community.extensions import db
from community.i18n import LANGUAGES
from community.versions import CARDS, mark_changed

MOST_CATEGORIES = 40


class CardsError(DomainError):
    """A rule of Buurtplaatjes was broken; the message says which, in the reader's language."""


@dataclass(frozen=True)
class EditionDetails:
    name: str
    card_count: int
    starts_on: date | None = None
    ends_on: date | None = None


def _checked_edition(details: EditionDetails) -> EditionDetails:
    name = within_length(details.name, EDITION_NAME_MAX, CardsError, "name")
    if not name:
        raise CardsError(_l("Geef de reeks een naam, zoals: Buurtplaatjes De Ruwaard 2027."), "name")
    if not 1 <= int(details.card_count or 0) <= MOST_CARDS:
        raise CardsError(_l("Kies een aantal plaatjes van 1 tot en met %(most)d.", most=MOST_CARDS), "card_count")
    if details.starts_on and details.ends_on and details.ends_on < details.starts_on:
        raise CardsError(_l("De einddatum ligt voor de begindatum."), "ends_on")
    return EditionDetails(name, int(details.card_count), details.starts_on, details.ends_on)


def start_edition(neighbourhood, details: EditionDetails, *, by) -> Edition:
    details = _checked_edition(details)
    edition = Edition(neighbourhood_id=neighbourhood.id, name=details.name, card_count=details.card_count,
                      starts_on=details.starts_on, ends_on=details.ends_on, created_by_id=by.id)
    db.session.add(edition)
    mark_changed(neighbourhood.id, CARDS)
    db.session.commit()
    return edition


def update_edition(edition: Edition, details: EditionDetails, state: str | None = None) -> Edition:
    details = _checked_edition(details)
    edition.name, edition.card_count = details.name, details.card_count
    edition.starts_on, edition.ends_on = details.starts_on, details.ends_on
    if state is not None:
        edition.state = EditionState(state).value
    mark_changed(edition.neighbourhood_id, CARDS)
    db.session.commit()
    return edition


def editions_of(neighbourhood_id: int) -> list[Edition]:
    """Newest first."""
    return list(db.session.scalars(select(Edition).where(Edition.neighbourhood_id == neighbourhood_id)
                                   .order_by(Edition.id.desc())))


def current_edition(neighbourhood_id: int) -> Edition | None:
    """The edition neighbours see first: the newest that is not finished, else the newest."""
    found = editions_of(neighbourhood_id)
    return next((edition for edition in found if edition.state != EditionState.FINISHED.value),
                found[0] if found else None)


def edition_in(neighbourhood_id: int, edition_id: int) -> Edition:
    edition = db.session.get(Edition, edition_id)
    if edition is None or edition.neighbourhood_id != neighbourhood_id:
        raise NotFound()
    return edition


# --- the story evening and the swap afternoons ---------------------------------------------------

def link_activity(edition: Edition, activity_id: int, kind: str) -> EditionEvent:
    """An activity of the neighbourhood's agenda becomes the edition's story evening or a swap afternoon."""
    from community.agenda.models import Activity

    activity = db.session.get(Activity, activity_id) if activity_id else None
    if activity is None or activity.neighbourhood_id != edition.neighbourhood_id:
        raise CardsError(_l("Kies een activiteit uit de agenda van deze buurt."), "activity_id")
    if kind not in {k.value for k in EventKind}:
        raise CardsError(_l("Kies wat voor bijeenkomst het is."), "kind")
    existing = next((event for event in edition.events if event.activity_id == activity_id), None)
    if existing is not None:
        existing.kind = kind
    else:
        existing = EditionEvent(edition_id=edition.id, activity_id=activity_id, kind=kind)
        db.session.add(existing)
    mark_changed(edition.neighbourhood_id, CARDS)
    db.session.commit()
    return existing


def unlink_activity(edition: Edition, event_id: int) -> None:
    event = next((event for event in edition.events if event.id == event_id), None)
    if event is None:
        raise NotFound()
    db.session.delete(event)
    mark_changed(edition.neighbourhood_id, CARDS)
    db.session.commit()


@dataclass(frozen=True)
class LinkedActivity:
    kind: str
    event_id: int
    activity: object
    next_date: object  # the next Occurrence, or None


def linked_activities(edition: Edition, now) -> list[LinkedActivity]:
    """The edition's story evening and swap afternoons, each with its next date in the agenda (or None)."""
    from community.agenda import services as agenda
    from community.agenda.models import Activity

    if not edition.events:
        return []
    ids = [event.activity_id for event in edition.events]
    activities = {a.id: a for a in db.session.scalars(select(Activity).where(Activity.id.in_(ids)))}
    return [LinkedActivity(event.kind, event.id, activities[event.activity_id],
                           agenda.next_occurrence(activities[event.activity_id]))
            for event in sorted(edition.events, key=lambda e: (e.kind, e.id)) if event.activity_id in activities]


# --- album pages ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class CategoryDetails:
    title: str
    locale: str = "nl"
    story: str = ""
    translations: dict[str, str] = field(default_factory=dict)  # locale -> title


def _checked_category(details: CategoryDetails) -> CategoryDetails:
    title = within_length(details.title, CATEGORY_TITLE_MAX, CardsError, "title")
    if not title:
        raise CardsError(_l("Geef de bladzijde een titel, zoals: Mensen die heel hard zingen als ze alleen zijn."),
                         "title")
    locale = details.locale if details.locale in LANGUAGES else "nl"
    story = within_length(details.story, CATEGORY_STORY_MAX, CardsError, "story")
    translations = {code: within_length(text, CATEGORY_TITLE_MAX, CardsError, f"title_{code}")
                    for code, text in details.translations.items() if code in LANGUAGES and code != locale}
    return CategoryDetails(title, locale, story, {code: text for code, text in translations.items() if text})


def add_category(edition: Edition, details: CategoryDetails, *, proposed_by_id: int | None = None,
                 commit: bool = True) -> Category:
    details = _checked_category(details)
    if len(edition.categories) >= MOST_CATEGORIES:
        raise CardsError(_l("Een reeks heeft hoogstens %(most)d bladzijden.", most=MOST_CATEGORIES), "title")
    position = max((c.position for c in edition.categories), default=0) + 1
    category = Category(edition=edition, position=position, title=details.title, locale=details.locale,
                        story=details.story, is_accepted=proposed_by_id is None, proposed_by_id=proposed_by_id)
    _set_translations(category, details.translations)
    db.session.add(category)
    mark_changed(edition.neighbourhood_id, CARDS)
    if commit:
        db.session.commit()
    return category


def update_category(category: Category, details: CategoryDetails) -> Category:
    details = _checked_category(details)
    category.title, category.locale, category.story = details.title, details.locale, details.story
    _set_translations(category, details.translations)
    mark_changed(category.edition.neighbourhood_id, CARDS)
    db.session.commit()
    return category


def _set_translations(category: Category, translations: dict[str, str]) -> None:
    by_locale = {t.locale: t for t in category.translations}
    for code, existing in by_locale.items():
        if code not in translations:
            category.translations.remove(existing)
    for code, text in translations.items():
        if code in by_locale:
            by_locale[code].title = text
        else:
            category.translations.append(CategoryTitle(locale=code, title=text))


def move_category(category: Category, step: int) -> None:
    """One place up (-1) or down (+1) in the album."""
    pages = list(category.edition.categories)
    index = pages.index(category)
    other = index + (1 if step > 0 else -1)
    if 0 <= other < len(pages):
        pages[index].position, pages[other].position = pages[other].position, pages[index].position
        mark_changed(category.edition.neighbourhood_id, CARDS)
        db.session.commit()


def category_in(edition: Edition, category_id: int) -> Category:
    category = db.session.get(Category, category_id)
    if category is None or category.edition_id != edition.id:
        raise NotFound()
    return category


def album_pages(edition: Edition) -> list[Category]:
    """The accepted categories, in album order (a proposed one appears once the coordinator accepts it)."""
    return [category for category in edition.categories if category.is_accepted]

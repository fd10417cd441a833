"""The album as the neighbourhood sees it: an edition's pages, a page, a card, and its photo. Only
cards whose people consented to the online album (community.cards.visibility)."""
from __future__ import annotations

from flask import render_template, send_file
from flask_babel import get_locale
from flask_login import current_user

from community.cards import PREFIX, bp
from community.cards import editions as edition_services
from community.cards.making import card_in
from community.cards.models import Card, Scope
from community.cards.visibility import visible_cards
from community.errors import NotFound
from community.extensions import db
from community.images.services import image_path
from community.neighbourhoods.pages import neighbourhood_view
from community.permissions import can, require
from community.db import utcnow


def album(edition, cards: list[Card]) -> list[tuple]:
    """(page, its cards) for every page of the album, in order."""
    by_page: dict[int, list[Card]] = {}
    for card in cards:
        by_page.setdefault(card.category_id, []).append(card)
    return [(page, by_page.get(page.id, [])) for page in edition_services.album_pages(edition)]


def _edition_page(neighbourhood, edition):
    cards = visible_cards(db.session, edition, Scope.ALBUM) if edition else []
    return render_template(
        "cards/edition.html", neighbourhood=neighbourhood, edition=edition, pages=album(edition, cards) if edition else [],
        shown=len(cards), editions=edition_services.editions_of(neighbourhood.id),
        events=edition_services.linked_activities(edition, utcnow()) if edition else [],
        may_make=edition is not None and edition.state == "preparing" and (
            not current_user.is_authenticated or can(current_user, "make_card", edition)),
        may_manage=can(current_user, "manage_cards", neighbourhood))


@bp.route(f"{PREFIX}/")
@neighbourhood_view("view_cards")
def index(neighbourhood):
    return _edition_page(neighbourhood, edition_services.current_edition(neighbourhood.id))


@bp.route(f"{PREFIX}/reeks/<int:edition_id>/")
@neighbourhood_view("view_cards")
def edition(neighbourhood, edition_id: int):
    return _edition_page(neighbourhood, edition_services.edition_in(neighbourhood.id, edition_id))


@bp.route(f"{PREFIX}/bladzijde/<int:category_id>/")
@neighbourhood_view("view_cards")
def category(neighbourhood, category_id: int):
    from community.cards.models import Category

    page = db.session.get(Category, category_id)
    if page is None or not page.is_accepted or page.edition.neighbourhood_id != neighbourhood.id:
        raise NotFound()
    cards = [card for card in visible_cards(db.session, page.edition, Scope.ALBUM) if card.category_id == page.id]
    return render_template("cards/category.html", neighbourhood=neighbourhood, page=page, edition=page.edition,
                           cards=cards, events=edition_services.linked_activities(page.edition, utcnow()))


@bp.route(f"{PREFIX}/plaatje/<int:card_id>/")
@neighbourhood_view("view_cards")
def card_page(neighbourhood, card_id: int):
    card = card_in(neighbourhood.id, card_id)
    require(current_user, "view_card", card)
    return render_template("cards/card.html", neighbourhood=neighbourhood, card=card, edition=card.edition)


@bp.route(f"{PREFIX}/foto/<int:card_id>/<key>-<any(thumb, small, large):size>.webp")
@neighbourhood_view("view_cards")
def photo(neighbourhood, card_id: int, key: str, size: str):
    """A card's photo: for everyone while the card is shown somewhere public, else only for its maker and
    the coordinators. Browsers ask again each time (no-cache), so a revoked photo is gone at once."""
    card = card_in(neighbourhood.id, card_id)
    if card.photo is None or card.photo.key != key:
        raise NotFound()
    require(current_user, "see_card_photo", card)
    public = can(None, "see_card_photo", card)  # what anyone may see may be kept by a browser (revalidated)
    path = image_path(card.photo, size)
    if not path.is_file():
        raise NotFound()
    response = send_file(path, mimetype="image/webp", max_age=0, conditional=True)
    response.headers["Cache-Control"] = "no-cache" if public else "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.app_template_global()
def card_photo_url(card: Card, size: str = "small") -> str:
    from flask import url_for

    if card.photo is None:
        return ""
    return url_for("cards.photo", slug=_slug_of(card), card_id=card.id, key=card.photo.key, size=size)


def _slug_of(card: Card) -> str:
    from community.neighbourhoods.models import Neighbourhood

    return db.session.get(Neighbourhood, card.neighbourhood_id).slug


@bp.app_template_filter("page_title")
def page_title(category) -> str:
    """An album page's title in the reader's language (or the one it was written in)."""
    return category.title_in(str(get_locale()))


@bp.route(f"{PREFIX}/code/<card_code>")
@neighbourhood_view("view_cards")
def by_code(neighbourhood, card_code: str):
    """Where a printed card's QR code leads (its code is on the card): the card, while it is in the album."""
    from community.cards.making import card_by_code

    card = card_by_code(card_code)
    if card is None or card.neighbourhood_id != neighbourhood.id:
        raise NotFound()
    require(current_user, "view_card", card)
    return render_template("cards/card.html", neighbourhood=neighbourhood, card=card, edition=card.edition)


@bp.app_template_filter("scope_label")
def scope_label(scope: str) -> str:
    try:
        return Scope(scope).label
    except ValueError:
        return scope

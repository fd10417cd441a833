"""Print runs for the coordinator: sheets in the browser (print CSS with @page) and the same as a PDF."""
from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import get_locale
from flask_login import login_required

from community.cards import PREFIX, bp
from community.cards import editions as edition_services
from community.cards import printing
from community.images.services import image_path
from community.neighbourhoods.pages import neighbourhood_view
from community.qr import qr_svg
from community.web import absolute_url, bounded_id


def _run(neighbourhood, edition_id: int):
    """The edition, the page asked for (?bladzijde=, else the whole edition) and its sheets."""
    edition = edition_services.edition_in(neighbourhood.id, edition_id)
    asked = bounded_id(request.args.get("bladzijde", ""))
    page = next((c for c in edition_services.album_pages(edition) if c.id == asked), None)
    cards = printing.cards_to_print(edition, page.id if page else None)
    return edition, page, printing.sheets_of(cards)


def code_url(neighbourhood, card) -> str:
    return absolute_url("cards.by_code", slug=neighbourhood.slug, card_code=card.code)


@bp.route(f"{PREFIX}/reeks/<int:edition_id>/drukken")
@login_required
@neighbourhood_view("manage_cards")
def print_sheets(neighbourhood, edition_id: int):
    edition, page, sheets = _run(neighbourhood, edition_id)
    return render_template("cards/print.html", neighbourhood=neighbourhood, edition=edition, page=page, sheets=sheets,
                           pages=edition_services.album_pages(edition), marks=printing.crop_marks(),
                           qr_of=lambda card: qr_svg(code_url(neighbourhood, card)), layout=printing)


@bp.route(f"{PREFIX}/reeks/<int:edition_id>/drukken.pdf")
@login_required
@neighbourhood_view("manage_cards")
def print_pdf(neighbourhood, edition_id: int):
    edition, page, sheets = _run(neighbourhood, edition_id)
    locale = str(get_locale())
    body = printing.pdf_of(edition, sheets, category_title=lambda card: card.category.title_in(locale),
                           code_url=lambda card: code_url(neighbourhood, card),
                           photo_path=lambda card: image_path(card.photo, "small") if card.photo else None)
    name = f"buurtplaatjes-{edition.id}{f'-{page.id}' if page else ''}.pdf"
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response

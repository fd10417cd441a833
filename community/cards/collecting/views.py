"""Albums: my albums, one album (pages, progress, empty places, doubles), adding a card by its code or
by scanning its QR code, opting in to swapping, and the packs a coordinator counts."""
from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import gettext as _, ngettext
from flask_login import current_user, login_required

from community.cards.collecting import albums, bp, catalogue, packs
from community.cards.collecting.forms import AlbumForm, CodeForm, PackForm, SwappingForm
from community.cards.collecting.models import PACK_PLACE_LABELS, CardAlbum
from community.neighbourhoods.pages import neighbourhood_view
from community.permissions import can, require
from community.web import INVALID, answer_in_place, bounded_id, form_page, isolate, notify, see_other


def load_album(neighbourhood, album_id: int) -> CardAlbum:
    album = albums.album_in(neighbourhood.id, album_id)
    require(current_user, "keep_album", album)
    return album


@bp.route("/", methods=["GET", "POST"])
@login_required
@neighbourhood_view("collect_cards")
def index(neighbourhood):
    editions = catalogue.editions_of(neighbourhood.id)
    form = AlbumForm()
    asked = bounded_id(request.form.get("edition_id")) if form.is_submitted() else None
    if form.validate_on_submit():
        edition = catalogue.edition_in(neighbourhood.id, asked or 0)
        try:
            album = albums.start_album(edition, current_user, form.collector_name.data)
        except albums.CollectingError as error:
            form.collector_name.errors.append(error.message)
        else:
            notify(_("Het album van %(name)s is klaar. Voeg je eerste plaatje toe.", name=isolate(album.collector_name)))
            return see_other("collecting.album", slug=neighbourhood.slug, album_id=album.id)
    mine = albums.albums_of(current_user.id, [edition.id for edition in editions])
    progress = {album.id: albums.collected_counts([album.id], [card.id for card in catalogue.album_cards(
        catalogue.edition(album.edition_id))]).get(album.id, 0) for album in mine}
    totals = {edition.id: len(catalogue.album_cards(edition)) for edition in editions}
    return form_page("cards/collecting/index.html", form, neighbourhood=neighbourhood, editions=editions,
                     albums=mine, progress=progress, totals=totals, asked_edition_id=asked,
                     may_count_packs=can(current_user, "record_packs", neighbourhood))


def _album_context(neighbourhood, album: CardAlbum, code_form: CodeForm | None = None) -> dict:
    return {"neighbourhood": neighbourhood, "album": album, "view": albums.album_view(album),
            "edition": catalogue.edition(album.edition_id), "code_form": code_form or CodeForm(formdata=None),
            "swapping_form": SwappingForm(formdata=None, is_swapping=album.is_swapping)}


@bp.route("/<int:album_id>/")
@login_required
@neighbourhood_view()
def album(neighbourhood, album_id: int):
    item = load_album(neighbourhood, album_id)
    template = "cards/collecting/_album.html" if request.htmx else "cards/collecting/album.html"
    return render_template(template, **_album_context(neighbourhood, item)), 200, {"Vary": "HX-Request"}


@bp.route("/<int:album_id>/add", methods=["POST"])
@login_required
@neighbourhood_view()
def add_card(neighbourhood, album_id: int):
    item = load_album(neighbourhood, album_id)
    form = CodeForm()
    if form.validate_on_submit():
        try:
            card = albums.add_card(item, form.code.data)
        except albums.CollectingError as error:
            form.code.errors.append(error.message)
        else:
            return answer_in_place("cards/collecting/_album.html",
                                   _("%(name)s zit in je album.", name=isolate(card.display_name)),
                                   url_for("collecting.album", slug=neighbourhood.slug, album_id=item.id),
                                   **_album_context(neighbourhood, item))
    template = "cards/collecting/_album.html" if request.htmx else "cards/collecting/album.html"
    return render_template(template, **_album_context(neighbourhood, item, form)), INVALID


@bp.route("/<int:album_id>/swapping", methods=["POST"])
@login_required
@neighbourhood_view()
def swapping(neighbourhood, album_id: int):
    item = load_album(neighbourhood, album_id)
    form = SwappingForm()
    if not form.validate_on_submit():
        return render_template("cards/collecting/album.html", **_album_context(neighbourhood, item)), INVALID
    albums.set_swapping(item, form.is_swapping.data)
    notify(_("Buren kunnen nu met dit album ruilen.") if item.is_swapping
           else _("Dit album doet niet meer mee met ruilen. Buren zien het niet meer."))
    return see_other("collecting.album", slug=neighbourhood.slug, album_id=item.id)


@bp.route("/scan/<scanned_code>")
@login_required
@neighbourhood_view("collect_cards")
def scan(neighbourhood, scanned_code: str):
    """Where a card's QR code leads: which card it is, and a button per album to add it (a GET never adds)."""
    found = [(edition, albums.card_for_code_or_none(edition, scanned_code)) for edition in catalogue.editions_of(neighbourhood.id)]
    found = [(edition, card) for edition, card in found if card is not None]
    if not found:
        return render_template("cards/collecting/scan.html", neighbourhood=neighbourhood, card=None, edition=None,
                               albums=[], code_form=CodeForm(formdata=None)), 404
    edition, card = found[0]
    return render_template("cards/collecting/scan.html", neighbourhood=neighbourhood, card=card, edition=edition,
                           albums=albums.albums_of(current_user.id, [edition.id]),
                           code_form=CodeForm(formdata=None, code=albums.normalised_code(scanned_code)),
                           album_form=AlbumForm(formdata=None))


@bp.route("/packs/<int:edition_id>", methods=["GET", "POST"])
@login_required
@neighbourhood_view("record_packs")
def count_packs(neighbourhood, edition_id: int):
    edition = catalogue.edition_in(neighbourhood.id, edition_id)
    form = PackForm()
    if form.validate_on_submit():
        try:
            packs.record_packs(edition, place_kind=form.place_kind.data, place_name=form.place_name.data,
                               handed_out_on=form.handed_out_on.data, packs=form.packs.data, by=current_user)
        except albums.CollectingError as error:
            getattr(form, error.field_name or "place_name").errors.append(error.message)
        else:
            notify(ngettext("Opgeslagen: %(num)d pakje.", "Opgeslagen: %(num)d pakjes.", form.packs.data))
            return see_other("collecting.count_packs", slug=neighbourhood.slug, edition_id=edition.id)
    return form_page("cards/collecting/packs.html", form, neighbourhood=neighbourhood, edition=edition,
                     rows=packs.pack_counts(edition.id), totals=packs.totals_per_place(edition.id),
                     total=packs.total_packs(edition.id), place_labels=PACK_PLACE_LABELS)

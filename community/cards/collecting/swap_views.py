"""Swapping: my doubles, what I miss and who can swap with me; a swap proposed for a swap afternoon;
its page (the code and QR code on the proposer's phone, the confirmation on the other)."""
from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import format_datetime, gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from community.cards.collecting import bp, catalogue, swaps
from community.cards.collecting.forms import ConfirmForm, ProposeForm
from community.cards.collecting.models import SWAP_STATE_LABELS, CardSwap, SwapState
from community.cards.collecting.views import load_album
from community.neighbourhoods.pages import neighbourhood_view
from community.permissions import can, require
from community.web import INVALID, absolute_url, notify, see_other


def _swap_page_context(neighbourhood, album, form: ProposeForm | None = None) -> dict:
    edition = catalogue.edition(album.edition_id)
    afternoons = swaps.swap_afternoons(edition)
    form = form or ProposeForm(formdata=None)
    form.occurrence.choices = [SelectChoice(occurrence.id, f"{format_datetime(occurrence.starts_at, 'EEEE d MMMM HH:mm')}"
                                                         f" · {occurrence.activity.title}") for occurrence in afternoons]
    return {"neighbourhood": neighbourhood, "album": album, "edition": edition, "wishes": swaps.wishes_of(album),
            "partners": swaps.swap_partners(album) if album.is_swapping else [], "afternoons": afternoons,
            "swaps": swaps.swaps_of(album), "form": form, "state_labels": SWAP_STATE_LABELS}


@bp.route("/<int:album_id>/swap", methods=["GET", "POST"])
@login_required
@neighbourhood_view()
def swap_page(neighbourhood, album_id: int):
    album = load_album(neighbourhood, album_id)
    form = ProposeForm()
    if form.validate_on_submit():
        try:
            swap = swaps.propose_swap(album, form.partner.data or 0, form.occurrence.data)
        except swaps.SwapError as error:
            form.occurrence.errors.append(error.message)
        else:
            notify(_("De ruil staat klaar. Laat op de ruilmiddag de code op je telefoon zien."))
            return see_other("collecting.swap", slug=neighbourhood.slug, swap_id=swap.id)
    context = _swap_page_context(neighbourhood, album, form)
    return render_template("cards/collecting/swap_page.html", **context), INVALID if form.is_submitted() else 200


def load_swap(neighbourhood, swap_id: int, action: str = "take_part_in_swap") -> CardSwap:
    swap = swaps.swap_in([edition.id for edition in catalogue.editions_of(neighbourhood.id)], swap_id)
    require(current_user, action, swap)
    return swap


def _swap_context(neighbourhood, swap: CardSwap, form: ConfirmForm | None = None) -> dict:
    edition = catalogue.edition(swap.edition_id)
    cards = {card.id: card for card in catalogue.album_cards(edition)}
    mine = swap.proposer_album if swap.proposer_album.owner_id == current_user.id else swap.partner_album
    from community.agenda.models import Occurrence
    from community.extensions import db

    return {"neighbourhood": neighbourhood, "swap": swap, "edition": edition, "cards": cards, "mine": mine,
            "occurrence": db.session.get(Occurrence, swap.occurrence_id) if swap.occurrence_id else None,
            "form": form or ConfirmForm(formdata=None, code=request.args.get("code", "")[:10]),
            "may_confirm": can(current_user, "confirm_swap", swap), "state_labels": SWAP_STATE_LABELS,
            "may_show_code": can(current_user, "show_swap_code", swap)}


@bp.route("/swaps/<int:swap_id>")
@login_required
@neighbourhood_view()
def swap(neighbourhood, swap_id: int):
    item = load_swap(neighbourhood, swap_id)
    response = Response(render_template("cards/collecting/swap.html", **_swap_context(neighbourhood, item)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/swaps/<int:swap_id>/confirm", methods=["POST"])
@login_required
@neighbourhood_view()
def confirm(neighbourhood, swap_id: int):
    item = load_swap(neighbourhood, swap_id, "confirm_swap")
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            swaps.confirm_swap(item.id, form.code.data)
        except swaps.AlreadySwapped as done:
            notify(done.message)  # a double tap: the first did it
            return see_other("collecting.swap", slug=neighbourhood.slug, swap_id=item.id)
        except swaps.SwapError as error:
            form.code.errors.append(error.message)
        else:
            notify(_("Geruild! De plaatjes staan in jullie albums."))
            return see_other("collecting.swap", slug=neighbourhood.slug, swap_id=item.id)
    item = load_swap(neighbourhood, swap_id, "confirm_swap")
    return render_template("cards/collecting/swap.html", **_swap_context(neighbourhood, item, form)), INVALID


@bp.route("/swaps/<int:swap_id>/cancel", methods=["POST"])
@login_required
@neighbourhood_view()
def cancel(neighbourhood, swap_id: int):
    item = load_swap(neighbourhood, swap_id)
    try:
        swaps.cancel_swap(item)
    except swaps.SwapError as error:
        notify(error.message, "error")
    else:
        notify(_("De ruil is afgezegd."))
    return see_other("collecting.swap", slug=neighbourhood.slug, swap_id=swap_id)


@bp.route("/swaps/<int:swap_id>/qr.svg")
@login_required
@neighbourhood_view()
def swap_qr(neighbourhood, swap_id: int):
    """The code as a QR code, for the proposer's phone only: it leads the other phone to the swap, code filled in."""
    item = load_swap(neighbourhood, swap_id, "show_swap_code")
    if item.state != SwapState.PROPOSED.value:
        return Response(status=404)
    from segno import make_qr

    from community.qr import svg_of

    url = absolute_url("collecting.swap", slug=neighbourhood.slug, swap_id=item.id, code=item.code)
    response = Response(svg_of(make_qr(url, error="m")), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "no-store"
    return response

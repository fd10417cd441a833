"""The coordinator's own plan behind the map page: upload it, place it by two points, or remove it."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.neighbourhoods.forms import ConfirmForm
from community.neighbourhoods.pages import neighbourhood_view
from community.talents import bp
from community.talents import map_background as backgrounds
from community.talents.forms import MapImageForm, MapPointsForm
from community.talents.services import located_assets
from community.web import INVALID, announce, notify, see_other


@bp.route("/map/background", methods=["GET", "POST"])
@login_required
@neighbourhood_view("place_map_background")
def map_background(neighbourhood):
    background = backgrounds.background_of(neighbourhood.id)
    form = MapPointsForm(data=_points_of(background))
    if background is None:  # points need an image: first that
        return _page(neighbourhood, None, image_form=_image_first() if form.is_submitted() else None), \
            INVALID if form.is_submitted() else 200
    if form.validate_on_submit():
        problems = backgrounds.reference_problems(*form.references(), background.image.width, background.image.height)
        for field_name, message in problems:
            form[field_name].errors.append(message)
        if not problems:
            backgrounds.place_background(neighbourhood, *form.references())
            message = _("De kaart is geplaatst. Kijk op de kaart of de plekken goed staan.")
            if request.htmx:
                return announce(_points_part(neighbourhood, background, form), message)
            notify(message)
            return see_other("talents.map_page", slug=neighbourhood.slug)
    status = INVALID if form.is_submitted() else 200
    if request.htmx:
        return _points_part(neighbourhood, background, form), status
    return _page(neighbourhood, background, points_form=form), status


def _image_first() -> MapImageForm:
    form = MapImageForm(formdata=None)
    form.image.errors = [_("Kies eerst een afbeelding.")]
    return form


@bp.route("/map/background/image", methods=["POST"])
@login_required
@neighbourhood_view("place_map_background")
def map_background_image(neighbourhood):
    form = MapImageForm()
    image, problem = _saved_image(form, neighbourhood) if form.validate_on_submit() else (None, None)
    if image is None:
        form.image.errors = list(form.image.errors) + [problem or _("Kies een afbeelding (JPG, PNG of WebP).")]
        return _page(neighbourhood, backgrounds.background_of(neighbourhood.id), image_form=form), INVALID
    backgrounds.set_background_image(neighbourhood, image)
    notify(_("De afbeelding is opgeslagen. Geef nu twee punten aan."))
    return redirect(url_for("talents.map_background", slug=neighbourhood.slug) + "#points", code=303)


@bp.route("/map/background/remove", methods=["POST"])
@login_required
@neighbourhood_view("place_map_background")
def remove_map_background(neighbourhood):
    if ConfirmForm().validate_on_submit():
        backgrounds.remove_background(neighbourhood)
        notify(_("De eigen kaart is weggehaald."))
    return see_other("talents.map_background", slug=neighbourhood.slug)


def _saved_image(form: MapImageForm, neighbourhood):
    """(image, None), or (None, a message): the image service decodes outside any transaction and
    leaves the row for set_background_image's commit."""
    from community.images import services as images

    if not form.image.data or not getattr(form.image.data, "filename", ""):
        return None, None
    try:
        return images.save_uploaded_image(form.image.data, owner_id=current_user.id,
                                          neighbourhood_id=neighbourhood.id), None
    except images.ImageError as error:
        return None, error.message


def _points_of(background) -> dict | None:
    if background is None or not background.is_placed:
        return None
    return {f"{point}_{part}": getattr(background, f"{point}_{part}")
            for point in ("first", "second") for part in ("x", "y", "latitude", "longitude")}


def _points_part(neighbourhood, background, form):
    return render_template("talents/_map_points.html", neighbourhood=neighbourhood, background=background,
                           points_form=form, located=located_assets(neighbourhood.id))


def _page(neighbourhood, background, *, image_form=None, points_form=None):
    return render_template(
        "talents/map_background.html", neighbourhood=neighbourhood, background=background,
        image_form=image_form or MapImageForm(formdata=None),
        points_form=points_form or MapPointsForm(formdata=None, data=_points_of(background)),
        confirm_form=ConfirmForm(), located=located_assets(neighbourhood.id))

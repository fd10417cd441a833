from __future__ import annotations

from flask import current_app, make_response, redirect, render_template, request, url_for
from babel.dates import get_day_names
from flask_babel import get_locale, gettext as _
from flask_login import current_user, login_required

from community.neighbourhoods.forms import ConfirmForm
from community.neighbourhoods.pages import neighbourhood_view
from community.pagecache import cached_page
from community.permissions import can
from community.security import content_security_policy, tile_origin
from community.talents import bp
from community.talents import map_background as backgrounds
from community.talents import services as talents
from community.talents.forms import AssetForm, ProfileForm
from community.talents.models import ASSET_LABELS, DAYS, PARTS, SKILLS
from community.versions import TALENTS
from community.web import form_page, isolate, notify


@bp.route("/")
@cached_page(TALENTS)
@neighbourhood_view()
def overview(neighbourhood):
    counts = talents.talent_counts(neighbourhood.id)
    return render_template(
        "talents/overview.html", neighbourhood=neighbourhood, skills=SKILLS, asset_labels=ASSET_LABELS,
        counts=sorted(((code, n) for code, n in counts.items() if n), key=lambda item: (-item[1], item[0])),
        people_count=len([1 for n in counts.values() if n]), assets=talents.assets(neighbourhood.id),
        may_see_people=can(current_user, "view_talent_people", neighbourhood),
        waiting_for_confirmation=can(current_user, "keep_talent_profile", neighbourhood)
        and not can(current_user, "view_talent_people", neighbourhood),
        may_keep_profile=can(current_user, "keep_talent_profile", neighbourhood),
        may_manage=can(current_user, "manage_assets", neighbourhood))


@bp.route("/profile", methods=["GET", "POST"])
@login_required
@neighbourhood_view("keep_talent_profile")
def profile(neighbourhood):
    existing = talents.profile_of(current_user.id, neighbourhood.id)
    form = ProfileForm(data=_profile_data(existing) if request.method == "GET" else None)
    if form.validate_on_submit():
        answers = talents.ProfileAnswers(
            skills=list(form.skills.data or []), own_words=form.own_words.data or "", wants=form.wants.data or "",
            needs=form.needs.data or "", free_slots=list(form.free_slots.data or []), visibility=form.visibility.data)
        try:
            talents.save_profile(current_user, neighbourhood, answers)
        except talents.TalentError as error:
            form.skills.errors = list(form.skills.errors) + [error.message]
        else:
            notify(_("Dank je wel! Je talenten staan op de kaart van de buurt."))
            return redirect(url_for("talents.overview", slug=neighbourhood.slug), code=303)
    return form_page("talents/profile.html", form, neighbourhood=neighbourhood, days=_week_days(), parts=PARTS)


def _week_days() -> list[tuple[str, str]]:
    """(full name, Babel's abbreviation) per weekday from Monday: a narrow screen shows the short
    one and keeps the full name for screen readers, so no day is broken in the middle."""
    short = get_day_names("abbreviated", context="stand-alone", locale=get_locale())
    return [(str(name), short[index]) for index, name in enumerate(DAYS)]


def _profile_data(existing) -> dict:
    if existing is None:
        return {"visibility": "neighbourhood"}
    return {"skills": existing.skill_codes, "own_words": existing.own_words, "wants": existing.wants,
            "needs": existing.needs, "visibility": existing.visibility,
            "free_slots": [f"{day}-{part}" for day in range(7) for part in range(3) if existing.is_free(day, part)]}


@bp.route("/skill/<code>")
@login_required
@neighbourhood_view("view_talent_people")
def skill(neighbourhood, code: str):
    if code not in SKILLS:
        return redirect(url_for("talents.overview", slug=neighbourhood.slug), code=303)
    return render_template("talents/skill.html", neighbourhood=neighbourhood, label=SKILLS[code], days=DAYS, parts=PARTS,
                           people=talents.people_with_skill(neighbourhood, code, current_user))


@bp.route("/assets", methods=["GET", "POST"])
@login_required
@neighbourhood_view("manage_assets")
def manage_assets(neighbourhood):
    form = AssetForm()
    if form.validate_on_submit():
        try:
            talents.add_asset(neighbourhood, form.kind.data, form.name.data, form.description.data or "",
                              form.public_contact.data or "", _float_or_none(form.latitude.data),
                              _float_or_none(form.longitude.data))
        except talents.TalentError as error:
            getattr(form, error.field_name or "name").errors.append(error.message)
        else:
            notify(_("%(name)s staat op de kaart.", name=isolate(form.name.data)))
            return redirect(url_for("talents.manage_assets", slug=neighbourhood.slug), code=303)
    return form_page("talents/assets.html", form, neighbourhood=neighbourhood, asset_labels=ASSET_LABELS,
                           assets=talents.assets(neighbourhood.id), delete_form=ConfirmForm())


def _float_or_none(value) -> float | None:
    return float(value) if value is not None else None


@bp.route("/map")
@neighbourhood_view()
def map_page(neighbourhood):
    """Places and organisations on a map: the neighbourhood's own plan when a coordinator placed one,
    else a plan drawn by the server; real map tiles (Leaflet, vendored) only when an admin configured a
    tile server and there is no plan of its own."""
    located = talents.located_assets(neighbourhood.id)
    own_plan = backgrounds.placed_plan(backgrounds.background_of(neighbourhood.id), located)
    tile_url = "" if own_plan else current_app.config["MAP_TILE_URL"]  # the neighbourhood's own plan comes first
    response = make_response(render_template(
        "talents/map.html", neighbourhood=neighbourhood, points=talents.plan(located), asset_labels=ASSET_LABELS,
        plan_size=(talents.PLAN_WIDTH, talents.PLAN_HEIGHT), dot_radius=talents.PLAN_DOT_RADIUS, tile_url=tile_url,
        tile_attribution=current_app.config["MAP_TILE_ATTRIBUTION"], own_plan=own_plan, plan_name=isolate(neighbourhood.name),
        may_place_background=can(current_user, "place_map_background", neighbourhood)))
    if tile_url and located:
        response.headers["Content-Security-Policy"] = content_security_policy((tile_origin(tile_url),))
    return response


@bp.route("/assets/<int:asset_id>/delete", methods=["POST"])
@login_required
@neighbourhood_view("manage_assets")
def delete_asset(neighbourhood, asset_id: int):
    if ConfirmForm().validate_on_submit():
        talents.remove_asset(neighbourhood, asset_id)
        notify(_("Verwijderd van de kaart."))
    return redirect(url_for("talents.manage_assets", slug=neighbourhood.slug), code=303)

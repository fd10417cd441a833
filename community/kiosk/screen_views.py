"""Screens for the coordinator: add one, choose its slides and languages, a message for today, see
when it last checked in, make it reload, give it a new secret address, or remove it."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from flask import request
from flask_babel import gettext as _
from flask_login import login_required

from community import recurrence
from community.db import utcnow
from community.kiosk import bp
from community.kiosk import services as screens
from community.kiosk.forms import ScreenForm
from community.kiosk.models import SLIDES
from community.neighbourhoods.forms import ConfirmForm
from community.neighbourhoods.pages import neighbourhood_view
from community.web import absolute_url, form_page, isolate, notify, see_other


def _settings(form: ScreenForm) -> screens.ScreenSettings:
    until = form.banner_until.data
    return screens.ScreenSettings(
        name=form.name.data, slides=form.slides.data or [], languages=form.languages.data or [],
        banner=form.banner.data or "",
        banner_until=recurrence.to_utc(datetime.combine(until + timedelta(days=1), time.min)) if until else None)


def _list_page(neighbourhood, form: ScreenForm):
    found = screens.screens_of(neighbourhood.id)
    return form_page("kiosk/screens.html", form, neighbourhood=neighbourhood, screens=found,
                     seen=screens.last_seen([s.id for s in found]), now=utcnow(), is_offline=screens.is_offline,
                     address=lambda s: absolute_url("kiosk.screen", token=s.token), confirm_form=ConfirmForm())


@bp.route("/<slug>/coordinator/screens", methods=["GET", "POST"])
@login_required
@neighbourhood_view("manage_screens")
def screens_page(neighbourhood):
    form = ScreenForm()
    if request.method == "GET":
        form.slides.data, form.languages.data = list(SLIDES), ["nl"]
    if form.validate_on_submit():
        try:
            added = screens.add_screen(neighbourhood.id, _settings(form))
        except screens.ScreenError as error:
            getattr(form, error.field_name or "name").errors.append(error.message)
        else:
            notify(_("Scherm %(name)s toegevoegd. Open het adres op het scherm in de hal.", name=isolate(added.name)))
            return see_other("kiosk.screens_page", slug=neighbourhood.slug)
    return _list_page(neighbourhood, form)


@bp.route("/<slug>/coordinator/screens/<int:screen_id>", methods=["GET", "POST"])
@login_required
@neighbourhood_view("manage_screens")
def edit_screen(neighbourhood, screen_id: int):
    item = screens.in_neighbourhood(screen_id, neighbourhood.id)
    form = ScreenForm(obj=None if request.method == "POST" else item)
    if request.method == "GET":
        form.slides.data, form.languages.data = item.slide_list, item.language_list
        form.banner_until.data = (recurrence.to_local(item.banner_until) - timedelta(days=1)).date() \
            if item.banner_until else None
    if form.validate_on_submit():
        try:
            screens.change_screen(item, _settings(form))
        except screens.ScreenError as error:
            getattr(form, error.field_name or "name").errors.append(error.message)
        else:
            notify(_("Opgeslagen. Het scherm laat het binnen een minuut zien."))
            return see_other("kiosk.screens_page", slug=neighbourhood.slug)
    return form_page("kiosk/screen_form.html", form, neighbourhood=neighbourhood, screen=item)


@bp.route("/<slug>/coordinator/screens/<int:screen_id>/<any(reload, new_address, remove):step>", methods=["POST"])
@login_required
@neighbourhood_view("manage_screens")
def screen_step(neighbourhood, screen_id: int, step: str):
    item = screens.in_neighbourhood(screen_id, neighbourhood.id)
    if not ConfirmForm().validate_on_submit():
        return see_other("kiosk.screens_page", slug=neighbourhood.slug)
    name = isolate(item.name)
    if step == "reload":
        screens.ask_to_reload(item)
        message = _("%(name)s laadt zich binnen een minuut opnieuw.", name=name)
    elif step == "new_address":
        screens.new_address(item)
        message = _("%(name)s heeft een nieuw adres. Het oude werkt niet meer: open het nieuwe op het scherm.",
                    name=name)
    else:
        screens.remove_screen(item)
        message = _("%(name)s is weggehaald. Het scherm toont nu een leeg beeld.", name=name)
    notify(message)
    return see_other("kiosk.screens_page", slug=neighbourhood.slug)

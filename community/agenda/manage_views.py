"""Running the agenda: activities and their series, one date changed or cancelled, participants
and who was there."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

from flask import Response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from community import recurrence
from community.agenda import bp
from community.agenda import services as agenda
from community.agenda.forms import ActivityForm, CancelOccurrenceForm, ChangeOccurrenceForm
from community.agenda.models import Activity
from community.extensions import db
from community.images.forms import save_with_photo
from community.neighbourhoods.pages import neighbourhood_view
from community.neighbourhoods.forms import ConfirmForm
from community.permissions import can
from community.web import answer_in_place, form_page, invalid_form, isolate, notify

from community.agenda.views import load_activity, load_occurrence, sign_up_state


# --- running the agenda -------------------------------------------------------------------

def _room_choices(neighbourhood) -> list[SelectChoice]:
    rooms = neighbourhood.house.rooms if neighbourhood.house else []
    return [SelectChoice("", _("Geen vaste ruimte"))] + [SelectChoice(room.id, room.name) for room in rooms]


def _organiser_choices(neighbourhood) -> list[SelectChoice]:
    from community.accounts.models import User
    from community.neighbourhoods.models import Membership

    people = db.session.execute(
        select(User.id, User.display_name).join(Membership).where(Membership.neighbourhood_id == neighbourhood.id,
                                                                  Membership.role == "resident")
        .order_by(User.display_name).limit(1000)).all()
    return [SelectChoice("", _("Geen (de buurtregisseurs)"))] + [SelectChoice(p.id, p.display_name) for p in people]


def _activity_form(neighbourhood, activity: Activity | None = None, **kwargs) -> ActivityForm:
    form = ActivityForm(obj=activity, **kwargs)
    form.room_id.choices = _room_choices(neighbourhood)
    if can(current_user, "view_members", neighbourhood):
        form.organiser_id.choices = _organiser_choices(neighbourhood)
    else:  # an organiser who is a resident keeps the activity and is not shown the list of residents
        organiser = activity.organiser if activity else None
        form.organiser_id.choices = [SelectChoice(organiser.id, organiser.display_name)] if organiser else []
        form.organiser_id.data = organiser.id if organiser else None
    return form


def _saved(neighbourhood, form: ActivityForm, save) -> Activity | None:
    """The activity saved by `save(details)`, or None with the reason on the form (see save_with_photo)."""
    return save_with_photo(form, lambda photo: save(_details_from(form, photo)), agenda.AgendaError,
                           owner_id=current_user.id, neighbourhood_id=neighbourhood.id)


def _details_from(form: ActivityForm, photo=None) -> agenda.ActivityDetails:
    return agenda.ActivityDetails(
        title=form.title.data, description=form.description.data or "", kind=form.kind.data,
        room_id=form.room_id.data, organiser_id=form.organiser_id.data,
        cost_cents=int((form.cost.data or 0) * 100), needs_signup=bool(form.needs_signup.data),
        capacity=form.capacity.data, languages=list(form.languages.data or []), first_date=form.first_date.data,
        start_time=form.start_time.data, duration_minutes=form.duration_minutes.data, pattern=form.pattern.data,
        until_date=form.until_date.data, photo=form.photo_change(photo),
    )


@bp.route("/new", methods=["GET", "POST"])
@neighbourhood_view("manage_agenda")
@login_required
def new_activity(neighbourhood):
    form = _activity_form(neighbourhood)
    if request.method == "GET":
        form.first_date.data = recurrence.local_today() + timedelta(days=1)
    if form.validate_on_submit() and (activity := _saved(
            neighbourhood, form, lambda details: agenda.create_activity(neighbourhood, details))):
        notify(_("%(title)s staat in de agenda.", title=isolate(activity.title)))
        return redirect(url_for("agenda.series", slug=neighbourhood.slug, activity_id=activity.id), code=303)
    return form_page("agenda/activity_form.html", form, neighbourhood=neighbourhood, activity=None)


@bp.route("/series/<int:activity_id>/edit", methods=["GET", "POST"])
@neighbourhood_view()
@login_required
def edit_activity(neighbourhood, activity_id: int):
    activity = load_activity(neighbourhood, activity_id, "edit_activity")
    form = _activity_form(neighbourhood, activity, data=None if request.method == "POST" else {
        "cost": activity.cost_cents / 100, "languages": activity.language_codes,
        "pattern": recurrence.pattern_of(activity.rrule)})
    if form.validate_on_submit() and _saved(neighbourhood, form, lambda details: agenda.update_activity(activity, details)):
        notify(_("%(title)s is opgeslagen.", title=isolate(activity.title)))
        return redirect(url_for("agenda.series", slug=neighbourhood.slug, activity_id=activity.id), code=303)
    return form_page("agenda/activity_form.html", form, neighbourhood=neighbourhood, activity=activity,
                           pause_form=ConfirmForm())


@bp.route("/series/<int:activity_id>/pause", methods=["POST"])
@neighbourhood_view()
@login_required
def toggle_pause(neighbourhood, activity_id: int):
    activity = load_activity(neighbourhood, activity_id, "edit_activity")
    agenda.set_paused(activity, not activity.is_paused)
    notify(_("%(title)s is gepauzeerd.", title=isolate(activity.title)) if activity.is_paused
           else _("%(title)s staat weer in de agenda.", title=isolate(activity.title)))
    return redirect(url_for("agenda.edit_activity", slug=neighbourhood.slug, activity_id=activity.id), code=303)


@bp.route("/<int:occurrence_id>/change", methods=["GET", "POST"])
@neighbourhood_view()
@login_required
def change_occurrence(neighbourhood, occurrence_id: int):
    item = load_occurrence(neighbourhood, occurrence_id, "manage_occurrence")
    local = recurrence.to_local(item.starts_at)
    form = ChangeOccurrenceForm(data={
        "date": local.date(), "start_time": local.time(), "room_id": item.room_id, "note": item.note,
        "duration_minutes": int((item.ends_at - item.starts_at).total_seconds() // 60)})
    form.room_id.choices = _room_choices(neighbourhood)
    if form.validate_on_submit():
        new_start = recurrence.to_utc(datetime.combine(form.date.data, form.start_time.data))
        try:
            agenda.change_occurrence(item, new_start=new_start, duration_minutes=form.duration_minutes.data,
                                     room_id=form.room_id.data, note=form.note.data or "")
        except agenda.AgendaError as error:
            db.session.rollback()
            getattr(form, error.field_name or "room_id").errors.append(error.message)
        else:
            notify(_("De datum is gewijzigd."))
            return redirect(url_for("agenda.occurrence", slug=neighbourhood.slug, occurrence_id=item.id), code=303)
    return form_page("agenda/change_occurrence.html", form, neighbourhood=neighbourhood, occurrence=item)


@bp.route("/<int:occurrence_id>/cancel", methods=["POST"])
@neighbourhood_view()
@login_required
def cancel_occurrence(neighbourhood, occurrence_id: int):
    item = load_occurrence(neighbourhood, occurrence_id, "manage_occurrence")
    form = CancelOccurrenceForm()
    if not form.validate_on_submit():
        return invalid_form("agenda/occurrence.html", neighbourhood=neighbourhood, occurrence=item,
                            cancel_form=form, **sign_up_state(item))
    try:
        told = agenda.cancel_occurrence(item, form.reason.data)
    except agenda.AgendaError as error:
        notify(error.message, "error")
    else:
        notify(_("Afgelast. %(count)d aangemelde mensen krijgen een e-mail.", count=told))
    return redirect(url_for("agenda.occurrence", slug=neighbourhood.slug, occurrence_id=item.id), code=303)


@bp.route("/<int:occurrence_id>/restore", methods=["POST"])
@neighbourhood_view()
@login_required
def restore_occurrence(neighbourhood, occurrence_id: int):
    item = load_occurrence(neighbourhood, occurrence_id, "manage_occurrence")
    agenda.restore_occurrence(item)
    notify(_("De activiteit gaat toch door."))
    return redirect(url_for("agenda.occurrence", slug=neighbourhood.slug, occurrence_id=item.id), code=303)


@bp.route("/<int:occurrence_id>/participants")
@neighbourhood_view()
@login_required
def participants(neighbourhood, occurrence_id: int):
    item = load_occurrence(neighbourhood, occurrence_id, "view_participants")
    return render_template("agenda/participants.html", neighbourhood=neighbourhood, occurrence=item,
                           people=agenda.participants(item))


@bp.route("/<int:occurrence_id>/participants.csv")
@neighbourhood_view()
@login_required
def participants_csv(neighbourhood, occurrence_id: int):
    item = load_occurrence(neighbourhood, occurrence_id, "view_participants")
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([_("Naam"), _("Status"), _("Aangemeld op"), _("Aanwezig")])
    for person in agenda.participants(item):
        writer.writerow([_spreadsheet_safe(person.user.display_name), _status_label(person.status),
                         recurrence.to_local(person.created_at).strftime("%Y-%m-%d %H:%M"),
                         _("ja") if person.is_attended else _("nee")])
    response = Response(output.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="deelnemers-{item.id}.csv"'
    return response


def _spreadsheet_safe(text: str) -> str:
    """A name starting with = + - @ would be a formula in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _status_label(status: str) -> str:
    return _("aangemeld") if status == "confirmed" else _("wachtlijst")


@bp.route("/<int:occurrence_id>/participants/<int:sign_up_id>/attendance", methods=["POST"])
@neighbourhood_view()
@login_required
def attendance(neighbourhood, occurrence_id: int, sign_up_id: int):
    item = load_occurrence(neighbourhood, occurrence_id, "view_participants")
    person = agenda.set_attendance(item, sign_up_id, request.form.get("attended") == "1")
    message = (_("%(name)s is er.", name=isolate(person.user.display_name)) if person.is_attended
               else _("%(name)s is er niet.", name=isolate(person.user.display_name)))
    return answer_in_place("agenda/_attendance.html", message,
                           url_for("agenda.participants", slug=neighbourhood.slug, occurrence_id=item.id),
                           neighbourhood=neighbourhood, occurrence=item, person=person)

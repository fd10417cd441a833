from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import qrcode
import qrcode.image.svg
from flask import Response, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext as _
from markupsafe import Markup
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from community import recurrence
from community.agenda import bp, feeds, feeds_bp
from community.agenda import services as agenda
from community.agenda.forms import ActivityForm, CancelOccurrenceForm, ChangeOccurrenceForm, FilterForm
from community.agenda.models import Activity, Occurrence
from community.extensions import cache, db
from community.neighbourhoods import services as neighbourhoods
from community.neighbourhoods.forms import ConfirmForm
from community.permissions import can, require
from community.versions import AGENDA, version_of
from community.web import absolute_url, announce, bounded_id, form_page, invalid_form, notify

DAYS_IN_WEEK = 7


def _occurrence(slug: str, occurrence_id: int, action: str | None = None):
    """The neighbourhood and one of its dates (404 if it is another's), checked for `action`."""
    neighbourhood = neighbourhoods.get_by_slug_or_404(slug)
    item = agenda.occurrence_in_neighbourhood_or_404(neighbourhood, occurrence_id)
    if action:
        require(current_user, action, item)
    return neighbourhood, item


def _activity(slug: str, activity_id: int, action: str | None = None):
    neighbourhood = neighbourhoods.get_by_slug_or_404(slug)
    activity = agenda.activity_in_neighbourhood_or_404(neighbourhood, activity_id)
    if action:
        require(current_user, action, activity)
    return neighbourhood, activity


# --- reading ------------------------------------------------------------------------------

@bp.route("/")
def week(slug: str):
    neighbourhood = neighbourhoods.get_by_slug_or_404(slug)
    first_day = _week_from(request.args.get("week"))
    filter_form = FilterForm(request.args)
    agenda_filter = agenda.AgendaFilter(kind=_known(filter_form.kind), language=_known(filter_form.language),
                                        free_only=bool(filter_form.free.data), walk_in_only=bool(filter_form.walk_in.data))
    results = _week_results(neighbourhood, first_day, agenda_filter)
    if request.htmx:
        return results
    return render_template(
        "agenda/week.html", neighbourhood=neighbourhood, filter_form=filter_form, results=results,
        prev_url=_week_url(slug, first_day - timedelta(days=DAYS_IN_WEEK), filter_form),
        next_url=_week_url(slug, first_day + timedelta(days=DAYS_IN_WEEK), filter_form),
        this_week_url=_week_url(slug, recurrence.week_start(recurrence.local_today()), filter_form),
        is_this_week=first_day == recurrence.week_start(recurrence.local_today()),
        first_day=first_day, agenda_filter=agenda_filter, can_manage=can(current_user, "manage_agenda", neighbourhood),
    )


def _known(field) -> str:
    """A filter value from the field's own choices, else none: only known values reach the
    database and the cache key (random ?kind= values would each make a new cache entry)."""
    value = field.data or ""
    return value if value in {str(choice.value) for choice in field.iter_choices()} else ""


def _week_results(neighbourhood, first_day: date, agenda_filter: agenda.AgendaFilter) -> Markup:
    """The list of the week, cached until anything in the neighbourhood's agenda changes
    (its data version is part of the key) or the day turns ('today' is marked)."""
    user_id = getattr(current_user, "id", None) or 0
    today = recurrence.local_today()
    key = ":".join(str(part) for part in (
        "agenda-week", neighbourhood.id, version_of(neighbourhood.id, AGENDA), get_locale(), user_id, today, first_day,
        agenda_filter.kind, agenda_filter.language, agenda_filter.free_only, agenda_filter.walk_in_only))
    html = cache.get(key)
    if html is None:
        occurrences = agenda.occurrences_between(neighbourhood.id, first_day, DAYS_IN_WEEK, agenda_filter)
        html = render_template(
            "agenda/_week_results.html", neighbourhood=neighbourhood, first_day=first_day, today=today,
            days=agenda.group_by_day(occurrences, first_day, DAYS_IN_WEEK), agenda_filter=agenda_filter,
            mine=agenda.my_sign_ups_for(user_id, [o.id for o in occurrences]))
        cache.set(key, html)
    return Markup(html)


def _week_url(slug: str, first_day: date, filter_form: FilterForm) -> str:
    """Another week, with the same filter (only the filter's own values are carried over)."""
    args = {field.name: request.args[field.name] for field in filter_form if field.name in request.args}
    return url_for("agenda.week", slug=slug, week=first_day.isoformat(), **args)


def _week_from(value: str | None) -> date:
    """The week asked for (?week=), or this week; one outside the weeks shown becomes the nearest inside."""
    try:
        chosen = date.fromisoformat(value) if value else recurrence.local_today()
    except ValueError:
        chosen = recurrence.local_today()
    return recurrence.week_start(recurrence.week_window().clamp(chosen))


@bp.route("/<int:occurrence_id>")
def occurrence(slug: str, occurrence_id: int):
    neighbourhood, item = _occurrence(slug, occurrence_id)
    return render_template("agenda/occurrence.html", neighbourhood=neighbourhood, occurrence=item,
                           **_sign_up_state(item), cancel_form=CancelOccurrenceForm(formdata=None))


def _sign_up_state(item: Occurrence) -> dict:
    user_id = getattr(current_user, "id", None)
    sign_up = agenda.my_sign_ups_for(user_id, [item.id]).get(item.id)
    return {
        "sign_up": sign_up,
        "position": agenda.waitlist_position(sign_up) if sign_up else None,
        "standing": bool(user_id) and agenda.has_standing_sign_up(item.activity_id, user_id),
        "open": agenda.can_still_sign_up(item),
    }


@bp.route("/series/<int:activity_id>")
def series(slug: str, activity_id: int):
    neighbourhood, activity = _activity(slug, activity_id)
    upcoming = agenda.next_occurrence(activity)
    if upcoming is None:
        notify(_("%(title)s heeft geen nieuwe datums.", title=activity.title), "info")
        return redirect(url_for("agenda.week", slug=slug), code=303)
    return redirect(url_for("agenda.occurrence", slug=slug, occurrence_id=upcoming.id), code=303)


@bp.route("/mine")
@login_required
def mine(slug: str):
    neighbourhood = neighbourhoods.get_by_slug_or_404(slug)
    sign_ups = agenda.my_coming_sign_ups(current_user.id)
    token = agenda.existing_feed_token(current_user)
    feed_url = absolute_url("calendar.private_feed", token=token) if token else None
    return render_template("agenda/mine.html", neighbourhood=neighbourhood, sign_ups=sign_ups, feed_url=feed_url,
                           renew_form=ConfirmForm())


@bp.route("/mine/feed", methods=["POST"])
@login_required
def renew_feed(slug: str):
    neighbourhoods.get_by_slug_or_404(slug)
    had_one = agenda.existing_feed_token(current_user) is not None
    agenda.feed_token_for(current_user, renew=True)
    notify(_("Je agenda-link is vernieuwd. De oude link werkt niet meer.") if had_one
           else _("Je agenda-link is klaar."))
    return redirect(url_for("agenda.mine", slug=slug), code=303)


# --- signing up ---------------------------------------------------------------------------

def _sign_up_widget(slug: str, item: Occurrence, message: str):
    db.session.expire_all()
    item = db.session.get(Occurrence, item.id)
    neighbourhood = neighbourhoods.get_by_slug_or_404(slug)
    if request.htmx:
        body = render_template("agenda/_sign_up.html", neighbourhood=neighbourhood, occurrence=item, **_sign_up_state(item))
        return announce(body, message)
    notify(message)
    return redirect(url_for("agenda.occurrence", slug=slug, occurrence_id=item.id), code=303)


@bp.route("/<int:occurrence_id>/signup", methods=["POST"])
@login_required
def sign_up(slug: str, occurrence_id: int):
    neighbourhood, item = _occurrence(slug, occurrence_id, "sign_up")
    try:
        result = agenda.sign_up_for_occurrence(item.id, current_user.id)
    except agenda.AgendaError as error:
        return _sign_up_widget(slug, item, error.message)
    if result.status == "confirmed":
        message = _("Je bent aangemeld voor %(title)s.", title=item.activity.title)
    else:
        message = _("Het is vol. Je staat op de wachtlijst voor %(title)s.", title=item.activity.title)
    return _sign_up_widget(slug, item, message)


@bp.route("/<int:occurrence_id>/cancel-signup", methods=["POST"])
@login_required
def cancel_sign_up(slug: str, occurrence_id: int):
    neighbourhood, item = _occurrence(slug, occurrence_id)
    agenda.cancel_sign_up(item.id, current_user.id)
    return _sign_up_widget(slug, item, _("Je bent afgemeld voor %(title)s.", title=item.activity.title))


@bp.route("/series/<int:activity_id>/join", methods=["POST"])
@login_required
def join_series(slug: str, activity_id: int):
    neighbourhood, activity = _activity(slug, activity_id)
    try:
        count = agenda.join_series(activity, current_user.id)
    except agenda.AgendaError as error:
        return _back_to_series(slug, activity, error.message)
    return _back_to_series(slug, activity, _("Je bent aangemeld voor elke keer %(title)s (%(count)d datums).",
                                             title=activity.title, count=count))


@bp.route("/series/<int:activity_id>/leave", methods=["POST"])
@login_required
def leave_series(slug: str, activity_id: int):
    neighbourhood, activity = _activity(slug, activity_id)
    agenda.leave_series(activity, current_user.id)
    return _back_to_series(slug, activity, _("Je bent afgemeld voor alle komende keren van %(title)s.", title=activity.title))


def _back_to_series(slug: str, activity: Activity, message: str):
    occurrence_id = bounded_id(request.form.get("occurrence_id"))
    item = db.session.get(Occurrence, occurrence_id) if occurrence_id else None
    if item is not None and item.activity_id == activity.id:
        return _sign_up_widget(slug, item, message)
    notify(message)
    return redirect(url_for("agenda.series", slug=slug, activity_id=activity.id), code=303)


# --- calendars and the poster ---------------------------------------------------------------

def _ics(body: bytes, filename: str) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _series_with_dates(neighbourhood, activities: list[Activity]):
    ids = [activity.id for activity in activities]
    rows = db.session.scalars(select(Occurrence).where(Occurrence.activity_id.in_(ids))
                              .order_by(Occurrence.starts_at)).all() if ids else []
    by_activity: dict[int, list[Occurrence]] = {activity_id: [] for activity_id in ids}
    for row in rows:
        by_activity[row.activity_id].append(row)
    return [(activity, by_activity[activity.id]) for activity in activities]


@bp.route("/series/<int:activity_id>.ics")
def series_ics(slug: str, activity_id: int):
    neighbourhood, activity = _activity(slug, activity_id)
    body = feeds.series_calendar(activity.title, _series_with_dates(neighbourhood, [activity]), slug, neighbourhood.house)
    return _ics(body, f"activiteit-{activity.id}.ics")


@bp.route("/feed.ics")
def neighbourhood_feed(slug: str):
    neighbourhood = neighbourhoods.get_by_slug_or_404(slug)
    activities = db.session.scalars(select(Activity).where(Activity.neighbourhood_id == neighbourhood.id,
                                                           Activity.is_paused.is_(False)).order_by(Activity.id)).all()
    name = _("Agenda %(name)s", name=neighbourhood.name)
    body = feeds.series_calendar(name, _series_with_dates(neighbourhood, activities), slug, neighbourhood.house)
    return _ics(body, f"{slug}.ics")


@feeds_bp.route("/<token>.ics")
def private_feed(token: str):
    user = agenda.user_for_feed_token(token)
    if user is None:
        return Response(_("Deze agenda-link bestaat niet (meer)."), status=404, mimetype="text/plain")
    dates = []
    for sign_up in agenda.my_coming_sign_ups(user.id):
        home = db.session.get(neighbourhoods.Neighbourhood, sign_up.slot.neighbourhood_id)
        dates.append((sign_up.slot, home.slug, home.house))
    return _ics(feeds.sign_ups_calendar(_("Mijn Buurtkracht-agenda"), dates), "mijn-agenda.ics")


@bp.route("/poster")
def poster(slug: str):
    neighbourhood = neighbourhoods.get_by_slug_or_404(slug)
    first_day = _week_from(request.args.get("week"))
    occurrences = agenda.occurrences_between(neighbourhood.id, first_day, DAYS_IN_WEEK, include_cancelled=False)
    return render_template("agenda/poster.html", neighbourhood=neighbourhood, first_day=first_day,
                           days=agenda.group_by_day(occurrences, first_day, DAYS_IN_WEEK),
                           agenda_url=absolute_url("agenda.week", slug=slug))


@bp.route("/qr.svg")
def qr_code(slug: str):
    neighbourhoods.get_by_slug_or_404(slug)
    image = qrcode.make(absolute_url("agenda.week", slug=slug), image_factory=qrcode.image.svg.SvgPathImage,
                        box_size=10, border=2)
    response = Response(image.to_string(encoding="unicode"), mimetype="image/svg+xml")
    response.cache_control.max_age = 86400
    return response


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


def _details_from(form: ActivityForm) -> agenda.ActivityDetails:
    return agenda.ActivityDetails(
        title=form.title.data, description=form.description.data or "", kind=form.kind.data,
        room_id=form.room_id.data, organiser_id=form.organiser_id.data,
        cost_cents=int((form.cost.data or 0) * 100), needs_signup=bool(form.needs_signup.data),
        capacity=form.capacity.data, languages=list(form.languages.data or []), first_date=form.first_date.data,
        start_time=form.start_time.data, duration_minutes=form.duration_minutes.data, pattern=form.pattern.data,
        until_date=form.until_date.data,
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_activity(slug: str):
    neighbourhood = neighbourhoods.get_by_slug_or_404(slug)
    require(current_user, "manage_agenda", neighbourhood)
    form = _activity_form(neighbourhood)
    if request.method == "GET":
        form.first_date.data = recurrence.local_today() + timedelta(days=1)
    if form.validate_on_submit():
        try:
            activity = agenda.create_activity(neighbourhood, _details_from(form))
        except agenda.AgendaError as error:
            getattr(form, error.field_name or "title").errors.append(error.message)
        else:
            notify(_("%(title)s staat in de agenda.", title=activity.title))
            return redirect(url_for("agenda.series", slug=slug, activity_id=activity.id), code=303)
    return form_page("agenda/activity_form.html", form, neighbourhood=neighbourhood, activity=None)


@bp.route("/series/<int:activity_id>/edit", methods=["GET", "POST"])
@login_required
def edit_activity(slug: str, activity_id: int):
    neighbourhood, activity = _activity(slug, activity_id, "edit_activity")
    form = _activity_form(neighbourhood, activity, data=None if request.method == "POST" else {
        "cost": activity.cost_cents / 100, "languages": activity.language_codes,
        "pattern": recurrence.pattern_of(activity.rrule)})
    if form.validate_on_submit():
        try:
            agenda.update_activity(activity, _details_from(form))
        except agenda.AgendaError as error:
            db.session.rollback()
            getattr(form, error.field_name or "title").errors.append(error.message)
        else:
            notify(_("%(title)s is opgeslagen.", title=activity.title))
            return redirect(url_for("agenda.series", slug=slug, activity_id=activity.id), code=303)
    return form_page("agenda/activity_form.html", form, neighbourhood=neighbourhood, activity=activity,
                           pause_form=ConfirmForm())


@bp.route("/series/<int:activity_id>/pause", methods=["POST"])
@login_required
def toggle_pause(slug: str, activity_id: int):
    neighbourhood, activity = _activity(slug, activity_id, "edit_activity")
    agenda.set_paused(activity, not activity.is_paused)
    notify(_("%(title)s is gepauzeerd.", title=activity.title) if activity.is_paused
           else _("%(title)s staat weer in de agenda.", title=activity.title))
    return redirect(url_for("agenda.edit_activity", slug=slug, activity_id=activity.id), code=303)


@bp.route("/<int:occurrence_id>/change", methods=["GET", "POST"])
@login_required
def change_occurrence(slug: str, occurrence_id: int):
    neighbourhood, item = _occurrence(slug, occurrence_id, "manage_occurrence")
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
            return redirect(url_for("agenda.occurrence", slug=slug, occurrence_id=item.id), code=303)
    return form_page("agenda/change_occurrence.html", form, neighbourhood=neighbourhood, occurrence=item)


@bp.route("/<int:occurrence_id>/cancel", methods=["POST"])
@login_required
def cancel_occurrence(slug: str, occurrence_id: int):
    neighbourhood, item = _occurrence(slug, occurrence_id, "manage_occurrence")
    form = CancelOccurrenceForm()
    if not form.validate_on_submit():
        return invalid_form("agenda/occurrence.html", neighbourhood=neighbourhood, occurrence=item,
                            cancel_form=form, **_sign_up_state(item))
    try:
        told = agenda.cancel_occurrence(item, form.reason.data)
    except agenda.AgendaError as error:
        notify(error.message, "error")
    else:
        notify(_("Afgelast. %(count)d aangemelde mensen krijgen een e-mail.", count=told))
    return redirect(url_for("agenda.occurrence", slug=slug, occurrence_id=item.id), code=303)


@bp.route("/<int:occurrence_id>/restore", methods=["POST"])
@login_required
def restore_occurrence(slug: str, occurrence_id: int):
    neighbourhood, item = _occurrence(slug, occurrence_id, "manage_occurrence")
    agenda.restore_occurrence(item)
    notify(_("De activiteit gaat toch door."))
    return redirect(url_for("agenda.occurrence", slug=slug, occurrence_id=item.id), code=303)


@bp.route("/<int:occurrence_id>/participants")
@login_required
def participants(slug: str, occurrence_id: int):
    neighbourhood, item = _occurrence(slug, occurrence_id, "view_participants")
    return render_template("agenda/participants.html", neighbourhood=neighbourhood, occurrence=item,
                           people=agenda.participants(item))


@bp.route("/<int:occurrence_id>/participants.csv")
@login_required
def participants_csv(slug: str, occurrence_id: int):
    neighbourhood, item = _occurrence(slug, occurrence_id, "view_participants")
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
@login_required
def attendance(slug: str, occurrence_id: int, sign_up_id: int):
    neighbourhood, item = _occurrence(slug, occurrence_id, "view_participants")
    person = agenda.set_attendance(item, sign_up_id, request.form.get("attended") == "1")
    message = (_("%(name)s is er.", name=person.user.display_name) if person.is_attended
               else _("%(name)s is er niet.", name=person.user.display_name))
    if request.htmx:
        return announce(render_template("agenda/_attendance.html", neighbourhood=neighbourhood, occurrence=item,
                                        person=person), message)
    notify(message)
    return redirect(url_for("agenda.participants", slug=slug, occurrence_id=item.id), code=303)

from __future__ import annotations

from datetime import date, timedelta

from flask import redirect, render_template, request, url_for
from flask_babel import get_locale, gettext as _, ngettext
from markupsafe import Markup
from flask_login import current_user, login_required

from community import recurrence
from community.agenda import bp
from community.agenda import services as agenda
from community.agenda.forms import CancelOccurrenceForm, FilterForm
from community.agenda.month import month_value
from community.agenda.models import Activity, Occurrence
from community.agenda.my_agenda import my_agenda, short_date
from community.extensions import cache, db
from community.neighbourhoods import services as neighbourhoods
from community.neighbourhoods.forms import ConfirmForm
from community.neighbourhoods.pages import neighbourhood_view
from community.pagecache import cached_page
from community.permissions import can, require
from community.versions import AGENDA, version_of
from community.web import absolute_url, answer_in_place, bounded_id, isolate, notify

DAYS_IN_WEEK = 7
SIGN_UP_STATE_CHANGES = timedelta(minutes=5)  # an activity page shows whether it has started, so sign-up is closed


def load_occurrence(neighbourhood, occurrence_id: int, action: str | None = None):
    """The neighbourhood and one of its dates (404 if it is another's), checked for `action`."""
    item = neighbourhoods.in_neighbourhood(Occurrence, occurrence_id, neighbourhood)
    if action:
        require(current_user, action, item)
    return item


def load_activity(neighbourhood, activity_id: int, action: str | None = None):
    activity = neighbourhoods.in_neighbourhood(Activity, activity_id, neighbourhood)
    if action:
        require(current_user, action, activity)
    return activity


# --- reading ------------------------------------------------------------------------------

@bp.route("/")
@cached_page(AGENDA, shareable=lambda args: set(args) == {"week"} and week_from(args["week"]).isoformat() == args["week"])
@neighbourhood_view()
def week(neighbourhood):
    first_day = week_from(request.args.get("week"))
    filter_form = FilterForm(request.args)
    agenda_filter = filter_from(filter_form)
    results = _week_results(neighbourhood, first_day, agenda_filter)
    if request.htmx:
        return results
    month_shown = (first_day + timedelta(days=3)).replace(day=1)  # the month that has most of the week
    return render_template(
        "agenda/week.html", neighbourhood=neighbourhood, filter_form=filter_form, results=results,
        prev_url=_week_url(neighbourhood, first_day - timedelta(days=DAYS_IN_WEEK), filter_form),
        next_url=_week_url(neighbourhood, first_day + timedelta(days=DAYS_IN_WEEK), filter_form),
        this_week_url=_week_url(neighbourhood, recurrence.week_start(recurrence.local_today()), filter_form),
        is_this_week=first_day == recurrence.week_start(recurrence.local_today()),
        month_shown=month_shown, month_url=url_for("agenda.month", slug=neighbourhood.slug,
                                                   month=month_value(month_shown), **agenda_filter.as_query()),
        first_day=first_day, agenda_filter=agenda_filter, can_manage=can(current_user, "manage_agenda", neighbourhood),
    )


def filter_from(filter_form: FilterForm) -> agenda.AgendaFilter:
    return agenda.AgendaFilter(kind=_known(filter_form.kind), language=_known(filter_form.language),
                               free_only=bool(filter_form.free.data), walk_in_only=bool(filter_form.walk_in.data))


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


def _week_url(neighbourhood, first_day: date, filter_form: FilterForm) -> str:
    """Another week, with the same filter (only the filter's own values are carried over)."""
    args = {field.name: request.args[field.name] for field in filter_form if field.name in request.args}
    return url_for("agenda.week", slug=neighbourhood.slug, week=first_day.isoformat(), **args)


def week_from(value: str | None) -> date:
    """The week asked for (?week=), or this week; one outside the weeks shown becomes the nearest inside."""
    try:
        chosen = date.fromisoformat(value) if value else recurrence.local_today()
    except ValueError:
        chosen = recurrence.local_today()
    return recurrence.week_start(recurrence.week_window().clamp(chosen))


@bp.route("/<int:occurrence_id>")
@cached_page(AGENDA, fresh_for=SIGN_UP_STATE_CHANGES)
@neighbourhood_view()
def occurrence(neighbourhood, occurrence_id: int):
    item = load_occurrence(neighbourhood, occurrence_id)
    return render_template("agenda/occurrence.html", neighbourhood=neighbourhood, occurrence=item,
                           **sign_up_state(item), cancel_form=CancelOccurrenceForm(formdata=None))


def sign_up_state(item: Occurrence) -> dict:
    user_id = getattr(current_user, "id", None)
    sign_up = agenda.my_sign_ups_for(user_id, [item.id]).get(item.id)
    return {
        "sign_up": sign_up,
        "position": agenda.waitlist_position(sign_up) if sign_up else None,
        "standing": bool(user_id) and agenda.has_standing_sign_up(item.activity_id, user_id),
        "open": agenda.can_still_sign_up(item),
        "may_manage": can(current_user, "manage_occurrence", item),
    }


@bp.route("/series/<int:activity_id>")
@neighbourhood_view()
def series(neighbourhood, activity_id: int):
    activity = load_activity(neighbourhood, activity_id)
    upcoming = agenda.next_occurrence(activity)
    if upcoming is None:
        notify(_("%(title)s heeft geen nieuwe datums.", title=isolate(activity.title)), "info")
        return redirect(url_for("agenda.week", slug=neighbourhood.slug), code=303)
    return redirect(url_for("agenda.occurrence", slug=neighbourhood.slug, occurrence_id=upcoming.id), code=303)


@bp.route("/mine")
@neighbourhood_view()
@login_required
def mine(neighbourhood):
    token = agenda.existing_feed_token(current_user)
    feed_url = absolute_url("calendar.private_feed", token=token) if token else None
    return render_template("agenda/mine.html", neighbourhood=neighbourhood, mine=my_agenda(current_user.id),
                           short_date=short_date, feed_url=feed_url, renew_form=ConfirmForm())


@bp.route("/mine/feed", methods=["POST"])
@neighbourhood_view()
@login_required
def renew_feed(neighbourhood):
    had_one = agenda.existing_feed_token(current_user) is not None
    agenda.feed_token_for(current_user, renew=True)
    notify(_("Je agenda-link is vernieuwd. De oude link werkt niet meer.") if had_one
           else _("Je agenda-link is klaar."))
    return redirect(url_for("agenda.mine", slug=neighbourhood.slug), code=303)


# --- signing up ---------------------------------------------------------------------------

def _sign_up_widget(neighbourhood, item: Occurrence, message: str):
    db.session.expire_all()
    item = db.session.get(Occurrence, item.id)
    return answer_in_place("agenda/_sign_up.html", message,
                           url_for("agenda.occurrence", slug=neighbourhood.slug, occurrence_id=item.id),
                           neighbourhood=neighbourhood, occurrence=item, **sign_up_state(item))


@bp.route("/<int:occurrence_id>/signup", methods=["POST"])
@neighbourhood_view()
@login_required
def sign_up(neighbourhood, occurrence_id: int):
    item = load_occurrence(neighbourhood, occurrence_id, "sign_up")
    try:
        result = agenda.sign_up_for_occurrence(item.id, current_user.id)
    except agenda.AgendaError as error:
        return _sign_up_widget(neighbourhood, item, error.message)
    if result.status == "confirmed":
        message = _("Je bent aangemeld voor %(title)s.", title=isolate(item.activity.title))
    else:
        message = _("Het is vol. Je staat op de wachtlijst voor %(title)s.", title=isolate(item.activity.title))
    return _sign_up_widget(neighbourhood, item, message)


@bp.route("/<int:occurrence_id>/cancel-signup", methods=["POST"])
@neighbourhood_view()
@login_required
def cancel_sign_up(neighbourhood, occurrence_id: int):
    item = load_occurrence(neighbourhood, occurrence_id)
    agenda.cancel_sign_up(item.id, current_user.id)
    message = _("Je bent afgemeld voor %(title)s.", title=isolate(item.activity.title))
    return _sign_up_widget(neighbourhood, item, message)


@bp.route("/series/<int:activity_id>/join", methods=["POST"])
@neighbourhood_view()
@login_required
def join_series(neighbourhood, activity_id: int):
    activity = load_activity(neighbourhood, activity_id)
    try:
        count = agenda.join_series(activity, current_user.id)
    except agenda.AgendaError as error:
        return _back_to_series(neighbourhood, activity, error.message)
    if count:
        message = ngettext("Je komt voortaan elke keer naar %(title)s. Je staat nu op de lijst voor %(num)d keer, de eerstvolgende; "
                           "nieuwe datums komen er vanzelf bij.",
                           "Je komt voortaan elke keer naar %(title)s. Je staat nu op de lijst voor de komende %(num)d keer; "
                           "nieuwe datums komen er vanzelf bij.", count, title=isolate(activity.title))
    else:
        message = _("Je komt voortaan elke keer naar %(title)s. Nieuwe datums komen vanzelf in je agenda.",
                    title=isolate(activity.title))
    return _back_to_series(neighbourhood, activity, message)


@bp.route("/series/<int:activity_id>/leave", methods=["POST"])
@neighbourhood_view()
@login_required
def leave_series(neighbourhood, activity_id: int):
    activity = load_activity(neighbourhood, activity_id)
    agenda.leave_series(activity, current_user.id)
    message = _("Je bent afgemeld voor alle komende keren van %(title)s.", title=isolate(activity.title))
    return _back_to_series(neighbourhood, activity, message)


def _back_to_series(neighbourhood, activity: Activity, message: str):
    if request.form.get("back") == "mine":
        notify(message)
        return redirect(url_for("agenda.mine", slug=neighbourhood.slug), code=303)
    occurrence_id = bounded_id(request.form.get("occurrence_id"))
    item = db.session.get(Occurrence, occurrence_id) if occurrence_id else None
    if item is not None and item.activity_id == activity.id:
        return _sign_up_widget(neighbourhood, item, message)
    notify(message)
    return redirect(url_for("agenda.series", slug=neighbourhood.slug, activity_id=activity.id), code=303)

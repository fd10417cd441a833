"""Calendars and the poster: .ics per series, the neighbourhood's feed, a person's private feed,
the weekly poster and its QR code."""
from __future__ import annotations


from flask import Response, render_template, request
from flask_babel import gettext as _
from sqlalchemy import select

from community import recurrence
from community.agenda import bp, feeds, feeds_bp
from community.agenda import services as agenda
from community.agenda.models import Activity, Occurrence
from community.extensions import db
from community.neighbourhoods import services as neighbourhoods
from community.neighbourhoods.pages import neighbourhood_view
from community.qr import qr_svg
from community.web import absolute_url

from community.agenda.views import DAYS_IN_WEEK, load_activity, week_from


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
@neighbourhood_view()
def series_ics(neighbourhood, activity_id: int):
    activity = load_activity(neighbourhood, activity_id)
    body = feeds.series_calendar(activity.title, _series_with_dates(neighbourhood, [activity]), neighbourhood.slug, neighbourhood.house)
    return _ics(body, f"activiteit-{activity.id}.ics")


@bp.route("/<int:occurrence_id>.ics")
@neighbourhood_view()
def occurrence_ics(neighbourhood, occurrence_id: int):
    item = neighbourhoods.in_neighbourhood(Occurrence, occurrence_id, neighbourhood)
    body = feeds.date_calendar(item.activity.title, item, neighbourhood.slug, neighbourhood.house)
    return _ics(body, f"activiteit-{item.activity_id}-{recurrence.to_local(item.starts_at).date().isoformat()}.ics")


@bp.route("/feed.ics")
@neighbourhood_view()
def neighbourhood_feed(neighbourhood):
    activities = db.session.scalars(select(Activity).where(Activity.neighbourhood_id == neighbourhood.id,
                                                           Activity.is_paused.is_(False)).order_by(Activity.id)).all()
    name = _("Agenda %(name)s", name=neighbourhood.name)
    body = feeds.series_calendar(name, _series_with_dates(neighbourhood, activities), neighbourhood.slug, neighbourhood.house)
    return _ics(body, f"{neighbourhood.slug}.ics")


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
@neighbourhood_view()
def poster(neighbourhood):
    first_day = week_from(request.args.get("week"))
    occurrences = agenda.occurrences_between(neighbourhood.id, first_day, DAYS_IN_WEEK, include_cancelled=False)
    return render_template("agenda/poster.html", neighbourhood=neighbourhood, first_day=first_day,
                           days=agenda.group_by_day(occurrences, first_day, DAYS_IN_WEEK),
                           agenda_url=absolute_url("agenda.week", slug=neighbourhood.slug))


@bp.route("/qr.svg")
@neighbourhood_view()
def qr_code(neighbourhood):
    response = Response(qr_svg(absolute_url("agenda.week", slug=neighbourhood.slug)), mimetype="image/svg+xml")
    response.cache_control.max_age = 86400
    return response

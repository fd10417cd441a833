"""The month overview: a calendar of the month whose days say how many activities they hold and
lead to that day in the week view."""
from __future__ import annotations

from datetime import date

from flask import render_template, request, url_for
from flask_babel import get_locale
from markupsafe import Markup

from community import recurrence
from community.agenda import bp
from community.agenda import month as months
from community.agenda.forms import FilterForm
from community.agenda.services import AgendaFilter
from community.agenda.views import filter_from
from community.extensions import cache
from community.neighbourhoods.pages import neighbourhood_view
from community.pagecache import cached_page
from community.versions import AGENDA, version_of


@bp.route("/month")
@cached_page(AGENDA, shareable=lambda args: set(args) == {"month"} and
             months.month_value(months.month_from(args["month"])) == args["month"])
@neighbourhood_view()
def month(neighbourhood):
    first = months.month_from(request.args.get("month"))
    filter_form = FilterForm(request.args)
    agenda_filter = filter_from(filter_form)
    window = months.month_window()
    previous, following = months.previous_month(first), months.next_month(first)
    return render_template(
        "agenda/month.html", neighbourhood=neighbourhood, first=first, month_value=months.month_value(first),
        filter_form=filter_form,
        agenda_filter=agenda_filter, table=_month_table(neighbourhood, first, agenda_filter),
        prev_url=_month_url(neighbourhood, previous, agenda_filter) if previous in window else None,
        next_url=_month_url(neighbourhood, following, agenda_filter) if following in window else None,
        week_url=url_for("agenda.week", slug=neighbourhood.slug, week=_week_to_open(first).isoformat(),
                         **agenda_filter.as_query()))


def _month_table(neighbourhood, first: date, agenda_filter: AgendaFilter) -> Markup:
    """The calendar, cached like the week: until the agenda changes or the day turns."""
    today = recurrence.local_today()
    key = ":".join(str(part) for part in (
        "agenda-month", neighbourhood.id, version_of(neighbourhood.id, AGENDA), get_locale(), today, first,
        agenda_filter.kind, agenda_filter.language, agenda_filter.free_only, agenda_filter.walk_in_only))
    html = cache.get(key)
    if html is None:
        counts = months.counts_per_day(neighbourhood.id, first, months.days_in(first), agenda_filter)
        html = render_template("agenda/_month_table.html", neighbourhood=neighbourhood, first=first, today=today,
                               weeks=months.weeks_of(first), counts=counts, filter_query=agenda_filter.as_query(),
                               weekday_names=months.weekday_names(first), week_start=recurrence.week_start)
        cache.set(key, html)
    return Markup(html)


def _month_url(neighbourhood, first: date, agenda_filter: AgendaFilter) -> str:
    return url_for("agenda.month", slug=neighbourhood.slug, month=months.month_value(first), **agenda_filter.as_query())


def _week_to_open(first: date) -> date:
    """This week when the month is this month, else the month's first week."""
    today = recurrence.local_today()
    return recurrence.week_start(today if today.replace(day=1) == first else first)

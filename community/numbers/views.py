"""The page everyone sees, the coordinators' annual report with its CSV, and the city view."""
from __future__ import annotations

from flask import Response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.db import utcnow
from community.neighbourhoods.pages import neighbourhood_view
from community.numbers import bp, city_bp, exports
from community.numbers import labels as words
from community.numbers.overview import overview
from community.numbers.reports import ReportError, report_for, save_report, stories_to_pick, year_asked
from community.numbers.forms import ReportForm
from community.permissions import can, require
from community.recurrence import local_today
from community.stories import services as stories
from community.web import form_page, notify, see_other


def _page_context(neighbourhood) -> dict:
    return {"neighbourhood": neighbourhood, "sections": words.SECTIONS, "value_text": words.value_text,
            "bars": words.bars, **words.month_labels()}


@bp.route("/")
@neighbourhood_view("view_numbers")
def page(neighbourhood):
    """Tellen en vertellen: this month, this year and last year, the months in charts, and the stories."""
    found = overview(neighbourhood.id, local_today(), utcnow())
    return render_template("numbers/page.html", overview=found, stories=stories.published_stories(neighbourhood.id),
                           may_write=can(current_user, "write_story", neighbourhood),
                           may_report=can(current_user, "make_annual_report", neighbourhood),
                           **_page_context(neighbourhood))


@bp.route("/report/<int:year>", methods=["GET", "POST"])
@login_required
@neighbourhood_view("make_annual_report")
def annual_report(neighbourhood, year: int):
    """The year on A4 for partners: the coordinators' words, the figures, the charts, the stories they picked."""
    year = year_asked(year)
    report = report_for(neighbourhood.id, year)
    form = ReportForm(obj=None if request.method == "POST" else report)
    form.stories.choices = [(story.id, story.title) for story in stories_to_pick(neighbourhood.id, year)]
    if request.method != "POST":
        form.stories.data = report.story_ids
    if form.validate_on_submit():
        try:
            save_report(neighbourhood.id, year, form.text.data or "", form.stories.data, by_id=current_user.id)
        except ReportError as error:
            form.stories.errors.append(error.message)
        else:
            notify(_("Opgeslagen."))
            return see_other("numbers.annual_report", slug=neighbourhood.slug, year=year)
    today = local_today()
    found = overview(neighbourhood.id, today if year == today.year else today.replace(year=year, month=12, day=31),
                     utcnow())
    return form_page("numbers/report.html", form, overview=found, report=report, year=year,
                     picked=stories.load_stories(report.story_ids), this_year=today.year, **_page_context(neighbourhood))


@bp.route("/report/<int:year>/figures.csv")
@login_required
@neighbourhood_view("make_annual_report")
def figures_csv(neighbourhood, year: int):
    """Every figure per month of the year, for a partner's own spreadsheet (small numbers as '<5')."""
    year = year_asked(year)
    response = Response(exports.figures_csv(neighbourhood.id, year), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{neighbourhood.slug}-{year}-figures.csv"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@city_bp.route("/")
@login_required
def this_year():
    require(current_user, "view_city")
    return redirect(url_for("city.city", year=local_today().year), 303)


@city_bp.route("/<int:year>")
@login_required
def city(year: int):
    """The instance admin compares the neighbourhoods' years side by side."""
    require(current_user, "view_city")
    year = year_asked(year)
    from community.numbers.city import city_table

    return render_template("numbers/city.html", year=year, table=city_table(year), value_text=words.value_text,
                           this_year=local_today().year)

"""Opening and setting up a pot, the year report for the municipality, closing a year, and the
books as CSV and as an accounting journal."""
from __future__ import annotations

from datetime import date

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.neighbourhoods.forms import ConfirmForm
from community.neighbourhoods.pages import neighbourhood_view
from community.permissions import can
from community.pot import bp, exports, reports
from community.pot import corrections
from community.pot import services as pots
from community.pot.forms import PotForm, books_window
from community.pot.models import DEFAULT_THRESHOLD_CENTS
from community.pot.views import load_pot
from community.recurrence import local_today
from community.web import form_page, isolate, notify, see_other


def _pot_form(neighbourhood, pot=None) -> PotForm:
    form = PotForm(obj=None if request.method == "POST" else pot)
    form.gangmakers.choices = [(user.id, user.display_name) for user in pots.candidates_for_gangmaker(neighbourhood)]
    if request.method != "POST":
        form.threshold.data = pot.approval_threshold_cents if pot else DEFAULT_THRESHOLD_CENTS
        form.gangmakers.data = sorted(pot.gangmaker_ids()) if pot else []
    return form


def _save_pot(form, neighbourhood, pot=None):
    details = dict(name=form.name.data, streets=form.streets.data or "", gangmaker_ids=form.gangmakers.data,
                   threshold_cents=form.threshold.data, iban=form.iban.data or "",
                   account_holder=form.account_holder.data or "")
    if pot is None:
        return pots.open_pot(neighbourhood, by=current_user, **details)
    return pots.update_pot(pot, **details)


@bp.route("/new", methods=["GET", "POST"])
@login_required
@neighbourhood_view("open_pot")
def new_pot(neighbourhood):
    form = _pot_form(neighbourhood)
    if form.validate_on_submit():
        try:
            pot = _save_pot(form, neighbourhood)
        except pots.PotError as error:
            getattr(form, error.field_name or "name").errors.append(error.message)
        else:
            notify(_("%(pot)s is geopend.", pot=isolate(pot.name)))
            return see_other("pot.page", slug=neighbourhood.slug, pot_id=pot.id)
    return form_page("pot/settings_form.html", form, neighbourhood=neighbourhood, pot=None)


@bp.route("/<int:pot_id>/settings", methods=["GET", "POST"])
@login_required
@neighbourhood_view()
def settings(neighbourhood, pot_id: int):
    pot = load_pot(neighbourhood, pot_id, "manage_pot")
    form = _pot_form(neighbourhood, pot)
    if form.validate_on_submit():
        try:
            _save_pot(form, neighbourhood, pot)
        except pots.PotError as error:
            getattr(form, error.field_name or "name").errors.append(error.message)
        else:
            notify(_("Opgeslagen."))
            return see_other("pot.page", slug=neighbourhood.slug, pot_id=pot.id)
    return form_page("pot/settings_form.html", form, neighbourhood=neighbourhood, pot=pot)


def _year(value: int) -> int:
    """A year the pot's books can hold: from two years back to this one (else this one)."""
    this_year = local_today().year
    return value if books_window().first.year <= value <= this_year else this_year


@bp.route("/<int:pot_id>/year/<int:year>", methods=["GET", "POST"])
@login_required
@neighbourhood_view()
def year_report(neighbourhood, pot_id: int, year: int):
    """The year on one printable A4 page for the municipality: no recipients, who approved what."""
    pot = load_pot(neighbourhood, pot_id, "close_pot_year")
    year = _year(year)
    if request.method == "POST" and ConfirmForm().validate_on_submit():
        try:
            corrections.close_year(pot, year, by=current_user)
        except (pots.AlreadyRecorded, pots.PotError) as error:
            notify(error.message, "error")
        else:
            notify(_("%(year)d is afgesloten. Het saldo gaat mee naar %(next)d.", year=year, next=year + 1))
        return see_other("pot.year_report", slug=neighbourhood.slug, pot_id=pot.id, year=year)
    return render_template("pot/report.html", neighbourhood=neighbourhood, pot=pot,
                           summary=reports.year_summary(pot.id, year), approvals=reports.approvals(pot.id, year),
                           may_close=year < local_today().year, confirm_form=ConfirmForm(),
                           may_see_books=can(current_user, "see_pot_privately", pot))


def _period() -> tuple[date, date]:
    """?from=&to= inside the books' window; missing or wrong values become the window's ends."""
    window = books_window()
    first, last = window.first, window.last
    try:
        first = window.clamp(date.fromisoformat(request.args.get("from", ""))) if request.args.get("from") else first
        last = window.clamp(date.fromisoformat(request.args.get("to", ""))) if request.args.get("to") else last
    except ValueError:
        pass
    return (first, last) if first <= last else (last, first)


def _download(body: str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:pot_id>/books.csv")
@login_required
@neighbourhood_view()
def books_csv(neighbourhood, pot_id: int):
    pot = load_pot(neighbourhood, pot_id, "see_pot_privately")
    first, last = _period()
    return _download(exports.csv_text(pot, first, last), "text/csv",
                     f"pot-{pot.id}-{first.isoformat()}-{last.isoformat()}.csv")


@bp.route("/<int:pot_id>/journal.txt")
@login_required
@neighbourhood_view()
def journal(neighbourhood, pot_id: int):
    pot = load_pot(neighbourhood, pot_id, "see_pot_privately")
    first, last = _period()
    return _download(exports.journal(pot, first, last), "text/plain",
                     f"pot-{pot.id}-{first.isoformat()}-{last.isoformat()}.journal")

"""The pot as the street sees it: the list, a pot's public page, how to give, nominating a neighbour."""
from __future__ import annotations

from babel.dates import get_month_names
from flask import Response, render_template, request
from flask_babel import get_locale, gettext as _
from flask_login import current_user, login_required

from community.neighbourhoods.pages import neighbourhood_view
from community.pagecache import cached_page
from community.permissions import can, require
from community.pot import bp, reports
from community.pot import services as pots
from community.pot.forms import NominationForm
from community.pot.models import MAX_ENTRY_CENTS, OCCASION_LABELS, SOURCE_LABELS, Pot
from community.pot.money import AmountError, amount_text, epc_qr_svg, parse_amount, readable_iban
from community.recurrence import local_today
from community.versions import NUMBERS
from community.web import form_page, isolate, notify, see_other

SUGGESTED_GIFT_CENTS = 500


def load_pot(neighbourhood, pot_id: int, action: str | None = None) -> Pot:
    """One of the neighbourhood's pots (404 if it is another's), checked for `action`."""
    pot = pots.pot_in(neighbourhood.id, pot_id)
    if action:
        require(current_user, action, pot)
    return pot


@bp.route("/")
@neighbourhood_view()
def index(neighbourhood):
    found = pots.pots_of(neighbourhood.id)
    return render_template("pot/index.html", neighbourhood=neighbourhood, pots=found,
                           balances=reports.balances_of([pot.id for pot in found]),
                           may_open=can(current_user, "open_pot", neighbourhood))


@bp.route("/<int:pot_id>/")
@cached_page(NUMBERS, shareable=lambda args: set(args) == {"year"} and args["year"] in _year_links())
@neighbourhood_view()
def page(neighbourhood, pot_id: int):
    pot = load_pot(neighbourhood, pot_id, "view_pot")
    this_year = local_today().year
    year = _year_asked(pot, this_year)
    gift_cents = _gift_amount()
    return render_template(
        "pot/pot.html", neighbourhood=neighbourhood, pot=pot, year=reports.year_summary(pot.id, year),
        years=reports.years_with_entries(pot.id, this_year), balance=reports.balances_of([pot.id])[pot.id],
        givers=reports.givers(pot.id, year), gift_cents=gift_cents, iban=readable_iban(pot.iban),
        gift_text=amount_text(gift_cents, str(get_locale())), gift_param=amount_text(gift_cents, "en"),
        today_year=this_year, **labels(),
        gangmakers=[g.user for g in pot.gangmakers] if current_user.is_authenticated else [],
        my_nominations=pots.nominations_by(pot.id, current_user.id) if current_user.is_authenticated else [],
        may_nominate=can(current_user, "nominate_for_pot", pot), may_keep_books=can(current_user, "keep_pot_books", pot),
        may_see_books=can(current_user, "see_pot_privately", pot), may_manage=can(current_user, "manage_pot", pot))


def _year_links() -> set[str]:
    """The ?year= values whose page is kept whole for anonymous visitors: this year and twenty before it.
    Any other value is made for each visit, so made-up ones fill no cache entries."""
    this_year = local_today().year
    return {str(year) for year in range(this_year - 20, this_year + 1)}


def _year_asked(pot: Pot, this_year: int) -> int:
    """?year= among the years the pot has entries in, else this year."""
    asked = request.args.get("year", "")
    years = reports.years_with_entries(pot.id, this_year)
    return int(asked) if asked.isdigit() and len(asked) == 4 and int(asked) in years else this_year


def _gift_amount() -> int:
    """The amount the EPC QR code asks for (?amount=): the neighbour's choice, else a suggestion."""
    try:
        return parse_amount(request.args.get("amount") or "5", str(get_locale()), max_cents=MAX_ENTRY_CENTS)
    except AmountError:
        return SUGGESTED_GIFT_CENTS


def labels() -> dict:
    """Month names and the kinds of money in the reader's language, for the year's figures."""
    locale = str(get_locale())
    return {"month_names": _chart_months(locale),
            "month_names_wide": get_month_names("wide", "stand-alone", locale),
            "occasion_labels": {key.value: str(label) for key, label in OCCASION_LABELS.items()},
            "source_labels": {key.value: str(label) for key, label in SOURCE_LABELS.items()}}


def _chart_months(locale: str) -> dict[int, str]:
    """Month labels short enough for twelve bars on a phone: 'jan', else the language's one-letter
    names when they tell the months apart (Arabic), else numbers."""
    short = {number: name.rstrip(".") for number, name in get_month_names("abbreviated", "stand-alone", locale).items()}
    if max(len(name) for name in short.values()) <= 4:
        return short
    narrow = get_month_names("narrow", "stand-alone", locale)
    if len(set(narrow.values())) == 12:
        return dict(narrow)
    return {number: str(number) for number in range(1, 13)}


@bp.route("/<int:pot_id>/epc.svg")
@neighbourhood_view()
def epc_code(neighbourhood, pot_id: int):
    """The transfer as a QR code a banking app scans: the pot's IBAN, its name and the amount."""
    pot = load_pot(neighbourhood, pot_id, "view_pot")
    if not pot.iban:
        return Response(status=404)
    # The transfer's description is the pot's own name, in every language: banks read it, and some
    # banking apps show only Latin letters.
    svg = epc_qr_svg(name=pot.account_holder or pot.name, iban=pot.iban, amount_cents=_gift_amount(), text=pot.name)
    response = Response(svg, mimetype="image/svg+xml")
    response.cache_control.max_age = 3600
    return response


@bp.route("/<int:pot_id>/nominate", methods=["GET", "POST"])
@login_required
@neighbourhood_view()
def nominate(neighbourhood, pot_id: int):
    pot = load_pot(neighbourhood, pot_id, "nominate_for_pot")
    form = NominationForm()
    if form.validate_on_submit():
        try:
            pots.nominate(pot, text=form.text.data, by=current_user)
        except pots.PotError as error:
            form.text.errors.append(error.message)
        else:
            notify(_("Dank je wel. De gangmakers van %(pot)s lezen je tip en laten weten wat ze doen.",
                     pot=isolate(pot.name)))
            return see_other("pot.page", slug=neighbourhood.slug, pot_id=pot.id)
    return form_page("pot/nominate.html", form, neighbourhood=neighbourhood, pot=pot,
                     mine=pots.nominations_by(pot.id, current_user.id))


@bp.context_processor
def _words_of_the_books() -> dict:
    """Labels the pot's templates share: kinds of money and bookings in the reader's language."""
    from community.pictograms import POT_OCCASIONS
    from community.pot.exports import code_label, kind_label

    return {"account_code_label": code_label, "booking_label": kind_label, "occasion_pictograms": POT_OCCASIONS,
            "today_year": local_today().year,
            **labels()}

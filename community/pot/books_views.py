"""The gangmakers' side: the books, money in and out, a second pair of eyes, handovers, counts."""
from __future__ import annotations

from flask import render_template, request, send_file
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.i18n import format_cents
from community.images.services import image_path
from community.neighbourhoods.forms import ConfirmForm
from community.neighbourhoods.pages import neighbourhood_view
from community.permissions import can, require
from community.pot import books as pot_books, bp
from community.pot import cash, corrections
from community.pot import services as pots
from community.pot.forms import (AnswerForm, CountForm, GiftForm, HandoverForm, PayoutForm, ReasonForm, ReimburseForm,
                                 ReverseForm)
from community.pot.models import (OCCASION_LABELS, Occasion, PotCashCount, PotHandover, PotNomination, PotPayout, PotTransaction,
                                  Source)
from community.pot.reports import holdings
from community.pot.views import load_pot
from community.recurrence import local_today
from community.web import INVALID, announce, form_page, notify, see_other


def _row(pot, model, row_id: int, action: str):
    row = pots.in_pot(model, row_id, pot)
    require(current_user, action, row)
    return row


def _to_books(pot, message):
    notify(message)
    return see_other("pot.books", slug=request.view_args["slug"], pot_id=pot.id)


def _put_error(form, error, default: str):
    (getattr(form, error.field_name or default, None) or getattr(form, default)).errors.append(error.message)


@bp.route("/<int:pot_id>/books")
@login_required
@neighbourhood_view()
def books(neighbourhood, pot_id: int):
    return _books_page(neighbourhood, load_pot(neighbourhood, pot_id, "see_pot_privately"))


def _books_page(neighbourhood, pot, **failed) -> str:
    where = holdings(pot)
    return render_template(
        "pot/books.html", neighbourhood=neighbourhood, pot=pot, holdings=where,
        owed=[account for account in where if account.kind == "owed" and account.balance_cents < 0],
        payouts=pot_books.waiting_payouts(pot.id), handovers=pot_books.proposed_handovers(pot.id),
        counts=pot_books.counts_to_acknowledge(pot.id), nominations=pot_books.open_nominations(pot.id),
        bookings=pot_books.recent_bookings(pot.id), **_item_context(),
        may_keep_books=can(current_user, "keep_pot_books", pot), **failed)


def _item_context() -> dict:
    """What the books page's items (also swapped in alone by htmx) need besides their row."""
    return {"approvers": _once_per_asker(pots.approvers), "may": lambda action, row: can(current_user, action, row),
            "confirm_form": ConfirmForm(), "answer_form_for": lambda nomination: _answer_form(nomination, None),
            "occasion_label": lambda code: OCCASION_LABELS[Occasion(code)], "today_year": local_today().year}


def _once_per_asker(approvers):
    """Who may approve depends only on who asked: looked up once per asker on a page."""
    known: dict[tuple[int, int | None], list] = {}

    def approvers_of(pot, asked_by_id):
        if (pot.id, asked_by_id) not in known:
            known[(pot.id, asked_by_id)] = approvers(pot, asked_by_id)
        return known[(pot.id, asked_by_id)]

    return approvers_of


def _answer_form(nomination, formdata=False) -> AnswerForm:
    """Each tip's form has ids of its own (several stand on one page); the names stay the same."""
    form = AnswerForm() if formdata is False else AnswerForm(formdata=formdata)
    for field in (form.decision, form.answer):
        field.id = field.label.field_id = f"tip-{nomination.id}-{field.name}"
    return form


@bp.route("/<int:pot_id>/gifts/new", methods=["GET", "POST"])
@login_required
@neighbourhood_view()
def new_gift(neighbourhood, pot_id: int):
    pot = load_pot(neighbourhood, pot_id, "keep_pot_books")
    form = GiftForm()
    if form.validate_on_submit():
        try:
            pots.record_gift(pot, submission=form.submission.data, source=Source(form.source.data),
                             method=form.method.data, amount_cents=form.amount.data, occurred_on=form.occurred_on.data,
                             giver_name=form.giver_name.data or "", may_show_name=form.may_show_name.data, by=current_user)
        except pots.AlreadyRecorded as done:
            return _to_books(pot, done.message)
        except pots.PotError as error:
            _put_error(form, error, "amount")
        else:
            return _to_books(pot, _("Gift geboekt: %(amount)s.", amount=format_cents(form.amount.data)))
    return form_page("pot/gift_form.html", form, neighbourhood=neighbourhood, pot=pot)


@bp.route("/<int:pot_id>/payouts/new", methods=["GET", "POST"])
@login_required
@neighbourhood_view()
def new_payout(neighbourhood, pot_id: int):
    pot = load_pot(neighbourhood, pot_id, "keep_pot_books")
    form = PayoutForm()
    if form.validate_on_submit():
        try:
            payout = pots.ask_payout(
                pot, submission=form.submission.data, occasion=Occasion(form.occasion.data),
                amount_cents=form.amount.data, occurred_on=form.occurred_on.data, paid_from=form.paid_from.data,
                what=form.what.data, recipient=form.recipient.data or "", by=current_user,
                no_receipt_reason=form.no_receipt_reason.data or "", receipt_file=form.receipt.data or None)
        except pots.AlreadyRecorded as done:
            return _to_books(pot, done.message)
        except pots.ImageError as error:
            form.receipt.errors.append(error.message)
        except pots.PotError as error:
            _put_error(form, error, "amount")
        else:
            return _to_books(pot, _payout_message(payout))
    return form_page("pot/payout_form.html", form, neighbourhood=neighbourhood, pot=pot,
                     approvers=pots.approvers(pot, current_user.id))


def _payout_message(payout: PotPayout) -> str:
    if payout.state == "waiting":
        return _("Opgeslagen. Deze uitgave van %(amount)s telt zodra een tweede persoon hem goedkeurt.",
                 amount=format_cents(payout.amount_cents))
    return _("Uitgave geboekt: %(amount)s.", amount=format_cents(payout.amount_cents))


@bp.route("/<int:pot_id>/payouts/<int:payout_id>", methods=["GET", "POST"])
@login_required
@neighbourhood_view()
def payout(neighbourhood, pot_id: int, payout_id: int):
    """A payout with its private details and receipt; a second person approves or refuses it here."""
    pot = load_pot(neighbourhood, pot_id)
    item = _row(pot, PotPayout, payout_id, "view_payout")
    form = ReasonForm()
    if request.method == "POST":
        require(current_user, "approve_payout", item)
        if form.validate_on_submit():
            try:
                pots.refuse_payout(item, reason=form.reason.data, by=current_user)
            except pots.AlreadyRecorded as done:
                return _to_books(pot, done.message)
            return _to_books(pot, _("Niet goedgekeurd. De gangmaker leest je reden."))
    return form_page("pot/payout.html", form, neighbourhood=neighbourhood, pot=pot, payout=item,
                     approvers=pots.approvers(pot, item.asked_by_id),
                     may_approve=can(current_user, "approve_payout", item), confirm_form=ConfirmForm())


@bp.route("/<int:pot_id>/payouts/<int:payout_id>/approve", methods=["POST"])
@login_required
@neighbourhood_view()
def approve_payout(neighbourhood, pot_id: int, payout_id: int):
    pot = load_pot(neighbourhood, pot_id)
    item = _row(pot, PotPayout, payout_id, "approve_payout")
    if not ConfirmForm().validate_on_submit():
        return see_other("pot.payout", slug=neighbourhood.slug, pot_id=pot.id, payout_id=item.id)
    try:
        item = pots.approve_payout(item, by=current_user)
        message = _("Goedgekeurd: %(amount)s is geboekt.", amount=format_cents(item.amount_cents))
    except (pots.AlreadyRecorded, pots.PotError) as error:
        message, item = error.message, pots.fresh(item)
    return _decided(neighbourhood, "pot/_waiting_payout.html", pot, message, payout=item)


def _decided(neighbourhood, fragment: str, pot, message, **row):
    """After a decision on the books page: the item in its new state (htmx) or the books page."""
    if request.htmx:
        return announce(render_template(fragment, neighbourhood=neighbourhood, pot=pot, **{**_item_context(), **row}),
                        message)
    return _to_books(pot, message)


@bp.route("/<int:pot_id>/payouts/<int:payout_id>/receipt-<any(small, large):size>.webp")
@login_required
@neighbourhood_view()
def receipt(neighbourhood, pot_id: int, payout_id: int, size: str):
    """A receipt, only for who may read the payout; never cached by a shared cache."""
    pot = load_pot(neighbourhood, pot_id)
    item = _row(pot, PotPayout, payout_id, "view_payout")
    path = image_path(item.receipt, size) if item.receipt is not None else None
    if path is None or not path.is_file():
        from community.errors import NotFound

        raise NotFound()
    response = send_file(path, mimetype="image/webp", max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:pot_id>/reimburse", methods=["GET", "POST"])
@login_required
@neighbourhood_view()
def reimburse(neighbourhood, pot_id: int):
    pot = load_pot(neighbourhood, pot_id, "keep_pot_books")
    owed = pot_books.owed_accounts(pot.id)
    form = ReimburseForm()
    form.gangmaker.choices = [(account.holder_id, f"{account.holder.display_name} ({format_cents(-account.balance_cents)})")
                              for account in owed if account.holder is not None]
    if form.validate_on_submit():
        try:
            pots.reimburse(pot, submission=form.submission.data, gangmaker_id=form.gangmaker.data,
                           amount_cents=form.amount.data, paid_from=form.paid_from.data,
                           occurred_on=form.occurred_on.data, by=current_user)
        except pots.AlreadyRecorded as done:
            return _to_books(pot, done.message)
        except pots.PotError as error:
            _put_error(form, error, "amount")
        else:
            return _to_books(pot, _("Terugbetaling geboekt: %(amount)s.", amount=format_cents(form.amount.data)))
    return form_page("pot/reimburse_form.html", form, neighbourhood=neighbourhood, pot=pot, owed=owed)


@bp.route("/<int:pot_id>/handovers/new", methods=["GET", "POST"])
@login_required
@neighbourhood_view()
def new_handover(neighbourhood, pot_id: int):
    pot = load_pot(neighbourhood, pot_id, "keep_pot_books")
    form = HandoverForm()
    mine, others = f"tin:{current_user.id}", [g.user for g in pot.gangmakers if g.user_id != current_user.id]
    form.from_place.choices = [(mine, _("Mijn kas")), ("bank", _("De bank"))]
    form.to_place.choices = [(f"tin:{user.id}", _("Kas van %(name)s", name=user.display_name)) for user in others]
    form.to_place.choices += [("bank", _("De bank")), (mine, _("Mijn kas"))]
    if form.validate_on_submit():
        try:
            cash.propose_handover(pot, submission=form.submission.data, from_place=form.from_place.data,
                                  to_place=form.to_place.data, amount_cents=form.amount.data,
                                  occurred_on=form.occurred_on.data, by=current_user)
        except pots.AlreadyRecorded as done:
            return _to_books(pot, done.message)
        except pots.PotError as error:
            _put_error(form, error, "amount")
        else:
            return _to_books(pot, _("Overdracht klaargezet. Het geld verhuist in de boeken zodra de ander het "
                                    "bevestigt."))
    return form_page("pot/handover_form.html", form, neighbourhood=neighbourhood, pot=pot)


@bp.route("/<int:pot_id>/handovers/<int:handover_id>/<any(confirm, cancel):step>", methods=["POST"])
@login_required
@neighbourhood_view()
def decide_handover(neighbourhood, pot_id: int, handover_id: int, step: str):
    pot = load_pot(neighbourhood, pot_id)
    item = _row(pot, PotHandover, handover_id, f"{step}_handover")
    if not ConfirmForm().validate_on_submit():
        return see_other("pot.books", slug=neighbourhood.slug, pot_id=pot.id)
    try:
        if step == "confirm":
            item = cash.confirm_handover(item, by=current_user)
            message = _("Bevestigd: %(amount)s is overgedragen.", amount=format_cents(item.amount_cents))
        else:
            item = cash.cancel_handover(item, by=current_user)
            message = _("De overdracht gaat niet door.")
    except (pots.AlreadyRecorded, pots.PotError) as error:
        message, item = error.message, pots.fresh(item)
    return _decided(neighbourhood, "pot/_handover.html", pot, message, handover=item)


@bp.route("/<int:pot_id>/count", methods=["GET", "POST"])
@login_required
@neighbourhood_view()
def count(neighbourhood, pot_id: int):
    pot = load_pot(neighbourhood, pot_id, "keep_pot_books")
    form = CountForm()
    if form.validate_on_submit():
        try:
            counted = cash.count_cash(pot, submission=form.submission.data, counted_cents=form.counted.data,
                                      note=form.note.data or "", by=current_user)
        except pots.AlreadyRecorded as done:
            return _to_books(pot, done.message)
        except pots.PotError as error:
            _put_error(form, error, "counted")
        else:
            return _to_books(pot, _count_message(counted))
    return form_page("pot/count_form.html", form, neighbourhood=neighbourhood, pot=pot,
                     book_cents=cash.tin_balance(pot.id, current_user.id))


def _count_message(counted: PotCashCount) -> str:
    if not counted.difference_cents:
        return _("Geteld: de kas klopt met de boeken.")
    return _("Geteld. Het verschil van %(amount)s is geboekt als kasverschil; een tweede persoon bekijkt het.",
             amount=format_cents(abs(counted.difference_cents)))


@bp.route("/<int:pot_id>/counts/<int:count_id>/acknowledge", methods=["POST"])
@login_required
@neighbourhood_view()
def acknowledge_count(neighbourhood, pot_id: int, count_id: int):
    pot = load_pot(neighbourhood, pot_id)
    item = _row(pot, PotCashCount, count_id, "acknowledge_count")
    if not ConfirmForm().validate_on_submit():
        return see_other("pot.books", slug=neighbourhood.slug, pot_id=pot.id)
    try:
        item = cash.acknowledge_count(item, by=current_user)
        message = _("Gezien. Het kasverschil is afgevinkt.")
    except pots.AlreadyRecorded as done:
        message, item = done.message, pots.fresh(item)
    return _decided(neighbourhood, "pot/_count.html", pot, message, count=item)


@bp.route("/<int:pot_id>/transactions/<int:transaction_id>/reverse", methods=["GET", "POST"])
@login_required
@neighbourhood_view()
def reverse(neighbourhood, pot_id: int, transaction_id: int):
    pot = load_pot(neighbourhood, pot_id)
    item = _row(pot, PotTransaction, transaction_id, "reverse_pot_transaction")
    form = ReverseForm()
    if form.validate_on_submit():
        try:
            corrections.reverse(item, submission=form.submission.data, reason=form.reason.data, by=current_user)
        except pots.AlreadyRecorded as done:
            return _to_books(pot, done.message)
        except pots.PotError as error:
            _put_error(form, error, "reason")
        else:
            return _to_books(pot, _("Teruggedraaid. De tegenboeking staat in de boeken."))
    return form_page("pot/reverse_form.html", form, neighbourhood=neighbourhood, pot=pot, transaction=item,
                     already_reversed=corrections.is_reversed(item.id))


@bp.route("/<int:pot_id>/nominations/<int:nomination_id>/answer", methods=["POST"])
@login_required
@neighbourhood_view()
def answer_nomination(neighbourhood, pot_id: int, nomination_id: int):
    pot = load_pot(neighbourhood, pot_id)
    item = _row(pot, PotNomination, nomination_id, "answer_nomination")
    form = _answer_form(item)
    if form.validate_on_submit():
        try:
            item = pots.answer_nomination(item, done=form.decision.data == "done", answer=form.answer.data or "",
                                          by=current_user)
        except pots.AlreadyRecorded as done:
            return _decided(neighbourhood, "pot/_nomination.html", pot, done.message, nomination=pots.fresh(item))
        except pots.PotError as error:
            _put_error(form, error, "answer")
        else:
            return _decided(neighbourhood, "pot/_nomination.html", pot,
                            _("Beantwoord. De buur die het meldde ziet je antwoord."), nomination=item)
    return _nomination_refused(neighbourhood, pot, item, form)


def _nomination_refused(neighbourhood, pot, item, form):
    """The answer's error at its field, what was typed kept: that item (htmx) or the books page."""
    message = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if request.htmx:
        return announce(render_template("pot/_nomination.html", neighbourhood=neighbourhood, pot=pot,
                                        **_item_context(), nomination=item, failed_nomination=item.id,
                                        failed_answer_form=form),
                        message, INVALID)
    return _books_page(neighbourhood, pot, failed_nomination=item.id, failed_answer_form=form), INVALID

from __future__ import annotations

import uuid
from datetime import timedelta

from flask_babel import get_locale, lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError
from wtforms.widgets import TextInput

from community.forms import CheckboxList, DateWithin, max_length, required, strip
from community.pot.models import (ACCOUNT_HOLDER_MAX, DESCRIPTION_MAX, GIVER_NAME_MAX, MAX_BALANCE_CENTS,
                                  MAX_ENTRY_CENTS, NOMINATION_MAX, OCCASION_LABELS, POT_NAME_MAX, REASON_MAX,
                                  RECIPIENT_MAX, SOURCE_LABELS, STREETS_MAX)
from community.pot.money import AmountError, IbanError, amount_text, compact_iban, parse_amount, readable_iban
from community.recurrence import DateWindow, local_today

BOOKS_PAST_DAYS = 2 * 366  # a forgotten receipt from last year can still be booked; the future cannot


def books_window(today=None) -> DateWindow:
    today = today or local_today()
    return DateWindow(today - timedelta(days=BOOKS_PAST_DAYS), today)


AMOUNT_TYPED_MAX = 20  # "€ 1.000,00" and then some


class TypedLength(Length):
    """A limit on what was typed, for a field whose data is not text (an amount's data is its cents)."""

    def __call__(self, form, field):
        typed = field.raw_data[0] if field.raw_data else ""
        if len(typed) > self.max:
            raise ValidationError(self.message)


class MoneyField(StringField):
    """An amount typed as people type it ('12,50', '€ 12,50', '12.50'); `data` is whole cents.
    What was typed is shown again when it needs fixing."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, *, max_cents: int = MAX_ENTRY_CENTS, allow_zero: bool = False,
                 **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"})
        typed = TypedLength(max=AMOUNT_TYPED_MAX, message=_l("Gebruik hoogstens %(max)d tekens.", max=AMOUNT_TYPED_MAX))
        super().__init__(label, [*(validators or [InputRequired(message=_l("Vul een bedrag in, zoals 12,50."))]), typed],
                         **kwargs)
        self.max_cents, self.allow_zero = max_cents, allow_zero

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        try:
            self.data = parse_amount(valuelist[0], str(get_locale()), max_cents=self.max_cents,
                                     allow_zero=self.allow_zero)
        except AmountError as error:
            self.data = None
            raise ValueError(str(error.args[0])) from None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return amount_text(self.data, str(get_locale()))


def submission_field():
    """A one-time key for this showing of a money form: sent twice, it is recorded once."""
    return HiddenField(default=lambda: uuid.uuid4().hex, validators=[
        Regexp(r"^[0-9a-f]{32}$", message=_l("Het formulier is verlopen. Vernieuw de pagina en probeer het opnieuw."))])


def _when(label=None):
    return DateField(label or _l("Wanneer?"), default=local_today,
                     validators=[required(_l("Kies een datum.")), DateWithin(books_window)])


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(key.value, label) for key, label in labels.items()]


class IbanField(StringField):
    """Optional; checked (country format and check digits) and kept compact."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        typed = (self.data or "").strip()
        if not typed:
            self.data = ""
            return
        try:
            self.data = compact_iban(typed)
        except IbanError as error:
            raise ValueError(str(error.args[0])) from None

    def _value(self):
        return self.raw_data[0] if self.raw_data else readable_iban(self.data or "")


class PotForm(FlaskForm):
    name = StringField(_l("Naam van de pot"), filters=[strip], validators=[required(), max_length(POT_NAME_MAX)],
                       description=_l("Bijvoorbeeld: Lief & leed Kastanjelaan."))
    streets = StringField(_l("Voor welke straten?"), filters=[strip], validators=[Optional(), max_length(STREETS_MAX)],
                          description=_l("Bijvoorbeeld: Kastanjelaan 1–40 en Beukenhof. Geen huisnummers van mensen."))
    gangmakers = CheckboxList(_l("Gangmakers"), coerce=int, choices=[],
                              description=_l("Buren die de pot beheren en het geld bewaren. De penningmeester van de "
                                             "buurt staat bovenaan."))
    threshold = MoneyField(_l("Vanaf welk bedrag kijkt een tweede persoon mee?"), allow_zero=True,
                           description=_l("Een uitgave boven dit bedrag telt pas als een tweede persoon die goedkeurt."))
    iban = IbanField(_l("IBAN van de pot (mag leeg)"), validators=[Optional(), max_length(42)],
                     render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"},
                     description=_l("Buren kunnen dan overmaken; de pagina toont een QR-code voor de bank-app."))
    account_holder = StringField(_l("Naam van de rekeninghouder"), filters=[strip],
                                 validators=[Optional(), max_length(ACCOUNT_HOLDER_MAX)])

    def validate_gangmakers(self, field):
        if not field.data:
            raise ValidationError(_l("Kies minstens één gangmaker."))


class GiftForm(FlaskForm):
    submission = submission_field()
    amount = MoneyField(_l("Bedrag"))
    source = SelectField(_l("Van wie of wat?"), choices=_choices(SOURCE_LABELS), validators=[required()])
    method = RadioField(_l("Hoe kwam het binnen?"), default="cash", validators=[required()], choices=[
        SelectChoice("cash", _l("Contant, in mijn kas")), SelectChoice("transfer", _l("Overgemaakt naar de bank")),
        SelectChoice("voucher", _l("Als tegoedbon"))])
    occurred_on = _when()
    giver_name = StringField(_l("Naam van de gever (mag leeg)"), filters=[strip],
                             validators=[Optional(), max_length(GIVER_NAME_MAX)])
    may_show_name = BooleanField(_l("De gever wil met naam bedankt worden op de pagina van de pot"),
                                 description=_l("Anders staat er: een buur."))


PLACES = [SelectChoice("tin", _l("Uit mijn kas")), SelectChoice("bank", _l("Van de bank")),
          SelectChoice("vouchers", _l("Met een tegoedbon")), SelectChoice("pocket", _l("Zelf voorgeschoten"))]


class PayoutForm(FlaskForm):
    submission = submission_field()
    occasion = RadioField(_l("Waarvoor?"), choices=_choices(OCCASION_LABELS), validators=[required(_l("Kies waarvoor."))])
    amount = MoneyField(_l("Bedrag"))
    occurred_on = _when()
    paid_from = RadioField(_l("Betaald"), choices=PLACES, default="tin", validators=[required()])
    what = StringField(_l("Wat is er gekocht?"), filters=[strip], validators=[required(), max_length(DESCRIPTION_MAX)],
                       description=_l("Bijvoorbeeld: een bos bloemen en een kaart."))
    recipient = StringField(_l("Voor wie? (alleen gangmakers zien dit)"), filters=[strip],
                            validators=[Optional(), max_length(RECIPIENT_MAX)])
    receipt = FileField(_l("Foto van het bonnetje"))
    no_receipt_reason = StringField(_l("Geen bon? Schrijf waarom"), filters=[strip],
                                    validators=[Optional(), max_length(REASON_MAX)])


class ReasonForm(FlaskForm):
    reason = StringField(_l("Reden"), filters=[strip], validators=[required(), max_length(REASON_MAX)])


class ReverseForm(FlaskForm):
    submission = submission_field()
    reason = StringField(_l("Waarom terugdraaien?"), filters=[strip],
                         validators=[required(), max_length(DESCRIPTION_MAX)],
                         description=_l("Bijvoorbeeld: dubbel ingevoerd. Er komt een tegenboeking bij; niets wordt gewist."))


class ReimburseForm(FlaskForm):
    submission = submission_field()
    gangmaker = SelectField(_l("Wie krijgt geld terug?"), coerce=int, choices=[], validators=[required()])
    amount = MoneyField(_l("Bedrag"))
    paid_from = RadioField(_l("Betaald"), choices=PLACES[:2], default="tin", validators=[required()])
    occurred_on = _when()


class HandoverForm(FlaskForm):
    submission = submission_field()
    from_place = SelectField(_l("Van"), choices=[], validators=[required()])
    to_place = SelectField(_l("Naar"), choices=[], validators=[required()])
    amount = MoneyField(_l("Bedrag"), max_cents=MAX_BALANCE_CENTS)
    occurred_on = _when()


class CountForm(FlaskForm):
    submission = submission_field()
    counted = MoneyField(_l("Hoeveel zit er in je kas?"), max_cents=MAX_BALANCE_CENTS, allow_zero=True,
                         description=_l("Tel munten en briefjes, en vul het totaal in."))
    note = StringField(_l("Opmerking (mag leeg)"), filters=[strip], validators=[Optional(), max_length(DESCRIPTION_MAX)])


class NominationForm(FlaskForm):
    text = TextAreaField(_l("Wie verdient een bloemetje, en waarom?"), filters=[strip],
                         validators=[required(), max_length(NOMINATION_MAX)],
                         description=_l("Bijvoorbeeld: de buren op nr. 12 hebben een baby gekregen. Alleen de "
                                        "gangmakers lezen dit."))


class AnswerForm(FlaskForm):
    decision = RadioField(_l("Antwoord"), choices=[SelectChoice("done", _l("Geregeld")),
                                                   SelectChoice("not_now", _l("Nu niet"))],
                          validators=[required(_l("Kies een antwoord."))])
    answer = StringField(_l("Een kort woord voor wie het meldde"), filters=[strip],
                         validators=[Optional(), max_length(REASON_MAX)])

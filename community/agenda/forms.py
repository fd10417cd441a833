from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from community.agenda.models import ACTIVITY_DESCRIPTION_MAX, ACTIVITY_TITLE_MAX, KIND_LABELS, OCCURRENCE_NOTE_MAX
from community.recurrence import PATTERNS, planning_window, until_window
from community.forms import CheckboxList, DateWithin, FiniteDecimalField, max_length, optional_int, required, strip
from community.i18n import LANGUAGES
from community.images.forms import PhotoFields

KIND_CHOICES = [SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()]
LANGUAGE_CHOICES = [SelectChoice(lang.code, lang.native_name, render_kw={"lang": lang.code}) for lang in LANGUAGES.values()]



class ActivityForm(FlaskForm, PhotoFields):
    title = StringField(_l("Naam van de activiteit"), filters=[strip], validators=[required(), max_length(ACTIVITY_TITLE_MAX)])
    description = TextAreaField(_l("Wat gaan we doen?"), filters=[strip], validators=[Optional(), max_length(ACTIVITY_DESCRIPTION_MAX)])
    kind = SelectField(_l("Soort"), choices=KIND_CHOICES, validators=[required()])
    room_id = SelectField(_l("Ruimte"), coerce=optional_int, validate_choice=False)
    organiser_id = SelectField(_l("Organisator"), coerce=optional_int, validate_choice=False,
                               description=_l("Een bewoner die deze activiteit mag beheren."))
    first_date = DateField(_l("Eerste datum"), validators=[required(_l("Kies een datum.")), DateWithin(planning_window)])
    start_time = TimeField(_l("Begintijd"), validators=[required(_l("Kies een tijd."))])
    duration_minutes = IntegerField(
        _l("Duur in minuten"),
        validators=[required(_l("Vul een duur in.")), NumberRange(min=5, max=24 * 60, message=_l("Kies een duur van 5 tot 1440 minuten."))])
    pattern = SelectField(_l("Herhalen"), choices=[SelectChoice(k, v) for k, v in PATTERNS.items()], validators=[required()])
    until_date = DateField(_l("Tot en met (mag leeg)"), validators=[Optional(), DateWithin(until_window)])
    cost = FiniteDecimalField(_l("Kosten in euro"), places=2, default=Decimal("0"),
                        validators=[Optional(), NumberRange(min=0, max=1000, message=_l("Kies een bedrag van 0 tot 1000 euro."))],
                        description=_l("0 is gratis."))
    needs_signup = BooleanField(_l("Aanmelden nodig"))
    capacity = IntegerField(_l("Aantal plaatsen"), validators=[Optional(), NumberRange(min=1, max=1000, message=_l("Kies een aantal van 1 tot 1000."))],
                            description=_l("Leeg laten als er geen grens is."))
    languages = CheckboxList(_l("Talen die er gesproken worden"), choices=LANGUAGE_CHOICES, default=["nl"])


class ChangeOccurrenceForm(FlaskForm):
    date = DateField(_l("Datum"), validators=[required(_l("Kies een datum.")), DateWithin(planning_window)])
    start_time = TimeField(_l("Begintijd"), validators=[required(_l("Kies een tijd."))])
    duration_minutes = IntegerField(
        _l("Duur in minuten"),
        validators=[required(_l("Vul een duur in.")), NumberRange(min=5, max=24 * 60, message=_l("Kies een duur van 5 tot 1440 minuten."))])
    room_id = SelectField(_l("Ruimte"), coerce=optional_int, validate_choice=False)
    note = StringField(_l("Toelichting voor bezoekers"), filters=[strip], validators=[Optional(), max_length(OCCURRENCE_NOTE_MAX)])


class CancelOccurrenceForm(FlaskForm):
    reason = StringField(_l("Reden (bezoekers zien dit)"), filters=[strip],
                         validators=[required(_l("Schrijf kort waarom, bijvoorbeeld: vakantie.")), max_length(OCCURRENCE_NOTE_MAX)])


class FilterForm(FlaskForm):
    """The agenda filter: a GET form, so no CSRF."""

    class Meta:
        csrf = False

    kind = SelectField(_l("Soort"), choices=[SelectChoice("", _l("Alle soorten"))] + KIND_CHOICES, validate_choice=False)
    language = SelectField(_l("Taal"), choices=[SelectChoice("", _l("Alle talen"))] + LANGUAGE_CHOICES, validate_choice=False)
    free = BooleanField(_l("Alleen gratis"))
    walk_in = BooleanField(_l("Zonder aanmelden"))

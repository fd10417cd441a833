from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_babel import gettext as _
from wtforms import BooleanField, EmailField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional, Regexp

from community.forms import ClockField, max_length, required, strip, valid_email
from community.accounts.models import EMAIL_MAX
from community.neighbourhoods.hours import MAX_PERIODS_PER_DAY, Period, period_from, problems_in
from community.neighbourhoods.models import (NAME_MAX, NEIGHBOURHOOD_DESCRIPTION_MAX, OPENING_NOTE_MAX, PHONE_MAX,
                                             POSTCODE_MAX, ROLE_LABELS, ROOM_NAME_MAX, SLUG_MAX, STREET_ADDRESS_MAX, Role)

# The week in the house form: per day a "closed" box and two periods (one before and one after a
# lunch break), as flat fields mo_closed, mo_opens_1, mo_closes_1, mo_opens_2, ... su_closes_2.
DAY_CODES = ("mo", "tu", "we", "th", "fr", "sa", "su")
PERIOD_LABELS = {1: (_l("Opent"), _l("Sluit")), 2: (_l("Opent weer"), _l("Sluit"))}


class HouseDetailsForm(FlaskForm):
    house_name = StringField(_l("Naam van het Huis van de Wijk"), filters=[strip], validators=[required(), max_length(NAME_MAX)])
    street_address = StringField(_l("Straat en huisnummer"), filters=[strip], validators=[required(), max_length(STREET_ADDRESS_MAX)])
    postcode = StringField(
        _l("Postcode"), filters=[strip],
        validators=[required(), max_length(POSTCODE_MAX), Regexp(r"^\s*\d{4}\s?[A-Za-z]{2}\s*$", message=_l("Vul een postcode in zoals 5342 AB."))],
    )
    house_city = StringField(_l("Plaats"), filters=[strip], validators=[required(), max_length(NAME_MAX)])
    phone = StringField(_l("Telefoonnummer"), filters=[strip], validators=[Optional(), max_length(PHONE_MAX)])


class HouseForm(HouseDetailsForm):
    """The house's details and its week of opening hours (the day fields are added below)."""

    opening_note = TextAreaField(
        _l("Toelichting bij de openingstijden (mag leeg)"), filters=[strip],
        validators=[Optional(), max_length(OPENING_NOTE_MAX)],
        description=_l("Bijvoorbeeld: in de schoolvakanties op woensdag dicht. Deze tekst wordt niet vertaald."),
        render_kw={"dir": "auto"})

    week: list[tuple[Period, object, object]] = []

    def validate(self, extra_validators=None) -> bool:
        """Every field, then the week as a whole: a time without its other half, a closed day with
        times, and the rules of the week (community.neighbourhoods.hours), each at its own field."""
        valid = super().validate(extra_validators)
        typed = self._typed_periods()
        if typed is None:
            return False
        self.week = typed
        problems = problems_in(self.periods())
        self.show_problems(problems)
        return valid and not problems

    def periods(self) -> list[Period]:
        return [period for period, _opens, _closes in self.week]

    def show_problems(self, problems) -> None:
        """Each problem of the week at the time it is about."""
        for problem in problems:
            _period, opens, closes = self.week[problem.index]
            (opens if problem.part == "opens" else closes).errors.append(problem.message)

    def periods_of(self, code: str) -> list[tuple]:
        return [(self[f"{code}_opens_{number}"], self[f"{code}_closes_{number}"])
                for number in range(1, MAX_PERIODS_PER_DAY + 1)]

    def _typed_periods(self) -> list[tuple[Period, object, object]] | None:
        typed, complete = [], True
        for weekday, code in enumerate(DAY_CODES):
            day = []
            for opens, closes in self.periods_of(code):
                if opens.errors or closes.errors:
                    complete = False
                elif opens.data is None and closes.data is not None:
                    opens.errors.append(_("Vul ook in hoe laat het opent."))
                    complete = False
                elif closes.data is None and opens.data is not None:
                    closes.errors.append(_("Vul ook in hoe laat het sluit."))
                    complete = False
                elif opens.data is not None:
                    day.append((period_from(weekday, opens.data, closes.data), opens, closes))
            closed = self[f"{code}_closed"]
            if closed.data and any(_was_typed(field) for pair in self.periods_of(code) for field in pair):
                closed.errors.append(_("Gesloten, of open op deze tijden? Haal het vinkje weg of maak de tijden leeg."))
                complete = False
            elif not closed.data:
                typed.extend(day)
        return typed if complete else None


def _was_typed(field) -> bool:
    return any(isinstance(value, str) and value.strip() for value in field.raw_data or [])


for _code in DAY_CODES:
    setattr(HouseForm, f"{_code}_closed", BooleanField(_l("Gesloten")))
    for _number, (_opens_label, _closes_label) in PERIOD_LABELS.items():
        setattr(HouseForm, f"{_code}_opens_{_number}", ClockField(_opens_label, validators=[Optional()]))
        setattr(HouseForm, f"{_code}_closes_{_number}", ClockField(_closes_label, validators=[Optional()]))


class NeighbourhoodForm(HouseDetailsForm):
    name = StringField(_l("Naam van de buurt"), filters=[strip], validators=[required(), max_length(NAME_MAX)])
    city = StringField(_l("Gemeente"), filters=[strip], validators=[required(), max_length(NAME_MAX)])
    slug = StringField(
        _l("Webadres"), filters=[strip],
        validators=[Optional(), max_length(SLUG_MAX), Regexp(r"^[a-z0-9-]{2,60}$", message=_l("Gebruik 2 tot 60 kleine letters, cijfers of streepjes."))],
        description=_l("Leeg laten maakt het uit de naam, bijvoorbeeld de-ruwaard."),
    )
    description = TextAreaField(_l("Korte beschrijving"), validators=[Optional(), max_length(NEIGHBOURHOOD_DESCRIPTION_MAX)])


class RoomForm(FlaskForm):
    name = StringField(_l("Naam van de ruimte"), filters=[strip], validators=[required(), max_length(ROOM_NAME_MAX)])
    capacity = IntegerField(
        _l("Aantal plaatsen"),
        validators=[required(_l("Vul een aantal in.")), NumberRange(min=1, max=1000, message=_l("Kies een aantal van 1 tot 1000."))],
    )
    is_wheelchair_accessible = BooleanField(_l("Toegankelijk met een rolstoel"))
    has_hearing_loop = BooleanField(_l("Ringleiding aanwezig"))


class RoleForm(FlaskForm):
    email = EmailField(_l("E-mailadres van de persoon"), filters=[strip], validators=[required(), valid_email(), max_length(EMAIL_MAX)])
    role = SelectField(
        _l("Rol"),
        choices=[SelectChoice(role.value, ROLE_LABELS[role]) for role in (Role.COORDINATOR, Role.TREASURER)],
        validators=[required()],
    )


class ConfirmForm(FlaskForm):
    """A form with only its CSRF token: for buttons that change something."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional, Regexp

from community.forms import max_length, required, strip, valid_email
from community.accounts.models import EMAIL_MAX
from community.neighbourhoods.models import (NAME_MAX, NEIGHBOURHOOD_DESCRIPTION_MAX, OPENING_HOURS_MAX, PHONE_MAX,
                                             POSTCODE_MAX, ROLE_LABELS, ROOM_NAME_MAX, SLUG_MAX, STREET_ADDRESS_MAX, Role)


class HouseForm(FlaskForm):
    house_name = StringField(_l("Naam van het Huis van de Wijk"), filters=[strip], validators=[required(), max_length(NAME_MAX)])
    street_address = StringField(_l("Straat en huisnummer"), filters=[strip], validators=[required(), max_length(STREET_ADDRESS_MAX)])
    postcode = StringField(
        _l("Postcode"), filters=[strip],
        validators=[required(), max_length(POSTCODE_MAX), Regexp(r"^\s*\d{4}\s?[A-Za-z]{2}\s*$", message=_l("Vul een postcode in zoals 5342 AB."))],
    )
    house_city = StringField(_l("Plaats"), filters=[strip], validators=[required(), max_length(NAME_MAX)])
    opening_hours = TextAreaField(
        _l("Openingstijden"), validators=[Optional(), max_length(OPENING_HOURS_MAX)],
        description=_l("Eén regel per dag, bijvoorbeeld: maandag 9:00–17:00"),
    )
    phone = StringField(_l("Telefoonnummer"), filters=[strip], validators=[Optional(), max_length(PHONE_MAX)])


class NeighbourhoodForm(HouseForm):
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

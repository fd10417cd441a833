from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional, Regexp

from community.forms import max_length, required, strip, valid_email
from community.neighbourhoods.models import ROLE_LABELS, Role


class HouseForm(FlaskForm):
    house_name = StringField(_l("Naam van het Huis van de Wijk"), filters=[strip], validators=[required(), max_length(100)])
    street_address = StringField(_l("Straat en huisnummer"), filters=[strip], validators=[required(), max_length(200)])
    postcode = StringField(
        _l("Postcode"), filters=[strip],
        validators=[required(), Regexp(r"^\s*\d{4}\s?[A-Za-z]{2}\s*$", message=_l("Vul een postcode in zoals 5342 AB."))],
    )
    house_city = StringField(_l("Plaats"), filters=[strip], validators=[required(), max_length(100)])
    opening_hours = TextAreaField(
        _l("Openingstijden"), validators=[Optional(), max_length(500)],
        description=_l("Eén regel per dag, bijvoorbeeld: maandag 9:00–17:00"),
    )
    phone = StringField(_l("Telefoonnummer"), filters=[strip], validators=[Optional(), max_length(30)])


class NeighbourhoodForm(HouseForm):
    name = StringField(_l("Naam van de buurt"), filters=[strip], validators=[required(), max_length(100)])
    city = StringField(_l("Gemeente"), filters=[strip], validators=[required(), max_length(100)])
    slug = StringField(
        _l("Webadres"), filters=[strip],
        validators=[Optional(), Regexp(r"^[a-z0-9-]{2,60}$", message=_l("Gebruik 2 tot 60 kleine letters, cijfers of streepjes."))],
        description=_l("Leeg laten maakt het uit de naam, bijvoorbeeld de-ruwaard."),
    )
    description = TextAreaField(_l("Korte beschrijving"), validators=[Optional(), max_length(1000)])


class RoomForm(FlaskForm):
    name = StringField(_l("Naam van de ruimte"), filters=[strip], validators=[required(), max_length(80)])
    capacity = IntegerField(
        _l("Aantal plaatsen"),
        validators=[required(_l("Vul een aantal in.")), NumberRange(min=1, max=1000, message=_l("Kies een aantal van 1 tot 1000."))],
    )
    is_wheelchair_accessible = BooleanField(_l("Toegankelijk met een rolstoel"))
    has_hearing_loop = BooleanField(_l("Ringleiding aanwezig"))


class RoleForm(FlaskForm):
    email = EmailField(_l("E-mailadres van de persoon"), filters=[strip], validators=[required(), valid_email(), max_length(254)])
    role = SelectField(
        _l("Rol"),
        choices=[SelectChoice(role.value, ROLE_LABELS[role]) for role in (Role.COORDINATOR, Role.TREASURER)],
        validators=[required()],
    )


class ConfirmForm(FlaskForm):
    """A form with only its CSRF token: for buttons that change something."""

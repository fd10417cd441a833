from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, IntegerField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange

from community.cards.collecting.albums import CODE_TYPED_MAX
from community.cards.collecting.models import COLLECTOR_NAME_MAX, PACK_PLACE_LABELS, PACK_PLACE_MAX, SWAP_CODE_LENGTH
from community.cards.collecting.packs import MAX_PACKS_PER_ROW
from community.forms import DateWithin, max_length, optional_int, required, strip
from community.recurrence import DateWindow, local_today, planning_window


def packs_window() -> DateWindow:
    """Packs are counted afterwards: from a year back up to today."""
    return DateWindow(planning_window().first, local_today())


class AlbumForm(FlaskForm):
    collector_name = StringField(_l("Naam van de verzamelaar"), filters=[strip],
                                 validators=[required(), max_length(COLLECTOR_NAME_MAX)],
                                 description=_l("Een voornaam of bijnaam, geen achternaam. Verzamel je voor je "
                                                "kinderen? Maak voor elk kind een album met zijn of haar naam."))


class CodeForm(FlaskForm):
    code = StringField(_l("Code van het plaatje"), filters=[strip], validators=[required(), max_length(CODE_TYPED_MAX)],
                       description=_l("De code staat op de achterkant, onder de QR-code."))


class SwappingForm(FlaskForm):
    is_swapping = BooleanField(_l("Ik wil ruilen: buren zien de naam van dit album en hoeveel dubbele plaatjes het heeft"))


class ProposeForm(FlaskForm):
    partner = HiddenField(filters=[optional_int])
    occurrence = SelectField(_l("Op welke ruilmiddag?"), coerce=optional_int, validate_choice=False)


class ConfirmForm(FlaskForm):
    code = StringField(_l("Code op de andere telefoon"), filters=[strip],
                       validators=[required(), max_length(SWAP_CODE_LENGTH + 4)])


class PackForm(FlaskForm):
    place_kind = RadioField(_l("Waar?"), choices=[SelectChoice(kind.value, label) for kind, label in PACK_PLACE_LABELS.items()],
                            validators=[InputRequired(message=_l("Kies een winkel of een activiteit."))])
    place_name = StringField(_l("Naam van de winkel of de activiteit"), filters=[strip],
                             validators=[required(), max_length(PACK_PLACE_MAX)])
    handed_out_on = DateField(_l("Datum"), validators=[InputRequired(message=_l("Vul een datum in.")),
                                                       DateWithin(packs_window)])
    packs = IntegerField(_l("Aantal pakjes"), validators=[
        InputRequired(message=_l("Vul een aantal in.")),
        NumberRange(min=1, max=MAX_PACKS_PER_ROW, message=_l("Vul een aantal tussen 1 en %(max)d in.",
                                                             max=MAX_PACKS_PER_ROW))])

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional

from community.forms import CheckboxList, FiniteDecimalField, max_length, required, strip
from community.images.forms import photo_field
from community.talents.placement import Reference
from community.talents.models import (ASSET_DESCRIPTION_MAX, ASSET_LABELS, ASSET_NAME_MAX, DAYS, PARTS, PROFILE_TEXT_MAX,
                                      PUBLIC_CONTACT_MAX, SKILLS, VISIBILITY_LABELS)



# Lazy labels: the accessible name of each checkbox ("maandag (ochtend)") is put into words in
# the reader's language when the page is drawn, not in Dutch when the module is imported.
SLOT_CHOICES = [SelectChoice(f"{day}-{part}", _l("%(day)s (%(part)s)", day=DAYS[day], part=PARTS[part]))
                for day in range(7) for part in range(3)]


class ProfileForm(FlaskForm):
    skills = CheckboxList(_l("Wat kan ik?"), choices=[SelectChoice(code, label) for code, label in SKILLS.items()])
    own_words = TextAreaField(_l("In mijn eigen woorden"), filters=[strip], validators=[Optional(), max_length(PROFILE_TEXT_MAX)],
                              description=_l("Bijvoorbeeld: ik bak graag taarten, ik spreek Tigrinya."))
    wants = TextAreaField(_l("Wat wil ik?"), filters=[strip], validators=[Optional(), max_length(PROFILE_TEXT_MAX)],
                          description=_l("Wat zou je graag doen of leren?"))
    needs = TextAreaField(_l("Wat heb ik nodig?"), filters=[strip], validators=[Optional(), max_length(PROFILE_TEXT_MAX)],
                          description=_l("Waar zou een buur jou mee kunnen helpen?"))
    free_slots = CheckboxList(_l("Wanneer heb ik tijd?"), choices=SLOT_CHOICES)
    visibility = RadioField(_l("Wie mag dit zien?"),
                            choices=[SelectChoice(v.value, label) for v, label in VISIBILITY_LABELS.items()],
                            validators=[required()])


class AssetForm(FlaskForm):
    kind = SelectField(_l("Soort"), choices=[SelectChoice(k.value, label) for k, label in ASSET_LABELS.items()],
                       validators=[required()])
    name = StringField(_l("Naam"), filters=[strip], validators=[required(), max_length(ASSET_NAME_MAX)])
    description = TextAreaField(_l("Beschrijving"), filters=[strip], validators=[Optional(), max_length(ASSET_DESCRIPTION_MAX)])
    public_contact = StringField(_l("Openbare contactgegevens of openingstijden"), filters=[strip],
                                 validators=[Optional(), max_length(PUBLIC_CONTACT_MAX)],
                                 description=_l("Nooit iemands huisadres."))
    latitude = FiniteDecimalField(_l("Breedtegraad (voor de kaart, mag leeg)"), places=6, validators=[
        Optional(), NumberRange(min=-90, max=90, message=_l("Een breedtegraad ligt tussen -90 en 90, bijvoorbeeld 51.7611."))],
        description=_l("Alleen voor een openbare plek of organisatie, nooit een huisadres."))
    longitude = FiniteDecimalField(_l("Lengtegraad (voor de kaart, mag leeg)"), places=6, validators=[
        Optional(), NumberRange(min=-180, max=180, message=_l("Een lengtegraad ligt tussen -180 en 180, bijvoorbeeld 5.5372."))])


class MapImageForm(FlaskForm):
    image = photo_field(_l("Tekening of kaart van de buurt"))


def _pixel(label) -> FiniteDecimalField:
    return FiniteDecimalField(label, places=1, validators=[
        InputRequired(_l("Vul een getal in.")),
        NumberRange(min=0, max=100_000, message=_l("Kies een getal van 0 tot de breedte of hoogte van de afbeelding."))])


def _latitude() -> FiniteDecimalField:
    return FiniteDecimalField(_l("Breedtegraad"), places=6, validators=[
        InputRequired(_l("Vul een getal in.")),
        NumberRange(min=-90, max=90, message=_l("Een breedtegraad ligt tussen -90 en 90, bijvoorbeeld 51.7611."))])


def _longitude() -> FiniteDecimalField:
    return FiniteDecimalField(_l("Lengtegraad"), places=6, validators=[
        InputRequired(_l("Vul een getal in.")),
        NumberRange(min=-180, max=180, message=_l("Een lengtegraad ligt tussen -180 en 180, bijvoorbeeld 5.5372."))])


class MapPointsForm(FlaskForm):
    """Two pixels of the image (typed, or filled in by clicking on it) and where on earth they are."""

    first_x = _pixel(_l("x (pixels vanaf links)"))
    first_y = _pixel(_l("y (pixels vanaf boven)"))
    first_latitude = _latitude()
    first_longitude = _longitude()
    second_x = _pixel(_l("x (pixels vanaf links)"))
    second_y = _pixel(_l("y (pixels vanaf boven)"))
    second_latitude = _latitude()
    second_longitude = _longitude()

    def references(self) -> tuple[Reference, Reference]:
        return tuple(Reference(*(float(self[f"{name}_{part}"].data) for part in ("x", "y", "latitude", "longitude")))
                     for name in ("first", "second"))

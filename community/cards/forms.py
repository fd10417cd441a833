from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional

from community.cards.models import (AGE_MAX, CATEGORY_STORY_MAX, CATEGORY_TITLE_MAX, DISPLAY_NAME_MAX,
                                    EDITION_NAME_MAX, EDITION_STATE_LABELS, EVENT_KIND_LABELS, LINE_MAX, MOST_CARDS,
                                    SCOPE_LABELS)
from community.forms import CheckboxList, max_length, optional_int, required, strip
from community.i18n import LANGUAGES
from community.images.forms import photo_field
from community.moderation.models import REASON_MAX

CODE_TYPED_MAX = 20


class EditionForm(FlaskForm):
    name = StringField(_l("Naam van de reeks"), filters=[strip], validators=[required(), max_length(EDITION_NAME_MAX)],
                       description=_l("Bijvoorbeeld: Buurtplaatjes De Ruwaard 2027."), render_kw={"dir": "auto"})
    card_count = IntegerField(_l("Hoeveel plaatjes komen er?"), validators=[
        InputRequired(message=_l("Vul een aantal in.")),
        NumberRange(1, MOST_CARDS, message=_l("Kies een aantal van 1 tot en met %(most)d.", most=MOST_CARDS))],
        render_kw={"inputmode": "numeric"})
    starts_on = DateField(_l("Begint op (mag leeg)"), validators=[Optional()])
    ends_on = DateField(_l("Eindigt op (mag leeg)"), validators=[Optional()])
    state = SelectField(_l("Stand"), choices=[SelectChoice(k.value, v) for k, v in EDITION_STATE_LABELS.items()],
                        validators=[Optional()])


class CategoryForm(FlaskForm):
    title = StringField(_l("Titel van de bladzijde"), filters=[strip],
                        validators=[required(), max_length(CATEGORY_TITLE_MAX)], render_kw={"dir": "auto"},
                        description=_l("Bijvoorbeeld: Mensen die ooit het roer hebben omgegooid."))
    locale = SelectField(_l("In welke taal is de titel geschreven?"),
                         choices=[SelectChoice(code, language.native_name) for code, language in LANGUAGES.items()])
    story = TextAreaField(_l("Het verhaal achter deze bladzijde (mag leeg)"), filters=[strip],
                          validators=[Optional(), max_length(CATEGORY_STORY_MAX)], render_kw={"dir": "auto", "rows": 4})


def add_title_fields(form_class):
    """One optional title field per language, title_<code>, for the other languages."""
    for code, language in LANGUAGES.items():
        setattr(form_class, f"title_{code}", StringField(
            _l("Titel in deze taal: %(language)s (mag leeg)", language=language.native_name), filters=[strip],
            validators=[Optional(), max_length(CATEGORY_TITLE_MAX)], render_kw={"dir": "auto", "lang": code}))
    return form_class


add_title_fields(CategoryForm)


class EventForm(FlaskForm):
    activity_id = SelectField(_l("Activiteit uit de agenda"), coerce=optional_int, validate_choice=False,
                              validators=[InputRequired(message=_l("Kies een activiteit."))])
    kind = RadioField(_l("Wat is het?"), choices=[SelectChoice(k.value, v) for k, v in EVENT_KIND_LABELS.items()],
                      validators=[InputRequired(message=_l("Kies wat voor bijeenkomst het is."))])


class CardForm(FlaskForm):
    """A neighbour's card: the page, the name shown, one line, a photo and the consents."""

    category_id = RadioField(_l("Op welke bladzijde van het album?"), coerce=optional_int, validate_choice=False,
                             validators=[Optional()])
    proposed_category = StringField(_l("Of stel een nieuwe bladzijde voor (mag leeg)"), filters=[strip],
                                    validators=[Optional(), max_length(CATEGORY_TITLE_MAX)], render_kw={"dir": "auto"},
                                    description=_l("Begin met: Mensen die … De buurtregisseur kijkt ernaar."))
    display_name = StringField(_l("Naam op het plaatje"), filters=[strip],
                               validators=[required(), max_length(DISPLAY_NAME_MAX)],
                               render_kw={"dir": "auto", "autocomplete": "off"},
                               description=_l("Een voornaam of bijnaam. Nooit je achternaam of adres."))
    line = StringField(_l("Eén korte zin"), filters=[strip], validators=[required(), max_length(LINE_MAX)],
                       render_kw={"dir": "auto"}, description=_l("Bijvoorbeeld: Ik zing het hardst onder de douche."))
    age = IntegerField(_l("Leeftijd (mag leeg)"), validators=[Optional(), NumberRange(
        0, AGE_MAX, message=_l("Vul een leeftijd in van 0 tot en met %(most)d, of laat het leeg.", most=AGE_MAX))],
        render_kw={"inputmode": "numeric"})
    who = RadioField(_l("Van wie is het plaatje?"), default="self", choices=[
        SelectChoice("self", _l("Van mij")), SelectChoice("child", _l("Van mijn kind (jonger dan 16)")),
        SelectChoice("pet", _l("Van mijn huisdier"))])
    is_guardian = BooleanField(_l("Ik ben de ouder of voogd van dit kind en geef de toestemming hieronder."))
    photo = photo_field(_l("Foto"), _l("De foto wordt opnieuw opgeslagen, zonder de gegevens van je telefoon "
                                       "(zoals waar hij gemaakt is). Je kunt ook een foto laten maken in het "
                                       "Huis van de Wijk."))
    scopes = CheckboxList(_l("Waar mag je plaatje komen?"),
                          choices=[SelectChoice(k.value, v) for k, v in SCOPE_LABELS.items()])


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reden (de maker leest die, de buurt niet)"), filters=[strip],
                           validators=[Optional(), max_length(REASON_MAX)], render_kw={"dir": "auto", "rows": 3})

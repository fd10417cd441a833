from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from community.forms import max_length, optional_int, required, strip
from community.initiatives.models import NEED_LABELS

NEED_CHOICES = [SelectChoice(kind.value, label) for kind, label in NEED_LABELS.items()]
PHOTO_TYPES = FileAllowed(["jpg", "jpeg", "png", "webp"], message=_l("Kies een JPG-, PNG- of WebP-foto."))


class ProposalForm(FlaskForm):
    title = StringField(_l("Een korte naam"), filters=[strip], validators=[required(), max_length(120)],
                        description=_l("Bijvoorbeeld: Speeltuin opknappen"))
    want = TextAreaField(_l("Wat willen we?"), filters=[strip], validators=[required(), max_length(3000)],
                         description=_l("Vertel in gewone woorden wat je wilt doen of veranderen."))
    can_do = TextAreaField(_l("Wat kunnen we zelf?"), filters=[strip], validators=[required(), max_length(3000)],
                           description=_l("Wie doen er mee, en wat kunnen jullie zelf regelen?"))


class NeedForm(FlaskForm):
    kind = SelectField(_l("Wat hebben we nodig?"), choices=NEED_CHOICES, validators=[required()])
    description = StringField(_l("Wat precies?"), filters=[strip], validators=[required(), max_length(200)],
                              description=_l("Bijvoorbeeld: twee mensen om zaterdag te schilderen, of een ladder."))
    people = IntegerField(_l("Hoeveel mensen? (bij handen)"), validators=[Optional(), NumberRange(min=1, max=500, message=_l("Kies een aantal van 1 tot 500."))])
    amount = IntegerField(_l("Hoeveel euro? (bij geld)"), validators=[Optional(), NumberRange(min=1, max=100000, message=_l("Kies een bedrag van 1 tot 100.000 euro."))])


class PhotoForm(FlaskForm):
    photo = FileField(_l("Foto (mag ook later)"), validators=[PHOTO_TYPES])


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reden"), filters=[strip], validators=[Optional(), max_length(2000)])


class JoinForm(FlaskForm):
    need_id = SelectField(_l("Waarmee help je?"), coerce=optional_int, validate_choice=False)
    message = StringField(_l("Wat breng je mee, of wanneer kun je?"), filters=[strip],
                          validators=[required(), max_length(300)],
                          description=_l("Bijvoorbeeld: ik heb een ladder, of: ik kan zaterdag."))


class PostForm(FlaskForm):
    body = TextAreaField(_l("Bericht"), filters=[strip], validators=[required(), max_length(2000)])
    photo = FileField(_l("Foto (mag leeg)"), validators=[PHOTO_TYPES])


class FinishForm(FlaskForm):
    reason = TextAreaField(_l("Wat is er gelukt?"), filters=[strip], validators=[required(), max_length(2000)])


class ReportForm(FlaskForm):
    reason = StringField(_l("Waarom meld je dit?"), filters=[strip], validators=[required(), max_length(500)])


class SummaryPreferenceForm(FlaskForm):
    daily = BooleanField(_l("Stuur mij één overzicht per dag in plaats van een e-mail per initiatief"))

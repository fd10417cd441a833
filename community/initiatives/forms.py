from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from community.forms import max_length, optional_int, required, strip
from community.initiatives.models import (CAN_DO_MAX, CONTRIBUTION_MESSAGE_MAX, INITIATIVE_TITLE_MAX, NEED_DESCRIPTION_MAX,
                                          NEED_LABELS, POST_BODY_MAX, RESULT_MAX, WANT_MAX)
from community.moderation.models import REASON_MAX

NEED_CHOICES = [SelectChoice(kind.value, label) for kind, label in NEED_LABELS.items()]
PHOTO_TYPES = FileAllowed(["jpg", "jpeg", "png", "webp"], message=_l("Kies een JPG-, PNG- of WebP-foto."))


class ProposalForm(FlaskForm):
    title = StringField(_l("Een korte naam"), filters=[strip], validators=[required(), max_length(INITIATIVE_TITLE_MAX)],
                        description=_l("Bijvoorbeeld: Speeltuin opknappen"))
    want = TextAreaField(_l("Wat willen we?"), filters=[strip], validators=[required(), max_length(WANT_MAX)],
                         description=_l("Vertel in gewone woorden wat je wilt doen of veranderen."))
    can_do = TextAreaField(_l("Wat kunnen we zelf?"), filters=[strip], validators=[required(), max_length(CAN_DO_MAX)],
                           description=_l("Wie doen er mee, en wat kunnen jullie zelf regelen?"))


class NeedForm(FlaskForm):
    kind = SelectField(_l("Wat hebben we nodig?"), choices=NEED_CHOICES, validators=[required()])
    description = StringField(_l("Wat precies?"), filters=[strip], validators=[required(), max_length(NEED_DESCRIPTION_MAX)],
                              description=_l("Bijvoorbeeld: twee mensen om zaterdag te schilderen, of een ladder."))
    people = IntegerField(_l("Hoeveel mensen? (bij handen)"), validators=[Optional(), NumberRange(min=1, max=500, message=_l("Kies een aantal van 1 tot 500."))])
    amount = IntegerField(_l("Hoeveel euro? (bij geld)"), validators=[Optional(), NumberRange(min=1, max=100000, message=_l("Kies een bedrag van 1 tot 100.000 euro."))])


class PhotoForm(FlaskForm):
    photo = FileField(_l("Foto (mag ook later)"), validators=[PHOTO_TYPES])


class ReasonForm(FlaskForm):
    """A coordinator's reason for a step; on the page as the reason to publish, ask for changes or decline."""

    reason = TextAreaField(_l("Reden (nodig bij aanpassen of afwijzen; de initiatiefnemer ziet dit)"), filters=[strip],
                           validators=[Optional(), max_length(REASON_MAX)], render_kw={"dir": "auto"})
    # A ready-made reason ('decline:1'), used when the text box is left empty (so it works without JavaScript).
    template = RadioField(_l("Kies een voorbeeldtekst"), choices=[SelectChoice("", _l("Geen voorbeeldtekst"))],
                          validate_choice=False, default="")


class JoinForm(FlaskForm):
    need_id = SelectField(_l("Waarmee help je?"), coerce=optional_int, validate_choice=False)
    message = StringField(_l("Wat breng je mee, of wanneer kun je?"), filters=[strip],
                          validators=[required(), max_length(CONTRIBUTION_MESSAGE_MAX)],
                          description=_l("Bijvoorbeeld: ik heb een ladder, of: ik kan zaterdag."))


class PostForm(FlaskForm):
    body = TextAreaField(_l("Bericht"), filters=[strip], validators=[required(), max_length(POST_BODY_MAX)])
    photo = FileField(_l("Foto (mag leeg)"), validators=[PHOTO_TYPES])


class FinishForm(FlaskForm):
    reason = TextAreaField(_l("Wat is er gelukt?"), filters=[strip], validators=[required(), max_length(RESULT_MAX)])


class ReportForm(FlaskForm):
    reason = StringField(_l("Waarom meld je dit?"), filters=[strip], validators=[required(), max_length(REASON_MAX)])


class SummaryPreferenceForm(FlaskForm):
    daily = BooleanField(_l("Stuur mij één overzicht per dag in plaats van een e-mail per initiatief"))

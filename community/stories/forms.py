from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from community.forms import max_length, optional_int, required, strip
from community.images.forms import PhotoFields
from community.moderation.models import REASON_MAX
from community.stories.models import STORY_BODY_MAX, STORY_TITLE_MAX, SUBJECT_LABELS


class StoryForm(PhotoFields, FlaskForm):
    title = StringField(_l("Een korte titel"), filters=[strip], validators=[required(), max_length(STORY_TITLE_MAX)],
                        render_kw={"dir": "auto"}, description=_l("Bijvoorbeeld: De eerste buurtlunch"))
    body = TextAreaField(_l("Je verhaal"), filters=[strip], validators=[required(), max_length(STORY_BODY_MAX)],
                         render_kw={"dir": "auto", "rows": 8},
                         description=_l("Wat gebeurde er, en wat betekende het voor jou? Een paar zinnen is genoeg."))
    subject = RadioField(_l("Waar gaat je verhaal over?"), validators=[required(_l("Kies waar je verhaal over gaat."))],
                         choices=[SelectChoice(key.value, label) for key, label in SUBJECT_LABELS.items()],
                         default="other")
    initiative = SelectField(_l("Welk initiatief? (mag leeg)"), coerce=optional_int, validate_choice=False,
                             validators=[Optional()])
    activity = SelectField(_l("Welke activiteit? (mag leeg)"), coerce=optional_int, validate_choice=False,
                           validators=[Optional()])
    may_show_publicly = BooleanField(_l("Iedereen mag mijn verhaal lezen (op de website en in het jaarverslag)"))
    may_show_name = BooleanField(_l("Mijn naam mag erbij staan"))


class DeclineForm(FlaskForm):
    reason = TextAreaField(_l("Waarom niet (de schrijver leest dit)"), filters=[strip],
                           validators=[required(), max_length(REASON_MAX)])

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from community.forms import CheckboxList, DateWithin, max_length, required, strip
from community.i18n import LANGUAGES
from community.kiosk.models import BANNER_MAX, SCREEN_NAME_MAX, SLIDES
from community.recurrence import task_window


class ScreenForm(FlaskForm):
    name = StringField(_l("Naam van het scherm"), filters=[strip], validators=[required(), max_length(SCREEN_NAME_MAX)],
                       description=_l("Bijvoorbeeld: Hal De Haard."))
    slides = CheckboxList(_l("Wat laat het scherm zien?"), choices=[SelectChoice(k, v) for k, v in SLIDES.items()],
                          description=_l("Een dia zonder inhoud slaat het scherm over."))
    languages = CheckboxList(_l("In welke talen? (het scherm wisselt)"),
                             choices=[SelectChoice(code, language.native_name) for code, language in LANGUAGES.items()])
    banner = StringField(_l("Bericht bovenaan (mag leeg)"), filters=[strip], validators=[Optional(), max_length(BANNER_MAX)],
                         description=_l("Bijvoorbeeld: Vandaag gesloten wegens storing. Iedereen kan het lezen."))
    banner_until = DateField(_l("Bericht tonen tot en met (mag leeg)"), validators=[Optional(), DateWithin(task_window)])

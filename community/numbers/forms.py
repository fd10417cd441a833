from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField

from community.forms import CheckboxList, max_length, optional_int, strip
from community.stories.models import REPORT_TEXT_MAX


class ReportForm(FlaskForm):
    text = TextAreaField(_l("Jullie eigen woorden bovenaan het verslag (mag leeg)"), filters=[strip],
                         validators=[max_length(REPORT_TEXT_MAX)],
                         description=_l("Wat ging goed, wat leerden jullie, wat willen jullie volgend jaar?"))
    stories = CheckboxList(_l("Welke verhalen komen in het verslag?"), coerce=optional_int, validate_choice=False)

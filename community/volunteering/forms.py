from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional

from community.recurrence import PATTERNS, task_window, until_window
from community.forms import CheckboxList, DateWithin, max_length, required, strip
from community.images.forms import PhotoFields
from community.talents.models import SKILLS
from community.volunteering.models import PLACE_MAX, SHIFT_NOTE_MAX, TASK_DESCRIPTION_MAX, TASK_TITLE_MAX

SKILL_CHOICES = [SelectChoice(code, label) for code, label in SKILLS.items()]


def _people(label):
    # InputRequired, not DataRequired: 0 is an answer (and gets the range message), not a blank.
    return IntegerField(label, default=1, validators=[
        InputRequired(message=_l("Vul in hoeveel mensen er nodig zijn.")),
        NumberRange(min=1, max=50, message=_l("Kies een aantal van 1 tot 50."))])


class TaskAboutForm(FlaskForm, PhotoFields):
    """What a task is about; the edit form of a task."""

    title = StringField(_l("Wat moet er gebeuren?"), filters=[strip], validators=[required(), max_length(TASK_TITLE_MAX)],
                        description=_l("Kort en duidelijk, bijvoorbeeld: bardienst in De Haard."))
    description = TextAreaField(_l("Meer uitleg"), filters=[strip], validators=[Optional(), max_length(TASK_DESCRIPTION_MAX)])
    skills = CheckboxList(_l("Welke talenten helpen hierbij?"), choices=SKILL_CHOICES,
                          description=_l("Niets aangevinkt: iedereen kan helpen."))
    people_needed = _people(_l("Hoeveel mensen zijn er nodig?"))
    place = StringField(_l("Waar?"), filters=[strip], validators=[Optional(), max_length(PLACE_MAX)],
                        description=_l("Iedereen ziet dit. Bijvoorbeeld: Huis van de Wijk De Haard, de bar."))


class WhenFields:
    first_date = DateField(_l("Datum"), validators=[required(_l("Kies een datum.")), DateWithin(task_window)])
    start_time = TimeField(_l("Begintijd"), validators=[required(_l("Kies een tijd."))])
    duration_minutes = IntegerField(_l("Duur in minuten"), default=120, validators=[
        required(_l("Vul een duur in.")),
        NumberRange(min=15, max=12 * 60, message=_l("Kies een duur van 15 tot 720 minuten."))])


class NewTaskForm(TaskAboutForm, WhenFields):
    pattern = SelectField(_l("Herhalen"), choices=[SelectChoice(k, v) for k, v in PATTERNS.items()],
                          validators=[required()], description=_l("Een vaste dienst, zoals elke dinsdagmiddag bardienst."))
    until_date = DateField(_l("Tot en met (mag leeg)"), validators=[Optional(), DateWithin(until_window)])


class RequestAboutForm(TaskAboutForm):
    """A resident's 'wie helpt mij met …', worded for the one who asks. Without a photo: a picture of
    the help that is needed so often shows the asker's home, street or face, and a request promises
    to show neither who asks nor where they live."""

    photo = None
    photo_description = None
    remove_photo = None

    title = StringField(_l("Waar heb je hulp bij nodig?"), filters=[strip], validators=[required(), max_length(TASK_TITLE_MAX)],
                        description=_l("Bijvoorbeeld: wie loopt met mij naar de markt?"))
    people_needed = _people(_l("Met hoeveel mensen?"))
    place = StringField(_l("In welke buurt of straat?"), filters=[strip], validators=[Optional(), max_length(PLACE_MAX)],
                        description=_l("Iedereen ziet dit. Zet hier geen huisnummer."))
    private_place = StringField(_l("Waar precies?"), filters=[strip], validators=[Optional(), max_length(PLACE_MAX)],
                                description=_l("Je adres of een plek om af te spreken. Alleen de buur die jij "
                                               "kiest ziet dit."))


class RequestForm(RequestAboutForm, WhenFields):
    duration_minutes = IntegerField(_l("Hoe lang ongeveer, in minuten?"), default=60, validators=[
        required(_l("Vul een duur in.")),
        NumberRange(min=15, max=12 * 60, message=_l("Kies een duur van 15 tot 720 minuten."))])


class ReasonForm(FlaskForm):
    reason = StringField(_l("Reden (wie zich aanmeldde ziet dit)"), filters=[strip],
                         validators=[required(_l("Schrijf kort waarom, bijvoorbeeld: De Haard is dicht.")),
                                     max_length(SHIFT_NOTE_MAX)])


class CloseForm(FlaskForm):
    reason = StringField(_l("Waarom stopt het? (mag leeg)"), filters=[strip], validators=[Optional(), max_length(SHIFT_NOTE_MAX)],
                         description=_l("Bijvoorbeeld: het is gelukt, dank jullie wel!"))

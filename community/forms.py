"""Shared form pieces: validators with friendly, translated messages."""
from __future__ import annotations

from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, SelectMultipleField, TimeField
from wtforms.validators import DataRequired, Email, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from community.web import bounded_id


class CheckboxList(SelectMultipleField):
    """A multiple choice shown as checkboxes, which are easier on a phone than a multi-select."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def required(message=None) -> DataRequired:
    return DataRequired(message=message or _l("Vul dit veld in."))


def max_length(count: int) -> Length:
    return Length(max=count, message=_l("Gebruik hoogstens %(max)d tekens.", max=count))


def valid_email() -> Email:
    return Email(message=_l("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."), check_deliverability=False)


def strip(value):
    """Leading and trailing spaces are never meant (phones add them after autocomplete)."""
    return value.strip() if isinstance(value, str) else value


def optional_int(value):
    """Coerce a select's value to an id a row could have; anything else becomes None (and
    "required" answers): never a number the database cannot hold."""
    if isinstance(value, bool):
        return None
    return bounded_id(value)


NOT_A_DECIMAL = "Not a valid decimal value."  # WTForms' own message, translated by WTForms' catalogues


class FiniteDecimalField(DecimalField):
    """A DecimalField that refuses NaN and infinity, which no amount or coordinate can be (and
    which range validators cannot compare), with the message DecimalField gives for "abc"."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not self.data.is_finite():
            self.data = None
            raise ValueError(self.gettext(NOT_A_DECIMAL))


class DateWithin:
    """A date inside a window that moves with today (e.g. recurrence.planning_window). The date
    the form was shown with stays allowed, so an old series can still be edited as it is."""

    def __init__(self, window: Callable[[], object]):
        self.window = window

    def __call__(self, form, field) -> None:
        if field.data is None or field.data == field.object_data:
            return
        window = self.window()
        if field.data not in window:
            raise ValidationError(window.refusal(field.data))


class ClockField(TimeField):
    """A time of day as <input type="time"> sends it (09:00), or as typed where a browser shows a
    plain text box (9:00, 9.00, 21:30:00); anything else is one translated message at the field."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=["%H:%M", "%H.%M", "%H:%M:%S"],
                         invalid_value_message=_l("Vul een tijd in zoals 09:00."), **kwargs)

    def process_formdata(self, valuelist):
        super().process_formdata([value.strip() if isinstance(value, str) else value for value in valuelist])

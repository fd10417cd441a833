"""Shared form pieces: validators with friendly, translated messages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField
from wtforms.validators import DataRequired, Email, Length
from wtforms.widgets import CheckboxInput, ListWidget


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
    """Coerce a select's value to int; anything else becomes None (and "required" answers)."""
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 10 else None

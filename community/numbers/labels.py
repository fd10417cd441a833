"""Words the numbers' pages share: sections, month names short enough for twelve bars on a phone,
and a figure's value as text."""
from __future__ import annotations

from babel.dates import get_month_names
from flask_babel import get_locale, gettext as _, lazy_gettext as _l

from community.i18n import format_cents
from flask_babel import format_decimal

SECTIONS = {
    "agenda": _l("In het Huis van de Wijk"),
    "volunteering": _l("Vrijwilligers en burenhulp"),
    "initiatives": _l("Initiatieven van bewoners"),
    "talents": _l("Talenten"),
    "pot": _l("Lief-en-leedpot"),
    "cards": _l("Buurtplaatjes"),
}


def month_labels() -> dict:
    """Short month names ('jan'), else one-letter ones when they tell the months apart (Arabic),
    else numbers; and the full names for tables."""
    locale = str(get_locale())
    short = {n: name.rstrip(".") for n, name in get_month_names("abbreviated", "stand-alone", locale).items()}
    if max(len(name) for name in short.values()) > 4:
        narrow = get_month_names("narrow", "stand-alone", locale)
        short = dict(narrow) if len(set(narrow.values())) == 12 else {n: str(n) for n in range(1, 13)}
    return {"month_short": short, "month_wide": dict(get_month_names("wide", "stand-alone", locale))}


def plain_amount(unit: str, amount: int) -> str:
    if unit == "minutes":
        return format_decimal(round(amount / 60))
    if unit == "cents":
        return format_cents(amount)
    return format_decimal(amount)


def value_text(figure, value) -> str:
    """What a cell says: the number, 'minder dan 5', or a dash for a total left out."""
    if value.is_small:
        return _("minder dan 5")
    if value.is_hidden:
        return "–"
    if figure.unit == "average":
        return format_decimal(value.amount / value.per, "0.0")
    return plain_amount(figure.unit, value.amount)


def bar_amount(figure, value) -> float:
    """The height a bar stands for (hours for minutes); a left-out value draws none."""
    shown = value.shown or 0
    if figure.unit == "average":
        return shown / value.per if value.per else 0
    return shown / 60 if figure.unit == "minutes" else shown


def bars(line) -> list[tuple[int, float, str, bool]]:
    """A chart's twelve bars: (month, height as a share of the tallest, text, is small)."""
    amounts = [bar_amount(line.figure, value) for value in line.months]
    tallest = max([1, *amounts])
    return [(n + 1, amount / tallest, value_text(line.figure, value), value.is_small)
            for n, (amount, value) in enumerate(zip(amounts, line.months))]

"""Amounts as people type them, IBANs, and the EPC ("GiroCode") QR code a banking app scans.

Libraries: Babel parses a number the way the reader's language writes it (strictly: "12,345" is
not twelve thousand in Dutch); python-stdnum checks an IBAN's country format and its mod-97
check digits; segno draws the EPC QR code to the European Payments Council's guidelines (version
002, error correction M), and the site's other QR codes.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal
from flask_babel import lazy_gettext as _l
from segno import helpers as segno_helpers
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as NumberError

from community.i18n import format_cents
from community.qr import svg_of

CURRENCY_MARKS = re.compile(r"€|\bEUR\b|\beuro?\b", re.IGNORECASE)
PLAIN_AMOUNT = re.compile(r"^\d{1,7}(?:[.,]\d{1,2})?$")  # 12 · 12,5 · 12.50: no thousands, so never ambiguous
NOT_AN_AMOUNT = re.compile(r"[^0-9.,]")
ARABIC_SEPARATORS = str.maketrans({"\u066b": ".", "\u066c": ",", "\u2212": "-"})


class AmountError(ValueError):
    """What was typed is not an amount we can book; the message says why, in the reader's language."""


def parse_amount(text: str | None, locale: str, *, max_cents: int, allow_zero: bool = False) -> int:
    """Cents from '12,50', '€ 12,50', '12.50', '1.000' (nl) or '٣٫٥٠'; AmountError otherwise."""
    cleaned = _normalised(text)
    if not cleaned:
        raise AmountError(_l("Vul een bedrag in, zoals 12,50."))
    if cleaned.startswith(("-", "+")):
        raise AmountError(_l("Vul een bedrag zonder min- of plusteken in."))
    if NOT_AN_AMOUNT.search(cleaned):  # letters, '1e3', 'NaN': an amount is digits and separators
        raise AmountError(_l("Vul een bedrag in, zoals 12,50."))
    value = _decimal(cleaned, locale)
    if value * 100 > max_cents:
        raise AmountError(_l("Een bedrag kan hoogstens %(max)s zijn.", max=format_cents(max_cents)))
    cents = _cents(value)
    if cents == 0 and not allow_zero:
        raise AmountError(_l("Vul een bedrag groter dan nul in."))
    return cents


def _normalised(text: str | None) -> str:
    text = CURRENCY_MARKS.sub("", str(text or "")).translate(ARABIC_SEPARATORS)
    text = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)  # ٣ -> 3
    return "".join(ch for ch in text if not ch.isspace())[:40]


def _decimal(cleaned: str, locale: str) -> Decimal:
    if PLAIN_AMOUNT.match(cleaned):
        return Decimal(cleaned.replace(",", "."))
    try:
        value = parse_decimal(cleaned, locale=locale, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        raise AmountError(_l("Vul een bedrag in, zoals 12,50.")) from None
    if not value.is_finite():
        raise AmountError(_l("Vul een bedrag in, zoals 12,50."))
    return value


def _cents(value: Decimal) -> int:
    if value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise AmountError(_l("Gebruik hoogstens twee cijfers achter de komma, zoals 12,50."))
    return int(value * 100)


def amount_text(cents: int | None, locale: str) -> str:
    """What a money field shows for cents it was given: '12,50' / '12.50', no currency sign."""
    if cents is None:
        return ""
    from babel.numbers import format_decimal

    return format_decimal(Decimal(cents) / 100, format="0.00", locale=locale)


class IbanError(ValueError):
    pass


def compact_iban(text: str | None) -> str:
    """The IBAN without spaces, checked (country format and check digits); IbanError otherwise."""
    try:
        return stdnum_iban.validate(str(text or ""))
    except NumberError:
        raise IbanError(_l("Dit is geen geldig IBAN. Controleer het nummer, zoals NL91 ABNA 0417 1643 00.")) from None


def readable_iban(compact: str) -> str:
    return stdnum_iban.format(compact) if compact else ""


def epc_qr_svg(*, name: str, iban: str, amount_cents: int, text: str) -> str:
    """An EPC QR code as SVG: a banking app fills in the transfer (the person still confirms it)."""
    code = segno_helpers.make_epc_qr(name=name[:70], iban=iban, amount=Decimal(amount_cents) / 100,
                                     text=text[:140] or name[:70])
    return svg_of(code)

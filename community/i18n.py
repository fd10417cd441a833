"""Languages, locale choice and formatting helpers."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, has_request_context, request, session
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape
from flask_babel import format_currency, format_date, format_datetime, format_decimal, format_time, get_locale
from flask_login import current_user


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    direction: str = "ltr"


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("nl", "Nederlands"),
        Language("en", "English"),
        Language("tr", "Türkçe"),
        Language("ar", "العربية", "rtl"),
        Language("pl", "Polski"),
        Language("uk", "Українська"),
    )
}
DEFAULT_LOCALE = "nl"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SESSION_KEY = "locale"


def is_supported(code: str | None) -> bool:
    return bool(code) and code in LANGUAGES


def select_locale() -> str:
    """Saved preference, then an explicit switch, then the browser's Accept-Language."""
    if not has_request_context():  # commands and background work speak the source language
        return DEFAULT_LOCALE
    if getattr(current_user, "is_authenticated", False) and is_supported(current_user.locale):
        return current_user.locale
    chosen = session.get(SESSION_KEY)
    if is_supported(chosen):
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LOCALE


def current_language() -> Language:
    return LANGUAGES.get(str(get_locale()), LANGUAGES[DEFAULT_LOCALE])


def remember_locale(code: str) -> None:
    session[SESSION_KEY] = code


def format_cents(cents: int) -> str:
    """Integer cents as money in the reader's locale: € 2,50 / €2.50 / 2,50 €."""
    return _format_cents_cached(cents, str(get_locale()))


@lru_cache(maxsize=1024)
def _format_cents_cached(cents: int, locale: str) -> str:
    # Babel's currency formatting is slow and lists repeat the same few prices.
    return format_currency(Decimal(cents) / 100, "EUR")


def format_clock(moment: datetime) -> str:
    """HH:MM in Amsterdam time; every supported language writes times this way, and Babel's
    full formatter is too slow for a week of 200 activities."""
    return moment.astimezone(AMSTERDAM).strftime("%H:%M")


def format_list(items) -> str:
    """'koken, tuinieren en muziek' / 'الطبخ والبستنة' : a list joined the way the reader's language does.
    Items that are markup (a name isolated in <bdi>) stay markup; plain items are escaped."""
    from babel.lists import format_list as babel_format_list

    items = list(items)
    if any(isinstance(item, Markup) for item in items):
        return Markup(babel_format_list([str(escape(item)) for item in items], locale=str(get_locale())))
    return babel_format_list([str(item) for item in items], locale=str(get_locale()))


def install_template_helpers(app: Flask) -> None:
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters.update(
        date=format_date,
        datetime=format_datetime,
        time=format_time,
        number=format_decimal,
        money=format_cents,
        clock=format_clock,
        join_list=format_list,
    )
    app.jinja_env.globals.update(languages=LANGUAGES, current_language=current_language)

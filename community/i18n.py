"""Languages, locale choice and formatting helpers."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, request, session
from flask_babel import format_date, format_datetime, format_decimal, format_time, get_locale
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
SESSION_KEY = "locale"


def is_supported(code: str | None) -> bool:
    return bool(code) and code in LANGUAGES


def select_locale() -> str:
    """Saved preference, then an explicit switch, then the browser's Accept-Language."""
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


def install_template_helpers(app: Flask) -> None:
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters.update(
        date=format_date,
        datetime=format_datetime,
        time=format_time,
        number=format_decimal,
    )
    app.jinja_env.globals.update(languages=LANGUAGES, current_language=current_language)

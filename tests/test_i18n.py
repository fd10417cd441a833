from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from community.cli import EXTRACT_ARGS
from community.i18n import LANGUAGES

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
CATALOGUE_LOCALES = [code for code in LANGUAGES if code != "nl"]  # nl is the source language


@pytest.mark.parametrize("locale", CATALOGUE_LOCALES)
def test_catalogue_is_complete_and_compiles(locale):
    po_path = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as handle:
        catalogue = read_po(handle, locale=locale)
    entries = [message for message in catalogue if message.id]
    untranslated = [m.id for m in entries if not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in entries if m.fuzzy]
    assert entries, "empty catalogue"
    assert untranslated == [], f"{len(untranslated)} untranslated"
    assert fuzzy == []
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("locale", CATALOGUE_LOCALES)
def test_plural_rule_picks_the_right_form_for_every_number(locale):
    """The catalogue's Plural-Forms must pick the form Babel's CLDR-based rule picks (Arabic has
    six: 15 takes the 'many' form, 101 the 'other' one); a wrong header shows the wrong words."""
    import gettext

    from babel.messages.plurals import get_plural

    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale=locale)
    expected = get_plural(locale)
    if catalogue.num_plurals == 1:
        return  # one form for every number (Turkish says "3 kişi"): nothing to pick wrongly
    written, wanted = gettext.c2py(catalogue.plural_expr), gettext.c2py(expected.plural_expr)
    assert catalogue.num_plurals == expected.num_plurals
    assert [written(n) for n in range(250)] == [wanted(n) for n in range(250)]


def test_catalogues_hold_every_string_in_the_code():
    template = TRANSLATIONS / "messages.pot"
    with template.open("rb") as handle:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    # Extract afresh: a string added to the code but not to the template fails here.
    fresh = TRANSLATIONS.parent / ".pytest_cache" / "fresh.pot"
    fresh.parent.mkdir(exist_ok=True)
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *EXTRACT_ARGS, "-o", str(fresh), "."],
                   cwd=TRANSLATIONS.parent, check=True, capture_output=True)
    with fresh.open("rb") as handle:
        found = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert found - wanted == set(), "run `flask translate update` and translate the new strings"
    # Every folder of templates is read, also the ones whose name starts with "_".
    in_templates = {literal for path in (TRANSLATIONS.parent / "templates").rglob("*.html")
                    for literal in re.findall(r"""\b_\('([^'\n]+)'\)""", path.read_text())}
    assert in_templates - found == set()


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_every_language_renders_with_the_right_lang_and_dir(client, code):
    page = client.get("/", headers={"Accept-Language": code})
    language = LANGUAGES[code]
    assert f'<html lang="{code}" dir="{language.direction}"' in page.text
    if code != "nl":
        assert "Kies je buurt" not in page.text  # translated, not the Dutch source


def test_locale_order_saved_then_switch_then_browser(client, login_as, make_user):
    assert 'lang="tr"' in client.get("/", headers={"Accept-Language": "tr,en;q=0.5"}).text
    assert 'lang="nl"' in client.get("/", headers={"Accept-Language": "de"}).text  # unsupported: Dutch
    client.post("/language", data={"lang": "pl", "next": "/"})
    assert 'lang="pl"' in client.get("/", headers={"Accept-Language": "tr"}).text
    login_as(make_user(locale="uk"))
    assert 'lang="uk"' in client.get("/account/profile", headers={"Accept-Language": "tr"}).text


def test_switching_language_while_logged_in_is_saved(client, login_as, make_user):
    user = make_user(locale="nl")
    login_as(user)
    response = client.post("/language", data={"lang": "ar", "next": "/account/profile"})
    assert response.status_code == 303 and response.location.endswith("/account/profile")
    assert user.locale == "ar"


def test_language_switch_refuses_unknown_codes_and_foreign_redirects(client):
    assert client.post("/language", data={"lang": "xx"}).status_code == 422
    response = client.post("/language", data={"lang": "en", "next": "https://evil.example"})
    assert response.location.endswith("/")


def test_switcher_names_languages_in_their_own_script(client):
    page = client.get("/").text
    for name in ("Nederlands", "English", "Türkçe", "العربية", "Polski", "Українська"):
        assert name in page


def test_dates_and_numbers_follow_the_locale_and_amsterdam_time(app):
    from flask_babel import force_locale, format_datetime, format_decimal

    summer_noon_utc = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)  # 12:00 in Amsterdam (CEST)
    with app.test_request_context():
        with force_locale("nl"):
            assert "12:00" in format_datetime(summer_noon_utc, "short")
            assert format_decimal(1234.5) == "1.234,5"
        with force_locale("en"):
            assert format_decimal(1234.5) == "1,234.5"


def test_a_name_in_a_flash_message_is_isolated_from_the_arabic_sentence(client, login_as, make_user, make_neighbourhood):
    """A name like "Hasan N." in an Arabic message keeps its dot after the name: it sits between FSI and PDI."""
    make_neighbourhood(slug="ander", name="St. Jan.")
    login_as(make_user())
    client.post("/language", data={"lang": "ar", "next": "/"})
    page = client.post("/ander/join", follow_redirects=True).text
    assert '<html lang="ar" dir="rtl"' in page and "\u2068St. Jan.\u2069" in page

"""How the house is built, checked from its files: one door for every rule, services without
HTTP, views that do not commit, templates that do not query, files a newcomer can read."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "community"
MAX_LINES = 400
# Modules that are the HTTP layer itself (routes, the decorators views use, request checks).
HTTP_MODULES = re.compile(r"(^|_)views\.py$|^pages\.py$|^security\.py$|^errors\.py$|^web\.py$")


def _python_files():
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_templates_ask_no_rule_and_no_role():
    """Templates show what the view's may_* flags say; deciding is for community.permissions."""
    offenders = [f"{_relative(path)}:{number}"
                 for path in sorted((ROOT / "templates").rglob("*.html"))
                 for number, line in enumerate(path.read_text().splitlines(), 1)
                 if re.search(r"\bcan\(|\.is_admin\b|roles_in\(", line)]
    assert offenders == []


def test_no_module_outside_the_http_layer_aborts():
    """A service raises NotFound or Refused (community.errors); the app answers 404 or 403."""
    offenders = [f"{_relative(path)}:{number}" for path in _python_files() if not HTTP_MODULES.search(path.name)
                 for number, line in enumerate(path.read_text().splitlines(), 1)
                 if re.search(r"\babort\(|from flask import.*\babort\b", line)]
    assert offenders == []


def test_views_leave_committing_to_services():
    offenders = [f"{_relative(path)}:{number}" for path in _python_files() if re.search(r"views\.py$", path.name)
                 for number, line in enumerate(path.read_text().splitlines(), 1)
                 if "session.commit(" in line]
    assert offenders == []


def test_no_rule_decided_outside_permissions():
    """Who is admin or coordinates is asked in permissions.py only (models store it; the demo
    data picks its cast by it)."""
    allowed = {"permissions.py", "models.py", "demo.py"}
    offenders = [f"{_relative(path)}:{number}" for path in _python_files() if path.name not in allowed
                 for number, line in enumerate(path.read_text().splitlines(), 1)
                 if re.search(r"\.is_admin\b|Role\.COORDINATOR\.value in", line)]
    assert offenders == []


def test_views_take_their_neighbourhood_from_neighbourhood_view():
    offenders = [f"{_relative(path)}:{number}" for path in _python_files() if path.name.endswith("views.py")
                 for number, line in enumerate(path.read_text().splitlines(), 1)
                 if "neighbourhood_by_slug(" in line or re.search(r"def \w+\(slug: str", line)]
    assert offenders == []


def test_no_file_is_longer_than_a_newcomer_reads_in_one_go():
    long_files = [f"{_relative(path)} ({count} lines)" for path in _python_files()
                  if (count := len(path.read_text().splitlines())) > MAX_LINES]
    assert long_files == []


def test_templates_get_what_they_show_from_their_view(app):
    """Template globals format and label; none of them runs a query behind the view's back."""
    formatting = {"agenda_labels", "image_url", "absolute_url", "match_reasons", "origin_label", "repeat_label", "languages",
                  "current_language",
                  "card_photo_url"}  # its neighbourhood's slug comes from the session's identity map: the view loaded it
    own = set(app.jinja_env.globals) - _jinja_and_flask_globals()
    assert own <= formatting, f"new template globals: {sorted(own - formatting)}"


def _jinja_and_flask_globals() -> set[str]:
    from flask import Flask

    return set(Flask(__name__).jinja_env.globals) | {"csrf_token", "csrf_meta_tag", "_", "gettext", "ngettext",
                                                     "pgettext", "npgettext"}

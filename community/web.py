"""Small helpers every feature's views use."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from markupsafe import Markup, escape
from htmx_flask import make_response
from werkzeug.routing import IntegerConverter

INVALID = 422  # the form is understood, but what was typed needs fixing
MAX_ID = 2**31 - 1  # the largest id PostgreSQL's integer holds


class BoundedIntegerConverter(IntegerConverter):
    """Werkzeug's int converter, but a number no row can have does not match (404)."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=MAX_ID if max is None else max, signed=signed)


def bounded_id(value) -> int | None:
    """An id typed into a form or a query: a whole number that a row could have, else None."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def form_page(template: str, form, **context):
    """A form's page: 200 when first shown, 422 when what was sent needs fixing (typed values kept)."""
    return render_template(template, form=form, **context), INVALID if form.is_submitted() else 200


def invalid_form(template: str, **context):
    return render_template(template, **context), INVALID


def see_other(endpoint: str, **values):
    """Redirect after a successful POST; htmx follows it with HX-Location semantics."""
    return redirect(url_for(endpoint, **values), code=303)


def announce(body, message: str, status: int = 200):
    """A response whose message is read out by the page's live region."""
    return make_response(body, status, trigger={"announce": str(message)})


def absolute_url(endpoint: str, **values) -> str:
    """A full link for email, feeds and posters: always on BASE_URL, never on the Host header a
    request happened to send (which anyone can forge)."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    values = {key: value for key, value in values.items() if value is not None}
    current_app.inject_url_defaults(endpoint, values)
    return adapter.build(endpoint, values, force_external=True)


def answer_in_place(fragment: str, message, page_url: str, **context):
    """After an action: the widget it changed (htmx, the message read out by the live region), or,
    without JavaScript, back to the page it is on with the message shown there."""
    if request.htmx:
        return announce(render_template(fragment, **context), message)
    notify(message)
    return redirect(page_url, code=303)


def notify(message, category: str = "success") -> None:
    flash(str(message), category)


def safe_next_url(target: str | None) -> str | None:
    """Only local paths: never send someone to another site after login."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target


def paragraphs(text: str) -> Markup:
    """Plain text typed by a person, shown as paragraphs; everything is escaped first."""
    blocks = [block.strip() for block in str(text).replace("\r\n", "\n").split("\n\n") if block.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(Markup("<br>").join(escape(line) for line in block.split("\n")))
                           for block in blocks)


def isolate(text) -> str:
    """The same isolation for plain text (flash messages): FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE."""
    return "\u2068%s\u2069" % (text if text is not None else "")


def isolated(text) -> Markup:
    """A name or title typed by someone, isolated from the sentence around it, so that in Arabic
    "من Hasan N." keeps its dot after the name (Unicode bidi isolation, <bdi>)."""
    return Markup("<bdi>%s</bdi>") % (text if text is not None else "")

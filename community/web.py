"""Small helpers every feature's views use."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, url_for
from markupsafe import Markup, escape
from htmx_flask import make_response

INVALID = 422  # the form is understood, but what was typed needs fixing


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

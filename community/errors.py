"""Friendly, translated error pages: a full page, or a fragment for htmx."""
from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger("community.errors")


class DomainError(Exception):
    """A feature's rule was broken. The message (translated) is shown to the person, next to the
    form field `field_name` when one is to blame; views turn it into a 4xx, never a 500."""

    def __init__(self, message, field_name: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field_name = field_name

MESSAGES = {
    400: (_l("Er ging iets mis met het verzoek"), _l("Het formulier is verlopen of onvolledig. Ga terug, vernieuw de pagina en probeer het nog eens.")),
    401: (_l("Log eerst in"), _l("Voor deze pagina moet je ingelogd zijn.")),
    403: (_l("Dit mag je niet doen"), _l("Je hebt geen toegang tot deze pagina of actie.")),
    404: (_l("Pagina niet gevonden"), _l("Deze pagina bestaat niet (meer). Misschien is de link oud.")),
    405: (_l("Dat kan zo niet"), _l("Deze pagina kan niet op deze manier worden gebruikt.")),
    413: (_l("Bestand te groot"), _l("Wat je stuurde is te groot. Kies een kleiner bestand en probeer het opnieuw.")),
    429: (_l("Even rustig aan"), _l("Je hebt het te vaak geprobeerd. Wacht een paar minuten en probeer het dan opnieuw.")),
    500: (_l("Er ging iets mis bij ons"), _l("Het is niet jouw fout. Probeer het over een paar minuten opnieuw.")),
}


def render_error(status: int):
    title, explanation = MESSAGES.get(status, MESSAGES[500])
    template = "errors/_error.html" if request.htmx else "errors/error.html"
    response = render_template(template, status=status, title=title, explanation=explanation)
    headers = {}
    if request.htmx:
        # Show the message in the page's message area rather than in whatever was targeted.
        headers = {"HX-Retarget": "#messages", "HX-Reswap": "innerHTML"}
    return response, status, headers


def install_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        log.info("csrf refused: %s %s", request.method, request.path)
        return render_error(400)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        response = error.get_response()
        body, status, headers = render_error(error.code)
        for key in ("Allow", "Retry-After"):
            if key in response.headers:
                headers[key] = response.headers[key]
        return body, status, headers

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("unhandled error", exc_info=error)
        if app.testing and app.config.get("PROPAGATE_TEST_ERRORS", True):
            raise error
        return render_error(InternalServerError.code)

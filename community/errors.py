"""Friendly, translated error pages: a full page, or a fragment for htmx."""
from __future__ import annotations

import logging

from flask import Flask, Response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

log = logging.getLogger("community.errors")


class DomainError(Exception):
    """A feature's rule was broken. The message (translated) is shown to the person, next to the
    form field `field_name` when one is to blame; views turn it into a 4xx, never a 500."""

    def __init__(self, message, field_name: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field_name = field_name


def within_length(text, limit: int, error: type[DomainError] = DomainError, field_name: str | None = None) -> str:
    """The text, stripped, when its column can hold it; otherwise the feature's own DomainError
    (so its view answers as it does for any broken rule). For text that reaches a service without
    a form's max_length, such as a reason typed into a plain input."""
    text = str(text or "").strip()
    if len(text) > limit:
        raise error(_l("Deze tekst is te lang. Gebruik hoogstens %(max)d tekens.", max=limit), field_name)
    return text

class NotFound(DomainError):
    """What was asked for does not exist (here): the view answers 404, as for an unknown URL."""

    def __init__(self, message=None, field_name: str | None = None):
        super().__init__(message or _l("Deze pagina bestaat niet (meer). Misschien is de link oud."), field_name)


class Refused(DomainError):
    """The person may not do this: the view answers 403."""

    def __init__(self, message=None, field_name: str | None = None):
        super().__init__(message or _l("Je hebt geen toegang tot deze pagina of actie."), field_name)


class LoginNeeded(Refused):
    """Anonymous people who may do this once logged in: the app sends them to log in."""


MESSAGES = {
    400: (_l("Er ging iets mis met het verzoek"), _l("Het formulier is verlopen of onvolledig. Ga terug, vernieuw de pagina en probeer het nog eens.")),
    401: (_l("Log eerst in"), _l("Voor deze pagina moet je ingelogd zijn.")),
    403: (_l("Dit mag je niet doen"), _l("Je hebt geen toegang tot deze pagina of actie.")),
    404: (_l("Pagina niet gevonden"), _l("Deze pagina bestaat niet (meer). Misschien is de link oud.")),
    405: (_l("Dat kan zo niet"), _l("Deze pagina kan niet op deze manier worden gebruikt.")),
    413: (_l("Bestand te groot"), _l("Wat je stuurde is te groot. Kies een kleiner bestand en probeer het opnieuw.")),
    429: (_l("Even rustig aan"), _l("Je hebt het te vaak geprobeerd. Wacht een paar minuten en probeer het dan opnieuw.")),
    500: (_l("Er ging iets mis bij ons"), _l("Het is niet jouw fout. Probeer het over een paar minuten opnieuw.")),
    503: (_l("Het is even heel druk"), _l("Veel buren doen tegelijk iets. Er is niets opgeslagen; probeer het over een paar seconden nog eens.")),
}
BUSY_RETRY_SECONDS = 2


def _forget_failed_transaction() -> None:
    """A failed statement leaves the transaction unusable (PostgreSQL refuses every next query):
    roll back before the error page reads anything, such as the person's language."""
    from community.db import set_write_intent
    from community.extensions import db

    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the page must still be shown
        log.exception("rollback before the error page failed")
    set_write_intent(False)  # the page only reads: it must not queue for the write lock that was too busy


def render_error(status: int):
    _forget_failed_transaction()
    title, explanation = MESSAGES.get(status, MESSAGES[500])
    template = "errors/_error.html" if request.htmx else "errors/error.html"
    response = render_template(template, status=status, title=title, explanation=explanation)
    headers = {}
    if request.htmx:
        # Show the message in the page's message area rather than in whatever was targeted.
        headers = {"HX-Retarget": "#messages", "HX-Reswap": "innerHTML"}
    return response, status, headers


def render_busy():
    """503 with Retry-After; a form that was sent can be sent again with one tap, as typed."""
    _forget_failed_transaction()
    title, explanation = MESSAGES[503]
    resend = [(key, value) for key, value in request.form.items(multi=True) if key != "csrf_token"]
    template = "errors/_error.html" if request.htmx else "errors/busy.html"
    body = render_template(template, status=503, title=title, explanation=explanation, resend=resend,
                           had_files=bool(request.files))
    headers = {"Retry-After": str(BUSY_RETRY_SECONDS)}
    if request.htmx:
        headers.update({"HX-Retarget": "#messages", "HX-Reswap": "innerHTML"})
    return body, 503, headers


def install_error_handlers(app: Flask) -> None:
    from community.db import is_busy_error

    @app.errorhandler(SecurityError)
    def _untrusted_host(error):
        # The Host header named a site this is not; no page (its links would point there).
        log.info("refused host: %s", request.environ.get("HTTP_HOST", "")[:100])
        return Response("400 Bad Request: unknown host\n", status=400, mimetype="text/plain")

    @app.errorhandler(NotFound)
    def _not_found(error):
        return render_error(404)

    @app.errorhandler(LoginNeeded)
    def _login_needed(error):
        from flask import current_app

        return current_app.login_manager.unauthorized()

    @app.errorhandler(Refused)
    def _refused(error):
        log.info("refused by a rule: %s %s", request.method, request.path)
        return render_error(403)

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
        if is_busy_error(error):
            log.warning("database busy: %s %s", request.method, request.path)
            return render_busy()
        log.exception("unhandled error", exc_info=error)
        if app.testing and app.config.get("PROPAGATE_TEST_ERRORS", True):
            raise error
        return render_error(InternalServerError.code)

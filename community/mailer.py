"""Email in the recipient's language: SMTP when configured, the log in development, an
in-memory outbox in tests (flask_mailman's locmem backend)."""
from __future__ import annotations

import logging
from contextlib import contextmanager

from flask import current_app, render_template
from flask_babel import force_locale
from flask_mailman import EmailMessage

log = logging.getLogger("community.mail")


def send_email(to: str, subject_template: str, body_template: str, *, locale: str | None, **context) -> None:
    """Render the subject and body templates in `locale` and send them as plain text."""
    with force_locale(locale or "nl"):
        subject = render_template(subject_template, **context).strip()
        body = render_template(body_template, **context)
    message = EmailMessage(subject=subject, body=body, to=[to])
    message.send()
    log.info("mail sent: template=%s", body_template)



@contextmanager
def mail_suppressed():
    """Send nothing (demo data would otherwise mail its invented neighbours)."""
    mailman = current_app.extensions["mailman"]
    previous = mailman.backend
    mailman.backend = "dummy"
    try:
        yield
    finally:
        mailman.backend = previous

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



def mail_person(user, template: str, **context) -> None:
    """email/<template>_subject.txt and email/<template>.txt, to a person, in their language."""
    send_email(user.email, f"email/{template}_subject.txt", f"email/{template}.txt", locale=user.locale,
               user=user, **context)


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

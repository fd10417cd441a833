"""Email in the recipient's language, sent after commit from a claimed outbox row.

`mail_person` renders the message and adds it to the outbox in the caller's transaction. Once
that transaction commits, the message is sent: in a request after the response has gone out (so
a page costs the same whether or not it sent mail), elsewhere (commands) at once. A rollback
sends nothing. `flask mail send` retries what could not be sent. Delivery is SMTP when configured,
the log in development and an in-memory outbox in tests (Flask-Mailman's backends)."""
from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from flask import current_app, has_request_context, render_template, request
from flask_babel import force_locale
from flask_mailman import EmailMessage
from sqlalchemy import delete, or_, select, update

from community.db import after_commit, utcnow, write_intent
from community.extensions import db
from community.mail.models import MAX_BODY, OutboxMessage

log = logging.getLogger("community.mail")

MAX_ATTEMPTS = 5
STALE_CLAIM = timedelta(minutes=15)   # a sender that claimed a message this long ago has died
KEEP_SENT = timedelta(days=7)         # sent messages hold personal text: kept a week for support, then gone
_PENDING = "buurtkracht.outbox"  # in the WSGI environ of a request being served
_suppressed: ContextVar[bool] = ContextVar("mail_suppressed", default=False)


def send_email(to: str, subject_template: str, body_template: str, *, locale: str | None,
               **context) -> OutboxMessage | None:
    """Render the subject and body templates in `locale` and queue them (sent after commit)."""
    if _suppressed.get():
        return None
    with force_locale(locale or "nl"):
        subject = render_template(subject_template, **context).strip()
        body = render_template(body_template, **context)
    message = OutboxMessage(recipient=to, subject=" ".join(subject.split())[:300], body=body[:MAX_BODY],
                            template=body_template.removeprefix("email/").removesuffix(".txt")[:60])
    db.session.add(message)
    db.session.flush()
    _deliver_after_commit(message.id)
    return message


def mail_person(user, template: str, **context) -> OutboxMessage | None:
    """email/<template>_subject.txt and email/<template>.txt, to a person, in their language."""
    return send_email(user.email, f"email/{template}_subject.txt", f"email/{template}.txt", locale=user.locale,
                      user=user, **context)


def _deliver_after_commit(message_id: int) -> None:
    app = current_app._get_current_object()

    def committed() -> None:
        if has_request_context() and _PENDING in request.environ:
            request.environ[_PENDING].append(message_id)  # sent once the response is out (install_delivery)
        else:
            deliver(app, [message_id])

    after_commit(db.session, committed)


def install_delivery(app) -> None:
    @app.before_request
    def _collect_mail_of_this_request() -> None:
        request.environ[_PENDING] = []

    @app.after_request
    def _send_when_response_is_out(response):
        pending = request.environ.pop(_PENDING, None)
        if pending:
            response.call_on_close(lambda: deliver(app, pending))
        return response


def deliver(app, message_ids: list[int]) -> int:
    """Claim and send these messages, each in its own short transaction. Never raises."""
    sent = 0
    with app.app_context(), write_intent():
        try:
            for message_id in message_ids:
                sent += _claim_and_send(message_id)
        except Exception:  # noqa: BLE001 - it runs after a commit or a response: log, `flask mail send` retries
            log.exception("mail delivery stopped")
        finally:
            db.session.remove()
    return sent


def _claim_and_send(message_id: int) -> int:
    now = utcnow()
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None), OutboxMessage.attempts < MAX_ATTEMPTS,
               or_(OutboxMessage.claimed_at.is_(None), OutboxMessage.claimed_at < now - STALE_CLAIM))
        .values(claimed_at=now, attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False)).rowcount == 1
    db.session.commit()
    if not claimed:
        return 0
    message = db.session.get(OutboxMessage, message_id)
    try:
        EmailMessage(subject=message.subject, body=message.body, to=[message.recipient]).send()
    except Exception as error:  # noqa: BLE001 - any delivery failure waits for the retry
        log.warning("mail failed: message=%s template=%s error=%s", message.id, message.template, type(error).__name__)
        message.last_error = f"{type(error).__name__}: {error}"[:300]
        message.claimed_at = now - STALE_CLAIM  # free to be retried at once by `flask mail send`
        db.session.commit()
        return 0
    message.sent_at = utcnow()
    db.session.commit()
    log.info("mail sent: message=%s template=%s", message.id, message.template)
    return 1


def send_due(app) -> int:
    """For cron: send what is waiting (a sender died, SMTP was down) and forget old sent mail."""
    with app.app_context():
        cutoff = utcnow() - timedelta(minutes=1)  # leave fresh messages to the request that wrote them
        due = db.session.scalars(select(OutboxMessage.id).where(
            OutboxMessage.sent_at.is_(None), OutboxMessage.created_at < cutoff,
            OutboxMessage.attempts < MAX_ATTEMPTS).order_by(OutboxMessage.id).limit(1000)).all()
        db.session.execute(delete(OutboxMessage).where(OutboxMessage.sent_at < utcnow() - KEEP_SENT))
        db.session.commit()
    return deliver(app, list(due))


@contextmanager
def mail_suppressed():
    """Queue nothing (demo data would otherwise mail its invented neighbours)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)

"""Every email's links start with BASE_URL, whatever Host the request that caused it named; a Host
the site does not answer to is refused; mail goes out once, after its transaction commits."""
from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from community.agenda import services as agenda
from community.db import utcnow
from community.extensions import db
from community.initiatives import mailing, services as initiatives
from community.initiatives.models import ModerationPreference, Support
from community.mail.models import OutboxMessage
from community.mail.services import mail_person
from community.volunteering import matchmaking
from community.volunteering import services as volunteering
from tests.agenda.conftest import make_activity  # noqa: F401 - fixtures
from tests.agenda.test_sign_ups import first_occurrence
from tests.initiatives.conftest import make_initiative  # noqa: F401
from tests.volunteering.conftest import make_task  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
SITE = "https://buurtkracht.example"
EMAIL_TEMPLATES = {path.stem for path in (ROOT / "templates" / "email").glob("*.txt") if not path.stem.endswith("_subject")}


@pytest.fixture
def forged(app):
    """The site lives at SITE; a request arrives naming another host that is (wrongly) trusted."""
    app.config.update(BASE_URL=SITE, TRUSTED_HOSTS=["localhost", "evil.example"])
    return app.test_request_context(base_url="http://evil.example")


def _links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def _every_kind_of_mail(client, app, make_user, make_neighbourhood, make_activity, make_initiative, make_task):  # noqa: F811
    neighbourhood = make_neighbourhood(slug="hier")
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    evil = {"base_url": "http://evil.example"}
    # Accounts, through real requests with the forged Host.
    client.post("/account/signup", data={"display_name": "Ans", "email": "ans@example.org", "password": "de zon schijnt in oss",
                                         "neighbourhood_id": str(neighbourhood.id), "locale": "nl"}, **evil)
    client.post("/account/signup", data={"display_name": "Ans", "email": coordinator.email, "password": "de zon schijnt in oss",
                                         "neighbourhood_id": str(neighbourhood.id), "locale": "nl"}, **evil)
    client.post("/account/reset", data={"email": coordinator.email}, **evil)
    with app.test_request_context(base_url="http://evil.example"):
        # Agenda: a promotion from the waitlist and a cancellation.
        occurrence = first_occurrence(make_activity(neighbourhood, capacity=1))
        first, second = make_user(neighbourhood=neighbourhood), make_user(neighbourhood=neighbourhood)
        agenda.sign_up_for_occurrence(occurrence.id, first.id)
        agenda.sign_up_for_occurrence(occurrence.id, second.id)
        agenda.cancel_sign_up(occurrence.id, first.id)
        agenda.cancel_occurrence(db.session.get(type(occurrence), occurrence.id), "Storing")
        # Initiatives: every step that tells someone.
        db.session.add(ModerationPreference(user_id=coordinator.id, neighbourhood_id=neighbourhood.id,
                                            wants_daily_summary=False))
        db.session.commit()
        submitted = make_initiative(neighbourhood, state="submitted", title="Ingediend")
        initiatives.transition(submitted, "request_changes", coordinator, "Iets meer uitleg graag")
        declined = make_initiative(neighbourhood, state="submitted", title="Afgewezen")
        initiatives.transition(declined, "decline", coordinator, "Hoort niet hier")
        published = make_initiative(neighbourhood, state="published", title="Speeltuin")
        helper = make_user(neighbourhood=neighbourhood)
        initiatives.join(published, helper.id, None, "Ik neem verf mee")
        initiatives.toggle_support(published, helper.id)
        db.session.execute(Support.__table__.update().values(notified_until=utcnow() - timedelta(days=2)))
        db.session.commit()
        initiatives.post(published, published.proposer, "We zijn begonnen", is_update=True)
        preference = db.session.scalar(select(ModerationPreference))
        preference.wants_daily_summary, preference.summarised_until = True, utcnow() - timedelta(days=2)
        db.session.commit()
        make_initiative(neighbourhood, state="submitted", title="Voor de samenvatting")
        mailing.send_daily_mail()
        # Volunteering: a request with an offer, an answer, a withdrawal, a promotion, an invitation,
        # a cancellation and a reminder.
        request_task = make_task(neighbourhood, title="Boodschappen", people=1, request=True, first_date=agenda_tomorrow())
        shift = volunteering.coming_shifts(request_task, 1)[0]
        offer = volunteering.volunteer_for_shift(shift.id, helper.id)
        volunteering.answer_offer(shift, offer.id, accept=True)
        volunteering.withdraw(shift.id, helper.id)
        second_offer = volunteering.volunteer_for_shift(shift.id, second.id)
        volunteering.answer_offer(shift, second_offer.id, accept=False)
        bar = make_task(neighbourhood, title="Bardienst", people=1, first_date=agenda_tomorrow())
        bar_shift = volunteering.coming_shifts(bar, 1)[0]
        volunteering.volunteer_for_shift(bar_shift.id, first.id)
        volunteering.volunteer_for_shift(bar_shift.id, second.id)
        volunteering.send_reminders()
        volunteering.withdraw(bar_shift.id, first.id)
        matchmaking.invite(bar, helper.id, by=coordinator)
        volunteering.cancel_shift(db.session.get(type(bar_shift), bar_shift.id), "Geen bar vandaag")


def agenda_tomorrow():
    from community import recurrence

    return recurrence.local_today() + timedelta(days=1)


def test_every_mailed_link_is_on_base_url_whatever_the_host(app, client, forged, outbox, make_user, make_neighbourhood,
                                                            make_activity, make_initiative, make_task):  # noqa: F811
    _every_kind_of_mail(client, app, make_user, make_neighbourhood, make_activity, make_initiative, make_task)
    sent = {message.template for message in db.session.scalars(select(OutboxMessage))}
    assert sent == EMAIL_TEMPLATES, "a new kind of email needs a place in this test"
    assert len(outbox) == db.session.scalar(select(func.count(OutboxMessage.id)))
    for message in outbox:
        links = _links(message)
        assert links, message.subject
        for link in links:
            assert link.startswith(SITE + "/"), (message.subject, link)
            assert "evil.example" not in link


def test_no_code_builds_links_from_the_request():
    """absolute_url() builds on BASE_URL; url_for(..., _external=True) would use the Host header."""
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "community").rglob("*.py")
                 if re.search(r"(?<![a-z])_external=True", path.read_text())]
    offenders += [str(path.relative_to(ROOT)) for path in (ROOT / "templates").rglob("*.*")
                  if "_external" in path.read_text()]
    assert offenders == []


def test_a_host_the_site_does_not_answer_to_is_refused_and_mails_nothing(app, client, make_user, outbox):
    user = make_user()
    response = client.post("/account/reset", data={"email": user.email}, base_url="http://evil.example")
    assert response.status_code == 400 and "evil" not in response.text
    assert client.get("/", base_url="http://evil.example").status_code == 400
    assert outbox == [] and db.session.scalar(select(func.count(OutboxMessage.id))) == 0
    assert client.get("/", headers={"Host": "localhost:5000"}).status_code == 200  # a port is fine


def test_mail_is_sent_once_after_commit_and_never_after_a_rollback(app, make_user, outbox):
    user = make_user()
    with app.test_request_context():
        mail_person(user, "reset", link="https://buurtkracht.example/x")
        assert outbox == []  # queued, not sent: the transaction is still open
        db.session.rollback()
        assert outbox == [] and db.session.scalar(select(func.count(OutboxMessage.id))) == 0

        mail_person(user, "reset", link="https://buurtkracht.example/x")
        db.session.commit()
    assert len(outbox) == 1
    message = db.session.scalar(select(OutboxMessage))
    assert message.sent_at is not None and message.attempts == 1
    # A retry run finds nothing to send again.
    from community.mail.services import deliver, send_due

    assert deliver(app, [message.id]) == 0 and send_due(app) == 0
    assert len(outbox) == 1


def test_a_request_sends_its_mail_after_the_response(app, client, make_user, outbox, monkeypatch):
    """The page answers first; the outbox is sent when the server closes the response."""
    user = make_user()
    response = client.open("/account/reset", method="POST", data={"email": user.email}, buffered=False)
    assert response.status_code == 200 and outbox == []
    response.close()
    assert len(outbox) == 1 and outbox[0].to == [user.email]


def test_mail_that_could_not_be_sent_is_retried_by_the_command(app, make_user, outbox, monkeypatch):
    from flask_mailman import EmailMessage

    from community.mail import services as mail

    user = make_user()

    def smtp_is_down(self, *args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(EmailMessage, "send", smtp_is_down)
    with app.test_request_context():
        mail_person(user, "reset", link="https://buurtkracht.example/x")
        db.session.commit()
    message = db.session.scalar(select(OutboxMessage))
    assert message.sent_at is None and "smtp down" in message.last_error
    monkeypatch.undo()
    db.session.execute(OutboxMessage.__table__.update().values(created_at=utcnow() - timedelta(minutes=5)))
    db.session.commit()
    assert mail.send_due(app) == 1 and len(outbox) == 1
    assert mail.send_due(app) == 0

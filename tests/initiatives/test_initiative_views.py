from __future__ import annotations

import io
import json

from PIL import Image as PILImage
from sqlalchemy import select

from community.extensions import db
from community.initiatives import services as initiatives
from community.initiatives.models import Initiative


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 200), (200, 80, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_propose_in_two_steps_keeping_what_was_typed(client, login_as, make_user, make_neighbourhood, outbox):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    make_user(role="coordinator", neighbourhood=neighbourhood)
    login_as(make_user(neighbourhood=neighbourhood))
    bad = client.post("/ruwaard/initiatives/new", data={"title": "Moestuin", "want": "", "can_do": "Tuinieren"})
    assert bad.status_code == 422 and 'value="Moestuin"' in bad.text and "Tuinieren" in bad.text
    response = client.post("/ruwaard/initiatives/new", data={"title": "Moestuin", "want": "Bakken", "can_do": "Tuinieren"})
    assert response.status_code == 303 and response.location.endswith("/needs")
    initiative = db.session.scalar(select(Initiative))
    needs_url = f"/ruwaard/initiatives/{initiative.id}/needs"
    assert client.post(needs_url, data={"kind": "hands", "description": "Tuiniers"}).status_code == 422  # how many?
    assert client.post(needs_url, data={"kind": "hands", "description": "Tuiniers", "people": "3"}).status_code == 303
    assert client.post(needs_url, data={"kind": "money", "description": "Aarde", "amount": "veel"}).status_code == 422
    photo = client.post(f"/ruwaard/initiatives/{initiative.id}/photo",
                        data={"photo": (io.BytesIO(jpeg_bytes()), "tuin.jpg")}, content_type="multipart/form-data")
    assert photo.status_code == 303
    not_a_photo = client.post(f"/ruwaard/initiatives/{initiative.id}/photo",
                              data={"photo": (io.BytesIO(b"hello"), "tuin.jpg")}, content_type="multipart/form-data")
    assert not_a_photo.status_code == 422 and "geen foto" in not_a_photo.text
    assert client.post(f"/ruwaard/initiatives/{initiative.id}/submit").status_code == 303
    db.session.refresh(initiative)
    assert initiative.state == "submitted" and initiative.photo is not None
    assert len(outbox) == 1


def test_only_the_proposer_edits_and_only_coordinators_review(client, login_as, make_user, make_neighbourhood, make_initiative):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    initiative = make_initiative(neighbourhood, state="submitted")
    login_as(make_user(neighbourhood=neighbourhood))
    assert client.get(f"/ruwaard/initiatives/{initiative.id}").status_code == 403  # not public yet
    assert client.get(f"/ruwaard/initiatives/{initiative.id}/edit").status_code == 403
    assert client.get("/ruwaard/initiatives/review").status_code == 403
    assert client.post(f"/ruwaard/initiatives/{initiative.id}/moderate", data={"action": "publish"}).status_code == 403
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    queue = client.get("/ruwaard/initiatives/review")
    assert queue.status_code == 200 and "Speeltuin" in queue.text
    refused = client.post(f"/ruwaard/initiatives/{initiative.id}/moderate", data={"action": "decline", "reason": ""})
    assert refused.status_code == 422 and "Schrijf een reden" in refused.text  # at the reason, on the page
    db.session.refresh(initiative)
    assert initiative.state == "submitted"
    assert client.post(f"/ruwaard/initiatives/{initiative.id}/moderate", data={"action": "publish"}).status_code == 303
    db.session.refresh(initiative)
    assert initiative.state == "published"
    assert "Speeltuin" in client.get("/ruwaard/initiatives/").text


def test_support_with_htmx_and_anonymous_reading(client, login_as, make_user, make_neighbourhood, make_initiative):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    initiative = make_initiative(neighbourhood, state="published")
    page = client.get(f"/ruwaard/initiatives/{initiative.id}")
    assert page.status_code == 200 and "Log in om te steunen" in page.text
    login_as(make_user(neighbourhood=neighbourhood))
    response = client.post(f"/ruwaard/initiatives/{initiative.id}/support", headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'aria-pressed="true"' in response.text and "1 steunt dit" in response.text
    assert "steunt" in json.loads(response.headers["HX-Trigger"])["announce"]
    assert client.post(f"/ruwaard/initiatives/{initiative.id}/join",
                       data={"need_id": str(initiative.needs[0].id), "message": "Ik kan zaterdag"}).status_code == 303


def test_list_sorts_filters_and_has_an_empty_state(client, make_neighbourhood, make_initiative, make_user):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    assert "Hier staan nog geen initiatieven" in client.get("/ruwaard/initiatives/").text
    tuin = make_initiative(neighbourhood, state="published", title="Moestuin", needs=(("things", "Bakken", None, None),))
    make_initiative(neighbourhood, state="published", title="Kubb")
    initiatives.toggle_support(tuin, make_user(neighbourhood=neighbourhood).id)
    supported = client.get("/ruwaard/initiatives/?sort=supported").text
    assert supported.index("Moestuin") < supported.index("Kubb")
    things = client.get("/ruwaard/initiatives/?need=things").text
    assert "Moestuin" in things and "Kubb" not in things.split("card-list")[1]
    assert client.get("/ruwaard/initiatives/counts").status_code == 200


def test_report_hides_after_three_and_the_coordinator_restores(client, login_as, make_user, make_established_user,
                                                              make_neighbourhood, make_initiative):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    initiative = make_initiative(neighbourhood, state="published")
    for _ in range(3):
        login_as(make_established_user(neighbourhood=neighbourhood))
        assert client.post(f"/ruwaard/initiatives/report/initiative/{initiative.id}", data={"reason": "Klopt niet"}).status_code == 303
    db.session.refresh(initiative)
    assert initiative.is_hidden
    assert client.get(f"/ruwaard/initiatives/{initiative.id}").status_code == 403
    assert client.post("/ruwaard/initiatives/report/initiative/999999", data={"reason": "x"}).status_code == 404
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    page = client.get("/ruwaard/coordinator/reports")
    assert "Klopt niet" in page.text
    assert client.post(f"/ruwaard/coordinator/reports/initiative/{initiative.id}",
                       data={"decision": "restore", "reason": "Niets mis mee"}).status_code == 303
    db.session.refresh(initiative)
    assert not initiative.is_hidden
    audit = client.get("/ruwaard/coordinator/audit?action=restored")
    assert "Niets mis mee" in audit.text


def test_updates_are_for_the_initiator_and_comments_for_everyone(client, login_as, make_user, make_neighbourhood, make_initiative):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    proposer = make_user(neighbourhood=neighbourhood)
    initiative = make_initiative(neighbourhood, proposer=proposer, state="published")
    login_as(make_user(neighbourhood=neighbourhood))
    client.post(f"/ruwaard/initiatives/{initiative.id}/posts", data={"kind": "update", "body": "Nep-update"})
    login_as(proposer)
    client.post(f"/ruwaard/initiatives/{initiative.id}/posts", data={"kind": "update", "body": "Echte update"})
    page = client.get(f"/ruwaard/initiatives/{initiative.id}").text
    assert "Echte update" in page
    assert page.count("update</span>") == 1  # the neighbour's attempt became nothing: 403 for updates


def test_join_and_decide_with_htmx(client, login_as, make_user, make_neighbourhood, make_initiative):
    from community.moderation import services as moderation

    neighbourhood = make_neighbourhood(slug="ruwaard")
    initiative = make_initiative(neighbourhood, state="published")
    login_as(make_user(neighbourhood=neighbourhood))
    hx = {"HX-Request": "true"}
    bad = client.post(f"/ruwaard/initiatives/{initiative.id}/join", data={"message": ""}, headers=hx)
    assert bad.status_code == 422 and 'id="join"' in bad.text and "<html" not in bad.text
    good = client.post(f"/ruwaard/initiatives/{initiative.id}/join", data={"message": "Ik breng koffie"}, headers=hx)
    assert good.status_code == 200 and "Ik breng koffie" in good.text and "HX-Trigger" in good.headers
    moderation.report("initiative", initiative.id, make_user(neighbourhood=neighbourhood).id, "Dubbel")
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    url = f"/ruwaard/coordinator/reports/initiative/{initiative.id}"
    missing_reason = client.post(url, data={"decision": "hide", "reason": "  "}, headers=hx)
    assert missing_reason.status_code == 422 and "<html" not in missing_reason.text  # that card, error at its field
    assert f'id="report-initiative-{initiative.id}"' in missing_reason.text and 'aria-invalid="true"' in missing_reason.text
    assert "Schrijf een reden" in missing_reason.text
    decided = client.post(url, data={"decision": "hide", "reason": "Staat er twee keer"}, headers=hx)
    assert decided.status_code == 200 and f'id="report-initiative-{initiative.id}"' in decided.text


def test_a_missing_reason_without_javascript_stands_at_the_field(client, login_as, make_user, make_neighbourhood,
                                                                  make_initiative):
    from community.moderation import services as moderation

    neighbourhood = make_neighbourhood(slug="ruwaard")
    initiative = make_initiative(neighbourhood, state="published")
    moderation.report("initiative", initiative.id, make_user(neighbourhood=neighbourhood).id, "Dubbel")
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    refused = client.post(f"/ruwaard/coordinator/reports/initiative/{initiative.id}", data={"decision": "hide", "reason": ""})
    assert refused.status_code == 422 and "<html" in refused.text  # the page itself, not a redirect to a message on top
    field = f'id="reason-initiative-{initiative.id}"'
    assert refused.text.index("Schrijf een reden") < refused.text.index(field)  # the error just above its field
    assert f'aria-describedby="reason-initiative-{initiative.id}-error"' in refused.text
    db.session.refresh(initiative)
    assert not initiative.is_hidden


def test_the_initiator_marks_needs_and_finishes(client, login_as, make_user, make_neighbourhood, make_initiative):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    proposer = make_user(neighbourhood=neighbourhood)
    initiative = make_initiative(neighbourhood, proposer=proposer, state="published")
    login_as(proposer)
    need = initiative.needs[0]
    assert client.post(f"/ruwaard/initiatives/{initiative.id}/needs/{need.id}/met", data={"met": "1"}).status_code == 303
    db.session.refresh(need)
    assert need.is_met
    assert client.post(f"/ruwaard/initiatives/{initiative.id}/finish", data={"action": "finish", "reason": ""}).status_code == 422
    db.session.refresh(initiative)
    assert initiative.state == "published"  # a result is needed
    client.post(f"/ruwaard/initiatives/{initiative.id}/finish", data={"action": "finish", "reason": "Geschilderd!"})
    db.session.refresh(initiative)
    assert initiative.state == "done" and "Geschilderd!" in client.get(f"/ruwaard/initiatives/{initiative.id}").text


def test_a_photo_is_decoded_outside_any_transaction(client, login_as, make_user, make_neighbourhood, make_initiative,
                                                    monkeypatch):
    """On SQLite a POST holds the write lock from its first query: the slow decoding of a photo must
    not hold it too (40 phone photos at once gave a 503 when it did)."""
    from community.images import services as images

    neighbourhood = make_neighbourhood(slug="ruwaard")
    proposer = make_user(neighbourhood=neighbourhood)
    initiative = make_initiative(neighbourhood, proposer=proposer)
    login_as(proposer)
    in_transaction = []
    real = images.encode_photo

    def spy(*args, **kwargs):
        in_transaction.append(db.session().in_transaction())
        return real(*args, **kwargs)

    monkeypatch.setattr(images, "encode_photo", spy)
    response = client.post(f"/ruwaard/initiatives/{initiative.id}/photo",
                           data={"photo": (io.BytesIO(jpeg_bytes()), "tuin.jpg")}, content_type="multipart/form-data")
    assert response.status_code == 303 and in_transaction == [False]
    db.session.refresh(initiative)
    assert initiative.photo is not None

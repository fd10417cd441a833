"""The deletion page over HTTP: what it says, what it refuses, and what a request does."""
from __future__ import annotations

from community.privacy import deletion
from tests.conftest import PASSWORD, csrf_token_from

FORM = {"initiatives": "keep", "posts": "remove", "stories": "keep", "password": PASSWORD}


def _post(client, data):
    token = csrf_token_from(client.get("/privacy/delete").get_data(as_text=True))
    return client.post("/privacy/delete", data={**data, "csrf_token": token})


def test_the_page_says_what_will_happen_as_page_and_fragment(street, client, login_as):
    login_as(street.lotte)
    for headers in ({}, {"HX-Request": "true"}):
        page = client.get("/privacy/delete", headers=headers)
        assert page.status_code == 200
        assert "voormalig buurtbewoner" in page.get_data(as_text=True) and "14 dagen" in page.get_data(as_text=True)


def test_a_wrong_password_or_a_bad_choice_is_answered_and_keeps_the_choices(street, client, login_as):
    login_as(street.lotte)
    wrong = _post(client, {**FORM, "password": "niet mijn wachtwoord"})
    assert wrong.status_code == 422 and "Dit wachtwoord klopt niet" in wrong.get_data(as_text=True)
    assert _checked(wrong.get_data(as_text=True), "posts-1"), "what was chosen is kept"
    bad = _post(client, {**FORM, "stories": "x" * 5000})
    assert bad.status_code == 422
    assert deletion.pending_deletion(street.lotte.id) is None


def test_a_request_logs_out_and_says_when(street, client, login_as):
    login_as(street.lotte)
    response = _post(client, FORM)
    assert response.status_code == 303
    assert deletion.pending_deletion(street.lotte.id).keep_posts is False
    assert client.get("/privacy/delete").status_code in (302, 303), "logged out"


def test_the_only_gangmaker_is_told_to_hand_over_first(street, client, login_as):
    from community.pot import services as pots

    pots.update_pot(street.pot, name=street.pot.name, streets="Kastanjelaan", gangmaker_ids=[street.lotte.id],
                    threshold_cents=2500, iban="NL91ABNA0417164300", account_holder="Stichting")
    login_as(street.lotte)
    assert "Eerst overdragen" in client.get("/privacy/delete").get_data(as_text=True)
    refused = _post(client, FORM)
    assert refused.status_code == 409 and "andere gangmaker" in refused.get_data(as_text=True)
    assert deletion.pending_deletion(street.lotte.id) is None


def test_the_admin_sees_a_count_and_no_names(street, client, login_as, make_user):
    deletion.request_deletion(street.lotte, deletion.Choices())
    login_as(make_user(is_admin=True, role=None))
    text = client.get("/privacy/deletions").get_data(as_text=True)
    assert "1 account wacht" in text and "Lotte" not in text and "lotte@" not in text
    login_as(street.coordinator)
    assert client.get("/privacy/deletions").status_code == 403


def _checked(html: str, input_id: str) -> bool:
    import re

    tag = re.search(r'<input[^>]*id="%s"[^>]*>' % input_id, html)
    return tag is not None and "checked" in tag.group(0)


def test_pages_that_named_the_person_say_voormalig_buurtbewoner_after_the_erasure(street, client, login_as):
    """The walk (tests/walk_privacy.py) proves no page names an erased person; this shows that these pages
    did name her before, so that proof means something."""
    from datetime import timedelta

    from community.db import utcnow
    from community.initiatives import services as initiatives
    from tests.privacy.conftest import published_initiative
    from tests.privacy.test_deletion import _gift

    initiative = published_initiative(street, street.henk)
    initiatives.post(initiative, street.lotte, "Ik help mee", is_update=False)
    _gift(street, street.lotte, 1500)
    slug = street.neighbourhood.slug
    pages = [f"/{slug}/initiatives/{initiative.id}", f"/{slug}/pot/{street.pot.id}/books"]
    login_as(street.coordinator)
    assert all("Lotte Leeuwenhart" in client.get(url).get_data(as_text=True) for url in pages)
    deletion.request_deletion(street.lotte, deletion.Choices())
    assert deletion.erase_due(utcnow() + timedelta(days=15)) == 1
    for url in pages:
        text = client.get(url).get_data(as_text=True)
        assert "Lotte" not in text and "lotte@example.org" not in text and "voormalig buurtbewoner" in text

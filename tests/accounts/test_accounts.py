from __future__ import annotations

import re

from sqlalchemy import select

from community.accounts.models import LoginSession, User
from community.extensions import db
from tests.conftest import PASSWORD, csrf_token_from


def link_in(message) -> str:
    match = re.search(r"http://localhost(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def signup_form(neighbourhood, **overrides):
    data = {"display_name": "Ans", "email": "ans@example.org", "password": "de zon schijnt in oss",
            "neighbourhood_id": str(neighbourhood.id), "locale": "nl"}
    data.update(overrides)
    return data


def test_signup_sends_a_confirmation_link_that_logs_in(client, make_neighbourhood, outbox):
    neighbourhood = make_neighbourhood("De Ruwaard", slug="de-ruwaard")
    response = client.post("/account/signup", data=signup_form(neighbourhood))
    assert response.status_code == 200
    assert "Kijk in je e-mail" in response.text
    assert len(outbox) == 1 and outbox[0].to == ["ans@example.org"]

    user = db.session.scalar(select(User).where(User.email == "ans@example.org"))
    assert not user.is_email_confirmed and user.roles_in(neighbourhood.id) == {"resident"}
    assert user.password_hash.startswith("$argon2id$")

    response = client.get(link_in(outbox[0]))
    assert response.status_code == 303 and response.location.endswith("/de-ruwaard/")
    assert "Uitloggen" in client.get("/de-ruwaard/").text


def test_signup_with_a_taken_email_answers_the_same_and_tells_only_the_owner(client, make_neighbourhood, make_user, outbox):
    neighbourhood = make_neighbourhood()
    make_user(email="taken@example.org", neighbourhood=neighbourhood)
    fresh = client.post("/account/signup", data=signup_form(neighbourhood, email="fresh@example.org"))
    taken = client.post("/account/signup", data=signup_form(neighbourhood, email="taken@example.org"))
    assert fresh.status_code == taken.status_code == 200
    strip = lambda html: re.sub(r'(value|content)="[^"]*"|\S+@example\.org', "", html)  # noqa: E731
    assert strip(fresh.text) == strip(taken.text)
    assert "Je hebt al een Buurtkracht-account" in outbox[1].subject


def test_signup_with_bad_input_keeps_what_was_typed(client, make_neighbourhood):
    neighbourhood = make_neighbourhood()
    response = client.post("/account/signup", data=signup_form(neighbourhood, email="geen-email", password="kort"))
    assert response.status_code == 422
    assert "Vul een geldig e-mailadres in" in response.text
    assert 'value="geen-email"' in response.text and 'value="Ans"' in response.text


def test_signup_refuses_a_weak_password(client, make_neighbourhood):
    response = client.post("/account/signup", data=signup_form(make_neighbourhood(), password="1234567890"))
    assert response.status_code == 422
    assert "te makkelijk te raden" in response.text


def test_signup_message_is_in_the_chosen_language(client, make_neighbourhood):
    response = client.post(
        "/account/signup", data=signup_form(make_neighbourhood(), email="x"), headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    assert "Vul een geldig e-mailadres in" not in response.text
    assert 'lang="en"' in response.text


def test_login_gives_one_answer_for_wrong_password_and_unknown_email(client, make_user, make_neighbourhood):
    make_user(email="wim@example.org", neighbourhood=make_neighbourhood())
    wrong = client.post("/account/login", data={"email": "wim@example.org", "password": "niet het wachtwoord"})
    unknown = client.post("/account/login", data={"email": "niemand@example.org", "password": "niet het wachtwoord"})
    assert wrong.status_code == unknown.status_code == 422
    message = "Dit e-mailadres en wachtwoord horen niet bij elkaar"
    assert message in wrong.text and message in unknown.text


def test_login_renews_the_session_and_logout_really_ends_it(client, make_user, make_neighbourhood):
    neighbourhood = make_neighbourhood(slug="posten")
    make_user(email="wim@example.org", neighbourhood=neighbourhood)
    client.get("/account/login")
    before = client.get_cookie("session").value
    response = client.post("/account/login", data={"email": "Wim@Example.org ", "password": PASSWORD})
    assert response.status_code == 303 and response.location.endswith("/posten/")
    logged_in_cookie = client.get_cookie("session").value
    assert logged_in_cookie != before
    assert client.get("/account/profile").status_code == 200

    client.post("/account/logout")
    assert db.session.scalar(select(LoginSession)) is None
    # Replaying the old cookie no longer works.
    client.set_cookie("session", logged_in_cookie)
    assert client.get("/account/profile").status_code == 302


def test_login_redirects_only_to_local_pages(client, make_user, make_neighbourhood):
    make_user(email="wim@example.org", neighbourhood=make_neighbourhood(slug="selwerd"))
    response = client.post("/account/login?next=https://evil.example/", data={"email": "wim@example.org", "password": PASSWORD})
    assert response.location.endswith("/selwerd/")
    response = client.post("/account/login?next=/account/profile", data={"email": "wim@example.org", "password": PASSWORD})
    assert response.location.endswith("/account/profile")


def test_unconfirmed_account_cannot_log_in_and_gets_a_new_link(client, make_user, outbox):
    make_user(email="nieuw@example.org", confirmed=False)
    response = client.post("/account/login", data={"email": "nieuw@example.org", "password": PASSWORD})
    assert response.status_code == 422 and "Bevestig eerst je e-mailadres" in response.text
    assert len(outbox) == 1


def test_password_reset_link_works_once(client, make_user, make_neighbourhood, outbox):
    make_user(email="truus@example.org", neighbourhood=make_neighbourhood())
    unknown = client.post("/account/reset", data={"email": "niemand@example.org"})
    known = client.post("/account/reset", data={"email": "truus@example.org"})
    assert unknown.status_code == known.status_code == 200
    assert len(outbox) == 1
    link = link_in(outbox[0])
    assert client.post(link, data={"password": "kort"}).status_code == 422
    response = client.post(link, data={"password": "een nieuwe lange zin"})
    assert response.status_code == 303
    assert client.get(link).status_code == 400  # used: the password changed
    client.post("/account/logout")
    assert client.post("/account/login", data={"email": "truus@example.org", "password": "een nieuwe lange zin"}).status_code == 303


def test_a_tampered_reset_link_is_refused(client):
    response = client.get("/account/reset/not-a-real-token")
    assert response.status_code == 400 and "Deze link werkt niet" in response.text


def test_password_change_logs_out_other_browsers(app, make_user, make_neighbourhood):
    user = make_user(neighbourhood=make_neighbourhood())
    phone, laptop = app.test_client(), app.test_client()
    for browser in (phone, laptop):
        browser.post("/account/login", data={"email": user.email, "password": PASSWORD})
    response = phone.post("/account/password", data={"current_password": PASSWORD, "new_password": "weer een andere zin"})
    assert response.status_code == 303
    assert phone.get("/account/profile").status_code == 200
    assert laptop.get("/account/profile").status_code == 302


def test_password_change_with_wrong_current_password(client, login_as, make_user):
    login_as(make_user())
    response = client.post("/account/password", data={"current_password": "fout fout fout", "new_password": "weer een andere zin"})
    assert response.status_code == 422 and "Je huidige wachtwoord klopt niet" in response.text


def test_profile_saves_name_and_language(client, login_as, make_user):
    user = login_as(make_user()) and None
    response = client.post("/account/profile", data={"display_name": "Riek", "locale": "ar"})
    assert response.status_code == 303
    page = client.get("/account/profile")
    assert 'lang="ar"' in page.text and 'dir="rtl"' in page.text and "Riek" in page.text
    assert client.post("/account/profile", data={"display_name": "", "locale": "xx"}).status_code == 422
    del user


def test_csrf_token_page_form_roundtrip(app, make_neighbourhood):
    """With CSRF on (as in production) a form post without the token is refused, with it accepted."""
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    neighbourhood = make_neighbourhood()
    assert client.post("/account/signup", data=signup_form(neighbourhood)).status_code == 400
    token = csrf_token_from(client.get("/account/signup").text)
    assert client.post("/account/signup", data={**signup_form(neighbourhood), "csrf_token": token}).status_code == 200
    # htmx sends the token in a header
    token = csrf_token_from(client.get("/account/login").text)
    response = client.post("/account/login", data={"email": "x@example.org", "password": "y" * 10},
                           headers={"X-CSRFToken": token, "HX-Request": "true"})
    assert response.status_code == 422


def test_signup_needs_a_real_neighbourhood(client, make_neighbourhood):
    neighbourhood = make_neighbourhood()
    for value in ("", "999999", "abc"):
        response = client.post("/account/signup", data=signup_form(neighbourhood, neighbourhood_id=value))
        assert response.status_code == 422
        assert "Kies je buurt." in response.text or "Kies een buurt uit de lijst." in response.text


def test_signup_costs_the_same_for_a_new_and_a_taken_address(client, make_neighbourhood, make_user, outbox, monkeypatch):
    """The slow steps (hashing a password, writing, queueing a mail) happen on both paths, so the
    time a sign-up takes does not tell whether the address has an account."""
    from community.accounts import services

    neighbourhood = make_neighbourhood()
    taken = make_user(neighbourhood=neighbourhood)
    hashed = []
    real_hash = services.hash_password
    monkeypatch.setattr(services, "hash_password", lambda password: hashed.append(1) or real_hash(password))
    new = client.post("/account/signup", data=signup_form(neighbourhood, email="nieuw@example.org"))
    hashes_for_new, mails_for_new = len(hashed), len(outbox)
    existing = client.post("/account/signup", data=signup_form(neighbourhood, email=taken.email.upper()))
    assert new.status_code == existing.status_code == 200
    assert hashes_for_new == 1 and len(hashed) - hashes_for_new == 1
    assert mails_for_new == 1 and len(outbox) - mails_for_new == 1
    def page_without(address: str, page) -> str:
        # A CSRF token carries the second it was signed in: two requests may fall in different seconds.
        return re.sub(r'(name="csrf[-_]token" (content|value)=")[^"]+"', r"\1", page.text.replace(address, ""))

    assert page_without("nieuw@example.org", new) == page_without(taken.email.upper(), existing)


def test_the_password_is_checked_outside_any_transaction(client, make_user, monkeypatch):
    """argon2 is slow on purpose; on SQLite a POST's transaction holds the write lock, so 40 logins at
    once would queue behind each other's hash checks if the check ran inside it."""
    from community.accounts import services

    user = make_user()
    in_transaction = []
    real = services._hash_matches

    def spy(*args):
        in_transaction.append(db.session().in_transaction())
        return real(*args)

    monkeypatch.setattr(services, "_hash_matches", spy)
    assert client.post("/account/login", data={"email": user.email, "password": PASSWORD}).status_code == 303
    assert client.post("/account/login", data={"email": "niemand@example.org", "password": PASSWORD}).status_code == 422
    assert in_transaction == [False, False]

"""Login, sign-up and reset limits, per account (the normalised email) and per client address.

In one process with memory storage; tests/http/test_rate_limits.py checks the same over HTTP
against gunicorn with 4 workers sharing Redis.
"""
from __future__ import annotations

import re
import time

import pytest

from tests.conftest import PASSWORD

WRONG = "niet het goede wachtwoord"


@pytest.fixture
def limited(make_app):
    """An app whose limits are on, counting in its own memory; make(**settings) for other limits."""

    def make(**settings):
        return make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://", **settings)

    return make


def log_in(client, email: str, password: str, address: str = "192.0.2.1", **headers):
    return client.post("/account/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address}, headers=headers)


def ask_reset(client, email: str, address: str = "192.0.2.1", **headers):
    return client.post("/account/reset", data={"email": email}, environ_base={"REMOTE_ADDR": address}, headers=headers)


def minutes_in(text: str) -> int:
    match = re.search(r"over (\d+) minu", text)
    assert match, "no 'try again in … minutes' in the page"
    return int(match.group(1))


def test_ten_failed_logins_lock_the_account_even_for_the_right_password(limited, make_user):
    client = limited().test_client()
    victim = make_user(email="riek@example.org")
    statuses = [log_in(client, "riek@example.org", WRONG).status_code for _ in range(10)]
    assert statuses == [422] * 10
    refused = log_in(client, victim.email, PASSWORD)
    assert refused.status_code == 429
    assert 840 < int(refused.headers["Retry-After"]) <= 900
    assert minutes_in(refused.text) == 15 and "ook met het goede wachtwoord" in refused.text
    assert 'value="riek@example.org"' in refused.text  # what was typed stays


def test_the_account_key_is_the_normalised_email(limited, make_user):
    client = limited().test_client()
    make_user(email="a@example.org")
    for spelling in ["A@example.org ", "a@EXAMPLE.org", " a@example.org"] * 3 + ["A@Example.Org"]:
        assert log_in(client, spelling, WRONG).status_code == 422
    assert log_in(client, "a@example.org", WRONG).status_code == 429


def test_unknown_and_known_emails_get_the_same_answers(limited, make_user):
    client = limited().test_client()
    make_user(email="bekend@example.org")

    def answers(email: str) -> list[tuple[int, str]]:
        responses = [log_in(client, email, WRONG) for _ in range(12)]
        return [(response.status_code, response.text.replace(email, "EMAIL")) for response in responses]

    known, unknown = answers("bekend@example.org"), answers("onbekend@example.org")
    assert [status for status, _ in known] == [422] * 10 + [429] * 2
    assert [status for status, _ in unknown] == [status for status, _ in known]
    assert [_without_clock(text) for _, text in unknown] == [_without_clock(text) for _, text in known]


def _without_clock(text: str) -> str:
    """The page without what changes from second to second (the token's time, the minutes left)."""
    return re.sub(r"over \d+ minu", "", re.sub(r'(csrf[-_]token"[^>]*(content|value)=")[^"]+', r"\1", text))


def test_a_neighbour_on_the_same_address_still_logs_in(limited, make_user):
    client = limited().test_client()
    make_user(email="doelwit@example.org")
    neighbour = make_user(email="buur@example.org")
    for _ in range(12):
        log_in(client, "doelwit@example.org", WRONG)
    assert log_in(client, neighbour.email, PASSWORD).status_code == 303


def test_the_right_password_forgets_the_failed_tries(limited, make_user):
    client = limited().test_client()
    user = make_user(email="vergeetachtig@example.org")
    for _ in range(9):
        assert log_in(client, user.email, WRONG).status_code == 422
    assert log_in(client, user.email, PASSWORD).status_code == 303
    client.post("/account/logout")
    statuses = [log_in(client, user.email, WRONG).status_code for _ in range(11)]
    assert statuses == [422] * 10 + [429]


def test_the_account_opens_again_when_the_window_has_passed(limited, make_user):
    client = limited(RATELIMIT_LOGIN_PER_ACCOUNT="2 per 1 second").test_client()
    user = make_user(email="geduld@example.org")
    log_in(client, user.email, WRONG), log_in(client, user.email, WRONG)
    refused = log_in(client, user.email, PASSWORD)
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "1" and minutes_in(refused.text) == 1
    time.sleep(1.1)
    assert log_in(client, user.email, PASSWORD).status_code == 303


def test_one_address_gets_sixty_login_tries_an_hour(limited):
    client = limited().test_client()
    statuses = [log_in(client, f"iemand{number}@example.org", WRONG).status_code for number in range(61)]
    assert statuses == [422] * 60 + [429]
    refused = log_in(client, "nog.een@example.org", WRONG)
    assert refused.status_code == 429 and "Vanaf dit internetadres" in refused.text
    assert 'value="nog.een@example.org"' in refused.text
    assert log_in(client, "nog.een@example.org", WRONG, address="192.0.2.2").status_code == 422


def test_reset_links_five_per_email_and_twenty_per_address_an_hour(limited, make_user):
    application = limited()
    outbox = application.extensions["mailman"].outbox = []
    client = application.test_client()
    make_user(email="reset@example.org")
    assert [ask_reset(client, "reset@example.org").status_code for _ in range(6)] == [200] * 5 + [429]
    assert len(outbox) == 5
    refused = ask_reset(client, "RESET@example.org")
    assert refused.status_code == 429 and "Voor dit e-mailadres" in refused.text and "Retry-After" in refused.headers
    statuses = [ask_reset(client, f"ander{number}@example.org").status_code for number in range(14)]
    assert statuses == [200] * 13 + [429]  # 5 + 2 refused + 13 = the address's 20


def test_sign_up_five_per_email_an_hour(limited, make_neighbourhood):
    client = limited().test_client()
    neighbourhood = make_neighbourhood()
    form = {"display_name": "Ans", "email": "ans@example.org", "password": "de zon schijnt in oss",
            "neighbourhood_id": str(neighbourhood.id), "locale": "nl"}
    statuses = [client.post("/account/signup", data=form).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    refused = client.post("/account/signup", data={**form, "email": " ANS@example.org"})
    assert refused.status_code == 429 and 'value="Ans"' in refused.text


def test_x_forwarded_for_is_ignored_without_proxies(limited):
    client = limited(PROXY_COUNT=0).test_client()
    statuses = [ask_reset(client, f"p{number}@example.org", **{"X-Forwarded-For": f"198.51.100.{number}"}).status_code
                for number in range(21)]
    assert statuses == [200] * 20 + [429]


def test_x_forwarded_for_names_the_client_behind_one_proxy(limited):
    client = limited(PROXY_COUNT=1).test_client()
    statuses = [ask_reset(client, f"p{number}@example.org", **{"X-Forwarded-For": f"198.51.100.{number}"}).status_code
                for number in range(21)]
    assert statuses == [200] * 21
    same_client = [ask_reset(client, f"q{number}@example.org", **{"X-Forwarded-For": "203.0.113.9"}).status_code
                   for number in range(21)]
    assert same_client == [200] * 20 + [429]


def test_a_mistyped_limit_stops_the_app_at_start(make_app):
    with pytest.raises(ValueError):
        make_app(RATELIMIT_LOGIN_PER_ACCOUNT="tien per minuut")


def test_logins_still_work_when_the_limit_storage_is_away(make_app, make_user):
    """Redis restarting must not lock every resident out: the tries are let through and logged."""
    user = make_user()
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0")
    client = app.test_client()
    response = client.post("/account/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 303

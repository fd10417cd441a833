"""Login limits over real HTTP: gunicorn with 4 workers counting in one Redis.

With counts in each worker's memory, 40 guesses got 40 checks instead of 10 (and the right
password from the same address got a 429). Here: 40 wrong passwords for one account, sent at
once from one address, get exactly 10 checks, whichever workers answer; a neighbour at the same
address still logs in; the account's owner waits until the window has passed.
"""
from __future__ import annotations

import re
import secrets

import pytest

from tests.http.live_server import TEST_REDIS_URL, at_once, redis_problem, summary

pytestmark = pytest.mark.http

WRONG = "dit is het wachtwoord niet"


@pytest.fixture(scope="module")
def site(start_site):
    problem = redis_problem(TEST_REDIS_URL)
    if problem:
        pytest.skip(problem)
    return start_site(RATELIMIT_ENABLED="true", REDIS_URL=TEST_REDIS_URL,
                      RATELIMIT_KEY_PREFIX=f"test-{secrets.token_hex(4)}")


def test_forty_guesses_at_once_get_ten_checks_across_the_workers(site):
    victim, neighbour = site.emails[0], site.emails[1]
    guessers = site.residents(40)
    for guesser in guessers:
        guesser.email = victim
        guesser.open_login_page()
    answers, seconds = at_once(guessers, lambda guesser: guesser.send_login(WRONG))
    print(f"\n40 wrong passwords for one account at once: {summary(answers)} in {seconds:.2f} s")

    assert summary(answers) == {422: 10, 429: 30}
    assert site.server.output().count("login refused") == 10  # passwords checked: 10, not 40
    checked_by = site.server.worker_pids("POST", "/account/login", 422)
    refused_by = site.server.worker_pids("POST", "/account/login", 429)
    print(f"checked by workers {sorted(set(checked_by))}, refused by workers {sorted(set(refused_by))}")
    assert len(set(checked_by)) > 1, "the 10 checks were all made by one worker: nothing shown to be shared"

    someone_else = site.residents(2)[1]
    assert someone_else.email == neighbour
    assert someone_else.log_in().status == 303  # same address, other account: in

    owner = guessers[0]
    owner.open_login_page()
    refused = owner.http.post(site.server.base_url + "/account/login", allow_redirects=False,
                              data={"email": victim, "password": owner.password, "csrf_token": owner.csrf_token})
    assert refused.status_code == 429
    assert 800 < int(refused.headers["Retry-After"]) <= 900
    assert re.search(r"over 1[45] minuten weer inloggen, ook met het goede wachtwoord", refused.text)
    assert f'value="{victim}"' in refused.text
    for person in guessers + [someone_else]:
        person.close()

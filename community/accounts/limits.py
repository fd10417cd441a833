"""How often someone may try to log in, sign up or ask for a reset link.

Every try is counted twice: per account and per client address.

- Per account means per normalised email typed in the form ("A@x.org " and "a@x.org" are one),
  whether or not an account has that address, so a refusal says nothing about who has one. The
  key is an HMAC of the address: the limits storage holds no email addresses.
- Per client address means `request.remote_addr`; behind PROXY_COUNT proxies ProxyFix has set it
  from X-Forwarded-For, and without proxies a client cannot pick its own.

Login: per account only *failed* tries count (RATELIMIT_LOGIN_PER_ACCOUNT, 10 per 15 minutes).
A try takes a place before the password is checked, so 40 guesses sent at once still get only 10
checks; a right password gives the places back. (Flask-Limiter's `deduct_when` would test the
count first and add to it after the response: guesses sent together would all pass the test.)
Once the places are gone even the right password waits for the window to pass: that is what
stops guessing. Per address every try counts, with a higher limit (RATELIMIT_LOGIN_PER_ADDRESS)
so that neighbours behind one router still get in when someone there guesses at an account.

Sign-up and reset mail: every try counts, per account (RATELIMIT_MAIL_PER_ACCOUNT) and per
address (RATELIMIT_MAIL_PER_ADDRESS); choosing a new password from a link counts per address.

The counts live in Flask-Limiter's storage with its strategy (a moving window): Redis when
REDIS_URL is set, so every worker and every host counts the same tries. In memory each worker
process would count on its own, which production refuses (see config.refuse_insecure_production).
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import math
import time

from flask import current_app, request
from flask_babel import ngettext
from limits import RateLimitItem, parse

from community.accounts import bp
from community.accounts.services import normalise_email
from community.extensions import limiter

log = logging.getLogger("community.accounts.limits")

SETTINGS = ("RATELIMIT_LOGIN_PER_ACCOUNT", "RATELIMIT_LOGIN_PER_ADDRESS",
            "RATELIMIT_MAIL_PER_ACCOUNT", "RATELIMIT_MAIL_PER_ADDRESS")


@bp.record_once
def _refuse_unreadable_settings(state) -> None:
    """A mistyped limit stops the app at start, not at the first login."""
    for name in SETTINGS:
        parse(state.app.config[name])


class TooManyTries(Exception):
    """A limit is reached; `seconds` until the next try is counted again."""

    def __init__(self, seconds: int, *, per_account: bool, login: bool):
        super().__init__(f"too many tries, retry in {seconds}s")
        self.seconds = seconds
        self.per_account = per_account
        self.login = login

    @property
    def message(self) -> str:
        minutes = max(1, math.ceil(self.seconds / 60))
        if self.per_account and self.login:
            return ngettext(
                "Met dit e-mailadres is te vaak een verkeerd wachtwoord geprobeerd. Om het account te beschermen "
                "kun je pas over %(num)d minuut weer inloggen, ook met het goede wachtwoord.",
                "Met dit e-mailadres is te vaak een verkeerd wachtwoord geprobeerd. Om het account te beschermen "
                "kun je pas over %(num)d minuten weer inloggen, ook met het goede wachtwoord.", minutes)
        if self.per_account:
            return ngettext("Voor dit e-mailadres is het te vaak geprobeerd. Probeer het over %(num)d minuut opnieuw.",
                            "Voor dit e-mailadres is het te vaak geprobeerd. Probeer het over %(num)d minuten opnieuw.",
                            minutes)
        return ngettext("Vanaf dit internetadres is het te vaak geprobeerd. Probeer het over %(num)d minuut opnieuw.",
                        "Vanaf dit internetadres is het te vaak geprobeerd. Probeer het over %(num)d minuten opnieuw.",
                        minutes)


# --- what the views call ------------------------------------------------------------------------

def take_login_try(email: str) -> None:
    """Count a login try; raises TooManyTries before the password may be checked."""
    _take("RATELIMIT_LOGIN_PER_ADDRESS", "login", _address(), per_account=False, login=True)
    _take("RATELIMIT_LOGIN_PER_ACCOUNT", "login-failed", _account(email), per_account=True, login=True)


def forgive_login_failures(email: str) -> None:
    """The right password: the account's failed tries (and this try's place) are forgotten."""
    if not _enabled():
        return
    try:
        limiter.limiter.clear(_item("RATELIMIT_LOGIN_PER_ACCOUNT"), *_identifiers("login-failed", _account(email)))
    except Exception:  # noqa: BLE001 - the storage (Redis) is away: nothing to forget then
        log.error("rate limit storage unavailable: failures not cleared", exc_info=True)


def take_mail_try(action: str, email: str) -> None:
    """Count a try that sends mail to `email` (action: "signup" or "reset")."""
    _take("RATELIMIT_MAIL_PER_ADDRESS", action, _address(), per_account=False, login=False)
    _take("RATELIMIT_MAIL_PER_ACCOUNT", action, _account(email), per_account=True, login=False)


def take_address_try(action: str) -> None:
    """Count a try that only the client address limits (a new password chosen from a link)."""
    _take("RATELIMIT_MAIL_PER_ADDRESS", action, _address(), per_account=False, login=False)


# --- counting --------------------------------------------------------------------------------------

def _enabled() -> bool:
    return bool(current_app.config.get("RATELIMIT_ENABLED") and limiter.enabled)


def _take(setting: str, scope: str, who: str, *, per_account: bool, login: bool) -> None:
    if not _enabled():
        return
    item = _item(setting)
    identifiers = _identifiers(scope, who)
    try:
        allowed = limiter.limiter.hit(item, *identifiers)
    except Exception:  # noqa: BLE001 - the storage (Redis) is away
        # Residents must still get in while Redis restarts; the log says the limit is not counting.
        log.error("rate limit storage unavailable: %s not counted", scope, exc_info=True)
        return
    if not allowed:
        raise TooManyTries(_seconds_until_free(item, identifiers), per_account=per_account, login=login)


def _seconds_until_free(item: RateLimitItem, identifiers: list[str]) -> int:
    free_at = limiter.limiter.get_window_stats(item, *identifiers).reset_time
    return max(1, math.ceil(free_at - time.time()))


def _item(setting: str) -> RateLimitItem:
    return parse(current_app.config[setting])


def _identifiers(scope: str, who: str) -> list[str]:
    return [current_app.config["RATELIMIT_KEY_PREFIX"], "auth", scope, who]


def _address() -> str:
    return "address:" + (request.remote_addr or "unknown")


def _account(email: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(secret, normalise_email(email or "").encode(), hashlib.sha256).hexdigest()
    return "account:" + digest[:32]

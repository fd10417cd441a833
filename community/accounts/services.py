"""Accounts: passwords, login sessions, sign-up, email confirmation and password reset."""
from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, after_this_request, current_app, has_request_context, session
from flask_login import LoginManager, login_user, logout_user
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, func, select, update

from community.accounts.models import LoginSession, User
from community.db import end_read_transaction, utcnow
from community.errors import DomainError
from community.extensions import db
from community.mail.services import mail_person
from community.neighbourhoods.models import Membership, Neighbourhood, Role
from community.web import absolute_url

log = logging.getLogger("community.accounts")

LOGIN_TOKEN_KEY = "login_token"
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 128
COMMON_PASSWORDS = frozenset(
    """
    1234567890 12345678910 0123456789 qwertyuiop wachtwoord1 wachtwoord123 password12
    password123 password1234 welkom1234 welkom12345 iloveyou12 1q2w3e4r5t qwerty1234
    abcdefghij aaaaaaaaaa buurtkracht
    """.split()
)


class AccountError(DomainError):
    """A rule about accounts was broken; the message is shown to the person."""


class WrongCurrentPassword(AccountError):
    pass


class UnknownNeighbourhood(AccountError):
    pass


# --- passwords --------------------------------------------------------------------------

def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(
        time_cost=cfg["ARGON2_TIME_COST"],
        memory_cost=cfg["ARGON2_MEMORY_COST"],
        parallelism=cfg["ARGON2_PARALLELISM"],
        type=Type.ID,
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def password_problem(password: str, *, email: str = "", display_name: str = ""):
    """The reason a password is refused, or None. Length over complexity rules (NIST 800-63B)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _l("Kies een wachtwoord van minstens %(count)d tekens.", count=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return _l("Kies een wachtwoord van hoogstens %(count)d tekens.", count=MAX_PASSWORD_LENGTH)
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or len(set(lowered)) < 4:
        return _l("Dit wachtwoord is te makkelijk te raden. Kies iets anders, bijvoorbeeld een zin van een paar woorden.")
    local_part = email.split("@")[0].lower()
    if (local_part and len(local_part) >= 4 and local_part in lowered) or (display_name and display_name.lower() == lowered):
        return _l("Je wachtwoord mag niet op je naam of e-mailadres lijken.")
    return None


# A real hash to verify against when the email is unknown, so timing says nothing either.
_DUMMY_HASH_CACHE: dict[str, str] = {}


def _dummy_hash() -> str:
    key = f"{current_app.config['ARGON2_TIME_COST']}:{current_app.config['ARGON2_MEMORY_COST']}"
    if key not in _DUMMY_HASH_CACHE:
        _DUMMY_HASH_CACHE[key] = hash_password(secrets.token_urlsafe(16))
    return _DUMMY_HASH_CACHE[key]


def _hash_matches(password_hash: str | None, password: str) -> bool:
    """Checks against a real hash for an unknown account too, so timing says nothing."""
    try:
        _hasher().verify(password_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return password_hash is not None


def _rehash_if_needed(user: User, password: str) -> None:
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)


def verify_password(user: User | None, password: str) -> bool:
    if not _hash_matches(user.password_hash if user else None, password):
        return False
    _rehash_if_needed(user, password)
    return True


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


# --- login sessions ---------------------------------------------------------------------

def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_login_session(user: User) -> None:
    """Renew the session: a fresh cookie and a fresh server-side row, old ones are worthless."""
    locale = user.locale or session.get("locale")
    previous = session.get(LOGIN_TOKEN_KEY)
    if previous:
        db.session.execute(delete(LoginSession).where(LoginSession.token_hash == _token_hash(previous)))
    session.clear()
    token = secrets.token_urlsafe(32)
    db.session.add(LoginSession(user_id=user.id, token_hash=_token_hash(token)))
    db.session.commit()
    session[LOGIN_TOKEN_KEY] = token
    if locale:
        session["locale"] = locale
    session.permanent = True
    login_user(user)
    log.info("login: user=%s", user.id)


def end_login_session() -> None:
    token = session.get(LOGIN_TOKEN_KEY)
    if token:
        db.session.execute(delete(LoginSession).where(LoginSession.token_hash == _token_hash(token)))
        db.session.commit()
    logout_user()
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale


def end_other_login_sessions(user: User) -> None:
    """After a password change every other browser is logged out."""
    token = session.get(LOGIN_TOKEN_KEY, "")
    db.session.execute(
        delete(LoginSession).where(LoginSession.user_id == user.id, LoginSession.token_hash != _token_hash(token))
    )


TOUCH_EVERY = timedelta(hours=1)  # how stale last_seen_at may get: one small write an hour, not one a page


def load_user_for_session(user_id: str) -> User | None:
    token = session.get(LOGIN_TOKEN_KEY)
    if not token or not user_id.isdigit() or len(user_id) > 10:
        return None
    now, config = utcnow(), current_app.config
    row = db.session.execute(
        select(User, LoginSession.id, LoginSession.last_seen_at)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(User.id == int(user_id), LoginSession.token_hash == _token_hash(token), User.is_deleted.is_(False),
               LoginSession.created_at > now - config["SESSION_ABSOLUTE_LIFETIME"],
               LoginSession.last_seen_at > now - config["SESSION_IDLE_LIFETIME"])
    ).first()
    if row is None:
        return None
    user, session_id, last_seen_at = row
    if last_seen_at < now - TOUCH_EVERY:
        _touch_after_response(session_id)
    return user


def _touch_after_response(session_id: int) -> None:
    """Note that the session is in use, once the response is out and in a transaction of its own:
    a page that only reads never waits for the write lock because of this."""
    if not has_request_context():
        return
    app = current_app._get_current_object()

    @after_this_request
    def _schedule(response):
        response.call_on_close(lambda: touch_login_session(app, session_id))
        return response


def touch_login_session(app, session_id: int) -> None:
    from community.db import write_intent

    with app.app_context(), write_intent():
        try:
            db.session.execute(update(LoginSession).where(LoginSession.id == session_id)
                               .values(last_seen_at=utcnow()).execution_options(synchronize_session=False))
            db.session.commit()
        except Exception:  # noqa: BLE001 - best effort: the next request tries again
            log.warning("could not note a session in use", exc_info=True)
        finally:
            db.session.remove()


def prune_login_sessions(now: datetime | None = None) -> int:
    """For cron: delete sessions that can no longer be used (idle too long, or too old)."""
    now, config = now or utcnow(), current_app.config
    result = db.session.execute(delete(LoginSession).where(
        (LoginSession.created_at <= now - config["SESSION_ABSOLUTE_LIFETIME"])
        | (LoginSession.last_seen_at <= now - config["SESSION_IDLE_LIFETIME"])))
    db.session.commit()
    return result.rowcount


def configure_login(app: Flask, login: LoginManager) -> None:
    login.init_app(app)
    login.login_view = "accounts.login"
    login.login_message = _l("Log eerst in om verder te gaan.")
    login.login_message_category = "info"
    login.session_protection = None  # sessions are renewed and revoked through LoginSession
    login.user_loader(load_user_for_session)


# --- sign-up and confirmation -------------------------------------------------------------

@dataclass
class SignUp:
    display_name: str
    email: str
    password: str
    neighbourhood_id: int
    locale: str


def sign_up(data: SignUp) -> User | None:
    """Create an unconfirmed account and mail its confirmation link; if the email is taken, mail
    its owner instead. Both paths hash a password, write and mail the same way, so neither the page
    nor the time it takes tells whether an address has an account. Returns the new user or None."""
    neighbourhood = db.session.get(Neighbourhood, data.neighbourhood_id)
    if neighbourhood is None:
        raise UnknownNeighbourhood(_l("Kies een buurt uit de lijst."))
    problem = password_problem(data.password, email=data.email, display_name=data.display_name)
    if problem:
        raise AccountError(problem)
    password_hash = _slow_hash_outside_the_lock(data.password)
    existing = find_user_by_email(data.email)
    if existing is not None:
        mail_person(existing, "already", link=absolute_url("accounts.reset_request"))
        db.session.commit()
        return None
    user = User(email=normalise_email(data.email), display_name=data.display_name.strip(),
                password_hash=password_hash, locale=data.locale)
    user.memberships.append(Membership(neighbourhood_id=neighbourhood.id, role=Role.RESIDENT.value))
    db.session.add(user)
    db.session.flush()
    send_confirmation(user)
    db.session.commit()
    log.info("sign-up: user=%s neighbourhood=%s", user.id, neighbourhood.id)
    return user


def send_confirmation(user: User) -> None:
    """Queue the email with the link that confirms the address (the caller commits)."""
    mail_person(user, "confirm", link=absolute_url("accounts.confirm", token=make_confirmation_token(user)))


def request_password_reset(email: str) -> None:
    """Mail a reset link if the address has an account; say nothing either way."""
    user = find_user_by_email(email)
    if user is not None and not user.is_deleted:
        mail_person(user, "reset", link=absolute_url("accounts.reset_password", token=make_reset_token(user)))
    db.session.commit()


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def make_confirmation_token(user: User) -> str:
    return _serializer("confirm-email").dumps({"user": user.id, "email": user.email})


def confirm_email(token: str) -> User:
    try:
        data = _serializer("confirm-email").loads(token, max_age=current_app.config["EMAIL_CONFIRM_MAX_AGE"])
    except SignatureExpired:
        raise AccountError(_l("Deze link is verlopen. Meld je opnieuw aan, dan sturen we een nieuwe."))
    except BadSignature:
        raise AccountError(_l("Deze link klopt niet. Kopieer de hele link uit de e-mail."))
    user = db.session.get(User, data.get("user")) if isinstance(data, dict) else None
    if user is None or user.email != data.get("email") or user.is_deleted:
        raise AccountError(_l("Deze link klopt niet. Kopieer de hele link uit de e-mail."))
    if not user.is_email_confirmed:
        user.is_email_confirmed = True
        user.confirmed_at = utcnow()
        db.session.commit()
    return user


# --- password reset ------------------------------------------------------------------------

def _password_fingerprint(user: User) -> str:
    # Changes with every new password, so a reset link works once.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def make_reset_token(user: User) -> str:
    return _serializer("reset-password").dumps({"user": user.id, "fp": _password_fingerprint(user)})


def user_for_reset_token(token: str) -> User:
    try:
        data = _serializer("reset-password").loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except SignatureExpired:
        raise AccountError(_l("Deze link is verlopen. Vraag een nieuwe aan."))
    except BadSignature:
        raise AccountError(_l("Deze link werkt niet (meer). Vraag een nieuwe aan."))
    user = db.session.get(User, data.get("user")) if isinstance(data, dict) else None
    if user is None or user.is_deleted or data.get("fp") != _password_fingerprint(user):
        raise AccountError(_l("Deze link werkt niet (meer). Vraag een nieuwe aan."))
    return user


def _slow_hash_outside_the_lock(password: str) -> str:
    """argon2 takes a third of a second on purpose; a POST holds SQLite's write lock from its first
    query, so end the (read-only) transaction first. Loaded objects load again when next used."""
    end_read_transaction(db.session)
    return hash_password(password)


def set_new_password(user: User, password: str) -> None:
    problem = password_problem(password, email=user.email, display_name=user.display_name)
    if problem:
        raise AccountError(problem)
    fingerprint = _password_fingerprint(user)
    new_hash = _slow_hash_outside_the_lock(password)
    if _password_fingerprint(user) != fingerprint:  # another tab used the same link meanwhile
        raise AccountError(_l("Deze link werkt niet (meer). Vraag een nieuwe aan."))
    user.password_hash = new_hash
    user.password_changed_at = utcnow()
    # Following the emailed link proves the address.
    if not user.is_email_confirmed:
        user.is_email_confirmed = True
        user.confirmed_at = utcnow()
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    db.session.commit()
    log.info("password reset: user=%s", user.id)


def change_password(user: User, current_password: str, new_password: str) -> None:
    problem = password_problem(new_password, email=user.email, display_name=user.display_name)
    known_hash = user.password_hash
    end_read_transaction(db.session)  # two argon2 runs ahead: hold no lock meanwhile
    if not _hash_matches(known_hash, current_password):
        raise WrongCurrentPassword(_l("Je huidige wachtwoord klopt niet."))
    if problem:
        raise AccountError(problem)
    new_hash = hash_password(new_password)
    if user.password_hash != known_hash:  # changed in another tab meanwhile
        raise WrongCurrentPassword(_l("Je huidige wachtwoord klopt niet."))
    user.password_hash = new_hash
    user.password_changed_at = utcnow()
    end_other_login_sessions(user)
    db.session.commit()
    log.info("password changed: user=%s", user.id)


def authenticate(email: str, password: str) -> User | None:
    found = db.session.execute(select(User.id, User.password_hash).where(
        User.email == normalise_email(email), User.is_deleted.is_(False))).first()
    # The hash check is slow on purpose. End the read first: on SQLite a POST holds the write lock
    # from its first query, and 40 logins at once would otherwise queue behind each other's argon2.
    end_read_transaction(db.session)
    if not _hash_matches(found.password_hash if found else None, password):
        log.info("login refused")
        return None
    user = db.session.get(User, found.id)
    if user is None or user.is_deleted or user.password_hash != found.password_hash:
        log.info("login refused: the account changed meanwhile")
        return None
    _rehash_if_needed(user, password)
    db.session.commit()
    return user


def count_users() -> int:
    return db.session.scalar(select(func.count(User.id))) or 0

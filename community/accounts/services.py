"""Accounts: passwords, sign-up, email confirmation, password reset and the profile (logins are
in login_sessions)."""
from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from community.accounts.login_sessions import end_all_login_sessions, end_other_login_sessions
from community.accounts.models import User
from community.db import end_read_transaction, utcnow
from community.errors import DomainError
from community.extensions import db
from community.mail.services import mail_person
from community.neighbourhoods.models import Membership, Neighbourhood, Role
from community.web import absolute_url

log = logging.getLogger("community.accounts")

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


def resend_confirmation(user: User) -> None:
    """Someone logs in before confirming: mail the link again."""
    send_confirmation(user)
    db.session.commit()


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
    end_all_login_sessions(user)
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


# --- the profile ---------------------------------------------------------------------------

def update_profile(user: User, display_name: str, locale: str) -> None:
    from community.versions import PLACE, mark_changed

    user.display_name = display_name.strip()
    user.locale = locale
    for membership in user.memberships:  # their name stands on pages of the neighbourhood
        mark_changed(membership.neighbourhood_id, PLACE)
    db.session.commit()


def set_locale(user: User, locale: str) -> None:
    """The language the person chose; mail to them is written in it too."""
    user.locale = locale
    db.session.commit()

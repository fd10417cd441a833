"""Deleting one's own account: asked for, a grace period that a login undoes, then erased for good.

Erasing deletes the user row; every link to it was made to forget the person (ON DELETE SET
NULL, shown as "voormalig buurtbewoner") or to go with them (ON DELETE CASCADE). What the
person made for others stays whole unless they chose to remove it; the pot's ledger is never
touched (its transactions only forget who booked them)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from community.accounts.login_sessions import end_all_login_sessions
from community.accounts.models import User
from community.db import begin_write_transaction, utcnow
from community.errors import DomainError
from community.extensions import db
from community.privacy.deletion_models import AccountDeletion
from community.privacy.erasure import erase_user, handovers_needed
from community.privacy import export_service

log = logging.getLogger("community.privacy")

GRACE_PERIOD = timedelta(days=14)
# A claim older than this was left by a run that died half-way; another run may take it over.
STALE_CLAIM = timedelta(hours=1)


class HandOverFirst(DomainError):
    """The account still holds a task only it holds; the message says which and what to do."""

    def __init__(self, handovers: list):
        super().__init__(_l("Draag eerst over wat alleen jij doet. Daarna kun je je account verwijderen."))
        self.handovers = handovers


@dataclass(frozen=True)
class Choices:
    keep_initiatives: bool = True
    keep_posts: bool = True
    keep_stories: bool = True


def pending_deletion(user_id: int) -> AccountDeletion | None:
    return db.session.scalar(select(AccountDeletion).where(AccountDeletion.user_id == user_id))


def request_deletion(user: User, choices: Choices, now: datetime | None = None) -> AccountDeletion:
    """Note the request and log out every browser; the account is erased after the grace period."""
    handovers = handovers_needed(user.id)
    if handovers:
        log.info("deletion refused: user=%s handovers=%d", user.id, len(handovers))
        raise HandOverFirst(handovers)
    now = now or utcnow()
    begin_write_transaction(db.session)
    deletion = pending_deletion(user.id) or AccountDeletion(user_id=user.id)
    deletion.requested_at, deletion.due_at, deletion.claimed_at = now, now + GRACE_PERIOD, None
    deletion.keep_initiatives, deletion.keep_posts, deletion.keep_stories = (
        choices.keep_initiatives, choices.keep_posts, choices.keep_stories)
    db.session.add(deletion)
    end_all_login_sessions(user)
    db.session.commit()
    log.info("deletion requested: user=%s", user.id)
    return deletion


def cancel_deletion(user_id: int) -> bool:
    """Undo a request that has not been carried out (logging in again does this)."""
    if pending_deletion(user_id) is None:  # most logins: no write at all
        return False
    begin_write_transaction(db.session)
    result = db.session.execute(delete(AccountDeletion).where(AccountDeletion.user_id == user_id,
                                                              AccountDeletion.claimed_at.is_(None)))
    db.session.commit()
    if result.rowcount:
        log.info("deletion cancelled: user=%s", user_id)
    return bool(result.rowcount)


def pending_count() -> int:
    """For the instance admin: how many accounts wait to be erased (never who)."""
    return db.session.scalar(select(func.count()).select_from(AccountDeletion)) or 0


def erase_due(now: datetime | None = None) -> int:
    """For cron: erase every account whose grace period ended. Idempotent, and safe on two hosts."""
    now = now or utcnow()
    due = db.session.scalars(select(AccountDeletion.id).where(AccountDeletion.due_at <= now)
                             .order_by(AccountDeletion.id)).all()
    db.session.rollback()
    return sum(1 for deletion_id in due if _claim(deletion_id, now) and _erase_claimed(deletion_id))


def _claim(deletion_id: int, now: datetime) -> bool:
    begin_write_transaction(db.session)
    claimed = db.session.execute(
        update(AccountDeletion)
        .where(AccountDeletion.id == deletion_id, AccountDeletion.due_at <= now,
               AccountDeletion.claimed_at.is_(None) | (AccountDeletion.claimed_at < now - STALE_CLAIM))
        .values(claimed_at=now).execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return claimed == 1


def _erase_claimed(deletion_id: int) -> bool:
    begin_write_transaction(db.session)
    deletion = db.session.get(AccountDeletion, deletion_id)
    if deletion is None:
        db.session.rollback()
        return False
    user_id = deletion.user_id
    if handovers_needed(user_id):
        # Since the request they became the only one again (a gangmaker left): wait, and say so in the log.
        deletion.claimed_at = None
        db.session.commit()
        log.warning("deletion waits for a handover: user=%s", user_id)
        return False
    export = export_service.export_of(user_id)
    export_file = export_service.export_path(export) if export else None  # its row goes with the account
    erase_user(user_id, Choices(deletion.keep_initiatives, deletion.keep_posts, deletion.keep_stories))
    db.session.commit()
    if export_file is not None:  # after the commit: a rollback keeps the file its row still offers
        export_file.unlink(missing_ok=True)
    log.info("account erased: deletion=%s", deletion_id)
    return True

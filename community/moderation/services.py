"""Reports, hiding and restoring, and the audit log. Features register what can be
reported (register_target); hidden is never deleted."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from community.errors import DomainError, within_length
from community.extensions import db
from community.moderation.models import REASON_MAX, AuditEntry, Report

log = logging.getLogger("community.moderation")

HIDE_AFTER_REPORTS = 3


class ModerationError(DomainError):
    """A report or decision that cannot be made."""


@dataclass(frozen=True)
class Target:
    """How moderation reaches one kind of reportable thing."""

    load_many: Callable[[list[int]], dict[int, object]]  # ids -> {id: object with is_hidden}
    neighbourhood_of: Callable[[object], int]
    set_hidden: Callable[[object, bool], None]
    describe: Callable[[object], str]             # a short text for the coordinator's list
    url: Callable[[object, str], str]             # (object, neighbourhood slug) -> its page

    def load(self, target_id: int):
        return self.load_many([target_id]).get(target_id)


TARGETS: dict[str, Target] = {}


def register_target(name: str, target: Target) -> None:
    TARGETS[name] = target


def target_or_none(target_type: str, target_id: int):
    target = TARGETS.get(target_type)
    return target.load(target_id) if target else None


def record(neighbourhood_id: int, actor_id: int | None, action: str, target_type: str, target_id: int,
           reason: str = "") -> AuditEntry:
    """Add an audit row in the caller's transaction."""
    entry = AuditEntry(neighbourhood_id=neighbourhood_id, actor_id=actor_id, action=action, target_type=target_type,
                       target_id=target_id, reason=str(reason).strip())
    db.session.add(entry)
    log.info("moderation: %s %s:%s by %s", action, target_type, target_id, actor_id)
    return entry


def report(target_type: str, target_id: int, reporter_id: int, reason: str) -> bool:
    """File a report; the third open report hides the item until a coordinator decides.
    Returns True when this report hid it."""
    target = TARGETS.get(target_type)
    item = target.load(target_id) if target else None
    if item is None:
        raise ModerationError(_l("Dit bestaat niet (meer)."))
    reason = within_length(reason, REASON_MAX, ModerationError, "reason")
    if not reason:
        raise ModerationError(_l("Schrijf kort waarom je dit meldt."))
    neighbourhood_id = target.neighbourhood_of(item)
    try:
        db.session.add(Report(neighbourhood_id=neighbourhood_id, target_type=target_type, target_id=target_id,
                              reporter_id=reporter_id, reason=reason))
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise ModerationError(_l("Je hebt dit al gemeld. Dank je wel.")) from None
    hidden_now = False
    if not item.is_hidden and open_report_count(target_type, target_id) >= HIDE_AFTER_REPORTS:
        target.set_hidden(item, True)
        record(neighbourhood_id, None, "auto_hidden", target_type, target_id,
               str(_l("%(count)d meldingen", count=HIDE_AFTER_REPORTS)))
        hidden_now = True
    db.session.commit()
    return hidden_now


def open_report_count(target_type: str, target_id: int) -> int:
    return db.session.scalar(select(func.count(Report.id)).where(
        Report.target_type == target_type, Report.target_id == target_id, Report.is_open.is_(True))) or 0


def decide(target_type: str, target_id: int, *, hide: bool, actor_id: int, reason: str) -> None:
    """The coordinator hides or restores, with a reason; open reports on it are closed."""
    target = TARGETS.get(target_type)
    item = target.load(target_id) if target else None
    if item is None:
        raise ModerationError(_l("Dit bestaat niet (meer)."))
    reason = within_length(reason, REASON_MAX, ModerationError, "reason")
    if not reason:
        raise ModerationError(_l("Schrijf een reden; de buurt ziet waarom."))
    target.set_hidden(item, hide)
    db.session.execute(update(Report).where(Report.target_type == target_type, Report.target_id == target_id,
                                            Report.is_open.is_(True)).values(is_open=False))
    record(target.neighbourhood_of(item), actor_id, "hidden" if hide else "restored", target_type, target_id, reason)
    db.session.commit()


@dataclass
class ReportedItem:
    target_type: str
    target_id: int
    item: object
    description: str
    url: str
    reports: list[Report]


def reported_items(neighbourhood_id: int, slug: str) -> list[ReportedItem]:
    """Items with open reports, oldest report first; hidden ones too (they wait for a decision)."""
    reports = db.session.scalars(select(Report).where(Report.neighbourhood_id == neighbourhood_id,
                                                      Report.is_open.is_(True)).order_by(Report.created_at)).all()
    grouped: dict[tuple[str, int], list[Report]] = {}
    for row in reports:
        grouped.setdefault((row.target_type, row.target_id), []).append(row)
    loaded = {name: target.load_many([i for (kind, i) in grouped if kind == name]) for name, target in TARGETS.items()}
    items = []
    for (target_type, target_id), rows in grouped.items():
        item = loaded.get(target_type, {}).get(target_id)
        if item is not None:
            target = TARGETS[target_type]
            items.append(ReportedItem(target_type, target_id, item, target.describe(item), target.url(item, slug), rows))
    return items


def audit_log(neighbourhood_id: int, *, action: str = "", limit: int = 200) -> list[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.neighbourhood_id == neighbourhood_id)
    if action:
        query = query.where(AuditEntry.action == action)
    return list(db.session.scalars(query.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(limit)))


def audit_actions(neighbourhood_id: int) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).where(AuditEntry.neighbourhood_id == neighbourhood_id)
                                   .distinct().order_by(AuditEntry.action)))


def open_report_total(neighbourhood_id: int) -> int:
    items = (select(Report.target_type, Report.target_id)
             .where(Report.neighbourhood_id == neighbourhood_id, Report.is_open.is_(True)).distinct().subquery())
    return db.session.scalar(select(func.count()).select_from(items)) or 0

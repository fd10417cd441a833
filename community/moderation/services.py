"""Reports, hiding and restoring, and the audit log. Features register what can be
reported (register_target); hidden is never deleted."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l, ngettext
from sqlalchemy import Float, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from community.accounts.models import User
from community.errors import DomainError, within_length
from community.extensions import db
from community.moderation.models import REASON_MAX, AuditEntry, Report
from community.neighbourhoods.models import Membership

log = logging.getLogger("community.moderation")

HIDE_AFTER_REPORTS = 3
ESTABLISHED_AFTER_DAYS = 7  # an account this old when it reports counts toward hiding


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
    view_action: str                              # the permissions actions that say who may see it
    report_action: str                            # and who may report it
    kind: object = ""                             # what it is, in words ('Initiatief'), lazily translated
    context: Callable[[object], str] = lambda item: ""  # what it belongs to (a post: its initiative's title)

    def load(self, target_id: int):
        return self.load_many([target_id]).get(target_id)


TARGETS: dict[str, Target] = {}


@dataclass(frozen=True)
class AuditSubject:
    """How the audit log names a kind of thing it records that cannot be reported (a membership)."""

    load_many: Callable[[list[int]], dict[int, object]]
    describe: Callable[[object], str]
    kind: object
    url: Callable[[object, str], str] = lambda item, slug: ""
    context: Callable[[object], str] = lambda item: ""


AUDIT_SUBJECTS: dict[str, AuditSubject] = {}


def register_audit_subject(name: str, subject: AuditSubject) -> None:
    AUDIT_SUBJECTS[name] = subject


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
    """File a report. Returns True when this report hid the item.

    Every report is kept and shown to the coordinator, but only some hide the item by
    themselves: a report counts toward the automatic hiding when the reporter is a member of
    the item's neighbourhood whom a coordinator has confirmed (joining alone is open to anyone),
    and their account was created at least ESTABLISHED_AFTER_DAYS (7) days before the report. At HIDE_AFTER_REPORTS (3) open reports that count, the item is
    hidden until a coordinator decides. So accounts from elsewhere, or fresh ones made for the
    purpose, can ask a coordinator to look but cannot hide anything themselves."""
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
    if not item.is_hidden and counted_report_count(target_type, target_id) >= HIDE_AFTER_REPORTS:
        target.set_hidden(item, True)
        record(neighbourhood_id, None, "auto_hidden", target_type, target_id,
               ngettext("%(num)d melding", "%(num)d meldingen", HIDE_AFTER_REPORTS))
        hidden_now = True
    db.session.commit()
    return hidden_now


class _DaysBetween(FunctionElement):
    """days_between(start, end): the days (with fractions) from one moment to another, in SQL."""

    type = Float()
    inherit_cache = True


@compiles(_DaysBetween)
def _days_between(element, compiler, **kw):
    start, end = (compiler.process(argument, **kw) for argument in element.clauses)
    return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 86400.0)"


@compiles(_DaysBetween, "sqlite")
def _days_between_on_sqlite(element, compiler, **kw):
    start, end = (compiler.process(argument, **kw) for argument in element.clauses)
    return f"(julianday({end}) - julianday({start}))"


def _counted_reports():
    """The ids of reports that count toward automatic hiding: by a confirmed member of the item's
    neighbourhood whose account was ESTABLISHED_AFTER_DAYS old when they reported."""
    return (select(Report.id).join(User, User.id == Report.reporter_id)
            .join(Membership, (Membership.user_id == Report.reporter_id)
                  & (Membership.neighbourhood_id == Report.neighbourhood_id) & Membership.confirmed_at.is_not(None))
            .where(_DaysBetween(User.created_at, Report.created_at) >= ESTABLISHED_AFTER_DAYS)
            .distinct())


def counted_report_count(target_type: str, target_id: int) -> int:
    """Open reports on the item that count toward hiding it (see `report`)."""
    counted = _counted_reports().where(Report.target_type == target_type, Report.target_id == target_id,
                                       Report.is_open.is_(True)).subquery()
    return db.session.scalar(select(func.count()).select_from(counted)) or 0


def decide(target_type: str, target_id: int, *, hide: bool, actor_id: int, reason: str) -> None:
    """The coordinator hides or restores, with a reason; open reports on it are closed."""
    target = TARGETS.get(target_type)
    item = target.load(target_id) if target else None
    if item is None:
        raise ModerationError(_l("Dit bestaat niet (meer)."))
    reason = within_length(reason, REASON_MAX, ModerationError, "reason")
    if not reason:
        raise ModerationError(_l("Schrijf een reden. Die komt in het logboek, dat alleen buurtregisseurs zien."), "reason")
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
    counted: frozenset[int]  # ids of the reports that count toward automatic hiding


def reported_items(neighbourhood_id: int, slug: str) -> list[ReportedItem]:
    """Items with open reports, oldest report first; hidden ones too (they wait for a decision)."""
    is_open_here = (Report.neighbourhood_id == neighbourhood_id, Report.is_open.is_(True))
    reports = db.session.scalars(select(Report).where(*is_open_here).order_by(Report.created_at)).all()
    counted = frozenset(db.session.scalars(_counted_reports().where(*is_open_here)))
    grouped: dict[tuple[str, int], list[Report]] = {}
    for row in reports:
        grouped.setdefault((row.target_type, row.target_id), []).append(row)
    loaded = {name: target.load_many([i for (kind, i) in grouped if kind == name]) for name, target in TARGETS.items()}
    items = []
    for (target_type, target_id), rows in grouped.items():
        item = loaded.get(target_type, {}).get(target_id)
        if item is not None:
            target = TARGETS[target_type]
            items.append(ReportedItem(target_type, target_id, item, target.describe(item), target.url(item, slug), rows,
                                      counted))
    return items


def item_to_decide(target_type: str, target_id: int, item, slug: str) -> ReportedItem:
    """An item a coordinator decides on without open reports (hidden or hidden from its own page)."""
    target = TARGETS[target_type]
    return ReportedItem(target_type, target_id, item, target.describe(item), target.url(item, slug), [], frozenset())


def audit_log(neighbourhood_id: int, *, action: str = "", limit: int = 200) -> list[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.neighbourhood_id == neighbourhood_id)
    if action:
        query = query.where(AuditEntry.action == action)
    return list(db.session.scalars(query.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(limit)))


@dataclass
class AuditRow:
    """An audit entry with what it was about, in words and with a link (if that still exists)."""

    entry: AuditEntry
    kind: str
    description: str
    context: str
    url: str


def audit_rows(neighbourhood_id: int, slug: str, *, action: str = "") -> list[AuditRow]:
    entries = audit_log(neighbourhood_id, action=action)
    subjects = {**AUDIT_SUBJECTS, **TARGETS}
    loaded = {name: subject.load_many(sorted({e.target_id for e in entries if e.target_type == name}))
              for name, subject in subjects.items()}
    rows = []
    for entry in entries:
        subject = subjects.get(entry.target_type)
        item = loaded.get(entry.target_type, {}).get(entry.target_id)
        kind = str(subject.kind) if subject and subject.kind else entry.target_type
        if item is None:  # deleted since (an account removed with its membership)
            rows.append(AuditRow(entry, kind, "", "", ""))
        else:
            rows.append(AuditRow(entry, kind, subject.describe(item), subject.context(item), subject.url(item, slug)))
    return rows


def audit_actions(neighbourhood_id: int) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).where(AuditEntry.neighbourhood_id == neighbourhood_id)
                                   .distinct().order_by(AuditEntry.action)))


def open_report_total(neighbourhood_id: int) -> int:
    items = (select(Report.target_type, Report.target_id)
             .where(Report.neighbourhood_id == neighbourhood_id, Report.is_open.is_(True)).distinct().subquery())
    return db.session.scalar(select(func.count()).select_from(items)) or 0

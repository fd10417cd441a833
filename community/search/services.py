"""Search a neighbourhood: one question, whichever database answers it.

`search(neighbourhood, query, viewer)` returns the documents that match every word (each as a
prefix), best first, grouped by kind, each group with its total: one SQL query, whatever the
size of the data (a window function numbers and counts the hits per kind; the next date of an
activity or task comes from a correlated subquery on the slots' (series, start) index). Talents
themselves (a fixed, translated list) are matched in Python and counted with one more query.

Who finds what is decided here from the rules in community.permissions, in the query itself:
anyone finds what is public; a talent profile only by whom its owner chose (the same rules as the
talent pages). What may never be found is never written (community.search.documents).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, func, not_, or_, select

from community.bookings.models import Slot
from community.db import utcnow
from community.extensions import db
from community.permissions import can
from community.search import engines, text
from community.search.documents import labels_everywhere
from community.search.models import Audience, Kind, SearchDocument
from community.talents.models import SKILLS
from community.talents.services import SHARED_WITH, talent_counts
from community.volunteering.models import Origin

PER_KIND = 5       # hits per kind when every kind is shown
PAGE_SIZE = 20     # hits per page when one kind is shown
MAX_PAGES = 10     # a bounded number of results: the first 200 of a kind
DATED = (Kind.ACTIVITY, Kind.TASK)


@dataclass
class Hit:
    kind: str
    source: str           # activity, initiative, task, profile, asset
    source_id: int
    title: str
    body: str
    subkind: str
    codes: list[str]
    next_slot_id: int | None = None
    next_starts_at: datetime | None = None


@dataclass
class SkillHit:
    code: str
    people: int


@dataclass
class Group:
    kind: str
    total: int
    hits: list[Hit] = field(default_factory=list)
    skills: list[SkillHit] = field(default_factory=list)


@dataclass
class Results:
    query: str
    terms: list[str]
    kinds: tuple[str, ...]
    page: int
    groups: list[Group] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def audiences_for(viewer, neighbourhood) -> list[str]:
    """The audiences whose documents this person may find: what they would see on the pages."""
    found = [Audience.PUBLIC]
    if can(viewer, "view_talent_people", neighbourhood):
        found += [visibility.value for visibility, action in SHARED_WITH.items() if can(viewer, action, neighbourhood)]
    return found


def search(neighbourhood, query: str, viewer, kinds=None, limit: int = PER_KIND, page: int = 1) -> Results:
    terms = text.query_terms(query)
    chosen = tuple(kind for kind in Kind.ALL if kinds is None or kind in kinds)
    page = min(max(page, 1), MAX_PAGES)
    results = Results(query, terms, chosen, page)
    if not terms or not chosen:
        return results
    groups = {kind: Group(kind, 0) for kind in chosen}
    for row, on_this_page in _matching_documents(neighbourhood.id, terms, audiences_for(viewer, neighbourhood), chosen,
                                                 limit, (page - 1) * limit):
        group = groups[row.kind]
        group.total = row.kind_total
        if on_this_page:
            group.hits.append(_hit(row))
    if Kind.TALENT in chosen and page == 1:
        skills = matching_talents(neighbourhood.id, terms)
        groups[Kind.TALENT].skills = skills
        groups[Kind.TALENT].total += len(skills)
    results.groups = [group for group in groups.values() if group.total]
    return results


def _hit(row) -> Hit:
    source, source_id = next((name.removesuffix("_id"), getattr(row, name)) for name in engines.SOURCE_COLUMNS
                             if getattr(row, name) is not None)
    return Hit(row.kind, "profile" if source == "talent_profile" else source, source_id, row.title, row.body,
               row.subkind, [code for code in row.codes.split(",") if code], row.slot_id, row.starts_at)


def _matching_documents(neighbourhood_id: int, terms: list[str], audiences: list[str], kinds: tuple[str, ...],
                        limit: int, offset: int):
    documents, slot = SearchDocument.__table__, Slot.__table__
    source, condition, rank = engines.for_dialect(db.session.get_bind().dialect.name).match(documents, terms)
    later = slot.alias("later")
    series_id = func.coalesce(documents.c.activity_id, documents.c.task_id)
    next_slot = (select(later.c.id).where(later.c.series_id == series_id, later.c.starts_at > utcnow(),
                                          later.c.is_cancelled.is_(False))
                 .order_by(later.c.starts_at).limit(1).correlate(documents).scalar_subquery())
    arranged_request = and_(documents.c.kind == Kind.TASK, documents.c.subkind == Origin.REQUEST.value,
                            slot.c.capacity.is_not(None), slot.c.confirmed_count >= slot.c.capacity)
    found = (select(documents.c.id, documents.c.kind, *(documents.c[name] for name in engines.SOURCE_COLUMNS),
                    documents.c.title, documents.c.body, documents.c.subkind, documents.c.codes,
                    slot.c.id.label("slot_id"), slot.c.starts_at, rank.label("rank"))
             .select_from(source.outerjoin(slot, slot.c.id == next_slot))
             .where(condition, documents.c.neighbourhood_id == neighbourhood_id, documents.c.audience.in_(audiences),
                    documents.c.kind.in_(kinds),
                    # An activity or task without a coming date has ended; a request with its helper is arranged.
                    or_(documents.c.kind.not_in(DATED), slot.c.id.is_not(None)), not_(arranged_request))
             .subquery("found"))
    best_first = (found.c.rank, found.c.starts_at, found.c.id)  # equally good: the soonest date first
    ranked = select(found, func.row_number().over(partition_by=found.c.kind, order_by=best_first).label("position"),
                    func.count().over(partition_by=found.c.kind).label("kind_total")).subquery("ranked")
    # Each kind's first hit comes along on every page, for the kind's total (a page past the end still knows it).
    rows = db.session.execute(select(ranked).where(or_(ranked.c.position == 1, and_(
        ranked.c.position > offset, ranked.c.position <= offset + limit))).order_by(ranked.c.kind, ranked.c.position))
    return [(row, row.position > offset) for row in rows]


def matching_talents(neighbourhood_id: int, terms: list[str]) -> list[SkillHit]:
    """The talents whose name (in any language) every word starts, that neighbours here have; the
    counts are the talent page's (hidden profiles left out), shown to everyone there too."""
    codes = [code for code in SKILLS if text.all_terms_in(labels_everywhere("skill", code), terms)]
    if not codes:
        return []
    counts = talent_counts(neighbourhood_id)
    return sorted((SkillHit(code, counts[code]) for code in codes if counts.get(code)), key=lambda hit: -hit.people)

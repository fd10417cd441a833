"""Matching volunteers and tasks, both ways, with the reasons a person can read.

The ranking is deterministic and explained: every point a match gets comes with a reason.
- each talent the task asks for that the person has: 3 points ("you can cook");
- the person is free in that part of the week (talent profile's grid): 2 points;
- a task that asks for no particular talent: 1 point ("anyone can help").
Tasks with places left come before full ones, then the higher score, then the sooner date,
then the older task. People are ordered by score, then by who joined first (lowest id).
Reasons are data (kind, value); templates put them into words for the reader.
"""
from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

SKILL_POINTS = 3
FREE_POINTS = 2
ANYONE_POINTS = 1


@dataclass(frozen=True)
class Reason:
    kind: str          # "skill", "free", "anyone", "places", "full", "arranged" (a request someone answered)
    value: str | int = ""


@dataclass(frozen=True)
class Fit:
    score: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class OpenTask:
    """What matching needs to know of an open task and its next date (no ORM objects: fast)."""

    task_id: int
    shift_id: int
    starts_at: datetime
    skills: tuple[str, ...]
    day_part: int
    places_left: int
    posted_by_id: int | None
    is_request: bool


class Candidate(NamedTuple):
    """What matching needs to know of a person's talent profile (a tuple: thousands are made)."""

    user_id: int
    skills: frozenset[str]
    availability: str    # 21 characters, "1" = free: day × morning/afternoon/evening


def is_free(availability: str, day_part: int) -> bool:
    return 0 <= day_part < len(availability) and availability[day_part] == "1"


def points(wanted: tuple[str, ...], skills: Collection[str], availability: str, day_part: int) -> int:
    """The score of fit(), without the reasons: what ranking thousands of rows needs."""
    score = SKILL_POINTS * sum(1 for code in wanted if code in skills) if wanted else ANYONE_POINTS
    return score + FREE_POINTS if is_free(availability, day_part) else score


def sql_points(wanted: tuple[str, ...], day_part: int, skills_column, availability_column):
    """points() as a SQL expression, so the database ranks thousands of talent profiles and
    sends only the best; a test checks that it ranks exactly as points() does."""
    from sqlalchemy import case, func, literal

    padded = literal(",") + skills_column + literal(",")
    if wanted:
        talent = sum((case((padded.like(f"%,{code},%"), SKILL_POINTS), else_=0) for code in wanted), start=literal(0))
    else:
        talent = literal(ANYONE_POINTS)
    return talent + case((func.substr(availability_column, day_part + 1, 1) == "1", FREE_POINTS), else_=0)


def sql_fits_at_all(wanted: tuple[str, ...], day_part: int, skills_column, availability_column):
    """A talent the task asks for, or free then: the people rank_people keeps."""
    from sqlalchemy import func, literal, or_

    padded = literal(",") + skills_column + literal(",")
    return or_(func.substr(availability_column, day_part + 1, 1) == "1",
               *[padded.like(f"%,{code},%") for code in wanted])


def fit(wanted: Iterable[str], skills: Iterable[str], availability: str, day_part: int) -> Fit:
    """How well one person fits one task, and why."""
    wanted = list(wanted)
    have = set(skills)
    reasons = [Reason("skill", code) for code in wanted if code in have]
    score = SKILL_POINTS * len(reasons)
    if not wanted:
        reasons.append(Reason("anyone"))
        score += ANYONE_POINTS
    if is_free(availability, day_part):
        reasons.append(Reason("free", day_part))
        score += FREE_POINTS
    return Fit(score, tuple(reasons))


def with_places(result: Fit, places_left: int, is_request: bool = False) -> Fit:
    """Places left is said, not scored: it decides between full and open, not between fits.
    A request has no waitlist: once its helper is found it is arranged, not full."""
    if places_left > 0:
        extra = Reason("places", places_left)
    else:
        extra = Reason("arranged") if is_request else Reason("full")
    return Fit(result.score, result.reasons + (extra,))


def rank_tasks(tasks: Iterable[OpenTask], skills: Iterable[str] = (), availability: str = "",
               start: int = 0, stop: int | None = None) -> tuple[list[tuple[OpenTask, Fit]], int]:
    """Tasks for one volunteer, the best fit first (without a profile: the soonest first).
    Returns the ranked slice [start:stop] with its reasons, and how many tasks there are."""
    have = frozenset(skills)
    order = sorted(((task.places_left == 0, -points(task.skills, have, availability, task.day_part), task.starts_at,
                     task.task_id, task) for task in tasks), key=lambda row: row[:4])
    chosen = [row[-1] for row in order[start:stop]]
    return [(task, with_places(fit(task.skills, have, availability, task.day_part), task.places_left, task.is_request))
            for task in chosen], len(order)


def rank_people(candidates: Iterable[Candidate], wanted: Iterable[str], day_part: int,
                limit: int | None = None) -> list[tuple[Candidate, Fit]]:
    """People for one task who fit it at all (a talent it asks for, or free then), best first."""
    wanted = tuple(wanted)
    scored = []
    for person in candidates:
        has_talent = any(code in person.skills for code in wanted)
        if has_talent or is_free(person.availability, day_part):
            scored.append((-points(wanted, person.skills, person.availability, day_part), person.user_id, person))
    best = heapq.nsmallest(limit, scored) if limit is not None else sorted(scored)
    return [(person, fit(wanted, person.skills, person.availability, day_part)) for _score, _id, person in best]

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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

SKILL_POINTS = 3
FREE_POINTS = 2
ANYONE_POINTS = 1


@dataclass(frozen=True)
class Reason:
    kind: str          # "skill", "free", "anyone", "places", "full"
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


@dataclass(frozen=True)
class Candidate:
    """What matching needs to know of a person's talent profile."""

    user_id: int
    skills: frozenset[str]
    availability: str    # 21 characters, "1" = free: day × morning/afternoon/evening


def is_free(availability: str, day_part: int) -> bool:
    return 0 <= day_part < len(availability) and availability[day_part] == "1"


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


def with_places(result: Fit, places_left: int) -> Fit:
    """Places left is said, not scored: it decides between full and open, not between fits."""
    extra = Reason("places", places_left) if places_left > 0 else Reason("full")
    return Fit(result.score, result.reasons + (extra,))


def rank_tasks(tasks: Iterable[OpenTask], skills: Iterable[str] = (), availability: str = "") -> list[tuple[OpenTask, Fit]]:
    """Tasks for one volunteer, the best fit first (without a profile: the soonest first)."""
    have = frozenset(skills)
    ranked = [(task, with_places(fit(task.skills, have, availability, task.day_part), task.places_left))
              for task in tasks]
    ranked.sort(key=lambda pair: (pair[0].places_left == 0, -pair[1].score, pair[0].starts_at, pair[0].task_id))
    return ranked


def rank_people(candidates: Iterable[Candidate], wanted: Iterable[str], day_part: int,
                limit: int | None = None) -> list[tuple[Candidate, Fit]]:
    """People for one task who fit it at all (a talent it asks for, or free then), best first."""
    wanted = tuple(wanted)
    ranked = []
    for person in candidates:
        result = fit(wanted, person.skills, person.availability, day_part)
        if any(reason.kind in ("skill", "free") for reason in result.reasons):
            ranked.append((person, result))
    ranked.sort(key=lambda pair: (-pair[1].score, pair[0].user_id))
    return ranked[:limit] if limit is not None else ranked

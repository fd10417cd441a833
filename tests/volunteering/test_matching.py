"""Matching ranks deterministically and says why: cases a coordinator would recognise."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from community.volunteering import matching
from community.volunteering.matching import Candidate, OpenTask, Reason, fit, points, rank_people, rank_tasks

TUESDAY_AFTERNOON = 1 * 3 + 1
MONDAY_MORNING = 0
START = datetime(2026, 12, 1, 13, tzinfo=UTC)


def grid(*day_parts: int) -> str:
    cells = ["0"] * 21
    for part in day_parts:
        cells[part] = "1"
    return "".join(cells)


def task(task_id, *, skills=(), day_part=TUESDAY_AFTERNOON, places=2, days=0, posted_by=None):
    return OpenTask(task_id, task_id * 10, START + timedelta(days=days), tuple(skills), day_part, places, posted_by,
                    False)


def test_a_fit_gives_its_reasons_with_the_points():
    result = fit(["cooking", "listening"], {"cooking"}, grid(TUESDAY_AFTERNOON), TUESDAY_AFTERNOON)
    assert result.score == 3 + 2
    assert result.reasons == (Reason("skill", "cooking"), Reason("free", TUESDAY_AFTERNOON))


def test_a_task_for_anyone_says_so():
    result = fit([], {"music"}, grid(), MONDAY_MORNING)
    assert result.score == 1 and result.reasons == (Reason("anyone"),)


def test_the_retired_cook_sees_the_kitchen_crew_first_and_full_tasks_last():
    tasks = [task(1, skills=["driving"], days=0),                  # taxi: not her talent
             task(2, skills=["cooking"], days=5),                  # kitchen crew, later date
             task(3, skills=["cooking"], days=1, places=0),        # kitchen crew but full
             task(4, skills=[], days=2)]                           # anyone can help
    ranked, total = rank_tasks(tasks, {"cooking", "listening"}, grid(TUESDAY_AFTERNOON))
    assert total == 4
    assert [t.task_id for t, _fit in ranked] == [2, 4, 1, 3]
    kitchen = ranked[0][1]
    assert Reason("skill", "cooking") in kitchen.reasons and Reason("places", 2) in kitchen.reasons
    assert ranked[-1][1].reasons[-1] == Reason("full")


def test_without_a_profile_the_soonest_come_first():
    tasks = [task(1, days=3), task(2, days=1), task(3, days=2)]
    assert [t.task_id for t, _fit in rank_tasks(tasks)[0]] == [2, 3, 1]


def test_ties_are_broken_the_same_way_every_time():
    tasks = [task(5), task(2), task(9)]
    first = [t.task_id for t, _fit in rank_tasks(tasks, {"cooking"}, grid())[0]]
    assert first == [2, 5, 9] == [t.task_id for t, _fit in rank_tasks(list(reversed(tasks)), {"cooking"}, grid())[0]]


def test_people_for_a_task_skill_beats_time_and_nobody_without_a_reason():
    people = [Candidate(1, frozenset({"driving"}), grid()),                         # nothing to do with it
              Candidate(2, frozenset(), grid(TUESDAY_AFTERNOON)),                   # free then
              Candidate(3, frozenset({"cooking"}), grid()),                         # can cook
              Candidate(4, frozenset({"cooking"}), grid(TUESDAY_AFTERNOON)),        # both
              Candidate(5, frozenset({"cooking"}), grid(TUESDAY_AFTERNOON))]        # both, joined later
    ranked = rank_people(people, ["cooking"], TUESDAY_AFTERNOON)
    assert [(p.user_id, f.score) for p, f in ranked] == [(4, 5), (5, 5), (3, 3), (2, 2)]
    assert rank_people(people, ["cooking"], TUESDAY_AFTERNOON, limit=2)[1][0].user_id == 5


def test_a_task_for_anyone_suggests_only_who_is_free_then():
    people = [Candidate(1, frozenset({"music"}), grid()), Candidate(2, frozenset(), grid(MONDAY_MORNING))]
    assert [p.user_id for p, _fit in rank_people(people, [], MONDAY_MORNING)] == [2]


def test_a_page_of_the_ranking_is_the_same_slice_of_the_whole():
    import random

    rng = random.Random(7)
    tasks = [task(n, skills=rng.sample(["cooking", "driving", "music"], rng.randint(0, 2)),
                  day_part=rng.randrange(21), places=rng.randint(0, 2), days=rng.randint(0, 9)) for n in range(1, 60)]
    everything, total = rank_tasks(tasks, {"cooking"}, grid(3, 4, 5))
    page, same_total = rank_tasks(tasks, {"cooking"}, grid(3, 4, 5), start=20, stop=40)
    assert total == same_total == 59 and page == everything[20:40]


def test_points_are_the_score_of_the_fit_with_its_reasons():
    import random

    rng = random.Random(11)
    codes = ["cooking", "driving", "music", "listening"]
    for _ in range(500):
        wanted = tuple(rng.sample(codes, rng.randint(0, 3)))
        skills = frozenset(rng.sample(codes, rng.randint(0, 4)))
        availability = "".join(rng.choice("01") for _ in range(21))
        part = rng.randrange(21)
        assert points(wanted, skills, availability, part) == fit(wanted, skills, availability, part).score


def test_a_full_task_has_a_waitlist_but_an_answered_request_is_arranged():
    full = matching.with_places(matching.Fit(1, ()), 0)
    answered = matching.with_places(matching.Fit(1, ()), 0, is_request=True)
    assert [reason.kind for reason in full.reasons] == ["full"]
    assert [reason.kind for reason in answered.reasons] == ["arranged"]

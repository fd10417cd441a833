"""The search service on the database under test (SQLite's FTS5, or PostgreSQL's tsvector)."""
from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from community.agenda import services as agenda
from community.bench import count_queries
from community.extensions import db
from community.search import services as search
from community.talents import services as talents
from community.volunteering import services as volunteering
from tests.search.conftest import activity_details, published_initiative, task_details

ANONYMOUS = AnonymousUserMixin()


def titles(results, kind=None) -> list[str]:
    return [hit.title for group in results.groups if kind in (None, group.kind) for hit in group.hits]


@pytest.fixture
def town(make_town):
    return make_town()


def test_a_prefix_finds_the_whole_word_in_every_kind(town):
    found = search.search(town.neighbourhood, "koff", ANONYMOUS)
    assert titles(found, "activity") == ["Koffie-ochtend"]
    assert titles(found, "task") == ["Bardienst"]  # "Koffie schenken" in its description
    assert found.terms == ["koff"]


def test_every_word_must_be_found(town):
    assert titles(search.search(town.neighbourhood, "koffie binnenlopen", ANONYMOUS)) == ["Koffie-ochtend"]
    assert search.search(town.neighbourhood, "koffie accordeon", ANONYMOUS).total == 0


def test_accents_and_case_do_not_matter(town, make_user):
    agenda.create_activity(town.neighbourhood, activity_details(title="Repair Café", description="Samen repareren.",
                                                                 kind="repair", days=4))
    for query in ("cafe", "CAFÉ", "Café", "repair cafe"):
        assert titles(search.search(town.neighbourhood, query, ANONYMOUS), "activity") == ["Repair Café"], query
    agenda.create_activity(town.neighbourhood, activity_details(title="Çay saati", description="", kind="coffee", days=5))
    assert titles(search.search(town.neighbourhood, "cay", ANONYMOUS), "activity") == ["Çay saati"]


def test_arabic_text_is_found_by_its_words_and_their_beginnings(town):
    agenda.create_activity(town.neighbourhood, activity_details(title="مقهى اللغة العربية", description="نتحدث معًا",
                                                                 kind="language_cafe", days=4))
    assert titles(search.search(town.neighbourhood, "مقهى", ANONYMOUS), "activity") == ["مقهى اللغة العربية"]
    assert titles(search.search(town.neighbourhood, "العرب", ANONYMOUS), "activity") == ["مقهى اللغة العربية"]


def test_a_label_is_found_in_every_language_whatever_the_reader_reads(town):
    """The profile stores the key 'cooking'; 'koken', 'cooking', 'yemek' and 'طبخ' all find it."""
    member = town.coordinator
    for query in ("koken", "cooking", "yemek", "طبخ", "gotowanie"):
        found = search.search(town.neighbourhood, query, member)
        assert [skill.code for group in found.groups for skill in group.skills] == ["cooking"], query
        assert titles(found, "talent") == [town.cook.display_name], query


def test_a_title_ranks_above_a_mention_in_a_description(town):
    agenda.create_activity(town.neighbourhood, activity_details(
        title="Wandelen in het park", description="Daarna koffie, thee, koffie en nog eens koffie.", kind="walk", days=3))
    agenda.create_activity(town.neighbourhood, activity_details(title="Koffie met de wijkagent",
                                                                 description="Vragen stellen.", kind="round_table", days=6))
    ranked = titles(search.search(town.neighbourhood, "koffie", ANONYMOUS), "activity")
    assert ranked.index("Wandelen in het park") == len(ranked) - 1


def test_the_next_date_of_an_activity_comes_along(town):
    found = search.search(town.neighbourhood, "koffie-ochtend", ANONYMOUS)
    hit = next(group for group in found.groups if group.kind == "activity").hits[0]
    upcoming = agenda.next_occurrence(town.activity)
    assert (hit.next_slot_id, hit.next_starts_at) == (upcoming.id, upcoming.starts_at)


def test_an_activity_whose_dates_are_all_cancelled_is_not_found(town):
    occurrence = agenda.next_occurrence(town.activity)
    agenda.cancel_occurrence(occurrence, "Vakantie")
    assert titles(search.search(town.neighbourhood, "koffie-ochtend", ANONYMOUS), "activity") == []


def test_a_request_that_has_its_helper_is_not_found_any_more(town, make_user):
    assert titles(search.search(town.neighbourhood, "boodschappen", ANONYMOUS), "task") == ["Boodschappen doen"]
    shift = volunteering.coming_shifts(town.request, 1)[0]
    helper = make_user(neighbourhood=town.neighbourhood)
    offer = volunteering.volunteer_for_shift(shift.id, helper.id)
    volunteering.answer_offer(shift, offer.id, accept=True)
    assert titles(search.search(town.neighbourhood, "boodschappen", ANONYMOUS), "task") == []


def test_kinds_narrow_the_search_and_pages_go_on(town, make_user):
    for number in range(7):
        agenda.create_activity(town.neighbourhood, activity_details(title=f"Koffie {number}", days=2 + number))
    everything = search.search(town.neighbourhood, "koffie", ANONYMOUS)
    activities = next(group for group in everything.groups if group.kind == "activity")
    assert (activities.total, len(activities.hits)) == (8, search.PER_KIND)
    first = search.search(town.neighbourhood, "koffie", ANONYMOUS, kinds=["activity"], limit=3)
    second = search.search(town.neighbourhood, "koffie", ANONYMOUS, kinds=["activity"], limit=3, page=2)
    assert [group.kind for group in first.groups] == ["activity"]
    assert len(set(titles(first)) | set(titles(second))) == 6
    assert search.search(town.neighbourhood, "koffie", ANONYMOUS, kinds=["nothing"]).groups == []


def test_one_query_answers_however_much_there_is(app, town, make_user):
    for number in range(15):
        agenda.create_activity(town.neighbourhood, activity_details(title=f"Koffie {number}", days=2 + number % 9))
        volunteering.post_task(town.neighbourhood, task_details(title=f"Koffiedienst {number}"), posted_by=town.coordinator)
    search.search(town.neighbourhood, "iets", ANONYMOUS)  # the neighbourhood's row and the transaction are there
    with count_queries(db.engine) as few:
        search.search(town.neighbourhood, "koffie", ANONYMOUS)
    with count_queries(db.engine) as with_talents:
        search.search(town.neighbourhood, "koken", ANONYMOUS)
    assert few["n"] == 1 and with_talents["n"] == 2  # the talents' counts come with a second


def test_another_neighbourhoods_things_are_never_found(town, make_town):
    elsewhere = make_town("Selwerd", word="Selwerd")
    found = search.search(town.neighbourhood, "selwerd", elsewhere.coordinator)
    assert found.total == 0
    assert titles(search.search(elsewhere.neighbourhood, "koffie", town.coordinator), "activity") == [
        "Koffie-ochtend Selwerd"]


HOSTILE = ['"', "*", "NEAR", "NEAR(koffie tuin)", "-koffie", "koffie -tuin", "koffie OR tuin", "AND", "NOT",
           "title:koffie", "^koffie", "koffie*", '"koffie', "'", "''", "\\", "&&", "!koffie", "koffie:*", "(", ")",
           "x" * 1000, "😀", "🏳️‍🌈", "مرحبا بالجيران", "\ufeff", "\u202eevil", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇", "_", "%",
           "%(name)s", "{{ 7*7 }}", "a" * 40 + "b", " ".join(["koffie"] * 300), "١٢٣", "²", "ǅ", "ß", "ﬁ"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_fail_and_never_act_as_operators(town, query):
    found = search.search(town.neighbourhood, query, town.coordinator)
    assert found.total >= 0
    if query in ("-koffie", "koffie -tuin", "NEAR(koffie tuin)"):  # "-" and NEAR are words here, not operators
        assert titles(found, "activity") == (["Koffie-ochtend"] if query == "-koffie" else [])


@settings(max_examples=60, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(typed=st.text(max_size=120))
def test_any_text_is_a_query_that_answers(town, typed):
    search.search(town.neighbourhood, typed, ANONYMOUS)
    db.session.rollback()  # nothing failed inside the transaction either


def test_a_talent_nobody_here_has_is_not_offered(town):
    assert search.search(town.neighbourhood, "fietsen maken", ANONYMOUS).total == 0
    other = talents.save_profile(town.member, town.neighbourhood, talents.ProfileAnswers(
        ["fixing_bikes"], "", "", "", [], "hidden"))
    assert other is not None
    assert search.search(town.neighbourhood, "fietsen maken", ANONYMOUS).total == 0  # hidden ones are not counted


def test_an_initiatives_needs_are_found(town):
    published_initiative(town.neighbourhood, town.member, town.coordinator, title="Speeltuin",
                         needs=(("money", "Verf voor de schommel"),))
    assert titles(search.search(town.neighbourhood, "schommel", ANONYMOUS), "initiative") == ["Speeltuin"]
    assert titles(search.search(town.neighbourhood, "geld", ANONYMOUS), "initiative") == ["Speeltuin"]

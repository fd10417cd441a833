"""Search shows nobody more than the pages show them: the same questions as every kind of person,
compared with what the pages themselves show that person. Private words (a request's exact place,
who asked, a profile's needs, a hidden profile, a draft, an email address) are never found, and
never appear in a title or a snippet either."""
from __future__ import annotations

import re

import pytest

from community.extensions import db
from community.initiatives import services as initiatives
from community.moderation import services as moderation
from community.volunteering import services as volunteering
from tests.search.conftest import published_initiative, task_details

WORD = "Zwaluw"  # in every text of the town, so one search asks for all of it
PUBLIC = {"activity", "initiative", "task", "request", "asset"}
FOUND_BY = {
    "anonymous": PUBLIC,
    "non_member": PUBLIC,
    "newcomer": PUBLIC,                  # joined, not yet confirmed: no names yet, as on the talent pages
    "member": PUBLIC | {"cook"},
    "coordinator": PUBLIC | {"cook", "seamstress"},
    "coordinator_elsewhere": PUBLIC,
    "admin": PUBLIC | {"cook", "seamstress"},
}
# Words that are only in what must never be found: searching for them finds nothing, for anyone.
NEVER = ["Lindelaan", "Qzasker", "papieren", "accordeon", "Conceptplan", "Verborgenplan", "Afgewezenplan",
         "Geslotentaak", "Qzmail"]


@pytest.fixture
def world(make_town, make_user, make_neighbourhood):
    town = make_town(word=WORD)
    town.member.display_name = "Qzasker"  # who asked for help with the shopping
    town.cook.email = "qzmailhenk@example.org"
    db.session.commit()
    elsewhere = make_town("Selwerd", slug="selwerd", word=WORD)
    people = {
        "anonymous": None, "member": town.member, "newcomer": town.newcomer,
        "non_member": elsewhere.member, "coordinator": town.coordinator,
        "coordinator_elsewhere": elsewhere.coordinator, "admin": make_user(is_admin=True, role=None),
    }
    proposer = town.member
    draft = initiatives.start_draft(town.neighbourhood, proposer, initiatives.Proposal(
        f"Conceptplan {WORD}", f"Nog geheim {WORD}", ""))
    hidden = published_initiative(town.neighbourhood, proposer, town.coordinator, title=f"Verborgenplan {WORD}")
    moderation.decide("initiative", hidden.id, hide=True, actor_id=town.coordinator.id, reason="Klopt niet")
    declined = initiatives.start_draft(town.neighbourhood, proposer, initiatives.Proposal(
        f"Afgewezenplan {WORD}", f"Nee {WORD}", ""))
    initiatives.add_need(declined, "hands", "Handen", 2, None)
    initiatives.transition(declined, "submit", proposer)
    initiatives.transition(declined, "decline", town.coordinator, "Past niet")
    closed = volunteering.post_task(town.neighbourhood, task_details(title=f"Geslotentaak {WORD}"),
                                    posted_by=town.coordinator)
    volunteering.close_task(closed, "Klaar")
    assert draft and hidden  # written, and (below) never found
    return town, elsewhere, people


def _search(client, login_as, person, slug: str, query: str, htmx: bool = False):
    if person is None:
        with client.session_transaction() as session:
            session.clear()
    else:
        login_as(person)
    response = client.get(f"/{slug}/search", query_string={"q": query}, headers={"HX-Request": "true"} if htmx else {})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _things_found(html: str, town) -> set[str]:
    """Which of the town's things the answer links to (talents: by their talent page)."""
    slug = town.neighbourhood.slug
    links = set(re.findall(r'<a href="([^"]+)" dir="auto">', html))
    found = set()
    for name, url in (("initiative", f"/{slug}/initiatives/{town.initiative.id}"),
                      ("task", f"/{slug}/tasks/{town.task.id}"), ("request", f"/{slug}/tasks/{town.request.id}"),
                      ("asset", f"/{slug}/talents/#assets-borrow")):
        if url in links:
            found.add(name)
    if any(f"/{slug}/agenda/" in link for link in links):
        found.add("activity")
    if "Koken" in html and re.search(r'<a href="[^"]+(skill/cooking|#people-heading)" dir="auto"><mark>Koken', html):
        found.add("talent cooking")
    for name, person_name in (("cook", town.cook.display_name), ("seamstress", f"Fatima {WORD}")):
        if person_name.split()[0] in html:
            found.add(name)
    return found


@pytest.mark.parametrize("role", list(FOUND_BY))
def test_each_person_finds_what_the_pages_show_them_and_nothing_more(client, login_as, world, role):
    town, _elsewhere, people = world
    person, slug = people[role], town.neighbourhood.slug
    for htmx in (False, True):
        html = _search(client, login_as, person, slug, WORD.lower(), htmx)
        assert _things_found(html, town) == FOUND_BY[role], (role, htmx)
        # A talent: everyone learns that neighbours cook (as the talent page says); who, as the pages say.
        cooking = _things_found(_search(client, login_as, person, slug, "koken", htmx), town)
        assert "talent cooking" in cooking and ("cook" in cooking) == ("cook" in FOUND_BY[role]), (role, htmx)
        for word in NEVER:
            assert word.lower() not in html.lower(), (role, word)
        assert "Ik naai gordijnen" not in html or "seamstress" in FOUND_BY[role]
    _the_pages_agree(client, town, html)


def _the_pages_agree(client, town, html: str) -> None:
    """Every result links to a page that this person may open and that shows the same thing."""
    for url, title in re.findall(r'<a href="([^"#]+)(?:#[^"]*)?" dir="auto">(.*?)</a>', html):
        page = client.get(url)
        assert page.status_code == 200, url
        assert re.sub(r"</?mark>", "", title).split()[0] in page.get_data(as_text=True), url


@pytest.mark.parametrize("role", list(FOUND_BY))
def test_private_words_find_nothing_for_anyone(client, login_as, world, role):
    town, _elsewhere, people = world
    for word in NEVER:
        html = _search(client, login_as, people[role], town.neighbourhood.slug, word)
        assert "Niets gevonden" in html, (role, word)
    seamstress = _search(client, login_as, people[role], town.neighbourhood.slug, "gordijnen")
    assert ("Ik naai <mark>gordijnen</mark>" in seamstress) == ("seamstress" in FOUND_BY[role]), role


def test_another_neighbourhoods_things_are_not_found_from_here(client, login_as, world):
    town, elsewhere, _people = world
    elsewhere.activity.title = "Selwerdkoffie"
    db.session.commit()
    for person in (elsewhere.coordinator, elsewhere.member, town.coordinator):
        assert "Niets gevonden" in _search(client, login_as, person, town.neighbourhood.slug, "selwerdkoffie")
    assert "Selwerdkoffie" in _search(client, login_as, town.member, "selwerd", "selwerdkoffie")

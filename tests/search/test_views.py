"""The search page: the plain form does everything; htmx swaps only the results and reads out the count."""
from __future__ import annotations

import json
import re

import pytest

from community.agenda import services as agenda
from community.search.text import MAX_QUERY_CHARS
from tests.search.conftest import activity_details

HTMX = {"HX-Request": "true"}


@pytest.fixture
def town(make_town):
    return make_town(slug="ruwaard")


def test_the_page_finds_groups_marks_and_links(client, town):
    response = client.get("/ruwaard/search", query_string={"q": "koff"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" in html
    assert 'role="search"' in html and '<label for="q"' in html and 'type="search"' in html and 'value="koff"' in html
    assert "2 resultaten voor <bdi>koff</bdi>" in html
    assert '<h2 id="found-activity"' in html and '<h2 id="found-task"' in html
    occurrence = agenda.next_occurrence(town.activity)
    assert f'<a href="/ruwaard/agenda/{occurrence.id}" dir="auto"><mark>Koffie</mark>-ochtend</a>' in html
    assert "#coffee" in html  # the activity kind's pictogram
    assert f'datetime="{occurrence.starts_at.isoformat()}"' in html
    assert response.headers["Vary"].startswith("HX-Request")


def test_typing_gets_only_the_results_and_the_count_for_the_live_region(client, town):
    response = client.get("/ruwaard/search", query_string={"q": "koffie"}, headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html and html.lstrip().startswith('<div id="search-results"')
    assert json.loads(response.headers["HX-Trigger"]) == {"announce": "2 resultaten voor \u2068koffie\u2069"}
    nothing = client.get("/ruwaard/search", query_string={"q": "xyzzy"}, headers=HTMX)
    assert json.loads(nothing.headers["HX-Trigger"]) == {"announce": "Niets gevonden voor \u2068xyzzy\u2069"}


def test_going_back_in_history_gets_the_whole_page(client, town):
    response = client.get("/ruwaard/search", query_string={"q": "koffie"},
                          headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.get_data(as_text=True)


def test_an_empty_search_shows_where_to_look(client, town):
    for headers in ({}, HTMX):
        html = client.get("/ruwaard/search", headers=headers).get_data(as_text=True)
        assert "Of kijk zelf rond" in html and 'href="/ruwaard/agenda/"' in html and "resultaten" not in html


def test_nothing_found_helps_further(client, town):
    html = client.get("/ruwaard/search", query_string={"q": "xyzzy"}).get_data(as_text=True)
    assert "Niets gevonden voor <bdi>xyzzy</bdi>" in html and "koff" in html and 'href="/ruwaard/tasks/"' in html
    symbols = client.get("/ruwaard/search", query_string={"q": "*** !!"}).get_data(as_text=True)
    assert "Zoek met letters of cijfers" in symbols


def test_a_query_that_is_too_long_is_answered_with_a_message_and_kept(client, town):
    typed = "koffie " * 20
    response = client.get("/ruwaard/search", query_string={"q": typed})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f"Gebruik hoogstens {MAX_QUERY_CHARS} tekens." in html and 'aria-invalid="true"' in html
    assert f'value="{typed.strip()}"' in html and "found-activity" not in html
    fragment = client.get("/ruwaard/search", query_string={"q": "x" * 1000}, headers=HTMX)
    assert fragment.status_code == 422 and "<html" not in fragment.text
    assert f"Gebruik hoogstens {MAX_QUERY_CHARS} tekens." in fragment.text


def test_what_is_typed_and_what_is_found_is_escaped(client, town):
    agenda.create_activity(town.neighbourhood, activity_details(title="<b>Koffie</b> & <script>x</script>", days=4))
    html = client.get("/ruwaard/search", query_string={"q": '"><script> koffie'}).text
    assert "<script>x" not in html and '"><script>' not in html
    assert "&lt;b&gt;<mark>Koffie</mark>&lt;/b&gt; &amp; &lt;<mark>script</mark>&gt;x&lt;/<mark>script</mark>&gt;" in html
    assert 'value="&#34;&gt;&lt;script&gt; koffie"' in html


def test_one_kind_at_a_time_with_pages(client, town):
    for number in range(24):
        agenda.create_activity(town.neighbourhood, activity_details(title=f"Koffie {number}", days=2 + number % 20))
    overview = client.get("/ruwaard/search", query_string={"q": "koffie"}).text
    assert overview.count('class="result"') == 5 + 1  # five activities, the task
    assert 'href="/ruwaard/search?q=koffie&amp;kind=activity"' in overview and "Alle 25 tonen" in overview
    first = client.get("/ruwaard/search", query_string={"q": "koffie", "kind": "activity"}).text
    assert first.count('class="result"') == 20 and 'name="kind" value="activity"' in first
    assert 'rel="next" href="/ruwaard/search?q=koffie&amp;kind=activity&amp;page=2"' in first and 'rel="prev"' not in first
    second = client.get("/ruwaard/search", query_string={"q": "koffie", "kind": "activity", "page": "2"}).text
    assert second.count('class="result"') == 5 and 'rel="prev"' in second and 'rel="next"' not in second
    odd = client.get("/ruwaard/search", query_string={"q": "koffie", "kind": "x" * 300, "page": "99999999999"})
    assert odd.status_code == 200 and odd.text.count('class="result"') == 6  # every kind: the first page
    past = client.get("/ruwaard/search", query_string={"q": "koffie", "kind": "activity", "page": "7"}).text
    assert "25 resultaten" in past and 'class="result"' not in past and 'rel="prev"' in past


def test_an_english_reader_reads_english_labels_and_finds_with_english_words(client, town):
    html = client.get("/ruwaard/search", query_string={"q": "cooking"}, headers={"Accept-Language": "en"}).text
    assert "<mark>Cooking</mark>" in html and "1 neighbour can do this" in html
    assert "Coffee morning" in client.get("/ruwaard/search", query_string={"q": "koffie"},
                                          headers={"Accept-Language": "en"}).text


def test_the_neighbourhood_page_has_the_search_field(client, town):
    html = client.get("/ruwaard/").text
    form = re.search(r'<form method="get" action="/ruwaard/search" role="search".*?</form>', html, re.S).group()
    assert f'maxlength="{MAX_QUERY_CHARS}"' in form and '<label for="q"' in form and "hx-get" not in form
    assert 'type="submit"' in form


def test_an_unknown_neighbourhood_is_not_found(client):
    assert client.get("/nergens/search", query_string={"q": "koffie"}).status_code == 404

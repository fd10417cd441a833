"""The agenda's pages answer a revisit with 304 until something they show changed, keep whole anonymous
pages with each visitor's own CSRF token, and never hand one person's, language's or neighbourhood's page
to another."""
from __future__ import annotations

import gzip
import re
from datetime import time

import pytest

from community import recurrence
from community.accounts import services as accounts
from community.agenda import services as agenda
from community.extensions import cache, db
from community.neighbourhoods import services as neighbourhoods
from community.neighbourhoods.models import Role
from community.pagecache import TOKEN_HOLE
from tests.agenda.test_sign_ups import first_occurrence
from tests.revisits import etag_of, revisit


@pytest.fixture
def haard(make_neighbourhood, make_user, make_activity):
    neighbourhood = make_neighbourhood("De Haard", slug="haard")
    organiser = make_user(neighbourhood=neighbourhood, name="Henk")
    activity = make_activity(neighbourhood, title="Praatgroep", capacity=8, organiser_id=organiser.id,
                             first_date=recurrence.local_today(), start=time(23, 0), minutes=30, pattern="weekly")
    return neighbourhood, organiser, activity, first_occurrence(activity)


@pytest.mark.parametrize("url", ["/haard/agenda/", "/haard/agenda/month", "occurrence"])
def test_a_revisit_is_answered_304_without_a_body(client, haard, url):
    url = f"/haard/agenda/{haard[3].id}" if url == "occurrence" else url
    first = client.get(url)
    assert first.status_code == 200
    again = revisit(client, url, etag_of(first))
    assert again.status_code == 304 and again.data == b""
    assert etag_of(again) == etag_of(first)


def _sign_up(haard, make_user):
    agenda.sign_up_for_occurrence(haard[3].id, make_user(neighbourhood=haard[0]).id)
    return "Nog 7 plaatsen vrij"


def _rename_the_activity(haard, make_user):
    activity = haard[2]
    details = agenda.ActivityDetails(
        title="Praatgroep Plus", description="", kind=activity.kind, room_id=activity.room_id,
        organiser_id=activity.organiser_id, cost_cents=0, needs_signup=True, capacity=8, languages=["nl"],
        first_date=activity.first_date, start_time=activity.start_time, duration_minutes=30, pattern="weekly")
    agenda.update_activity(activity, details)
    return "Praatgroep Plus"


def _cancel_the_date(haard, make_user):
    agenda.cancel_occurrence(haard[3], "De zaal lekt")
    return "De zaal lekt"


def _rename_the_room(haard, make_user):
    room = haard[0].house.rooms[0]
    neighbourhoods.update_room(room, "Serre", room.capacity, room.is_wheelchair_accessible, room.has_hearing_loop)
    return "Serre"


def _rename_the_house(haard, make_user):
    house = haard[0].house
    details = neighbourhoods.HouseDetails(name="Wijkcentrum De Haard", street_address=house.street_address,
                                          postcode=house.postcode, city=house.city, phone=house.phone or "")
    neighbourhoods.update_house(haard[0], details)
    return "Wijkcentrum De Haard"


def _organiser_renames_themselves(haard, make_user):
    accounts.update_profile(haard[1], "Henk van der Berg", "nl")
    return "Henk van der Berg"


@pytest.mark.parametrize("write", [_sign_up, _rename_the_activity, _cancel_the_date, _rename_the_room,
                                   _rename_the_house, _organiser_renames_themselves])
@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_no_page_is_stale_after_a_write(client, login_as, make_user, haard, write, who):
    if who == "resident":
        login_as(make_user(neighbourhood=haard[0]))
    url = f"/haard/agenda/{haard[3].id}"
    before = client.get(url)
    expected = write(haard, make_user)
    db.session.expire_all()
    after = revisit(client, url, etag_of(before))
    assert after.status_code == 200 and expected in after.text
    assert revisit(client, url, etag_of(after)).status_code == 304


def test_being_made_coordinator_changes_the_page(client, login_as, make_user, haard):
    resident = make_user(neighbourhood=haard[0], email="ayse@example.org")
    login_as(resident)
    url = f"/haard/agenda/{haard[3].id}"
    before = client.get(url)
    assert "Deelnemers en aanwezigheid" not in before.text
    neighbourhoods.assign_role(haard[0], "ayse@example.org", Role.COORDINATOR, by=make_user(is_admin=True, role=None))
    after = revisit(client, url, etag_of(before))
    assert after.status_code == 200 and "Deelnemers en aanwezigheid" in after.text


def _token(page) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)


def test_anonymous_visitors_share_the_page_but_each_gets_their_own_token(app, haard):
    app.config["WTF_CSRF_ENABLED"] = True
    first, second = app.test_client(), app.test_client()
    one, two = first.get("/haard/agenda/"), second.get("/haard/agenda/", headers={"Accept-Encoding": "gzip"})
    assert two.headers["Content-Encoding"] == "gzip"
    two.set_data(gzip.decompress(two.get_data()))
    assert one.text.replace(_token(one), _token(two)) == two.text   # the same page, another token
    kept = [cache.get(key) for key in cache.cache._cache if key.startswith("page:")]
    assert len(kept) == 1 and len(kept[0].pieces) >= 3      # cut at the page's meta token and its form's token
    assert not any(_token(one).encode() in piece or _token(two).encode() in piece for piece in kept[0].pieces)
    assert TOKEN_HOLE not in one.text and TOKEN_HOLE not in two.text and _token(one) != _token(two)
    for visitor, page in ((first, one), (second, two)):   # each token works for its own session
        switched = visitor.post("/language", data={"csrf_token": _token(page), "lang": "en", "next": "/haard/agenda/"})
        assert switched.status_code in (302, 303)
    assert second.post("/language", data={"csrf_token": _token(one), "lang": "en"}).status_code == 400


def test_the_cache_never_crosses_people_languages_or_neighbourhoods(client, app, login_as, make_user,
                                                                     make_neighbourhood, make_activity, haard):
    other = make_neighbourhood("Selwerd", slug="selwerd")
    make_activity(other, title="Breiclub", first_date=recurrence.local_today(), start=time(23, 0), minutes=30)
    anonymous = client.get("/haard/agenda/")
    english = app.test_client().get("/haard/agenda/", headers={"Accept-Language": "en"})
    assert "Praatgroep" in english.text
    assert 'lang="en"' in english.text and 'lang="nl"' in anonymous.text
    elsewhere = client.get("/selwerd/agenda/")
    assert "Breiclub" in elsewhere.text and "Praatgroep" not in elsewhere.text
    ayse, bram = make_user(neighbourhood=haard[0]), make_user(neighbourhood=haard[0])
    agenda.sign_up_for_occurrence(haard[3].id, ayse.id)
    login_as(ayse)
    hers = client.get(f"/haard/agenda/{haard[3].id}")
    login_as(bram)
    his = revisit(client, f"/haard/agenda/{haard[3].id}", etag_of(hers))
    assert his.status_code == 200 and "Je bent aangemeld" in hers.text and "Je bent aangemeld" not in his.text
    etags = {etag_of(page) for page in (anonymous, english, hers, his)}
    assert len(etags) == 4


def test_a_fragment_is_never_served_for_the_whole_page(client, haard):
    fragment = client.get("/haard/agenda/", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert "<html" in client.get("/haard/agenda/").text


def test_a_message_waiting_for_the_page_is_shown_not_revalidated(client, login_as, make_user, haard):
    login_as(make_user(neighbourhood=haard[0]))
    url = f"/haard/agenda/{haard[3].id}"
    etag = etag_of(client.get(url))
    signed_up = client.post(f"{url}/signup")
    assert signed_up.status_code == 303
    shown = revisit(client, url, etag)
    assert shown.status_code == 200 and "Je bent aangemeld" in shown.text


def test_made_up_filter_values_are_not_kept_as_whole_pages(client, haard):
    for number in range(5):
        assert client.get(f"/haard/agenda/?kind=made-up-{number}").status_code == 200
    assert not [key for key in cache.cache._cache if key.startswith("page:")]
    client.get(f"/haard/agenda/?week={recurrence.week_start(recurrence.local_today()).isoformat()}")
    assert len([key for key in cache.cache._cache if key.startswith("page:")]) == 1


def test_a_compressed_pages_etag_is_answered_without_rendering(make_app, haard, monkeypatch):
    from community.agenda import views

    client = make_app(COMPRESS_REGISTER=True).test_client()
    filtered = "/haard/agenda/?kind=coffee"       # not kept whole: made, then compressed on the way out
    first = client.get(filtered, headers={"Accept-Encoding": "gzip"})
    etag, _weak = first.get_etag()
    assert first.headers["Content-Encoding"] == "gzip" and etag.endswith(":gzip")
    monkeypatch.setattr(views, "render_template", lambda *args, **kwargs: pytest.fail("the page was made again"))
    again = client.get(filtered, headers={"Accept-Encoding": "gzip", "If-None-Match": f'"{etag}"'})
    assert again.status_code == 304 and again.get_etag()[0] == etag

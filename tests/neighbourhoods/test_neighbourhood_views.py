from __future__ import annotations

from sqlalchemy import select

from community.extensions import db
from community.neighbourhoods.models import Membership, Neighbourhood, Room


def test_home_shows_the_house_and_its_opening_hours(client, make_neighbourhood):
    make_neighbourhood("De Ruwaard", slug="de-ruwaard")
    page = client.get("/de-ruwaard/")
    assert page.status_code == 200
    assert "Huis van de Wijk De Ruwaard" in page.text
    assert "<dt>maandag" in page.text and '<bdi dir="ltr">09:00–17:00</bdi>' in page.text
    assert "/de-ruwaard/agenda/" in page.text  # the parts that exist have an entry point


def test_unknown_neighbourhood_is_404(client):
    response = client.get("/nergens/")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.text


def test_coordinator_area_is_for_that_neighbourhoods_coordinator(client, login_as, make_user, make_neighbourhood):
    own, other = make_neighbourhood(slug="eigen"), make_neighbourhood(slug="ander")
    login_as(make_user(role="coordinator", neighbourhood=own))
    assert client.get("/eigen/coordinator/").status_code == 200
    assert client.get("/ander/coordinator/").status_code == 403
    assert client.get("/ander/coordinator/rooms").status_code == 403
    assert client.post("/ander/coordinator/rooms", data={"name": "Zaal", "capacity": "10"}).status_code == 403


def test_resident_is_refused_and_anonymous_sent_to_login(client, login_as, make_user, make_neighbourhood):
    n = make_neighbourhood(slug="eigen")
    assert client.get("/eigen/coordinator/").status_code == 302
    login_as(make_user(neighbourhood=n))
    assert client.get("/eigen/coordinator/").status_code == 403


def test_coordinator_edits_house_and_rooms(client, login_as, make_user, make_neighbourhood):
    n = make_neighbourhood(slug="eigen")
    login_as(make_user(role="coordinator", neighbourhood=n))
    bad = client.post("/eigen/coordinator/house", data={"house_name": "De Haard", "street_address": "Straat 1",
                                                        "postcode": "onzin", "house_city": "Oss"})
    assert bad.status_code == 422 and "5342 AB" in bad.text and 'value="De Haard"' in bad.text
    ok = client.post("/eigen/coordinator/house", data={"house_name": "De Haard", "street_address": "Straat 1",
                                                       "postcode": "5344aa", "house_city": "Oss", "mo_opens_1": "9:00",
                                                       "mo_closes_1": "17:00"})
    assert ok.status_code == 303
    assert n.house.postcode == "5344AA"

    assert client.post("/eigen/coordinator/rooms", data={"name": "Keuken", "capacity": "12"}).status_code == 303
    duplicate = client.post("/eigen/coordinator/rooms", data={"name": "Keuken", "capacity": "12"})
    assert duplicate.status_code == 422 and "Er is al een ruimte" in duplicate.text
    assert client.post("/eigen/coordinator/rooms", data={"name": "Zaal", "capacity": "nul"}).status_code == 422
    room = db.session.scalar(select(Room).where(Room.name == "Keuken"))
    assert client.post(f"/eigen/coordinator/rooms/{room.id}", data={"name": "Keuken", "capacity": "14",
                                                                     "has_hearing_loop": "y"}).status_code == 303
    db.session.refresh(room)
    assert room.capacity == 14 and room.has_hearing_loop
    assert client.post(f"/eigen/coordinator/rooms/{room.id}/delete").status_code == 303
    assert db.session.get(Room, room.id) is None


def test_a_room_of_another_neighbourhood_cannot_be_touched(client, login_as, make_user, make_neighbourhood):
    own, other = make_neighbourhood(slug="eigen"), make_neighbourhood(slug="ander")
    foreign_room = other.house.rooms[0]
    login_as(make_user(role="coordinator", neighbourhood=own))
    assert client.post(f"/eigen/coordinator/rooms/{foreign_room.id}/delete").status_code == 404
    assert client.get(f"/eigen/coordinator/rooms/{foreign_room.id}").status_code == 404
    assert db.session.get(Room, foreign_room.id) is not None


def test_admin_creates_a_neighbourhood_and_makes_a_coordinator(client, login_as, make_user, make_neighbourhood):
    login_as(make_user(is_admin=True, neighbourhood=make_neighbourhood()))
    form = {"name": "Moerwijk", "city": "Den Haag", "slug": "", "description": "",
            "house_name": "Huis van de Wijk Moerwijk", "street_address": "Erasmusweg 1", "postcode": "2532 CA",
            "house_city": "Den Haag"}
    response = client.post("/admin/", data=form)
    assert response.status_code == 303 and response.location.endswith("/admin/moerwijk/roles")
    again = client.post("/admin/", data=form)
    assert again.status_code == 422 and "Er is al een buurt" in again.text

    future = make_user(email="toekomst@example.org")
    assert client.post("/admin/moerwijk/roles", data={"email": "niemand@example.org", "role": "coordinator"}).status_code == 422
    assert client.post("/admin/moerwijk/roles", data={"email": "toekomst@example.org", "role": "coordinator"}).status_code == 303
    moerwijk = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "moerwijk"))
    db.session.refresh(future)
    assert future.roles_in(moerwijk.id) == {"coordinator"}
    membership = db.session.scalar(select(Membership).where(Membership.user_id == future.id))
    assert client.post(f"/admin/moerwijk/roles/{membership.id}/revoke").status_code == 303
    assert db.session.get(Membership, membership.id) is None


def test_non_admins_cannot_reach_admin(client, login_as, make_user, make_neighbourhood):
    n = make_neighbourhood(slug="eigen")
    login_as(make_user(role="coordinator", neighbourhood=n))
    assert client.get("/admin/").status_code == 403
    assert client.post("/admin/eigen/roles", data={"email": "x@example.org", "role": "coordinator"}).status_code == 403


def test_a_resident_joins_another_neighbourhood(client, login_as, make_user, make_neighbourhood):
    own, other = make_neighbourhood(slug="eigen"), make_neighbourhood(slug="ander")
    user = make_user(neighbourhood=own)
    login_as(user)
    assert "Ik woon hier" in client.get("/ander/").text
    assert client.post("/ander/join").status_code == 303
    db.session.refresh(user)
    assert other.id in user.neighbourhood_ids()
    assert client.post("/ander/join").status_code == 403


def test_joining_with_htmx_swaps_the_widget_and_announces(client, login_as, make_user, make_neighbourhood):
    import json

    own, other = make_neighbourhood(slug="eigen"), make_neighbourhood("Selwerd", slug="ander")
    login_as(make_user(neighbourhood=own))
    response = client.post("/ander/join", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text and 'id="join-widget"' in response.text
    assert json.loads(response.headers["HX-Trigger"]) == {"announce": "Welkom in \u2068Selwerd\u2069!"}  # the name isolated

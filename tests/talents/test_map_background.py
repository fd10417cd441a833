"""A neighbourhood's own plan behind the map page: the placement from two points (also turned), the
rules for the points, places on and off the plan, the image's life, and the pages per role."""
from __future__ import annotations

import io
import math
import re

import pytest
from PIL import Image as PILImage
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from community.extensions import db
from community.images import services as images
from community.images.models import Image
from community.talents import map_background as backgrounds
from community.talents import services as talents
from community.talents.models import MapBackground
from community.talents.placement import Placement, Reference, metres_between

HAARD, LIBRARY = (51.7598, 5.5402), (51.7611, 5.5447)
POINTS = {"first_x": "100", "first_y": "300", "first_latitude": "51.7598", "first_longitude": "5.5402",
          "second_x": "500", "second_y": "100", "second_latitude": "51.7611", "second_longitude": "5.5447"}


def png(width: int = 600, height: int = 400) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (240, 236, 222)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def upload_folder(app, tmp_path):
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")


# --- the placement ----------------------------------------------------------------------------------

def test_two_points_map_exactly_onto_their_pixels_and_north_up_stays_up():
    first, second = Reference(100, 300, *HAARD), Reference(500, 100, *LIBRARY)
    placement = Placement.from_references(first, second)
    for reference in (first, second):
        assert placement.pixel(reference.latitude, reference.longitude) == pytest.approx((reference.x, reference.y))
    x, y = placement.pixel(HAARD[0] + 0.001, HAARD[1])  # a little north of De Haard
    north_x, north_y = placement.pixel(HAARD[0] + 0.002, HAARD[1])
    assert north_y < y and north_x < x  # further north is higher up, and (turned) a little to the left here


def test_a_plan_with_north_up_has_no_turn_and_one_scale_for_both_directions():
    cos = math.cos(math.radians(51.767))
    # South-east of the first point by as many metres east as south: as many pixels right as down.
    first = Reference(0, 0, 51.77, 5.53)
    second = Reference(1000, 1000, 51.77 - 0.01 * cos, 5.54)
    placement = Placement.from_references(first, second)
    assert placement.rotation_degrees == pytest.approx(0, abs=0.2)
    assert placement.pixel(51.77 - 0.005 * cos, 5.535) == pytest.approx((500, 500), abs=2)  # halfway both ways
    assert placement.pixel(51.77, 5.54) == pytest.approx((1000, 0), abs=2)                   # due east: same height
    assert placement.metres_per_pixel == pytest.approx(0.01 * cos * 111_320 / 1000, rel=0.01)


@pytest.mark.parametrize("turn", [90, -30, 180])
def test_a_turned_plan_is_placed_with_its_turn(turn):
    """Draw three places on a plan turned by `turn` degrees; two of them as references put the third where it is."""
    centre, scale = complex(400, 300), 20000.0  # pixels per degree of the flat plane
    cos = math.cos(math.radians(51.76))
    turning = complex(math.cos(math.radians(turn)), math.sin(math.radians(turn)))

    def drawn(latitude, longitude):
        point = centre + scale * turning * complex((longitude - 5.54) * cos, -(latitude - 51.76))
        return point.real, point.imag

    places = [(51.761, 5.541), (51.758, 5.536), (51.7595, 5.5445)]
    first, second = (Reference(*drawn(*place), *place) for place in places[:2])
    placement = Placement.from_references(first, second)
    assert placement.pixel(*places[2]) == pytest.approx(drawn(*places[2]), abs=0.5)
    assert abs((placement.rotation_degrees - turn + 180) % 360 - 180) < 0.5


def test_one_place_for_both_points_is_no_placement():
    with pytest.raises(ValueError):
        Placement.from_references(Reference(0, 0, *HAARD), Reference(100, 100, *HAARD))
    assert metres_between(Reference(0, 0, *HAARD), Reference(0, 0, *LIBRARY)) == pytest.approx(360, rel=0.1)


@pytest.mark.parametrize("first, second, fields", [
    (Reference(100, 300, *HAARD), Reference(500, 100, *LIBRARY), []),
    (Reference(601, 300, *HAARD), Reference(500, 401, *LIBRARY), ["first_x", "second_y"]),      # off the image
    (Reference(-1, 0, *HAARD), Reference(500, 100, *LIBRARY), ["first_x"]),
    (Reference(100, 300, 91, 5.5), Reference(500, 100, 51.76, 181), ["first_latitude", "second_longitude"]),
    (Reference(100, 300, *HAARD), Reference(105, 310, *LIBRARY), ["second_x"]),                  # pixels too close
    (Reference(100, 300, *HAARD), Reference(500, 100, 51.75981, 5.54021), ["second_latitude"]),  # places too close
    (Reference(100, 300, *HAARD), Reference(100, 300, *HAARD), ["second_x", "second_latitude"]),
    (Reference(math.nan, 300, *HAARD), Reference(500, 100, *LIBRARY), ["first_x"]),
])
def test_the_rules_for_the_two_points(app, first, second, fields):
    with app.test_request_context():
        problems = backgrounds.reference_problems(first, second, 600, 400)
    assert [name for name, _message in problems] == fields


# --- places on and off the plan, and the image's life -------------------------------------------------

def upload(neighbourhood, data: bytes | None = None) -> Image:
    return images.save_uploaded_image(FileStorage(stream=io.BytesIO(data or png()), filename="plan.png"),
                                      owner_id=None, neighbourhood_id=neighbourhood.id)


def test_places_inside_are_dots_and_places_outside_are_listed(app, make_neighbourhood):
    neighbourhood = make_neighbourhood()
    for name, position in (("De Haard", HAARD), ("Bibliotheek", LIBRARY), ("Voedselbank", (51.7649, 5.5312))):
        talents.add_asset(neighbourhood, "place", name, "", "", *position)
    background = backgrounds.set_background_image(neighbourhood, upload(neighbourhood))
    assert backgrounds.placed_plan(background, talents.located_assets(neighbourhood.id)) is None  # not placed yet
    backgrounds.place_background(neighbourhood, Reference(100, 300, *HAARD), Reference(500, 100, *LIBRARY))
    plan = backgrounds.placed_plan(backgrounds.background_of(neighbourhood.id), talents.located_assets(neighbourhood.id))
    assert [(dot.asset.name, dot.x, dot.y) for dot in plan.dots] == [("Bibliotheek", 500, 100), ("De Haard", 100, 300)]
    assert [dot.asset.name for dot in plan.outside] == ["Voedselbank"]
    assert [dot.number for dot in plan.dots + plan.outside] == [1, 2, 3]  # the list's numbers
    assert (plan.width, plan.height, plan.small_width, plan.dot_radius) == (600, 400, 480, 27)


def test_placing_refuses_what_the_rules_refuse(app, make_neighbourhood):
    neighbourhood = make_neighbourhood()
    with pytest.raises(backgrounds.MapBackgroundError):
        backgrounds.place_background(neighbourhood, Reference(100, 300, *HAARD), Reference(500, 100, *LIBRARY))
    backgrounds.set_background_image(neighbourhood, upload(neighbourhood))
    with pytest.raises(backgrounds.MapBackgroundError) as refused:
        backgrounds.place_background(neighbourhood, Reference(700, 300, *HAARD), Reference(500, 100, *LIBRARY))
    assert refused.value.field_name == "first_x"
    assert not backgrounds.background_of(neighbourhood.id).is_placed


def test_a_new_image_asks_for_new_points_and_the_old_one_goes_after_the_commit(app, make_neighbourhood):
    neighbourhood = make_neighbourhood()
    old = upload(neighbourhood)
    backgrounds.set_background_image(neighbourhood, old)
    backgrounds.place_background(neighbourhood, Reference(100, 300, *HAARD), Reference(500, 100, *LIBRARY))
    old_files = [images.image_path(old, size) for size in images.SIZES]
    assert all(path.exists() for path in old_files)
    new = upload(neighbourhood, png(800, 500))
    background = backgrounds.set_background_image(neighbourhood, new)
    assert background.image_id == new.id and not background.is_placed
    assert not any(path.exists() for path in old_files)
    assert db.session.scalar(select(Image.id).where(Image.id == old.id)) is None
    backgrounds.remove_background(neighbourhood)
    assert backgrounds.background_of(neighbourhood.id) is None
    assert not any(images.image_path(new, size).exists() for size in images.SIZES)


def test_a_failed_commit_deletes_no_image(app, make_neighbourhood, monkeypatch):
    neighbourhood = make_neighbourhood()
    old = upload(neighbourhood)
    backgrounds.set_background_image(neighbourhood, old)
    new = upload(neighbourhood)

    def broken_commit():
        raise RuntimeError("the database went away")

    monkeypatch.setattr(db.session, "commit", broken_commit)
    with pytest.raises(RuntimeError):
        backgrounds.set_background_image(neighbourhood, new)
    monkeypatch.undo()
    db.session.rollback()
    assert all(images.image_path(old, size).exists() for size in images.SIZES)


# --- the pages ------------------------------------------------------------------------------------------

@pytest.fixture
def ruwaard(make_neighbourhood):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    for name, position in (("De Haard", HAARD), ("Bibliotheek", LIBRARY), ("Voedselbank", (51.7649, 5.5312))):
        talents.add_asset(neighbourhood, "place", name, "", "", *position)
    return neighbourhood


def test_a_coordinator_uploads_places_and_the_map_shows_the_plan(client, login_as, make_user, ruwaard):
    login_as(make_user(role="coordinator", neighbourhood=ruwaard))
    page = client.get("/ruwaard/talents/map/background")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text and "points-part" not in page.text
    sent = client.post("/ruwaard/talents/map/background/image", data={"image": (io.BytesIO(png()), "plan.png")},
                       content_type="multipart/form-data")
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/ruwaard/talents/map/background#points")
    page = client.get("/ruwaard/talents/map/background").text
    assert 'id="points-part"' in page and 'data-width="600"' in page and "De afbeelding is 600 pixels breed" in page
    assert "51.7598" in page  # the places the neighbourhood has located, to choose points from
    assert "is-unset" in page  # no markers yet
    placed = client.post("/ruwaard/talents/map/background", data=POINTS)
    assert placed.status_code == 303 and placed.headers["Location"].endswith("/ruwaard/talents/map")
    map_page = client.get("/ruwaard/talents/map").text
    svg = re.search(r'<svg viewBox="0 0 600 400" aria-labelledby="map-title">.*?</svg>', map_page, re.S).group(0)
    assert "<title id=\"map-title\">" in svg
    assert re.search(r'<a href="#place-1" class="plan-link" aria-label="1. Bibliotheek">\s*<circle[^>]*cx="500.0" '
                     r'cy="100.0"', svg)
    assert 'href="#place-3"' not in svg  # the food bank lies outside the image
    assert re.search(r'class="notice off-plan">.*href="#place-3">3. <bdi>Voedselbank</bdi>', map_page, re.S)
    assert all(f'id="place-{number}"' in map_page for number in (1, 2, 3))  # the list names every place
    assert 'srcset="/images/' in map_page and "style=" not in map_page


def test_the_points_part_answers_htmx_with_itself(client, login_as, make_user, ruwaard):
    login_as(make_user(role="coordinator", neighbourhood=ruwaard))
    backgrounds.set_background_image(ruwaard, upload(ruwaard))
    bad = client.post("/ruwaard/talents/map/background", data={**POINTS, "second_x": "9000"},
                      headers={"HX-Request": "true"})
    assert bad.status_code == 422 and bad.text.lstrip().startswith('<div id="points-part">')
    assert "Kies een x van 0 tot 600: zo breed is de afbeelding." in bad.text and 'value="9000"' in bad.text
    assert 'id="marker-second" class="pick-marker is-unset"' in bad.text  # not drawn far off the image
    good = client.post("/ruwaard/talents/map/background", data=POINTS, headers={"HX-Request": "true"})
    assert good.status_code == 200 and "announce" in good.headers["HX-Trigger"]
    assert re.search(r'class="pick-marker" cx="100(\.0)?" cy="300(\.0)?"', good.text)  # the saved points are marked
    assert client.get("/ruwaard/talents/map/background", headers={"HX-Request": "true"}).text.lstrip().startswith(
        '<div id="points-part">')


@pytest.mark.parametrize("data, field, message", [
    ({"second_y": "401"}, "second_y", "Kies een y van 0 tot 400: zo hoog is de afbeelding."),
    ({"first_latitude": "95"}, "first_latitude", "Een breedtegraad ligt tussen -90 en 90"),
    ({"second_longitude": "abc"}, "second_longitude", ""),
    ({"first_x": ""}, "first_x", "Vul een getal in."),
    ({"second_x": "102", "second_y": "305"}, "second_x", "te dicht bij elkaar op de afbeelding"),
    ({"second_latitude": "51.7598", "second_longitude": "5.5402"}, "second_latitude", "(bijna) dezelfde plek"),
    ({"first_x": "NaN"}, "first_x", ""),
])
def test_bad_points_are_answered_at_their_field_with_422(client, login_as, make_user, ruwaard, data, field, message):
    login_as(make_user(role="coordinator", neighbourhood=ruwaard))
    backgrounds.set_background_image(ruwaard, upload(ruwaard))
    answer = client.post("/ruwaard/talents/map/background", data={**POINTS, **data})
    assert answer.status_code == 422
    error = re.search(rf'<p class="field-error" id="{field}-error">(.*?)</p>', answer.text, re.S)
    assert error and message in error.group(1)
    assert not backgrounds.background_of(ruwaard.id).is_placed


def test_points_without_an_image_and_a_file_that_is_no_image(client, login_as, make_user, ruwaard):
    login_as(make_user(role="coordinator", neighbourhood=ruwaard))
    answer = client.post("/ruwaard/talents/map/background", data=POINTS)
    assert answer.status_code == 422 and "Kies eerst een afbeelding." in answer.text and 'id="image-error"' in answer.text
    for data in ({}, {"image": (io.BytesIO(b"not an image"), "plan.png")}):
        answer = client.post("/ruwaard/talents/map/background/image", data=data, content_type="multipart/form-data")
        assert answer.status_code == 422 and 'id="image-error"' in answer.text
    assert backgrounds.background_of(ruwaard.id) is None


@pytest.mark.parametrize("who, allowed", [("coordinator", True), ("admin", True), ("other_coordinator", False),
                                          ("resident", False), ("anonymous", False)])
def test_only_who_coordinates_there_places_the_plan(client, login_as, make_user, make_neighbourhood, ruwaard, who,
                                                     allowed):
    other = make_neighbourhood(slug="ander")
    people = {"coordinator": lambda: make_user(role="coordinator", neighbourhood=ruwaard),
              "admin": lambda: make_user(is_admin=True),
              "other_coordinator": lambda: make_user(role="coordinator", neighbourhood=other),
              "resident": lambda: make_user(neighbourhood=ruwaard)}
    if who in people:
        login_as(people[who]())
    backgrounds.set_background_image(ruwaard, upload(ruwaard))
    expected = 200 if allowed else (302 if who == "anonymous" else 403)
    for headers in ({}, {"HX-Request": "true"}):
        assert client.get("/ruwaard/talents/map/background", headers=headers).status_code == expected
    assert client.post("/ruwaard/talents/map/background", data=POINTS).status_code == (303 if allowed else expected)
    assert backgrounds.background_of(ruwaard.id).is_placed == allowed
    assert ("Eigen kaart van de buurt instellen" in client.get("/ruwaard/talents/map").text) == allowed
    removed = client.post("/ruwaard/talents/map/background/remove")
    assert removed.status_code == (303 if allowed else expected)
    assert (backgrounds.background_of(ruwaard.id) is None) == allowed


def test_the_own_plan_comes_before_map_tiles(app, client, ruwaard):
    app.config["MAP_TILE_URL"] = "https://tiles.example.org/{z}/{x}/{y}.png"
    assert "leaflet" in client.get("/ruwaard/talents/map").text
    backgrounds.set_background_image(ruwaard, upload(ruwaard))
    backgrounds.place_background(ruwaard, Reference(100, 300, *HAARD), Reference(500, 100, *LIBRARY))
    page = client.get("/ruwaard/talents/map")
    assert "leaflet" not in page.text and "tiles.example.org" not in page.headers["Content-Security-Policy"]


def test_the_database_keeps_the_points_whole(app, make_neighbourhood):
    from sqlalchemy.exc import IntegrityError

    neighbourhood = make_neighbourhood()
    backgrounds.set_background_image(neighbourhood, upload(neighbourhood))
    background = db.session.get(MapBackground, neighbourhood.id)
    background.first_x = 10.0  # one number without the rest
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()

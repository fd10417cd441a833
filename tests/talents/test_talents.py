from __future__ import annotations

import re

import pytest

from community.talents import services as talents
from community.talents.models import TalentProfile


def answers(**overrides):
    values = {"skills": ["cooking"], "own_words": "", "wants": "", "needs": "", "free_slots": ["1-2"],
              "visibility": "neighbourhood"}
    values.update(overrides)
    return talents.ProfileAnswers(**values)


def test_a_profile_needs_at_least_one_talent(make_neighbourhood, make_user):
    neighbourhood = make_neighbourhood()
    person = make_user(neighbourhood=neighbourhood)
    with pytest.raises(talents.TalentError):
        talents.save_profile(person, neighbourhood, answers(skills=[], own_words="  "))
    profile = talents.save_profile(person, neighbourhood, answers(own_words="Ik luister goed", skills=["nonsense"]))
    assert profile.skill_codes == [] and profile.own_words == "Ik luister goed"


def test_availability_is_a_week_grid(make_neighbourhood, make_user):
    neighbourhood = make_neighbourhood()
    profile = talents.save_profile(make_user(neighbourhood=neighbourhood), neighbourhood,
                                   answers(free_slots=["1-2", "6-0", "9-9", "x"]))
    assert profile.is_free(1, 2) and profile.is_free(6, 0) and not profile.is_free(0, 0)
    assert profile.availability.count("1") == 2


def test_visibility_decides_who_sees_whom(make_neighbourhood, make_user):
    own, other = make_neighbourhood(), make_neighbourhood()
    for visibility in ("neighbourhood", "coordinators", "hidden"):
        talents.save_profile(make_user(neighbourhood=own, name=visibility), own,
                             answers(visibility=visibility))
    neighbour, coordinator = make_user(neighbourhood=own), make_user(role="coordinator", neighbourhood=own)
    outsider = make_user(neighbourhood=other)

    def names(viewer):
        return sorted(p.user.display_name for p in talents.people_with_skill(own, "cooking", viewer))

    assert names(neighbour) == ["neighbourhood"]
    assert names(coordinator) == ["coordinators", "neighbourhood"]
    assert names(outsider) == []
    assert talents.talent_counts(own.id)["cooking"] == 2  # hidden ones are not counted


def test_pages_show_counts_to_all_and_people_to_residents(client, login_as, make_neighbourhood, make_user):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    talents.save_profile(make_user(neighbourhood=neighbourhood, name="Ans de kok"), neighbourhood,
                         answers(own_words="Dertig jaar kok"))
    page = client.get("/ruwaard/talents/")
    assert page.status_code == 200 and "Koken" in page.text and "1 buur" in page.text
    assert "Ans de kok" not in page.text
    assert client.get("/ruwaard/talents/skill/cooking").status_code == 302  # log in first
    login_as(make_user(neighbourhood=neighbourhood))
    people = client.get("/ruwaard/talents/skill/cooking")
    assert "Ans de kok" in people.text and "Dertig jaar kok" in people.text


def test_filling_in_the_profile_by_form(client, login_as, make_neighbourhood, make_user, app):
    from community.extensions import db

    neighbourhood = make_neighbourhood(slug="ruwaard")
    person = make_user(neighbourhood=neighbourhood)
    login_as(person)
    empty = client.post("/ruwaard/talents/profile", data={"wants": "Leren fietsen", "visibility": "neighbourhood"})
    assert empty.status_code == 422 and "Leren fietsen" in empty.text and "luisteren telt ook" in empty.text
    saved = client.post("/ruwaard/talents/profile", data={"skills": ["gardening", "music"], "free_slots": ["0-0"],
                                                           "visibility": "coordinators"})
    assert saved.status_code == 303
    profile = db.session.query(TalentProfile).filter_by(user_id=person.id).one()
    assert profile.skill_codes == ["gardening", "music"] and profile.visibility == "coordinators"
    form = client.get("/ruwaard/talents/profile").text
    gardening = re.search(r'<input[^>]*value="gardening"[^>]*>', form).group(0)
    cooking = re.search(r'<input[^>]*value="cooking"[^>]*>', form).group(0)
    assert "checked" in gardening and "checked" not in cooking  # the form shows what was saved
    assert client.post("/ruwaard/talents/profile", data={"skills": ["music"], "visibility": "everyone"}).status_code == 422


def test_only_coordinators_manage_assets(client, login_as, make_neighbourhood, make_user):
    own, other = make_neighbourhood(slug="ruwaard"), make_neighbourhood(slug="ander")
    login_as(make_user(neighbourhood=own))
    assert client.get("/ruwaard/talents/assets").status_code == 403
    login_as(make_user(role="coordinator", neighbourhood=other))
    assert client.post("/ruwaard/talents/assets", data={"kind": "borrow", "name": "Bakfiets"}).status_code == 403
    login_as(make_user(role="coordinator", neighbourhood=own))
    assert client.post("/ruwaard/talents/assets", data={"kind": "borrow", "name": ""}).status_code == 422
    assert client.post("/ruwaard/talents/assets", data={"kind": "borrow", "name": "Bakfiets"}).status_code == 303
    assert "Bakfiets" in client.get("/ruwaard/talents/").text


@pytest.mark.parametrize("locale, monday_morning", [("tr", "Pazartesi"), ("en", "Monday")])
def test_the_week_grid_names_its_checkboxes_in_the_readers_language(client, login_as, make_neighbourhood, make_user,
                                                                    locale, monday_morning):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    login_as(make_user(neighbourhood=neighbourhood, locale=locale))
    form = client.get("/ruwaard/talents/profile").text
    labels = re.findall(r'<input[^>]*aria-label="([^"]*)"[^>]*name="free_slots"|<input[^>]*name="free_slots"[^>]*aria-label="([^"]*)"', form)
    labels = [first or second for first, second in labels]
    assert len(labels) == 21
    assert monday_morning.lower() in labels[0].lower()
    assert not any(word in label for label in labels for word in ("maandag", "ochtend", "middag", "avond"))
    assert 'class="day-short" aria-hidden="true"' in form  # a narrow screen's short name; the full one stays


def _asset(latitude: float, longitude: float):
    from community.talents.models import Asset

    return Asset(kind="place", name="Plek", latitude=latitude, longitude=longitude)


@pytest.mark.parametrize("positions", [
    [(51.76, 5.52), (51.77, 5.53)],                          # square-ish
    [(51.760, 5.50), (51.761, 5.60), (51.7605, 5.55)],         # wide: along a road
    [(51.70, 5.52), (51.80, 5.5201), (51.75, 5.52005)],         # tall: along a canal
    [(51.76, 5.52)],                                          # one place
    [(51.76, 5.52), (51.76, 5.52), (51.7601, 5.5202), (51.7599, 5.5198)],
])
def test_every_dot_of_the_plan_stays_inside_the_frame(positions):
    points = talents.plan([_asset(*position) for position in positions])
    radius = talents.PLAN_DOT_RADIUS + 3  # with its stroke
    for point in points:
        assert 0 <= (point.x - radius) / talents.PLAN_WIDTH and (point.x + radius) / talents.PLAN_WIDTH <= 1
        assert 0 <= (point.y - radius) / talents.PLAN_HEIGHT and (point.y + radius) / talents.PLAN_HEIGHT <= 1
    if len(positions) > 1:  # the places still fill the plan in one direction
        xs, ys = [p.x for p in points], [p.y for p in points]
        assert (max(xs) - min(xs) >= talents.PLAN_WIDTH - 2 * talents.PLAN_MARGIN - 1
                or max(ys) - min(ys) >= talents.PLAN_HEIGHT - 2 * talents.PLAN_MARGIN - 1)

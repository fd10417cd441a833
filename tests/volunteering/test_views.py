"""The volunteering pages: full pages and htmx fragments, forms, and who may do what per task."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from community import recurrence
from community.extensions import db
from community.volunteering import matchmaking
from community.volunteering import services as volunteering
from community.volunteering.models import Origin, Shift, Task
from tests.volunteering.test_services import shifts_of

HTMX = {"HX-Request": "true"}


def test_the_list_pages_and_loads_more_in_place(client, make_neighbourhood, make_task):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    assert "Er worden nu geen vrijwilligers gezocht" in client.get("/ruwaard/tasks/").text
    for number in range(matchmaking.PAGE_SIZE + 3):
        make_task(neighbourhood, title=f"Taak {number:02d}")
    page = client.get("/ruwaard/tasks/")
    assert page.status_code == 200 and page.text.count('class="card task-card"') == matchmaking.PAGE_SIZE
    assert 'hx-get="/ruwaard/tasks/?page=2"' in page.text
    more = client.get("/ruwaard/tasks/?page=2", headers=HTMX)
    assert more.status_code == 200 and "<html" not in more.text and more.text.count('class="card task-card"') == 3
    assert "HX-Request" in more.headers["Vary"]
    assert client.get("/ruwaard/tasks/?page=abc").status_code == 200


def test_signing_up_with_and_without_javascript(client, login_as, make_neighbourhood, make_task, make_user):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    task = make_task(neighbourhood, people=1)
    shift = shifts_of(task)[0]
    anonymous = client.get(f"/ruwaard/tasks/{task.id}")
    assert anonymous.status_code == 200 and "Log in om mee te helpen" in anonymous.text
    login_as(make_user(neighbourhood=neighbourhood))
    assert "Ik help mee" in client.get(f"/ruwaard/tasks/{task.id}").text
    plain = client.post(f"/ruwaard/tasks/shift/{shift.id}/signup")
    assert plain.status_code == 303 and plain.headers["Location"].endswith(f"/ruwaard/tasks/{task.id}#shift-{shift.id}")
    login_as(make_user(neighbourhood=neighbourhood))
    swapped = client.post(f"/ruwaard/tasks/shift/{shift.id}/signup", headers=HTMX)
    assert swapped.status_code == 200 and swapped.text.lstrip().startswith(f'<li id="shift-{shift.id}"')
    assert "wachtlijst" in swapped.text and "announce" in swapped.headers["HX-Trigger"]
    cancelled = client.post(f"/ruwaard/tasks/shift/{shift.id}/cancel-signup", headers=HTMX)
    assert "Zet me op de wachtlijst" in cancelled.text and "Afmelden" not in cancelled.text


def test_only_neighbours_help_and_tasks_stay_in_their_neighbourhood(client, login_as, make_neighbourhood, make_task,
                                                                    make_user):
    own, other = make_neighbourhood(slug="ruwaard"), make_neighbourhood(slug="selwerd")
    task = make_task(own)
    shift = shifts_of(task)[0]
    login_as(make_user(neighbourhood=other))
    page = client.get(f"/ruwaard/tasks/{task.id}")
    assert "Word lid van de buurt" in page.text and "Ik help mee" not in page.text
    assert client.post(f"/ruwaard/tasks/shift/{shift.id}/signup").status_code == 403
    assert client.get(f"/selwerd/tasks/{task.id}").status_code == 404
    assert client.post(f"/selwerd/tasks/shift/{shift.id}/signup").status_code == 404


def test_the_exact_place_of_a_request_shows_only_to_the_asker_coordinators_and_the_chosen_helper(
        client, login_as, make_neighbourhood, make_task, make_user):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    asker = make_user(neighbourhood=neighbourhood, name="Truus Asker")
    request = make_task(neighbourhood, request=True, people=1, posted_by=asker, place="De Ruwaard-Noord",
                        private_place="Lindelaan 7")
    shift = shifts_of(request)[0]
    helper, neighbour = make_user(neighbourhood=neighbourhood), make_user(neighbourhood=neighbourhood)

    def page_for(user):
        if user is None:
            client.post("/account/logout")
            return client.get(f"/ruwaard/tasks/{request.id}").text
        login_as(user)
        return client.get(f"/ruwaard/tasks/{request.id}").text

    for viewer in (None, neighbour):
        text = page_for(viewer)
        assert "De Ruwaard-Noord" in text and "Lindelaan 7" not in text and "Truus Asker" not in text
    login_as(helper)
    offered = client.post(f"/ruwaard/tasks/shift/{shift.id}/signup", headers=HTMX)
    assert "Je aanbod is verstuurd" in offered.headers["HX-Trigger"] and "Je hebt je hulp aangeboden" in offered.text
    assert "Lindelaan 7" not in page_for(helper)  # an offer is not enough
    assert client.get(f"/ruwaard/tasks/{request.id}/volunteers").status_code == 403
    assert "Lindelaan 7" in page_for(asker) and "Lindelaan 7" in page_for(make_user(role="coordinator",
                                                                                      neighbourhood=neighbourhood))
    login_as(asker)
    offers = client.get(f"/ruwaard/tasks/{request.id}/volunteers")
    assert offers.status_code == 200 and "Ja, graag" in offers.text
    offer_id = re.search(rf"/ruwaard/tasks/shift/{shift.id}/offers/(\d+)", offers.text).group(1)
    login_as(neighbour)
    assert client.post(f"/ruwaard/tasks/shift/{shift.id}/offers/{offer_id}", data={"accept": "1"}).status_code == 403
    login_as(asker)
    assert client.post(f"/ruwaard/tasks/shift/{shift.id}/offers/{offer_id}", data={"accept": "1"}).status_code == 303
    assert "Lindelaan 7" in page_for(helper) and "Truus Asker" in page_for(helper)
    assert "Lindelaan 7" not in page_for(neighbour)


def test_posting_a_task_validates_and_keeps_what_was_typed(client, login_as, make_neighbourhood, make_user):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    login_as(make_user(neighbourhood=neighbourhood))
    assert client.get("/ruwaard/tasks/new").status_code == 403
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    assert client.get("/ruwaard/tasks/new").status_code == 200
    day = (recurrence.local_today() + timedelta(days=3)).isoformat()
    wrong = client.post("/ruwaard/tasks/new", data={"title": "Bardienst in De Haard", "people_needed": "0",
                                                    "first_date": day, "start_time": "13:30",
                                                    "duration_minutes": "90", "pattern": "weekly"})
    assert wrong.status_code == 422 and "Bardienst in De Haard" in wrong.text and "1 tot 50" in wrong.text
    past = client.post("/ruwaard/tasks/new", data={"title": "Gisteren", "people_needed": "2", "pattern": "once",
                                                   "first_date": "2020-01-01", "start_time": "13:30",
                                                   "duration_minutes": "90"})
    assert past.status_code == 422 and "vanaf vandaag" in past.text and "Gisteren" in past.text
    made = client.post("/ruwaard/tasks/new", data={"title": "Bardienst", "people_needed": "2", "skills": ["listening"],
                                                   "first_date": day, "start_time": "13:30", "duration_minutes": "210",
                                                   "pattern": "weekly", "place": "De bar"})
    assert made.status_code == 303
    task = db.session.scalar(select(Task).where(Task.title == "Bardienst"))
    assert task.is_recurring and task.skill_codes == ["listening"] and task.origin == Origin.COORDINATOR.value


def test_asking_for_help_is_for_residents_and_private_by_default(client, login_as, make_neighbourhood, make_user):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    assert client.get("/ruwaard/tasks/ask").status_code == 302  # log in first
    login_as(make_user(neighbourhood=make_neighbourhood()))
    assert client.get("/ruwaard/tasks/ask").status_code == 403
    asker = make_user(neighbourhood=neighbourhood)
    login_as(asker)
    day = (recurrence.local_today() + timedelta(days=2)).isoformat()
    empty = client.post("/ruwaard/tasks/ask", data={"private_place": "Lindelaan 7", "first_date": day})
    assert empty.status_code == 422 and "Lindelaan 7" in empty.text
    sent = client.post("/ruwaard/tasks/ask", data={"title": "Wie loopt mee naar de markt?", "people_needed": "1",
                                                  "private_place": "Lindelaan 7", "first_date": day,
                                                  "start_time": "10:00", "duration_minutes": "60"})
    assert sent.status_code == 303
    request = db.session.scalar(select(Task).where(Task.posted_by_id == asker.id))
    assert request.is_request and request.private_place == "Lindelaan 7" and not request.is_recurring
    assert "Wie loopt mee" in client.get("/ruwaard/tasks/mine").text


def test_running_a_task_is_for_its_poster_and_coordinators(client, login_as, make_neighbourhood, make_task, make_user,
                                                           outbox):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    asker = make_user(neighbourhood=neighbourhood)
    request = make_task(neighbourhood, request=True, posted_by=asker)
    login_as(make_user(neighbourhood=neighbourhood))
    for url in (f"/ruwaard/tasks/{request.id}/edit", f"/ruwaard/tasks/{request.id}/volunteers"):
        assert client.get(url).status_code == 403
    assert client.post(f"/ruwaard/tasks/{request.id}/close").status_code == 403
    login_as(asker)
    edit = client.get(f"/ruwaard/tasks/{request.id}/edit")
    assert edit.status_code == 200 and 'name="private_place"' in edit.text and 'name="first_date"' not in edit.text
    assert client.post(f"/ruwaard/tasks/{request.id}/edit", data={"title": "", "people_needed": "1"}).status_code == 422
    assert client.post(f"/ruwaard/tasks/{request.id}/edit",
                       data={"title": "Andere vraag", "people_needed": "1"}).status_code == 303
    assert client.get(f"/ruwaard/tasks/{request.id}/suggestions").status_code == 403  # inviting: coordinators
    closed = client.post(f"/ruwaard/tasks/{request.id}/close", data={"reason": "Mijn zoon helpt"})
    assert closed.status_code == 303 and db.session.get(Task, request.id).is_closed


def test_a_coordinator_sees_who_fits_and_invites_in_place(client, login_as, make_neighbourhood, make_task, make_user,
                                                          make_profile, outbox):
    neighbourhood, other = make_neighbourhood(slug="ruwaard"), make_neighbourhood(slug="selwerd")
    task = make_task(neighbourhood, skills=["cooking"])
    cook = make_user(neighbourhood=neighbourhood, name="Ans de kok")
    make_profile(cook, neighbourhood, skills=["cooking"], free=["1-1"])
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    page = client.get(f"/ruwaard/tasks/{task.id}/suggestions")
    assert page.status_code == 200 and "Ans de kok" in page.text and "kan: Koken" in page.text
    assert "heeft tijd op dinsdag (middag)" in page.text
    invited = client.post(f"/ruwaard/tasks/{task.id}/invite/{cook.id}", headers=HTMX)
    assert invited.status_code == 200 and "uitgenodigd" in invited.text and "<html" not in invited.text
    assert outbox[-1].to == [cook.email]
    assert "uitgenodigd" in client.get(f"/ruwaard/tasks/{task.id}/suggestions").text
    outsider = make_user(neighbourhood=other)
    assert client.post(f"/ruwaard/tasks/{task.id}/invite/{outsider.id}").status_code == 404
    login_as(make_user(role="coordinator", neighbourhood=other))
    assert client.get(f"/ruwaard/tasks/{task.id}/suggestions").status_code == 403


def test_marking_who_was_not_there_with_and_without_javascript(client, login_as, make_neighbourhood, make_task,
                                                              make_user):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    task = make_task(neighbourhood)
    shift = shifts_of(task)[0]
    sign_up = volunteering.volunteer_for_shift(shift.id, make_user(neighbourhood=neighbourhood).id)
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    swapped = client.post(f"/ruwaard/tasks/shift/{shift.id}/absent/{sign_up.id}", data={"was_there": "0"}, headers=HTMX)
    assert swapped.status_code == 200 and 'aria-pressed="false"' in swapped.text
    plain = client.post(f"/ruwaard/tasks/shift/{shift.id}/absent/{sign_up.id}", data={"was_there": "1"})
    assert plain.status_code == 303
    db.session.expire_all()
    assert db.session.get(type(sign_up), sign_up.id).is_absent is False
    assert client.post(f"/ruwaard/tasks/shift/{shift.id}/absent/999999", data={"was_there": "0"}).status_code == 404


def test_cancelling_a_date_needs_a_reason(client, login_as, make_neighbourhood, make_task, make_user):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    shift = shifts_of(make_task(neighbourhood, pattern="weekly"))[0]
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    client.post(f"/ruwaard/tasks/shift/{shift.id}/cancel", data={"reason": ""})
    assert not db.session.get(Shift, shift.id).is_cancelled
    assert client.post(f"/ruwaard/tasks/shift/{shift.id}/cancel", data={"reason": "Vakantie"}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Shift, shift.id).is_cancelled


def test_an_initiative_need_becomes_a_task_and_both_pages_link(client, login_as, make_neighbourhood, make_user):
    from community.initiatives import services as initiatives

    neighbourhood = make_neighbourhood(slug="ruwaard")
    proposer, coordinator = make_user(neighbourhood=neighbourhood), make_user(role="coordinator", neighbourhood=neighbourhood)
    initiative = initiatives.start_draft(neighbourhood, proposer, initiatives.Proposal("Speeltuin", "Schilderen", "Samen"))
    hands = initiatives.add_need(initiative, "hands", "Schilders voor zaterdag", 6, None)
    money = initiatives.add_need(initiative, "money", "Verf", None, 50)
    initiatives.transition(initiative, "submit", proposer)
    initiatives.transition(initiative, "publish", coordinator)
    login_as(make_user(neighbourhood=neighbourhood))
    assert client.get(f"/ruwaard/tasks/new?need={hands.id}").status_code == 403
    login_as(proposer)
    detail = client.get(f"/ruwaard/initiatives/{initiative.id}").text
    assert f"/ruwaard/tasks/new?need={hands.id}" in detail and f"need={money.id}" not in detail
    form = client.get(f"/ruwaard/tasks/new?need={hands.id}")
    assert form.status_code == 200 and 'value="Schilders voor zaterdag"' in form.text and 'value="6"' in form.text
    assert client.get(f"/ruwaard/tasks/new?need={money.id}").status_code == 404
    day = (recurrence.local_today() + timedelta(days=4)).isoformat()
    made = client.post(f"/ruwaard/tasks/new?need={hands.id}", data={
        "title": "Schilderen", "people_needed": "6", "first_date": day, "start_time": "10:00",
        "duration_minutes": "180", "pattern": "once"})
    assert made.status_code == 303
    task = db.session.scalar(select(Task).where(Task.need_id == hands.id))
    assert task.posted_by_id == proposer.id and task.initiative_id == initiative.id
    assert f"/ruwaard/tasks/{task.id}" in client.get(f"/ruwaard/initiatives/{initiative.id}").text
    assert f"/ruwaard/initiatives/{initiative.id}" in client.get(f"/ruwaard/tasks/{task.id}").text


def test_mine_and_counts_have_empty_states(client, login_as, make_neighbourhood, make_user):
    make_neighbourhood(slug="ruwaard")
    counts = client.get("/ruwaard/tasks/counts")
    assert counts.status_code == 200 and "Uren gegeven" in counts.text
    login_as(make_user())
    mine = client.get("/ruwaard/tasks/mine")
    assert "Je helpt nog nergens mee" in mine.text and "Je hebt nu geen hulpvraag" in mine.text


def test_the_map_page_asks_nothing_of_a_third_party_unless_configured(app, client, login_as, make_neighbourhood,
                                                                      make_user):
    from community.talents import services as talents

    neighbourhood = make_neighbourhood(slug="ruwaard")
    assert "Er staan nog geen plekken op de kaart" in client.get("/ruwaard/talents/map").text
    talents.add_asset(neighbourhood, "place", "Bibliotheek", "", "", 51.7611, 5.5447)
    talents.add_asset(neighbourhood, "public_space", "Ruwaardpark", "", "", 51.7572, 5.5371)
    talents.add_asset(neighbourhood, "borrow", "Ladder", "", "", 51.70, 5.50)  # things are never located
    page = client.get("/ruwaard/talents/map")
    assert page.status_code == 200 and page.text.count('class="plan-dot') == 2 and "Ladder" not in page.text
    assert "leaflet" not in page.text and not re.search(r'(src|href)="https?://', page.text)
    assert "img-src 'self' data:;" in page.headers["Content-Security-Policy"]
    app.config["MAP_TILE_URL"] = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    tiled = client.get("/ruwaard/talents/map")
    assert "vendor/leaflet-1.9.4/leaflet.js" in tiled.text and 'data-tiles="https://{s}.tiles.example.org' in tiled.text
    assert "img-src 'self' data: https://*.tiles.example.org;" in tiled.headers["Content-Security-Policy"]
    assert "tiles.example.org" not in client.get("/ruwaard/talents/").headers["Content-Security-Policy"]


def test_a_coordinator_locates_a_place_but_not_half(client, login_as, make_neighbourhood, make_user):
    from community.talents.models import Asset

    neighbourhood = make_neighbourhood(slug="ruwaard")
    login_as(make_user(role="coordinator", neighbourhood=neighbourhood))
    half = client.post("/ruwaard/talents/assets", data={"kind": "place", "name": "Bieb", "latitude": "51.76"})
    assert half.status_code == 422 and "allebei" in half.text and 'value="Bieb"' in half.text
    far = client.post("/ruwaard/talents/assets", data={"kind": "place", "name": "Bieb", "latitude": "151",
                                                       "longitude": "5.5"})
    assert far.status_code == 422
    assert client.post("/ruwaard/talents/assets", data={"kind": "place", "name": "Bieb", "latitude": "51.7611",
                                                        "longitude": "5.5447"}).status_code == 303
    assert db.session.scalar(select(Asset.latitude).where(Asset.name == "Bieb")) == 51.7611


def test_every_time_by_form(client, login_as, make_neighbourhood, make_task, make_user):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    weekly, once = make_task(neighbourhood, pattern="weekly"), make_task(neighbourhood, pattern="once")
    person = make_user(neighbourhood=neighbourhood)
    login_as(person)
    assert "Elke keer meedoen" in client.get(f"/ruwaard/tasks/{weekly.id}").text
    assert "Elke keer meedoen" not in client.get(f"/ruwaard/tasks/{once.id}").text
    joined = client.post(f"/ruwaard/tasks/{weekly.id}/every-time", data={"join": "1"}, follow_redirects=True)
    assert "Je doet elke keer mee" in joined.text and volunteering.is_standing(weekly.id, person.id)
    refused = client.post(f"/ruwaard/tasks/{once.id}/every-time", data={"join": "1"}, follow_redirects=True)
    assert "Dit is geen vaste dienst" in refused.text and not volunteering.is_standing(once.id, person.id)
    assert client.post(f"/ruwaard/tasks/{weekly.id}/every-time", data={"join": "0"}).status_code == 303
    assert not volunteering.is_standing(weekly.id, person.id)


def test_the_asker_sees_the_offers_waiting_on_the_request_page(client, login_as, make_neighbourhood, make_task,
                                                              make_user):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    asker = make_user(neighbourhood=neighbourhood)
    request = make_task(neighbourhood, request=True, posted_by=asker)
    volunteering.volunteer_for_shift(shifts_of(request)[0].id, make_user(neighbourhood=neighbourhood).id)
    login_as(asker)
    page = client.get(f"/ruwaard/tasks/{request.id}").text
    assert "1 buur biedt hulp aan" in page and "Kun jij helpen?" not in page
    login_as(make_user(neighbourhood=neighbourhood))
    page = client.get(f"/ruwaard/tasks/{request.id}").text
    assert "biedt hulp aan" not in page and "Kun jij helpen?" in page


def test_mine_says_an_answered_request_is_arranged_and_the_list_no_longer_asks(client, login_as, make_neighbourhood,
                                                                               make_task, make_user):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    asker = make_user(neighbourhood=neighbourhood)
    request = make_task(neighbourhood, request=True, people=1, posted_by=asker, title="Gordijnen ophangen")
    shift = shifts_of(request)[0]
    offer = volunteering.volunteer_for_shift(shift.id, make_user(neighbourhood=neighbourhood, name="Sem").id)
    login_as(asker)
    assert "1 buur biedt hulp aan" in client.get("/ruwaard/tasks/mine").text
    volunteering.answer_offer(shift, offer.id, accept=True)
    page = client.get("/ruwaard/tasks/mine").text
    assert "geregeld" in page and "Sem komt helpen" in page and "nog geen aanbod" not in page
    assert "Sem komt helpen" in client.get(f"/ruwaard/tasks/{request.id}").text  # the asker's page says who comes
    login_as(make_user(neighbourhood=neighbourhood))
    listing = client.get("/ruwaard/tasks/").text
    assert "Gordijnen ophangen" not in listing and "vol, wachtlijst" not in listing
    other_view = client.get(f"/ruwaard/tasks/{request.id}").text
    assert "Er is al hulp gevonden" in other_view and "Sem komt helpen" not in other_view

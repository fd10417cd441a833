"""What coordinators and initiators read on the initiative pages: counts in the right plural, the
audit log in words, the moderation form at its field and without JavaScript, the question asked."""
from __future__ import annotations

import re

from sqlalchemy import select

from community.extensions import db
from community.initiatives import services as initiatives
from community.initiatives.models import Post, StateChange
from community.moderation import services as moderation


def _coordinator(client, login_as, make_user, neighbourhood):
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    login_as(coordinator)
    return coordinator


def _tile_texts(page: str) -> list[str]:
    return re.findall(r'<span class="tile-text">([^<]*)</span>', page)


def test_the_coordinator_tiles_count_in_the_right_plural(client, login_as, make_user, make_neighbourhood, make_initiative):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    published = make_initiative(neighbourhood, state="published")
    make_initiative(neighbourhood, state="submitted")
    moderation.report("initiative", published.id, make_user(neighbourhood=neighbourhood).id, "Klopt niet")
    _coordinator(client, login_as, make_user, neighbourhood)
    tiles = _tile_texts(client.get("/ruwaard/coordinator/").text)
    assert "1 wacht op jou" in tiles and "1 open melding" in tiles, tiles
    make_initiative(neighbourhood, state="submitted", title="Bankjes")
    second = make_initiative(neighbourhood, state="published", title="Bloembakken")
    moderation.report("initiative", second.id, make_user(neighbourhood=neighbourhood).id, "Dubbel")
    tiles = _tile_texts(client.get("/ruwaard/coordinator/").text)
    assert "2 wachten op jou" in tiles and "2 open meldingen" in tiles, tiles


def test_the_audit_log_names_and_links_what_it_was_about(client, login_as, make_user, make_neighbourhood, make_initiative):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    initiative = make_initiative(neighbourhood, state="published", title="Speeltuin opknappen")
    coordinator = _coordinator(client, login_as, make_user, neighbourhood)
    initiatives.post(initiative, initiative.proposer, "Zaterdag verven we de schommels en daarna drinken we koffie "
                     "bij het Huis van de Wijk. Neem je eigen kwast mee als je die hebt, wij zorgen voor de verf en de "
                     "koek. Iedereen is welkom om mee te helpen of te kijken", is_update=True)
    post = db.session.scalar(select(Post))
    moderation.decide("post", post.id, hide=True, actor_id=coordinator.id, reason="Te veel reclame")
    page = client.get("/ruwaard/coordinator/audit").text
    log = page[page.index('<ol class="audit-list">'):page.index("</ol>")]
    assert "#" + str(initiative.id) not in log.replace(f"#post-{post.id}", "") and "initiative " not in log
    assert f'href="/ruwaard/initiatives/{initiative.id}"' in log and ">Speeltuin opknappen</a>" in log
    assert f'href="/ruwaard/initiatives/{initiative.id}#post-{post.id}"' in log
    assert "Zaterdag verven we de schommels" in log and "Iedereen is welkom" not in log
    assert "Bericht:" in log and "Initiatief:" in log and "bij Speeltuin opknappen" in log


def test_a_missing_reason_is_shown_at_the_field_and_the_page_opens_there(client, login_as, make_user,
                                                                           make_neighbourhood, make_initiative):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    initiative = make_initiative(neighbourhood, state="submitted")
    _coordinator(client, login_as, make_user, neighbourhood)
    page = client.get(f"/ruwaard/initiatives/{initiative.id}").text
    assert f'action="/ruwaard/initiatives/{initiative.id}/moderate#moderate"' in page
    refused = client.post(f"/ruwaard/initiatives/{initiative.id}/moderate", data={"action": "request_changes", "reason": ""})
    assert refused.status_code == 422
    field = refused.text[refused.text.index('id="moderate"'):]
    assert 'id="reason-error"' in field and 'aria-describedby="reason-error"' in field
    message = re.search(r'id="reason-error">(.*?)</p>', field, re.S).group(1)
    assert "initiatiefnemer" in message and "de buurt ziet" not in message
    assert 'class="message message-error"' not in refused.text[:refused.text.index('id="moderate"')]
    label = re.search(r'<label for="reason">([^<]*)</label>', field).group(1)
    assert "initiatiefnemer" in label


def test_a_ready_made_reason_works_without_javascript(client, login_as, make_user, make_neighbourhood, make_initiative,
                                                        outbox):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    initiative = make_initiative(neighbourhood, state="submitted")
    _coordinator(client, login_as, make_user, neighbourhood)
    page = client.get(f"/ruwaard/initiatives/{initiative.id}").text
    assert 'type="radio" name="template"' in page and 'value="request_changes:1"' in page
    chosen = str(initiatives.REASON_TEMPLATES["request_changes"][1])
    sent = client.post(f"/ruwaard/initiatives/{initiative.id}/moderate",
                       data={"action": "request_changes", "reason": "", "template": "request_changes:1"})
    assert sent.status_code == 303
    db.session.refresh(initiative)
    assert initiative.state == "changes_requested" and initiatives.last_reason(initiative) == chosen
    typed = make_initiative(neighbourhood, state="submitted", title="Bankjes")
    client.post(f"/ruwaard/initiatives/{typed.id}/moderate",
                data={"action": "decline", "reason": "Eigen woorden", "template": "decline:0"})
    db.session.refresh(typed)
    assert typed.state == "declined" and initiatives.last_reason(typed) == "Eigen woorden"  # what is typed wins
    published = make_initiative(neighbourhood, state="submitted", title="Bloemen")
    client.post(f"/ruwaard/initiatives/{published.id}/moderate", data={"action": "publish", "template": "decline:0"})
    db.session.refresh(published)
    assert published.state == "published" and initiatives.last_reason(published) == ""  # no ready-made text to publish
    bogus = make_initiative(neighbourhood, state="submitted", title="Tuin")
    refused = client.post(f"/ruwaard/initiatives/{bogus.id}/moderate",
                          data={"action": "decline", "reason": "", "template": "decline:99"})
    assert refused.status_code == 422


def test_the_initiator_sees_the_question_where_they_edit_and_coordinators_hear_it_came_back(
        client, login_as, make_user, make_neighbourhood, make_initiative, outbox):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    initiative = make_initiative(neighbourhood, state="submitted")
    first_subjects = [message.subject for message in outbox if message.to == [coordinator.email]]
    assert first_subjects and all(subject.startswith("Nieuw initiatief") for subject in first_subjects)
    initiatives.transition(initiative, "request_changes", coordinator, "Waar komt de speeltuin precies?")
    login_as(initiative.proposer)
    new_page = client.get("/ruwaard/initiatives/new").text
    assert "<h1>Zelf iets beginnen</h1>" in new_page
    edit_page = client.get(f"/ruwaard/initiatives/{initiative.id}/edit").text
    assert "<h1>Je initiatief aanpassen</h1>" in edit_page and "Zelf iets beginnen" not in edit_page
    above_the_form = edit_page[edit_page.index("<h1>"):edit_page.index(f'action="/ruwaard/initiatives/{initiative.id}/edit"')]
    assert "Waar komt de speeltuin precies?" in above_the_form
    assert "Waar komt de speeltuin precies?" in client.get(f"/ruwaard/initiatives/{initiative.id}/needs").text
    outbox.clear()
    assert client.post(f"/ruwaard/initiatives/{initiative.id}/submit").status_code == 303
    assert db.session.scalar(select(StateChange.to_state).order_by(StateChange.id.desc()).limit(1)) == "submitted"
    to_coordinator = [message for message in outbox if message.to == [coordinator.email]]
    assert len(to_coordinator) == 1
    assert not to_coordinator[0].subject.startswith("Nieuw initiatief")
    assert "opnieuw ingediend" in to_coordinator[0].subject and "opnieuw ingediend" in to_coordinator[0].body


def test_joining_offers_the_first_open_need_first_and_something_else_last(client, login_as, make_user,
                                                                           make_neighbourhood, make_initiative):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    initiative = make_initiative(neighbourhood, state="published",
                                 needs=(("hands", "Schilders", 3, None), ("things", "Een ladder", None, None)))
    login_as(make_user(neighbourhood=neighbourhood))
    page = client.get(f"/ruwaard/initiatives/{initiative.id}").text
    select_html = page[page.index('<select id="need_id"'):]
    select_html = select_html[:select_html.index("</select>")]
    options = re.findall(r"<option([^>]*)>([^<]*)</option>", select_html)
    assert [text for _attrs, text in options] == ["Schilders", "Een ladder", "Iets anders"]
    assert [("selected" in attrs) for attrs, _text in options] == [True, False, False]


def test_the_photo_field_is_a_large_labelled_button_around_the_native_input(client, login_as, make_user,
                                                                             make_neighbourhood, make_initiative):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    initiative = make_initiative(neighbourhood)
    login_as(initiative.proposer)
    page = client.get(f"/ruwaard/initiatives/{initiative.id}/needs").text
    pick = page[page.index('class="file-pick"'):]
    pick = pick[:pick.index("</div>")]
    assert re.search(r'<input type="file" class="file-input" id="photo" name="photo" accept="image/', pick)
    assert '<label for="photo" class="file-face"' in pick and "Kies een foto" in pick

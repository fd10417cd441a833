"""Every text has a length limit: in the database (SQLite and PostgreSQL), in every form (with a
maxlength on the input, so a phone stops there), and in the service for text that comes without a
form. Too long is answered with a translated message and a 4xx, keeping what was typed; never a 500.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from typing import Callable

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import String, func, select
from sqlalchemy.exc import DataError, IntegrityError
from wtforms import HiddenField, StringField
from werkzeug.test import encode_multipart
from wtforms.validators import Length

import community
from community import import_all_models
from community.accounts import services as accounts
from community import recurrence
from community.agenda import services as agenda
from community.agenda.models import Occurrence
from community.db import Base, utcnow
from community.extensions import db
from community.initiatives import services as initiatives
from community.initiatives.models import Initiative, Post, StateChange
from community.moderation import services as moderation
from community.moderation.models import AuditEntry, Report
from community.talents.models import TalentProfile
from community.volunteering import services as volunteering
from community.volunteering.models import Shift, Task
from tests.conftest import on_postgres

TOO_LONG = "Gebruik hoogstens %d tekens."
SERVICE_TOO_LONG = "Deze tekst is te lang. Gebruik hoogstens %d tekens."

import_all_models()
STRING_COLUMNS = [(table, column) for table in Base.metadata.sorted_tables for column in table.columns
                  if isinstance(column.type, String)]


def column_id(value) -> str:
    return f"{value.table.name}.{value.name}" if hasattr(value, "table") else ""


# --- the database -------------------------------------------------------------------------------

@pytest.mark.parametrize("table, column", STRING_COLUMNS, ids=[column_id(c) for _, c in STRING_COLUMNS])
def test_every_text_column_has_a_length(table, column):
    assert column.type.length, f"{table.name}.{column.name} is unbounded text: give it String(n)"


SAMPLE_VALUES = {int: 1, bool: False, float: 0.5, datetime: datetime(2026, 1, 1, 12, tzinfo=utcnow().tzinfo),
                 date: date(2026, 1, 1), time: time(10), str: "a"}


def sample_for(column):
    column_type = getattr(column.type, "impl_instance", column.type)  # UTCDateTime is a TypeDecorator
    return SAMPLE_VALUES[column_type.python_type]


def listed_values(table) -> dict[str, str]:
    """Columns a CHECK holds to a list of values (`kind IN ('tin', 'bank', …)`): the first value of each."""
    found = {}
    for constraint in table.constraints:
        listed = re.match(r"^\s*(\w+) IN \('([^']+)'", str(getattr(constraint, "sqltext", "")))
        if listed:
            found[listed.group(1)] = listed.group(2)
    return found


# Rows whose CHECKs compare two columns need other plain values than the rest.
PLAIN_VALUE_EXCEPTIONS = {("pot_handover", "to_account_id"): 2,
                          ("card_swap", "partner_album_id"): 2}  # a swap is between two albums


def insert_with(table, column, value) -> None:
    """Insert one row into `table` with `value` in `column` (other columns get a plain value, and
    references are not checked), then roll it back."""
    row = {other.name: sample_for(other) for other in table.columns if other is not table.autoincrement_column}
    row.update(listed_values(table))
    row.update({name: plain for (table_name, name), plain in PLAIN_VALUE_EXCEPTIONS.items() if table_name == table.name})
    row[column.name] = value
    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        if connection.dialect.name == "sqlite":
            raw.execute("PRAGMA foreign_keys=OFF")  # outside a transaction, or it does nothing
        try:
            with connection.begin() as transaction:
                if connection.dialect.name == "postgresql":
                    connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
                if table.name == "pot_transaction" and connection.dialect.name == "sqlite":
                    _balancing_legs(connection, str(row["key"])[:32])
                connection.execute(table.insert().values(row))
                transaction.rollback()
        finally:
            if connection.dialect.name == "sqlite":
                raw.execute("PRAGMA foreign_keys=ON")


def _balancing_legs(connection, key: str) -> None:
    """A pot transaction is refused without legs that balance (a trigger, which SQLite cannot switch off)."""
    entries = Base.metadata.tables["pot_entry"]
    connection.execute(entries.insert(), [{"transaction_key": key, "account_id": 1, "amount_cents": cents}
                                          for cents in (1, -1)])


@pytest.mark.parametrize("table, column", STRING_COLUMNS, ids=[column_id(c) for _, c in STRING_COLUMNS])
def test_the_database_refuses_one_character_over_the_limit(app, table, column):
    length = column.type.length
    listed = listed_values(table)
    # the limit counts characters, not bytes; a column held to a list of values takes one of those
    insert_with(table, column, listed.get(column.name, "é" * length))
    refused = DataError if on_postgres() else IntegrityError  # PostgreSQL's VARCHAR(n) answers first
    with pytest.raises(refused) as error:
        insert_with(table, column, "é" * (length + 1))
    expected = ["too long"] if on_postgres() else [f"ck_{table.name}_{column.name}_length"] + (
        [f"ck_{table.name}_known_"] if column.name in listed else [])  # either CHECK may answer first
    assert any(text in str(error.value) for text in expected), str(error.value)


# --- every form field ------------------------------------------------------------------------------

def form_classes() -> list[type[FlaskForm]]:
    for module in pkgutil.walk_packages(community.__path__, "community."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    found, todo = [], list(FlaskForm.__subclasses__())
    while todo:
        form_class = todo.pop()
        todo.extend(form_class.__subclasses__())
        if form_class.__module__.startswith("community."):
            found.append(form_class)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def text_fields() -> list[tuple[type[FlaskForm], str, type]]:
    """Every text field where it is declared: in a form, or in a set of fields forms mix in (such as
    PhotoFields), then checked on the first form that has it."""
    found: dict[tuple[type, str], type[FlaskForm]] = {}
    for form_class in form_classes():
        for owner in form_class.__mro__:
            for name, unbound in vars(owner).items() if owner.__module__.startswith("community.") else ():
                if (hasattr(unbound, "field_class") and issubclass(unbound.field_class, StringField)
                        and not issubclass(unbound.field_class, HiddenField)
                        and getattr(form_class, name) is not None):  # a form may leave a mixed-in field out
                    found.setdefault((owner, name), form_class)
    return [(form_class, name, owner) for (owner, name), form_class in found.items()]


TEXT_FIELDS = text_fields()


@pytest.mark.parametrize("form_class, name, owner", TEXT_FIELDS,
                         ids=[f"{owner.__name__}.{name}" for form_class, name, owner in TEXT_FIELDS])
def test_every_text_field_has_a_limit_that_the_input_carries(app, form_class, name, owner):
    with app.test_request_context():
        form = form_class(meta={"csrf": False}, formdata=None)
        bound = form[name]
        limits = [v.max for v in bound.validators if isinstance(v, Length) and v.max and v.max > 0]
        assert limits, f"{form_class.__name__}.{name} takes text of any length: add max_length(...)"
        assert f'maxlength="{min(limits)}"' in str(bound())


# --- every form route: one character over the limit -----------------------------------------------

def next_tuesday() -> date:
    day = recurrence.local_today() + timedelta(days=3)
    while day.weekday() != 1:
        day += timedelta(days=1)
    return day


def make_initiative(neighbourhood, proposer, coordinator, state):
    initiative = initiatives.start_draft(neighbourhood, proposer, initiatives.Proposal(
        "Speeltuin", "De speeltuin opknappen.", "Wij schilderen zelf."))
    initiatives.add_need(initiative, "hands", "Schilders", 3, None)
    if state != "draft":
        initiatives.transition(initiative, "submit", proposer)
    if state == "published":
        initiatives.transition(initiative, "publish", coordinator)
    return initiative


@pytest.fixture
def world(make_neighbourhood, make_user):
    neighbourhood = make_neighbourhood(slug="ruwaard")
    room = neighbourhood.house.rooms[0]
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    proposer, resident = make_user(neighbourhood=neighbourhood), make_user(neighbourhood=neighbourhood)
    activity = agenda.create_activity(neighbourhood, agenda.ActivityDetails(
        title="Koffie-ochtend", description="", kind="coffee", room_id=room.id, organiser_id=None, cost_cents=0,
        needs_signup=False, capacity=None, languages=["nl"], first_date=next_tuesday(), start_time=time(10),
        duration_minutes=120, pattern="weekly"))
    task = volunteering.post_task(neighbourhood, volunteering.TaskDetails(
        title="Bardienst", description="", skills=[], people_needed=2, place="De bar", first_date=next_tuesday(),
        start_time=time(14), duration_minutes=120, pattern="weekly"), posted_by=coordinator)
    return SimpleNamespace(
        neighbourhood=neighbourhood, room=room, coordinator=coordinator, proposer=proposer, resident=resident,
        admin=make_user(is_admin=True, neighbourhood=neighbourhood), activity=activity, task=task,
        occurrence=db.session.scalars(select(Occurrence).where(Occurrence.activity_id == activity.id)
                                      .order_by(Occurrence.starts_at)).first(),
        shift=db.session.scalars(select(Shift).where(Shift.task_id == task.id).order_by(Shift.starts_at)).first(),
        draft=make_initiative(neighbourhood, proposer, coordinator, "draft"),
        submitted=make_initiative(neighbourhood, proposer, coordinator, "submitted"),
        published=make_initiative(neighbourhood, proposer, coordinator, "published"))


def when(w) -> dict:
    return {"first_date": next_tuesday().isoformat(), "start_time": "14:00", "duration_minutes": "120"}


def activity_form(w) -> dict:
    return {"title": "Repair café", "kind": "repair", "room_id": str(w.room.id), "pattern": "weekly", "cost": "0",
            "languages": ["nl"], "first_date": next_tuesday().isoformat(), "start_time": "19:00",
            "duration_minutes": "120"}


def neighbourhood_form(w) -> dict:
    return {"name": "Moerwijk", "city": "Den Haag", "slug": "", "description": "", "house_name": "Huis Moerwijk",
            "street_address": "Erasmusweg 1", "postcode": "2532 CA", "house_city": "Den Haag"}


def house_form(w) -> dict:
    return {"house_name": "De Haard", "street_address": "Straat 1", "postcode": "5344 AA", "house_city": "Oss"}


@dataclass
class Case:
    """One text field of one form route: who sends it, where, with which other (valid) fields."""

    route: str
    who: str
    url: Callable[[SimpleNamespace], str]
    data: Callable[[SimpleNamespace], dict]
    fields: dict[str, int]                      # field name -> its limit
    message: str = TOO_LONG
    keeps_typed: bool = True                    # passwords are never shown again
    answer: str = "page"                        # "page": 422 page; "flash": 303 and a message; "htmx": 422 fragment
    headers: dict = field(default_factory=dict)


S = "/ruwaard"
CASES = [
    Case("sign up", "anonymous", lambda w: "/account/signup",
         lambda w: {"display_name": "Ans", "email": "ans@example.org", "password": "de zon schijnt in oss",
                    "neighbourhood_id": str(w.neighbourhood.id), "locale": "nl"},
         {"email": 254}),
    Case("sign up", "anonymous", lambda w: "/account/signup",
         lambda w: {"display_name": "Ans", "email": "ans@example.org", "neighbourhood_id": str(w.neighbourhood.id),
                    "locale": "nl"}, {"password": 128}, keeps_typed=False),
    Case("sign up", "anonymous", lambda w: "/account/signup",
         lambda w: {"email": "ans@example.org", "password": "de zon schijnt in oss",
                    "neighbourhood_id": str(w.neighbourhood.id), "locale": "nl"},
         {"display_name": 60}, message="Gebruik 2 tot %d tekens."),
    Case("log in", "anonymous", lambda w: "/account/login", lambda w: {"password": "x" * 12}, {"email": 254}),
    Case("log in", "anonymous", lambda w: "/account/login", lambda w: {"email": "a@example.org"}, {"password": 128},
         keeps_typed=False),
    Case("reset", "anonymous", lambda w: "/account/reset", lambda w: {}, {"email": 254}),
    Case("new password", "anonymous", lambda w: f"/account/reset/{accounts.make_reset_token(w.resident)}",
         lambda w: {}, {"password": 128}, keeps_typed=False),
    Case("profile", "resident", lambda w: "/account/profile", lambda w: {"locale": "nl"}, {"display_name": 60},
         message="Gebruik 2 tot %d tekens."),
    Case("change password", "resident", lambda w: "/account/password", lambda w: {"new_password": "x" * 12},
         {"current_password": 128}, keeps_typed=False),
    Case("change password", "resident", lambda w: "/account/password", lambda w: {"current_password": "x" * 12},
         {"new_password": 128}, keeps_typed=False),
    Case("new activity", "coordinator", lambda w: f"{S}/agenda/new", activity_form,
         {"title": 120, "description": 4000, "photo_description": 200}),
    Case("edit activity", "coordinator", lambda w: f"{S}/agenda/series/{w.activity.id}/edit", activity_form,
         {"title": 120, "description": 4000, "photo_description": 200}),
    Case("change a date", "coordinator", lambda w: f"{S}/agenda/{w.occurrence.id}/change",
         lambda w: {"date": next_tuesday().isoformat(), "start_time": "10:00", "duration_minutes": "120",
                    "room_id": str(w.room.id)}, {"note": 200}),
    Case("cancel a date", "coordinator", lambda w: f"{S}/agenda/{w.occurrence.id}/cancel", lambda w: {},
         {"reason": 200}),
    Case("propose", "resident", lambda w: f"{S}/initiatives/new",
         lambda w: {"title": "Moestuin", "want": "Bakken", "can_do": "Tuinieren"},
         {"title": 120, "want": 4000, "can_do": 4000}),
    Case("edit proposal", "proposer", lambda w: f"{S}/initiatives/{w.draft.id}/edit",
         lambda w: {"title": "Moestuin", "want": "Bakken", "can_do": "Tuinieren"},
         {"title": 120, "want": 4000, "can_do": 4000}),
    Case("add a need", "proposer", lambda w: f"{S}/initiatives/{w.draft.id}/needs", lambda w: {"kind": "things"},
         {"description": 200}),
    Case("join", "resident", lambda w: f"{S}/initiatives/{w.published.id}/join", lambda w: {}, {"message": 300}),
    Case("join", "resident", lambda w: f"{S}/initiatives/{w.published.id}/join", lambda w: {}, {"message": 300},
         answer="htmx", headers={"HX-Request": "true"}),
    Case("comment", "resident", lambda w: f"{S}/initiatives/{w.published.id}/posts", lambda w: {"kind": "comment"},
         {"body": 4000}),
    Case("update", "proposer", lambda w: f"{S}/initiatives/{w.published.id}/posts", lambda w: {"kind": "update"},
         {"body": 4000}),
    Case("finish", "proposer", lambda w: f"{S}/initiatives/{w.published.id}/finish", lambda w: {"action": "finish"},
         {"reason": 2000}, message=SERVICE_TOO_LONG),
    Case("decline", "coordinator", lambda w: f"{S}/initiatives/{w.submitted.id}/moderate",
         lambda w: {"action": "decline"}, {"reason": 1000}, message=SERVICE_TOO_LONG),
    Case("report", "resident", lambda w: f"{S}/initiatives/report/initiative/{w.published.id}", lambda w: {},
         {"reason": 1000}),
    Case("hide", "coordinator", lambda w: f"{S}/coordinator/reports/initiative/{w.published.id}",
         lambda w: {"decision": "hide"}, {"reason": 1000}, message=SERVICE_TOO_LONG),  # a card of its own at the top
    Case("hide", "coordinator", lambda w: f"{S}/coordinator/reports/initiative/{w.published.id}",
         lambda w: {"decision": "hide"}, {"reason": 1000}, message=SERVICE_TOO_LONG, answer="htmx",
         headers={"HX-Request": "true"}),
    Case("new neighbourhood", "admin", lambda w: "/admin/", neighbourhood_form,
         {"name": 100, "city": 100, "slug": 60, "description": 1000, "house_name": 100, "street_address": 200,
          "postcode": 10, "house_city": 100, "phone": 30}),
    Case("house", "coordinator", lambda w: f"{S}/coordinator/house", house_form,
         {"house_name": 100, "street_address": 200, "postcode": 10, "house_city": 100, "opening_note": 500,
          "phone": 30}),
    Case("new room", "coordinator", lambda w: f"{S}/coordinator/rooms", lambda w: {"capacity": "10"}, {"name": 80}),
    Case("edit room", "coordinator", lambda w: f"{S}/coordinator/rooms/{w.room.id}", lambda w: {"capacity": "10"},
         {"name": 80}),
    Case("give a role", "admin", lambda w: "/admin/ruwaard/roles", lambda w: {"role": "coordinator"},
         {"email": 254}),
    Case("talent profile", "resident", lambda w: f"{S}/talents/profile",
         lambda w: {"skills": ["music"], "visibility": "neighbourhood"},
         {"own_words": 1000, "wants": 1000, "needs": 1000}),
    Case("asset", "coordinator", lambda w: f"{S}/talents/assets", lambda w: {"kind": "place", "name": "Bieb"},
         {"name": 120, "description": 1000, "public_contact": 200}),
    Case("new task", "coordinator", lambda w: f"{S}/tasks/new",
         lambda w: {"title": "Bardienst", "people_needed": "2", "pattern": "weekly", **when(w)},
         {"title": 120, "description": 4000, "place": 200, "photo_description": 200}),
    Case("ask for help", "resident", lambda w: f"{S}/tasks/ask",
         lambda w: {"title": "Wie loopt mee?", "people_needed": "1", **when(w)},
         {"title": 120, "description": 4000, "place": 200, "private_place": 200}),
    Case("edit task", "coordinator", lambda w: f"{S}/tasks/{w.task.id}/edit",
         lambda w: {"title": "Bardienst", "people_needed": "2"},
         {"title": 120, "description": 4000, "place": 200, "photo_description": 200}),
    Case("stop a task", "coordinator", lambda w: f"{S}/tasks/{w.task.id}/close", lambda w: {}, {"reason": 200}),
    Case("cancel a shift", "coordinator", lambda w: f"{S}/tasks/shift/{w.shift.id}/cancel", lambda w: {},
         {"reason": 200}, answer="flash", keeps_typed=False),
    # Tellen en vertellen: a story, the decline of one, the annual report's own words
    Case("write a story", "resident", lambda w: f"{S}/stories/new",
         lambda w: {"title": "Lunch", "body": "Fijn", "subject": "other", "may_show_publicly": "y"},
         {"title": 80, "body": 1200, "photo_description": 200}),
    Case("decline a story", "coordinator", lambda w: f"{S}/stories/{_waiting_story(w)}/decline", lambda w: {},
         {"reason": 1000}),
    Case("annual report", "coordinator", lambda w: f"{S}/numbers/report/{recurrence.local_today().year}",
         lambda w: {}, {"text": 3000}),
]
FIELD_CASES = [(case, name, limit) for case in CASES for name, limit in case.fields.items()]


def _waiting_story(w) -> int:
    from community.stories import services as stories

    return stories.write_story(w.neighbourhood.id, w.resident.id,
                               stories.Draft("Lunch", "Fijn.", may_show_publicly=True)).id


def log_in(who: str, w, login_as, client):
    if who != "anonymous":
        login_as(getattr(w, who))
    return client


@pytest.mark.parametrize("case, name, limit", FIELD_CASES,
                         ids=[f"{case.route}{'-' + case.answer if case.answer != 'page' else ''}.{name}"
                              for case, name, limit in FIELD_CASES])
def test_one_character_over_the_limit_is_answered_and_kept(client, login_as, world, case, name, limit):
    typed = "x" * (limit + 1)
    response = log_in(case.who, world, login_as, client).post(
        case.url(world), data={**case.data(world), name: typed}, headers=case.headers)
    message = case.message % limit
    if case.answer == "flash":
        assert response.status_code == 303
        assert message in client.get(response.location).text
        return
    assert response.status_code == 422
    assert message in response.text
    if case.answer == "htmx":
        assert "<html" not in response.text
    if case.keeps_typed:
        assert typed in response.text


def test_the_message_is_in_the_persons_language(client, login_as, world):
    world.resident.locale = "en"
    db.session.commit()
    login_as(world.resident)
    response = client.post(f"/ruwaard/initiatives/{world.published.id}/posts", data={"body": "x" * 4001})
    assert response.status_code == 422 and "Use no more than 4000 characters." in response.text


def test_inputs_written_by_hand_stop_at_the_limit(client, login_as, world):
    moderation.report("initiative", world.published.id, world.resident.id, "Klopt niet")
    login_as(world.coordinator)
    assert 'name="reason" maxlength="1000"' in client.get("/ruwaard/coordinator/reports").text
    review = client.get(f"/ruwaard/initiatives/{world.submitted.id}").text
    assert '<textarea dir="auto" id="reason" maxlength="1000" name="reason">' in review
    assert 'id="hide-reason" type="text" name="reason" maxlength="1000"' in review
    assert 'name="reason" maxlength="200"' in client.get(f"/ruwaard/tasks/{world.task.id}/volunteers").text


# --- exactly the limit is fine --------------------------------------------------------------------

def test_a_proposal_of_exactly_the_limit_is_saved(client, login_as, world):
    login_as(world.resident)
    response = client.post("/ruwaard/initiatives/new", data={"title": "é" * 120, "want": "é" * 4000, "can_do": "é" * 4000})
    assert response.status_code == 303
    saved = db.session.scalar(select(Initiative).where(Initiative.proposer_id == world.resident.id))
    assert (len(saved.title), len(saved.want), len(saved.can_do)) == (120, 4000, 4000)


def test_a_moderation_reason_of_exactly_the_limit_is_saved(client, login_as, world):
    login_as(world.coordinator)
    hidden = client.post(f"/ruwaard/coordinator/reports/initiative/{world.published.id}",
                         data={"decision": "hide", "reason": "é" * 1000})
    declined = client.post(f"/ruwaard/initiatives/{world.submitted.id}/moderate",
                           data={"action": "decline", "reason": "ë" * 1000})
    assert hidden.status_code == declined.status_code == 303
    reasons = db.session.scalars(select(AuditEntry.reason).where(AuditEntry.action.in_(["hidden", "decline"]))).all()
    assert sorted(reasons) == ["é" * 1000, "ë" * 1000]


def test_a_post_and_a_result_of_exactly_the_limit_are_saved(client, login_as, world):
    login_as(world.proposer)
    url = f"/ruwaard/initiatives/{world.published.id}"
    assert client.post(f"{url}/posts", data={"kind": "update", "body": "é" * 4000}).status_code == 303
    assert client.post(f"{url}/finish", data={"action": "finish", "reason": "é" * 2000}).status_code == 303
    assert len(db.session.scalar(select(Post.body).where(Post.initiative_id == world.published.id))) == 4000
    db.session.refresh(world.published)
    assert world.published.state == "done" and len(world.published.result) == 2000


def test_a_talent_profile_of_exactly_the_limit_is_saved(client, login_as, world):
    login_as(world.resident)
    response = client.post("/ruwaard/talents/profile", data={
        "own_words": "é" * 1000, "wants": "é" * 1000, "needs": "é" * 1000, "visibility": "neighbourhood"})
    assert response.status_code == 303
    profile = db.session.scalar(select(TalentProfile).where(TalentProfile.user_id == world.resident.id))
    assert (len(profile.own_words), len(profile.wants), len(profile.needs)) == (1000, 1000, 1000)


def test_a_task_of_exactly_the_limit_is_saved(client, login_as, world):
    login_as(world.coordinator)
    response = client.post("/ruwaard/tasks/new", data={
        "title": "é" * 120, "description": "é" * 4000, "place": "é" * 200, "people_needed": "2", "pattern": "once",
        **when(world)})
    assert response.status_code == 303
    task = db.session.scalar(select(Task).where(Task.title == "é" * 120))
    assert (len(task.description), len(task.place)) == (4000, 200)


# --- huge text, and text that comes without a form ----------------------------------------------------

def test_a_five_megabyte_reason_is_refused_and_never_stored(client, login_as, world):
    huge = "x" * (5 * 1024 * 1024)
    login_as(world.coordinator)
    for url, data in ((f"/ruwaard/coordinator/reports/initiative/{world.published.id}", {"decision": "hide"}),
                      (f"/ruwaard/initiatives/{world.submitted.id}/moderate", {"action": "decline"})):
        assert client.post(url, data={**data, "reason": huge}).status_code in (413, 422)
    login_as(world.resident)
    assert client.post(f"/ruwaard/initiatives/report/initiative/{world.published.id}",
                       data={"reason": huge}).status_code in (413, 422)
    login_as(world.proposer)
    # Encoded here in memory: the test client would spool a body this big to a file it never closes.
    boundary, body = encode_multipart({"kind": "update", "body": huge})
    multipart = client.post(f"/ruwaard/initiatives/{world.published.id}/posts", data=body,
                            content_type=f"multipart/form-data; boundary={boundary}")
    assert multipart.status_code in (413, 422)
    longest = [db.session.scalar(select(func.max(func.length(column)))) for column in
               (AuditEntry.reason, Report.reason, StateChange.reason, Post.body)]
    assert all((length or 0) <= 1000 for length in longest)
    db.session.refresh(world.published)
    db.session.refresh(world.submitted)
    assert not world.published.is_hidden and world.submitted.state == "submitted"


def test_services_refuse_text_longer_than_its_column(world):
    with pytest.raises(moderation.ModerationError) as hide:
        moderation.decide("initiative", world.published.id, hide=True, actor_id=world.coordinator.id, reason="x" * 1001)
    with pytest.raises(moderation.ModerationError):
        moderation.report("initiative", world.published.id, world.resident.id, "x" * 1001)
    with pytest.raises(initiatives.InitiativeError) as decline:
        initiatives.transition(world.submitted, "decline", world.coordinator, "x" * 1001)
    with pytest.raises(initiatives.InitiativeError):
        initiatives.transition(world.published, "finish", world.proposer, "x" * 2001)
    with pytest.raises(initiatives.InitiativeError) as comment:
        initiatives.post(world.published, world.resident, "x" * 4001, is_update=False)
    with pytest.raises(initiatives.InitiativeError):
        initiatives.join(world.published, world.resident.id, None, "x" * 301)
    with pytest.raises(initiatives.InitiativeError):
        initiatives.edit_proposal(world.draft, initiatives.Proposal("Tuin", "x" * 4001, "Wij"))
    assert (hide.value.field_name, decline.value.field_name, comment.value.field_name) == ("reason", "reason", "body")
    assert str(hide.value) == SERVICE_TOO_LONG % 1000
    db.session.rollback()
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action.in_(["hidden", "decline"]))) == 0


def test_a_huge_form_without_files_is_refused_before_anything_reads_it(make_app):
    """CSRF protection is the first to read a form: the limit is already in place then."""
    guarded = make_app(WTF_CSRF_ENABLED=True)
    response = guarded.test_client().post("/account/login", data={"email": "a@example.org", "password": "x" * 600_000})
    assert response.status_code == 413 and "te groot" in response.text

"""Malformed input never gives a 500: every route, every method, garbage in every field."""
from __future__ import annotations

import itertools

import pytest
from flask_wtf import FlaskForm

GARBAGE_VALUES = ["", " ", "x" * 5000, "-1", "0", "99999999999999999999", "abc", "<script>alert(1)</script>",
                  "' OR 1=1 --", "\x00", "ü" * 300, "%(name)s", "{{ 7*7 }}", "../../etc/passwd", "1.5", "true"]


def _all_form_field_names() -> set[str]:
    names: set[str] = {"lang", "next"}
    pending = list(FlaskForm.__subclasses__())
    while pending:
        form_class = pending.pop()
        pending.extend(form_class.__subclasses__())
        names.update(name for name, _ in getattr(form_class, "_unbound_fields", None) or [])
        names.update(name for name in vars(form_class) if hasattr(vars(form_class)[name], "field_class"))
    return names


def _payloads(field_names: set[str]):
    yield {}
    for value in GARBAGE_VALUES:
        yield {name: value for name in field_names}
    yield {name: ["a", "b"] for name in field_names}  # a field sent twice


def _sample_urls(app, slug: str, real_ids: dict[str, int]):
    """Every route with real ids first (so the walk reaches deep code), then unknown ones."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        choices = []
        for argument in rule.arguments:
            converter = rule._converters[argument]
            if converter.__class__.__name__ == "IntegerConverter":
                choices.append([str(real_ids.get(argument, 1)), "999999"])
            elif converter.__class__.__name__ == "AnyConverter":
                choices.append(_any_options(rule.rule, argument))
            elif argument == "slug":
                choices.append([slug, "bestaat-niet"])
            else:
                choices.append(["garbage", "x" * 300])
        for number, combination in enumerate(itertools.product(*choices) if choices else [()]):
            url = rule.rule
            for argument, value in zip(rule.arguments, combination, strict=True):
                url = url.replace(f"<{argument}>", value).replace(f"<int:{argument}>", value)
            url = _fill_any_converters(url, combination, rule)
            yield rule, url, number == 0


def _any_options(rule_text: str, argument: str) -> list[str]:
    import re

    found = re.search(r"<any\(([^)]*)\):" + argument + ">", rule_text)
    return [option.strip() for option in found.group(1).split(",")] if found else ["x"]


def _fill_any_converters(url: str, combination, rule) -> str:
    import re

    for argument, value in zip(rule.arguments, combination, strict=True):
        url = re.sub(r"<any\([^)]*\):" + argument + ">", value, url)
    return url


def _real_ids(neighbourhood, coordinator, make_user) -> dict[str, int]:
    from datetime import time, timedelta

    from community.agenda import recurrence
    from community.agenda import services as agenda
    from community.agenda.models import Occurrence
    from community.extensions import db
    from community.initiatives import services as initiatives

    activity = agenda.create_activity(neighbourhood, agenda.ActivityDetails(
        title="Koffie", description="", kind="coffee", room_id=neighbourhood.house.rooms[0].id, organiser_id=None,
        cost_cents=0, needs_signup=True, capacity=2, languages=["nl"],
        first_date=recurrence.local_today() + timedelta(days=1), start_time=time(10), duration_minutes=60,
        pattern="weekly"))
    occurrence = db.session.query(Occurrence).filter_by(activity_id=activity.id).order_by(Occurrence.starts_at).first()
    sign_up = agenda.sign_up_for_occurrence(occurrence.id, make_user(neighbourhood=neighbourhood).id)
    proposer = make_user(neighbourhood=neighbourhood)
    initiative = initiatives.start_draft(neighbourhood, proposer, initiatives.Proposal("Tuin", "Bakken", "Tuinieren"))
    need = initiatives.add_need(initiative, "hands", "Handen", 2, None)
    initiatives.transition(initiative, "submit", proposer)
    initiatives.transition(initiative, "publish", coordinator)
    task, shift, offer, helper = _volunteering_ids(neighbourhood, proposer, make_user)
    return {"room_id": neighbourhood.house.rooms[0].id, "membership_id": coordinator.memberships[-1].id,
            "occurrence_id": occurrence.id, "activity_id": activity.id, "sign_up_id": sign_up.id,
            "initiative_id": initiative.id, "need_id": need.id, "target_id": initiative.id,
            "task_id": task.id, "shift_id": shift.id, "user_id": helper.id, "volunteer_id": offer.id}


def _volunteering_ids(neighbourhood, asker, make_user):
    """A resident's request with an offer, so the walk reaches offers, places and invitations."""
    from datetime import time, timedelta

    from community.agenda import recurrence
    from community.volunteering import services as volunteering
    from community.volunteering.models import Origin

    task = volunteering.post_task(neighbourhood, volunteering.TaskDetails(
        "Boodschappen", "", ["visiting"], 1, "Noord", recurrence.local_today() + timedelta(days=2), time(10), 60,
        private_place="Lindelaan 7"), posted_by=asker, origin=Origin.REQUEST)
    shift = volunteering.coming_shifts(task, 1)[0]
    helper = make_user(neighbourhood=neighbourhood)
    offer = volunteering.volunteer_for_shift(shift.id, helper.id)
    return task, shift, offer, helper


@pytest.mark.parametrize("who", ["anonymous", "resident", "coordinator", "admin"])
@pytest.mark.parametrize("csrf", [False, True])
def test_no_route_answers_500(app, client, login_as, make_user, make_neighbourhood, who, csrf):
    app.config["PROPAGATE_TEST_ERRORS"] = True  # a crash fails the test with its traceback
    neighbourhood = make_neighbourhood(slug="fuzz")
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    real_ids = _real_ids(neighbourhood, coordinator, make_user)
    if who == "resident":
        login_as(make_user(neighbourhood=neighbourhood))
    elif who == "coordinator":
        login_as(coordinator)
    elif who == "admin":
        login_as(make_user(neighbourhood=neighbourhood, is_admin=True))
    app.config["WTF_CSRF_ENABLED"] = csrf
    fields = _all_form_field_names()
    checked = 0
    for rule, url, with_real_ids in _sample_urls(app, "fuzz", real_ids):
        if "logout" in url:
            continue  # would end the session the rest of the walk needs
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers, query_string={"next": "//evil", "lang": "\x00"})
            assert response.status_code < 500, (url, response.status_code)
        # Without a CSRF token every POST is refused early, and unknown ids end in a 404:
        # the full set of payloads goes to the real objects only.
        payloads = list(_payloads(fields))[: 2 if csrf or not with_real_ids else None]
        for number, payload in enumerate(payloads):
            headers = {"HX-Request": "true"} if number % 2 else {}
            response = client.post(url, data=payload, headers=headers)
            assert response.status_code < 500, (url, payload and next(iter(payload.values())), response.status_code)
            checked += 1
    assert checked > 20

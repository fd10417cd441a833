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


def _sample_urls(app, slug: str, ids: list[int]):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        choices = []
        for argument in rule.arguments:
            converter = rule._converters[argument].__class__.__name__
            if converter == "IntegerConverter":
                choices.append([str(i) for i in ids] + ["999999"])
            elif argument == "slug":
                choices.append([slug, "bestaat-niet"])
            else:
                choices.append(["garbage", "x" * 300])
        for combination in itertools.product(*choices) if choices else [()]:
            url = rule.rule
            for argument, value in zip(rule.arguments, combination, strict=True):
                url = url.replace(f"<{argument}>", value).replace(f"<int:{argument}>", value)
            yield rule, url


@pytest.mark.parametrize("who", ["anonymous", "resident", "coordinator", "admin"])
@pytest.mark.parametrize("csrf", [False, True])
def test_no_route_answers_500(app, client, login_as, make_user, make_neighbourhood, who, csrf):
    app.config["PROPAGATE_TEST_ERRORS"] = True  # a crash fails the test with its traceback
    neighbourhood = make_neighbourhood(slug="fuzz")
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    ids = [neighbourhood.house.rooms[0].id, coordinator.memberships[-1].id]
    if who == "resident":
        login_as(make_user(neighbourhood=neighbourhood))
    elif who == "coordinator":
        login_as(coordinator)
    elif who == "admin":
        login_as(make_user(neighbourhood=neighbourhood, is_admin=True))
    app.config["WTF_CSRF_ENABLED"] = csrf
    fields = _all_form_field_names()
    checked = 0
    for rule, url in _sample_urls(app, "fuzz", ids):
        if "logout" in url:
            continue  # would end the session the rest of the walk needs
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers, query_string={"next": "//evil", "lang": "\x00"})
            assert response.status_code < 500, (url, response.status_code)
        # Without a CSRF token every POST is refused early: two payloads are enough there.
        payloads = list(_payloads(fields))[: 2 if csrf else None]
        for number, payload in enumerate(payloads):
            headers = {"HX-Request": "true"} if number % 2 else {}
            response = client.post(url, data=payload, headers=headers)
            assert response.status_code < 500, (url, payload and next(iter(payload.values())), response.status_code)
            checked += 1
    assert checked > 20

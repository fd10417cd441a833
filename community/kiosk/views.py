"""The screen itself: its page, its deck (polled), and the short links and QR codes on it."""
from __future__ import annotations

import re

from flask import Response, redirect, render_template, request, url_for

from community.db import utcnow
from community.errors import NotFound
from community.extensions import db
from community.kiosk import bp
from community.kiosk import services as screens
from community.kiosk.deck import rendered_deck
from community.neighbourhoods.models import Neighbourhood
from community.qr import qr_svg
from community.web import absolute_url

SHORT = re.compile(r"^([atic])(\d{1,10})$")
ONE_DAY = 86400
POLL_SECONDS = 60  # a screen asks for its deck once a minute


def _screen_and_neighbourhood(token: str):
    screen = screens.screen_for_token(token)
    return screen, db.session.get(Neighbourhood, screen.neighbourhood_id)


@bp.route("/kiosk/<token>")
def screen(token: str):
    """The page a screen opens once and keeps open for weeks."""
    item, neighbourhood = _screen_and_neighbourhood(token)
    deck = rendered_deck(item, neighbourhood, utcnow())
    pace = request.args.get("pace", type=float)  # tests run the screen faster: rotation and polling
    pace = min(max(pace, 0.001), 1.0) if pace and pace == pace else 1.0
    response = Response(render_template("kiosk/screen.html", screen=item, neighbourhood=neighbourhood, deck=deck,
                                        pace=pace, poll_seconds=max(1, round(POLL_SECONDS * pace))))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/kiosk/<token>/deck")
def deck(token: str):
    """What the screen shows now; an unchanged deck answers 304 Not Modified. An address that is no
    longer a screen's answers a bare 404 (no error page to swap in): the screen then shows a neutral picture."""
    try:
        item, neighbourhood = _screen_and_neighbourhood(token)
    except NotFound:
        return Response(status=404, headers={"Cache-Control": "no-store"})
    found = rendered_deck(item, neighbourhood, utcnow())
    screens.check_in(item)  # last: its commit would make the objects above load again
    response = Response(found.html)
    response.set_etag(found.version)
    response.headers["Cache-Control"] = "no-cache, private"
    response.vary.add("HX-Request")
    return response.make_conditional(request)


def _target(kind: str, number: int) -> str:
    """Where a short link leads: a date in the agenda, a task, an initiative, a card."""
    from community.agenda.models import Occurrence
    from community.initiatives.models import Initiative
    from community.volunteering.models import Task

    models = {"a": (Occurrence, "agenda.occurrence", "occurrence_id"), "t": (Task, "volunteering.task", "task_id"),
              "i": (Initiative, "initiatives.detail", "initiative_id")}
    if kind == "c":
        from community.cards.today import short_link_target

        return short_link_target(number)
    if kind not in models:
        raise NotFound()
    model, endpoint, argument = models[kind]
    row = db.session.get(model, number)
    if row is None:
        raise NotFound()
    slug = db.session.get(Neighbourhood, row.neighbourhood_id).slug
    return url_for(endpoint, slug=slug, **{argument: number})


def _short(code: str) -> tuple[str, int]:
    found = SHORT.match(code.lower())
    if found is None:
        raise NotFound()
    return found.group(1), int(found.group(2))


@bp.route("/k/<short>")
def short_link(short: str):
    """A short address to type from the screen (buurt.example/k/a123), for people who cannot scan."""
    return redirect(_target(*_short(short)), code=302)


@bp.route("/k/<short>/qr.svg")
def short_link_qr(short: str):
    kind, number = _short(short)
    _target(kind, number)  # only for what exists
    response = Response(qr_svg(absolute_url("kiosk.short_link", short=f"{kind}{number}")), mimetype="image/svg+xml")
    response.cache_control.public = True
    response.cache_control.max_age = ONE_DAY
    return response

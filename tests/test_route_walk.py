"""Every route × every role × own/other object: the right answer, and no private text.

The world (tests/walk_world.py) holds two neighbourhoods with the same things in each and private
texts as markers, each with the roles that may see it. The walk GETs every route (page and htmx
fragment) as every role, for the objects of both neighbourhoods, and asserts that no answer shows
a marker the role may not see and that the status makes sense. It POSTs every state-changing
route as every role that must be refused, and asserts a refusal and an unchanged database.

ROUTES says who may use each endpoint. It restates the product rules of community/permissions.py
(RULES) per route, in roles relative to the object's neighbourhood; a string names an audience
the world wrote down per object (who may view this initiative, who runs this task, …). A route
that is in no row fails the walk: a new route needs a row.
"""
from __future__ import annotations

import time as clock
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from flask import url_for

from community.extensions import db
from tests.conftest import PASSWORD
from tests.walk_world import (ADMIN, COORDINATORS, EVERYONE, LOGGED_IN, MEMBERS, RESIDENTS, ROLES, World, WalkObject,
                              build_world, database_digest, relative_role, tiny_png)

Access = frozenset | str | None  # roles, or the name of an object's audience, or: not served


@dataclass(frozen=True)
class Route:
    get: Access = None
    post: Access = None
    data: dict | Callable[[World], dict] = field(default_factory=dict)  # plausible form data for the POST
    get_statuses: frozenset[int] = frozenset({200, 302, 303})      # what an allowed GET answers


def _in_days(days: int) -> str:
    from community import recurrence

    return (recurrence.local_today() + timedelta(days=days)).isoformat()


def _activity_form(_world: World) -> dict:
    return {"title": "Nieuwe koffie", "kind": "coffee", "first_date": _in_days(3), "start_time": "14:00",
            "duration_minutes": "60", "pattern": "once", "languages": "nl", "room_id": "", "organiser_id": ""}


def _task_form(_world: World) -> dict:
    return {"title": "Nieuwe taak", "people_needed": "1", "first_date": _in_days(3), "start_time": "14:00",
            "duration_minutes": "60", "pattern": "once", "private_place": "Ergens"}


HOUSE = {"house_name": "Ander huis", "street_address": "Kerkstraat 2", "postcode": "5341 AB", "house_city": "Oss",
         "phone": "", "mo_opens_1": "09:00", "mo_closes_1": "17:00", "opening_note": "Soms langer"}
PROPOSAL = {"title": "Nieuw plan", "want": "Iets moois", "can_do": "Veel"}

ROUTES: dict[str, Route] = {
    # The front door and accounts: for everyone, or for whoever is logged in (edit_profile: yourself).
    "site.index": Route(get=EVERYONE),
    "site.language": Route(get=EVERYONE, post=EVERYONE),
    "site.health": Route(get=EVERYONE),
    "site.robots": Route(get=EVERYONE),
    "site.favicon": Route(get=EVERYONE),
    "site.touch_icon": Route(get=EVERYONE),
    "site.manifest": Route(get=EVERYONE),
    "images.serve_image": Route(get=EVERYONE, get_statuses=frozenset({404})),  # the walk has no real image
    "calendar.private_feed": Route(get=EVERYONE),  # the token is the key; whoever holds it may read
    "accounts.signup": Route(get=EVERYONE, post=EVERYONE),
    "accounts.confirm": Route(get=EVERYONE, get_statuses=frozenset({400})),  # not a confirmation token
    "accounts.login": Route(get=EVERYONE, post=EVERYONE),
    "accounts.logout": Route(post=EVERYONE),
    "accounts.reset_request": Route(get=EVERYONE, post=EVERYONE),
    "accounts.reset_password": Route(get=EVERYONE, post=EVERYONE, get_statuses=frozenset({400})),
    "accounts.profile": Route(get=LOGGED_IN, post=LOGGED_IN, data={"display_name": "Andere naam", "locale": "en"}),
    "accounts.change_password": Route(post=LOGGED_IN, data={"current_password": PASSWORD,
                                                            "new_password": "een heel ander lang wachtwoord"}),
    # administer_instance, create_neighbourhood, assign_roles
    "admin.index": Route(get=ADMIN, post=ADMIN, data={**HOUSE, "name": "Nieuwe buurt", "city": "Oss", "slug": "nieuw"}),
    "admin.roles": Route(get=ADMIN, post=ADMIN, data=lambda world: {"email": world.users["member"].email,
                                                                     "role": "coordinator"}),
    "admin.revoke_role": Route(post=ADMIN),
    # Neighbourhoods: view_neighbourhood, join_neighbourhood, view_coordinator_area, edit_neighbourhood, manage_rooms
    "neighbourhoods.home": Route(get=EVERYONE),
    "neighbourhoods.join": Route(post=frozenset({"non_member", "coordinator_elsewhere", "admin"})),
    "neighbourhoods.coordinator_area": Route(get=COORDINATORS),
    "neighbourhoods.members": Route(get=COORDINATORS),          # view_members
    "neighbourhoods.confirm_member": Route(post=COORDINATORS),  # confirm_member
    "neighbourhoods.edit_house": Route(get=COORDINATORS, post=COORDINATORS, data=HOUSE),
    "neighbourhoods.rooms": Route(get=COORDINATORS, post=COORDINATORS, data={"name": "Kleine zaal", "capacity": "8"}),
    "neighbourhoods.edit_room": Route(get=COORDINATORS, post=COORDINATORS, data={"name": "Andere zaal", "capacity": "9"}),
    "neighbourhoods.delete_room": Route(post=COORDINATORS),
    # Agenda: public reading; sign_up (anyone logged in); manage_agenda; edit_activity, manage_occurrence and
    # view_participants for whoever runs the activity.
    "agenda.week": Route(get=EVERYONE),
    "agenda.occurrence": Route(get=EVERYONE),
    "agenda.series": Route(get=EVERYONE),
    "agenda.series_ics": Route(get=EVERYONE),
    "agenda.occurrence_ics": Route(get=EVERYONE),
    "agenda.neighbourhood_feed": Route(get=EVERYONE),
    "agenda.poster": Route(get=EVERYONE),
    "agenda.month": Route(get=EVERYONE),
    "agenda.qr_code": Route(get=EVERYONE),
    "agenda.mine": Route(get=LOGGED_IN),
    "agenda.renew_feed": Route(post=LOGGED_IN),
    "agenda.sign_up": Route(post=LOGGED_IN),
    "agenda.cancel_sign_up": Route(post=LOGGED_IN),
    "agenda.join_series": Route(post=LOGGED_IN),
    "agenda.leave_series": Route(post=LOGGED_IN),
    "agenda.new_activity": Route(get=COORDINATORS, post=COORDINATORS, data=_activity_form),
    "agenda.edit_activity": Route(get="runners", post="runners", data=_activity_form),
    "agenda.toggle_pause": Route(post="runners"),
    "agenda.change_occurrence": Route(get="runners", post="runners", data=lambda _world: {
        "date": _in_days(4), "start_time": "15:00", "duration_minutes": "60", "room_id": "", "note": "Later"}),
    "agenda.cancel_occurrence": Route(post="runners", data={"reason": "Vakantie"}),
    "agenda.restore_occurrence": Route(post="runners"),
    "agenda.participants": Route(get="runners"),
    "agenda.participants_csv": Route(get="runners"),
    "agenda.attendance": Route(post="runners", data={"attended": "1"}),
    # Initiatives: view_initiative, propose_initiative, edit_initiative, run_initiative, moderate, report_*.
    "initiatives.index": Route(get=EVERYONE),
    "initiatives.counts": Route(get=EVERYONE),
    "initiatives.detail": Route(get="viewers"),
    "initiatives.new": Route(get=RESIDENTS | ADMIN, post=RESIDENTS | ADMIN, data=PROPOSAL),
    "initiatives.edit": Route(get="editors", post="editors", data=PROPOSAL),
    "initiatives.needs": Route(get="editors", post="editors", data={"kind": "hands", "description": "Meer handen",
                                                                   "people": "2"}),
    "initiatives.delete_need": Route(post="editors"),
    "initiatives.photo": Route(post="editors", data=lambda _world: {"photo": (tiny_png(), "foto.png")}),
    "initiatives.submit": Route(post="editors"),
    "initiatives.support": Route(post="logged_in_viewers"),
    "initiatives.join": Route(post="logged_in_viewers", data={"message": "Ik kom helpen", "need_id": ""}),
    "initiatives.add_post": Route(post="logged_in_viewers", data={"body": "Een reactie", "kind": "comment"}),
    "initiatives.need_met": Route(post="runners", data={"met": "1"}),
    "initiatives.finish": Route(post="runners", data={"action": "finish", "reason": "Gelukt"}),
    "initiatives.review": Route(get=COORDINATORS),
    "initiatives.review_preference": Route(post=COORDINATORS, data={"daily": "y"}),
    "initiatives.moderate": Route(post=COORDINATORS, data={"action": "publish", "reason": "Mooi"}),
    "initiatives.report": Route(get="reporters", post="reporters", data={"reason": "Dit klopt niet"}),
    # Moderation: moderate
    "moderation.reports": Route(get=COORDINATORS),
    "moderation.decide": Route(post=COORDINATORS, data={"decision": "hide", "reason": "Hoort hier niet"}),
    "moderation.audit": Route(get=COORDINATORS),
    # Talents: public counts and map; keep_talent_profile, view_talent_people, manage_assets
    "talents.overview": Route(get=EVERYONE),
    "talents.map_page": Route(get=EVERYONE),
    "talents.profile": Route(get=RESIDENTS, post=RESIDENTS, data={"skills": "sewing", "own_words": "Naaien",
                                                              "visibility": "neighbourhood"}),
    "talents.skill": Route(get=MEMBERS | ADMIN),  # view_talent_people: confirmed members and coordinators
    "talents.manage_assets": Route(get=COORDINATORS, post=COORDINATORS, data={"kind": "borrow", "name": "Ladder"}),
    "talents.delete_asset": Route(post=COORDINATORS),
    "talents.map_background": Route(get=COORDINATORS, post=COORDINATORS, data={  # place_map_background
        "first_x": "10", "first_y": "10", "first_latitude": "51.76", "first_longitude": "5.53",
        "second_x": "50", "second_y": "40", "second_latitude": "51.761", "second_longitude": "5.535"}),
    "talents.map_background_image": Route(post=COORDINATORS, data=lambda _world: {"image": (tiny_png(), "plan.png")}),
    "talents.remove_map_background": Route(post=COORDINATORS),
    # Volunteering: public tasks; volunteer; post_task; ask_for_help; run_task; invite_volunteers
    "volunteering.index": Route(get=EVERYONE),
    "volunteering.counts": Route(get=EVERYONE),
    "volunteering.task": Route(get=EVERYONE),
    "volunteering.mine": Route(get=LOGGED_IN),
    "volunteering.sign_up": Route(post="volunteers"),
    "volunteering.withdraw": Route(post=LOGGED_IN),
    "volunteering.every_time": Route(post="volunteers", data={"join": "1"}),
    "volunteering.new": Route(get=COORDINATORS, post=COORDINATORS, data=_task_form),
    "volunteering.ask": Route(get=RESIDENTS, post=RESIDENTS, data=_task_form),
    "volunteering.edit": Route(get="runners", post="runners", data={"title": "Andere titel", "people_needed": "3"}),
    "volunteering.close": Route(post="runners", data={"reason": "Klaar"}),
    "volunteering.volunteers": Route(get="runners"),
    "volunteering.answer_offer": Route(post="runners", data={"accept": "0"}),
    "volunteering.absent": Route(post="runners", data={"was_there": "0"}),
    "volunteering.cancel_shift": Route(post="runners", data={"reason": "Het huis is dicht"}),
    "volunteering.suggestions": Route(get=COORDINATORS),
    "volunteering.invite": Route(post=COORDINATORS),
    # Lief-en-leedpot: view_pot is public; open_pot and manage_pot for coordinators; keep_pot_books for the
    # gangmakers; see_pot_privately (and close_pot_year) for them and the coordinators; a second person approves,
    # confirms and acknowledges.
    # The kiosk: the screen's secret address is its key (like a private calendar feed); it shows only what
    # every neighbour may see. manage_screens: the coordinators.
    "kiosk.screen": Route(get=EVERYONE),
    "kiosk.deck": Route(get=EVERYONE),
    "kiosk.short_link": Route(get=EVERYONE),
    "kiosk.short_link_qr": Route(get=EVERYONE),
    "kiosk.screens_page": Route(get=COORDINATORS, post=COORDINATORS, data={"name": "Bieb", "slides": "today",
                                                                           "languages": "nl"}),
    "kiosk.edit_screen": Route(get="managers", post="managers", data={"name": "Bieb", "slides": "today",
                                                                      "languages": "nl"}),
    "kiosk.screen_step": Route(post="managers"),
    # Tellen en vertellen: view_numbers is public; write_story for residents; view_story: published ones for
    # everyone, a waiting one for its writer and the coordinators; review_story*, make_annual_report: the
    # coordinators; view_city: the admin.
    "numbers.page": Route(get=EVERYONE),
    "numbers.annual_report": Route(get=COORDINATORS, post=COORDINATORS, data={"text": "Een goed jaar"}),
    "numbers.figures_csv": Route(get=COORDINATORS),
    "city.city": Route(get=ADMIN),
    "city.this_year": Route(get=ADMIN),
    "stories.index": Route(get=EVERYONE),
    "stories.write": Route(get=RESIDENTS | ADMIN, post=RESIDENTS | ADMIN, data={
        "title": "Mijn verhaal", "body": "Het was fijn.", "subject": "other", "may_show_publicly": "y"}),
    "stories.story": Route(get="viewers"),
    "stories.review": Route(get=COORDINATORS),
    "stories.publish": Route(post=COORDINATORS),
    "stories.decline": Route(post=COORDINATORS, data={"reason": "Liever niet"}),
    "stories.withdraw": Route(post="writers"),
    "stories.how_was_it": Route(post=frozenset()),   # answer_wellbeing: who came to a date that ended (none in the walk)
    "pot.index": Route(get=EVERYONE),
    "pot.page": Route(get=EVERYONE),
    "pot.epc_code": Route(get=EVERYONE),
    "pot.new_pot": Route(get=COORDINATORS, post=COORDINATORS, data=lambda world: {
        "name": "Nieuwe pot", "gangmakers": str(world.users["member"].id), "threshold": "25"}),
    "pot.settings": Route(get=COORDINATORS, post=COORDINATORS, data=lambda world: {
        "name": "Andere naam", "gangmakers": str(world.users["member"].id), "threshold": "25"}),
    "pot.nominate": Route(get="nominators", post="nominators", data={"text": "Nr. 3 is jarig"}),
    "pot.books": Route(get="privately"),
    "pot.books_csv": Route(get="privately"),
    "pot.journal": Route(get="privately"),
    "pot.year_report": Route(get="privately", post="privately"),
    "pot.new_gift": Route(get="keepers", post="keepers", data=lambda _world: {
        "submission": "a" * 32, "amount": "5", "source": "neighbour", "method": "cash", "occurred_on": _in_days(0)}),
    "pot.new_payout": Route(get="keepers", post="keepers", data=lambda _world: {
        "submission": "b" * 32, "amount": "5", "occasion": "welcome", "paid_from": "bank", "what": "Bloemen",
        "no_receipt_reason": "geen", "occurred_on": _in_days(0)}),
    "pot.payout": Route(get="privately", post="approvers", data={"reason": "Te duur"}),
    "pot.approve_payout": Route(post="approvers"),
    "pot.receipt": Route(get="privately", get_statuses=frozenset({404})),  # the walk's payout has no receipt
    "pot.reimburse": Route(get="keepers", post="keepers", data={"amount": "1"}),
    "pot.new_handover": Route(get="keepers", post="keepers", data={"amount": "1"}),
    "pot.decide_handover": Route(post="confirmers"),
    "pot.count": Route(get="keepers", post="keepers", data={"counted": "1"}),
    "pot.acknowledge_count": Route(post="acknowledgers"),
    "pot.reverse": Route(get="keepers", post="keepers", data={"reason": "Vergissing"}),
    "pot.answer_nomination": Route(post="keepers"),
    # Buurtplaatjes: the album is public, a card only with consent for the album (view_card: else its maker and,
    # while it is in the edition, the coordinators); the maker keeps their own card and its consents (own_card,
    # change_card); coordinators run editions, review and print (manage_cards, review_card).
    "cards.index": Route(get=EVERYONE),
    "cards.edition": Route(get=EVERYONE),
    "cards.category": Route(get=EVERYONE),
    "cards.card_page": Route(get="viewers"),
    "cards.by_code": Route(get="viewers"),
    "cards.photo": Route(get="photo_viewers"),
    "cards.volunteer": Route(get="makers", post="makers", data={"display_name": "Fatma", "line": "Zingt"}),
    "cards.mine": Route(get=LOGGED_IN),
    "cards.change": Route(get="changers", post="changers", data={"display_name": "Fatma", "line": "Zingt"}),
    "cards.revoke": Route(post="owners"),
    "cards.grant": Route(post="owners"),
    "cards.withdraw": Route(post="owners"),
    "cards.manage": Route(get=COORDINATORS, post=COORDINATORS, data={"name": "Nieuwe reeks", "card_count": "9"}),
    "cards.manage_edition": Route(get=COORDINATORS, post=COORDINATORS, data={"name": "Reeks", "card_count": "9"}),
    "cards.add_category": Route(post=COORDINATORS, data={"title": "Mensen die lachen", "locale": "nl"}),
    "cards.edit_category": Route(get=COORDINATORS, post=COORDINATORS, data={"title": "Mensen die lachen",
                                                                             "locale": "nl"}),
    "cards.move_category": Route(post=COORDINATORS),
    "cards.link_event": Route(post=COORDINATORS, data={"activity_id": "1", "kind": "story_evening"}),
    "cards.unlink_event": Route(post=COORDINATORS),
    "cards.review_list": Route(get=COORDINATORS),
    "cards.review": Route(get="reviewers", post="reviewers", data={"action": "publish"}),
    "cards.print_sheets": Route(get=COORDINATORS),
    "cards.print_pdf": Route(get=COORDINATORS),
    # Buurtplaatjes albums: collect_cards (residents); keep_album (its keeper); take_part_in_swap (both keepers);
    # confirm_swap (the other keeper); show_swap_code (the proposer); record_packs (coordinators).
    "collecting.index": Route(get=RESIDENTS, post=RESIDENTS, data={"collector_name": "Nieuw album"}),
    "collecting.scan": Route(get=RESIDENTS),
    "collecting.album": Route(get="keepers"),
    "collecting.add_card": Route(post="keepers", data={"code": "ABCDEFG"}),
    "collecting.swapping": Route(post="keepers", data={"is_swapping": "y"}),
    "collecting.swap_page": Route(get="keepers", post="keepers", data={"partner": "1", "occurrence": "1"}),
    "collecting.swap": Route(get="swappers"),
    "collecting.swap_qr": Route(get="showers"),
    "collecting.confirm": Route(post="confirmers", data={"code": "AAAAAA"}),
    "collecting.cancel": Route(post="swappers"),
    "collecting.count_packs": Route(get=COORDINATORS, post=COORDINATORS, data=lambda _world: {
        "place_kind": "shop", "place_name": "Bakker", "handed_out_on": _in_days(0), "packs": "5"}),
    # Privacy: delete_account (one's own: the route takes no other person); view_deletion_counts (the admin).
    "privacy.delete_account": Route(get=LOGGED_IN, post=LOGGED_IN),
    "privacy.deletion_counts": Route(get=ADMIN),
    # Privacy: one's own data page and download area; consents and exports are their owner's alone (others: 404).
    "privacy.data_page": Route(get=LOGGED_IN),
    "privacy.downloads": Route(get=LOGGED_IN),
    "privacy.make_export": Route(post=LOGGED_IN),
    "privacy.download": Route(get="owners"),
    "privacy.revoke_talent_visibility": Route(post="owners"),
    "privacy.revoke_card_scope": Route(post="owners"),
    "privacy.revoke_swapping": Route(post="owners"),
    "privacy.revoke_story": Route(post="writers"),
    "privacy.revoke_initiative_news": Route(post="owners"),
    # Search: anyone; what it finds follows the pages' rules (the world searches for every marker).
    "search.results": Route(get=EVERYONE),
}

def _allowed(access: Access, role: str, item: WalkObject) -> bool:
    roles = item.audience[access] if isinstance(access, str) else access
    return relative_role(role, item.neighbourhood) in roles


def _walkable_rules(app):
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]
    return sorted(rules, key=lambda rule: rule.rule)


def _objects_for(world: World, rule) -> list[WalkObject]:
    return [item for item in world.objects if item.fits(rule.endpoint, set(rule.arguments))]


def _url(rule, item: WalkObject) -> str:
    return url_for(rule.endpoint, **{name: item.values[name] for name in rule.arguments}, **item.values.get("query", {}))


def _text_of(response) -> str:
    """What a person (or their browser) gets: the headers and any text body; folded calendar
    lines unfolded, so a marker split over two lines is still found."""
    headers = "\n".join(f"{key}: {value}" for key, value in response.headers.items())
    if response.mimetype.startswith("image/") and response.mimetype != "image/svg+xml":
        return headers
    if response.mimetype == "application/pdf":  # bytes; names in it are glyph ids (tests/cards checks what goes in)
        return headers + "\n" + response.get_data().decode("latin-1")
    if response.mimetype == "application/zip":  # compressed: its contents are tested in tests/privacy
        return headers
    body = response.get_data(as_text=True).replace("\r\n ", "").replace("\n ", "")
    return headers + "\n" + body


def _is_login_redirect(response) -> bool:
    return response.status_code in (302, 303) and "/account/login" in response.headers.get("Location", "")


class Walk:
    """Logs in as each role, sends requests, and collects every problem (the walk goes on)."""

    def __init__(self, app, client, login_as, world: World):
        self.app, self.client, self.login_as, self.world = app, client, login_as, world
        self.problems: list[str] = []
        self.seen: set[str] = set()
        self.requests = 0

    def become(self, role: str) -> None:
        if role == "anonymous":
            with self.client.session_transaction() as session:
                session.clear()
        else:
            self.login_as(self.world.users[role])

    def send(self, role: str, method: str, url: str, **kwargs):
        self.requests += 1
        try:
            return getattr(self.client, method)(url, **kwargs)
        except Exception:  # noqa: BLE001 - a crash is a finding; the walk goes on
            db.session.rollback()
            self.problems.append(f"500 {method.upper()} {url} as {role}:\n{traceback.format_exc(limit=-3)}")
            return None

    def look_for_markers(self, role: str, what: str, response) -> None:
        text = _text_of(response)
        for marker in self.world.markers:
            if marker.text not in text:
                continue
            if marker.may_be_seen_by(role):
                self.seen.add(marker.text)
            else:
                self.problems.append(f"LEAK {what} as {role}: shows {marker.what} ({marker.text})")

    def check_get_status(self, role: str, what: str, response, route: Route, allowed: bool) -> None:
        status = response.status_code
        if allowed:
            if status not in route.get_statuses or (role != "anonymous" and _is_login_redirect(response)):
                self.problems.append(f"WRONG STATUS {what} as {role}: {status} for someone who may "
                                     f"(expected {sorted(route.get_statuses)})")
        elif role == "anonymous":
            if not _is_login_redirect(response):
                self.problems.append(f"WRONG STATUS {what} as anonymous: {status}, expected a redirect to log in")
        elif status not in (403, 404):
            self.problems.append(f"WRONG STATUS {what} as {role}: {status}, expected 403 or 404")

    def check_refused_post(self, role: str, what: str, response, before: str) -> str:
        status = response.status_code
        if not (status in (401, 403, 404, 405) or _is_login_redirect(response)):
            self.problems.append(f"NOT REFUSED {what} as {role}: {status} {response.headers.get('Location', '')}")
        after = database_digest(db)
        if after != before:
            self.problems.append(f"CHANGED THE DATABASE {what} as {role} (it must be refused)")
        return after


def _report(walk: Walk, started: float) -> str:
    seconds = clock.perf_counter() - started
    return f"{len(walk.problems)} problems in {walk.requests} requests ({seconds:.1f} s):\n" + "\n".join(walk.problems)


@pytest.fixture
def walk(app, client, login_as, make_user, make_neighbourhood):
    app.config["PROPAGATE_TEST_ERRORS"] = True
    return Walk(app, client, login_as, build_world(make_user, make_neighbourhood))


def test_every_route_has_a_row():
    from community import create_app
    from community.config import TestConfig

    app = create_app({key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
                     | {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    endpoints = {rule.endpoint for rule in _walkable_rules(app)}
    assert endpoints - set(ROUTES) == set(), "a new route needs a row in ROUTES"
    assert set(ROUTES) - endpoints == set(), "ROUTES names a route that is gone"
    for rule in _walkable_rules(app):
        route = ROUTES[rule.endpoint]
        assert ("GET" in rule.methods) == (route.get is not None), f"{rule.endpoint}: GET in the row and the app differ"
        assert ("POST" in rule.methods) == (route.post is not None), f"{rule.endpoint}: POST in the row and the app differ"


def walk_pages(walk: Walk, rules) -> None:
    """GET each rule as every role, page and fragment, for every object it takes."""
    for rule in rules:
        if not _objects_for(walk.world, rule):
            walk.problems.append(f"NO OBJECT in the walk's world for {rule.rule}")
    before = database_digest(db)
    for role in ROLES:
        walk.become(role)
        for rule in rules:
            route = ROUTES[rule.endpoint]
            for item in _objects_for(walk.world, rule):
                url = _url(rule, item)
                for headers in ({}, {"HX-Request": "true"}):
                    what = f"GET {url}{' (htmx)' if headers else ''} [{item.label}]"
                    response = walk.send(role, "get", url, headers=headers)
                    if response is None:
                        continue
                    walk.look_for_markers(role, what, response)
                    walk.check_get_status(role, what, response, route, _allowed(route.get, role, item))
    if database_digest(db) != before:
        walk.problems.append("a GET changed the database")


def walk_refused_posts(walk: Walk, rules) -> None:
    """POST each rule as every role that must be refused, for every object it takes."""
    for role in ROLES:
        walk.become(role)
        before = database_digest(db)
        for rule in rules:
            route = ROUTES[rule.endpoint]
            for item in _objects_for(walk.world, rule):
                if _allowed(route.post, role, item):
                    continue
                url = _url(rule, item)
                data = route.data(walk.world) if callable(route.data) else dict(route.data)
                response = walk.send(role, "post", url, data=data)
                if response is None:
                    before = database_digest(db)
                    continue
                before = walk.check_refused_post(role, f"POST {url} [{item.label}]", response, before)


@pytest.mark.whole_app_walk
def test_every_page_as_every_role_shows_only_what_that_role_may_see(walk):
    started = clock.perf_counter()
    walk_pages(walk, [rule for rule in _walkable_rules(walk.app) if "GET" in rule.methods])
    for marker in walk.world.markers:
        if marker.viewers and marker.text not in walk.seen:
            walk.problems.append(f"NEVER SHOWN {marker.what} ({marker.text}): the walk proves nothing about it")
    assert not walk.problems, _report(walk, started)


@pytest.mark.whole_app_walk
def test_every_refused_post_is_refused_and_changes_nothing(walk):
    started = clock.perf_counter()
    walk_refused_posts(walk, [rule for rule in _walkable_rules(walk.app) if "POST" in rule.methods])
    assert not walk.problems, _report(walk, started)


def test_the_walk_finds_a_planted_leak(walk, monkeypatch):
    """The walk can fail: let anyone report anything (the old report page) and it sees the leak,
    the wrong answers and the reports written."""
    from community import permissions

    monkeypatch.setitem(permissions.RULES, "view_initiative", lambda user, initiative: True)
    monkeypatch.setitem(permissions.RULES, "view_post", lambda user, post: True)
    monkeypatch.setitem(permissions.RULES, "report_initiative", lambda user, initiative: True)
    monkeypatch.setitem(permissions.RULES, "report_post", lambda user, post: True)
    rules = [rule for rule in _walkable_rules(walk.app) if rule.endpoint == "initiatives.report"]
    walk_pages(walk, rules)
    walk_refused_posts(walk, rules)
    found = "\n".join(walk.problems)
    assert "LEAK GET http://localhost/eigen/initiatives/report/initiative/" in found
    assert "shows draft title" in found and "shows hidden post" in found
    assert "as non_member" in found and "as coordinator_elsewhere" in found
    assert "WRONG STATUS" in found and "NOT REFUSED POST" in found and "CHANGED THE DATABASE" in found

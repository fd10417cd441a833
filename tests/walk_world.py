"""The world the route walk visits: two neighbourhoods, the same things in each, and private
texts as unique markers, each with the roles that may see it by the product rules.

Roles are the walker's eight people (the newcomer joined neighbourhood A, but no coordinator has
confirmed yet that they live there). Expectations are written in *relative* roles: for an
object of neighbourhood A the roles are what they are; for one of neighbourhood B the member of
A is a non-member, the coordinator of B is "coordinator here", and so on (see `relative_role`).
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import time, timedelta

from sqlalchemy import select

ROLES = ("anonymous", "member", "newcomer", "non_member", "organiser", "coordinator", "coordinator_elsewhere", "admin")
EVERYONE = frozenset(ROLES)
LOGGED_IN = EVERYONE - {"anonymous"}
NOBODY: frozenset[str] = frozenset()
ADMIN = frozenset({"admin"})
COORDINATORS = frozenset({"coordinator", "admin"})                 # moderate, manage_*, view_coordinator_area
RUNNERS = frozenset({"organiser", "coordinator", "admin"})         # organiser/proposer/poster, coordinator, admin
MEMBERS = frozenset({"member", "organiser", "coordinator"})        # residents a coordinator confirmed
RESIDENTS = MEMBERS | {"newcomer"}                                  # everyone who joined the neighbourhood

# Who each walker role is for an object of neighbourhood B (for A, and for objects of no
# neighbourhood, every role is itself). Nobody of the walk organises anything in B.
IN_OTHER_NEIGHBOURHOOD = {"anonymous": "anonymous", "member": "non_member", "newcomer": "non_member", "non_member": "member",
                          "organiser": "non_member", "coordinator": "coordinator_elsewhere",
                          "coordinator_elsewhere": "coordinator", "admin": "admin"}


def relative_role(role: str, neighbourhood: str | None) -> str:
    return IN_OTHER_NEIGHBOURHOOD[role] if neighbourhood == "B" else role


@dataclass(frozen=True)
class Marker:
    """A private text; `viewers` are relative roles of `neighbourhood` (None: absolute roles)."""

    text: str
    what: str
    neighbourhood: str | None
    viewers: frozenset[str]

    def may_be_seen_by(self, role: str) -> bool:
        return relative_role(role, self.neighbourhood) in self.viewers


@dataclass
class WalkObject:
    """The URL values of one thing (`primary` names the argument it answers for) and who may do
    what with it, in relative roles: e.g. audience["viewers"], audience["runners"]."""

    label: str
    neighbourhood: str | None
    primary: str | None
    values: dict
    audience: dict[str, frozenset[str]] = field(default_factory=dict)
    endpoints: frozenset[str] | None = None  # only for these routes (None: every route it fits)

    def fits(self, endpoint: str, arguments: set[str]) -> bool:
        if self.endpoints is not None and endpoint not in self.endpoints:
            return False
        if not arguments:
            return self.primary is None
        return self.primary in arguments and arguments <= set(self.values)


@dataclass
class World:
    users: dict            # role -> User (anonymous: None)
    objects: list[WalkObject]
    markers: list[Marker]
    slugs: dict[str, str]  # "A"/"B" -> slug


def tiny_png() -> io.BytesIO:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 40, 40)).save(buffer, "PNG")
    buffer.seek(0)
    return buffer


class _Builder:
    def __init__(self, make_user, make_neighbourhood):
        self.make_user = make_user
        self.make_neighbourhood = make_neighbourhood
        self.markers: list[Marker] = []
        self.objects: list[WalkObject] = []
        self.count = 0

    def marker(self, what: str, neighbourhood: str | None, viewers) -> str:
        self.count += 1
        text_ = f"Qz{what.replace(' ', '')}{neighbourhood or ''}{self.count}zQ"
        self.markers.append(Marker(text_, what, neighbourhood, frozenset(viewers)))
        return text_

    def user(self, label: str, *, viewers_of_email, neighbourhood=None, role="resident", name=None, **kwargs):
        """A person whose email address is a marker (seen only by `viewers_of_email`)."""
        self.count += 1
        email = f"qzmail{label.replace('_', '')}{self.count}zq@example.org"
        self.markers.append(Marker(email, f"email of {label}", None, frozenset(viewers_of_email)))
        return self.make_user(neighbourhood=neighbourhood, role=role, email=email, name=name, **kwargs)

    def thing(self, label: str, neighbourhood: str | None, primary: str | None, values: dict, *, endpoints=None,
              **audience):
        self.objects.append(WalkObject(label, neighbourhood, primary, values,
                                       {key: frozenset(roles) for key, roles in audience.items()},
                                       frozenset(endpoints) if endpoints else None))


def build_world(make_user, make_neighbourhood) -> World:
    from community.agenda import services as agenda

    built = _Builder(make_user, make_neighbourhood)
    own, other = make_neighbourhood("Eigen buurt", slug="eigen"), make_neighbourhood("Andere buurt", slug="andere")
    users = {
        "anonymous": None,
        "member": built.user("member", neighbourhood=own, viewers_of_email={"member"}),
        "newcomer": built.user("newcomer", neighbourhood=own, viewers_of_email={"newcomer"}, member_confirmed=False),
        "non_member": built.user("non_member", neighbourhood=other, viewers_of_email={"non_member"}),
        "organiser": built.user("organiser", neighbourhood=own, viewers_of_email={"organiser"}),
        "coordinator": built.user("coordinator", neighbourhood=own, role="coordinator",
                                  viewers_of_email={"coordinator"}),
        "coordinator_elsewhere": built.user("coordinator_elsewhere", neighbourhood=other, role="coordinator",
                                            viewers_of_email={"coordinator_elsewhere"}),
        "admin": built.user("admin", role=None, is_admin=True, viewers_of_email={"admin"}),
    }
    for label, neighbourhood, coordinator, organiser, keeper in (
            ("A", own, users["coordinator"], users["organiser"], users["member"]),
            ("B", other, users["coordinator_elsewhere"], built.user("organiser_b", neighbourhood=other,
                                                                   viewers_of_email=NOBODY), users["non_member"])):
        _fill_neighbourhood(built, label, neighbourhood, coordinator, organiser, keeper)
    for label, neighbourhood in (("A", own), ("B", other)):
        from tests.walk_kiosk import add_screen

        add_screen(built, label, neighbourhood)
    # A street pot in each: in A the member and the organiser run it and the newcomer sent a tip; in B its
    # member and someone outside the walk run it.
    add_pot(built, "A", own, users["coordinator"], [users["member"], users["organiser"]],
            (users["newcomer"], {"newcomer"}), {"member", "organiser"})
    add_pot(built, "B", other, users["coordinator_elsewhere"],
            [users["non_member"], built.user("gangmaker_b", neighbourhood=other, viewers_of_email=NOBODY)],
            (built.user("tipper_b", neighbourhood=other, viewers_of_email=NOBODY), set()), {"member"})
    # Buurtplaatjes: in each, cards of every state made by its member.
    from tests.walk_cards import add_cards

    add_cards(built, "A", own, users["coordinator"], users["member"])
    add_cards(built, "B", other, users["coordinator_elsewhere"], users["non_member"])
    # Albums of Buurtplaatjes: in A the member swaps with the organiser; in B its member with someone outside the walk.
    add_albums(built, "A", own, users["member"], users["organiser"], {"organiser"})
    add_albums(built, "B", other, users["non_member"], built.user("collector_b", neighbourhood=other,
                                                                  viewers_of_email=NOBODY), set())
    # Tellen en vertellen: in each neighbourhood its member wrote a published story and one that waits.
    from tests.walk_stories import add_city, add_stories

    add_stories(built, "A", own, users["member"], {"member"})
    add_stories(built, "B", other, users["non_member"], {"member"})
    add_city(built)
    # Privacy: a neighbour of A who took part in everything and was erased; nothing may still name them.
    from tests.walk_privacy import add_leaver

    add_leaver(built, own, users["coordinator"])
    # Privacy: each neighbourhood's keeper has consents to take back and an export to fetch.
    from tests.walk_privacy import add_privacy

    add_privacy(built, "A", own, users["member"])
    add_privacy(built, "B", other, users["non_member"])
    newcomer = next(m for m in users["newcomer"].memberships if m.neighbourhood_id == own.id)
    built.thing("the newcomer's membership", "A", "membership_id", {"slug": own.slug, "membership_id": newcomer.id},
                endpoints={"neighbourhoods.confirm_member"})
    token = agenda.feed_token_for(users["member"])
    built.markers.append(Marker(token, "the member's private calendar link", None, frozenset({"member"})))
    built.thing("the member's calendar feed", None, "token", {"token": token}, endpoints={"calendar.private_feed"})
    built.thing("a link token that is not one", None, "token", {"token": "geen-geldige-link"},
                endpoints={"accounts.confirm", "accounts.reset_password"})
    built.thing("an image that is not there", None, "key", {"key": "ditbestaatniet12", "size": "small"})
    built.thing("no object", None, None, {})
    return World(users, built.objects, built.markers, {"A": own.slug, "B": other.slug})


def add_albums(*args):
    from tests.walk_collecting import add_albums as add

    add(*args)


def add_pot(*args):
    from tests.walk_pot import add_pot as add

    add(*args)


def _fill_neighbourhood(built: _Builder, label: str, neighbourhood, coordinator, organiser, keeper) -> None:
    slug = neighbourhood.slug
    built.thing(f"neighbourhood {label}", label, "slug", {"slug": slug})
    # Every marker starts with "Qz": one search asks for all of them, as each role.
    built.thing(f"a search for every marker {label}", label, "slug", {"slug": slug, "query": {"q": "qz"}},
                endpoints={"search.results"})
    room = neighbourhood.house.rooms[0]
    built.thing(f"room {label}", label, "room_id", {"slug": slug, "room_id": room.id})
    coordinator_role = next(m for m in coordinator.memberships if m.role == "coordinator")
    built.thing(f"coordinator role {label}", label, "membership_id", {"slug": slug, "membership_id": coordinator_role.id})
    _talents(built, label, neighbourhood, keeper)
    _agenda(built, label, neighbourhood, organiser)
    _initiatives(built, label, neighbourhood, coordinator, organiser)
    _volunteering(built, label, neighbourhood, coordinator, organiser)


def _talents(built: _Builder, label: str, neighbourhood, keeper) -> None:
    from community.talents import services as talents

    slug = neighbourhood.slug
    built.thing(f"talent cooking {label}", label, "code", {"slug": slug, "code": "cooking"})
    asset = talents.add_asset(neighbourhood, "borrow", "Bakfiets", "", "")
    built.thing(f"asset {label}", label, "asset_id", {"slug": slug, "asset_id": asset.id})
    shown = built.user(f"talent_{label}", neighbourhood=neighbourhood, viewers_of_email=NOBODY)
    # view_talent_people: members and coordinators; the visibility narrows it; "needs" is for the person only.
    talents.save_profile(shown, neighbourhood, talents.ProfileAnswers(
        ["cooking"], built.marker("talent words for the neighbourhood", label, MEMBERS | COORDINATORS),
        "Koken voor buren", built.marker("talent needs", label, NOBODY), ["1-1"], "neighbourhood"))
    for_coordinators = built.user(f"talent_c_{label}", neighbourhood=neighbourhood, viewers_of_email=NOBODY)
    talents.save_profile(for_coordinators, neighbourhood, talents.ProfileAnswers(
        ["cooking"], built.marker("talent words for coordinators", label, COORDINATORS), "", "", ["1-1"],
        "coordinators"))
    talents.save_profile(keeper, neighbourhood, talents.ProfileAnswers(
        ["cooking"], built.marker("hidden talent words", label, {"member"}), "", "", ["1-1"], "hidden"))
    built.suggested_user_id = shown.id


def _agenda(built: _Builder, label: str, neighbourhood, organiser) -> None:
    from community import recurrence
    from community.agenda import services as agenda
    from community.agenda.models import Occurrence
    from community.extensions import db

    slug = neighbourhood.slug
    activity = agenda.create_activity(neighbourhood, agenda.ActivityDetails(
        title="Koffie", description="", kind="coffee", room_id=neighbourhood.house.rooms[0].id,
        organiser_id=organiser.id, cost_cents=0, needs_signup=True, capacity=5, languages=["nl"],
        first_date=recurrence.local_today() + timedelta(days=1), start_time=time(10), duration_minutes=60,
        pattern="once"))
    occurrence = db.session.scalars(select(Occurrence).where(Occurrence.activity_id == activity.id)).first()
    # view_participants: whoever runs the activity (its organiser, the coordinators, the admin).
    participant = built.user(f"participant_{label}", neighbourhood=neighbourhood, viewers_of_email=NOBODY,
                             name=built.marker("participant name", label, RUNNERS))
    sign_up = agenda.sign_up_for_occurrence(occurrence.id, participant.id)
    runners = {"runners": RUNNERS}
    built.thing(f"activity {label}", label, "activity_id", {"slug": slug, "activity_id": activity.id}, **runners)
    built.thing(f"occurrence {label}", label, "occurrence_id",
                {"slug": slug, "occurrence_id": occurrence.id, "sign_up_id": sign_up.id}, **runners)


def _initiatives(built: _Builder, label: str, neighbourhood, coordinator, organiser) -> None:
    from community.initiatives import services as initiatives
    from community.moderation import services as moderation

    def start(title: str, state: str, reason: str = ""):
        initiative = initiatives.start_draft(neighbourhood, organiser, initiatives.Proposal(title, "Samen doen.", "Veel."))
        need = initiatives.add_need(initiative, "hands", "Handen", 2, None)
        if state != "draft":
            initiatives.transition(initiative, "submit", organiser)
        if state in ("published", "done", "hidden"):
            initiatives.transition(initiative, "publish", coordinator)
        elif state in ("request_changes", "decline"):
            initiatives.transition(initiative, state, coordinator, reason)
        return initiative, need

    drafts = RUNNERS  # view_initiative on what is not public: its proposer, the coordinators, the admin
    made = {
        "draft": start(built.marker("draft title", label, drafts), "draft"),
        "submitted": start(built.marker("submitted title", label, drafts), "submitted"),
        "changes requested": start(built.marker("changes requested title", label, drafts), "request_changes",
                                   built.marker("request for changes, for the proposer", label, drafts)),
        "declined": start(built.marker("declined title", label, drafts), "decline",
                          built.marker("reason of declining, for the proposer", label, drafts)),
        "published": start(f"Moestuin {label}", "published"),
        "hidden": start(built.marker("hidden initiative title", label, drafts), "hidden"),
        "done": start(f"Bankje {label}", "done"),
        # Asked for changes, then published: the coordinator's question stays between the two of them.
        "revised": start(f"Buurtfeest {label}", "request_changes",
                         built.marker("request for changes of an initiative published later", label, drafts)),
    }
    initiatives.transition(made["revised"][0], "submit", organiser)
    initiatives.transition(made["revised"][0], "publish", coordinator)
    author = built.user(f"author_{label}", neighbourhood=neighbourhood, viewers_of_email=NOBODY)
    published = made["published"][0]
    shown_post = initiatives.post(published, author, "Wat een goed plan", is_update=False)
    hidden_post = initiatives.post(published, author, built.marker("hidden post", label, COORDINATORS), is_update=False)
    moderation.decide("post", hidden_post.id, hide=True, actor_id=coordinator.id,
                      reason=built.marker("audit reason for the post", label, COORDINATORS))
    contributor = built.user(f"contributor_{label}", neighbourhood=neighbourhood, viewers_of_email=NOBODY)
    initiatives.join(published, contributor.id, None, built.marker("contribution message", label, RUNNERS))
    reporter = built.user(f"reporter_{label}", neighbourhood=neighbourhood, viewers_of_email=NOBODY)
    moderation.report("initiative", published.id, reporter.id, built.marker("report reason", label, COORDINATORS))
    hidden = made["hidden"][0]
    post_on_hidden = initiatives.post(hidden, author, built.marker("post on a hidden initiative", label, drafts),
                                      is_update=False)
    moderation.decide("initiative", hidden.id, hide=True, actor_id=coordinator.id,
                      reason=built.marker("audit reason for the initiative", label, COORDINATORS))
    done = made["done"][0]
    initiatives.transition(done, "finish", organiser, "Het bankje staat er")

    slug = neighbourhood.slug
    for state, (initiative, need) in made.items():
        public = state in ("published", "done", "revised")
        viewers = EVERYONE if public else drafts
        audience = dict(viewers=viewers, logged_in_viewers=viewers - {"anonymous"}, runners=RUNNERS,
                        editors={"organiser"} if state in ("draft", "changes requested") else NOBODY,
                        reporters=LOGGED_IN if public else NOBODY)
        built.thing(f"{state} initiative {label}", label, "initiative_id",
                    {"slug": slug, "initiative_id": initiative.id, "need_id": need.id}, **audience)
        built.thing(f"report of the {state} initiative {label}", label, "target_id",
                    {"slug": slug, "target_type": "initiative", "target_id": initiative.id},
                    reporters=audience["reporters"])
    # report_post: a post that is not hidden, of an initiative one may view.
    for name, item, reporters in (("a post", shown_post, LOGGED_IN), ("a hidden post", hidden_post, NOBODY),
                                  ("a post on a hidden initiative", post_on_hidden, drafts - {"anonymous"})):
        built.thing(f"report of {name} {label}", label, "target_id",
                    {"slug": slug, "target_type": "post", "target_id": item.id}, reporters=reporters)


def _volunteering(built: _Builder, label: str, neighbourhood, coordinator, organiser) -> None:
    from community import recurrence
    from community.volunteering import services as volunteering
    from community.volunteering.models import Origin

    def post(poster, origin, private_place=""):
        return volunteering.post_task(neighbourhood, volunteering.TaskDetails(
            "Helpen", "", ["cooking"], 2, "Noord", recurrence.local_today() + timedelta(days=2), time(10), 60,
            private_place=private_place), posted_by=poster, origin=origin)

    task = post(coordinator, Origin.COORDINATOR)
    # view_task_place: who runs the request (its asker, the coordinators, the admin) and the helper it accepted.
    request = post(organiser, Origin.REQUEST, built.marker("private place of a request", label, RUNNERS))
    volunteer = built.user(f"volunteer_{label}", neighbourhood=neighbourhood, viewers_of_email=NOBODY,
                           name=built.marker("volunteer name", label, COORDINATORS))
    helper = built.user(f"helper_{label}", neighbourhood=neighbourhood, viewers_of_email=NOBODY,
                        name=built.marker("helper name", label, RUNNERS))
    task_shift = volunteering.coming_shifts(task, 1)[0]
    request_shift = volunteering.coming_shifts(request, 1)[0]
    task_sign_up = volunteering.volunteer_for_shift(task_shift.id, volunteer.id)
    offer = volunteering.volunteer_for_shift(request_shift.id, helper.id)
    volunteering.answer_offer(request_shift, offer.id, accept=True)

    slug = neighbourhood.slug
    for name, item, shift, sign_up, runners, volunteers in (
            ("task", task, task_shift, task_sign_up, COORDINATORS, RESIDENTS),
            ("request", request, request_shift, offer, RUNNERS, RESIDENTS - {"organiser"})):
        built.thing(f"{name} {label}", label, "task_id",
                    {"slug": slug, "task_id": item.id, "user_id": built.suggested_user_id},
                    runners=runners, volunteers=volunteers)
        built.thing(f"shift of the {name} {label}", label, "shift_id",
                    {"slug": slug, "shift_id": shift.id, "volunteer_id": sign_up.id},
                    runners=runners, volunteers=volunteers)


# --- the database's state, to prove that a refused request changed nothing ----------------------

SKIPPED_TABLES = {"login_session", "kiosk_check_in"}  # the walk logs people in; a screen's poll notes it was seen


def database_digest(db) -> str:
    """Row counts and a hash of the rows of every table (the world is small: one query per table)."""
    from community.db import Base

    db.session.rollback()  # the test's own session must hold no transaction (nor SQLite's lock) meanwhile
    digest = hashlib.sha256()
    with db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in SKIPPED_TABLES:
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            rows = connection.execute(select(table).order_by(*order)).all()
            digest.update(f"{table.name}:{len(rows)}:{rows!r}".encode())
    return digest.hexdigest()

"""Who may do what: role × action × own/other neighbourhood."""
from __future__ import annotations

import pytest

from community.permissions import PUBLIC_ACTIONS, RULES, can
from tests.cards.test_card_permissions import CARD_ACTIONS
from tests.pot.test_pot_permissions import POT_EXPECTED
from tests.cards.collecting.test_collecting_permissions import COLLECTING_EXPECTED

NEIGHBOURHOOD_ACTIONS = ["view_neighbourhood", "view_coordinator_area", "edit_neighbourhood", "manage_rooms",
                         "view_members", "confirm_member", "assign_roles", "join_neighbourhood"]

# expected[role][action] = (own neighbourhood, other neighbourhood)
EXPECTED = {
    "anonymous": {"view_neighbourhood": (True, True)},
    "resident": {"view_neighbourhood": (True, True), "join_neighbourhood": (False, True)},
    "treasurer": {"view_neighbourhood": (True, True), "join_neighbourhood": (False, True)},
    "coordinator": {"view_neighbourhood": (True, True), "join_neighbourhood": (False, True),
                    "view_coordinator_area": (True, False), "edit_neighbourhood": (True, False),
                    "manage_rooms": (True, False), "view_members": (True, False), "confirm_member": (True, False)},
    "admin": {action: (True, True) for action in NEIGHBOURHOOD_ACTIONS if action != "join_neighbourhood"}
             | {"join_neighbourhood": (False, True)},
}


@pytest.fixture
def people(make_user, make_neighbourhood):
    own, other = make_neighbourhood("Eigen"), make_neighbourhood("Ander")
    from flask_login import AnonymousUserMixin

    return own, other, {
        "anonymous": AnonymousUserMixin(),
        "resident": make_user(neighbourhood=own),
        "treasurer": make_user(role="treasurer", neighbourhood=own),
        "coordinator": make_user(role="coordinator", neighbourhood=own),
        "admin": make_user(neighbourhood=own, is_admin=True),
    }


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("action", NEIGHBOURHOOD_ACTIONS)
def test_neighbourhood_matrix(people, role, action):
    own, other, users = people
    expected_own, expected_other = EXPECTED[role].get(action, (False, False))
    assert can(users[role], action, own) is expected_own
    assert can(users[role], action, other) is expected_other


@pytest.mark.parametrize("role", list(EXPECTED))
def test_instance_actions_are_for_the_admin_only(people, role):
    _, _, users = people
    for action in ("administer_instance", "create_neighbourhood"):
        assert can(users[role], action) is (role == "admin")


def test_only_you_edit_your_own_profile(people, make_user):
    _, _, users = people
    someone_else = make_user()
    for role in ("resident", "coordinator", "admin"):
        assert can(users[role], "edit_profile", users[role])
        assert not can(users[role], "edit_profile", someone_else)


def test_every_rule_is_in_the_matrix():
    covered = (set(NEIGHBOURHOOD_ACTIONS) | {"administer_instance", "create_neighbourhood", "edit_profile"}
               | set(AGENDA_ACTIONS) | {"manage_agenda", "sign_up"}
               | set(INITIATIVE_EXPECTED) | {"moderate", "propose_initiative", "take_part"}
               | set(REPORT_EXPECTED) | {"view_post"}
               | {"keep_talent_profile", "view_talent_people", "manage_assets", "place_map_background",
                  "view_talents_shared_with_neighbourhood", "view_talents_shared_with_coordinators"}
               | set(TASK_EXPECTED) | {"post_task", "ask_for_help", "make_task_from_need"}
               | set(POT_EXPECTED) | {"open_pot", "manage_screens"}
               | CARD_ACTIONS | set(COLLECTING_EXPECTED)
               | set(STORY_NEIGHBOURHOOD_EXPECTED) | set(STORY_EXPECTED) | {"view_city", "answer_wellbeing"}
               | {"delete_account", "view_deletion_counts"} | set(PRIVACY_ACTIONS))
    assert set(RULES) == covered, "a new action needs a row in this matrix"
    assert PUBLIC_ACTIONS <= set(RULES)


def test_unknown_action_is_an_error(people):
    with pytest.raises(KeyError):
        can(people[2]["admin"], "launch_rockets")


# Agenda: role × action × activity in own/other neighbourhood, and the organiser of one activity.
AGENDA_ACTIONS = ["edit_activity", "manage_occurrence", "view_participants"]


@pytest.fixture
def activities(people, make_user):
    from datetime import time, timedelta

    from community import recurrence
    from community.agenda import services as agenda
    from community.agenda.models import Occurrence
    from community.extensions import db

    own, other, users = people
    organiser = make_user(neighbourhood=own)
    made = {}
    for label, neighbourhood, organiser_id in (("own", own, organiser.id), ("other", other, None)):
        activity = agenda.create_activity(neighbourhood, agenda.ActivityDetails(
            title="Koffie", description="", kind="coffee", room_id=None, organiser_id=organiser_id, cost_cents=0,
            needs_signup=False, capacity=None, languages=["nl"], first_date=recurrence.local_today() + timedelta(days=1),
            start_time=time(10), duration_minutes=60, pattern="once"))
        made[label] = (activity, db.session.query(Occurrence).filter_by(activity_id=activity.id).one())
    return made, {**users, "organiser": organiser}


AGENDA_EXPECTED = {  # (own neighbourhood's activity, other neighbourhood's activity)
    "anonymous": (False, False), "resident": (False, False), "treasurer": (False, False),
    "coordinator": (True, False), "admin": (True, True), "organiser": (True, False),
}


@pytest.mark.parametrize("role", list(AGENDA_EXPECTED))
@pytest.mark.parametrize("action", AGENDA_ACTIONS)
def test_agenda_matrix(activities, role, action):
    made, users = activities
    for index, label in enumerate(("own", "other")):
        activity, occurrence = made[label]
        target = activity if action == "edit_activity" else occurrence
        assert can(users[role], action, target) is AGENDA_EXPECTED[role][index], (role, action, label)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_manage_agenda_is_for_coordinators_of_that_neighbourhood(people, role):
    own, other, users = people
    assert can(users[role], "manage_agenda", own) is (role in ("coordinator", "admin"))
    assert can(users[role], "manage_agenda", other) is (role == "admin")
    assert can(users[role], "sign_up", None) is (role != "anonymous")


# Initiatives: role × action × own/other neighbourhood × the proposer.
@pytest.fixture
def proposals(people, make_user):
    from community.initiatives import services as initiatives

    own, other, users = people
    proposer = make_user(neighbourhood=own)
    made = {}
    for label, neighbourhood, who in (("own", own, proposer), ("other", other, make_user(neighbourhood=other))):
        initiative = initiatives.start_draft(neighbourhood, who, initiatives.Proposal("Moestuin", "Bakken", "Tuinieren"))
        made[label] = initiative
    return made, {**users, "proposer": proposer}


INITIATIVE_EXPECTED = {  # action: {role: (own neighbourhood's draft, other neighbourhood's draft)}
    "view_initiative": {"anonymous": (False, False), "resident": (False, False), "treasurer": (False, False),
                        "coordinator": (True, False), "admin": (True, True), "proposer": (True, False)},
    "edit_initiative": {"anonymous": (False, False), "resident": (False, False), "treasurer": (False, False),
                        "coordinator": (False, False), "admin": (False, False), "proposer": (True, False)},
    "run_initiative": {"anonymous": (False, False), "resident": (False, False), "treasurer": (False, False),
                       "coordinator": (True, False), "admin": (True, True), "proposer": (True, False)},
    "submit_initiative": {"anonymous": (False, False), "resident": (False, False), "treasurer": (False, False),
                          "coordinator": (False, False), "admin": (False, False), "proposer": (True, False)},
    "review_initiative": {"anonymous": (False, False), "resident": (False, False), "treasurer": (False, False),
                          "coordinator": (True, False), "admin": (True, True), "proposer": (False, False)},
}


@pytest.mark.parametrize("action", list(INITIATIVE_EXPECTED))
@pytest.mark.parametrize("role", ["anonymous", "resident", "treasurer", "coordinator", "admin", "proposer"])
def test_initiative_matrix(proposals, action, role):
    made, users = proposals
    expected = INITIATIVE_EXPECTED[action][role]
    assert (can(users[role], action, made["own"]), can(users[role], action, made["other"])) == expected


def test_published_initiatives_are_public_and_hidden_ones_are_not(proposals):
    from flask_login import AnonymousUserMixin

    made, users = proposals
    made["own"].state = "published"
    assert can(AnonymousUserMixin(), "view_initiative", made["own"])
    assert can(users["resident"], "view_initiative", made["own"])
    made["own"].is_hidden = True
    assert not can(AnonymousUserMixin(), "view_initiative", made["own"])
    assert can(users["coordinator"], "view_initiative", made["own"])


# Reporting: one may report only what one may see, and only what the neighbourhood sees.
REPORT_CASES = ("published", "draft", "hidden initiative", "post", "hidden post", "post of a hidden initiative")
REPORT_ROLES = ("anonymous", "resident", "treasurer", "coordinator", "admin", "proposer")
REPORT_EXPECTED = {  # action: {role: (own neighbourhood's answers, other neighbourhood's answers)}, per REPORT_CASES
    "report_initiative": {role: ((role != "anonymous", False, False),) * 2 for role in REPORT_ROLES},
    "report_post": {"anonymous": ((False, False, False),) * 2,
                    **{role: ((True, False, False),) * 2 for role in ("resident", "treasurer")},
                    "coordinator": ((True, False, True), (True, False, False)),
                    "admin": ((True, False, True),) * 2, "proposer": ((True, False, True), (True, False, False))},
    "view_post": {**{role: ((True, False, False),) * 2 for role in ("anonymous", "resident", "treasurer")},
                  "coordinator": ((True, True, True), (True, False, False)), "admin": ((True, True, True),) * 2,
                  "proposer": ((True, False, True), (True, False, False))},
}


@pytest.fixture
def reportable(proposals, make_user):
    from community.initiatives import services as initiatives
    from community.moderation import services as moderation

    made, users = proposals
    coordinator = users["coordinator"]
    built = {}
    for label, proposer, moderator in (("own", users["proposer"], coordinator),
                                       ("other", made["other"].proposer, users["admin"])):
        neighbourhood = _neighbourhood_of(made[label])
        cases = {"draft": made[label]}
        for case in ("published", "hidden initiative"):
            initiative = initiatives.start_draft(neighbourhood, proposer, initiatives.Proposal("Bankje", "Zitten", "Zagen"))
            initiatives.add_need(initiative, "hands", "Handen", 2, None)
            initiatives.transition(initiative, "submit", proposer)
            initiatives.transition(initiative, "publish", moderator)
            cases[case] = initiative
        author = make_user(neighbourhood=neighbourhood)
        cases["post"] = initiatives.post(cases["published"], author, "Mooi", is_update=False)
        cases["hidden post"] = initiatives.post(cases["published"], author, "Lelijk", is_update=False)
        cases["post of a hidden initiative"] = initiatives.post(cases["hidden initiative"], author, "Hoi", is_update=False)
        moderation.decide("post", cases["hidden post"].id, hide=True, actor_id=moderator.id, reason="Weg")
        moderation.decide("initiative", cases["hidden initiative"].id, hide=True, actor_id=moderator.id, reason="Weg")
        built[label] = cases
    return built, users


def _neighbourhood_of(initiative):
    from community.extensions import db
    from community.neighbourhoods.models import Neighbourhood

    return db.session.get(Neighbourhood, initiative.neighbourhood_id)


@pytest.mark.parametrize("action", list(REPORT_EXPECTED))
@pytest.mark.parametrize("role", REPORT_ROLES)
def test_reporting_is_for_what_one_may_see(reportable, action, role):
    built, users = reportable
    cases = REPORT_CASES[:3] if action == "report_initiative" else REPORT_CASES[3:]
    got = tuple(tuple(can(users[role], action, built[label][case]) for case in cases) for label in ("own", "other"))
    assert got == REPORT_EXPECTED[action][role], (role, action)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_screens_are_managed_by_that_neighbourhoods_coordinators(people, role):
    own, other, users = people
    assert can(users[role], "manage_screens", own) is (role in ("coordinator", "admin"))
    assert can(users[role], "manage_screens", other) is (role == "admin")


@pytest.mark.parametrize("role", list(EXPECTED))
def test_moderate_and_propose_per_neighbourhood(people, role):
    own, other, users = people
    assert can(users[role], "moderate", own) is (role in ("coordinator", "admin"))
    assert can(users[role], "moderate", other) is (role == "admin")
    assert can(users[role], "propose_initiative", own) is (role != "anonymous")
    assert can(users[role], "propose_initiative", other) is (role == "admin")
    assert can(users[role], "take_part", None) is (role != "anonymous")


@pytest.mark.parametrize("role", list(EXPECTED))
def test_talent_actions_per_neighbourhood(people, role):
    own, other, users = people
    member = role != "anonymous"
    assert can(users[role], "keep_talent_profile", own) is member
    assert can(users[role], "keep_talent_profile", other) is False
    assert can(users[role], "view_talent_people", own) is member
    assert can(users[role], "view_talent_people", other) is (role == "admin")
    assert can(users[role], "manage_assets", own) is (role in ("coordinator", "admin"))
    assert can(users[role], "manage_assets", other) is (role == "admin")
    assert can(users[role], "place_map_background", own) is (role in ("coordinator", "admin"))
    assert can(users[role], "place_map_background", other) is (role == "admin")
    assert can(users[role], "view_talents_shared_with_neighbourhood", own) is member
    assert can(users[role], "view_talents_shared_with_neighbourhood", other) is (role == "admin")
    assert can(users[role], "view_talents_shared_with_coordinators", own) is (role in ("coordinator", "admin"))
    assert can(users[role], "view_talents_shared_with_coordinators", other) is (role == "admin")


def test_who_the_neighbours_are_waits_for_a_coordinator_to_confirm_a_new_member(people, make_user):
    """Anyone can join; seeing names on the talent map needs a confirmed membership."""
    own, other, _users = people
    newcomer = make_user(neighbourhood=own, member_confirmed=False)
    assert can(newcomer, "keep_talent_profile", own) and can(newcomer, "propose_initiative", own)
    assert not can(newcomer, "view_talent_people", own)
    from community.neighbourhoods import services as neighbourhoods

    coordinator = make_user(role="coordinator", neighbourhood=own)
    membership = next(m for m in newcomer.memberships if m.neighbourhood_id == own.id)
    neighbourhoods.confirm_member(membership, by=coordinator)
    assert can(newcomer, "view_talent_people", own)
    assert not can(newcomer, "view_talent_people", other)


# Volunteering: role × action × a coordinator's task and a resident's request, own/other neighbourhood.
@pytest.fixture
def tasks(people, make_user):
    from datetime import time, timedelta

    from community import recurrence
    from community.volunteering import services as volunteering
    from community.volunteering.models import Origin, Shift

    own, other, users = people
    asker, helper = make_user(neighbourhood=own), make_user(neighbourhood=own)
    made = {}
    for label, neighbourhood, origin, poster in (
            ("own task", own, Origin.COORDINATOR, users["coordinator"]),
            ("own request", own, Origin.REQUEST, asker),
            ("other task", other, Origin.COORDINATOR, make_user(role="coordinator", neighbourhood=other)),
            ("other request", other, Origin.REQUEST, make_user(neighbourhood=other))):
        made[label] = volunteering.post_task(neighbourhood, volunteering.TaskDetails(
            "Helpen", "", [], 1, "", recurrence.local_today() + timedelta(days=2), time(10), 60,
            private_place="Lindelaan 7"), posted_by=poster, origin=origin)
    shift = made["own request"].id and volunteering.coming_shifts(made["own request"], 1)[0]
    offer = volunteering.volunteer_for_shift(shift.id, helper.id)
    volunteering.answer_offer(shift, offer.id, accept=True)
    assert isinstance(shift, Shift)
    return made, {**users, "asker": asker, "helper": helper}


TASK_LABELS = ["own task", "own request", "other task", "other request"]
TASK_EXPECTED = {  # action: {who: (own task, own request, other task, other request)}
    "volunteer": {"anonymous": (False, False, False, False), "resident": (True, True, False, False),
                  "treasurer": (True, True, False, False), "coordinator": (True, True, False, False),
                  "admin": (True, True, False, False), "asker": (True, False, False, False),
                  "helper": (True, True, False, False)},
    "run_task": {"anonymous": (False, False, False, False), "resident": (False, False, False, False),
                 "treasurer": (False, False, False, False), "coordinator": (True, True, False, False),
                 "admin": (True, True, True, True), "asker": (False, True, False, False),
                 "helper": (False, False, False, False)},
    "invite_volunteers": {"anonymous": (False, False, False, False), "resident": (False, False, False, False),
                          "treasurer": (False, False, False, False), "coordinator": (True, True, False, False),
                          "admin": (True, True, True, True), "asker": (False, False, False, False),
                          "helper": (False, False, False, False)},
    "view_task_place": {"anonymous": (True, False, True, False), "resident": (True, False, True, False),
                        "treasurer": (True, False, True, False), "coordinator": (True, True, True, False),
                        "admin": (True, True, True, True), "asker": (True, True, True, False),
                        "helper": (True, True, True, False)},
}


@pytest.mark.parametrize("action", list(TASK_EXPECTED))
@pytest.mark.parametrize("who", ["anonymous", "resident", "treasurer", "coordinator", "admin", "asker", "helper"])
def test_task_matrix(tasks, action, who):
    made, users = tasks
    got = tuple(can(users[who], action, made[label]) for label in TASK_LABELS)
    assert got == TASK_EXPECTED[action][who], (who, action)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_posting_tasks_and_asking_for_help_per_neighbourhood(people, role):
    own, other, users = people
    assert can(users[role], "post_task", own) is (role in ("coordinator", "admin"))
    assert can(users[role], "post_task", other) is (role == "admin")
    assert can(users[role], "ask_for_help", own) is (role != "anonymous")
    assert can(users[role], "ask_for_help", other) is False


@pytest.mark.parametrize("role", ["anonymous", "resident", "treasurer", "coordinator", "admin", "proposer"])
def test_making_a_task_from_a_need_is_for_who_runs_a_published_initiative(proposals, role):
    made, users = proposals
    initiative = made["own"]
    assert can(users[role], "make_task_from_need", initiative) is False  # a draft
    initiative.state = "published"
    assert can(users[role], "make_task_from_need", initiative) is (role in ("coordinator", "admin", "proposer"))
    initiative.is_hidden = True  # under moderation: first the coordinator decides
    assert can(users[role], "make_task_from_need", initiative) is False


# Tellen en vertellen: expected[role] = (own neighbourhood, other neighbourhood)
STORY_NEIGHBOURHOOD_EXPECTED = {
    "view_numbers": {role: (True, True) for role in EXPECTED},
    "write_story": {"resident": (True, False), "treasurer": (True, False), "coordinator": (True, False),
                    "admin": (True, True)},
    "review_stories": {"coordinator": (True, False), "admin": (True, True)},
    "make_annual_report": {"coordinator": (True, False), "admin": (True, True)},
}


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("action", list(STORY_NEIGHBOURHOOD_EXPECTED))
def test_story_and_numbers_matrix(people, role, action):
    own, other, users = people
    expected_own, expected_other = STORY_NEIGHBOURHOOD_EXPECTED[action].get(role, (False, False))
    assert can(users[role], action, own) is expected_own
    assert can(users[role], action, other) is expected_other


# expected[action][role] = (a published story, a waiting one), both written by another resident of "own"
STORY_EXPECTED = {
    "view_story": {"anonymous": (True, False), "resident": (True, False), "treasurer": (True, False),
                   "coordinator": (True, True), "admin": (True, True)},
    "review_story": {"coordinator": (True, True), "admin": (True, True)},
    "withdraw_story": {},
}


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("action", list(STORY_EXPECTED))
def test_story_matrix(people, make_user, role, action):
    from community.stories import services as stories

    own, _other, users = people
    writer = make_user(neighbourhood=own)
    published = stories.write_story(own.id, writer.id, stories.Draft("Lunch", "Fijn.", may_show_publicly=True))
    stories.publish(published, by_id=None)
    waiting = stories.write_story(own.id, writer.id, stories.Draft("Wacht", "Fijn.", may_show_publicly=True))
    expected = STORY_EXPECTED[action].get(role, (False, False))
    assert (can(users[role], action, published), can(users[role], action, waiting)) == expected
    assert can(writer, "withdraw_story", waiting) and can(writer, "view_story", waiting)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_city_view_is_the_admins(people, role):
    _own, _other, users = people
    assert can(users[role], "view_city") is (role == "admin")


# --- Privacy: deleting an account ------------------------------------------------------------------

@pytest.mark.parametrize("role", ["resident", "treasurer", "coordinator", "admin"])
def test_only_you_delete_your_own_account(people, make_user, role):
    """Per object: each role may delete its own account and no other (the admin and coordinators included)."""
    _, _, users = people
    others = [u for r, u in users.items() if r not in (role, "anonymous")] + [make_user()]
    assert can(users[role], "delete_account", users[role])
    assert not any(can(users[role], "delete_account", other) for other in others)
    assert not can(users["anonymous"], "delete_account", users[role])


@pytest.mark.parametrize("role", ["anonymous", "resident", "treasurer", "coordinator", "admin"])
def test_only_the_admin_sees_how_many_accounts_wait_to_be_erased(people, role):
    _, _, users = people
    assert can(users[role], "view_deletion_counts") is (role == "admin")


# Privacy: one's own data, consents and export are one's own alone; nobody else may, in any role.
PRIVACY_ACTIONS = ("view_own_data", "hide_talent_profile", "download_export", "stop_initiative_news")


@pytest.mark.parametrize("role", list(EXPECTED))
def test_privacy_matrix(people, make_user, role):
    from community.initiatives.models import Support
    from community.privacy.models import DataExport
    from community.talents.models import TalentProfile

    own, _other, users = people
    neighbour = make_user(neighbourhood=own)

    def objects_of(person):
        person_id = getattr(person, "id", None)
        return {"view_own_data": person, "hide_talent_profile": TalentProfile(user_id=person_id, neighbourhood_id=own.id),
                "download_export": DataExport(user_id=person_id), "stop_initiative_news": Support(user_id=person_id)}

    for action in PRIVACY_ACTIONS:
        assert can(users[role], action, objects_of(neighbour)[action]) is False, action
        if role != "anonymous":
            assert can(users[role], action, objects_of(users[role])[action]) is True, action

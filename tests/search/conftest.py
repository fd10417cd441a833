"""A neighbourhood with one of everything that can be found, each with words of its own."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta

import pytest
from sqlalchemy import select

from community import recurrence
from community.agenda import services as agenda
from community.extensions import db
from community.initiatives import services as initiatives
from community.search.models import SearchDocument
from community.talents import services as talents
from community.volunteering import services as volunteering
from community.volunteering.models import Origin


def in_days(days: int):
    return recurrence.local_today() + timedelta(days=days)


def activity_details(title="Koffie-ochtend", description="Binnenlopen voor koffie en een praatje.", kind="coffee",
                     days=2, pattern="once", **changes) -> agenda.ActivityDetails:
    values = dict(title=title, description=description, kind=kind, room_id=None, organiser_id=None, cost_cents=0,
                  needs_signup=False, capacity=None, languages=["nl"], first_date=in_days(days), start_time=time(10),
                  duration_minutes=60, pattern=pattern)
    values.update(changes)
    return agenda.ActivityDetails(**values)


def task_details(title="Bardienst", description="Koffie schenken achter de bar.", skills=("cooking",), people=2,
                 place="De Haard", days=3, private_place="", **changes) -> volunteering.TaskDetails:
    values = dict(title=title, description=description, skills=list(skills), people_needed=people, place=place,
                  first_date=in_days(days), start_time=time(14), duration_minutes=60, private_place=private_place)
    values.update(changes)
    return volunteering.TaskDetails(**values)


def published_initiative(neighbourhood, proposer, coordinator, title="Moestuin achter de school",
                         want="Samen groente kweken.", can_do="Wij spitten zelf.", needs=(("things", "Schoppen"),)):
    initiative = initiatives.start_draft(neighbourhood, proposer, initiatives.Proposal(title, want, can_do))
    for kind, description in needs:
        initiatives.add_need(initiative, kind, description, 2 if kind == "hands" else None,
                             50 if kind == "money" else None)
    initiatives.transition(initiative, "submit", proposer)
    initiatives.transition(initiative, "publish", coordinator)
    return initiative


def document_of(column: str, source_id: int) -> SearchDocument | None:
    db.session.expire_all()
    return db.session.scalar(select(SearchDocument).where(getattr(SearchDocument, column) == source_id))


@dataclass
class Town:
    neighbourhood: object
    coordinator: object
    member: object
    newcomer: object
    cook: object
    activity: object
    initiative: object
    task: object
    request: object
    profile: object
    coordinators_profile: object
    hidden_profile: object
    asset: object


@pytest.fixture
def make_town(make_neighbourhood, make_user):
    def make(name: str = "De Ruwaard", slug: str | None = None, word: str = "") -> Town:
        """`word` goes into every text, so that one search finds all of this town's things."""
        neighbourhood = make_neighbourhood(name, slug=slug)
        coordinator = make_user(role="coordinator", neighbourhood=neighbourhood, name=f"Marieke {word}")
        member = make_user(neighbourhood=neighbourhood)
        newcomer = make_user(neighbourhood=neighbourhood, member_confirmed=False)
        cook = make_user(neighbourhood=neighbourhood, name=f"Henk {word}", email=f"henk{word.lower()}@example.org")
        activity = agenda.create_activity(neighbourhood, activity_details(
            title=f"Koffie-ochtend {word}", description=f"Binnenlopen voor koffie. {word}"))
        initiative = published_initiative(neighbourhood, member, coordinator, title=f"Moestuin {word}",
                                          want=f"Samen groente kweken. {word}")
        task = volunteering.post_task(neighbourhood, task_details(title=f"Bardienst {word}",
                                                                  description=f"Koffie schenken. {word}"),
                                      posted_by=coordinator)
        request = volunteering.post_task(neighbourhood, task_details(
            title=f"Boodschappen doen {word}", description=f"Wie helpt mij? {word}", skills=(), people=1,
            place="Noord", private_place=f"Lindelaan 7 {word}"), posted_by=member, origin=Origin.REQUEST)
        profile = talents.save_profile(cook, neighbourhood, talents.ProfileAnswers(
            ["cooking"], f"Ik kook Surinaams {word}", f"Koken voor ouderen {word}", f"Hulp met papieren {word}",
            ["1-1"], "neighbourhood"))
        quiet = make_user(neighbourhood=neighbourhood, name=f"Fatima {word}")
        coordinators_profile = talents.save_profile(quiet, neighbourhood, talents.ProfileAnswers(
            ["sewing"], f"Ik naai gordijnen {word}", "", "", ["1-1"], "coordinators"))
        shy = make_user(neighbourhood=neighbourhood, name=f"Piet {word}")
        hidden_profile = talents.save_profile(shy, neighbourhood, talents.ProfileAnswers(
            ["music"], f"Ik speel accordeon {word}", "", "", ["1-1"], "hidden"))
        asset = talents.add_asset(neighbourhood, "borrow", f"Bakfiets {word}", f"Te leen bij de bieb. {word}", "")
        return Town(neighbourhood, coordinator, member, newcomer, cook, activity, initiative, task, request, profile,
                    coordinators_profile, hidden_profile, asset)

    return make

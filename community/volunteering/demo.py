"""Tasks and shifts for De Ruwaard: bar duty in De Haard, the neighbourhood taxi, walks with
an elderly neighbour, the kitchen crew of the buurtlunch, a task from the playground
initiative, residents asking for a hand, and two months of shifts already done."""
from __future__ import annotations

import random
from datetime import date, time, timedelta

from sqlalchemy import select

from community.accounts.models import User
from community import recurrence
from community.demo_pictures import demo_photo
from community.extensions import db
from community.initiatives.models import Initiative, NeedKind
from community.neighbourhoods.models import Membership, Neighbourhood, Role
from community.talents.models import TalentProfile
from community.volunteering import services as volunteering
from community.bookings.models import Booking
from community.volunteering.models import Origin, Shift, Status, Task

# (weekday, start, minutes, title, description, skills, people, place, pattern)
SHIFTS = [
    (1, "13:30", 210, "Bardienst in De Haard", "Koffie en thee schenken, een praatje maken en de kassa bijhouden.",
     ["listening", "organising"], 2, "Huis van de Wijk De Haard, de bar", "weekly"),
    (3, "09:30", 150, "Buurttaxi rijden", "Buren naar de dokter, het ziekenhuis of de markt brengen met de buurtauto.",
     ["driving"], 1, "Vertrek bij De Haard", "weekly"),
    (2, "10:00", 90, "Wandelen met een oudere buur", "Een rustig rondje door de wijk met iemand die niet meer alleen gaat.",
     ["visiting", "listening"], 3, "Vertrek bij De Haard", "weekly"),
    (4, "10:00", 240, "Kookploeg buurtlunch", "Samen koken voor veertig buren: snijden, koken, opdienen.",
     ["cooking"], 3, "Huis van de Wijk De Haard, de keuken", "monthly_last"),
    (5, "10:00", 180, "Fietsenwerkplaats", "Buren helpen hun fiets te maken: banden plakken, remmen stellen.",
     ["fixing_bikes", "odd_jobs"], 2, "Huis van de Wijk De Haard, achteringang", "biweekly"),
    (0, "19:00", 90, "Taalmaatje bij het taalcafé", "Nederlands praten met nieuwe buren, met geduld en een kop thee.",
     ["languages", "listening"], 4, "Huis van de Wijk De Haard, vergaderkamer", "weekly"),
    (5, "09:30", 180, "Opruimdag Ruwaardpark", "Zwerfafval prikken en de bloembakken bij de speeltuin bijwerken.",
     ["gardening"], 8, "Ruwaardpark, bij de speeltuin", "once"),
]

# Two tasks have a picture; the others show the pictogram of the first talent they ask for.
PICTURE_OF = {"Opruimdag Ruwaardpark": "garden", "Fietsenwerkplaats": "bike"}

# (title, description, skills, place, private place, days ahead, start, minutes)
REQUESTS = [
    ("Wie helpt mij met mijn nieuwe telefoon?", "Ik wil leren videobellen met mijn kleinkinderen.", ["it_help"],
     "De Ruwaard-Noord", "Kastanjelaan 14", 3, "14:00", 60),
    ("Wie loopt met mij mee naar de markt?", "Ik loop met een rollator en ga liever niet alleen.", ["visiting"],
     "Bij het Walplein", "Ruwaardsingel 80, bel bij 3", 2, "10:00", 90),
    ("Wie hangt mijn gordijnen op?", "De rails zitten er al, ik kan zelf niet op de trap.", ["odd_jobs"],
     "De Ruwaard-Zuid", "Lindelaan 7", 5, "11:00", 60),
]


def build_volunteering_demo(slug: str = "de-ruwaard") -> None:
    neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == slug))
    if neighbourhood is None or db.session.scalar(select(Task.id).where(Task.neighbourhood_id == neighbourhood.id).limit(1)):
        return
    rng = random.Random(slug + "-volunteering")
    coordinator = db.session.scalar(select(User).join(Membership).where(
        Membership.neighbourhood_id == neighbourhood.id, Membership.role == Role.COORDINATOR.value))
    residents = [user for user in db.session.scalars(select(User).join(Membership).where(
        Membership.neighbourhood_id == neighbourhood.id, Membership.role == Role.RESIDENT.value).order_by(User.id))
        if user.roles_in(neighbourhood.id) == {Role.RESIDENT.value} and not user.is_admin]
    with_profiles = set(db.session.scalars(select(TalentProfile.user_id).where(
        TalentProfile.neighbourhood_id == neighbourhood.id)))
    helpers = list(dict.fromkeys([person for person in residents if person.id in with_profiles] + residents[:6]))
    today = recurrence.local_today()
    shifts = []
    for weekday, start, minutes, title, description, skills, people, place, pattern in SHIFTS:
        first = _next_weekday(today, weekday, pattern)
        photo = {"photo": demo_photo(PICTURE_OF[title], neighbourhood.id)} if title in PICTURE_OF else {}
        shifts.append(volunteering.post_task(neighbourhood, volunteering.TaskDetails(
            title, description, skills, people, place, first, time.fromisoformat(start), minutes, pattern, **photo),
            posted_by=coordinator))
    _task_from_the_playground(neighbourhood, residents)
    if len(residents) < len(REQUESTS) + 1:
        return  # a tiny demo (tests): the tasks are enough
    _sign_up_some(shifts, helpers, rng)
    for number, (title, description, skills, place, private, days, start, minutes) in enumerate(REQUESTS):
        asker = residents[-1 - number]
        request = volunteering.post_task(neighbourhood, volunteering.TaskDetails(
            title, description, skills, 1, place, today + timedelta(days=days), time.fromisoformat(start), minutes,
            private_place=private), posted_by=asker, origin=Origin.REQUEST)
        if number == 0:
            first_shift = volunteering.coming_shifts(request, 1)[0]
            volunteering.volunteer_for_shift(first_shift.id, helpers[0].id)
    _two_months_done(neighbourhood, coordinator, helpers, rng)


def _next_weekday(today: date, weekday: int, pattern: str) -> date:
    """The first fitting date from tomorrow on (for 'the last Friday' that is a last Friday)."""
    day = today + timedelta(days=1)
    while day.weekday() != weekday or not recurrence.first_date_matches(pattern, day):
        day += timedelta(days=1)
    return day


def _sign_up_some(tasks: list[Task], helpers: list[User], rng: random.Random) -> None:
    bar, taxi, walks = tasks[0], tasks[1], tasks[2]
    volunteering.join_every_time(bar, helpers[0].id)
    volunteering.join_every_time(taxi, helpers[min(6, len(helpers) - 1)].id)
    for task in (walks, tasks[5]):
        for shift in volunteering.coming_shifts(task, 3):
            for person in rng.sample(helpers, min(2, len(helpers))):
                volunteering.volunteer_for_shift(shift.id, person.id)


def _task_from_the_playground(neighbourhood: Neighbourhood, residents: list[User]) -> None:
    """The playground initiative's 'hands' need becomes a task, posted by its initiator."""
    initiative = db.session.scalar(select(Initiative).where(Initiative.neighbourhood_id == neighbourhood.id,
                                                            Initiative.title == "Speeltuin opknappen"))
    need = next((need for need in initiative.needs if need.kind == NeedKind.HANDS.value), None) if initiative else None
    if need is None or initiative.proposer is None:
        return
    volunteering.post_task(neighbourhood, volunteering.TaskDetails(
        "Schilderen in de speeltuin", "Het hek en de bank in de speeltuin schilderen. Verf en kwasten zijn er.",
        ["odd_jobs", "children"], need.people or 6, "Speeltuin Ruwaardsingel",
        _next_weekday(recurrence.local_today(), 5, "once"), time(10), 180), posted_by=initiative.proposer, need=need)


def _two_months_done(neighbourhood: Neighbourhood, coordinator: User, helpers: list[User], rng: random.Random) -> None:
    """Bar duty and coffee rounds of the last eight weeks, so tellen en vertellen has figures."""
    first = _next_weekday(recurrence.local_today() - timedelta(weeks=9), 1, "weekly")
    task = Task(neighbourhood_id=neighbourhood.id, origin=Origin.COORDINATOR.value, title="Koffieronde bij ouderen",
                description="Met de koffiekar langs de flat aan de Ruwaardsingel.", skills="visiting,listening",
                people_needed=3, place="Flat Ruwaardsingel", first_date=first, start_time=time(10),
                duration_minutes=120, rrule=recurrence.rrule_for("weekly", first), posted_by_id=coordinator.id)
    db.session.add(task)
    db.session.flush()
    volunteering.materialise(task)
    past = db.session.scalars(select(Shift).where(Shift.task_id == task.id, Shift.ends_at < volunteering.utcnow())).all()
    for shift in past:
        for person in rng.sample(helpers, min(rng.randint(1, 3), len(helpers))):
            db.session.add(Booking(slot_id=shift.id, user_id=person.id, status=Status.CONFIRMED.value,
                                  created_at=shift.starts_at - timedelta(days=2)))
            shift.confirmed_count += 1
    db.session.commit()

"""A realistic agenda for De Haard (De Ruwaard, Oss) and for Selwerd: coffee mornings, taalcafé,
a monthly buurtlunch, Vitality Club, GGD sessions, crafts, a repair café, a DJ night."""
from __future__ import annotations

import random
from datetime import time, timedelta

from sqlalchemy import select

from community.accounts.models import User
from community import recurrence
from community.agenda import services as agenda
from community.agenda.models import Activity
from community.extensions import db
from community.neighbourhoods.models import Membership, Neighbourhood

# (weekday 0=Monday, start, minutes, title, kind, room, pattern, signup places or None, cost cents, languages, text)
DE_HAARD = [
    (0, "09:30", 120, "Koffie-ochtend", "coffee", "Huiskamer", "weekly", None, 0, "nl,tr,ar", "Binnenlopen voor koffie, thee en een praatje. Iedereen welkom."),
    (0, "10:00", 90, "Taalcafé", "language_cafe", "Vergaderkamer", "weekly", 8, 0, "nl,ar,tr,uk,pl", "Nederlands oefenen in een kleine groep, met vrijwilligers die geduld hebben."),
    (0, "13:30", 60, "Vitality Club", "vitality", "Grote zaal", "weekly", 20, 0, "nl", "Samen bewegen en elkaar coachen. Op je eigen tempo."),
    (0, "14:00", 120, "Handwerkclub", "creative", "Creatieve ruimte", "weekly", None, 0, "nl,tr", "Breien, haken en borduren. Neem je eigen werk mee of leer het hier."),
    (0, "19:30", 90, "Ronde-tafelgesprek", "round_table", "Vergaderkamer", "monthly_1", 10, 0, "nl", "Wat speelt er in de buurt? Praat mee over plannen en zorgen."),
    (1, "09:30", 120, "Koffie-ochtend", "coffee", "Huiskamer", "weekly", None, 0, "nl,tr,ar", "Binnenlopen voor koffie, thee en een praatje. Iedereen welkom."),
    (1, "10:00", 90, "Gezond leven met de GGD", "health", "Grote zaal", "biweekly", 15, 0, "nl,en", "Een verpleegkundige van de GGD vertelt over gezond eten, slapen en bewegen. Bloeddruk meten kan ook."),
    (1, "12:30", 90, "Samen eten", "lunch", "Keuken", "weekly", 12, 400, "nl,ar", "Koken en eten met buren. Vegetarisch en halal."),
    (1, "14:00", 60, "Computerhulp", "other", "Vergaderkamer", "weekly", 4, 0, "nl,pl", "Hulp met je telefoon, DigiD of e-mail. Neem je apparaat mee."),
    (1, "15:30", 90, "Kinderknutselen", "children", "Creatieve ruimte", "weekly", 10, 0, "nl", "Knutselen voor kinderen van 4 tot 10 jaar. Ouders mogen blijven."),
    (2, "09:30", 120, "Koffie-ochtend", "coffee", "Huiskamer", "weekly", None, 0, "nl,tr,ar", "Binnenlopen voor koffie, thee en een praatje. Iedereen welkom."),
    (2, "10:00", 90, "Wandelen door De Ruwaard", "walk", None, "weekly", None, 0, "nl", "Een rustige wandeling van een uur, we vertrekken bij de voordeur."),
    (2, "14:00", 90, "Taalcafé", "language_cafe", "Vergaderkamer", "weekly", 8, 0, "nl,ar,tr,uk,pl", "Nederlands oefenen in een kleine groep."),
    (2, "19:00", 150, "Repair café", "repair", "Grote zaal", "monthly_1", None, 0, "nl,en", "Kapotte lamp, fiets of broek? Samen repareren we het."),
    (3, "09:30", 120, "Koffie-ochtend", "coffee", "Huiskamer", "weekly", None, 0, "nl,tr,ar", "Binnenlopen voor koffie, thee en een praatje. Iedereen welkom."),
    (3, "10:00", 60, "Vitality Club", "vitality", "Grote zaal", "weekly", 20, 0, "nl", "Samen bewegen en elkaar coachen. Op je eigen tempo."),
    (3, "13:00", 90, "Buurttafel", "round_table", "Huiskamer", "weekly", None, 0, "nl", "Aan tafel met de buurtregisseur: vragen, ideeën en hulp."),
    (3, "19:30", 90, "Buurtkoor", "music", "Grote zaal", "weekly", None, 200, "nl,pl", "Zingen zonder auditie. Iedereen kan het."),
    (4, "09:30", 120, "Koffie-ochtend", "coffee", "Huiskamer", "weekly", None, 0, "nl,tr,ar", "Binnenlopen voor koffie, thee en een praatje. Iedereen welkom."),
    (4, "12:30", 90, "Buurtlunch", "lunch", "Grote zaal", "monthly_last", 40, 350, "nl,tr,ar", "Eén keer per maand lunchen we met de hele buurt. Aanmelden graag."),
    (4, "14:00", 90, "Bingo", "other", "Huiskamer", "weekly", 25, 100, "nl", "Gezellig bingo met kleine prijzen."),
    (4, "20:00", 180, "DJ-avond", "music", "Grote zaal", "monthly_2", 60, 200, "nl,en", "Dansen op muziek van vroeger en nu, met DJ Ruud."),
    (5, "10:00", 120, "Kinderclub", "children", "Creatieve ruimte", "weekly", 12, 0, "nl", "Spelletjes en knutselen voor kinderen van 6 tot 12."),
]

SELWERD = [
    (0, "10:00", 120, "Koffie in de buurtkamer", "coffee", "Buurtkamer", "weekly", None, 0, "nl,ar,uk", "Even binnenlopen voor koffie en een praatje."),
    (1, "14:00", 90, "Taalmaatjes", "language_cafe", "Buurtkamer", "weekly", 10, 0, "nl,uk,ar", "Nederlands praten met een taalmaatje."),
    (2, "13:30", 120, "Atelier voor iedereen", "creative", "Atelier", "weekly", 8, 0, "nl", "Tekenen en schilderen, materiaal is er."),
    (3, "10:00", 60, "Stoelyoga", "vitality", "Tuinkamer", "weekly", 12, 0, "nl", "Rustig bewegen op een stoel."),
    (4, "12:30", 90, "Buurtlunch", "lunch", "Buurtkamer", "monthly_last", 30, 300, "nl,ar", "Samen lunchen met de buurt."),
    (2, "19:00", 120, "Repair café", "repair", "Tuinkamer", "monthly_3", None, 0, "nl", "Samen repareren in plaats van weggooien."),
]


def _first_date_for(weekday: int, pattern: str):
    """A date in the current month that fits the pattern, so the demo shows this week's agenda."""
    today = recurrence.local_today()
    week_monday = recurrence.week_start(today) - timedelta(weeks=2)
    first = week_monday + timedelta(days=weekday)
    if pattern.startswith("monthly"):
        month_start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        candidates = [month_start + timedelta(days=n) for n in range(62)
                      if (month_start + timedelta(days=n)).weekday() == weekday]
        first = next(day for day in candidates if recurrence.first_date_matches(pattern, day))
    return first


def build_agenda_demo(slug: str, programme: list) -> None:
    neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == slug))
    if neighbourhood is None or db.session.scalar(select(Activity.id).where(Activity.neighbourhood_id == neighbourhood.id).limit(1)):
        return
    rooms = {room.name: room.id for room in neighbourhood.house.rooms}
    for weekday, start, minutes, title, kind, room, pattern, places, cost, languages, text in programme:
        hour, minute = map(int, start.split(":"))
        agenda.create_activity(neighbourhood, agenda.ActivityDetails(
            title=title, description=text, kind=kind, room_id=rooms.get(room), organiser_id=None, cost_cents=cost,
            needs_signup=places is not None, capacity=places, languages=languages.split(","),
            first_date=_first_date_for(weekday, pattern), start_time=time(hour, minute), duration_minutes=minutes,
            pattern=pattern))
    _demo_sign_ups(neighbourhood)


def _demo_sign_ups(neighbourhood: Neighbourhood) -> None:
    """Fill this week's dates a little; the computer help and one lunch get a waitlist."""
    rng = random.Random(neighbourhood.slug)
    residents = list(db.session.scalars(select(User.id).join(Membership).where(
        Membership.neighbourhood_id == neighbourhood.id, Membership.role == "resident")))
    week = recurrence.week_start(recurrence.local_today())
    coming = [o for o in agenda.occurrences_between(neighbourhood.id, week, 14)
              if o.activity.needs_signup and o.starts_at > agenda.utcnow()]
    for occurrence in coming:
        full = occurrence.activity.title in ("Computerhulp", "Taalmaatjes")
        wanted = (occurrence.capacity or 10) + 2 if full else rng.randint(1, max(2, (occurrence.capacity or 10) // 2))
        for user_id in rng.sample(residents, min(wanted, len(residents))):
            agenda.sign_up_for_occurrence(occurrence.id, user_id)
    db.session.commit()


def build_all() -> None:
    build_agenda_demo("de-ruwaard", DE_HAARD)
    build_agenda_demo("selwerd", SELWERD)




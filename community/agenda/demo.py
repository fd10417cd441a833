"""A realistic agenda for De Haard (De Ruwaard, Oss), a full house of some 55 dates a week, and for
Selwerd: coffee mornings, taalcafé, a monthly buurtlunch, Vitality Club, the wijkteam's spreekuur, crafts,
homework help, a repair café, games, a choir and a DJ night."""
from __future__ import annotations

import random
from datetime import time, timedelta

from sqlalchemy import select

from community.accounts.models import User
from community import recurrence
from community.agenda import services as agenda
from community.agenda.demo_history import visits_of_past_dates
from community.agenda.models import Activity
from community.demo_pictures import demo_photo
from community.extensions import db
from community.neighbourhoods.models import Membership, Neighbourhood

# A full house, as in the source documents (200+ activities a week in De Haard): what the house offers,
# title -> (kind, places or None for walking in, cost in cents, languages spoken, text) ...
DE_HAARD_OFFER = {
    "Koffie-ochtend": ("coffee", None, 0, "nl,tr,ar", "Binnenlopen voor koffie, thee en een praatje. Iedereen welkom."),
    "Zaterdagkoffie": ("coffee", None, 0, "nl,tr,ar", "Koffie, thee en de krant, ook voor wie door de week werkt."),
    "Vrijdagavondcafé": ("coffee", None, 0, "nl,en", "Aan de bar met buren: koffie, thee en frisdrank. Vrijwilligers schenken."),
    "Taalcafé": ("language_cafe", 8, 0, "nl,ar,tr,uk,pl", "Nederlands oefenen in een kleine groep, met vrijwilligers die geduld hebben."),
    "Taalles voor beginners": ("language_cafe", 10, 0, "nl,ar,uk", "De eerste woorden en zinnen: boodschappen doen, de dokter bellen, een praatje op straat."),
    "Samen eten": ("lunch", 12, 400, "nl,ar", "Koken en eten met buren. Vegetarisch en halal."),
    "Soeplunch": ("lunch", 20, 150, "nl,tr", "Verse soep met brood voor € 1,50. Schuif gewoon aan."),
    "Buurtmaaltijd": ("lunch", 16, 500, "nl,tr,ar", "Een warme maaltijd met buren voor € 5. Aanmelden tot de dag ervoor."),
    "Samen koken": ("lunch", 8, 300, "nl,pl", "Samen een maaltijd koken en daarna samen opeten. Recepten uit de buurt."),
    "Wereldkeuken": ("lunch", 14, 350, "nl,ar,tr,uk", "Elke week kookt een andere buur een gerecht uit haar of zijn land."),
    "Buurtlunch": ("lunch", 40, 350, "nl,tr,ar", "Eén keer per maand lunchen we met de hele buurt. Aanmelden graag."),
    "Vitality Club": ("vitality", 20, 0, "nl", "Samen bewegen en elkaar coachen. Op je eigen tempo."),
    "Yoga op de stoel": ("vitality", 15, 0, "nl,en", "Rustige yoga zittend op een stoel. Goed voor je rug en je adem."),
    "Koersbal": ("vitality", None, 0, "nl", "Een rustig balspel op de mat, voor iedereen. Ballen zijn er."),
    "Seniorengym": ("vitality", 20, 0, "nl,tr", "Soepel blijven met oefeningen op muziek, met een fysiotherapeut."),
    "Gezond leven met de GGD": ("health", 15, 0, "nl,en", "Een verpleegkundige van de GGD vertelt over gezond eten, slapen en bewegen. Bloeddruk meten kan ook."),
    "Spreekuur wijkteam": ("advice", None, 0, "nl,ar,tr", "Vragen over zorg, geld, wonen of eenzaamheid? Loop binnen bij het wijkteam."),
    "Formulierenhulp": ("advice", None, 0, "nl,ar,pl", "Hulp bij brieven en formulieren van de gemeente, de belasting of de toeslagen."),
    "Buurttafel": ("round_table", None, 0, "nl", "Aan tafel met de buurtregisseur: vragen, ideeën en hulp."),
    "Ronde-tafelgesprek": ("round_table", 10, 0, "nl", "Wat speelt er in de buurt? Praat mee over plannen en zorgen."),
    "Vrouwenavond": ("round_table", None, 0, "nl,ar,tr", "Een avond voor vrouwen uit de buurt: praten, thee en soms een workshop."),
    "Handwerkclub": ("creative", None, 0, "nl,tr", "Breien, haken en borduren. Neem je eigen werk mee of leer het hier."),
    "Naaiatelier": ("creative", 8, 0, "nl,tr,ar", "Kleding herstellen of zelf iets maken. Naaimachines zijn er."),
    "Schilderclub": ("creative", 10, 200, "nl", "Schilderen met acryl en waterverf. Materiaal is er, voor € 2."),
    "Kinderknutselen": ("children", 10, 0, "nl", "Knutselen voor kinderen van 4 tot 10 jaar. Ouders mogen blijven."),
    "Kinderclub": ("children", 12, 0, "nl", "Spelletjes en knutselen voor kinderen van 6 tot 12."),
    "Huiswerkbegeleiding": ("children", 8, 0, "nl,ar,tr", "Hulp bij huiswerk voor de basisschool en de brugklas, met studenten uit de buurt."),
    "Tienerinloop": ("children", None, 0, "nl,en", "Voor jongeren van 12 tot 16: chillen, spelletjes en iemand die luistert."),
    "Computerhulp": ("digital", 4, 0, "nl,pl", "Hulp met je telefoon, DigiD of e-mail. Neem je apparaat mee."),
    "Digicafé": ("digital", 6, 0, "nl,uk", "Oefenen met DigiD, de bank-app en videobellen, op je eigen telefoon of tablet."),
    "Repair café": ("repair", None, 0, "nl,en", "Kapotte lamp, fiets of broek? Samen repareren we het."),
    "Fietsenwerkplaats": ("repair", None, 0, "nl,ar", "Samen je fiets maken voor de deur van De Haard. Gereedschap is er."),
    "Buurtkoor": ("music", None, 200, "nl,pl", "Zingen zonder auditie. Iedereen kan het."),
    "Line dance": ("music", 20, 200, "nl", "Dansen in een rij, stap voor stap. Geen partner nodig."),
    "DJ-avond": ("music", 60, 200, "nl,en", "Dansen op muziek van vroeger en nu, met DJ Ruud."),
    "Wandelen door De Ruwaard": ("walk", None, 0, "nl", "Een rustige wandeling van een uur, we vertrekken bij de voordeur."),
    "Bingo": ("games", 25, 100, "nl", "Gezellig bingo met kleine prijzen."),
    "Sjoelen": ("games", None, 0, "nl", "Sjoelen en kaarten, met koffie en iets lekkers."),
    "Klaverjassen": ("games", None, 100, "nl", "Klaverjassen in koppels. Nieuwe spelers leren het snel."),
    "Schaakclub": ("games", None, 0, "nl,uk,ar", "Schaken voor beginners en gevorderden. Borden zijn er."),
    "Spelletjesmiddag": ("games", None, 0, "nl,ar,tr", "Bordspellen voor jong en oud."),
}

# ... and when and where: (weekday 0=Monday, start, minutes, title, room, pattern). No room holds two at once;
# the house is closed on Sunday.
DE_HAARD_WEEK = [
    (0, "09:30", 120, "Koffie-ochtend", "Huiskamer", "weekly"),
    (0, "10:00", 90, "Taalcafé", "Vergaderkamer", "weekly"),
    (0, "10:00", 60, "Yoga op de stoel", "Grote zaal", "weekly"),
    (0, "10:00", 120, "Spreekuur wijkteam", "Spreekkamer", "weekly"),
    (0, "13:30", 60, "Vitality Club", "Grote zaal", "weekly"),
    (0, "13:30", 90, "Taalles voor beginners", "Leslokaal", "weekly"),
    (0, "14:00", 120, "Handwerkclub", "Creatieve ruimte", "weekly"),
    (0, "15:30", 90, "Huiswerkbegeleiding", "Vergaderkamer", "weekly"),
    (0, "19:00", 120, "Schaakclub", "Huiskamer", "weekly"),
    (0, "19:30", 90, "Ronde-tafelgesprek", "Vergaderkamer", "monthly_1"),
    (1, "09:30", 120, "Koffie-ochtend", "Huiskamer", "weekly"),
    (1, "10:00", 90, "Gezond leven met de GGD", "Grote zaal", "biweekly"),
    (1, "10:00", 120, "Naaiatelier", "Creatieve ruimte", "weekly"),
    (1, "10:30", 90, "Spreekuur wijkteam", "Spreekkamer", "weekly"),
    (1, "12:30", 90, "Samen eten", "Keuken", "weekly"),
    (1, "14:00", 60, "Computerhulp", "Vergaderkamer", "weekly"),
    (1, "14:00", 90, "Koersbal", "Grote zaal", "weekly"),
    (1, "15:30", 90, "Kinderknutselen", "Creatieve ruimte", "weekly"),
    (1, "15:30", 90, "Huiswerkbegeleiding", "Leslokaal", "weekly"),
    (1, "19:30", 120, "Vrouwenavond", "Huiskamer", "weekly"),
    (1, "19:30", 90, "Line dance", "Grote zaal", "weekly"),
    (2, "09:30", 120, "Koffie-ochtend", "Huiskamer", "weekly"),
    (2, "10:00", 90, "Wandelen door De Ruwaard", None, "weekly"),
    (2, "10:00", 60, "Yoga op de stoel", "Grote zaal", "weekly"),
    (2, "10:00", 120, "Formulierenhulp", "Spreekkamer", "weekly"),
    (2, "12:30", 60, "Soeplunch", "Keuken", "weekly"),
    (2, "13:30", 120, "Kinderclub", "Creatieve ruimte", "weekly"),
    (2, "14:00", 90, "Taalcafé", "Vergaderkamer", "weekly"),
    (2, "14:00", 120, "Sjoelen", "Huiskamer", "weekly"),
    (2, "16:00", 90, "Huiswerkbegeleiding", "Leslokaal", "weekly"),
    (2, "19:00", 150, "Repair café", "Grote zaal", "monthly_1"),
    (2, "19:30", 150, "Klaverjassen", "Huiskamer", "weekly"),
    (3, "09:30", 120, "Koffie-ochtend", "Huiskamer", "weekly"),
    (3, "10:00", 60, "Vitality Club", "Grote zaal", "weekly"),
    (3, "10:00", 120, "Schilderclub", "Creatieve ruimte", "weekly"),
    (3, "10:00", 120, "Digicafé", "Leslokaal", "weekly"),
    (3, "10:30", 90, "Spreekuur wijkteam", "Spreekkamer", "weekly"),
    (3, "13:00", 90, "Buurttafel", "Huiskamer", "weekly"),
    (3, "14:00", 60, "Seniorengym", "Grote zaal", "weekly"),
    (3, "15:30", 90, "Huiswerkbegeleiding", "Leslokaal", "weekly"),
    (3, "17:30", 120, "Buurtmaaltijd", "Keuken", "weekly"),
    (3, "19:00", 90, "Taalcafé", "Vergaderkamer", "weekly"),
    (3, "19:30", 90, "Buurtkoor", "Grote zaal", "weekly"),
    (4, "09:30", 120, "Koffie-ochtend", "Huiskamer", "weekly"),
    (4, "10:00", 60, "Yoga op de stoel", "Grote zaal", "weekly"),
    (4, "10:00", 90, "Taalcafé", "Vergaderkamer", "weekly"),
    (4, "10:00", 120, "Handwerkclub", "Creatieve ruimte", "weekly"),
    (4, "10:00", 150, "Samen koken", "Keuken", "weekly"),
    (4, "12:30", 90, "Buurtlunch", "Grote zaal", "monthly_last"),
    (4, "14:00", 90, "Bingo", "Huiskamer", "weekly"),
    (4, "15:00", 120, "Tienerinloop", "Leslokaal", "weekly"),
    (4, "19:00", 120, "Vrijdagavondcafé", "Huiskamer", "weekly"),
    (4, "20:00", 180, "DJ-avond", "Grote zaal", "monthly_2"),
    (5, "10:00", 120, "Kinderclub", "Creatieve ruimte", "weekly"),
    (5, "10:00", 180, "Fietsenwerkplaats", None, "weekly"),
    (5, "10:30", 90, "Zaterdagkoffie", "Huiskamer", "weekly"),
    (5, "13:00", 120, "Wereldkeuken", "Keuken", "weekly"),
    (5, "13:30", 120, "Spelletjesmiddag", "Grote zaal", "weekly"),
]

# (weekday, start, minutes, title, kind, room, pattern, signup places or None, cost cents, languages, text)
DE_HAARD = [(weekday, start, minutes, title, DE_HAARD_OFFER[title][0], room, pattern, *DE_HAARD_OFFER[title][1:])
            for weekday, start, minutes, title, room, pattern in DE_HAARD_WEEK]

SELWERD = [
    (0, "10:00", 120, "Koffie in de buurtkamer", "coffee", "Buurtkamer", "weekly", None, 0, "nl,ar,uk", "Even binnenlopen voor koffie en een praatje."),
    (1, "14:00", 90, "Taalmaatjes", "language_cafe", "Buurtkamer", "weekly", 10, 0, "nl,uk,ar", "Nederlands praten met een taalmaatje."),
    (2, "13:30", 120, "Atelier voor iedereen", "creative", "Atelier", "weekly", 8, 0, "nl", "Tekenen en schilderen, materiaal is er."),
    (3, "10:00", 60, "Stoelyoga", "vitality", "Tuinkamer", "weekly", 12, 0, "nl", "Rustig bewegen op een stoel."),
    (4, "12:30", 90, "Buurtlunch", "lunch", "Buurtkamer", "monthly_last", 30, 300, "nl,ar", "Samen lunchen met de buurt."),
    (2, "19:00", 120, "Repair café", "repair", "Tuinkamer", "monthly_3", None, 0, "nl", "Samen repareren in plaats van weggooien."),
]


# A few series have a picture, as a house would put on its own posters; the others show their kind's pictogram.
PICTURE_OF = {"Koffie-ochtend": "coffee", "Wandelen door De Ruwaard": "walk", "Repair café": "repair",
              "Buurtkoor": "choir"}


HISTORY_WEEKS = 16   # the programme has run for a few months, so "Tellen en vertellen" has something to count


def _first_date_for(weekday: int, pattern: str):
    """A date some months back that fits the pattern: the series runs through this week's agenda and
    has a past of dates that were held."""
    today = recurrence.local_today()
    week_monday = recurrence.week_start(today) - timedelta(weeks=HISTORY_WEEKS)
    first = week_monday + timedelta(days=weekday)
    if pattern.startswith("monthly"):
        month_start = week_monday.replace(day=1)
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
            pattern=pattern, **_picture(title, neighbourhood)))
    _demo_sign_ups(neighbourhood)
    visits_of_past_dates(neighbourhood)


def _picture(title: str, neighbourhood: Neighbourhood) -> dict:
    return {"photo": demo_photo(PICTURE_OF[title], neighbourhood.id)} if title in PICTURE_OF else {}


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




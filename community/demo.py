"""Realistic demo data: real neighbourhoods and community houses from the source documents,
neighbours with names heard there. Idempotent: running it again adds nothing twice."""
from __future__ import annotations

import random
from datetime import time
from contextlib import nullcontext

from sqlalchemy import select

from community.accounts.models import User
from community.accounts.services import hash_password
from community.db import utcnow
from community.extensions import db
from community.neighbourhoods.models import CommunityHouse, Membership, Neighbourhood, OpeningPeriod, Role, Room

DEMO_PASSWORD = "samen-de-buurt-in"
RESIDENTS_PER_NEIGHBOURHOOD = 50

NEIGHBOURHOODS = [
    {
        "slug": "de-ruwaard", "name": "De Ruwaard", "city": "Oss",
        "description": "Een wijk van zo'n 13.000 mensen, met Huis van de Wijk De Haard als huiskamer. "
                       "Hier beginnen we bij wat bewoners kunnen: Wat wil je? Wat kun je? Wat heb je nodig?",
        "house": {"name": "Huis van de Wijk De Haard", "street_address": "Ruwaardsingel 2", "postcode": "5344 AA",
                  "city": "Oss", "phone": "0412 123 456",
                  "opening_note": "In de schoolvakanties sluiten we om 17:00."},
        # (weekdays, opens, closes): Monday is 0
        "hours": [(range(0, 5), "09:00", "21:30"), ([5], "10:00", "16:00")],
        "rooms": [("Grote zaal", 80, True, True), ("Huiskamer", 25, True, True), ("Keuken", 12, True, False),
                  ("Creatieve ruimte", 16, True, False), ("Vergaderkamer", 10, False, False),
                  ("Leslokaal", 14, True, True), ("Spreekkamer", 4, True, False)],
        "coordinator": ("Marieke van den Heuvel", "marieke@example.org", "nl"),
        "treasurer": ("Henk Verstegen", "henk@example.org", "nl"),
    },
    {
        "slug": "selwerd", "name": "Selwerd", "city": "Groningen",
        "description": "De buurt stuurt, de professional ondersteunt. De buurtregisseur helpt ideeën van bewoners op weg.",
        "house": {"name": "Huis van de Wijk Selwerd", "street_address": "Zonnelaan 36", "postcode": "9742 BN",
                  "city": "Groningen", "phone": "050 123 4567"},
        "hours": [(range(0, 4), "09:00", "12:30"), (range(0, 4), "13:30", "17:00"), ([4], "09:00", "13:00")],
        "rooms": [("Buurtkamer", 30, True, True), ("Atelier", 14, True, False), ("Tuinkamer", 20, True, False)],
        "coordinator": ("Jeroen Bakker", "jeroen@example.org", "nl"),
        "treasurer": ("Fatma Yıldız", "fatma@example.org", "tr"),
    },
    {
        "slug": "de-posten", "name": "De Posten", "city": "Enschede",
        "description": "Een wijk van 4.425 inwoners, veel sociale huur en veel buren die elkaar willen helpen.",
        "house": {"name": "Wijkcentrum De Posten", "street_address": "Postjesweg 10", "postcode": "7545 AB",
                  "city": "Enschede"},
        "hours": [([1, 3], "10:00", "16:00")],
        "rooms": [("Ontmoetingsruimte", 40, True, True), ("Keuken", 10, True, False)],
        "coordinator": ("Sanne Nijhuis", "sanne@example.org", "nl"),
        "treasurer": None,
    },
]

# Names heard in these neighbourhoods, with the language people prefer.
FIRST_NAMES = [
    ("Ans", "nl"), ("Wim", "nl"), ("Truus", "nl"), ("Gerrit", "nl"), ("Riek", "nl"), ("Kees", "nl"),
    ("Lotte", "nl"), ("Daan", "nl"), ("Sem", "nl"), ("Noor", "nl"), ("Bram", "nl"), ("Joke", "nl"),
    ("Ahmed", "ar"), ("Fatima", "ar"), ("Youssef", "ar"), ("Amira", "ar"), ("Rania", "ar"), ("Omar", "ar"),
    ("Mehmet", "tr"), ("Ayşe", "tr"), ("Emine", "tr"), ("Hasan", "tr"), ("Zeynep", "tr"),
    ("Kasia", "pl"), ("Piotr", "pl"), ("Agnieszka", "pl"), ("Tomasz", "pl"),
    ("Olena", "uk"), ("Andriy", "uk"), ("Iryna", "uk"), ("Mykola", "uk"),
    ("Grace", "en"), ("Tesfay", "en"), ("Hodan", "en"), ("Shurandy", "nl"), ("Dyantha", "nl"),
]
INITIALS = "ABCDEGHJKLMNPRSTVWY"


def _demo_user(name: str, email: str, locale: str, password_hash: str, *, is_admin: bool = False) -> User:
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, display_name=name, password_hash=password_hash, locale=locale,
                    is_admin=is_admin, is_email_confirmed=True, confirmed_at=utcnow())
        db.session.add(user)
        db.session.flush()
    return user


def _ensure_role(user: User, neighbourhood: Neighbourhood, role: Role, *, confirmed: bool = True) -> None:
    if role.value not in user.roles_in(neighbourhood.id):
        user.memberships.append(Membership(neighbourhood_id=neighbourhood.id, role=role.value,
                                           confirmed_at=utcnow() if confirmed else None))


def _ensure_neighbourhood(spec: dict) -> tuple[Neighbourhood, bool]:
    neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == spec["slug"]))
    if neighbourhood is not None:
        return neighbourhood, False
    neighbourhood = Neighbourhood(slug=spec["slug"], name=spec["name"], city=spec["city"], description=spec["description"])
    neighbourhood.house = CommunityHouse(**spec["house"])
    neighbourhood.house.opening_periods = [
        OpeningPeriod(weekday=day, opens_at=time.fromisoformat(opens), closes_at=time.fromisoformat(closes))
        for days, opens, closes in spec["hours"] for day in days]
    for name, capacity, wheelchair, loop in spec["rooms"]:
        neighbourhood.house.rooms.append(
            Room(name=name, capacity=capacity, is_wheelchair_accessible=wheelchair, has_hearing_loop=loop))
    db.session.add(neighbourhood)
    db.session.flush()
    return neighbourhood, True


def build_demo_data(residents_per_neighbourhood: int = RESIDENTS_PER_NEIGHBOURHOOD) -> str:
    """Build everything; links are made for BASE_URL and no email goes out to invented people."""
    from flask import current_app, has_request_context

    from community.mail.services import mail_suppressed

    site = nullcontext() if has_request_context() else current_app.test_request_context(
        base_url=current_app.config["BASE_URL"])
    with site, mail_suppressed():
        return _build(residents_per_neighbourhood)


def _build(residents_per_neighbourhood: int) -> str:
    password_hash = hash_password(DEMO_PASSWORD)  # one hash for every demo account: fast and the same
    admin = _demo_user("Beheer Buurtkracht", "admin@example.org", "nl", password_hash, is_admin=True)
    created = []
    for spec in NEIGHBOURHOODS:
        neighbourhood, is_new = _ensure_neighbourhood(spec)
        if is_new:
            created.append(neighbourhood.name)
        for role in ("coordinator", "treasurer"):
            if spec[role]:
                name, email, locale = spec[role]
                person = _demo_user(name, email, locale, password_hash)
                _ensure_role(person, neighbourhood, Role.RESIDENT)
                _ensure_role(person, neighbourhood, Role(role))
        _add_residents(neighbourhood, residents_per_neighbourhood, password_hash)
    _ensure_role(admin, db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "de-ruwaard")), Role.RESIDENT)
    db.session.commit()
    from community.agenda.demo import build_all as build_agenda
    from community.initiatives.demo import build_initiatives_demo

    from community.talents.demo import build_talents_demo
    from community.kiosk.demo import build_kiosk_demo
    from community.pot.demo import build_pots_demo
    from community.stories.demo import build_stories_demo
    from community.volunteering.demo import build_volunteering_demo

    build_agenda()
    build_initiatives_demo()
    build_talents_demo()
    build_volunteering_demo()
    build_pots_demo()
    build_kiosk_demo()
    from community.cards.demo import build_cards_demo

    build_cards_demo()
    from community.cards.collecting.demo import build_collecting_demo  # after the cards' own demo: it needs the edition

    build_collecting_demo()
    build_stories_demo()
    return f"Demo data ready. New neighbourhoods: {', '.join(created) or 'none'}."


NEW_NEIGHBOURS = 2


def _add_residents(neighbourhood: Neighbourhood, count: int, password_hash: str) -> None:
    rng = random.Random(neighbourhood.slug)  # the same neighbours every run
    for number in range(1, count + 1):
        first, locale = rng.choice(FIRST_NAMES)
        name = f"{first} {rng.choice(INITIALS)}."
        user = _demo_user(name, f"{neighbourhood.slug}.{number}@example.org", locale, password_hash)
        # The last two joined this week: the buurtregisseur has yet to confirm them.
        _ensure_role(user, neighbourhood, Role.RESIDENT, confirmed=number <= count - NEW_NEIGHBOURS)

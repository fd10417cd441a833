"""Buurtplaatjes De Ruwaard: a complete edition of 40 cards on 8 album pages, neighbours aged 4 to 93, two
pets, a child's card made by her mother, one card whose maker took it back, and a swap afternoon and a
story evening in the agenda of De Haard. The portraits are flat drawings made here with Pillow (nothing is
fetched), uploaded through the image service like a photo from a phone."""
from __future__ import annotations

import io
import random
from datetime import time, timedelta

from PIL import Image, ImageDraw
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from community.accounts.models import User
from community.cards import editions, making, reviewing
from community.cards.models import Edition, EditionState
from community.extensions import db
from community.images import services as images
from community.neighbourhoods.models import Neighbourhood
from community.recurrence import local_today

PAGES = [  # Dutch title, English, Turkish, Arabic
    ("Mensen die heel hard zingen als ze alleen zijn", "People who sing very loudly when alone",
     "Yalnızken çok yüksek sesle şarkı söyleyenler", "أناس يغنّون بصوت عالٍ عندما يكونون وحدهم"),
    ("Mensen die ooit het roer hebben omgegooid", "People who once turned their life around",
     "Bir zamanlar hayatını değiştirenler", "أناس غيّروا مسار حياتهم"),
    ("Mensen die iedereen in de straat kennen", "People who know everyone in the street",
     "Sokaktaki herkesi tanıyanlar", "أناس يعرفون كل من في الشارع"),
    ("Mensen die de lekkerste soep maken", "People who make the best soup", "En güzel çorbayı yapanlar",
     "أناس يطبخون ألذّ شوربة"),
    ("Mensen die altijd op de fiets zitten", "People who are always on their bike", "Hep bisiklete binenler",
     "أناس على الدراجة دائمًا"),
    ("Mensen die alles kunnen repareren", "People who can fix anything", "Her şeyi tamir edebilenler",
     "أناس يستطيعون إصلاح كل شيء"),
    ("Mensen die elke ochtend vroeg wandelen", "People who walk early every morning",
     "Her sabah erkenden yürüyenler", "أناس يمشون باكرًا كل صباح"),
    ("Dieren uit de buurt", "Animals of the neighbourhood", "Mahallenin hayvanları", "حيوانات الحي"),
]
CARDS = [  # name, age, page, line
    ("Truus", 93, 2, "Ik woon hier al sinds 1958"), ("Ahmet", 67, 3, "Mijn linzensoep is beroemd op de markt"),
    ("Sanne", 34, 0, "Ik zing Abba in de auto"), ("Piet", 78, 5, "Geef mij een schroevendraaier en ik maak het"),
    ("Yasmina", 41, 1, "Van advocaat naar bakker"), ("Kees", 55, 4, "Nog nooit een auto gehad"),
    ("Olena", 29, 0, "Oekraïense liedjes onder de douche"), ("Bram", 12, 4, "Ik fiets elke dag naar school"),
    ("Marja", 63, 6, "Om zes uur ben ik al op pad"), ("Hasan", 48, 5, "Ik repareer fietsen voor de hele straat"),
    ("Ria", 81, 2, "Ik weet van iedereen de verjaardag"), ("Tomasz", 38, 1, "Van Gdańsk naar Oss, en blij"),
    ("Lotte", 9, 0, "Ik zing het hardst van de klas"), ("Gerrit", 88, 6, "Elke dag een rondje om de vijver"),
    ("Fatima", 52, 3, "Harira voor wie ziek is"), ("Jan", 70, 1, "Na veertig jaar fabriek ging ik schilderen"),
    ("Noor", 16, 4, "Ik fiets naar mijn bijbaan"), ("Wim", 74, 5, "Mijn schuur is een werkplaats"),
    ("Aylin", 26, 2, "Ik ken alle honden bij naam"), ("Henk", 66, 3, "Erwtensoep met een lepel die rechtop staat"),
    ("Dewi", 45, 0, "Karaoke in de keuken"), ("Mohamed", 58, 6, "Wandelen met mijn buurman, elke ochtend"),
    ("Greet", 90, 1, "Op mijn tachtigste leerde ik zwemmen"), ("Ruben", 31, 4, "Bakfiets vol kinderen"),
    ("Anouk", 22, 2, "Ik werk in de supermarkt op de hoek"), ("Iryna", 47, 3, "Borsjt voor de hele gang"),
    ("Frans", 84, 5, "Ik plak banden al zeventig jaar"), ("Zeynep", 36, 0, "Ik zing voor mijn planten"),
    ("Lars", 19, 6, "Eerst hardlopen, dan pas koffie"), ("Joke", 72, 2, "Ik sta altijd even te praten"),
    ("Karim", 40, 1, "Van vluchteling naar buurtvader"), ("Els", 60, 3, "Pompoensoep in de herfst"),
    ("Daan", 15, 5, "Ik bouw zelf computers"), ("Bep", 79, 4, "Op mijn oude Gazelle naar de markt"),
    ("Sofia", 27, 6, "Met de hond voor zonsopgang"), ("Mustafa", 63, 2, "Ik zit elke dag op het bankje"),
]
PETS = [("Minoes", 7, "Ik slaap in elke vensterbank"), ("Bolletje", 3, "Ik ken de weg naar de bakker")]
CHILD = ("Lina", 6, 0, "Ik zing met de radio mee")
REVOKED = ("Johan", 50, 4, "Ik fiets de Elfstedentocht")


def build_cards_demo() -> None:
    ruwaard = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "de-ruwaard"))
    if ruwaard is None or db.session.scalar(select(Edition.id).where(Edition.neighbourhood_id == ruwaard.id)):
        return
    coordinator = db.session.scalar(select(User).where(User.email == "marieke@example.org"))
    makers = list(db.session.scalars(select(User).where(User.email.like("de-ruwaard.%@example.org")).order_by(User.id)))
    if coordinator is None or len(makers) < 40:
        return
    edition = editions.start_edition(ruwaard, editions.EditionDetails(
        "Buurtplaatjes De Ruwaard 2026", 40, local_today() - timedelta(days=60), local_today() + timedelta(days=60)),
        by=coordinator)
    pages = [editions.add_category(edition, editions.CategoryDetails(
        nl, story=_story(index), translations={"en": en, "tr": tr, "ar": ar})) for index, (nl, en, tr, ar) in
        enumerate(PAGES)]
    rng = random.Random(13)
    everything = ["print", "album", "kiosk", "card_of_the_day"]
    for index, (name, age, page, line) in enumerate(CARDS):
        scopes = everything if index % 4 else ["print", "album"]
        _card(edition, pages[page], makers[index], name, line, age, scopes, coordinator, rng)
    for offset, (name, age, line) in enumerate(PETS):
        _card(edition, pages[7], makers[36 + offset], name, line, age, everything, coordinator, rng, is_pet=True)
    name, age, page, line = CHILD
    _card(edition, pages[page], makers[38], name, line, age, ["print", "album"], coordinator, rng, is_child=True)
    name, age, page, line = REVOKED
    taken_back = _card(edition, pages[page], makers[39], name, line, age, everything, coordinator, rng)
    making.withdraw_card(taken_back, by=makers[39])
    _link_activities(ruwaard, edition)
    editions.update_edition(edition, editions.EditionDetails(edition.name, 40, edition.starts_on, edition.ends_on),
                            EditionState.RUNNING.value)


def _story(index: int) -> str:
    return ("Op de verhalenavond vertelden de buren op deze bladzijde waarom ze hem kozen. "
            "Kom langs in De Haard en luister mee.") if index < 3 else ""


def _card(edition, page, maker, name, line, age, scopes, coordinator, rng, *, is_pet=False, is_child=False):
    photo = images.save_uploaded_image(_portrait(rng, is_pet), owner_id=maker.id,
                                       neighbourhood_id=edition.neighbourhood_id, private=True)
    card = making.volunteer_card(edition, making.CardDetails(page.id, name, line, age=age, is_pet=is_pet,
                                                             is_child=is_child),
                                 maker=maker, scopes=scopes, locale=maker.locale or "nl", photo=photo,
                                 is_guardian=is_child)
    reviewing.decide(card, "publish", coordinator)
    return card


def _portrait(rng: random.Random, is_pet: bool) -> FileStorage:
    """A flat drawing: a head and shoulders (or a cat) on a warm colour."""
    width, height = 360, 480
    picture = Image.new("RGB", (width, height), rng.choice(["#f2b134", "#e07a5f", "#81b29a", "#3d405b", "#f4a261"]))
    draw = ImageDraw.Draw(picture)
    skin = rng.choice(["#f1c27d", "#e0ac69", "#c68642", "#8d5524", "#ffdbac"])
    if is_pet:
        fur = rng.choice(["#444444", "#d2691e", "#f5f5f5"])
        draw.ellipse((70, 200, 290, 420), fill=fur)
        draw.polygon([(90, 230), (120, 120), (170, 210)], fill=fur)
        draw.polygon([(270, 230), (240, 120), (190, 210)], fill=fur)
        for x in (140, 220):
            draw.ellipse((x - 14, 270, x + 14, 298), fill="#2e7d32")
    else:
        draw.rectangle((60, 360, 300, 480), fill=rng.choice(["#264653", "#2a9d8f", "#e76f51", "#6d597a"]))
        draw.ellipse((100, 120, 260, 300), fill=skin)
        draw.pieslice((92, 100, 268, 240), 180, 360, fill=rng.choice(["#2b2b2b", "#6b4423", "#c0c0c0", "#d4a017"]))
        for x in (145, 215):
            draw.ellipse((x - 8, 200, x + 8, 216), fill="#222222")
        draw.arc((140, 220, 220, 270), 20, 160, fill="#7a2e2e", width=6)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    buffer.seek(0)
    return FileStorage(buffer, filename="portret.png", content_type="image/png")


def _link_activities(neighbourhood, edition) -> None:
    from community.agenda import services as agenda

    room = neighbourhood.house.rooms[0].id if neighbourhood.house and neighbourhood.house.rooms else None
    for title, description, days, kind in (
            ("Ruilmiddag Buurtplaatjes", "Neem je dubbele plaatjes mee en ruil ze met de buren. Voor jong en oud.",
             10, "swap_afternoon"),
            ("Verhalenavond Buurtplaatjes", "De buren van de plaatjes vertellen hun verhaal. Met koffie en koek.",
             24, "story_evening")):
        activity = agenda.create_activity(neighbourhood, agenda.ActivityDetails(
            title=title, description=description, kind="games" if kind == "swap_afternoon" else "round_table",
            room_id=room, organiser_id=None, cost_cents=0, needs_signup=False, capacity=None, languages=["nl"],
            first_date=local_today() + timedelta(days=days), start_time=time(14 if days == 10 else 19, 30),
            duration_minutes=120, pattern="once"))
        editions.link_activity(edition, activity.id, kind)

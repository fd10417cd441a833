"""Varied talent profiles and the things, places and organisations of De Ruwaard."""
from __future__ import annotations

from sqlalchemy import select

from community.accounts.models import User
from community.extensions import db
from community.neighbourhoods.models import Membership, Neighbourhood, Role
from community.talents import services as talents
from community.talents.models import Asset

PROFILES = [  # skills, own words, wants, needs, free slots, visibility
    (["cooking", "listening"], "Ik was dertig jaar kok in een restaurant in Oss.", "Koken voor de buurtlunch",
     "Iemand die mijn boodschappen draagt", ["1-0", "3-0", "4-1"], "neighbourhood"),
    (["it_help", "music"], "Student informatica, ik help graag met telefoons en laptops.", "Mensen leren appen",
     "", ["2-2", "5-1"], "neighbourhood"),
    (["languages", "cooking", "children"], "Ik spreek Arabisch en Nederlands en kan tolken.", "Nederlands beter leren",
     "Hulp met brieven van de gemeente", ["0-0", "2-0"], "neighbourhood"),
    (["fixing_bikes", "odd_jobs"], "Ik maak fietsen en kleine dingen in huis.", "Een fietsenwerkplaats in De Haard",
     "", ["5-0", "5-1"], "neighbourhood"),
    (["gardening", "visiting"], "", "Samen tuinieren", "Gezelschap", ["1-1", "3-1"], "coordinators"),
    (["sewing", "crafts"], "Ik naai gordijnen en kleding.", "Les geven", "", ["0-1"], "neighbourhood"),
    (["driving", "paperwork"], "Ik heb een auto en tijd.", "Buren naar het ziekenhuis rijden", "", ["0-0", "1-0", "2-0"],
     "neighbourhood"),
    (["listening"], "", "Nieuwe mensen leren kennen", "Iemand om mee te wandelen", ["3-0"], "hidden"),
]

ASSETS = [  # kind, name, description, public contact, (latitude, longitude) of public places only
    ("borrow", "Bakfiets", "Te leen bij De Haard, vraag aan de bar.", "Huis van de Wijk De Haard", None),
    ("borrow", "Lange ladder", "Uitschuifbaar tot vijf meter.", "Huis van de Wijk De Haard", None),
    ("place", "Huis van de Wijk De Haard", "Koffie, activiteiten en een luisterend oor.", "Ruwaardsingel 2, elke werkdag open",
     (51.7598, 5.5402)),
    ("place", "Bibliotheek De Ruwaard", "Boeken, computers en het taalpunt.", "Open di–za", (51.7611, 5.5447)),
    ("organisation", "Buurtvereniging De Ruwaard", "Organiseert het zomerfeest.", "", None),
    ("organisation", "Voedselbank Oss", "Hulp met boodschappen.", "Spreekuur op dinsdag in De Haard", (51.7649, 5.5312)),
    ("public_space", "Ruwaardpark", "Speeltuin, bankjes en een grasveld voor Kubb.", "", (51.7572, 5.5371)),
    ("public_space", "Speeltuin Ruwaardsingel", "Wordt opgeknapt door buren.", "", (51.7589, 5.5428)),
]


def build_talents_demo(slug: str = "de-ruwaard") -> None:
    neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == slug))
    if neighbourhood is None or db.session.scalar(select(Asset.id).where(Asset.neighbourhood_id == neighbourhood.id).limit(1)):
        return
    residents = [user for user in db.session.scalars(select(User).join(Membership).where(
        Membership.neighbourhood_id == neighbourhood.id, Membership.role == Role.RESIDENT.value).order_by(User.id))
        if user.roles_in(neighbourhood.id) == {Role.RESIDENT.value} and not user.is_admin]
    for resident, (skills, own_words, wants, needs, slots, visibility) in zip(residents[1:], PROFILES):
        talents.save_profile(resident, neighbourhood, talents.ProfileAnswers(skills, own_words, wants, needs, slots, visibility))
    for kind, name, description, contact, position in ASSETS:
        talents.add_asset(neighbourhood, kind, name, description, contact, *(position or (None, None)))
    _give_a_drawn_plan(neighbourhood)


def _give_a_drawn_plan(neighbourhood: Neighbourhood) -> None:
    """The map page's own plan, drawn now and stored through the image service like any upload."""
    import io

    from werkzeug.datastructures import FileStorage

    from community.images import services as images
    from community.talents import demo_plan, map_background

    upload = FileStorage(stream=io.BytesIO(demo_plan.draw_plan()), filename="plattegrond-de-ruwaard.png")
    image = images.save_uploaded_image(upload, owner_id=None, neighbourhood_id=neighbourhood.id)
    map_background.set_background_image(neighbourhood, image)
    map_background.place_background(neighbourhood, *demo_plan.references())

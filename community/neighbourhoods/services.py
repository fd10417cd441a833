"""Neighbourhoods, their community house and rooms, and who holds which role."""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, selectinload

from community.accounts.models import User
from community.db import utcnow
from community.errors import DomainError, NotFound
from community.extensions import db
from community.neighbourhoods import hours
from community.neighbourhoods.models import CommunityHouse, Membership, Neighbourhood, Role, Room
from community.versions import PLACE, mark_changed

log = logging.getLogger("community.neighbourhoods")

# The first part of the site's own addresses, and the files browsers and robots ask for at the top
# (/favicon.ico …): a neighbourhood's web address may not be one of them, nor what slugify makes of
# them ("favicon-ico"). A test keeps this list complete against the app's routes.
RESERVED_NAMES = ("account", "admin", "static", "language", "healthz", "api", "kiosk", "k", "images", "calendar", "privacy",
                  "favicon.ico", "favicon", "robots.txt", "robots", "manifest.webmanifest", "manifest",
                  "apple-touch-icon.png", "apple-touch-icon-precomposed.png", "apple-touch-icon", "sitemap.xml",
                  "sitemap", "humans.txt", "security.txt", ".well-known", "browserconfig.xml", "sw.js",
                  "service-worker.js")


class NeighbourhoodError(DomainError):
    """A rule about neighbourhoods, rooms or roles was broken."""


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60]


RESERVED_SLUGS = frozenset(RESERVED_NAMES) | {slugify(name) for name in RESERVED_NAMES}


def is_reserved_slug(slug: str) -> bool:
    return slug in RESERVED_SLUGS or slugify(slug) in RESERVED_SLUGS


def neighbourhood_by_slug(slug: str) -> Neighbourhood:
    neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == slug))
    if neighbourhood is None:
        raise NotFound()
    return neighbourhood




def in_neighbourhood(model, row_id: int, neighbourhood: Neighbourhood):
    """The row of `model` with this id when it belongs to this neighbourhood; else NotFound, so an
    address under one neighbourhood never reaches another's things."""
    row = db.session.get(model, row_id)
    if row is None or row.neighbourhood_id != neighbourhood.id:
        raise NotFound()
    return row


def names_and_cities() -> list[tuple[int, str, str]]:
    """(id, name, city) of every neighbourhood by name, for a list to choose from."""
    return [tuple(row) for row in db.session.execute(
        select(Neighbourhood.id, Neighbourhood.name, Neighbourhood.city).order_by(Neighbourhood.name))]


def all_neighbourhoods() -> list[Neighbourhood]:
    query = select(Neighbourhood).options(selectinload(Neighbourhood.house)).order_by(Neighbourhood.city, Neighbourhood.name)
    return list(db.session.scalars(query))


@dataclass
class HouseDetails:
    name: str
    street_address: str
    postcode: str
    city: str
    phone: str = ""


def create_neighbourhood(name: str, city: str, slug: str, house: HouseDetails, description: str = "") -> Neighbourhood:
    asked = (slug or name).strip()
    slug = slugify(asked)
    if not slug:
        raise NeighbourhoodError(_l("Kies een ander webadres voor deze buurt."))
    if is_reserved_slug(asked) or is_reserved_slug(slug):
        raise NeighbourhoodError(_l("Het webadres %(slug)s is voor de website zelf. Kies een ander webadres voor "
                                    "deze buurt.", slug=asked))
    if db.session.scalar(select(Neighbourhood.id).where(Neighbourhood.slug == slug)):
        raise NeighbourhoodError(_l("Er is al een buurt met het webadres %(slug)s.", slug=slug))
    neighbourhood = Neighbourhood(name=name.strip(), city=city.strip(), slug=slug, description=description.strip())
    neighbourhood.house = CommunityHouse(**house.__dict__)
    db.session.add(neighbourhood)
    _commit_or_refuse(_l("Er is al een buurt met het webadres %(slug)s.", slug=slug))
    log.info("neighbourhood created: %s", slug)
    return neighbourhood


def update_house(neighbourhood: Neighbourhood, details: HouseDetails, week: list[hours.Period] | None = None,
                 opening_note: str = "") -> CommunityHouse:
    """The house's details and, when `week` is given, its opening hours (the whole week at once,
    or hours.OpeningHoursError with every problem)."""
    house = neighbourhood.house or CommunityHouse(neighbourhood_id=neighbourhood.id, **details.__dict__)
    for key, value in details.__dict__.items():
        setattr(house, key, value.strip())
    neighbourhood.house = house
    if week is not None:
        hours.set_opening_hours(house, week, opening_note)
    mark_changed(neighbourhood.id, PLACE)
    db.session.commit()
    return house


def add_room(house: CommunityHouse, name: str, capacity: int, wheelchair: bool, hearing_loop: bool) -> Room:
    room = Room(house=house, name=name.strip(), capacity=capacity,
                is_wheelchair_accessible=wheelchair, has_hearing_loop=hearing_loop)
    db.session.add(room)
    mark_changed(house.neighbourhood_id, PLACE)
    _commit_or_refuse(_l("Er is al een ruimte met de naam %(name)s.", name=name.strip()))
    return room


def update_room(room: Room, name: str, capacity: int, wheelchair: bool, hearing_loop: bool) -> Room:
    room.name, room.capacity = name.strip(), capacity
    room.is_wheelchair_accessible, room.has_hearing_loop = wheelchair, hearing_loop
    mark_changed(room.house.neighbourhood_id, PLACE)
    _commit_or_refuse(_l("Er is al een ruimte met de naam %(name)s.", name=name.strip()))
    return room


def room_in_neighbourhood_or_404(neighbourhood: Neighbourhood, room_id: int) -> Room:
    room = db.session.get(Room, room_id)
    if room is None or neighbourhood.house is None or room.house_id != neighbourhood.house.id:
        raise NotFound()
    return room


def remove_room(room: Room) -> None:
    mark_changed(room.house.neighbourhood_id, PLACE)
    db.session.delete(room)
    db.session.commit()


def assign_role(neighbourhood: Neighbourhood, email: str, role: Role, *, by: User) -> Membership:
    user = db.session.scalar(select(User).where(User.email == email.strip().lower(), User.is_deleted.is_(False)))
    if user is None:
        raise NeighbourhoodError(_l("Er is geen account met dit e-mailadres. Vraag de persoon eerst een account te maken."))
    if role.value in user.roles_in(neighbourhood.id):
        raise NeighbourhoodError(_l("%(name)s heeft deze rol al.", name=user.display_name))
    membership = Membership(user=user, neighbourhood_id=neighbourhood.id, role=role.value, confirmed_at=utcnow())
    db.session.add(membership)
    _commit_or_refuse(_l("%(name)s heeft deze rol al.", name=user.display_name))
    log.info("role assigned: neighbourhood=%s user=%s role=%s by=%s", neighbourhood.id, user.id, role.value, by.id)
    return membership


def membership_in_neighbourhood_or_404(neighbourhood: Neighbourhood, membership_id: int) -> Membership:
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.neighbourhood_id != neighbourhood.id:
        raise NotFound()
    return membership


def revoke_role(membership: Membership, *, by: User) -> None:
    if membership.role == Role.RESIDENT.value:
        raise NeighbourhoodError(_l("Bewoner zijn is geen rol die je kunt afnemen."))
    log.info("role revoked: membership=%s role=%s by=%s", membership.id, membership.role, by.id)
    db.session.delete(membership)
    db.session.commit()


def join_neighbourhood(user: User, neighbourhood: Neighbourhood) -> None:
    """Anyone may join (sign up for activities, support, propose, help); a coordinator confirms
    later that the person lives here, and only then do they see who their neighbours are."""
    if neighbourhood.id in user.neighbourhood_ids():
        return
    db.session.add(Membership(user_id=user.id, neighbourhood_id=neighbourhood.id, role=Role.RESIDENT.value))
    _commit_or_refuse(_l("Je woont hier al."))


def is_confirmed_member(user: User, neighbourhood: Neighbourhood) -> bool:
    return neighbourhood.id in user.confirmed_neighbourhood_ids()


def members_waiting(neighbourhood: Neighbourhood, limit: int = 200) -> list[Membership]:
    """Residents who joined and wait for a coordinator to confirm them, longest waiting first."""
    return list(db.session.scalars(
        select(Membership).join(Membership.user).options(contains_eager(Membership.user))
        .where(Membership.neighbourhood_id == neighbourhood.id, Membership.role == Role.RESIDENT.value,
               Membership.confirmed_at.is_(None), User.is_deleted.is_(False))
        .order_by(Membership.created_at, Membership.id).limit(limit)))


def members_waiting_count(neighbourhood: Neighbourhood) -> int:
    return db.session.scalar(select(func.count(Membership.id)).join(Membership.user).where(
        Membership.neighbourhood_id == neighbourhood.id, Membership.role == Role.RESIDENT.value,
        Membership.confirmed_at.is_(None), User.is_deleted.is_(False))) or 0


def resident_membership_or_404(neighbourhood: Neighbourhood, membership_id: int) -> Membership:
    membership = membership_in_neighbourhood_or_404(neighbourhood, membership_id)
    if membership.role != Role.RESIDENT.value:
        raise NotFound()
    return membership


def confirm_member(membership: Membership, *, by: User) -> Membership:
    """The coordinator knows this person lives here. Confirming twice changes nothing."""
    from community.moderation.services import record

    confirmed_now = db.session.execute(
        update(Membership).where(Membership.id == membership.id, Membership.confirmed_at.is_(None))
        .values(confirmed_at=utcnow()).execution_options(synchronize_session=False)).rowcount == 1
    if confirmed_now:
        record(membership.neighbourhood_id, by.id, "member_confirmed", "membership", membership.id)
    db.session.commit()
    db.session.refresh(membership)
    return membership


def role_holders(neighbourhood: Neighbourhood) -> list[Membership]:
    """Coordinators and treasurers (residents are many and listed elsewhere)."""
    return list(
        db.session.scalars(
            select(Membership)
            .join(User)
            .options(contains_eager(Membership.user))
            .where(Membership.neighbourhood_id == neighbourhood.id, Membership.role != Role.RESIDENT.value)
            .order_by(Membership.role, User.display_name)
        )
    )


def resident_count(neighbourhood: Neighbourhood) -> int:
    return db.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.neighbourhood_id == neighbourhood.id, Membership.role == Role.RESIDENT.value
        )
    ) or 0


@dataclass(frozen=True)
class Part:
    """An entry point on the neighbourhood home page; features add theirs with register_part."""

    title: str
    text: str
    icon: str        # a pictogram (community/pictograms.py TILES)
    url: str
    tone: str = "green"  # each part of the app has its own warm colour: green, sun, sky, rose


_PART_PROVIDERS: list = []


def register_part(provider) -> None:
    """provider(neighbourhood) -> Part | None, called when the home page is shown."""
    if provider not in _PART_PROVIDERS:
        _PART_PROVIDERS.append(provider)


_COORDINATOR_PART_PROVIDERS: list = []


def register_coordinator_part(provider) -> None:
    """Like register_part, for the coordinator area."""
    if provider not in _COORDINATOR_PART_PROVIDERS:
        _COORDINATOR_PART_PROVIDERS.append(provider)


def coordinator_parts_for(neighbourhood: Neighbourhood) -> list[Part]:
    return [part for provider in _COORDINATOR_PART_PROVIDERS if (part := provider(neighbourhood)) is not None]


def parts_for(neighbourhood: Neighbourhood) -> list[Part]:
    return [part for provider in _PART_PROVIDERS if (part := provider(neighbourhood)) is not None]


@dataclass(frozen=True)
class Section:
    """A block on the neighbourhood home page rendered from a feature's template."""

    template: str
    context: dict


_SECTION_PROVIDERS: list = []


def register_section(provider) -> None:
    """provider(neighbourhood) -> Section | None."""
    if provider not in _SECTION_PROVIDERS:
        _SECTION_PROVIDERS.append(provider)


def sections_for(neighbourhood: Neighbourhood) -> list[Section]:
    return [section for provider in _SECTION_PROVIDERS if (section := provider(neighbourhood)) is not None]


def _commit_or_refuse(message) -> None:
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise NeighbourhoodError(message) from None

"""Talent profiles and the neighbourhood's other assets. People are counted and listed by
talent, never located; nobody's home address is asked or shown."""
from __future__ import annotations

import math
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.errors import DomainError
from community.extensions import db
from community.neighbourhoods.models import Neighbourhood
from community.neighbourhoods.services import in_neighbourhood
from community.permissions import can
from community.versions import TALENTS, mark_changed
from community.talents.models import MAPPABLE, SKILLS, Asset, AssetKind, TalentProfile, Visibility


class TalentError(DomainError):
    """A talent profile or asset that cannot be saved like this."""


# Each visibility a resident can choose, and the rule that lets a viewer see profiles with it.
SHARED_WITH = {Visibility.NEIGHBOURHOOD: "view_talents_shared_with_neighbourhood",
               Visibility.COORDINATORS: "view_talents_shared_with_coordinators"}


@dataclass
class ProfileAnswers:
    skills: list[str]
    own_words: str
    wants: str
    needs: str
    free_slots: list[str]        # "day-part", e.g. "1-2" = Tuesday evening
    visibility: str


def profile_of(user_id: int, neighbourhood_id: int) -> TalentProfile | None:
    return db.session.scalar(select(TalentProfile).where(TalentProfile.user_id == user_id,
                                                         TalentProfile.neighbourhood_id == neighbourhood_id))


def availability_from(free_slots: list[str]) -> str:
    grid = ["0"] * 21
    for slot in free_slots:
        day, _sep, part = slot.partition("-")
        if day.isdigit() and part.isdigit() and int(day) < 7 and int(part) < 3:
            grid[int(day) * 3 + int(part)] = "1"
    return "".join(grid)


def save_profile(user, neighbourhood: Neighbourhood, answers: ProfileAnswers) -> TalentProfile:
    if not answers.skills and not answers.own_words.strip():
        raise TalentError(_l("Kies minstens één ding dat je kunt, of schrijf het in je eigen woorden. "
                             "Iedereen kan iets: luisteren telt ook!"), "skills")
    profile = profile_of(user.id, neighbourhood.id) or TalentProfile(user_id=user.id, neighbourhood_id=neighbourhood.id)
    profile.skills = ",".join(code for code in answers.skills if code in SKILLS)
    profile.own_words = answers.own_words.strip()
    profile.wants = answers.wants.strip()
    profile.needs = answers.needs.strip()
    profile.availability = availability_from(answers.free_slots)
    profile.visibility = Visibility(answers.visibility).value
    db.session.add(profile)
    mark_changed(neighbourhood.id, TALENTS)
    db.session.commit()
    return profile


def hide_profile(profile: TalentProfile) -> TalentProfile:
    """Consent taken back: nobody but the person sees the profile any more (the answers stay theirs)."""
    profile.visibility = Visibility.HIDDEN.value
    mark_changed(profile.neighbourhood_id, TALENTS)
    db.session.commit()
    return profile


def visible_profiles(neighbourhood: Neighbourhood, viewer) -> list[TalentProfile]:
    """The profiles whose chosen visibility lets this viewer see them."""
    visibilities = [visibility.value for visibility, action in SHARED_WITH.items() if can(viewer, action, neighbourhood)]
    if not visibilities:
        return []
    return list(db.session.scalars(select(TalentProfile).where(
        TalentProfile.neighbourhood_id == neighbourhood.id, TalentProfile.visibility.in_(visibilities))
        .order_by(TalentProfile.id)))


def talent_counts(neighbourhood_id: int) -> dict[str, int]:
    """How many residents have each talent; counts include every profile that is not hidden,
    so the neighbourhood sees what it has without seeing who."""
    rows = db.session.scalars(select(TalentProfile.skills).where(
        TalentProfile.neighbourhood_id == neighbourhood_id, TalentProfile.visibility != Visibility.HIDDEN.value))
    counts = dict.fromkeys(SKILLS, 0)
    for skills in rows:
        for code in skills.split(","):
            if code in counts:
                counts[code] += 1
    return counts


def people_with_skill(neighbourhood: Neighbourhood, skill: str, viewer) -> list[TalentProfile]:
    if skill not in SKILLS:
        return []
    return [p for p in visible_profiles(neighbourhood, viewer) if skill in p.skill_codes]


def assets(neighbourhood_id: int) -> dict[str, list[Asset]]:
    grouped = {kind.value: [] for kind in AssetKind}
    for asset in db.session.scalars(select(Asset).where(Asset.neighbourhood_id == neighbourhood_id).order_by(Asset.name)):
        grouped.setdefault(asset.kind, []).append(asset)
    return grouped


def add_asset(neighbourhood: Neighbourhood, kind: str, name: str, description: str, public_contact: str,
              latitude: float | None = None, longitude: float | None = None) -> Asset:
    kind = AssetKind(kind)
    if (latitude is None) != (longitude is None):
        raise TalentError(_l("Vul allebei in, of geen van beide."), "latitude")
    located = kind in MAPPABLE and latitude is not None
    asset = Asset(neighbourhood_id=neighbourhood.id, kind=kind.value, name=name.strip(),
                  description=description.strip(), public_contact=public_contact.strip(),
                  latitude=latitude if located else None, longitude=longitude if located else None)
    db.session.add(asset)
    mark_changed(neighbourhood.id, TALENTS)
    db.session.commit()
    return asset


def remove_asset(neighbourhood: Neighbourhood, asset_id: int) -> None:
    asset = in_neighbourhood(Asset, asset_id, neighbourhood)
    db.session.delete(asset)
    mark_changed(neighbourhood.id, TALENTS)
    db.session.commit()


def located_assets(neighbourhood_id: int) -> list[Asset]:
    """Places, organisations and public space with a position, for the map page."""
    return list(db.session.scalars(select(Asset).where(
        Asset.neighbourhood_id == neighbourhood_id, Asset.kind.in_([kind.value for kind in MAPPABLE]),
        Asset.latitude.is_not(None), Asset.longitude.is_not(None)).order_by(Asset.kind, Asset.name)))


@dataclass(frozen=True)
class PlanPoint:
    number: int
    asset: Asset
    x: float
    y: float


PLAN_WIDTH, PLAN_HEIGHT = 1000, 600
PLAN_DOT_RADIUS = 40
# Room between the frame and a dot's centre: its radius, its stroke and a little air, on all four
# sides, so no dot is ever cut off by the edge or the rounded corners.
PLAN_MARGIN = PLAN_DOT_RADIUS + 30


def plan(located: list[Asset]) -> list[PlanPoint]:
    """Positions on a plain plan of the neighbourhood (an SVG drawn by the server: no tiles,
    no script, nothing from a third party). Longitude is shrunk by cos(latitude) so distances
    look right; the places fill the plan inside its margin, keeping their proportions."""
    if not located:
        return []
    scale_x = math.cos(math.radians(sum(a.latitude for a in located) / len(located)))
    xs = [a.longitude * scale_x for a in located]
    ys = [a.latitude for a in located]
    room_x, room_y = PLAN_WIDTH - 2 * PLAN_MARGIN, PLAN_HEIGHT - 2 * PLAN_MARGIN
    unit = min(room_x / max(max(xs) - min(xs), 1e-9), room_y / max(max(ys) - min(ys), 1e-9))
    centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return [PlanPoint(number, asset, round(PLAN_WIDTH / 2 + (x - centre_x) * unit, 1),
                      round(PLAN_HEIGHT / 2 - (y - centre_y) * unit, 1))
            for number, (asset, x, y) in enumerate(zip(located, xs, ys), start=1)]

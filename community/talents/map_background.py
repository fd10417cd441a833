"""A neighbourhood's own plan behind the map page: the image (through the image service, which
judges, bounds and strips it) and its two reference points; which places fall on it and which not."""
from __future__ import annotations

import math
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from community.errors import DomainError
from community.extensions import db
from community.images import services as images
from community.images.models import Image
from community.neighbourhoods.models import Neighbourhood
from community.talents.models import Asset, MapBackground
from community.talents.placement import Placement, Reference, metres_between
from community.versions import TALENTS, mark_changed

# Two reference points closer than this say little about scale and turn: a click off by a few
# pixels would turn the plan by degrees.
MIN_PIXELS_APART = 20
MIN_METRES_APART = 20
# A dot's radius in pixels of the image, as a share of its width: about 27 CSS pixels across on a
# phone, as large as the plain plan's dots on a wide screen.
DOT_SHARE = 0.045


class MapBackgroundError(DomainError):
    """The image or its reference points cannot be used like this; field_name says where."""


def background_of(neighbourhood_id: int) -> MapBackground | None:
    return db.session.get(MapBackground, neighbourhood_id)


def set_background_image(neighbourhood: Neighbourhood, image: Image) -> MapBackground:
    """Use this (just saved) image; its reference points are asked anew, and the image it replaces
    is deleted, its files once this commits."""
    background = background_of(neighbourhood.id)
    if background is None:
        background = MapBackground(neighbourhood_id=neighbourhood.id, image=image)
        db.session.add(background)
    else:
        previous = background.image
        background.image = image
        _forget_points(background)
        if previous is not None and previous.id != image.id:
            images.discard_image(previous)
    mark_changed(neighbourhood.id, TALENTS)
    db.session.commit()
    return background


def _forget_points(background: MapBackground) -> None:
    for point in ("first", "second"):
        for part in ("x", "y", "latitude", "longitude"):
            setattr(background, f"{point}_{part}", None)


def remove_background(neighbourhood: Neighbourhood) -> None:
    background = background_of(neighbourhood.id)
    if background is None:
        return
    image = background.image
    db.session.delete(background)
    db.session.flush()
    images.discard_image(image)
    mark_changed(neighbourhood.id, TALENTS)
    db.session.commit()


def reference_problems(first: Reference, second: Reference, width: int, height: int) -> list[tuple[str, str]]:
    """(field name, message) for every rule the two points break; the fields are first_x … second_longitude."""
    problems = []
    for name, point in (("first", first), ("second", second)):
        if not all(math.isfinite(value) for value in (point.x, point.y, point.latitude, point.longitude)):
            problems.append((f"{name}_x", str(_l("Vul gewone getallen in."))))
            continue
        if not 0 <= point.x <= width:
            problems.append((f"{name}_x", str(_l("Kies een x van 0 tot %(max)d: zo breed is de afbeelding.", max=width))))
        if not 0 <= point.y <= height:
            problems.append((f"{name}_y", str(_l("Kies een y van 0 tot %(max)d: zo hoog is de afbeelding.", max=height))))
        if not -90 <= point.latitude <= 90:
            problems.append((f"{name}_latitude", str(_l("Een breedtegraad ligt tussen -90 en 90, bijvoorbeeld 51.7611."))))
        if not -180 <= point.longitude <= 180:
            problems.append((f"{name}_longitude", str(_l("Een lengtegraad ligt tussen -180 en 180, bijvoorbeeld 5.5372."))))
    if problems:
        return problems
    if math.hypot(second.x - first.x, second.y - first.y) < MIN_PIXELS_APART:
        problems.append(("second_x", str(_l("De twee punten liggen te dicht bij elkaar op de afbeelding. Kies twee "
                                            "punten ver uit elkaar, bijvoorbeeld twee hoeken van de buurt."))))
    if metres_between(first, second) < MIN_METRES_APART:
        problems.append(("second_latitude", str(_l("De twee punten liggen op (bijna) dezelfde plek op aarde. Vul de "
                                                   "breedte- en lengtegraad van twee plekken ver uit elkaar in."))))
    return problems


def place_background(neighbourhood: Neighbourhood, first: Reference, second: Reference) -> MapBackground:
    background = background_of(neighbourhood.id)
    if background is None:
        raise MapBackgroundError(_l("Kies eerst een afbeelding."), "first_x")
    problems = reference_problems(first, second, background.image.width, background.image.height)
    if problems:
        field_name, message = problems[0]
        raise MapBackgroundError(message, field_name)
    for name, point in (("first", first), ("second", second)):
        for part in ("x", "y", "latitude", "longitude"):
            setattr(background, f"{name}_{part}", float(getattr(point, part)))
    mark_changed(neighbourhood.id, TALENTS)
    db.session.commit()
    return background


def references_of(background: MapBackground) -> tuple[Reference, Reference] | None:
    if not background.is_placed:
        return None
    return tuple(Reference(*(getattr(background, f"{name}_{part}") for part in ("x", "y", "latitude", "longitude")))
                 for name in ("first", "second"))


@dataclass(frozen=True)
class MapDot:
    number: int
    asset: Asset
    x: float
    y: float


@dataclass(frozen=True)
class PlacedPlan:
    """The background's image and size, its dots (centres inside the image), and the places whose
    position falls outside it: those are listed beside the map, never drawn at its edge."""

    image: Image
    width: int
    height: int
    dot_radius: int
    dots: list[MapDot]
    outside: list[MapDot]

    @property
    def small_width(self) -> int:
        """The width of the image's small size, for srcset (a phone on slow data takes that one)."""
        box_width, box_height = images.SIZES["small"]
        return round(self.width * min(1.0, box_width / self.width, box_height / self.height))


def placed_plan(background: MapBackground | None, located: list[Asset]) -> PlacedPlan | None:
    references = references_of(background) if background is not None else None
    if references is None:
        return None
    placement = Placement.from_references(*references)
    width, height = background.image.width, background.image.height
    dots, outside = [], []
    for number, asset in enumerate(located, start=1):
        x, y = placement.pixel(asset.latitude, asset.longitude)
        dot = MapDot(number, asset, round(x, 1), round(y, 1))
        (dots if 0 <= x <= width and 0 <= y <= height else outside).append(dot)
    return PlacedPlan(background.image, width, height, max(8, round(width * DOT_SHARE)), dots, outside)

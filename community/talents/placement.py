"""Where a latitude and longitude fall on a neighbourhood's own plan, from two reference points.

Over a neighbourhood the earth is flat enough: a longitude is shrunk by the cosine of the latitude
(so a metre east is as long as a metre north), and north is turned to point up the image. Two
points then fix a similarity transform (one scale, one rotation, one shift; no stretching or
mirroring), which is one complex multiplication and addition: pixel = a * place + b. A plan drawn
at a slant (north not up) is placed just as well as one with north up.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

METRES_PER_DEGREE = 111_320  # of latitude, and of longitude at the equator


@dataclass(frozen=True)
class Reference:
    """A pixel of the image (x to the right, y down) and the place on earth it shows."""

    x: float
    y: float
    latitude: float
    longitude: float


def _flat(latitude: float, longitude: float, cos_latitude: float) -> complex:
    """A place on a flat plane in degrees of latitude: east to the right, north up (as -y, like pixels)."""
    return complex(longitude * cos_latitude, -latitude)


@dataclass(frozen=True)
class Placement:
    scale_and_turn: complex
    shift: complex
    cos_latitude: float

    @classmethod
    def from_references(cls, first: Reference, second: Reference) -> Placement:
        cos_latitude = math.cos(math.radians((first.latitude + second.latitude) / 2))
        here, there = (_flat(r.latitude, r.longitude, cos_latitude) for r in (first, second))
        if here == there:
            raise ValueError("the two reference points are one place")
        scale_and_turn = (complex(second.x, second.y) - complex(first.x, first.y)) / (there - here)
        return cls(scale_and_turn, complex(first.x, first.y) - scale_and_turn * here, cos_latitude)

    def pixel(self, latitude: float, longitude: float) -> tuple[float, float]:
        point = self.scale_and_turn * _flat(latitude, longitude, self.cos_latitude) + self.shift
        return point.real, point.imag

    @property
    def rotation_degrees(self) -> float:
        """How far the plan is turned clockwise from north-up."""
        return math.degrees(math.atan2(self.scale_and_turn.imag, self.scale_and_turn.real))

    @property
    def metres_per_pixel(self) -> float:
        return METRES_PER_DEGREE / abs(self.scale_and_turn)


def metres_between(first: Reference, second: Reference) -> float:
    cos_latitude = math.cos(math.radians((first.latitude + second.latitude) / 2))
    here, there = (_flat(r.latitude, r.longitude, cos_latitude) for r in (first, second))
    return abs(there - here) * METRES_PER_DEGREE

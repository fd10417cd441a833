"""A drawn street plan of De Ruwaard for the demo's map page, made with Pillow when the demo is
built (no picture in the repository). Everything is drawn at its latitude and longitude, so the
demo places sit where the plan shows them; the two reference points are two of those places.
The food bank lies north-west of the plan, so the demo shows a place that is not on it."""
from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw, ImageFont

from community.talents.placement import Reference

# The part of De Ruwaard the plan shows, and its size in pixels (one pixel is about a metre).
NORTH, SOUTH, WEST, EAST = 51.7632, 51.7553, 5.5330, 5.5475
WIDTH = 1000
COS = math.cos(math.radians((NORTH + SOUTH) / 2))
HEIGHT = round(WIDTH * (NORTH - SOUTH) / ((EAST - WEST) * COS))

GROUND, BLOCK, STREET, CASING, WATER = "#f3efe4", "#e7e0cf", "#ffffff", "#c9c1ae", "#a9d3e8"
PARK, PLAY, HOUSE, LABEL = "#c7e2b5", "#f6dca4", "#e7a15a", "#3b3a35"

STREETS = [  # name, width in pixels, points (latitude, longitude), where along the first segment the name goes
    ("Ruwaardsingel", 26, [(51.7640, 5.5352), (51.7610, 5.5378), (51.7596, 5.5402), (51.7603, 5.5440),
                           (51.7598, 5.5485)], 0.8),
    ("Kastanjelaan", 18, [(51.7618, 5.5320), (51.7615, 5.5485)], 0.62),
    ("Lindenlaan", 16, [(51.7640, 5.5424), (51.7545, 5.5432)], 0.82),
    ("Berghemseweg", 22, [(51.7640, 5.5384), (51.7545, 5.5394)], 0.3),
    ("Molenstraat", 14, [(51.7586, 5.5320), (51.7583, 5.5485)], 0.75),
]
PLACES = {"De Haard": (51.7598, 5.5402), "Bibliotheek": (51.7611, 5.5447), "Speeltuin": (51.7589, 5.5428)}
PARK_AREA = [(51.7580, 5.5336), (51.7580, 5.5386), (51.7560, 5.5386), (51.7553, 5.5360), (51.7553, 5.5336)]
POND = [(51.7571, 5.5342), (51.7562, 5.5360)]


def pixel(latitude: float, longitude: float) -> tuple[float, float]:
    return ((longitude - WEST) * COS / ((EAST - WEST) * COS) * WIDTH, (NORTH - latitude) / (NORTH - SOUTH) * HEIGHT)


def references() -> tuple[Reference, Reference]:
    """De Haard and the library: two places anyone in the neighbourhood can find on the plan."""
    return tuple(Reference(*pixel(*PLACES[name]), *PLACES[name]) for name in ("De Haard", "Bibliotheek"))


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _label(canvas: Image.Image, text: str, centre: tuple[float, float], angle: float, size: int = 28) -> None:
    """Text turned along a street, with a light halo so it reads on any colour."""
    font = _font(size)
    left, top, right, bottom = font.getbbox(text)
    stamp = Image.new("RGBA", (right - left + 8, bottom - top + 8))
    ImageDraw.Draw(stamp).text((4 - left, 4 - top), text, font=font, fill=LABEL, stroke_width=3, stroke_fill=GROUND)
    stamp = stamp.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    canvas.alpha_composite(stamp, (round(centre[0] - stamp.width / 2), round(centre[1] - stamp.height / 2)))


def _street_label(canvas: Image.Image, name: str, points: list[tuple[float, float]], along: float) -> None:
    (x1, y1), (x2, y2) = pixel(*points[0]), pixel(*points[1])
    angle = -math.degrees(math.atan2(y2 - y1, x2 - x1))
    if angle > 90 or angle < -90:
        angle += 180
    _label(canvas, name, (x1 + (x2 - x1) * along, y1 + (y2 - y1) * along), angle)


def draw_plan() -> bytes:
    """The plan as a PNG (about 60 KB): blocks, a park with a pond, streets with their names, and
    the community house, the library and the playground marked."""
    canvas = Image.new("RGBA", (WIDTH, HEIGHT), GROUND)
    draw = ImageDraw.Draw(canvas)
    for column in range(0, WIDTH, 90):
        for row in range(0, HEIGHT, 70):
            draw.rounded_rectangle((column + 10, row + 10, column + 78, row + 58), radius=6, fill=BLOCK)
    draw.polygon([pixel(*point) for point in PARK_AREA], fill=PARK)
    draw.ellipse([pixel(*POND[0]), pixel(*POND[1])], fill=WATER)
    for _name, width, points, _along in STREETS:
        draw.line([pixel(*point) for point in points], fill=CASING, width=width + 6, joint="curve")
    for _name, width, points, _along in STREETS:
        draw.line([pixel(*point) for point in points], fill=STREET, width=width, joint="curve")
    for name, colour, size, below in (("De Haard", HOUSE, 34, 1), ("Bibliotheek", "#b9a7d6", 30, 1),
                                      ("Speeltuin", PLAY, 24, -1)):
        x, y = pixel(*PLACES[name])
        draw.rounded_rectangle((x - size, y - size, x + size, y + size), radius=8, fill=colour, outline=LABEL, width=2)
        _label(canvas, name, (x, y + below * (size + 38)), 0, 26)  # clear of the dot drawn over the place
    _label(canvas, "Ruwaardpark", pixel(51.7576, 5.5356), 0, 30)
    for name, _width, points, along in STREETS:
        _street_label(canvas, name, points, along)
    _north_arrow(draw)
    buffer = io.BytesIO()
    canvas.convert("RGB").save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _north_arrow(draw: ImageDraw.ImageDraw) -> None:
    x, y = WIDTH - 50, 50
    draw.polygon([(x, y - 30), (x - 14, y + 14), (x, y + 4), (x + 14, y + 14)], fill=LABEL)
    draw.text((x, y + 32), "N", font=_font(22), fill=LABEL, anchor="mm")

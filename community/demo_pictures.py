"""Pictures for the demo: flat drawings like the posters a community house makes itself (a cup of
coffee on warm orange, a path through green hills), drawn here with Pillow when the demo is built,
so the repository holds no image files and nothing is fetched from anywhere. They reach the
activities and tasks through the image service, as an upload would."""
from __future__ import annotations

import io
import math
from collections.abc import Callable
from functools import lru_cache

from PIL import Image, ImageDraw
from werkzeug.datastructures import FileStorage

from community.images import services as images
from community.images.changes import PhotoChange

WIDTH, HEIGHT = 1200, 800
SCALE = 2  # drawn twice as large and scaled down: smooth edges without an anti-aliasing library

Drawing = Callable[[ImageDraw.ImageDraw], None]


def _box(*points: float) -> list[float]:
    return [value * SCALE for value in points]


def _coffee(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle(_box(0, 560, WIDTH, HEIGHT), fill="#b5562c")  # the table
    draw.ellipse(_box(330, 520, 870, 640), fill="#fff4e6")  # saucer
    draw.rounded_rectangle(_box(420, 300, 760, 590), radius=60 * SCALE, fill="#ffffff")  # cup
    draw.rectangle(_box(420, 300, 760, 330), fill="#6b3a1e")  # coffee at the rim
    draw.ellipse(_box(720, 360, 860, 500), outline="#ffffff", width=34 * SCALE)  # handle
    for left in (470, 560, 650):  # steam
        draw.arc(_box(left, 150, left + 60, 230), 90, 270, fill="#fff4e6", width=16 * SCALE)
        draw.arc(_box(left, 80, left + 60, 160), 270, 90, fill="#fff4e6", width=16 * SCALE)


def _walk(draw: ImageDraw.ImageDraw) -> None:
    draw.ellipse(_box(840, 90, 1020, 270), fill="#f9c74f")  # sun
    draw.ellipse(_box(-300, 420, 700, 1100), fill="#7fb77e")  # hills
    draw.ellipse(_box(450, 460, 1500, 1150), fill="#52946b")
    draw.polygon(_box(560, 470, 620, 470, 820, HEIGHT, 360, HEIGHT), fill="#e9d8a6")  # the path
    for x, y, size in ((180, 430, 70), (300, 470, 55), (980, 430, 80), (1100, 480, 60)):  # trees
        draw.rectangle(_box(x - 8, y, x + 8, y + size * 1.4), fill="#6d4c33")
        draw.ellipse(_box(x - size, y - size * 1.5, x + size, y + size * 0.3), fill="#2d6a4f")


def _repair(draw: ImageDraw.ImageDraw) -> None:
    centre_x, centre_y, outer, inner = 520, 410, 230, 180
    teeth = []
    for step in range(48):  # twelve teeth, four corners each
        angle = math.tau * step / 48
        radius = outer if step % 4 in (1, 2) else inner
        teeth += [centre_x + radius * math.cos(angle), centre_y + radius * math.sin(angle)]
    draw.polygon(_box(*teeth), fill="#f4f1de")
    draw.ellipse(_box(centre_x - 80, centre_y - 80, centre_x + 80, centre_y + 80), fill="#2a9d8f")
    # A wrench across the gear, drawn as a thick line with a round head and an open jaw.
    draw.line(_box(700, 660, 960, 250), fill="#264653", width=70 * SCALE)
    draw.ellipse(_box(880, 140, 1060, 320), fill="#264653")
    draw.ellipse(_box(935, 165, 1025, 255), fill="#2a9d8f")
    draw.ellipse(_box(660, 620, 740, 700), fill="#264653")


def _choir(draw: ImageDraw.ImageDraw) -> None:
    for line in range(5):  # the staff
        y = 260 + line * 70
        draw.line(_box(80, y, WIDTH - 80, y), fill="#e9dff5", width=8 * SCALE)
    for x, y in ((300, 500), (520, 430), (740, 360), (960, 430)):
        draw.ellipse(_box(x - 60, y - 42, x + 60, y + 42), fill="#ffffff")
        draw.line(_box(x + 52, y, x + 52, y - 260), fill="#ffffff", width=18 * SCALE)
    draw.line(_box(572, 170, 792, 100), fill="#ffffff", width=40 * SCALE)  # a beam over two notes


def _garden(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle(_box(0, 560, WIDTH, HEIGHT), fill="#7f5539")  # soil
    for x, colour in ((220, "#f28482"), (480, "#f6bd60"), (740, "#f28482"), (1000, "#f6bd60")):
        draw.line(_box(x, 600, x, 330), fill="#2d6a4f", width=16 * SCALE)  # stem
        draw.ellipse(_box(x - 90, 430, x, 490), fill="#52b788")  # leaves
        draw.ellipse(_box(x, 470, x + 90, 530), fill="#52b788")
        for petal in range(6):
            angle = math.tau * petal / 6
            px, py = x + 55 * math.cos(angle), 280 + 55 * math.sin(angle)
            draw.ellipse(_box(px - 45, py - 45, px + 45, py + 45), fill=colour)
        draw.ellipse(_box(x - 35, 245, x + 35, 315), fill="#fff3b0")


def _bike(draw: ImageDraw.ImageDraw) -> None:
    for centre in (330, 870):  # wheels with spokes
        draw.ellipse(_box(centre - 190, 330, centre + 190, 710), outline="#1d3557", width=26 * SCALE)
        for spoke in range(8):
            angle = math.tau * spoke / 16
            dx, dy = 175 * math.cos(angle), 175 * math.sin(angle)
            draw.line(_box(centre - dx, 520 - dy, centre + dx, 520 + dy), fill="#457b9d", width=5 * SCALE)
    frame = "#e63946"
    for start, end in (((330, 520), (560, 520)), ((560, 520), (470, 300)), ((470, 300), (760, 300)),
                       ((760, 300), (560, 520)), ((760, 300), (870, 520)), ((330, 520), (470, 300))):
        draw.line(_box(*start, *end), fill=frame, width=26 * SCALE)
    draw.line(_box(430, 260, 530, 260), fill="#1d3557", width=30 * SCALE)  # saddle
    draw.line(_box(740, 300, 720, 210), fill=frame, width=22 * SCALE)  # handlebars
    draw.line(_box(680, 210, 790, 200), fill="#1d3557", width=22 * SCALE)


# name: (background, drawing, what is on it, for the alt text)
PICTURES: dict[str, tuple[str, Drawing, str]] = {
    "coffee": ("#f4a259", _coffee, "Tekening: een kop koffie met stoom op een oranje tafel."),
    "walk": ("#bfe3f0", _walk, "Tekening: een pad door groene heuvels, met bomen en de zon."),
    "repair": ("#2a9d8f", _repair, "Tekening: een tandwiel en een moersleutel."),
    "choir": ("#7b5ea7", _choir, "Tekening: muzieknoten op een notenbalk."),
    "garden": ("#a8dadc", _garden, "Tekening: bloemen in de aarde."),
    "bike": ("#f1faee", _bike, "Tekening: een rode fiets."),
}


@lru_cache(maxsize=len(PICTURES))
def picture_png(name: str) -> bytes:
    """The picture as a PNG, as a phone would upload it."""
    background, drawing, _description = PICTURES[name]
    canvas = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), background)
    drawing(ImageDraw.Draw(canvas))
    buffer = io.BytesIO()
    canvas.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS).save(buffer, "PNG")
    return buffer.getvalue()


def demo_photo(name: str, neighbourhood_id: int) -> PhotoChange:
    """A new photo with this picture, stored through the image service, with what is on it."""
    upload = FileStorage(io.BytesIO(picture_png(name)), filename=f"{name}.png", content_type="image/png")
    image = images.save_uploaded_image(upload, owner_id=None, neighbourhood_id=neighbourhood_id)
    return PhotoChange(new=image, description=PICTURES[name][2])

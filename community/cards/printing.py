"""Print runs: A4 sheets of 3 × 3 cards at trading-card size (63 × 88 mm) with crop marks, each front sheet
followed by its back (mirrored, so the backs line up when printed on both sides), for the browser and as
a PDF for a print shop. Only cards whose people consented to print (community.cards.visibility).

The PDF is made with fpdf2: pure Python (no system libraries to install beside the fonts), maintained,
small, with TrueType fonts for every script and text shaping (through uharfbuzz) for Arabic names."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import segno
from flask import current_app

from community.cards.models import Card, Edition, Scope
from community.cards.visibility import visible_cards
from community.extensions import db

PAGE_W, PAGE_H = 210.0, 297.0         # A4, mm
CARD_W, CARD_H = 63.0, 88.0           # a trading card, mm
COLUMNS, ROWS = 3, 3
PER_SHEET = COLUMNS * ROWS
MARGIN_X = (PAGE_W - COLUMNS * CARD_W) / 2   # 10.5 mm
MARGIN_Y = (PAGE_H - ROWS * CARD_H) / 2      # 16.5 mm
MARK = 5.0                            # length of a crop mark, mm, outside the cut
MARK_GAP = 1.5                        # crop marks stop short of the card
DEFAULT_FONT_DIR = "/usr/share/fonts/truetype/dejavu"  # Debian's fonts-dejavu-core


@dataclass(frozen=True)
class Place:
    card: Card
    x: float    # mm from the sheet's left edge
    y: float


@dataclass(frozen=True)
class Sheet:
    fronts: list[Place]
    backs: list[Place]   # the same cards, each column mirrored


def cards_to_print(edition: Edition, category_id: int | None = None) -> list[Card]:
    found = visible_cards(db.session, edition, Scope.PRINT)
    return [card for card in found if category_id is None or card.category_id == category_id]


def sheets_of(cards: list[Card]) -> list[Sheet]:
    sheets = []
    for start in range(0, len(cards), PER_SHEET):
        chunk = cards[start:start + PER_SHEET]
        fronts, backs = [], []
        for index, card in enumerate(chunk):
            row, column = divmod(index, COLUMNS)
            y = MARGIN_Y + row * CARD_H
            fronts.append(Place(card, MARGIN_X + column * CARD_W, y))
            backs.append(Place(card, MARGIN_X + (COLUMNS - 1 - column) * CARD_W, y))
        sheets.append(Sheet(fronts, backs))
    return sheets


def crop_marks() -> list[tuple[float, float, float, float]]:
    """Lines (x1, y1, x2, y2) in mm at every cut, outside the block of cards."""
    lines = []
    top, bottom = MARGIN_Y, MARGIN_Y + ROWS * CARD_H
    left, right = MARGIN_X, MARGIN_X + COLUMNS * CARD_W
    for column in range(COLUMNS + 1):
        x = MARGIN_X + column * CARD_W
        lines += [(x, top - MARK_GAP - MARK, x, top - MARK_GAP), (x, bottom + MARK_GAP, x, bottom + MARK_GAP + MARK)]
    for row in range(ROWS + 1):
        y = MARGIN_Y + row * CARD_H
        lines += [(left - MARK_GAP - MARK, y, left - MARK_GAP, y), (right + MARK_GAP, y, right + MARK_GAP + MARK, y)]
    return lines


# --- PDF --------------------------------------------------------------------------------------------

def _font_dir() -> Path:
    return Path(current_app.config.get("CARD_FONT_DIR") or DEFAULT_FONT_DIR)


def pdf_of(edition: Edition, sheets: list[Sheet], *, category_title, code_url, photo_path) -> bytes:
    """The sheets as a PDF: `category_title(card)`, `code_url(card)` (what the QR code holds) and
    `photo_path(card)` (a file or None) come from the caller, which knows the request's language and URLs."""
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.set_title(edition.name)
    pdf.set_creator("Buurtkracht")
    family = _fonts(pdf)
    for sheet in sheets:
        pdf.add_page()
        _marks(pdf)
        for place in sheet.fronts:
            _front(pdf, family, place, category_title(place.card), photo_path(place.card))
        pdf.add_page()
        _marks(pdf)
        for place in sheet.backs:
            _back(pdf, family, place, edition.name, code_url(place.card))
    return bytes(pdf.output())


def _fonts(pdf) -> str:
    folder = _font_dir()
    regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
    if not (regular.is_file() and bold.is_file()):
        raise FileNotFoundError(f"DejaVu fonts not found in {folder} (Debian: apt-get install fonts-dejavu-core)")
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    try:
        pdf.set_text_shaping(True)  # joined scripts (Arabic) and right-to-left names come out right
    except Exception:  # noqa: BLE001 - without uharfbuzz, Latin and Cyrillic names still print
        current_app.logger.info("no text shaping for the card PDF (uharfbuzz missing)")
    return "DejaVu"


def _marks(pdf) -> None:
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    for x1, y1, x2, y2 in crop_marks():
        pdf.line(x1, y1, x2, y2)


def _frame(pdf, place: Place) -> None:
    pdf.set_draw_color(200, 200, 200)
    pdf.set_line_width(0.1)
    pdf.rect(place.x + 3, place.y + 3, CARD_W - 6, CARD_H - 6)


def _front(pdf, family: str, place: Place, category_title: str, photo: Path | None) -> None:
    card, x, y = place.card, place.x, place.y
    _frame(pdf, place)
    pdf.set_text_color(11, 93, 75)
    pdf.set_font(family, "B", 7)
    pdf.set_xy(x + 5, y + 5)
    pdf.multi_cell(CARD_W - 10, 3.2, category_title, align="C", max_line_height=3.2)
    if photo is not None and photo.is_file():
        _photo(pdf, photo, x + 8, y + 13, CARD_W - 16, 46)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(family, "B", 12)
    pdf.set_xy(x + 5, y + 61)
    pdf.cell(CARD_W - 10, 6, card.display_name, align="C")
    pdf.set_font(family, "", 8)
    pdf.set_xy(x + 5, y + 68)
    pdf.multi_cell(CARD_W - 10, 3.6, card.line, align="C")
    pdf.set_font(family, "B", 9)
    pdf.set_xy(x + 5, y + CARD_H - 9)
    pdf.cell(CARD_W - 10, 4, f"{card.number or ''}", align="C")


def _photo(pdf, path: Path, x: float, y: float, width: float, height: float) -> None:
    """The photo fitted into its box, centred (decoded with Pillow: the stored photos are WebP)."""
    from PIL import Image as PILImage

    with PILImage.open(path) as picture:
        picture = picture.convert("RGB")
        scale = min(width / picture.width, height / picture.height)
        w, h = picture.width * scale, picture.height * scale
        pdf.image(picture, x + (width - w) / 2, y + (height - h) / 2, w, h)


def _back(pdf, family: str, place: Place, edition_name: str, url: str) -> None:
    card, x, y = place.card, place.x, place.y
    _frame(pdf, place)
    pdf.set_text_color(11, 93, 75)
    pdf.set_font(family, "B", 11)
    pdf.set_xy(x + 5, y + 10)
    pdf.multi_cell(CARD_W - 10, 5, edition_name, align="C")
    buffer = io.BytesIO()
    segno.make_qr(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    pdf.image(buffer, x + (CARD_W - 32) / 2, y + 28, 32, 32)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(family, "B", 14)
    pdf.set_xy(x + 5, y + 64)
    pdf.cell(CARD_W - 10, 7, card.code, align="C")
    pdf.set_font(family, "", 9)
    pdf.set_xy(x + 5, y + 72)
    pdf.cell(CARD_W - 10, 5, f"{card.number or ''}", align="C")

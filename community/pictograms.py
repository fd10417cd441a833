"""Pictograms: one picture per activity kind, need, talent and home tile, always shown beside its
words (for neighbours who read Dutch slowly, a picture says where they are).

The pictures are Lucide icons (ISC licence), vendored as one cached sprite,
static/img/pictograms.svg; `flask pictograms build <lucide-static>/icons` makes it anew from
the names below (npm pack lucide-static, unpack, point at its icons folder)."""
from __future__ import annotations

import re
from pathlib import Path

import click

SPRITE = Path(__file__).resolve().parent.parent / "static" / "img" / "pictograms.svg"

ACTIVITY_KINDS = {
    "coffee": "coffee", "language_cafe": "languages", "lunch": "utensils", "vitality": "heart-pulse",
    "health": "stethoscope", "round_table": "messages-square", "creative": "palette", "children": "toy-brick",
    "repair": "wrench", "music": "music", "walk": "footprints", "games": "dices", "advice": "message-circle-question",
    "digital": "monitor-smartphone", "other": "shapes",
}
NEED_KINDS = {"hands": "hand-helping", "things": "package", "money": "coins", "room": "door-open",
              "advice": "message-circle-question"}
TALENTS = {
    "cooking": "chef-hat", "fixing_bikes": "bike", "listening": "ear", "gardening": "sprout", "driving": "car",
    "languages": "languages", "it_help": "smartphone", "music": "guitar", "odd_jobs": "hammer", "sewing": "scissors",
    "children": "baby", "visiting": "house-heart", "paperwork": "file-text", "crafts": "palette",
    "sport": "dumbbell", "organising": "clipboard-list",
}
# The tiles of the neighbourhood's home page and the coordinator page: no two share a picture.
TILES = {
    "agenda": "calendar-days", "talents": "hand-heart", "assets": "map-pinned", "volunteering": "hand-helping",
    "ask_for_help": "megaphone", "initiatives": "lightbulb", "review": "clipboard-check", "reports": "flag",
    "house": "house", "members": "user-plus", "rooms": "door-open", "roles": "key-round", "pot": "piggy-bank",
    "screens": "tv", "cards": "ticket",
}
# Lief-en-leedpot: what the money went to, where it came from, and the pot's own pages.
POT_OCCASIONS = {"welcome": "house-heart", "get_well": "heart-pulse", "birth": "baby", "mourning": "flower",
                 "anniversary": "cake", "activity": "party-popper", "other": "gift"}
POT_SOURCES = {"grant": "landmark", "collection": "hand-coins", "neighbour": "heart-handshake", "voucher": "ticket",
               "other": "coins"}
POT_PAGES = {"give": "wallet", "books": "receipt"}
# What the neighbourhood has that is not a person (talents.AssetKind).
ASSET_KINDS = {"borrow": "package", "place": "map-pinned", "organisation": "house", "public_space": "sprout"}
TASK_WITHOUT_TALENT = "hand-helping"
FALLBACK = "shapes"
ALL_NAMES = sorted({*ACTIVITY_KINDS.values(), *NEED_KINDS.values(), *TALENTS.values(), *TILES.values(),
                    *POT_OCCASIONS.values(), *POT_SOURCES.values(), *POT_PAGES.values(), *ASSET_KINDS.values(),
                    TASK_WITHOUT_TALENT, FALLBACK})


def for_activity(kind: str) -> str:
    return ACTIVITY_KINDS.get(kind, FALLBACK)


def for_need(kind: str) -> str:
    return NEED_KINDS.get(kind, FALLBACK)


def for_talent(code: str) -> str:
    return TALENTS.get(code, FALLBACK)


def for_asset(kind: str) -> str:
    return ASSET_KINDS.get(kind, FALLBACK)


def for_task(skill_codes: list[str]) -> str:
    """A task shows the picture of the first talent it asks for."""
    return next((TALENTS[code] for code in skill_codes if code in TALENTS), TASK_WITHOUT_TALENT)


def symbol_from_icon(name: str, svg: str) -> str:
    body = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    inner = re.search(r"<svg[^>]*>(.*)</svg>", body, flags=re.S).group(1)
    inner = re.sub(r"\s+", " ", inner).replace("> <", "><").replace(" />", "/>").strip()
    # Stroke settings on each symbol: a <use> copy inherits from where it is used, not from this file.
    return (f'<symbol id="{name}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" '
            f'stroke-linecap="round" stroke-linejoin="round">{inner}</symbol>')


def build_sprite(icons: Path) -> str:
    symbols = "".join(symbol_from_icon(name, (icons / f"{name}.svg").read_text()) for name in ALL_NAMES)
    return f'<svg xmlns="http://www.w3.org/2000/svg"><!-- Lucide icons, ISC licence, lucide.dev -->{symbols}</svg>\n'


@click.group("pictograms")
def pictogram_commands() -> None:
    """The sprite of pictograms."""


@pictogram_commands.command("build")
@click.argument("icons", type=click.Path(exists=True, file_okay=False, path_type=Path))
def build(icons: Path) -> None:
    """Write static/img/pictograms.svg from a folder of Lucide icons."""
    SPRITE.write_text(build_sprite(icons))
    click.echo(f"{SPRITE}: {len(ALL_NAMES)} pictograms, {SPRITE.stat().st_size} bytes")

"""Stylesheets are whole: every block that opens closes (a merge can leave one open, and every
rule after it then applies only inside that media query)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "static" / "css"


def _depths(css: str):
    """The nesting depth after each character, with comments and strings left out."""
    text = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    text = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', '""', text)
    depth = 0
    for character in text:
        depth += {"{": 1, "}": -1}.get(character, 0)
        yield depth


@pytest.mark.parametrize("sheet", sorted(STATIC.glob("*.css")), ids=lambda path: path.name)
def test_every_block_that_opens_closes(sheet):
    depths = list(_depths(sheet.read_text()))
    assert min(depths, default=0) >= 0, f"{sheet.name}: a block closes that never opened"
    assert depths[-1] == 0, f"{sheet.name}: {depths[-1]} block(s) left open"

"""Every pictogram the code asks for is drawn in the sprite, and every activity kind has its own."""
from __future__ import annotations

import re

from community.agenda.models import ActivityKind
from community.pictograms import ACTIVITY_KINDS, ALL_NAMES, FALLBACK, SPRITE, for_activity


def test_every_pictogram_named_is_in_the_sprite():
    symbols = set(re.findall(r'<symbol id="([^"]+)"', SPRITE.read_text()))
    assert set(ALL_NAMES) <= symbols, sorted(set(ALL_NAMES) - symbols)


def test_every_activity_kind_has_a_picture_of_its_own():
    assert set(ACTIVITY_KINDS) == {kind.value for kind in ActivityKind}
    pictures = [for_activity(kind.value) for kind in ActivityKind if kind is not ActivityKind.OTHER]
    assert FALLBACK not in pictures and len(set(pictures)) == len(pictures)
    assert for_activity("something-new") == FALLBACK

"""A page compressed once with holes, filled per visitor, is a gzip that any decoder reads back exactly."""
from __future__ import annotations

import gzip
import zlib

from hypothesis import given, settings, strategies as st

from community.precompressed import HoledPage

HOLE = "<hole>"


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(st.text(), min_size=1, max_size=6), value=st.text(min_size=0, max_size=120))
def test_every_filled_page_unzips_to_the_page_with_the_value_in_its_holes(pieces, value):
    pieces = [piece.replace(HOLE, "") for piece in pieces]
    page = HoledPage.cut(HOLE.join(pieces), HOLE)
    expected = value.join(pieces).encode()
    assert page.filled(value) == expected
    assert gzip.decompress(page.gzipped(value)) == expected
    streaming = zlib.decompressobj(16 + zlib.MAX_WBITS)    # as a browser reads it, in one stream
    assert streaming.decompress(page.gzipped(value)) + streaming.flush() == expected and streaming.eof


def test_a_long_page_stays_compressed():
    html = ("<li class='occurrence'>Koffie-ochtend in De Haard</li>" * 400) + HOLE + "</ul>" + HOLE
    page = HoledPage.cut(html, HOLE)
    assert len(page.gzipped("x" * 90)) < len(html) / 10

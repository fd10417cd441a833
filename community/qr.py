"""QR codes as SVG, drawn with segno (one library for the poster, the pot's EPC codes, the cards and the
kiosk)."""
from __future__ import annotations

import io

import segno


def svg_of(code: segno.QRCode) -> str:
    """An SVG that scales with its box (no fixed size), dark modules on white, no XML declaration."""
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, svgns=True, omitsize=True, border=2, dark="#000", light="#fff")
    return out.getvalue().decode()


def qr_svg(text: str) -> str:
    return svg_of(segno.make_qr(text, error="m"))

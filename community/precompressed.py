"""A page compressed once, with holes: each visitor's CSRF token goes in without compressing the page again.

The page is cut at its holes and each piece deflated on its own, ending on a byte boundary with an
empty dictionary (a full flush), so no back-reference crosses a cut. Deflate blocks may follow each other
freely, so the pieces with the visitor's (tiny, freshly deflated) token between them are one valid
deflate stream; a gzip header and a trailer (CRC-32 and length of the whole) make it the gzip a browser
asks for."""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

LEVEL = 6
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no name, no time, unknown OS


def _deflated(data: bytes, *, last: bool) -> bytes:
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)


@dataclass(frozen=True)
class HoledPage:
    pieces: tuple[bytes, ...]     # the page between its holes, as UTF-8
    deflated: tuple[bytes, ...]   # each piece deflated on its own; the last one ends the stream

    @classmethod
    def cut(cls, html: str, hole: str) -> HoledPage:
        pieces = tuple(piece.encode() for piece in html.split(hole))
        return cls(pieces, tuple(_deflated(piece, last=n == len(pieces) - 1) for n, piece in enumerate(pieces)))

    def filled(self, value: str) -> bytes:
        return value.encode().join(self.pieces)

    def gzipped(self, value: str) -> bytes:
        """The page with `value` in every hole, gzipped, without compressing the pieces again."""
        filling = value.encode()
        between = _deflated(filling, last=False)
        body, crc, size = [_GZIP_HEADER], 0, 0
        for n, (piece, deflated) in enumerate(zip(self.pieces, self.deflated)):
            if n:
                body.append(between)
                crc, size = zlib.crc32(filling, crc), size + len(filling)
            body.append(deflated)
            crc, size = zlib.crc32(piece, crc), size + len(piece)
        body.append(struct.pack("<II", crc, size & 0xFFFFFFFF))
        return b"".join(body)

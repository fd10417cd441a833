"""The one image service: an uploaded photo is judged by its content, limited in bytes, pixels and
decoding memory, turned upright, re-encoded to WebP in three sizes (a square thumbnail for cards, a
small and a large photo) without any metadata, and stored on disk under a random key.

A small file can decode huge (a 150 KB PNG can hold 6300x6300 pixels: 150 MiB once decoded). So the
memory a photo will take is worked out from its header and the photo refused over the budget before
any pixel is decoded; a JPEG is decoded at a reduced scale; every step after the decode works on a
copy no bigger than needed; and one process decodes one photo at a time.
"""
from __future__ import annotations

import io
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from PIL import Image as PILImage
from PIL import ImageCms, ImageFile, ImageOps, PngImagePlugin, UnidentifiedImageError
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from community.db import after_commit, end_read_transaction, has_pending_changes
from community.errors import DomainError
from community.extensions import db
from community.images.models import SIZES, Image

__all__ = ["SIZES"]  # defined beside the model, which reports each variant's size to templates
# MPO: a JPEG with more pictures in it (some cameras); like any multi-frame file, only the first is used.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}
JPEG_FORMATS = {"JPEG", "MPO"}
BYTES_PER_MB = 1024 * 1024
DEFAULT_MAX_BYTES = 8 * BYTES_PER_MB
# A phone photo has 12 MP (some phones 24 MP), most cameras 24 MP (6000x4000): 25 MP takes all of
# those and refuses the 48-200 MP full-sensor modes, which cost 200-800 MB to decode.
DEFAULT_MAX_PIXELS = 25_000_000
# What one decode may take: a 25 MP photo decodes to 95 MiB.
DEFAULT_MAX_DECODE_BYTES = 100 * BYTES_PER_MB
# libjpeg's progressive JPEGs have 10 scans, mozjpeg's a few dozen; the decoder goes over the
# whole picture for every scan, so thousands of tiny scans would take minutes.
MAX_JPEG_SCANS = 100
# Pillow keeps 8-bit modes of more than one band in four bytes a pixel.
BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16L": 2, "I;16B": 2, "I;16N": 2}
DEFAULT_BYTES_PER_PIXEL = 4
# Pillow decodes every WebP with libwebp's animation decoder: its two canvases, the frame handed
# over, and Pillow's own copy (measured: 16 bytes a pixel).
WEBP_BYTES_PER_PIXEL = 16
# A progressive JPEG keeps all its DCT coefficients (two bytes each) until the last scan.
JPEG_COEFFICIENT_BYTES = 2
# Modes that shrink as they are; any other mode (or transparency) is converted band by band.
SHRINKS_AS_IS = {"RGB", "L", "CMYK"}
GREY_MODES = {"1", "L", "I", "I;16", "I;16L", "I;16B", "I;16N"}
BAND_ROWS = 256
# Shrink by whole factors first, then resample at least this much (Pillow's thumbnail default).
REDUCING_GAP = 2.0
WEBP_QUALITY = 80
SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))

# Text chunks in a PNG are decompressed while its header is read; they are thrown away anyway.
PngImagePlugin.MAX_TEXT_MEMORY = 4 * BYTES_PER_MB

# Threaded workers would each hold a decode at once; one at a time keeps a worker's peak at one.
_one_decode_at_a_time = threading.Lock()


class ImageError(DomainError):
    """An upload is not a photo we can use."""


def not_a_photo() -> ImageError:
    return ImageError(_l("Dit bestand is geen foto. Kies een JPG-, PNG- of WebP-foto."))


def too_many_pixels() -> ImageError:
    return ImageError(_l("Deze foto heeft te veel pixels. Kies een kleinere foto."))


@dataclass(frozen=True)
class EncodedPhoto:
    large: bytes
    small: bytes
    thumb: bytes
    size: tuple[int, int]  # of the large variant

    def of_size(self, size: str) -> bytes:
        return getattr(self, size)


@dataclass(frozen=True)
class Limits:
    max_pixels: int
    max_decode_bytes: int


def save_uploaded_image(file_storage, *, owner_id: int | None, neighbourhood_id: int, private: bool = False) -> Image:
    """Check, convert and store an upload; the caller commits the session.

    The decode runs outside any database transaction: the session's transaction (on SQLite a POST
    holds the write lock from its first query) is ended first, and the row is written in a new one,
    which the caller keeps short. A transaction that has already changed something (a second photo
    in one go) is the caller's to commit: it stays open, and the decode then holds its locks; so
    save photos before changing anything else."""
    if not has_pending_changes(db.session):
        end_read_transaction(db.session)
    photo = encode_photo(_read_upload(file_storage, current_app.config.get("IMAGE_MAX_BYTES", DEFAULT_MAX_BYTES)))
    image = Image(key=secrets.token_urlsafe(16), owner_id=owner_id, neighbourhood_id=neighbourhood_id,
                  width=photo.size[0], height=photo.size[1], is_private=private)
    try:
        for size in SIZES:
            _write_atomically(image_path(image, size), photo.of_size(size))
        db.session.add(image)
        db.session.flush()
    except Exception:
        delete_image_files(image)
        raise
    _delete_files_unless_committed(image)
    return image


def encode_photo(data: bytes) -> EncodedPhoto:
    """The photo in `data` as WebP in every size, or ImageError. Needs no database."""
    limits = _limits()
    # Pillow's own guard (process-wide; every request sets it from the same configuration).
    PILImage.MAX_IMAGE_PIXELS = limits.max_pixels
    try:
        _check_container(data, limits)
        with PILImage.open(io.BytesIO(data)) as picture:
            _plan_decode(picture, data, limits)
            with _one_decode_at_a_time:
                return _encoded(_pixels_in_srgb(ImageOps.exif_transpose(_decoded_and_shrunk(picture))))
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise not_a_photo() from None


def discard_image(image: Image) -> None:
    """Delete the row in the current transaction and its files once that commits."""
    paths = [image_path(image, size) for size in SIZES]
    db.session.delete(image)
    after_commit(db.session, lambda: _unlink(paths))


def get_by_key(key: str) -> Image | None:
    """A public image by its key; private ones are not found this way."""
    return db.session.scalar(select(Image).where(Image.key == key, Image.is_private.is_(False)))


def upload_folder() -> Path:
    return Path(current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads")


def image_path(image: Image, size: str) -> Path:
    if size not in SIZES:
        raise ValueError(f"unknown image size {size!r}")
    # Two characters of the key spread the files over folders of a manageable length.
    return upload_folder() / image.key[:2] / f"{image.key}-{size}.webp"


def delete_image_files(image: Image) -> None:
    _unlink([image_path(image, size) for size in SIZES])


def url_for_image(image: Image, size: str) -> str:
    return url_for("images.serve_image", key=image.key, size=size)


# --- reading and judging -----------------------------------------------------------------------

def _limits() -> Limits:
    settings = current_app.config
    return Limits(max_pixels=settings.get("IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS),
                  max_decode_bytes=settings.get("IMAGE_MAX_DECODE_BYTES", DEFAULT_MAX_DECODE_BYTES))


def _read_upload(file_storage, max_bytes: int) -> bytes:
    data = file_storage.stream.read(max_bytes + 1) if file_storage is not None else b""
    if len(data) > max_bytes:
        raise ImageError(_l("Deze foto is te groot. Kies een kleinere foto (hoogstens %(mb)d MB).",
                            mb=max_bytes // BYTES_PER_MB))
    if not data:
        raise not_a_photo()
    return data


def _check_container(data: bytes, limits: Limits) -> None:
    """Format and pixel count from the header, then the file's structure (no pixels decoded)."""
    with PILImage.open(io.BytesIO(data)) as probe:
        if probe.format not in ACCEPTED_FORMATS:
            raise not_a_photo()
        if probe.width * probe.height > limits.max_pixels:
            raise too_many_pixels()
        probe.verify()


def _plan_decode(picture: PILImage.Image, data: bytes, limits: Limits) -> None:
    """Choose the decoding scale (JPEG) and refuse what would take more memory than the budget."""
    if ImageFile.LOAD_TRUNCATED_IMAGES:
        raise RuntimeError("ImageFile.LOAD_TRUNCATED_IMAGES must stay False: a cut-off file is no photo")
    coefficients = 0
    if picture.format in JPEG_FORMATS and picture.info.get("progressive"):
        if _jpeg_scan_count(data) > MAX_JPEG_SCANS:
            raise not_a_photo()
        coefficients = _jpeg_coefficient_bytes(picture)
    # JPEG decodes at 1/2, 1/4 or 1/8 scale, as long as it still covers the large size.
    picture.draft(None, _fitted(picture.size, SIZES["large"]))
    if coefficients + _decode_bytes(picture) > limits.max_decode_bytes:
        raise too_many_pixels()


def _decode_bytes(picture: PILImage.Image) -> int:
    """The memory the decode (at the drafted size) and a converted working copy will take."""
    pixels = picture.width * picture.height
    per_pixel = WEBP_BYTES_PER_PIXEL if picture.format == "WEBP" else BYTES_PER_PIXEL.get(
        picture.mode, DEFAULT_BYTES_PER_PIXEL)
    working = 0
    if _needs_conversion(picture):
        factor = _reduce_factor(picture.size)
        working = -(-picture.width // factor) * -(-picture.height // factor) * DEFAULT_BYTES_PER_PIXEL
    return pixels * per_pixel + working


def _jpeg_coefficient_bytes(picture: PILImage.Image) -> int:
    """Two bytes per DCT coefficient of every component, at its own sampling, blocks rounded up."""
    layers = getattr(picture, "layer", None) or [(0, 1, 1, 0)] * len(picture.getbands())
    most_h = max(layer[1] for layer in layers) or 1
    most_v = max(layer[2] for layer in layers) or 1
    padded = (-(-picture.width // 16) * 16) * (-(-picture.height // 16) * 16)
    share = sum(layer[1] * layer[2] for layer in layers) / (most_h * most_v)
    return int(padded * share * JPEG_COEFFICIENT_BYTES)


def _jpeg_scan_count(data: bytes) -> int:
    """The scans (SOS markers) in a JPEG. The segments before the first scan are skipped by their
    length; after it a 0xFF 0xDA pair is a marker, since entropy-coded data escapes every 0xFF."""
    position = 2  # after the start-of-image marker
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xDA:
            return data.count(b"\xff\xda", position)
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        position += 2 + int.from_bytes(data[position + 2:position + 4], "big")
    return 0


def _fitted(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    scale = min(1.0, box[0] / size[0], box[1] / size[1])
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def _reduce_factor(size: tuple[int, int]) -> int:
    scale = max(size[0] / SIZES["large"][0], size[1] / SIZES["large"][1])
    return max(1, int(scale / REDUCING_GAP))


def _needs_conversion(picture: PILImage.Image) -> bool:
    return picture.mode not in SHRINKS_AS_IS or picture.has_transparency_data


# --- decoding and shrinking -----------------------------------------------------------------------

def _decoded_and_shrunk(picture: PILImage.Image) -> PILImage.Image:
    """The first frame, decoded and shrunk to fit the large size, flat (RGB, L or CMYK). Only the
    decoded frame is ever full size: conversions happen one band at a time, on the way down."""
    picture.load()
    if _needs_conversion(picture):
        working = _flattened_in_bands(picture, _reduce_factor(picture.size))
        picture.close()  # frees the decoded frame
    else:
        working = picture
    working.thumbnail(SIZES["large"], PILImage.Resampling.LANCZOS, reducing_gap=REDUCING_GAP)
    return working


def _flattened_in_bands(picture: PILImage.Image, factor: int) -> PILImage.Image:
    """A copy without transparency (on white), in 8-bit RGB or L, reduced `factor` times."""
    width, height = picture.size
    mode = "L" if picture.mode in GREY_MODES and not picture.has_transparency_data else "RGB"
    rows = factor * max(1, BAND_ROWS // factor)
    working = PILImage.new(mode, (-(-width // factor), -(-height // factor)), "white")
    for top in range(0, height, rows):
        band = _flattened(picture.crop((0, top, width, min(top + rows, height))), mode)
        working.paste(band.reduce(factor) if factor > 1 else band, (0, top // factor))
    # EXIF (for the orientation) and the colour profile come along; transparency is gone.
    working.info = {key: value for key, value in picture.info.items() if key != "transparency"}
    return working


def _flattened(band: PILImage.Image, mode: str) -> PILImage.Image:
    if band.mode.startswith("I"):  # 16-bit grey: the top eight bits
        return band.point(lambda value: value / 256).convert("L")
    if band.has_transparency_data:
        with_alpha = band.convert("RGBA")
        canvas = PILImage.new("RGB", band.size, "white")
        canvas.paste(with_alpha.convert("RGB"), mask=with_alpha.getchannel("A"))
        return canvas
    return band.convert(mode)


def _pixels_in_srgb(picture: PILImage.Image) -> PILImage.Image:
    """Drop EXIF, GPS, ICC and XMP by drawing the pixels on a fresh canvas. Colours are first
    converted to sRGB (phones often shoot in Display P3)."""
    icc_profile = picture.info.get("icc_profile")
    if icc_profile and picture.mode in ("RGB", "CMYK"):
        try:
            picture = ImageCms.profileToProfile(picture, ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)),
                                                SRGB_PROFILE, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: the pixels as they are still make a fine photo
    canvas = PILImage.new("RGB", picture.size, "white")
    canvas.paste(picture.convert("RGB"))
    return canvas


def _encoded(picture: PILImage.Image) -> EncodedPhoto:
    small = picture.copy()
    small.thumbnail(SIZES["small"], PILImage.Resampling.LANCZOS)
    # A card's thumbnail fills its square: the middle of the photo, cut to size.
    thumb = ImageOps.fit(picture, SIZES["thumb"], PILImage.Resampling.LANCZOS)
    return EncodedPhoto(large=_webp_bytes(picture), small=_webp_bytes(small), thumb=_webp_bytes(thumb),
                        size=picture.size)


def _webp_bytes(picture: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "WEBP", quality=WEBP_QUALITY)
    return buffer.getvalue()


# --- files ------------------------------------------------------------------------------------

def _write_atomically(path: Path, data: bytes) -> None:
    """Write next to the target and rename, so a half-written file is never served."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    partial.replace(path)


def _unlink(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


# The files of a new photo are written before its row; if the row's transaction does not commit
# (a rollback, or a request that ends in an error), the files go too.
_UNCOMMITTED_FILES = "uncommitted_image_files"


def _delete_files_unless_committed(image: Image) -> None:
    paths = [image_path(image, size) for size in SIZES]
    db.session().info.setdefault(_UNCOMMITTED_FILES, []).extend(paths)


@event.listens_for(Session, "after_commit")
def _keep_committed_files(session) -> None:
    session.info.pop(_UNCOMMITTED_FILES, None)


@event.listens_for(Session, "after_transaction_end")
def _delete_uncommitted_files(session, transaction) -> None:
    if transaction.parent is None:
        _unlink(session.info.pop(_UNCOMMITTED_FILES, []))

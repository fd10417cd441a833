"""The one image service: an uploaded photo is judged by its content, limited in bytes and
pixels, turned upright, re-encoded to WebP in two sizes without any metadata, and stored on
disk under a random key."""
from __future__ import annotations

import io
import secrets
from pathlib import Path

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps, UnidentifiedImageError
from sqlalchemy import select

from community.errors import DomainError
from community.extensions import db
from community.images.models import Image

SIZES = {"small": (480, 480), "large": (1600, 1600)}
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
DEFAULT_MAX_BYTES = 8 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
WEBP_QUALITY = 80
BYTES_PER_MB = 1024 * 1024
SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class ImageError(DomainError):
    """An upload is not a photo we can use."""


def not_a_photo() -> ImageError:
    return ImageError(_l("Dit bestand is geen foto. Kies een JPG-, PNG- of WebP-foto."))


def too_many_pixels() -> ImageError:
    return ImageError(_l("Deze foto heeft te veel pixels. Kies een kleinere foto."))


def save_uploaded_image(file_storage, *, owner_id: int | None, neighbourhood_id: int) -> Image:
    """Check, convert and store an upload; the caller commits the session."""
    data = _read_upload(file_storage, current_app.config.get("IMAGE_MAX_BYTES", DEFAULT_MAX_BYTES))
    picture = _open_photo(data, current_app.config.get("IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS))
    # Shrink in place: a copy of a 40-megapixel photo would cost another 120 MB.
    picture.thumbnail(SIZES["large"], PILImage.Resampling.LANCZOS)
    small = picture.copy()
    small.thumbnail(SIZES["small"], PILImage.Resampling.LANCZOS)

    image = Image(key=secrets.token_urlsafe(16), owner_id=owner_id, neighbourhood_id=neighbourhood_id,
                  width=picture.width, height=picture.height)
    try:
        _write_atomically(image_path(image, "large"), _webp_bytes(picture))
        _write_atomically(image_path(image, "small"), _webp_bytes(small))
        db.session.add(image)
        db.session.flush()
    except Exception:
        delete_image_files(image)
        raise
    return image


def get_by_key(key: str) -> Image | None:
    return db.session.scalar(select(Image).where(Image.key == key))


def upload_folder() -> Path:
    return Path(current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads")


def image_path(image: Image, size: str) -> Path:
    if size not in SIZES:
        raise ValueError(f"unknown image size {size!r}")
    # Two characters of the key spread the files over folders of a manageable length.
    return upload_folder() / image.key[:2] / f"{image.key}-{size}.webp"


def delete_image_files(image: Image) -> None:
    for size in SIZES:
        image_path(image, size).unlink(missing_ok=True)


def url_for_image(image: Image, size: str) -> str:
    return url_for("images.serve_image", key=image.key, size=size)


def _read_upload(file_storage, max_bytes: int) -> bytes:
    data = file_storage.stream.read(max_bytes + 1) if file_storage is not None else b""
    if len(data) > max_bytes:
        raise ImageError(_l("Deze foto is te groot. Kies een kleinere foto (hoogstens %(mb)d MB).",
                            mb=max_bytes // BYTES_PER_MB))
    if not data:
        raise not_a_photo()
    return data


def _open_photo(data: bytes, max_pixels: int) -> PILImage.Image:
    """The upright photo as a new RGB image that holds pixels only."""
    # Pillow's own guard refuses bombs while reading the header; it is process-wide, and
    # every request sets it from the same configuration.
    PILImage.MAX_IMAGE_PIXELS = max_pixels
    try:
        with PILImage.open(io.BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise not_a_photo()
            if probe.width * probe.height > max_pixels:
                raise too_many_pixels()
            probe.verify()
        with PILImage.open(io.BytesIO(data)) as picture:
            # Let the JPEG decoder skip detail the large variant would throw away.
            picture.draft("RGB", SIZES["large"])
            return _pixels_in_srgb(ImageOps.exif_transpose(picture))
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise not_a_photo() from None


def _pixels_in_srgb(picture: PILImage.Image) -> PILImage.Image:
    """Drop EXIF, GPS, ICC and XMP by drawing the pixels on a fresh canvas. Colours are first
    converted to sRGB (phones often shoot in Display P3), and transparency becomes white."""
    icc_profile = picture.info.get("icc_profile")
    if icc_profile and picture.mode in ("RGB", "CMYK"):
        try:
            picture = ImageCms.profileToProfile(picture, ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)),
                                                SRGB_PROFILE, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: the pixels as they are still make a fine photo
    canvas = PILImage.new("RGB", picture.size, "white")
    if picture.has_transparency_data:
        with_alpha = picture.convert("RGBA")
        canvas.paste(with_alpha, mask=with_alpha.getchannel("A"))
    else:
        canvas.paste(picture.convert("RGB"))
    return canvas


def _webp_bytes(picture: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "WEBP", quality=WEBP_QUALITY)
    return buffer.getvalue()


def _write_atomically(path: Path, data: bytes) -> None:
    """Write next to the target and rename, so a half-written file is never served."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    partial.replace(path)

"""The image service: content checks, limits, re-encoding without metadata, and serving."""
from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image as PILImage
from PIL import ImageCms
from werkzeug.datastructures import FileStorage

from community.extensions import db
from community.images.forms import photo_field
from community.images.models import Image
from community.images.services import (SIZES, ImageError, delete_image_files, image_path, save_uploaded_image,
                                       url_for_image)

ORIENTATION_TAG = 0x0112
MAKE_TAG = 0x010F
GPS_IFD_TAG = 0x8825
ROTATED_90_CLOCKWISE = 6


@pytest.fixture(autouse=True)
def upload_folder(app, tmp_path):
    folder = tmp_path / "uploads"
    app.config["UPLOAD_FOLDER"] = str(folder)
    return folder


@pytest.fixture
def neighbourhood(make_neighbourhood):
    return make_neighbourhood()


@pytest.fixture
def upload(neighbourhood, make_user):
    owner = make_user(neighbourhood=neighbourhood)

    def save(data: bytes, filename: str = "foto.jpg", content_type: str = "image/jpeg") -> Image:
        file_storage = FileStorage(stream=io.BytesIO(data), filename=filename, content_type=content_type)
        return save_uploaded_image(file_storage, owner_id=owner.id, neighbourhood_id=neighbourhood.id)

    return save


def encoded(picture: PILImage.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, image_format, **options)
    return buffer.getvalue()


def phone_photo_with_location() -> bytes:
    """A 200x100 JPEG that a phone held upright would make: rotated, with GPS and a profile."""
    exif = PILImage.Exif()
    exif[ORIENTATION_TAG] = ROTATED_90_CLOCKWISE
    exif[MAKE_TAG] = "Buurtfoon"
    exif.get_ifd(GPS_IFD_TAG).update({1: "N", 2: (51.0, 45.0, 54.0), 3: "E", 4: (5.0, 31.0, 12.0)})
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return encoded(PILImage.new("RGB", (200, 100), "tomato"), "JPEG", exif=exif, icc_profile=srgb)


def read_back(image: Image, size: str) -> tuple[str, tuple[int, int], dict, dict]:
    with PILImage.open(image_path(image, size)) as stored:
        return stored.format, stored.size, dict(stored.getexif()), dict(stored.info)


def forged_png_header(width: int, height: int) -> bytes:
    """A tiny file that claims to be a huge PNG: how decompression bombs start."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b"")


def stored_files(folder) -> list:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


# --- the service ------------------------------------------------------------------------------

def test_a_phone_photo_is_turned_upright_and_stored_as_webp_without_metadata(upload):
    image = upload(phone_photo_with_location())

    for size in ("thumb", "small", "large"):
        image_format, dimensions, exif, info = read_back(image, size)
        assert image_format == "WEBP"
        assert dimensions == ((160, 160) if size == "thumb" else (100, 200))
        assert exif == {}
        assert not {"exif", "icc_profile", "xmp"} & info.keys()
        raw = image_path(image, size).read_bytes()
        assert b"EXIF" not in raw and b"ICCP" not in raw and b"Buurtfoon" not in raw
    assert (image.width, image.height) == (100, 200)


@pytest.mark.parametrize("image_format, content_type", [("PNG", "image/png"), ("WEBP", "image/webp")])
def test_png_and_webp_are_accepted_and_both_sizes_fit_their_boxes(upload, image_format, content_type):
    image = upload(encoded(PILImage.new("RGB", (3000, 1000), "teal"), image_format), "foto.bin", content_type)

    assert read_back(image, "large")[:2] == ("WEBP", (1600, 533))
    assert read_back(image, "small")[:2] == ("WEBP", (480, 160))
    assert read_back(image, "thumb")[:2] == ("WEBP", (160, 160))
    assert (image.width, image.height) == (1600, 533)
    assert [image.size_of(size) for size in ("thumb", "small", "large")] == [(160, 160), (480, 160), (1600, 533)]


def test_the_thumbnail_is_the_middle_of_the_photo_cut_to_a_square(upload):
    """A card's square shows the middle of a wide photo, not a squeezed or letterboxed whole."""
    picture = PILImage.new("RGB", (900, 300), "navy")
    picture.paste(PILImage.new("RGB", (300, 300), "gold"), (300, 0))
    image = upload(encoded(picture, "PNG"))

    with PILImage.open(image_path(image, "thumb")) as thumb:
        corners = [thumb.convert("RGB").getpixel(point) for point in ((3, 3), (156, 156), (80, 80))]
    assert all(red > 200 and green > 170 and blue < 80 for red, green, blue in corners)  # gold, edge to edge


def test_small_photos_are_not_enlarged(upload):
    image = upload(encoded(PILImage.new("RGB", (300, 200), "gold"), "PNG"))

    assert read_back(image, "large")[1] == read_back(image, "small")[1] == image.size_of("small") == (300, 200)


def test_transparent_parts_become_white(upload):
    image = upload(encoded(PILImage.new("RGBA", (40, 40), (255, 0, 0, 0)), "PNG"))

    with PILImage.open(image_path(image, "large")) as stored:
        red, green, blue = stored.convert("RGB").getpixel((20, 20))
    assert min(red, green, blue) > 240


def test_the_row_is_flushed_for_the_caller_to_commit(upload, neighbourhood):
    image = upload(encoded(PILImage.new("RGB", (10, 10)), "PNG"))

    assert image.id is not None
    assert image.neighbourhood_id == neighbourhood.id
    db.session.rollback()
    assert db.session.get(Image, image.id) is None


def test_keys_are_random_and_never_taken_from_the_filename(upload):
    photo = encoded(PILImage.new("RGB", (10, 10)), "PNG")

    first, second = upload(photo, "kerkstraat-12.png"), upload(photo, "kerkstraat-12.png")

    assert first.key != second.key
    assert len(first.key) >= 20
    for image in (first, second):
        assert "kerkstraat" not in str(image_path(image, "large"))


@pytest.mark.parametrize("data, filename", [
    (encoded(PILImage.new("RGB", (20, 20)), "GIF"), "foto.gif"),
    (b"Dit is geen foto maar een tekst.\n" * 20, "foto.jpg"),
    (encoded(PILImage.new("RGB", (20, 20)), "JPEG")[:120], "afgebroken.jpg"),
    (b"", "leeg.jpg"),
])
def test_anything_but_a_jpeg_png_or_webp_photo_is_refused_by_its_content(upload, upload_folder, data, filename):
    with pytest.raises(ImageError) as refused:
        upload(data, filename, "image/jpeg")

    assert str(refused.value.message) == "Dit bestand is geen foto. Kies een JPG-, PNG- of WebP-foto."
    assert stored_files(upload_folder) == []


def test_a_file_over_the_byte_limit_is_refused(app, upload, upload_folder):
    app.config["IMAGE_MAX_BYTES"] = 2 * 1024 * 1024
    noise = PILImage.frombytes("RGB", (1000, 1000), bytes(range(256)) * 11718 + bytes(192))

    with pytest.raises(ImageError) as refused:
        upload(encoded(noise, "PNG", compress_level=0), "foto.png", "image/png")

    assert str(refused.value.message) == "Deze foto is te groot. Kies een kleinere foto (hoogstens 2 MB)."
    assert stored_files(upload_folder) == []


@pytest.mark.parametrize("width, height", [(101, 100), (150, 100), (9000, 9000)])
def test_a_photo_over_the_pixel_limit_is_refused(app, upload, upload_folder, width, height):
    # Just over the limit, over Pillow's warning level, and far over it (a bomb).
    app.config["IMAGE_MAX_PIXELS"] = 100 * 100

    with pytest.raises(ImageError) as refused:
        upload(forged_png_header(width, height), "foto.png", "image/png")

    assert str(refused.value.message) == "Deze foto heeft te veel pixels. Kies een kleinere foto."
    assert stored_files(upload_folder) == []


def test_a_decompression_bomb_is_refused_with_the_default_limit(upload):
    with pytest.raises(ImageError) as refused:
        upload(forged_png_header(9000, 9000), "foto.png", "image/png")

    assert str(refused.value.message) == "Deze foto heeft te veel pixels. Kies een kleinere foto."


def test_deleting_the_files_removes_every_size(upload, upload_folder):
    image = upload(encoded(PILImage.new("RGB", (10, 10)), "PNG"))

    delete_image_files(image)

    assert not any(image_path(image, size).exists() for size in SIZES)
    assert stored_files(upload_folder) == []


def test_the_photo_field_only_suggests_photo_files(app):
    with app.test_request_context():
        from flask_wtf import FlaskForm

        class PhotoForm(FlaskForm):
            photo = photo_field("Foto")

        form = PhotoForm(data={"photo": FileStorage(io.BytesIO(b"x"), filename="brief.pdf")})
        assert form.validate() is False
        assert form.photo.errors == ["Kies een JPG-, PNG- of WebP-foto."]


# --- serving (needs the images blueprint registered in create_app) ----------------------------

def test_a_stored_photo_is_served_as_immutable_webp(app, client, upload):
    image = upload(phone_photo_with_location())
    db.session.commit()

    for size in ("thumb", "small", "large"):
        with app.test_request_context():
            url = url_for_image(image, size)
        assert url == f"/images/{image.key}-{size}.webp"
        with client.get(url) as response:
            assert response.status_code == 200
            assert response.mimetype == "image/webp"
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.get_data() == image_path(image, size).read_bytes()


@pytest.mark.parametrize("path", [
    "/images/AAAAAAAAAAAAAAAAAAAAAA-small.webp",  # a well-formed key nobody has
    "/images/kort-small.webp",
    "/images/..%2F..%2Fgeheim-small.webp",
    "/images/{key}-medium.webp",
    "/images/{key}-small.png",
    "/images/{key}.webp",
])
def test_unknown_keys_and_sizes_are_not_found(client, upload, path):
    image = upload(encoded(PILImage.new("RGB", (10, 10)), "PNG"))
    db.session.commit()

    with client.get(path.format(key=image.key)) as response:
        assert response.status_code == 404


def test_a_photo_whose_files_are_gone_is_not_found(client, upload):
    image = upload(encoded(PILImage.new("RGB", (10, 10)), "PNG"))
    db.session.commit()
    url = f"/images/{image.key}-large.webp"
    with client.get(url) as response:
        assert response.status_code == 200

    delete_image_files(image)

    with client.get(url) as response:
        assert response.status_code == 404

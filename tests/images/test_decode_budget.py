"""Decoding under a pixel and memory budget: bombs are refused from their header, before any pixel
is decoded; photos of an allowed size, in any mode we take, still come through."""
from __future__ import annotations

import io
import threading
import time
import zlib

import pytest
from PIL import Image as PILImage
from PIL import ImageFile, PngImagePlugin

from community.bench_images import write_png
from community.extensions import db
from community.images import services as images
from community.images.models import Image
from community.images.services import ImageError, image_path
from tests.concurrency import run_at_once
from tests.images.conftest import NOT_A_PHOTO, TOO_MANY_PIXELS, encoded, photo_upload, stored_files

BOMB_SIZE = 6300


@pytest.fixture(scope="session")
def bomb(tmp_path_factory) -> bytes:
    """A PNG of about 150 KB that decodes to 6300x6300 RGBA (151 MiB)."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.png"
    write_png(path, BOMB_SIZE, BOMB_SIZE, color_type=6, bit_depth=8, row=lambda _y: bytes(BOMB_SIZE * 4))
    return path.read_bytes()


def forbid_decoding(monkeypatch) -> None:
    """From now on, fail the test if any pixel data is decoded."""
    def refuse(self, *args, **kwargs):
        raise AssertionError(f"pixels were decoded: {self.mode} {self.size}")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)
    monkeypatch.setattr(PILImage.Image, "load", refuse)


def refusal(save, data: bytes, filename: str = "foto.png") -> str:
    with pytest.raises(ImageError) as refused:
        save(data, filename)
    return str(refused.value.message)


def stored_pixel(image: Image, xy=(10, 10)) -> tuple[int, int, int]:
    with PILImage.open(image_path(image, "large")) as stored:
        return stored.convert("RGB").getpixel(xy)


# --- refused before decoding ---------------------------------------------------------------------

def test_the_bomb_is_refused_from_its_header_before_any_pixel_is_decoded(save, upload_folder, bomb, monkeypatch):
    assert len(bomb) < 200 * 1024
    forbid_decoding(monkeypatch)

    assert refusal(save, bomb) == TOO_MANY_PIXELS
    assert stored_files(upload_folder) == []


def test_the_pixel_cap_is_25_megapixels(app, save):
    assert app.config["IMAGE_MAX_PIXELS"] == 25_000_000
    assert app.config["IMAGE_MAX_DECODE_BYTES"] == 100 * 1024 * 1024


# Bytes the decode takes per pixel: Pillow's storage of the mode, plus the 4-byte working copy of
# modes that are converted (transparency, palette, 16-bit) before shrinking.
@pytest.mark.parametrize("mode, bytes_per_pixel", [
    ("L", 1),
    ("RGB", 4),
    ("RGBA", 4 + 4),
    ("LA", 4 + 4),
    ("P", 1 + 4),
    ("I;16", 2 + 4),
])
def test_the_memory_budget_counts_the_bytes_of_each_mode(app, save, upload_folder, monkeypatch, mode, bytes_per_pixel):
    data = encoded(PILImage.new(mode, (100, 80)), "PNG")
    needed = 100 * 80 * bytes_per_pixel

    app.config["IMAGE_MAX_DECODE_BYTES"] = needed
    assert save(data).width == 100

    app.config["IMAGE_MAX_DECODE_BYTES"] = needed - 1
    forbid_decoding(monkeypatch)
    assert refusal(save, data) == TOO_MANY_PIXELS


def test_a_webp_counts_what_its_decoder_holds(app, save):
    data = encoded(PILImage.new("RGB", (100, 80), "teal"), "WEBP")
    needed = 100 * 80 * images.WEBP_BYTES_PER_PIXEL

    app.config["IMAGE_MAX_DECODE_BYTES"] = needed
    assert save(data, "foto.webp").width == 100
    app.config["IMAGE_MAX_DECODE_BYTES"] = needed - 1
    assert refusal(save, data, "foto.webp") == TOO_MANY_PIXELS


def test_the_pixel_cap_boundary(app, save, monkeypatch):
    app.config["IMAGE_MAX_PIXELS"] = 100 * 80
    just_over = encoded(PILImage.new("RGB", (101, 80)), "PNG")

    assert save(encoded(PILImage.new("RGB", (100, 80)), "PNG")).width == 100
    forbid_decoding(monkeypatch)
    assert refusal(save, just_over) == TOO_MANY_PIXELS


def test_a_big_jpeg_is_decoded_at_a_reduced_scale(app, save):
    # 4000x3000 would take 48 MB at full scale; at half scale (still above 1600x1200) 12 MB.
    data = encoded(PILImage.new("RGB", (4000, 3000), "tomato"), "JPEG", quality=80)
    app.config["IMAGE_MAX_DECODE_BYTES"] = 2000 * 1500 * 4

    image = save(data, "foto.jpg")

    assert (image.width, image.height) == (1600, 1200)
    red, green, blue = stored_pixel(image)
    assert red > 200 and green < 150 and blue < 150


def test_a_progressive_jpeg_counts_its_coefficients(app, save):
    picture = PILImage.new("RGB", (1600, 1200), "navy")
    decoded = 1600 * 1200 * 4
    app.config["IMAGE_MAX_DECODE_BYTES"] = decoded + 1000

    assert save(encoded(picture, "JPEG"), "foto.jpg").width == 1600
    # 4:2:0 sampling: one and a half components of two bytes a coefficient.
    assert refusal(save, encoded(picture, "JPEG", progressive=True), "foto.jpg") == TOO_MANY_PIXELS
    app.config["IMAGE_MAX_DECODE_BYTES"] = decoded + 1600 * 1200 * 3
    assert save(encoded(picture, "JPEG", progressive=True), "foto.jpg").width == 1600


def test_a_jpeg_with_too_many_scans_is_refused(save, monkeypatch):
    progressive = encoded(PILImage.new("RGB", (64, 64), "gold"), "JPEG", progressive=True)
    assert images._jpeg_scan_count(progressive) == 10  # libjpeg's own progression
    assert images._jpeg_scan_count(encoded(PILImage.new("RGB", (64, 64)), "JPEG")) == 1

    monkeypatch.setattr(images, "MAX_JPEG_SCANS", 9)

    assert refusal(save, progressive, "foto.jpg") == NOT_A_PHOTO


def test_a_cut_off_photo_is_refused_and_truncated_loading_stays_off(save, upload_folder, monkeypatch):
    whole = encoded(PILImage.effect_noise((300, 300), 60).convert("RGB"), "PNG")

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    assert refusal(save, whole[: len(whole) // 2]) == NOT_A_PHOTO
    assert stored_files(upload_folder) == []

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(RuntimeError):
        save(whole)


def test_text_chunks_cannot_fill_the_memory(save):
    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    photo = encoded(PILImage.new("RGB", (20, 20), "teal"), "PNG")
    text = chunk(b"zTXt", b"Comment\0\0" + zlib.compress(b"x" * 1_000_000))
    # Five megabytes of text once decompressed, from a file of a few kilobytes.
    bloated = photo[:33] + text * 5 + photo[33:]

    assert PngImagePlugin.MAX_TEXT_MEMORY <= 4 * 1024 * 1024
    assert refusal(save, bloated) == NOT_A_PHOTO


# --- modes and frames of an allowed size ---------------------------------------------------------

def test_a_16_bit_grey_photo_keeps_its_grey(save, tmp_path):
    # Mid grey in 16 bits is 32768; cut to eight bits it must stay near 128, not turn white.
    path = tmp_path / "grey16.png"
    write_png(path, 400, 300, color_type=0, bit_depth=16, row=lambda _y: (32768).to_bytes(2, "big") * 400)
    with PILImage.open(path) as source:
        assert source.mode.startswith("I;16")

    image = save(path.read_bytes())

    assert (image.width, image.height) == (400, 300)
    assert all(120 <= channel <= 136 for channel in stored_pixel(image))


def test_a_16_bit_colour_photo_comes_through(save, tmp_path):
    path = tmp_path / "colour16.png"
    orange = (65535).to_bytes(2, "big") + (32768).to_bytes(2, "big") + bytes(2)
    write_png(path, 2000, 1000, color_type=2, bit_depth=16, row=lambda _y: orange * 2000)

    image = save(path.read_bytes())

    assert (image.width, image.height) == (1600, 800)
    red, green, blue = stored_pixel(image)
    assert red > 240 and 110 < green < 145 and blue < 15


def test_palette_photos_keep_their_colours_and_transparency_becomes_white(save):
    palette = PILImage.new("RGB", (2400, 1200), "purple").convert("P", palette=PILImage.Palette.ADAPTIVE)
    with_hole = palette.copy()
    with_hole.info["transparency"] = with_hole.getpixel((0, 0))

    red, green, blue = stored_pixel(save(encoded(palette, "PNG")))
    assert red > 100 and green < 30 and blue > 100
    assert min(stored_pixel(save(encoded(with_hole, "PNG", transparency=with_hole.info["transparency"])))) > 240


def test_a_large_transparent_photo_is_flattened_on_the_way_down(save):
    picture = PILImage.new("RGBA", (3300, 1000), (0, 0, 255, 255))
    picture.paste((255, 0, 0, 0), (0, 0, 1650, 1000))  # the left half fully transparent

    image = save(encoded(picture, "PNG"))

    assert (image.width, image.height) == (1600, 485)
    assert min(stored_pixel(image, (100, 200))) > 240  # white where it was transparent
    red, green, blue = stored_pixel(image, (1500, 200))
    assert blue > 240 and red < 15 and green < 15


@pytest.mark.parametrize("image_format, filename", [("PNG", "anim.png"), ("WEBP", "anim.webp")])
def test_only_the_first_frame_of_an_animation_is_used(save, image_format, filename):
    first, *others = [PILImage.new("RGB", (60, 40), colour) for colour in ("red", "lime", "blue")]
    data = encoded(first, image_format, save_all=True, append_images=others, duration=100, loop=0)
    with PILImage.open(io.BytesIO(data)) as animation:
        assert animation.n_frames == 3

    red, green, blue = stored_pixel(save(data, filename))

    assert red > 200 and green < 60 and blue < 60


def test_a_multi_picture_jpeg_gives_its_first_picture(save):
    first, second = PILImage.new("RGB", (60, 40), "red"), PILImage.new("RGB", (60, 40), "blue")
    data = encoded(first, "MPO", save_all=True, append_images=[second])

    red, green, blue = stored_pixel(save(data, "foto.jpg"))

    assert red > 200 and blue < 60


# --- one decode at a time ------------------------------------------------------------------------

def test_a_process_decodes_one_photo_at_a_time(app, monkeypatch):
    data = encoded(PILImage.new("RGB", (800, 600), "teal"), "PNG")
    original = images._decoded_and_shrunk
    running, most = [0], [0]
    counting = threading.Lock()

    def slow_decode(picture):
        with counting:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.05)
        try:
            return original(picture)
        finally:
            with counting:
                running[0] -= 1

    monkeypatch.setattr(images, "_decoded_and_shrunk", slow_decode)

    errors = run_at_once(app, lambda _n: images.encode_photo(data), list(range(4)))

    assert errors == []
    assert most[0] == 1


# --- through the form ---------------------------------------------------------------------------

def test_the_bomb_through_the_photo_form_answers_422_with_the_message(client, login_as, draft_initiative,
                                                                      upload_folder, bomb):
    initiative, proposer = draft_initiative
    login_as(proposer)

    response = client.post(f"/ruwaard/initiatives/{initiative.id}/photo", data=photo_upload(bomb, "bomb.png"),
                           content_type="multipart/form-data")

    assert response.status_code == 422
    assert TOO_MANY_PIXELS in response.text
    assert db.session.query(Image).count() == 0
    assert stored_files(upload_folder) == []

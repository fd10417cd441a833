"""On the home screen and in a chat: the manifest and its icons, and what a pasted link shows."""
from __future__ import annotations

import io
import re

from PIL import Image


def test_the_manifest_names_the_site_in_the_persons_language_with_icons_that_exist(client):
    response = client.get("/manifest.webmanifest", headers={"Accept-Language": "ar"})
    assert response.status_code == 200 and response.mimetype == "application/manifest+json"
    manifest = response.get_json()
    assert manifest["lang"] == "ar" and manifest["dir"] == "rtl" and manifest["display"] == "standalone"
    assert manifest["description"] != client.get("/manifest.webmanifest").get_json()["description"]  # translated
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        served = client.get(icon["src"])
        assert served.status_code == 200, icon["src"]
        if icon["type"] == "image/png":
            width, height = Image.open(io.BytesIO(served.data)).size
            assert f"{width}x{height}" == icon["sizes"]


def test_every_page_links_the_manifest_and_the_touch_icon(client, make_neighbourhood):
    neighbourhood = make_neighbourhood()
    for path in ("/?all=1", f"/{neighbourhood.slug}/", "/account/login"):
        page = client.get(path).text
        assert 'rel="manifest"' in page and 'rel="apple-touch-icon"' in page, path


def test_a_pasted_link_shows_the_page_title_and_a_picture_from_the_sites_own_address(app, client, make_neighbourhood):
    neighbourhood = make_neighbourhood("De Ruwaard")
    page = client.get(f"/{neighbourhood.slug}/").text
    tags = dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)"', page))
    assert tags["og:title"].startswith("De Ruwaard")
    assert tags["og:image"].startswith(app.config["BASE_URL"] + "/static/img/icon-512.png")
    assert tags["og:url"] == f"{app.config['BASE_URL']}/{neighbourhood.slug}/"
    assert tags["og:description"]


def test_the_pictogram_sprite_and_the_manifest_travel_compressed():
    """The sprite is the biggest file after htmx: served raw it cost 15 KB on every first visit."""
    from community import create_app
    from community.config import TestConfig

    class Compressed(TestConfig):
        COMPRESS_REGISTER = True
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    client = create_app(Compressed).test_client()
    browser = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # what Chromium sends; files are compressed as streams
    with client.application.test_request_context():
        from flask import url_for
        sprite_url = url_for("static", filename="img/pictograms.svg")
    with client.get(sprite_url, headers=browser) as sprite:
        assert sprite.status_code == 200 and sprite.headers.get("Content-Encoding") in {"br", "zstd", "deflate", "gzip"}
        assert len(sprite.data) < 6 * 1024
    with client.get("/manifest.webmanifest", headers=browser) as manifest:
        assert manifest.status_code == 200 and manifest.headers.get("Content-Encoding")

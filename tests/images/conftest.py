from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage
from werkzeug.datastructures import FileStorage

from community.images.services import save_uploaded_image
from community.initiatives import services as initiatives

TOO_MANY_PIXELS = "Deze foto heeft te veel pixels. Kies een kleinere foto."
NOT_A_PHOTO = "Dit bestand is geen foto. Kies een JPG-, PNG- of WebP-foto."


@pytest.fixture(autouse=True)
def upload_folder(app, tmp_path):
    folder = tmp_path / "uploads"
    app.config["UPLOAD_FOLDER"] = str(folder)
    return folder


@pytest.fixture
def neighbourhood(make_neighbourhood):
    return make_neighbourhood(slug="ruwaard")


@pytest.fixture
def save(neighbourhood):
    """Upload bytes through the service, as a form would hand them over."""

    def upload(data: bytes, filename: str = "foto.png"):
        return save_uploaded_image(FileStorage(stream=io.BytesIO(data), filename=filename),
                                   owner_id=None, neighbourhood_id=neighbourhood.id)

    return upload


@pytest.fixture
def draft_initiative(neighbourhood, make_user):
    """A draft and its proposer, who may give it a photo."""
    proposer = make_user(neighbourhood=neighbourhood)
    initiative = initiatives.start_draft(neighbourhood, proposer, initiatives.Proposal(
        "Bankjes", "Bankjes op het plein.", "Wij schilderen zelf."))
    return initiative, proposer


def encoded(picture: PILImage.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, image_format, **options)
    return buffer.getvalue()


def stored_files(folder) -> list:
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def photo_upload(data: bytes, filename: str = "foto.png") -> dict:
    return {"photo": (io.BytesIO(data), filename)}

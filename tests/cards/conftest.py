"""An edition with its pages, and cards made by neighbours with the consents asked for."""
from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage

from community.cards import editions, making, reviewing
from community.cards.models import Scope

ALL_SCOPES = [scope.value for scope in Scope]


def photo_upload(colour=(200, 40, 40)) -> FileStorage:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 56), colour).save(buffer, "JPEG")
    buffer.seek(0)
    return FileStorage(buffer, filename="foto.jpg", content_type="image/jpeg")


@pytest.fixture
def neighbourhood(make_neighbourhood):
    return make_neighbourhood("De Ruwaard", slug="de-ruwaard")


@pytest.fixture
def coordinator(make_user, neighbourhood):
    return make_user(role="coordinator", neighbourhood=neighbourhood)


@pytest.fixture
def resident(make_user, neighbourhood):
    return make_user(neighbourhood=neighbourhood)


@pytest.fixture
def edition(neighbourhood, coordinator):
    made = editions.start_edition(neighbourhood, editions.EditionDetails("Buurtplaatjes 2027", 90), by=coordinator)
    editions.add_category(made, editions.CategoryDetails("Mensen die hard zingen", translations={
        "en": "People who sing loudly"}))
    editions.add_category(made, editions.CategoryDetails("Mensen die het roer omgooiden"))
    return made


@pytest.fixture
def make_card(edition, resident, coordinator):
    """A card by `maker` (default: the resident), published unless told otherwise, with a photo if asked."""

    def make(name="Fatma", *, maker=None, scopes=tuple(ALL_SCOPES), publish=True, photo=False, page=0, **details):
        from community.images import services as images

        image = None
        if photo:
            image = images.save_uploaded_image(photo_upload(), owner_id=(maker or resident).id,
                                               neighbourhood_id=edition.neighbourhood_id, private=True)
        card = making.volunteer_card(
            edition, making.CardDetails(edition.categories[page].id, name, "Ik zing onder de douche", **details),
            maker=maker or resident, scopes=list(scopes), locale="nl", photo=image,
            is_guardian=details.get("is_child", False))
        if publish:
            reviewing.decide(card, "publish", coordinator)
        return card

    return make

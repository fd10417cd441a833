"""Every text of the album forms: one character over its limit is answered with 422 and kept;
exactly the limit is saved."""
from __future__ import annotations

import pytest
from markupsafe import escape
from sqlalchemy import select

from community.cards.collecting import albums
from community.cards.collecting.models import CardAlbum, PackCount
from community.extensions import db
from community.recurrence import local_today


@pytest.fixture
def place(make_neighbourhood, make_user, make_edition):
    neighbourhood = make_neighbourhood()
    edition = make_edition(neighbourhood)
    me = make_user(neighbourhood=neighbourhood)
    coordinator = make_user(role="coordinator", neighbourhood=neighbourhood)
    return neighbourhood, edition, me, coordinator, albums.start_album(edition, me, "Sami")


CASES = [  # who, path after /<slug>/albums/, other fields, field, limit
    ("me", "", {}, "collector_name", 40),
    ("me", "{album}/add", {}, "code", 20),
    ("coordinator", "packs/{edition}", {"place_kind": "shop", "packs": "3"}, "place_name", 120),
]


@pytest.mark.parametrize("who, path, data, name, limit", CASES, ids=[c[3] for c in CASES])
def test_one_character_over_the_limit_is_answered_and_kept(client, login_as, place, who, path, data, name, limit):
    neighbourhood, edition, me, coordinator, album = place
    login_as(me if who == "me" else coordinator)
    typed = "é" * (limit + 1)
    url = f"/{neighbourhood.slug}/albums/" + path.format(album=album.id, edition=edition.id)
    response = client.post(url, data={"edition_id": str(edition.id), "handed_out_on": local_today().isoformat(),
                                      **data, name: typed})
    assert response.status_code == 422, response.text[:300]
    assert f"hoogstens {limit} tekens" in response.text
    assert str(escape(typed)) in response.text


def test_exactly_the_limit_is_saved(client, login_as, place):
    neighbourhood, edition, me, coordinator, _album = place
    login_as(me)
    assert client.post(f"/{neighbourhood.slug}/albums/", data={"edition_id": str(edition.id),
                                                                "collector_name": "é" * 40}).status_code == 303
    assert "é" * 40 in db.session.scalars(select(CardAlbum.collector_name)).all()
    login_as(coordinator)
    assert client.post(f"/{neighbourhood.slug}/albums/packs/{edition.id}", data={
        "place_kind": "activity", "place_name": "é" * 120, "handed_out_on": local_today().isoformat(),
        "packs": "7"}).status_code == 303
    assert len(db.session.scalar(select(PackCount.place_name))) == 120

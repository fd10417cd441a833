"""The addresses the site itself uses at the top (/favicon.ico, /account/ …) are never a neighbourhood's."""
from __future__ import annotations

import pytest

from community.neighbourhoods import services as neighbourhoods


def test_the_favicon_is_a_real_icon_with_a_long_cache_not_a_neighbourhood(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.mimetype == "image/vnd.microsoft.icon"
    assert icon.data[:4] == b"\x00\x00\x01\x00"  # the ICO header
    assert icon.cache_control.max_age >= 7 * 24 * 3600
    touch = client.get("/apple-touch-icon.png")
    assert touch.status_code == 200 and touch.data[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("asked", ["favicon.ico", "Favicon.ico", "robots.txt", "manifest.webmanifest",
                                   "apple-touch-icon.png", "static", "account", "Admin", "calendar"])
def test_a_reserved_name_is_refused_as_a_neighbourhoods_address(app, asked):
    details = neighbourhoods.HouseDetails(name="Huis", street_address="Dorpsstraat 1", postcode="5341 AA", city="Oss")
    with pytest.raises(neighbourhoods.NeighbourhoodError) as refused:
        neighbourhoods.create_neighbourhood("Buurt", "Oss", asked, details)
    assert "voor de website zelf" in str(refused.value.message)
    with pytest.raises(neighbourhoods.NeighbourhoodError):  # nor as the name the address is made from
        neighbourhoods.create_neighbourhood(asked, "Oss", "", details)


def test_the_refusal_is_in_the_admins_language(app):
    from flask_babel import force_locale

    details = neighbourhoods.HouseDetails(name="Huis", street_address="Dorpsstraat 1", postcode="5341 AA", city="Oss")
    with pytest.raises(neighbourhoods.NeighbourhoodError) as refused:
        neighbourhoods.create_neighbourhood("Buurt", "Oss", "favicon.ico", details)
    with force_locale("en"):
        assert "site itself" in str(refused.value.message) and "webadres" not in str(refused.value.message)


def test_every_address_the_app_serves_at_the_top_is_reserved(app):
    """A new route at the top (/something) must be added to RESERVED_NAMES, or a neighbourhood
    called 'something' would hide it or be hidden by it."""
    tops = set()
    for rule in app.url_map.iter_rules():
        first = rule.rule.lstrip("/").split("/", 1)[0]
        if first and "<" not in first:
            tops.add(first)
    assert tops, "the app has top-level routes"
    assert {top for top in tops if not neighbourhoods.is_reserved_slug(top)} == set()

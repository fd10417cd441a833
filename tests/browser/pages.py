"""Every page the accessibility walker visits, by who may see it. Features add theirs here."""
from __future__ import annotations

PAGES: dict[str, list[str]] = {
    "anonymous": [
        "/?all=1",
        "/language",
        "/de-ruwaard/",
        "/selwerd/",
        "/account/login",
        "/account/signup",
        "/account/reset",
        "/bestaat-niet/",  # the 404 page
    ],
    "resident": [
        "/de-ruwaard/",
        "/account/profile",
    ],
    "coordinator": [
        "/de-ruwaard/coordinator/",
        "/de-ruwaard/coordinator/house",
        "/de-ruwaard/coordinator/rooms",
    ],
    "admin": [
        "/admin/",
        "/admin/de-ruwaard/roles",
    ],
}

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
        "/de-ruwaard/agenda/",
        "/de-ruwaard/agenda/?kind=coffee&free=y",
        "/de-ruwaard/agenda/poster",
        "AGENDA_OCCURRENCE",  # an activity page, filled in by the walker
        "/de-ruwaard/initiatives/",
        "/de-ruwaard/initiatives/?sort=supported&need=hands",
        "/de-ruwaard/initiatives/counts",
        "INITIATIVE_PUBLISHED",
        "INITIATIVE_DONE",
        "/de-ruwaard/talents/",
    ],
    "resident": [
        "/de-ruwaard/",
        "/account/profile",
        "/de-ruwaard/agenda/",
        "/de-ruwaard/agenda/mine",
        "AGENDA_OCCURRENCE",
        "/de-ruwaard/initiatives/",
        "/de-ruwaard/initiatives/new",
        "INITIATIVE_PUBLISHED",
        "/de-ruwaard/initiatives/report/initiative/INITIATIVE_ID",
        "/de-ruwaard/talents/",
        "/de-ruwaard/talents/profile",
        "/de-ruwaard/talents/skill/cooking",
    ],
    "coordinator": [
        "/de-ruwaard/coordinator/",
        "/de-ruwaard/coordinator/house",
        "/de-ruwaard/coordinator/rooms",
        "/de-ruwaard/agenda/new",
        "AGENDA_OCCURRENCE",
        "AGENDA_OCCURRENCE/participants",
        "AGENDA_OCCURRENCE/change",
        "AGENDA_SERIES/edit",
        "/de-ruwaard/initiatives/review",
        "INITIATIVE_SUBMITTED",
        "INITIATIVE_PUBLISHED",
        "/de-ruwaard/coordinator/reports",
        "/de-ruwaard/coordinator/audit",
        "/de-ruwaard/talents/assets",
    ],
    "admin": [
        "/admin/",
        "/admin/de-ruwaard/roles",
    ],
}

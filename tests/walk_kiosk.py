"""The route walk's screens: one per neighbourhood, and a short link to one of its dates."""
from __future__ import annotations

from tests.walk_world import COORDINATORS


def add_screen(built, label: str, neighbourhood) -> None:
    from sqlalchemy import select

    from community.agenda.models import Occurrence
    from community.extensions import db
    from community.kiosk import services as screens
    from community.kiosk.models import SLIDES

    screen = screens.add_screen(neighbourhood.id, screens.ScreenSettings(f"Hal {label}", list(SLIDES), ["nl", "ar"]))
    # The address is the key: whoever holds it sees the screen; it shows only what every neighbour may see.
    built.thing(f"screen {label}", label, "token", {"token": screen.token},
                endpoints={"kiosk.screen", "kiosk.deck"})
    built.thing(f"screen settings {label}", label, "screen_id",
                {"slug": neighbourhood.slug, "screen_id": screen.id, "step": "reload"}, managers=COORDINATORS)
    occurrence = db.session.scalar(select(Occurrence.id).where(Occurrence.neighbourhood_id == neighbourhood.id)
                                   .order_by(Occurrence.id).limit(1))
    built.thing(f"short link {label}", label, "short", {"short": f"a{occurrence}"},
                endpoints={"kiosk.short_link", "kiosk.short_link_qr"})

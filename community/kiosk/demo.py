"""A screen in the hall of De Haard, in Dutch, Arabic and Turkish, with every slide."""
from __future__ import annotations

from sqlalchemy import select

from community.extensions import db
from community.kiosk import services as screens
from community.kiosk.models import SLIDES, KioskScreen
from community.neighbourhoods.models import Neighbourhood


def build_kiosk_demo() -> None:
    ruwaard = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "de-ruwaard"))
    if ruwaard is None or db.session.scalar(select(KioskScreen.id).where(KioskScreen.neighbourhood_id == ruwaard.id)):
        return
    screens.add_screen(ruwaard.id, screens.ScreenSettings(name="Hal De Haard", slides=list(SLIDES),
                                                          languages=["nl", "ar", "tr"]))

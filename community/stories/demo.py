"""Neighbours' stories in De Ruwaard: four online (one with the writer's name), one that waits for the
buurtregisseur, and this year's report with two of them and a few words of the coordinators."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from community.agenda.models import Activity
from community.db import utcnow
from community.extensions import db
from community.initiatives.models import Initiative
from community.neighbourhoods.models import Membership, Neighbourhood
from community.numbers.reports import save_report
from community.recurrence import local_today
from community.stories import services as stories
from community.stories.models import Story

STORIES = [  # title, story, about, name shown, days ago it went online (None: it waits)
    ("De eerste buurtlunch", "We zaten met veertig buren aan lange tafels in De Haard. Naast mij zat een mevrouw "
     "die al dertig jaar in mijn straat woont; we hadden elkaar nooit gesproken. Nu drinken we elke dinsdag koffie.",
     "activity", True, 200),
    ("Een bankje bij de speeltuin", "Met vijf buren hebben we op een zaterdag het bankje geschuurd en geverfd. De "
     "kinderen hielpen mee. Nu zitten er 's middags opa's en oma's te kijken hoe hun kleinkinderen spelen.",
     "initiative", False, 120),
    ("Boodschappen met Joke", "Sinds mijn heup kapot is, loopt Joke elke week met mij naar de markt. Zonder haar "
     "kwam ik de deur niet meer uit. We lachen veel.", "help", False, 60),
    ("Taalcafé", "Ik kom uit Syrië en oefen elke week Nederlands in het taalcafé. Vorige week belde ik zelf de "
     "huisarts. Dat had ik een jaar geleden niet gedurfd.", "activity", False, 20),
    ("Bloemen voor de nieuwe buren", "Toen wij hier kwamen wonen, stond er een bos bloemen voor de deur, van de "
     "hele straat. Zo welkom hebben we ons nog nooit gevoeld.", "other", False, None),
]


def build_stories_demo() -> None:
    ruwaard = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "de-ruwaard"))
    if ruwaard is None or db.session.scalar(select(Story.id).where(Story.neighbourhood_id == ruwaard.id)):
        return
    writers = list(db.session.scalars(select(Membership.user_id).where(Membership.neighbourhood_id == ruwaard.id,
                                                                       Membership.role == "resident")
                                      .order_by(Membership.id.desc()).limit(len(STORIES))))
    coordinator_id = db.session.scalar(select(Membership.user_id).where(Membership.neighbourhood_id == ruwaard.id,
                                                                        Membership.role == "coordinator").limit(1))
    activity_id = db.session.scalar(select(Activity.id).where(Activity.neighbourhood_id == ruwaard.id).limit(1))
    initiative_id = db.session.scalar(select(Initiative.id).where(Initiative.neighbourhood_id == ruwaard.id,
                                                                  Initiative.state == "published").limit(1))
    published = []
    for (title, body, about, named, days_ago), writer in zip(STORIES, writers):
        story = stories.write_story(ruwaard.id, writer, stories.Draft(
            title=title, body=body, subject=about, may_show_publicly=True, may_show_name=named,
            activity_id=activity_id, initiative_id=initiative_id))
        if days_ago is not None:
            stories.publish(story, by_id=coordinator_id)
            story.published_at = utcnow() - timedelta(days=min(days_ago, local_today().timetuple().tm_yday - 1))
            db.session.commit()
            published.append(story.id)
    save_report(ruwaard.id, local_today().year,
                "Dit jaar kwamen er meer buren dan ooit naar De Haard. De buurtlunch en het taalcafé groeiden, en "
                "drie initiatieven van bewoners zijn gelukt. Dank aan alle vrijwilligers.",
                published[:2], by_id=coordinator_id)

"""The route walk's privacy objects. In each neighbourhood its walker keeper ("member", relatively)
has a talent profile, a card they made with consents, a swapping album, an initiative they support
and a ready export, and nobody else may take back those consents or fetch that export (they get 404).
And a neighbour of A who took part in everything, asked to delete their account and was erased: their
name, email address and photo are markers nobody may see, so the walk proves that no page, fragment,
feed, export or kiosk deck still names them."""
from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select

from tests.walk_world import NOBODY


def add_leaver(built, neighbourhood, coordinator) -> None:
    from community.extensions import db
    from community.images import services as images
    from community.initiatives import services as initiatives
    from community.initiatives.models import Initiative
    from community.pot import services as pots
    from community.pot.models import Pot, Source
    from community.privacy import deletion
    from community.recurrence import local_today
    from community.stories import services as stories
    from community.talents import services as talents
    from community.agenda.models import Occurrence
    from community.agenda import services as agenda
    from community.db import utcnow
    from tests.cards.conftest import photo_upload

    leaver = built.user("leaver", neighbourhood=neighbourhood, viewers_of_email=NOBODY,
                        name=built.marker("erased name", None, NOBODY))
    # Initiatives: one of their own (kept without the name), a support and a comment on another's.
    own = initiatives.start_draft(neighbourhood, leaver, initiatives.Proposal("Bankje", "Een bankje.", "Zelf."))
    initiatives.add_need(own, "hands", "Handen", 1, None)
    initiatives.transition(own, "submit", leaver)
    initiatives.transition(own, "publish", coordinator)
    for initiative in db.session.scalars(select(Initiative).where(
            Initiative.neighbourhood_id == neighbourhood.id, Initiative.state == "published", Initiative.id != own.id,
            Initiative.is_hidden.is_(False))):
        initiatives.toggle_support(initiative, leaver.id)
        initiatives.post(initiative, leaver, "Ik help mee", is_update=False)
    # The agenda, talents, a story with a photo, and the pot's books (a gift they booked as a gangmaker).
    for occurrence in db.session.scalars(select(Occurrence).where(
            Occurrence.activity.has(neighbourhood_id=neighbourhood.id))):
        agenda.sign_up_for_occurrence(occurrence.id, leaver.id)
    talents.save_profile(leaver, neighbourhood, talents.ProfileAnswers(["cooking"], "Soep", "", "", ["1-1"],
                                                                       "neighbourhood"))
    photo = images.save_uploaded_image(photo_upload(), owner_id=leaver.id, neighbourhood_id=neighbourhood.id)
    built.markers.append(built_marker(photo.key))
    story = stories.write_story(neighbourhood.id, leaver.id, stories.Draft(
        title="Soep voor de straat", body="Iedereen at mee.", may_show_publicly=True, may_show_name=True), photo=photo)
    stories.publish(story, by_id=coordinator.id)
    pot = db.session.scalar(select(Pot).where(Pot.neighbourhood_id == neighbourhood.id))
    pots.update_pot(pot, name=pot.name, streets=pot.streets, gangmaker_ids=[*pot.gangmaker_ids(), leaver.id],
                    threshold_cents=pot.approval_threshold_cents, iban=pot.iban, account_holder=pot.account_holder)
    pots.record_gift(pot, submission=uuid.uuid4().hex, source=Source.COLLECTION, method="transfer",
                     amount_cents=1500, occurred_on=local_today(), giver_name="", may_show_name=False, by=leaver)
    deletion.request_deletion(leaver, deletion.Choices())
    assert deletion.erase_due(utcnow() + deletion.GRACE_PERIOD + timedelta(days=1)) == 1


def built_marker(text: str):
    from tests.walk_world import Marker

    return Marker(text, "erased person's photo", None, NOBODY)



OWNER = frozenset({"member"})
ENDPOINTS = {
    "profile_id": {"privacy.revoke_talent_visibility"},
    "card_id": {"privacy.revoke_card_scope"},
    "album_id": {"privacy.revoke_swapping"},
    "export_id": {"privacy.download"},
    "support_id": {"privacy.revoke_initiative_news"},
}


def add_privacy(built, label: str, neighbourhood, keeper) -> None:
    from sqlalchemy import select

    from community.cards.collecting.models import CardAlbum
    from community.cards.models import Card, Edition
    from community.extensions import db
    from community.initiatives import services as initiatives
    from community.initiatives.models import Initiative, Support
    from community.privacy import export_service
    from community.talents.models import TalentProfile

    profile = db.session.scalar(select(TalentProfile).where(TalentProfile.user_id == keeper.id,
                                                            TalentProfile.neighbourhood_id == neighbourhood.id))
    card = db.session.scalars(select(Card).join(Edition).where(Edition.neighbourhood_id == neighbourhood.id)
                              .order_by(Card.id)).first()
    card.maker_id = keeper.id  # the walk's card was made by its keeper
    album = db.session.scalars(select(CardAlbum).where(CardAlbum.owner_id == keeper.id, CardAlbum.is_swapping.is_(True))
                               .order_by(CardAlbum.id)).first()
    db.session.commit()
    published = db.session.scalar(select(Initiative).where(Initiative.neighbourhood_id == neighbourhood.id,
                                                           Initiative.state == "published").order_by(Initiative.id))
    initiatives.toggle_support(published, keeper.id)
    support = db.session.scalar(select(Support).where(Support.user_id == keeper.id))
    export = export_service.request_export(keeper)
    slug = neighbourhood.slug
    for primary, values in (("profile_id", {"profile_id": profile.id}),
                            ("card_id", {"card_id": card.id, "scope": "album"}),
                            ("album_id", {"album_id": album.id}),
                            ("export_id", {"export_id": export.id}),
                            ("support_id", {"support_id": support.id})):
        built.thing(f"{primary} of the keeper {label}", label, primary, {"slug": slug, **values}, owners=OWNER,
                    endpoints=ENDPOINTS[primary])

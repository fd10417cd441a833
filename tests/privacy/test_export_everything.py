"""A neighbour who touched every feature finds each of their rows in their export, and nobody else's
private data: not another person's email, not whom a payout was for, not the text of someone's report."""
from __future__ import annotations

import io
import json
import uuid
import zipfile
from datetime import time, timedelta

from community import recurrence
from community.agenda import services as agenda
from community.cards.collecting import albums, swaps
from community.cards import making
from community.initiatives import services as initiatives
from community.moderation import services as moderation
from community.pot import services as pots
from community.pot.models import Occasion, Source
from community.privacy import export_service
from community.privacy.export_registry import sections
from community.stories import services as stories
from community.talents import services as talents
from community.volunteering import matchmaking, services as volunteering
from community.volunteering.models import Origin
from tests.cards.collecting.conftest import add_cards, cards_of, give
from tests.privacy.conftest import talent_answers

OTHER_EMAIL = "qz-other-neighbour@example.org"
RECIPIENT = "QzRecipientOfAPayoutZq"
GIVER = "QzGiverWhoStaysUnnamedZq"
SOMEONE_ELSES_REPORT = "QzSomeoneElsesReportZq"
SOMEONE_ELSES_PROFILE = "QzSomeoneElsesHiddenTalentZq"


def _activity(neighbourhood, *, capacity=1):
    return agenda.create_activity(neighbourhood, agenda.ActivityDetails(
        title="Koffie-ochtend", description="", kind="coffee", room_id=None, organiser_id=None, cost_cents=0,
        needs_signup=True, capacity=capacity, languages=["nl"], first_date=recurrence.local_today() + timedelta(days=1),
        start_time=time(10), duration_minutes=60, pattern="weekly"))


def _task(neighbourhood, poster, origin, title):
    return volunteering.post_task(neighbourhood, volunteering.TaskDetails(
        title, "", ["cooking"], 1, "Noord", recurrence.local_today() + timedelta(days=2), time(10), 60,
        private_place="Kastanjelaan 4"), posted_by=poster, origin=origin)


def _touch_agenda_and_volunteering(neighbourhood, ayse, other, coordinator) -> dict:
    full = _activity(neighbourhood)
    first = agenda.next_occurrence(full)
    agenda.sign_up_for_occurrence(first.id, other.id)
    waiting = agenda.sign_up_for_occurrence(first.id, ayse.id)          # the only place is taken: the waitlist
    agenda.join_series(_activity(neighbourhood, capacity=10), ayse.id)   # 'elke keer'
    request = _task(neighbourhood, ayse, Origin.REQUEST, "Boodschappen voor Ayşe")
    task = _task(neighbourhood, coordinator, Origin.COORDINATOR, "Bladeren vegen")
    volunteering.volunteer_for_shift(volunteering.coming_shifts(task, 1)[0].id, ayse.id)
    someone_asks = _task(neighbourhood, other, Origin.REQUEST, "Hond uitlaten")
    offer = volunteering.volunteer_for_shift(volunteering.coming_shifts(someone_asks, 1)[0].id, ayse.id)
    matchmaking.invite(_task(neighbourhood, coordinator, Origin.COORDINATOR, "Soep koken"), ayse.id, by=coordinator)
    return {"waiting": waiting, "request": request, "offer": offer}


def _touch_initiatives(neighbourhood, ayse, other, coordinator) -> dict:
    mine = initiatives.start_draft(neighbourhood, ayse, initiatives.Proposal("Moestuin Ayşe", "Samen tuinieren.", "Veel."))
    initiatives.add_need(mine, "hands", "Handen", 2, None)
    initiatives.transition(mine, "submit", ayse)
    initiatives.transition(mine, "publish", coordinator)
    theirs = initiatives.start_draft(neighbourhood, other, initiatives.Proposal("Bankje", "Een bank.", ""))
    initiatives.add_need(theirs, "hands", "Handen", 2, None)
    initiatives.transition(theirs, "submit", other)
    initiatives.transition(theirs, "publish", coordinator)
    initiatives.toggle_support(theirs, ayse.id)
    initiatives.join(theirs, ayse.id, None, "Ik neem een schroevendraaier mee")
    initiatives.post(mine, ayse, "De eerste tomaten!", is_update=True)
    initiatives.post(theirs, ayse, "Mooi plan", is_update=False)
    hidden = initiatives.post(theirs, other, "Iets onaardigs", is_update=False)
    moderation.report("post", hidden.id, ayse.id, "Dit is niet aardig")
    moderation.report("post", hidden.id, other.id, SOMEONE_ELSES_REPORT)
    moderation.decide("post", hidden.id, hide=True, actor_id=coordinator.id, reason="Onaardig")
    return {"initiative": mine}


def _touch_pot(neighbourhood, ayse, other, coordinator) -> None:
    key = lambda: uuid.uuid4().hex  # noqa: E731
    pot = pots.open_pot(neighbourhood, name="Lief & leed Kastanjelaan", streets="", gangmaker_ids=[ayse.id, other.id],
                        threshold_cents=2500, iban="", account_holder="", by=coordinator)
    today = recurrence.local_today()
    pots.record_gift(pot, submission=key(), source=Source.NEIGHBOUR, method="cash", amount_cents=9000,
                     occurred_on=today, giver_name=GIVER, may_show_name=False, by=ayse)
    pots.ask_payout(pot, submission=key(), occasion=Occasion.BIRTH, amount_cents=1500, occurred_on=today,
                    paid_from="tin", what="Bloemen voor de baby", recipient=RECIPIENT, no_receipt_reason="geen bon",
                    receipt_file=None, by=ayse)
    pots.nominate(pot, text="De buren op 12 kregen een baby", by=ayse)


def _touch_cards_and_stories(neighbourhood, edition, ayse, other, make_card, afternoon) -> None:
    card = make_card("Ayşe", maker=ayse, photo=True)
    making.revoke_consent(card, "kiosk", by=ayse)
    cards = [c for c in cards_of(edition) if c.id != card.id]
    mine = albums.set_swapping(albums.start_album(edition, ayse, "Ayşe"), True)
    theirs = albums.set_swapping(albums.start_album(edition, other, "Noor"), True)
    give(mine, cards[:1], copies=2)
    give(theirs, cards[1:2], copies=2)
    swaps.propose_swap(mine, theirs.id, afternoon.id)
    stories.write_story(neighbourhood.id, ayse.id, stories.Draft(title="De eerste buurtlunch",
                                                                 body="Veertig buren aten samen.", may_show_publicly=True))
    talents.save_profile(ayse, neighbourhood, talent_answers(own_words="Ik bak graag brood"))
    talents.save_profile(other, neighbourhood, talent_answers(own_words=SOMEONE_ELSES_PROFILE, visibility="hidden"))


def test_every_row_of_mine_is_in_my_export_and_nobody_elses_private_data(app, make_user, neighbourhood, coordinator,
                                                                          edition, make_card, make_swap_afternoon):
    ayse = make_user(neighbourhood=neighbourhood, name="Ayşe", email="ayse@example.org")
    other = make_user(neighbourhood=neighbourhood, name="Noor", email=OTHER_EMAIL)
    made = _touch_agenda_and_volunteering(neighbourhood, ayse, other, coordinator)
    made |= _touch_initiatives(neighbourhood, ayse, other, coordinator)
    _touch_pot(neighbourhood, ayse, other, coordinator)
    add_cards(edition, edition.categories[0], 2)
    _touch_cards_and_stories(neighbourhood, edition, ayse, other, make_card, make_swap_afternoon(edition))

    export = export_service.request_export(ayse)
    body = export_service.export_path(export).read_bytes()
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        data = json.loads(archive.read("data.json"))["sections"]
        everything = "\n".join(archive.read(name).decode() for name in archive.namelist()
                               if name.endswith((".json", ".html", ".ics")))
        calendar = archive.read("agenda.ics").decode()

    expected = {
        "profile": 1, "memberships": 1, "sign_ups": _bookings_of(ayse), "standing_sign_ups": 1, "initiatives": 1, "supports": 1,
        "offers": 1, "updates_and_comments": 2, "reports": 1, "talent_profile": 1, "tasks": 1, "invitations": 1,
        "pot_gangmaker": 1, "pot_gifts_booked": 1, "pot_payouts": 1, "pot_tips": 1, "cards": 1, "card_consents": 4,
        "albums": 1, "swaps": 1, "stories": 1, "photos": 1,
    }
    counts = {name: len(rows) for name, rows in data.items()}
    from community.privacy.export_labels import LABELS
    assert {key for rows in data.values() for item in rows for key in item} <= set(LABELS)  # every column has words
    assert {name: counts.get(name) for name in expected} == expected
    assert {section.name for section in sections()} - set(expected) <= {"wellbeing_answers", "emails", "login_sessions"}
    assert data["emails"] and all(row["subject"] for row in data["emails"])  # what was mailed to her
    assert {row["status"] for row in data["sign_ups"]} == {"waitlisted", "offered", "confirmed"}
    assert data["tasks"][0]["private_place"] == "Kastanjelaan 4" and data["tasks"][0]["title"] == made["request"].title
    assert data["pot_payouts"][0]["amount_cents"] == 1500 and data["pot_gifts_booked"][0]["amount_cents"] == 9000
    assert [c["revoked_at"] is not None for c in data["card_consents"] if c["scope"] == "kiosk"] == [True]
    assert data["swaps"][0]["cards_given"] and data["reports"][0]["reason"] == "Dit is niet aardig"
    assert "Ik bak graag brood" in everything and "ayse@example.org" in everything
    for secret in (OTHER_EMAIL, RECIPIENT, GIVER, SOMEONE_ELSES_REPORT, SOMEONE_ELSES_PROFILE, coordinator.email):
        assert secret not in everything, secret
    assert "Koffie-ochtend" in calendar and "Bladeren vegen" in calendar


def _bookings_of(user) -> int:
    """The waitlist, the offer, and every date the standing sign-up booked."""
    from sqlalchemy import func, select

    from community.bookings.models import Booking
    from community.extensions import db

    count = db.session.scalar(select(func.count()).where(Booking.user_id == user.id))
    assert count > 2
    return count

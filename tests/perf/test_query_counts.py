"""SQL queries per page do not grow with the data: the same count at 1× and 10×."""
from __future__ import annotations

import pytest

from community.bench import LOGINS, PAGES, _bench_app, _log_in, count_queries, demo_placeholders, multiply_activities
from community.demo import build_demo_data
from community.mail.services import mail_suppressed
from community.db import utcnow
from community.extensions import db
from community.neighbourhoods.models import Membership, Neighbourhood, Role, Room


def _grow_initiatives(factor: int) -> None:
    """More initiatives, supporters, posts and reports."""
    from community.initiatives import services as initiatives
    from community.initiatives.models import Initiative
    from community.moderation import services as moderation

    ruwaard = db.session.query(Neighbourhood).filter_by(slug="de-ruwaard").one()
    people = [m.user for m in db.session.query(Membership).filter_by(neighbourhood_id=ruwaard.id, role="resident")][:30]
    coordinator = next(m.user for m in db.session.query(Membership).filter_by(neighbourhood_id=ruwaard.id, role="coordinator"))
    playground = db.session.query(Initiative).filter_by(title="Speeltuin opknappen").one()
    for number in range(factor * 3):
        proposer = people[number % len(people)]
        item = initiatives.start_draft(ruwaard, proposer, initiatives.Proposal(f"Plan {number}", "Iets", "Veel"))
        initiatives.add_need(item, "hands", "Handen", 2, None)
        initiatives.transition(item, "submit", proposer)
        if number % 2:
            initiatives.transition(item, "publish", coordinator)
            initiatives.toggle_support(item, people[(number + 1) % len(people)].id)
    for number in range(factor * 2):
        author = people[number % len(people)]
        post = initiatives.post(playground, author, f"Reactie {number}", is_update=False)
        moderation.report("post", post.id, people[(number + 3) % len(people)].id, "Niet aardig")
        initiatives.join(playground, author.id, None, f"Ik help {number}")
    moderation.decide("post", post.id, hide=True, actor_id=coordinator.id, reason="Weg ermee")


def _grow_talents(factor: int) -> None:
    from community.talents import services as talents

    ruwaard = db.session.query(Neighbourhood).filter_by(slug="de-ruwaard").one()
    people = [m.user for m in db.session.query(Membership).filter_by(neighbourhood_id=ruwaard.id, role="resident")]
    for person in people[: factor * 5]:
        talents.save_profile(person, ruwaard, talents.ProfileAnswers(["cooking", "music"], "Ik kook", "", "", ["0-0"],
                                                                    "neighbourhood"))
    for number in range(factor * 3):
        talents.add_asset(ruwaard, "borrow", f"Ladder {number}", "", "")


def _grow_volunteering(factor: int) -> None:
    """More tasks (weekly shifts and requests), volunteers on them, offers and invitations."""
    from datetime import time, timedelta

    from community import recurrence
    from community.volunteering import matchmaking
    from community.volunteering import services as volunteering
    from community.volunteering.models import Origin, Task

    ruwaard = db.session.query(Neighbourhood).filter_by(slug="de-ruwaard").one()
    people = [m.user for m in db.session.query(Membership).filter_by(neighbourhood_id=ruwaard.id, role="resident")]
    coordinator = next(m.user for m in db.session.query(Membership).filter_by(neighbourhood_id=ruwaard.id,
                                                                              role="coordinator"))
    bar = db.session.query(Task).filter_by(title="Bardienst in De Haard").one()
    for number in range(factor * 3):
        task = volunteering.post_task(ruwaard, volunteering.TaskDetails(
            f"Dienst {number}", "", ["cooking"], 2, "De Haard", recurrence.local_today() + timedelta(days=1 + number % 7),
            time(10), 60, "weekly"), posted_by=coordinator)
        request = volunteering.post_task(ruwaard, volunteering.TaskDetails(
            f"Vraag {number}", "", [], 1, "Noord", recurrence.local_today() + timedelta(days=2), time(15), 60,
            private_place="Lindelaan 1"), posted_by=people[number % len(people)], origin=Origin.REQUEST)
        helper = people[(number + 1) % len(people)]
        volunteering.volunteer_for_shift(volunteering.coming_shifts(task, 1)[0].id, helper.id)
        volunteering.volunteer_for_shift(volunteering.coming_shifts(request, 1)[0].id, helper.id)
        matchmaking.invite(task, helper.id, by=coordinator)
    for person in people[: factor * 2]:
        volunteering.volunteer_for_shift(volunteering.coming_shifts(bar, 1)[0].id, person.id)


def _grow_pots(factor: int) -> None:
    """More gifts, payouts (booked and waiting), tips and reversals in the demo's pots."""
    import uuid

    from community import recurrence
    from community.pot import corrections
    from community.pot import services as pots
    from community.pot.models import Occasion, Pot, Source

    for pot in db.session.query(Pot).all():
        keeper = pot.gangmakers[0].user
        for number in range(factor * 3):
            gift = pots.record_gift(pot, submission=uuid.uuid4().hex, source=Source.NEIGHBOUR, method="cash",
                                    amount_cents=5000, occurred_on=recurrence.local_today(),
                                    giver_name=f"Buur {number}", may_show_name=bool(number % 2), by=keeper)
            pots.ask_payout(pot, submission=uuid.uuid4().hex, occasion=list(Occasion)[number % 7],
                            amount_cents=1000 + 2000 * (number % 2), occurred_on=recurrence.local_today(),
                            paid_from="tin", what="Bloemen", recipient="Iemand", no_receipt_reason="geen",
                            receipt_file=None, by=keeper)
            pots.nominate(pot, text=f"Tip {number}", by=keeper)
            if number % 3 == 0:
                corrections.reverse(gift, submission=uuid.uuid4().hex, reason="dubbel", by=keeper)


def _grow(factor: int) -> None:
    """More of everything a page lists: residents, role holders, rooms, neighbourhoods."""
    from community.accounts.models import User

    ruwaard = db.session.query(Neighbourhood).filter_by(slug="de-ruwaard").one()
    for number in range(factor * 10):
        user = User(email=f"extra{number}@example.org", display_name=f"Extra {number}", password_hash="x",
                    is_email_confirmed=True)
        user.memberships.append(Membership(neighbourhood_id=ruwaard.id, role=Role.RESIDENT.value, confirmed_at=utcnow()))
        if number % 5 == 0:
            user.memberships.append(Membership(neighbourhood_id=ruwaard.id, role=Role.TREASURER.value, confirmed_at=utcnow()))
        db.session.add(user)
    for number in range(factor * 2):
        ruwaard.house.rooms.append(Room(name=f"Extra zaal {number}", capacity=10))
        db.session.add(Neighbourhood(slug=f"extra-{number}", name=f"Extra {number}", city="Oss"))
    db.session.commit()


def _photos_for_every_series() -> None:
    """Every activity and task gets a photo of its own (rows only: no page reads the files), so that a
    query per card for its photo would grow with the data."""
    import secrets

    from community.bookings.models import Series
    from community.images.models import Image

    for series in db.session.query(Series).filter(Series.photo_id.is_(None)):
        series.photo = Image(key=secrets.token_urlsafe(16), neighbourhood_id=series.neighbourhood_id,
                             width=1200, height=800)
    db.session.commit()


def _query_counts(tmp_path, factor: int) -> dict[str, int]:
    app = _bench_app(tmp_path / f"scale{factor}.sqlite3", test_settings=True)
    with app.app_context():
        db.create_all()
        build_demo_data(residents_per_neighbourhood=5)
        _grow(factor)
        multiply_activities(factor)
        with app.test_request_context(), mail_suppressed():
            _grow_initiatives(factor)
            _grow_talents(factor)
            _grow_volunteering(factor)
            _grow_pots(factor)
        _photos_for_every_series()
        values = demo_placeholders()
        engine = db.engine
    counts = {}
    for who, url in PAGES:
        url = url.format(**values)
        client = app.test_client()
        if who in LOGINS:
            _log_in(client, LOGINS[who])
        with count_queries(engine) as counter:  # the first request: nothing cached yet
            assert client.get(url).status_code == 200
        label = "kiosk deck" if "/kiosk/" in url else url.split("/")[-1] if "agenda/" in url else url
        counts[f"{who} {label}"] = counter["n"]
    engine.dispose()
    return counts


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_query_count_is_the_same_at_1x_and_10x(tmp_path):
    small, large = _query_counts(tmp_path, 1), _query_counts(tmp_path, 10)
    assert small == large
    # The resident's home page asks each of its sections (today, the pot, the card of the day, stories,
    # "hoe was het?") once: 19; the coordinator's page 18. Bounded, and the same at 10×.
    assert max(small.values()) <= 20

"""40 residents at once do each ordinary kind of write, over HTTP, against gunicorn with 4 workers,
on SQLite (the write lock taken up front, the others queue) and on PostgreSQL (locks in one order):
every answer is the success answer, and the database then holds exactly the rows expected.

One kind per round: all 40 open the page first (as a browser would, reading its CSRF token),
then a barrier lets their 40 POSTs go at the same moment. Run with -s to see the figures.
"""
from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path

import pytest
from PIL import Image as PILImage
from sqlalchemy import func, select

from community import recurrence
from community.bookings.models import Booking, StandingBooking
from community.agenda import services as agenda
from community.agenda.models import Occurrence
from community.extensions import db
from community.images.models import Image
from community.images.services import SIZES
from community.initiatives import services as initiatives
from community.initiatives.models import Contribution, Initiative, Post, Support
from community.moderation.models import Report
from community.accounts.models import User
from community.talents.models import TalentProfile
from community.volunteering import services as volunteering
from community.volunteering.models import Origin, Shift
from tests.http.conftest import NEIGHBOURHOOD
from tests.http.live_server import RESIDENTS, Answer, Resident, at_once, summary

pytestmark = pytest.mark.http

SLUG = NEIGHBOURHOOD
DATE_PLACES, SERIES_PLACES, SHIFT_PLACES = 25, 22, 10
SERIES_JOINERS = 20  # the other 20 sign up for single dates of the same series
SINGLE_DATES = 4  # …spread over its first four dates


@dataclass
class Scene:
    initiative_id: int
    post_ids: list[int]  # 40 posts by other neighbours, one for each resident to report
    draft_ids: list[int]  # each resident's own draft initiative, for a photo
    date_id: int  # a single activity date with DATE_PLACES places
    series_id: int  # a weekly series with SERIES_PLACES places a date
    series_date_ids: list[int]
    shift_id: int  # a shift for SHIFT_PLACES volunteers
    user_ids: list[int]


def build_scene(neighbourhood, users) -> Scene:
    coordinator = db.session.scalar(select(User).where(User.email == "marieke@example.org"))
    neighbours = [db.session.scalar(select(User).where(User.email == f"{SLUG}.{number}@example.org"))
                  for number in range(1, RESIDENTS + 1)]
    initiative = _published_initiative(neighbourhood, neighbours[0], coordinator)
    post_ids = [initiatives.post(initiative, author, f"Ik denk mee, groet van {author.display_name}.", is_update=False).id
                for author in neighbours]
    draft_ids = [initiatives.start_draft(neighbourhood, user, initiatives.Proposal(
        f"Bankje voor {user.display_name}", "Een bankje bij de speeltuin.", "Ik zet het zelf neer.")).id for user in users]
    first_day = recurrence.local_today() + timedelta(days=2)
    date_activity = agenda.create_activity(neighbourhood, _activity("Repair café", first_day, "once", DATE_PLACES))
    series = agenda.create_activity(neighbourhood, _activity("Samen koken", first_day, "weekly", SERIES_PLACES))
    series_dates = db.session.scalars(select(Occurrence.id).where(Occurrence.activity_id == series.id)
                                      .order_by(Occurrence.starts_at)).all()
    task = volunteering.post_task(neighbourhood, volunteering.TaskDetails(
        title="Koffie schenken", description="Bij de buurtlunch.", skills=[], people_needed=SHIFT_PLACES,
        place="Huis van de Wijk", first_date=first_day, start_time=time(12), duration_minutes=120),
        posted_by=coordinator, origin=Origin.COORDINATOR)
    date_id = db.session.scalar(select(Occurrence.id).where(Occurrence.activity_id == date_activity.id))
    shift_id = db.session.scalar(select(Shift.id).where(Shift.task_id == task.id))
    return Scene(initiative.id, post_ids, draft_ids, date_id, series.id, list(series_dates), shift_id,
                 [user.id for user in users])


def _published_initiative(neighbourhood, proposer, coordinator):
    initiative = initiatives.start_draft(neighbourhood, proposer, initiatives.Proposal(
        "Moestuin achter De Haard", "Een moestuin voor de hele buurt.", "Wij spitten en zaaien zelf."))
    initiatives.add_need(initiative, "hands", "Mensen om te spitten", 10, None)
    initiatives.transition(initiative, "submit", proposer)
    initiatives.transition(initiative, "publish", coordinator)
    return initiative


def _activity(title, first_day, pattern, places) -> agenda.ActivityDetails:
    return agenda.ActivityDetails(
        title=title, description="", kind="coffee", room_id=None, organiser_id=None, cost_cents=0, needs_signup=True,
        capacity=places, languages=["nl"], first_date=first_day, start_time=time(19), duration_minutes=90,
        pattern=pattern)


@pytest.fixture(scope="module")
def site(start_site):
    return start_site(build=build_scene)


@pytest.fixture(scope="module")
def residents(site):
    people = site.residents()
    for person in people:
        person.open_login_page()
    answers = _round("log in", people, lambda person: person.send_login())
    assert_all_succeeded(answers, site)
    yield people
    for person in people:
        person.close()
    print(f"\nPOSTs answered per worker (pid: count): {site.server.requests_per_worker('POST')}")


@pytest.fixture(scope="module")
def photo() -> bytes:
    """A phone-sized photo (12 megapixels), which takes real work to decode and re-encode."""
    rng = random.Random(7)
    picture = PILImage.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    for _ in range(400):
        x, y = rng.randrange(4000), rng.randrange(3000)
        picture.paste((rng.randrange(256), rng.randrange(256), rng.randrange(256)), (x, y, x + 120, y + 90))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _round(name: str, people: list[Resident], action) -> list[Answer]:
    answers, seconds = at_once(people, action)
    slowest = max(answer.seconds for answer in answers)
    print(f"\n{name}: {len(answers)} at once -> {summary(answers)}; all answered in {seconds:.2f} s, "
          f"slowest {slowest:.2f} s")
    return answers


def assert_all_succeeded(answers: list[Answer], site, expected: int = 303) -> None:
    failed = [answer for answer in answers if answer.status != expected]
    if failed:
        busy = site.server.output().count("database busy")
        pytest.fail(f"{len(failed)} of {len(answers)} failed: {[(a.status, a.title) for a in failed][:10]}; "
                    f"'database busy' logged {busy} times\n{site.server.output()[-3000:]}")
    assert all("/account/login" not in answer.location for answer in answers)


def count(statement) -> int:
    value = db.session.scalar(statement)
    db.session.remove()
    return value or 0


def test_comment_on_an_initiative(site, residents):
    path = f"/{SLUG}/initiatives/{site.scene.initiative_id}"
    for person in residents:
        person.get(path)
    answers = _round("comment", residents, lambda person: person.post(
        f"{path}/posts", {"kind": "comment", "body": f"Ik doe mee! ({person.email})"}))
    assert_all_succeeded(answers, site)
    with site.app.app_context():
        assert count(select(func.count(Post.id)).where(Post.initiative_id == site.scene.initiative_id,
                                                       Post.author_id.in_(site.scene.user_ids))) == RESIDENTS


def test_support_an_initiative(site, residents):
    path = f"/{SLUG}/initiatives/{site.scene.initiative_id}"
    for person in residents:
        person.get(path)
    answers = _round("support", residents, lambda person: person.post(f"{path}/support"))
    assert_all_succeeded(answers, site)
    with site.app.app_context():
        assert count(select(Initiative.support_count).where(Initiative.id == site.scene.initiative_id)) == RESIDENTS
        assert count(select(func.count(Support.id)).where(Support.initiative_id == site.scene.initiative_id)) == RESIDENTS


def test_join_an_initiative(site, residents):
    path = f"/{SLUG}/initiatives/{site.scene.initiative_id}"
    for person in residents:
        person.get(path)
    answers = _round("join", residents, lambda person: person.post(
        f"{path}/join", {"need_id": "", "message": "Ik kan zaterdag spitten."}))
    assert_all_succeeded(answers, site)
    with site.app.app_context():
        assert count(select(func.count(Contribution.id)).where(
            Contribution.initiative_id == site.scene.initiative_id, Contribution.user_id.in_(site.scene.user_ids))) == RESIDENTS


def test_save_a_talent_profile(site, residents):
    path = f"/{SLUG}/talents/profile"
    for person in residents:
        person.get(path)
    answers = _round("talent profile", residents, lambda person: person.post(path, {
        "skills": ["cooking", "listening"], "own_words": "Ik bak graag.", "free_slots": ["1-1", "5-2"],
        "visibility": "neighbourhood"}))
    assert_all_succeeded(answers, site)
    with site.app.app_context():
        assert count(select(func.count(TalentProfile.id)).where(TalentProfile.user_id.in_(site.scene.user_ids))) == RESIDENTS


def test_report_a_post(site, residents):
    paths = [f"/{SLUG}/initiatives/report/post/{post_id}" for post_id in site.scene.post_ids]
    for person, path in zip(residents, paths):
        assert person.get(path).status_code == 200
    by_person = dict(zip((person.email for person in residents), paths))
    answers = _round("report", residents, lambda person: person.post(
        by_person[person.email], {"reason": "Dit hoort hier niet."}))
    assert_all_succeeded(answers, site)
    with site.app.app_context():
        assert count(select(func.count(Report.id)).where(Report.reporter_id.in_(site.scene.user_ids),
                                                         Report.target_type == "post")) == RESIDENTS


def test_upload_a_photo_for_an_own_draft(site, residents, photo):
    drafts = dict(zip((person.email for person in residents), site.scene.draft_ids))
    for person in residents:
        assert person.get(f"/{SLUG}/initiatives/{drafts[person.email]}/needs").status_code == 200
    print(f"photo: {len(photo) // 1024} KiB, 4000x3000")
    answers = _round("photo upload", residents, lambda person: person.post(
        f"/{SLUG}/initiatives/{drafts[person.email]}/photo", files={"photo": ("foto.jpg", photo, "image/jpeg")}))
    assert_all_succeeded(answers, site)
    with site.app.app_context():
        assert count(select(func.count(Initiative.id)).where(Initiative.id.in_(site.scene.draft_ids),
                                                             Initiative.photo_id.is_not(None))) == RESIDENTS
        keys = db.session.scalars(select(Image.key).where(Image.owner_id.in_(site.scene.user_ids))).all()
        db.session.remove()
    assert len(keys) == RESIDENTS
    stored = [path for path in Path(site.server.folder / "uploads").rglob("*")
              if path.is_file() and path.name.rsplit("-", 1)[0] in set(keys)]
    assert len(stored) == len(SIZES) * RESIDENTS  # every size of each, and nothing half-written


def test_sign_up_for_an_activity_date(site, residents):
    path = f"/{SLUG}/agenda/{site.scene.date_id}"
    for person in residents:
        person.get(path)
    answers = _round("activity date", residents, lambda person: person.post(f"{path}/signup"))
    assert_all_succeeded(answers, site)
    with site.app.app_context():
        assert _statuses(site.scene.date_id) == {"confirmed": DATE_PLACES, "waitlisted": RESIDENTS - DATE_PLACES}
        assert count(select(Occurrence.confirmed_count).where(Occurrence.id == site.scene.date_id)) == DATE_PLACES


def test_every_time_of_a_series_beside_single_dates(site, residents):
    """This deadlocked on PostgreSQL when each took the date row and a shared version row in
    another order."""
    dates = site.scene.series_date_ids
    joiners, singles = residents[:SERIES_JOINERS], residents[SERIES_JOINERS:]
    single_date = {person.email: dates[index % SINGLE_DATES] for index, person in enumerate(singles)}
    for person in joiners:
        person.get(f"/{SLUG}/agenda/series/{site.scene.series_id}")
    for person in singles:
        person.get(f"/{SLUG}/agenda/{single_date[person.email]}")

    def tap(person: Resident) -> Answer:
        if person.email in single_date:
            return person.post(f"/{SLUG}/agenda/{single_date[person.email]}/signup")
        return person.post(f"/{SLUG}/agenda/series/{site.scene.series_id}/join")

    answers = _round("every time + single dates", residents, tap)
    assert_all_succeeded(answers, site)
    with site.app.app_context():
        assert count(select(func.count(StandingBooking.id)).where(
            StandingBooking.series_id == site.scene.series_id)) == SERIES_JOINERS
        singles_per_date = [sum(1 for chosen in single_date.values() if chosen == date_id) for date_id in dates]
        for date_id, extra in zip(dates, singles_per_date):
            wanted = SERIES_JOINERS + extra
            assert sum(_statuses(date_id).values()) == wanted, date_id
            confirmed = min(wanted, SERIES_PLACES)
            assert _statuses(date_id).get("confirmed", 0) == confirmed
            assert count(select(Occurrence.confirmed_count).where(Occurrence.id == date_id)) == confirmed
        print(f"series: {len(dates)} dates; {SERIES_JOINERS} every time, {len(singles)} single sign-ups")


def test_volunteer_for_a_shift(site, residents):
    with site.app.app_context():
        task_id = count(select(Shift.task_id).where(Shift.id == site.scene.shift_id))
    for person in residents:
        person.get(f"/{SLUG}/tasks/{task_id}")
    answers = _round("shift", residents, lambda person: person.post(f"/{SLUG}/tasks/shift/{site.scene.shift_id}/signup"))
    assert_all_succeeded(answers, site)
    with site.app.app_context():
        rows = dict(db.session.execute(select(Booking.status, func.count()).where(
            Booking.slot_id == site.scene.shift_id).group_by(Booking.status)).all())
        db.session.remove()
        assert rows == {"confirmed": SHIFT_PLACES, "waitlisted": RESIDENTS - SHIFT_PLACES}
        assert count(select(Shift.confirmed_count).where(Shift.id == site.scene.shift_id)) == SHIFT_PLACES


def _statuses(occurrence_id: int) -> dict[str, int]:
    rows = dict(db.session.execute(select(Booking.status, func.count()).where(Booking.slot_id == occurrence_id)
                                   .group_by(Booking.status)).all())
    db.session.remove()
    return rows

"""The neighbourhood's home page answers a revisit with 304 until something any of its tiles and sections
shows changed, or five minutes passed (it says whether the house is open now)."""
from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from community import pagecache
from community.agenda import services as agenda
from community.extensions import db
from community.pot import services as pots
from community.recurrence import local_today
from tests.revisits import etag_of, revisit


def test_a_date_added_for_today_shows_at_once(client, make_neighbourhood):
    neighbourhood = make_neighbourhood(slug="eigen")
    before = client.get("/eigen/")
    agenda.create_activity(neighbourhood, agenda.ActivityDetails(
        title="Soepmiddag", description="", kind="lunch", room_id=None, organiser_id=None, cost_cents=0,
        needs_signup=False, capacity=None, languages=["nl"], first_date=local_today(), start_time=time(23, 30),
        duration_minutes=20, pattern="once"))
    after = revisit(client, "/eigen/", etag_of(before))
    assert after.status_code == 200 and "Soepmiddag" in after.text


def test_a_gangmaker_sees_a_new_tip_at_once(client, login_as, make_neighbourhood, make_user):
    neighbourhood = make_neighbourhood(slug="eigen")
    henk, neighbour = make_user(neighbourhood=neighbourhood), make_user(neighbourhood=neighbourhood)
    pot = pots.open_pot(neighbourhood, name="Lief & leed", streets="", gangmaker_ids=[henk.id], threshold_cents=2500,
                        iban="", account_holder="", by=henk)
    login_as(henk)
    before = client.get("/eigen/")
    assert "1 tip" not in before.text
    pots.nominate(pot, text="Nr. 12 heeft een baby", by=neighbour)
    db.session.expire_all()
    after = revisit(client, "/eigen/", etag_of(before))
    assert after.status_code == 200 and "1 tip" in after.text


def test_five_minutes_later_the_page_is_made_again(client, make_neighbourhood, monkeypatch):
    make_neighbourhood(slug="eigen")
    now = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    monkeypatch.setattr(pagecache, "utcnow", lambda: now)
    etag = etag_of(client.get("/eigen/"))
    assert revisit(client, "/eigen/", etag).status_code == 304
    monkeypatch.setattr(pagecache, "utcnow", lambda: now + timedelta(minutes=5))
    assert revisit(client, "/eigen/", etag).status_code == 200

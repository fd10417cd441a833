"""The numbers page, stories from writing to publishing, the annual report with its CSV, the city view."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from community.extensions import db
from community.moderation.models import AuditEntry
from community.recurrence import local_today
from community.stories import services as stories
from community.stories.models import STORY_BODY_MAX, Story
from tests.conftest import csrf_token_from


@pytest.fixture
def place(make_neighbourhood, make_user):
    neighbourhood = make_neighbourhood("De Ruwaard", slug="ruwaard")
    return (neighbourhood, make_user(neighbourhood=neighbourhood, name="Ayşe"),
            make_user(role="coordinator", neighbourhood=neighbourhood, name="Marieke"))


def _story(neighbourhood, author, **changes):
    draft = stories.Draft(title="De eerste buurtlunch", body="Veertig buren aten samen.", may_show_publicly=True,
                          **changes)
    return stories.write_story(neighbourhood.id, author.id, draft)


def test_everyone_sees_the_numbers_page_with_charts_and_tables(client, place):
    page = client.get("/ruwaard/numbers/")
    assert page.status_code == 200
    assert page.text.count('role="img"') >= 8 and "<table" in page.text and "minder dan 5" in page.text
    assert "Nog geen verhalen." in page.text
    assert client.get("/ruwaard/numbers/", headers={"Accept-Language": "ar"}).status_code == 200


def test_a_story_waits_for_the_coordinator_then_stands_beside_the_numbers(client, login_as, place, app):
    neighbourhood, ayse, marieke = place
    login_as(ayse)
    form = client.get("/ruwaard/stories/new")
    token = csrf_token_from(form.text)
    refused = client.post("/ruwaard/stories/new", data={"csrf_token": token, "title": "Lunch", "subject": "activity",
                                                         "body": "x" * (STORY_BODY_MAX + 1)})
    assert refused.status_code == 422 and "Lunch" in refused.text
    no_consent = client.post("/ruwaard/stories/new", data={"csrf_token": token, "title": "Lunch", "subject": "activity",
                                                            "body": "Lekker gegeten."})
    assert no_consent.status_code == 422 and "iedereen" in no_consent.text
    sent = client.post("/ruwaard/stories/new", data={"csrf_token": token, "title": "Lunch", "subject": "activity",
                                                      "body": "Lekker gegeten.", "may_show_publicly": "y"})
    assert sent.status_code == 303
    story = db.session.scalar(select(Story))
    assert client.get("/ruwaard/numbers/").text.count("Lekker gegeten") == 0
    with app.test_client() as stranger:
        assert stranger.get(f"/ruwaard/stories/{story.id}").status_code == 302   # to log in
    login_as(marieke)
    review = client.get("/ruwaard/stories/review")
    assert "Lunch" in review.text
    assert client.post(f"/ruwaard/stories/{story.id}/publish",
                       data={"csrf_token": csrf_token_from(review.text)}).status_code == 303
    page = client.get("/ruwaard/numbers/")
    assert "Lekker gegeten" in page.text and "Ayşe" not in page.text   # no name: she did not agree to it
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.target_type == "story")) == "publish"


def test_a_declined_story_tells_its_writer_why_and_is_audited(place):
    neighbourhood, ayse, marieke = place
    story = _story(neighbourhood, ayse)
    with pytest.raises(stories.StoryError):
        stories.decline(story, "", by_id=marieke.id)
    stories.decline(story, "Er staat een adres in.", by_id=marieke.id)
    assert story.state == "declined" and not story.is_public
    assert db.session.scalar(select(AuditEntry.reason).where(AuditEntry.action == "decline")) == "Er staat een adres in."
    assert stories.published_stories(neighbourhood.id) == []


def test_the_name_shows_only_when_the_writer_agreed(place):
    neighbourhood, ayse, marieke = place
    named, unnamed = _story(neighbourhood, ayse, may_show_name=True), _story(neighbourhood, ayse)
    assert named.byline == "Ayşe" and unnamed.byline == ""


def test_the_annual_report_keeps_the_coordinators_words_and_picked_stories(client, login_as, place):
    neighbourhood, ayse, marieke = place
    story = _story(neighbourhood, ayse)
    stories.publish(story, by_id=marieke.id)
    year = local_today().year
    login_as(marieke)
    page = client.get(f"/ruwaard/numbers/report/{year}")
    assert page.status_code == 200 and "De eerste buurtlunch" in page.text
    saved = client.post(f"/ruwaard/numbers/report/{year}", data={
        "csrf_token": csrf_token_from(page.text), "text": "Een goed jaar.", "stories": [str(story.id), "999999"]})
    assert saved.status_code == 303
    report = client.get(f"/ruwaard/numbers/report/{year}").text
    assert "Een goed jaar." in report and "Veertig buren aten samen." in report
    csv = client.get(f"/ruwaard/numbers/report/{year}/figures.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert csv.text.splitlines()[0].startswith("figure,label,unit,") and "activities" in csv.text
    stories.decline(story, "Toch liever niet.", by_id=marieke.id)   # taken offline: out of the report
    assert "Veertig buren aten samen." not in client.get(f"/ruwaard/numbers/report/{year}").text


def test_only_coordinators_make_the_report_and_only_the_admin_sees_the_city(client, login_as, place, make_user):
    neighbourhood, ayse, marieke = place
    year = local_today().year
    login_as(ayse)
    assert client.get(f"/ruwaard/numbers/report/{year}").status_code == 403
    assert client.get(f"/admin/city/{year}").status_code == 403
    assert client.get("/admin/city/").status_code == 403
    login_as(make_user(is_admin=True, role=None))
    city = client.get(f"/admin/city/{year}")
    assert city.status_code == 200 and "De Ruwaard" in city.text
    admin_page = client.get("/admin/")
    assert 'href="/admin/city/"' in admin_page.text
    assert client.get("/admin/city/").headers["Location"].endswith(f"/admin/city/{year}")

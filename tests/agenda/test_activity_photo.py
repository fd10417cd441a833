"""An activity's photo: added, replaced and removed through the image service (the old one deleted
once the change commits, nothing deleted on a rollback), set on the activity form by whoever may
edit the activity, and shown: a thumbnail on the cards, the photo on its page, the kind's
pictogram where there is none."""
from __future__ import annotations

import io
import re
from datetime import time
from pathlib import Path

import pytest
from PIL import Image as PILImage
from sqlalchemy import event, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from community import recurrence
from community.agenda import services as agenda
from community.agenda.models import Activity
from community.extensions import db
from community.images import services as images
from community.images.models import Image
from community.images.changes import PhotoChange
from community.images.services import image_path
from tests.agenda.test_sign_ups import first_occurrence


def png(colour: str = "teal", size=(60, 40)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def stored(neighbourhood, colour: str = "teal") -> Image:
    """A photo as the form hands it over: stored, its row not yet committed."""
    return images.save_uploaded_image(FileStorage(io.BytesIO(png(colour)), filename="foto.png"), owner_id=None,
                                      neighbourhood_id=neighbourhood.id)


def files_of(image: Image) -> list:
    return [image_path(image, size) for size in images.SIZES]


def stored_files(app) -> list:
    folder = Path(app.config["UPLOAD_FOLDER"])
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def details_of(activity: Activity, **changes) -> agenda.ActivityDetails:
    values = dict(title=activity.title, description=activity.description, kind=activity.kind, room_id=activity.room_id,
                  organiser_id=activity.organiser_id, cost_cents=activity.cost_cents,
                  needs_signup=activity.needs_signup, capacity=activity.capacity, languages=activity.language_codes,
                  first_date=activity.first_date, start_time=activity.start_time,
                  duration_minutes=activity.duration_minutes, pattern=recurrence.pattern_of(activity.rrule))
    return agenda.ActivityDetails(**{**values, **changes})


@pytest.fixture
def haard(make_neighbourhood):
    return make_neighbourhood(slug="haard")


# --- the service ----------------------------------------------------------------------------------

def test_a_new_activity_gets_its_photo_and_what_is_on_it(haard, make_activity):
    template = make_activity(haard, title="Sjabloon", start=time(8))
    photo = stored(haard)

    activity = agenda.create_activity(haard, details_of(template, title="Koffie", start_time=time(11), photo=PhotoChange(
        new=photo, description="  Buren aan de koffie  ")))

    db.session.expire_all()
    activity = db.session.get(Activity, activity.id)
    assert activity.photo.key == photo.key and activity.photo_description == "Buren aan de koffie"
    assert all(path.exists() for path in files_of(activity.photo))


def test_replacing_the_photo_deletes_the_old_one_once_the_change_commits(haard, make_activity):
    activity = make_activity(haard)
    agenda.update_activity(activity, details_of(activity, photo=PhotoChange(new=stored(haard, "red"))))
    old_id, old_files = activity.photo.id, files_of(activity.photo)
    new = stored(haard, "blue")
    present_at_commit = []
    event.listen(db.session(), "before_commit",
                 lambda _session: present_at_commit.append(all(path.exists() for path in old_files)))

    agenda.update_activity(activity, details_of(activity, photo=PhotoChange(new=new)))

    assert present_at_commit == [True]  # still there until the commit ...
    assert not any(path.exists() for path in old_files)  # ... and gone after it
    assert db.session.get(Image, old_id) is None
    assert all(path.exists() for path in files_of(activity.photo)) and activity.photo.id != old_id


def test_removing_the_photo_deletes_it_and_its_description(haard, make_activity):
    activity = make_activity(haard)
    agenda.update_activity(activity, details_of(activity, photo=PhotoChange(new=stored(haard), description="Koffie")))
    photo_id, paths = activity.photo.id, files_of(activity.photo)

    agenda.update_activity(activity, details_of(activity, photo=PhotoChange(remove=True)))

    assert activity.photo is None and activity.photo_description == ""
    assert db.session.get(Image, photo_id) is None and not any(path.exists() for path in paths)


def test_saving_without_a_photo_change_keeps_the_photo_and_its_description(haard, make_activity):
    activity = make_activity(haard)
    agenda.update_activity(activity, details_of(activity, photo=PhotoChange(new=stored(haard), description="Koffie")))
    photo_id = activity.photo.id

    agenda.update_activity(activity, details_of(activity, title="Koffie-ochtend in De Haard"))

    assert (activity.photo.id, activity.photo_description) == (photo_id, "Koffie")
    assert all(path.exists() for path in files_of(activity.photo))


def test_a_refused_change_rolled_back_keeps_the_old_photo_and_drops_the_new_one(haard, make_activity):
    activity = make_activity(haard)
    make_activity(haard, title="Yoga", start=time(15))  # the same room at three
    agenda.update_activity(activity, details_of(activity, photo=PhotoChange(new=stored(haard, "red"))))
    old_id, old_files = activity.photo.id, files_of(activity.photo)
    new = stored(haard, "blue")
    new_files = files_of(new)

    with pytest.raises(agenda.AgendaError):
        agenda.update_activity(activity, details_of(activity, start_time=time(15), photo=PhotoChange(new=new)))
    db.session.rollback()

    assert db.session.get(Activity, activity.id).photo_id == old_id
    assert all(path.exists() for path in old_files)
    assert not any(path.exists() for path in new_files)


# --- the form -------------------------------------------------------------------------------------

def form_of(activity: Activity, **changes) -> dict:
    return {"title": activity.title, "kind": activity.kind, "room_id": str(activity.room_id or ""),
            "first_date": activity.first_date.isoformat(), "start_time": activity.start_time.strftime("%H:%M"),
            "duration_minutes": str(activity.duration_minutes), "pattern": recurrence.pattern_of(activity.rrule),
            "cost": "0", "languages": "nl", **changes}


def post_form(client, url: str, data: dict, photo: bytes | None = None, filename: str = "koffie.png"):
    if photo is not None:
        data = {**data, "photo": (io.BytesIO(photo), filename)}
    return client.post(url, data=data, content_type="multipart/form-data")


def test_a_coordinator_adds_a_photo_and_every_page_shows_it(client, login_as, make_user, haard, make_activity):
    activity = make_activity(haard, first_date=recurrence.local_today(), start=time(23), minutes=30, pattern="once")
    login_as(make_user(role="coordinator", neighbourhood=haard))
    url = f"/haard/agenda/series/{activity.id}/edit"
    assert 'enctype="multipart/form-data"' in client.get(url).text

    response = post_form(client, url, form_of(activity, photo_description="Een kop koffie"), png(size=(900, 600)))

    assert response.status_code == 303
    db.session.refresh(activity)
    key = activity.photo.key
    thumb = f'<img class="thumb" src="/images/{key}-thumb.webp" alt="" width="160" height="160" loading="lazy" decoding="async">'
    assert thumb in client.get("/haard/agenda/").text
    assert thumb in client.get("/haard/agenda/?kind=coffee", headers={"HX-Request": "true"}).text  # the filtered week
    assert thumb in client.get("/haard/").text  # today in the house
    page = client.get(f"/haard/agenda/{first_occurrence(activity).id}").text
    assert f'srcset="/images/{key}-large.webp"' in page and f'src="/images/{key}-small.webp"' in page
    assert 'width="480" height="320" alt="Een kop koffie"' in page
    assert f'<meta property="og:image" content="http://localhost/images/{key}-large.webp">' in page


def test_without_a_photo_the_cards_and_the_page_show_the_kinds_pictogram(client, haard, make_activity):
    activity = make_activity(haard, kind="walk", first_date=recurrence.local_today(), start=time(23), minutes=30,
                             pattern="once")

    week = client.get("/haard/agenda/").text
    page = client.get(f"/haard/agenda/{first_occurrence(activity).id}").text

    assert '<span class="event-picture"><svg class="pictogram" aria-hidden="true"' in week
    walking = re.compile(r'<use href="/static/img/pictograms\.svg[^"#]*#footprints">')
    assert walking.search(week) and walking.search(page)
    assert 'og:image" content="http://localhost/static/img/icon-512' in page and "hero-photo" not in page


def test_the_coordinator_replaces_and_removes_the_photo(client, login_as, make_user, haard, make_activity):
    activity = make_activity(haard)
    login_as(make_user(role="coordinator", neighbourhood=haard))
    url = f"/haard/agenda/series/{activity.id}/edit"
    post_form(client, url, form_of(activity), png("red"))
    db.session.refresh(activity)
    first = activity.photo
    first_files = files_of(first)
    assert "De foto die er nu bij staat" in client.get(url).text and "Foto weghalen" in client.get(url).text

    assert post_form(client, url, form_of(activity), png("blue")).status_code == 303
    db.session.refresh(activity)
    assert activity.photo.key != first.key and not any(path.exists() for path in first_files)

    second_files = files_of(activity.photo)
    assert post_form(client, url, form_of(activity, remove_photo="y")).status_code == 303
    db.session.refresh(activity)
    assert activity.photo is None and not any(path.exists() for path in second_files)
    assert db.session.scalar(select(db.func.count(Image.id))) == 0


def test_the_organiser_may_set_the_photo_of_their_own_activity(client, login_as, make_user, haard, make_activity):
    organiser = make_user(neighbourhood=haard)
    activity = make_activity(haard, organiser_id=organiser.id)
    login_as(organiser)

    response = post_form(client, f"/haard/agenda/series/{activity.id}/edit", form_of(activity, organiser_id=str(organiser.id)),
                         png())

    assert response.status_code == 303
    db.session.refresh(activity)
    assert activity.photo is not None and activity.photo.owner_id == organiser.id


def test_who_may_not_edit_the_activity_cannot_set_its_photo(client, login_as, make_user, make_neighbourhood, haard,
                                                           make_activity, app):
    other = make_neighbourhood(slug="ander")
    activity = make_activity(haard)
    url = f"/haard/agenda/series/{activity.id}/edit"
    assert post_form(client, url, form_of(activity), png()).status_code == 302  # anonymous: to the login page
    for person, expected in ((make_user(neighbourhood=haard), 403),               # a resident, not the organiser
                             (make_user(neighbourhood=other), 403),               # someone from elsewhere
                             (make_user(role="coordinator", neighbourhood=other), 403)):
        login_as(person)
        assert post_form(client, url, form_of(activity), png()).status_code == expected
    # Through the other neighbourhood's address the activity does not exist.
    assert post_form(client, f"/ander/agenda/series/{activity.id}/edit", form_of(activity), png()).status_code == 404
    db.session.refresh(activity)
    assert activity.photo is None and db.session.scalar(select(db.func.count(Image.id))) == 0
    assert stored_files(app) == []


@pytest.mark.parametrize("photo, filename, message", [
    (b"just some text", "koffie.png", "Dit bestand is geen foto. Kies een JPG-, PNG- of WebP-foto."),
    (png(), "koffie.pdf", "Kies een JPG-, PNG- of WebP-foto."),
])
def test_a_bad_upload_is_answered_at_the_photo_with_what_was_typed_kept(client, login_as, make_user, haard,
                                                                       make_activity, photo, filename, message):
    activity = make_activity(haard)
    login_as(make_user(role="coordinator", neighbourhood=haard))

    response = post_form(client, f"/haard/agenda/series/{activity.id}/edit",
                         form_of(activity, title="Koffie met buren", photo_description="Een kop koffie"), photo, filename)

    assert response.status_code == 422
    assert re.search(r'<p class="field-error" id="photo-error">.*' + re.escape(message), response.text)
    assert 'value="Koffie met buren"' in response.text and 'value="Een kop koffie"' in response.text
    db.session.refresh(activity)
    assert activity.title == "Koffie-ochtend" and activity.photo is None
    assert db.session.scalar(select(db.func.count(Image.id))) == 0


def test_a_photo_chosen_with_another_mistake_is_asked_for_again_and_not_kept(client, login_as, make_user, haard,
                                                                            make_activity):
    activity = make_activity(haard)
    login_as(make_user(role="coordinator", neighbourhood=haard))

    response = post_form(client, f"/haard/agenda/series/{activity.id}/edit", form_of(activity, title=""), png())

    assert response.status_code == 422 and "Kies je foto nog een keer" in response.text
    assert db.session.scalar(select(db.func.count(Image.id))) == 0


def test_a_new_activity_with_a_photo_refused_for_its_room_keeps_no_photo(client, login_as, make_user, haard,
                                                                        make_activity, app):
    existing = make_activity(haard, title="Yoga")
    login_as(make_user(role="coordinator", neighbourhood=haard))

    response = post_form(client, "/haard/agenda/new", form_of(existing, title="Koffie"), png())

    assert response.status_code == 422 and "Yoga" in response.text  # the clash, named
    assert db.session.scalar(select(db.func.count(Image.id))) == 0
    assert stored_files(app) == []


def test_a_request_larger_than_allowed_gets_the_friendly_413(client, login_as, make_user, haard, make_activity, app):
    activity = make_activity(haard)
    login_as(make_user(role="coordinator", neighbourhood=haard))
    app.config["MAX_CONTENT_LENGTH"] = 200_000
    boundary, body = encode_multipart({**form_of(activity), "photo": FileStorage(io.BytesIO(b"\0" * 300_000),
                                                                                 filename="groot.png")})

    response = client.post(f"/haard/agenda/series/{activity.id}/edit", data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")

    assert response.status_code == 413 and "Bestand te groot" in response.text
    assert db.session.scalar(select(db.func.count(Image.id))) == 0

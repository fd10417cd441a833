"""A task's photo: on the task form for whoever runs the task, shown on the task cards (else the
pictogram of the first talent it asks for), Mijn taken and the task's page; never on a neighbour's
request for help, which promises to show neither who asks nor where they live."""
from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from PIL import Image as PILImage
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from community import recurrence
from community.extensions import db
from community.images import services as images
from community.images.models import Image
from community.images.changes import PhotoChange
from community.images.services import image_path
from community.volunteering import services as volunteering
from community.volunteering.models import Task
from tests.volunteering.test_services import shifts_of

HTMX = {"HX-Request": "true"}


def png(colour: str = "olive", size=(90, 60)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def image_count() -> int:
    return db.session.scalar(select(func.count(Image.id)))


def post_form(client, url: str, data: dict, photo: bytes | None = None, filename: str = "tuin.png"):
    if photo is not None:
        data = {**data, "photo": (io.BytesIO(photo), filename)}
    return client.post(url, data=data, content_type="multipart/form-data")


def new_task_form(**changes) -> dict:
    day = (recurrence.local_today() + timedelta(days=3)).isoformat()
    return {"title": "Opruimdag", "people_needed": "4", "skills": ["gardening"], "first_date": day,
            "start_time": "09:30", "duration_minutes": "180", "pattern": "once", "place": "Het park", **changes}


def about_form(task: Task, **changes) -> dict:
    return {"title": task.title, "people_needed": str(task.people_needed), "place": task.place,
            "skills": task.skill_codes, **changes}


@pytest.fixture
def ruwaard(make_neighbourhood):
    return make_neighbourhood(slug="ruwaard")


# --- the service ----------------------------------------------------------------------------------

def test_a_request_for_help_is_refused_a_photo(ruwaard, make_user, make_task):
    asker = make_user(neighbourhood=ruwaard)
    request = make_task(ruwaard, request=True, posted_by=asker)
    photo = images.save_uploaded_image(FileStorage(io.BytesIO(png()), filename="voordeur.png"), owner_id=asker.id,
                                       neighbourhood_id=ruwaard.id)
    details = volunteering.TaskDetails(title=request.title, description="", skills=[], people_needed=1, place="",
                                       first_date=request.first_date, start_time=request.start_time,
                                       duration_minutes=request.duration_minutes, photo=PhotoChange(new=photo))

    with pytest.raises(volunteering.VolunteeringError) as refused:
        volunteering.update_task(request, details)
    db.session.rollback()

    assert refused.value.field_name == "photo" and "geen foto" in str(refused.value)
    assert db.session.get(Task, request.id).photo_id is None and image_count() == 0


def test_replacing_and_removing_a_tasks_photo_deletes_the_old_files(ruwaard, make_task):
    task = make_task(ruwaard)

    def details(change):
        return volunteering.TaskDetails(title=task.title, description="", skills=[], people_needed=2, place="",
                                        first_date=task.first_date, start_time=task.start_time,
                                        duration_minutes=task.duration_minutes, photo=change)

    def stored(colour):
        return images.save_uploaded_image(FileStorage(io.BytesIO(png(colour)), filename="f.png"), owner_id=None,
                                          neighbourhood_id=ruwaard.id)

    volunteering.update_task(task, details(PhotoChange(new=stored("red"), description="Het park")))
    first = [image_path(task.photo, size) for size in images.SIZES]
    volunteering.update_task(task, details(PhotoChange(new=stored("blue"))))
    assert not any(path.exists() for path in first) and task.photo_description == "Het park"
    second = [image_path(task.photo, size) for size in images.SIZES]
    assert all(path.exists() for path in second)

    volunteering.update_task(task, details(PhotoChange(remove=True)))

    assert task.photo is None and task.photo_description == "" and image_count() == 0
    assert not any(path.exists() for path in second)


# --- the forms and pages --------------------------------------------------------------------------

def test_a_coordinator_posts_a_task_with_a_photo_and_it_shows_everywhere(client, login_as, make_user, ruwaard):
    coordinator = make_user(role="coordinator", neighbourhood=ruwaard)
    login_as(coordinator)
    form = client.get("/ruwaard/tasks/new").text
    assert 'enctype="multipart/form-data"' in form and 'name="photo"' in form and 'name="photo_description"' in form

    response = post_form(client, "/ruwaard/tasks/new", new_task_form(photo_description="Bloemen in het park"),
                         png(size=(1200, 800)))

    assert response.status_code == 303
    task = db.session.scalar(select(Task).where(Task.title == "Opruimdag"))
    key = task.photo.key
    thumb = f'<img class="thumb" src="/images/{key}-thumb.webp" alt="" width="160" height="160"'
    assert thumb in client.get("/ruwaard/tasks/").text
    assert thumb in client.get("/ruwaard/tasks/?page=1", headers=HTMX).text  # the list's fragment
    page = client.get(f"/ruwaard/tasks/{task.id}").text
    assert f'<source media="(min-width: 40rem)" srcset="/images/{key}-large.webp">' in page
    assert 'alt="Bloemen in het park"' in page
    assert f'<meta property="og:image" content="http://localhost/images/{key}-large.webp">' in page

    volunteer = make_user(neighbourhood=ruwaard)
    volunteering.volunteer_for_shift(shifts_of(task)[0].id, volunteer.id)
    login_as(volunteer)
    assert thumb in client.get("/ruwaard/tasks/mine").text


def test_without_a_photo_a_task_shows_the_pictogram_of_its_first_talent(client, login_as, make_user, ruwaard,
                                                                       make_task):
    cooking = make_task(ruwaard, title="Kookploeg", skills=["cooking", "listening"])
    anyone = make_task(ruwaard, title="Stoelen zetten")
    volunteer = make_user(neighbourhood=ruwaard)
    volunteering.volunteer_for_shift(shifts_of(cooking)[0].id, volunteer.id)

    def pictogram(name):
        return re.compile(r'<span class="thumb thumb-pictogram"><svg class="pictogram" aria-hidden="true" '
                          r'focusable="false" width="24" height="24"><use href="/static/img/pictograms\.svg[^"#]*#'
                          + name + '">')

    listing = client.get("/ruwaard/tasks/").text
    assert pictogram("chef-hat").search(listing) and pictogram("hand-helping").search(listing)
    assert pictogram("chef-hat").search(client.get(f"/ruwaard/tasks/{cooking.id}").text)
    page = client.get(f"/ruwaard/tasks/{anyone.id}").text
    assert pictogram("hand-helping").search(page) and "/static/img/icon-512" in page
    login_as(volunteer)
    assert pictogram("chef-hat").search(client.get("/ruwaard/tasks/mine").text)


def test_whoever_runs_a_task_may_change_its_photo_and_nobody_else(client, login_as, make_user, make_neighbourhood,
                                                                 ruwaard, make_task):
    initiator = make_user(neighbourhood=ruwaard)  # posted it from their initiative's need for hands
    task = make_task(ruwaard, posted_by=initiator)
    url = f"/ruwaard/tasks/{task.id}/edit"
    elsewhere = make_neighbourhood(slug="selwerd")
    assert post_form(client, url, about_form(task), png()).status_code == 302  # anonymous: log in first
    for person in (make_user(neighbourhood=ruwaard), make_user(neighbourhood=elsewhere),
                   make_user(role="coordinator", neighbourhood=elsewhere)):
        login_as(person)
        assert post_form(client, url, about_form(task), png()).status_code == 403
    assert post_form(client, f"/selwerd/tasks/{task.id}/edit", about_form(task), png()).status_code == 404
    assert image_count() == 0

    login_as(initiator)
    assert post_form(client, url, about_form(task), png("red")).status_code == 303
    login_as(make_user(role="coordinator", neighbourhood=ruwaard))
    assert "De foto die er nu bij staat" in client.get(url).text
    assert post_form(client, url, about_form(task), png("blue")).status_code == 303
    db.session.refresh(task)
    assert task.photo is not None and image_count() == 1
    assert post_form(client, url, about_form(task, remove_photo="y")).status_code == 303
    db.session.refresh(task)
    assert task.photo is None and image_count() == 0


def test_a_bad_photo_on_the_task_form_is_answered_at_the_photo_with_the_rest_kept(client, login_as, make_user,
                                                                                   ruwaard):
    login_as(make_user(role="coordinator", neighbourhood=ruwaard))

    response = post_form(client, "/ruwaard/tasks/new", new_task_form(title="Bloembakken"), b"GIF89a nope", "bak.png")

    assert response.status_code == 422 and 'value="Bloembakken"' in response.text
    assert re.search(r'id="photo-error">.*Dit bestand is geen foto', response.text)
    assert db.session.scalar(select(func.count(Task.id))) == 0 and image_count() == 0


def test_a_request_for_help_has_no_photo_to_give(client, login_as, make_user, ruwaard, make_task):
    asker = make_user(neighbourhood=ruwaard)
    login_as(asker)
    ask = client.get("/ruwaard/tasks/ask").text
    assert 'name="photo"' not in ask and "multipart" not in ask
    day = (recurrence.local_today() + timedelta(days=2)).isoformat()

    sent = post_form(client, "/ruwaard/tasks/ask", {"title": "Wie hangt mijn gordijnen op?", "people_needed": "1",
                                                     "first_date": day, "start_time": "10:00",
                                                     "duration_minutes": "60"}, png())

    assert sent.status_code == 303 and image_count() == 0  # a photo sent anyway is not kept
    request = db.session.scalar(select(Task).where(Task.posted_by_id == asker.id))
    assert 'name="photo"' not in client.get(f"/ruwaard/tasks/{request.id}/edit").text
    assert post_form(client, f"/ruwaard/tasks/{request.id}/edit", about_form(request), png()).status_code == 303
    assert db.session.get(Task, request.id).photo_id is None and image_count() == 0

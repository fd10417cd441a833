"""A photo's life: replaced and removed photos leave storage once the change commits (and not on
a rollback); a photo whose row never commits leaves no files; and an upload decodes without
holding the database's write lock."""
from __future__ import annotations

import sqlite3
import threading

import pytest
from PIL import Image as PILImage
from sqlalchemy import event

from community.db import end_read_transaction
from community.extensions import db
from community.images import services as images
from community.images.models import Image
from community.images.services import discard_image, image_path
from community.initiatives import services as initiatives
from community.initiatives.models import Initiative
from tests.conftest import on_postgres
from tests.images.conftest import encoded, photo_upload, stored_files


def photo_bytes(colour: str = "teal") -> bytes:
    return encoded(PILImage.new("RGB", (40, 30), colour), "PNG")


def files_of(image: Image) -> list:
    return [image_path(image, size) for size in images.SIZES]


def test_replacing_a_photo_deletes_the_old_row_and_its_files_after_the_commit(save, draft_initiative):
    initiative, _proposer = draft_initiative
    old = save(photo_bytes("red"))
    initiatives.set_photo(initiative, old.id)
    old_id, old_files = old.id, files_of(old)
    new = save(photo_bytes("blue"))
    present_at_commit = []
    event.listen(db.session(), "before_commit", lambda _s: present_at_commit.append(all(p.exists() for p in old_files)))

    initiatives.set_photo(initiative, new.id)

    assert present_at_commit == [True]
    assert not any(path.exists() for path in old_files)
    assert all(path.exists() for path in files_of(new))
    assert db.session.get(Image, old_id) is None
    assert db.session.get(Initiative, initiative.id).photo_id == new.id


def test_removing_a_photo_deletes_it(save, draft_initiative, upload_folder):
    initiative, _proposer = draft_initiative
    photo = save(photo_bytes())
    initiatives.set_photo(initiative, photo.id)
    photo_id = photo.id

    initiatives.set_photo(initiative, None)

    assert db.session.get(Image, photo_id) is None
    assert stored_files(upload_folder) == []


def test_setting_the_same_photo_again_keeps_it(save, draft_initiative):
    initiative, _proposer = draft_initiative
    photo = save(photo_bytes())
    initiatives.set_photo(initiative, photo.id)

    initiatives.set_photo(initiative, photo.id)

    assert all(path.exists() for path in files_of(photo))


def test_a_rollback_deletes_nothing(save, draft_initiative):
    initiative, _proposer = draft_initiative
    photo = save(photo_bytes())
    initiatives.set_photo(initiative, photo.id)
    photo_id, paths = photo.id, files_of(photo)

    discard_image(db.session.get(Image, photo_id))
    db.session.flush()
    db.session.rollback()

    assert db.session.get(Image, photo_id) is not None
    assert all(path.exists() for path in paths)


def test_a_new_photo_whose_row_is_rolled_back_leaves_no_files(save, upload_folder):
    save(photo_bytes())
    assert len(stored_files(upload_folder)) == len(images.SIZES)

    db.session.rollback()

    assert stored_files(upload_folder) == []


def test_uploading_twice_through_the_form_keeps_only_the_second_photo(client, login_as, draft_initiative,
                                                                      upload_folder):
    initiative, proposer = draft_initiative
    login_as(proposer)
    url = f"/ruwaard/initiatives/{initiative.id}/photo"

    for colour in ("red", "blue"):
        response = client.post(url, data=photo_upload(photo_bytes(colour)), content_type="multipart/form-data")
        assert response.status_code == 303

    remaining = db.session.scalars(db.select(Image)).all()
    assert [image.id for image in remaining] == [db.session.get(Initiative, initiative.id).photo_id]
    assert stored_files(upload_folder) == sorted(files_of(remaining[0]))


def test_an_update_photo_of_a_refused_update_leaves_no_files(client, login_as, draft_initiative, upload_folder):
    # Updates are for published initiatives: the photo was stored before the update was refused.
    initiative, proposer = draft_initiative
    login_as(proposer)

    response = client.post(f"/ruwaard/initiatives/{initiative.id}/posts",
                           data={"kind": "update", "body": "Het gaat goed", **photo_upload(photo_bytes())},
                           content_type="multipart/form-data")

    assert response.status_code == 303
    assert db.session.query(Image).count() == 0
    assert stored_files(upload_folder) == []


# --- the write lock -----------------------------------------------------------------------------

def test_ending_the_read_transaction_refuses_when_something_changed(neighbourhood):
    neighbourhood.description = "Veranderd"

    with pytest.raises(RuntimeError):
        end_read_transaction(db.session)
    db.session.rollback()


@pytest.mark.skipif(on_postgres(), reason="SQLite's single write lock")
def test_another_writer_is_not_blocked_while_an_upload_decodes(app, client, login_as, draft_initiative, monkeypatch):
    initiative, proposer = draft_initiative
    login_as(proposer)
    url = f"/ruwaard/initiatives/{initiative.id}/photo"
    decoding, may_finish = threading.Event(), threading.Event()
    original = images._decoded_and_shrunk

    def slow_decode(picture):
        decoding.set()
        assert may_finish.wait(timeout=20)
        return original(picture)

    monkeypatch.setattr(images, "_decoded_and_shrunk", slow_decode)
    answers = []
    data = photo_upload(photo_bytes())
    upload = threading.Thread(target=lambda: answers.append(
        client.post(url, data=data, content_type="multipart/form-data").status_code))
    upload.start()
    try:
        assert decoding.wait(timeout=20)
        # Another writer, which gives up after half a second instead of the usual ten.
        other = sqlite3.connect(db.engine.url.database, timeout=0.5, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("UPDATE neighbourhood SET description = 'Geschreven tijdens het decoderen'")
            other.execute("COMMIT")
        finally:
            other.close()
    finally:
        may_finish.set()
        upload.join(timeout=20)

    assert answers == [303]
    db.session.rollback()  # this test's own read snapshot predates the upload
    assert db.session.get(Initiative, initiative.id).photo_id is not None

"""Download my data: a ZIP of JSON, readable pages, photos and a calendar; once a day, for a week, mine alone."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from community.db import utcnow
from community.extensions import db
from community.privacy import export_service
from community.privacy.export_registry import register_exporter, sections
from community.privacy.models import DataExport
from tests.conftest import csrf_token_from


def _zip(body: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(body))


def test_the_zip_holds_json_pages_in_my_language_photos_and_a_calendar(app, make_user, neighbourhood, make_card):
    person = make_user(neighbourhood=neighbourhood, name="Ayşe", locale="ar")
    make_card("Ayşe", maker=person, photo=True)
    export = export_service.request_export(person)
    with export_service.export_path(export).open("rb") as file, _zip(file.read()) as archive:
        names = set(archive.namelist())
        data = json.loads(archive.read("data.json"))
        index = archive.read("index.html").decode()
        profile_page = archive.read("pages/profile.html").decode()
        calendar = archive.read("agenda.ics").decode()
    assert {"data.json", "index.html", "agenda.ics", "json/profile.json", "pages/cards.html"} <= names
    assert any(name.startswith("photos/") and name.endswith(".webp") for name in names)
    assert data["sections"]["profile"][0]["display_name"] == "Ayşe"
    assert data["sections"]["cards"][0]["display_name"] == "Ayşe"
    assert 'lang="ar"' in index and 'dir="rtl"' in index and "BEGIN:VCALENDAR" in calendar
    assert "البريد الإلكتروني" in index + profile_page and "الرقم" in profile_page  # words, not machine names
    assert {section.name for section in sections()} == set(data["sections"])
    assert export.expires_at - export.ready_at == timedelta(days=7)


def test_one_new_export_a_day(app, resident):
    first = export_service.request_export(resident)
    with pytest.raises(export_service.ExportError):
        export_service.request_export(resident)
    a_day_later = first.requested_at + timedelta(hours=24, seconds=1)
    second = export_service.request_export(resident, now=a_day_later)
    assert second.id == first.id and second.requested_at == a_day_later
    assert len(list(export_service.export_folder().glob("*.zip"))) == 1  # the older file is gone


def test_the_database_itself_refuses_a_second_export_row(app, resident):
    export_service.request_export(resident)
    with pytest.raises(IntegrityError):
        db.session.execute(insert(DataExport).values(user_id=resident.id, requested_at=utcnow(), file_key="x" * 32,
                                                     size_bytes=0))
    db.session.rollback()


def test_a_new_feature_adds_one_exporter(app, resident):
    register_exporter("pigeons", lambda user: [{"name": "Duif van " + user.display_name}], "Duiven")
    try:
        export = export_service.request_export(resident)
        with _zip(export_service.export_path(export).read_bytes()) as archive:
            assert json.loads(archive.read("json/pigeons.json"))[0]["name"].startswith("Duif van")
            assert "Duiven" in archive.read("pages/pigeons.html").decode()
    finally:
        from community.privacy import export_registry
        export_registry._SECTIONS.pop("pigeons")


def test_the_download_area_makes_and_offers_my_export(client, login_as, resident):
    login_as(resident)
    page = client.get("/privacy/download")
    assert page.status_code == 200 and "Er staat nu geen download voor je klaar." in page.text
    token = csrf_token_from(page.text)
    assert client.post("/privacy/download", data={"csrf_token": token}).status_code == 303
    export = export_service.export_of(resident.id)
    download = client.get(f"/privacy/download/{export.id}/buurtkracht-gegevens.zip")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    with _zip(download.data) as archive:
        assert "data.json" in archive.namelist()
    again = client.post("/privacy/download", data={"csrf_token": token})
    assert again.status_code == 429 and "Probeer het morgen weer." in again.text


def test_nobody_else_gets_my_export_not_even_a_coordinator_or_the_admin(client, login_as, make_user, neighbourhood,
                                                                        resident, coordinator):
    export = export_service.request_export(resident)
    url = f"/privacy/download/{export.id}/buurtkracht-gegevens.zip"
    for other in (make_user(neighbourhood=neighbourhood), coordinator, make_user(role=None, is_admin=True)):
        login_as(other)
        assert client.get(url).status_code == 404
        assert "buurtkracht-gegevens.zip" not in client.get("/privacy/download").text
    client.post("/account/logout", data={"csrf_token": csrf_token_from(client.get("/privacy/download").text)})
    assert client.get(url).status_code in (302, 303)


def test_after_a_week_the_export_is_gone(client, login_as, resident):
    export = export_service.request_export(resident)
    login_as(resident)
    url = f"/privacy/download/{export.id}/buurtkracht-gegevens.zip"
    export.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get(url).status_code == 404
    assert export_service.remove_expired_exports() == 1
    assert not export_service.export_path(export).exists()


def test_the_cron_command_prunes_expired_exports(app, resident):
    export = export_service.request_export(resident)
    export.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    runner = app.test_cli_runner()
    assert "Removed 1 expired exports." in runner.invoke(args=["exports", "prune"]).output
    assert "Removed 0 expired exports." in runner.invoke(args=["exports", "prune"]).output


def test_a_failed_build_does_not_cost_the_export_of_the_day(app, resident):
    from community.privacy import export_registry

    def broken(_user):
        raise RuntimeError("a feature's exporter broke")

    register_exporter("broken", broken, "Kapot")
    try:
        with pytest.raises(RuntimeError):
            export_service.request_export(resident)
    finally:
        export_registry._SECTIONS.pop("broken")
    assert export_service.request_export(resident).is_ready

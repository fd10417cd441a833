"""Migrations upgrade from empty, downgrade to base, and agree with the models."""
from __future__ import annotations

import secrets
from urllib.parse import quote

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from community import create_app
from community.config import TestConfig
from community.db import AUTOGENERATE_PLUGINS, Base, include_name
from community.extensions import db
from tests.conftest import TEST_DATABASE_URL, _config_dict, _driver_url, on_postgres


@pytest.fixture
def empty_database_url(tmp_path):
    if not on_postgres():
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    schema = f"migrations_{secrets.token_hex(4)}"
    base_url = _driver_url(TEST_DATABASE_URL)
    admin = create_engine(base_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base_url else "?"
    yield f"{base_url}{separator}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def migrating_app(empty_database_url, tmp_path):
    """An app on the empty database; its connections are closed afterwards even when the test
    fails, so no connection is left for the garbage collector (a warning, and an error, later)."""
    app = create_app({**_config_dict(TestConfig), "SQLALCHEMY_DATABASE_URI": empty_database_url,
                      "UPLOAD_FOLDER": str(tmp_path / "uploads")})
    yield app
    with app.app_context():
        _close_connections()


def test_upgrade_from_empty_matches_the_models_and_downgrades_to_base(migrating_app):
    app = migrating_app
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            # The options `flask db migrate` compares with (the full-text index is one engine's own).
            context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": include_name,
                                                                   "autogenerate_plugins": AUTOGENERATE_PLUGINS})
            differences = compare_metadata(context, Base.metadata)
            tables = set(inspect(connection).get_table_names())
        assert differences == [], "models and migrations disagree: run `flask db migrate`"
        assert {table.name for table in Base.metadata.sorted_tables} <= tables

        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        upgrade()  # and up again: the downgrade left nothing behind that blocks it


BOUNDED_TEXT_REVISION = "c6b49e668534"


def test_bounding_text_cuts_long_values_and_keeps_every_row(migrating_app):
    """Rows from before the limits (a result of 5,000 characters) do not block the upgrade, and
    rebuilding the tables on SQLite deletes nothing that refers to them."""
    from alembic.script import ScriptDirectory
    from flask import current_app

    app = migrating_app
    with app.app_context():
        config = current_app.extensions["migrate"].migrate.get_config()
        before = ScriptDirectory.from_config(config).get_revision(BOUNDED_TEXT_REVISION).down_revision
        upgrade(revision=before)
        now = {"at": "2026-01-01 12:00:00+00:00"}
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO neighbourhood (id, slug, name, city, description, created_at, updated_at) "
                "VALUES (1, 'ruwaard', 'Ruwaard', 'Oss', :long, :at, :at)"), {**now, "long": "b" * 1500})
            connection.execute(text(
                'INSERT INTO "user" (id, email, display_name, password_hash, is_admin, is_email_confirmed, is_deleted, '
                "password_changed_at, created_at, updated_at) "
                "VALUES (1, 'a@example.org', 'Ans', 'x', false, true, false, :at, :at, :at)"), now)
            connection.execute(text("INSERT INTO membership (id, user_id, neighbourhood_id, role, created_at) "
                                    "VALUES (1, 1, 1, 'resident', :at)"), now)
            connection.execute(text(
                "INSERT INTO initiative (id, neighbourhood_id, proposer_id, title, want, can_do, state, is_hidden, "
                "result, support_count, created_at, updated_at) "
                "VALUES (1, 1, 1, 'Tuin', :want, '', 'done', false, :result, 0, :at, :at)"),
                {**now, "want": "w" * 4000, "result": "r" * 5000})
        upgrade()
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM membership")).scalar() == 1
            assert connection.execute(text("SELECT length(description) FROM neighbourhood")).scalar() == 1000
            want, result = connection.execute(text("SELECT want, result FROM initiative")).one()
        assert want == "w" * 4000 and result == "r" * 2000
        downgrade(revision=before)
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM membership")).scalar() == 1


def test_every_length_check_in_the_database_has_the_column_length(migrating_app):
    """Autogenerate matches CHECK constraints by name only; the number in each is checked here."""
    import re

    from sqlalchemy import String

    app = migrating_app
    with app.app_context():
        upgrade()
        inspector = inspect(db.engine)
        for table in Base.metadata.sorted_tables:
            checks = {check["name"]: check["sqltext"] for check in inspector.get_check_constraints(table.name)}
            for column in table.columns:
                if isinstance(column.type, String) and column.type.length:
                    sqltext = checks[f"ck_{table.name}_{column.name}_length"]
                    assert re.search(rf"<=\s*\(?{column.type.length}\b", sqltext), (table.name, column.name, sqltext)


BOOKING_ENGINE_REVISION = "377a8d26d312"

# Who is on which date, with which status and presence, read from the tables of either schema.
OLD_SIGN_UPS = """
    SELECT 'activity', u.email, o.starts_at, s.status, CASE WHEN s.is_attended THEN 1 ELSE 0 END, 0 FROM sign_up s
      JOIN "user" u ON u.id = s.user_id JOIN occurrence o ON o.id = s.occurrence_id
    UNION ALL
    SELECT 'task', u.email, t.starts_at, v.status, 0, CASE WHEN v.is_absent THEN 1 ELSE 0 END FROM volunteer_sign_up v
      JOIN "user" u ON u.id = v.user_id JOIN task_shift t ON t.id = v.shift_id"""
NEW_SIGN_UPS = """
    SELECT sl.feature, u.email, sl.starts_at, b.status, CASE WHEN b.presence = 'present' THEN 1 ELSE 0 END,
           CASE WHEN b.presence = 'absent' THEN 1 ELSE 0 END FROM booking b
      JOIN "user" u ON u.id = b.user_id JOIN slot sl ON sl.id = b.slot_id"""
OLD_STANDING = """
    SELECT 'activity', u.email, a.title FROM standing_sign_up s JOIN "user" u ON u.id = s.user_id
      JOIN activity a ON a.id = s.activity_id
    UNION ALL
    SELECT 'task', u.email, t.title FROM standing_volunteer s JOIN "user" u ON u.id = s.user_id
      JOIN task t ON t.id = s.task_id"""
NEW_STANDING = """
    SELECT se.feature, u.email, COALESCE(a.title, t.title) FROM standing_booking s JOIN "user" u ON u.id = s.user_id
      JOIN bookable_series se ON se.id = s.series_id LEFT JOIN activity a ON a.id = se.id LEFT JOIN task t ON t.id = se.id"""


def _rows(sql: str) -> list[tuple]:
    with db.engine.connect() as connection:
        return sorted(tuple(str(value) for value in row)
                      for row in connection.execute(text(sql)))


def test_the_booking_engine_migration_keeps_every_sign_up_of_both_kinds(migrating_app):
    """Demo data (sign-ups, waitlists, offers, 'every time', attendance and absence) survives going
    down to two kinds of sign-up and up again into the one booking table: per person and date."""
    from community.bookings.models import Booking, StandingBooking
    from community.demo import build_demo_data

    app = migrating_app
    with app.app_context():
        upgrade()
        build_demo_data(residents_per_neighbourhood=12)
        _mark_presence()
        occurrence_ids = _rows("SELECT id FROM occurrence")
        before, standing_before = _rows(NEW_SIGN_UPS), _rows(NEW_STANDING)
        assert {row[0] for row in before} == {"activity", "task"} and standing_before
        assert db.session.query(Booking).filter(Booking.presence.is_not(None)).count() >= 2
        db.session.remove()

        downgrade(revision=f"{BOOKING_ENGINE_REVISION}-1")
        assert _rows(OLD_SIGN_UPS) == before
        assert _rows(OLD_STANDING) == standing_before
        upgrade()
        assert _rows(NEW_SIGN_UPS) == before
        assert _rows(NEW_STANDING) == standing_before
        assert _rows("SELECT id FROM occurrence") == occurrence_ids  # shared links keep working
        assert db.session.query(StandingBooking).count() == len(standing_before)


def _mark_presence() -> None:
    """One agenda sign-up ticked at the door, one volunteer marked absent."""
    from community.bookings.models import Booking, Slot, Status

    for feature, presence in (("activity", "present"), ("task", "absent")):
        booking = db.session.scalars(db.select(Booking).join(Slot, Slot.id == Booking.slot_id).where(
            Slot.feature == feature, Booking.status == Status.CONFIRMED.value)).first()
        booking.presence = presence
    db.session.commit()


def _close_connections() -> None:
    """Give the session's connection back before closing the pool: a disposed pool leaves
    connections checked out at that moment open until the garbage collector finds them."""
    db.session.remove()
    db.engine.dispose()


SERIES_PHOTO_REVISION = "3b822bb3a10d"
EVERY_SERIES_ROW = ("SELECT s.id, s.feature, s.first_date, a.title, t.title, "
                    "(SELECT count(*) FROM slot WHERE slot.series_id = s.id), "
                    "(SELECT count(*) FROM booking JOIN slot ON slot.id = booking.slot_id WHERE slot.series_id = s.id) "
                    "FROM bookable_series s LEFT JOIN activity a ON a.id = s.id LEFT JOIN task t ON t.id = s.id "
                    "ORDER BY s.id")


def test_the_series_photo_migration_keeps_every_series_its_dates_and_sign_ups(migrating_app):
    """On SQLite adding the photo copies the series table, which activities, tasks and their dates
    refer to (with ON DELETE CASCADE): every one of them, and every sign-up, stays, down and up."""
    from community.demo import build_demo_data

    app = migrating_app
    with app.app_context():
        upgrade()
        build_demo_data(residents_per_neighbourhood=12)
        series = _rows(EVERY_SERIES_ROW)
        with_photo = int(_rows("SELECT count(*) FROM bookable_series WHERE photo_id IS NOT NULL")[0][0])
        assert with_photo > 0 and {row[1] for row in series} == {"activity", "task"}
        db.session.remove()

        downgrade(revision=f"{SERIES_PHOTO_REVISION}-1")
        assert _rows(EVERY_SERIES_ROW) == series
        assert int(_rows("SELECT count(*) FROM image")[0][0]) >= with_photo  # the photos stay for whoever else shows them
        upgrade()
        assert _rows(EVERY_SERIES_ROW) == series
        assert _rows("SELECT count(*) FROM bookable_series WHERE photo_id IS NOT NULL OR photo_description <> ''") == [("0",)]


OPENING_HOURS_REVISION = "e20a32eca111"
OLD_OPENING_TEXTS = {  # the demo's three texts, one with a lunch break and a night, and one no reader can read
    1: "maandag t/m vrijdag 9:00–21:30\nzaterdag 10:00–16:00\nzondag gesloten",
    2: "maandag t/m donderdag 9:00–17:00\nvrijdag 9:00–13:00",
    3: "dinsdag en donderdag 10:00–16:00",
    4: "Ma-vr: 9.00 - 12.30 en 13.30 - 17.00 uur\nza 20:00-01:00\nIn de zomervakantie dicht",
    5: "Bel even of we er zijn",
}
EXPECTED_PERIODS = {
    1: [(day, "09:00", "21:30") for day in range(5)] + [(5, "10:00", "16:00")],
    2: [(day, "09:00", "17:00") for day in range(4)] + [(4, "09:00", "13:00")],
    3: [(1, "10:00", "16:00"), (3, "10:00", "16:00")],
    4: [period for day in range(5) for period in ((day, "09:00", "12:30"), (day, "13:30", "17:00"))]
       + [(5, "20:00", "01:00")],
    5: [],
}
EXPECTED_NOTES = {1: "", 2: "", 3: "", 4: "In de zomervakantie dicht", 5: "Bel even of we er zijn"}


def _periods_by_house() -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = {house_id: [] for house_id in OLD_OPENING_TEXTS}
    with db.engine.connect() as connection:
        for house_id, weekday, opens, closes in connection.execute(text(
                "SELECT house_id, weekday, opens_at, closes_at FROM house_opening_period")):
            as_text = [str(value)[:5] for value in (opens, closes)]
            found[house_id].append((weekday, *as_text))
    return {house_id: sorted(periods) for house_id, periods in found.items()}


def test_opening_hours_text_becomes_periods_and_a_note_and_back(migrating_app):
    """The free text is read into periods where it says days and times; what it cannot read stays
    as the note. Down again, the periods are written as Dutch lines that read back the same."""
    from alembic.script import ScriptDirectory
    from flask import current_app

    app = migrating_app
    with app.app_context():
        config = current_app.extensions["migrate"].migrate.get_config()
        before = ScriptDirectory.from_config(config).get_revision(OPENING_HOURS_REVISION).down_revision
        upgrade(revision=before)
        now = "2026-01-01 12:00:00+00:00"
        with db.engine.begin() as connection:
            for house_id, opening_text in OLD_OPENING_TEXTS.items():
                connection.execute(text(
                    "INSERT INTO neighbourhood (id, slug, name, city, description, created_at, updated_at) "
                    "VALUES (:id, :slug, 'Buurt', 'Oss', '', :at, :at)"), {"id": house_id, "slug": f"b{house_id}", "at": now})
                connection.execute(text(
                    "INSERT INTO community_house (id, neighbourhood_id, name, street_address, postcode, city, "
                    "opening_hours, phone, created_at, updated_at) "
                    "VALUES (:id, :id, 'Huis', 'Straat 1', '5341 AA', 'Oss', :hours, '', :at, :at)"),
                    {"id": house_id, "hours": opening_text, "at": now})
                connection.execute(text("INSERT INTO room (house_id, name, capacity, is_wheelchair_accessible, "
                                        "has_hearing_loop) VALUES (:id, 'Zaal', 10, true, false)"), {"id": house_id})
        upgrade(revision=OPENING_HOURS_REVISION)
        assert _periods_by_house() == {house_id: sorted(periods) for house_id, periods in EXPECTED_PERIODS.items()}
        with db.engine.connect() as connection:
            notes = dict(connection.execute(text("SELECT id, opening_note FROM community_house")).all())
            assert connection.execute(text("SELECT count(*) FROM room")).scalar() == len(OLD_OPENING_TEXTS)
        assert notes == EXPECTED_NOTES

        downgrade(revision=before)
        with db.engine.connect() as connection:
            written = dict(connection.execute(text("SELECT id, opening_hours FROM community_house")).all())
        assert written[1] == "maandag t/m vrijdag 9:00–21:30\nzaterdag 10:00–16:00"
        assert written[3] == "dinsdag en donderdag 10:00–16:00" and written[5] == "Bel even of we er zijn"
        upgrade(revision=OPENING_HOURS_REVISION)  # and what was written reads back into the same periods
        assert _periods_by_house() == {house_id: sorted(periods) for house_id, periods in EXPECTED_PERIODS.items()}

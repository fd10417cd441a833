"""Page benchmark: page weight, server time and SQL queries for the main pages.

Runs on its own temporary SQLite database filled with the demo data, so the figures are
the same on every machine and the development database is never touched.
"""
from __future__ import annotations

import gzip
import re
import statistics
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event

PAGES = [
    ("anonymous", "/?all=1"),
    ("anonymous", "/de-ruwaard/"),
    ("anonymous", "/account/login"),
    ("anonymous", "/account/signup"),
    ("resident", "/de-ruwaard/"),
    ("resident", "/account/profile"),
    ("coordinator", "/de-ruwaard/coordinator/"),
    ("coordinator", "/de-ruwaard/coordinator/rooms"),
    ("anonymous", "/de-ruwaard/agenda/?week={week}"),
    ("resident", "/de-ruwaard/agenda/?week={week}"),
    ("anonymous", "/de-ruwaard/agenda/{occurrence}"),
    ("resident", "/de-ruwaard/agenda/{occurrence}"),
    ("resident", "/de-ruwaard/agenda/mine"),
    ("anonymous", "/de-ruwaard/agenda/poster?week={week}"),
    ("coordinator", "/de-ruwaard/agenda/{occurrence}/participants"),
    ("anonymous", "/de-ruwaard/initiatives/"),
    ("resident", "/de-ruwaard/initiatives/?sort=supported"),
    ("anonymous", "/de-ruwaard/initiatives/{initiative}"),
    ("coordinator", "/de-ruwaard/initiatives/{initiative}"),
    ("coordinator", "/de-ruwaard/initiatives/review"),
    ("coordinator", "/de-ruwaard/coordinator/reports"),
    ("coordinator", "/de-ruwaard/coordinator/audit"),
    ("anonymous", "/de-ruwaard/talents/"),
    ("resident", "/de-ruwaard/talents/skill/cooking"),
    ("resident", "/de-ruwaard/talents/profile"),
]
LOGINS = {"resident": "de-ruwaard.1@example.org", "coordinator": "marieke@example.org"}
ASSET_PATTERN = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js)[^"]*)"')


@contextmanager
def count_queries(engine):
    counter = {"n": 0}

    def before(*_args, **_kwargs):
        counter["n"] += 1

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _bench_app(database_path: Path):
    from community import create_app
    from community.config import TestConfig

    settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
    settings.update(SQLALCHEMY_DATABASE_URI=f"sqlite:///{database_path}", SERVER_NAME=None, TESTING=False)
    return create_app(settings)


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def _log_in(client, email: str) -> None:
    from community.demo import DEMO_PASSWORD

    response = client.post("/account/login", data={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 303, f"could not log in {email}"


def demo_placeholders() -> dict[str, str]:
    """Values for {week} and {occurrence} in PAGES: next week, and a coming date with sign-ups."""
    from datetime import timedelta

    from sqlalchemy import select

    from community.agenda import recurrence
    from community.agenda.models import Activity, Occurrence
    from community.db import utcnow
    from community.extensions import db

    occurrence_id = db.session.scalar(
        select(Occurrence.id).join(Activity).where(Activity.title == "Computerhulp", Occurrence.starts_at > utcnow())
        .order_by(Occurrence.starts_at).limit(1))
    week = recurrence.week_start(recurrence.local_today()) + timedelta(days=7)
    from community.initiatives.models import Initiative

    initiative_id = db.session.scalar(select(Initiative.id).where(Initiative.title == "Speeltuin opknappen"))
    return {"week": week.isoformat(), "occurrence": str(occurrence_id), "initiative": str(initiative_id)}


def multiply_activities(factor: int) -> int:
    """Copy De Ruwaard's series factor-1 times into rooms of their own (rooms cannot clash)."""
    from sqlalchemy import select

    from community.agenda import recurrence
    from community.agenda import services as agenda
    from community.agenda.models import Activity
    from community.extensions import db
    from community.neighbourhoods.models import Neighbourhood, Room

    neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "de-ruwaard"))
    originals = db.session.scalars(select(Activity).where(Activity.neighbourhood_id == neighbourhood.id)).all()
    for copy in range(1, factor):
        room_ids = {}
        for activity in originals:
            if activity.room_id not in room_ids:
                room = Room(house_id=neighbourhood.house.id, name=f"Zaal {copy}-{len(room_ids)}", capacity=30)
                db.session.add(room)
                db.session.flush()
                room_ids[activity.room_id] = room.id
            agenda.create_activity(neighbourhood, agenda.ActivityDetails(
                title=f"{activity.title} {copy}", description=activity.description, kind=activity.kind,
                room_id=room_ids[activity.room_id], organiser_id=None, cost_cents=activity.cost_cents,
                needs_signup=activity.needs_signup, capacity=activity.capacity, languages=activity.language_codes,
                first_date=activity.first_date, start_time=activity.start_time,
                duration_minutes=activity.duration_minutes, pattern=recurrence.pattern_of(activity.rrule)))
    return len(originals) * factor


def run_page_benchmark(*, repeat: int = 50, echo=print) -> list[dict]:
    from community.demo import build_demo_data
    from community.extensions import db

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        app = _bench_app(Path(folder) / "bench.sqlite3")
        with app.app_context():
            db.create_all()
            build_demo_data()
            engine = db.engine
            values = demo_placeholders()
        # Outside any app context: each request gets its own, as in production.
        rows = [_measure(app, engine, who, url.format(**values), repeat) for who, url in PAGES]
        _print_rows(rows, echo, "Demo data")

        with app.app_context():
            series = multiply_activities(10)
        week_pages = [(who, url) for who, url in PAGES if "agenda/?week" in url]
        big = [_measure(app, engine, who, url.format(**values), repeat) for who, url in week_pages]
        _print_rows(big, echo, f"Agenda with 10x the activities ({series} series in De Ruwaard)")
        engine.dispose()
    return rows + big


def _print_rows(rows: list[dict], echo, title: str) -> None:
    echo(f"\n{title}")
    echo(f"{'page':<58}{'HTML B':>8}{'HTML gz':>9}{'1st load gz':>12}{'first ms':>10}{'median ms':>11}{'queries':>9}")
    for row in rows:
        echo(f"{row['who'] + ' ' + row['url']:<58}{row['html_bytes']:>8}{row['html_gzip']:>9}"
             f"{row['first_load_gzip']:>12}{row['cold_ms']:>10.2f}{row['median_ms']:>11.2f}{row['queries']:>9}")
    echo("first ms: the first request (cold caches); median: the next requests.")


def _measure(app, engine, who: str, url: str, repeat: int) -> dict:
    client = app.test_client()
    if who in LOGINS:
        _log_in(client, LOGINS[who])
    started = time.perf_counter()
    response = client.get(url)
    cold_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    html = response.data
    assets = sorted(set(ASSET_PATTERN.findall(html.decode())))
    asset_bytes = 0
    for asset in assets:
        with client.get(asset) as asset_response:
            asset_bytes += _gzip_size(asset_response.data)
    with count_queries(engine) as counter:
        client.get(url)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "who": who, "url": url, "html_bytes": len(html), "html_gzip": _gzip_size(html),
        "first_load_gzip": _gzip_size(html) + asset_bytes, "median_ms": statistics.median(timings),
        "queries": counter["n"], "cold_ms": cold_ms,
    }

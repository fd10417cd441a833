"""Page benchmark: page weight, server time and SQL queries for the main pages.

Runs on its own temporary SQLite database filled with the demo data, so the figures are
the same on every machine and the development database is never touched.
"""
from __future__ import annotations

import gzip
import re
from datetime import datetime
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
    ("anonymous", "/de-ruwaard/agenda/month?month={month}"),
    ("resident", "/de-ruwaard/agenda/month?month={month}&kind=coffee"),
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
    ("anonymous", "/de-ruwaard/talents/map"),
    ("anonymous", "/de-ruwaard/tasks/"),
    ("volunteer", "/de-ruwaard/tasks/"),
    ("anonymous", "/de-ruwaard/tasks/{task}"),
    ("volunteer", "/de-ruwaard/tasks/{task}"),
    ("volunteer", "/de-ruwaard/tasks/mine"),
    ("coordinator", "/de-ruwaard/tasks/{task}/volunteers"),
    ("coordinator", "/de-ruwaard/tasks/{task}/suggestions"),
    ("anonymous", "/de-ruwaard/tasks/counts"),
    ("anonymous", "/kiosk/{screen}/deck"),
    ("coordinator", "/de-ruwaard/coordinator/screens"),
    ("anonymous", "/de-ruwaard/pot/"),
    ("anonymous", "/de-ruwaard/pot/{pot}/"),
    ("coordinator", "/de-ruwaard/pot/{pot}/books"),
    ("coordinator", "/de-ruwaard/pot/{pot}/year/{year}"),
    ("anonymous", "/de-ruwaard/search?q=koffie"),
    ("resident", "/de-ruwaard/search?q=koken"),
    ("coordinator", "/de-ruwaard/search?q=koffie&kind=activity"),
]
LOGINS = {"resident": "de-ruwaard.1@example.org", "coordinator": "marieke@example.org",
          "volunteer": "de-ruwaard.2@example.org"}
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


def _bench_app(database_path: Path, *, test_settings: bool = False):
    """An app on its own SQLite file. By default with the settings of a real deployment
    (production, no debug, real Argon2 cost, compression and the cache on, CSRF on); with
    `test_settings`, the test suite's (for tests that count queries)."""
    from community import create_app
    from community.config import ProductionConfig, TestConfig

    base = TestConfig if test_settings else ProductionConfig
    settings = {key: getattr(base, key) for key in dir(base) if key.isupper()}
    settings.update(SQLALCHEMY_DATABASE_URI=f"sqlite:///{database_path}", SERVER_NAME=None, TESTING=False,
                    UPLOAD_FOLDER=str(database_path.parent / f"{database_path.stem}-uploads"))
    if not test_settings:
        settings.update(SECRET_KEY="bench-" + "x" * 40, BASE_URL="https://localhost",
                        RATELIMIT_MEMORY_OK=True, DEBUG=False, TRUSTED_HOSTS=["localhost", "127.0.0.1"],
                        RATELIMIT_LOGIN_PER_ADDRESS="10000 per hour")
    return create_app(settings)


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _log_in(client, email: str) -> None:
    """Through the login form, as a browser does (its CSRF token included when the form has one)."""
    from community.demo import DEMO_PASSWORD

    form = client.get("/account/login").get_data(as_text=True)
    token = CSRF_FIELD.search(form)
    data = {"email": email, "password": DEMO_PASSWORD, **({"csrf_token": token.group(1)} if token else {})}
    response = client.post("/account/login", data=data, headers={"Referer": "https://localhost/account/login"})
    assert response.status_code == 303, f"could not log in {email}"


def demo_placeholders() -> dict[str, str]:
    """Values for {week} and {occurrence} in PAGES: next week, and a coming date with sign-ups."""
    from datetime import timedelta

    from sqlalchemy import select

    from community import recurrence
    from community.agenda.models import Activity, Occurrence
    from community.db import utcnow
    from community.extensions import db

    occurrence_id = db.session.scalar(
        select(Occurrence.id).join(Activity).where(Activity.title == "Computerhulp", Occurrence.starts_at > utcnow())
        .order_by(Occurrence.starts_at).limit(1))
    week = recurrence.week_start(recurrence.local_today()) + timedelta(days=7)
    from community.initiatives.models import Initiative

    initiative_id = db.session.scalar(select(Initiative.id).where(Initiative.title == "Speeltuin opknappen"))
    from community.volunteering.models import Task

    task_id = db.session.scalar(select(Task.id).where(Task.title == "Bardienst in De Haard"))
    from community.pot.models import Pot

    pot_id = db.session.scalar(select(Pot.id).where(Pot.name == "Lief & leed Kastanjelaan"))
    from community.kiosk.models import KioskScreen

    screen_token = db.session.scalar(select(KioskScreen.token).where(KioskScreen.name == "Hal De Haard"))
    return {"week": week.isoformat(), "month": week.strftime("%Y-%m"), "occurrence": str(occurrence_id),
            "initiative": str(initiative_id), "task": str(task_id), "pot": str(pot_id),
            "year": str(recurrence.local_today().year), "screen": screen_token}


def multiply_activities(factor: int) -> int:
    """Copy De Ruwaard's series factor-1 times into rooms of their own (rooms cannot clash)."""
    from sqlalchemy import select

    from community import recurrence
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


def run_page_benchmark(*, repeat: int = 50, echo=print, only: str = "", profile: bool = False) -> list[dict]:
    """Every page of PAGES (or those whose URL contains `only`), with a real deployment's settings.
    With `profile`, each page is also run under cProfile and the top of the profile printed."""
    from community.demo import build_demo_data
    from community.extensions import db

    pages = [(who, url) for who, url in PAGES if only in url]
    with tempfile.TemporaryDirectory() as folder:
        app = _bench_app(Path(folder) / "bench.sqlite3")
        with app.app_context():
            db.create_all()
            build_demo_data()
            engine = db.engine
            values = demo_placeholders()

        def measure(who, url):
            if profile:
                return _profiled(app, engine, who, url.format(**values), repeat, echo)
            return _measure(app, engine, who, url.format(**values), repeat)

        # Outside any app context: each request gets its own, as in production.
        rows = [measure(who, url) for who, url in pages]
        _print_rows(rows, echo, "Demo data (production settings)")
        week_pages = [(who, url) for who, url in pages if "agenda/?week" in url]
        big = []
        if week_pages and not profile:
            with app.app_context():
                series = multiply_activities(10)
            big = [measure(who, url) for who, url in week_pages]
            _print_rows(big, echo, f"Agenda with 10x the activities ({series} series in De Ruwaard)")
        engine.dispose()
    return rows + big


def run_matching_benchmark(*, repeat: int = 30, echo=print, tasks: int = 1_000, residents: int = 10_000) -> list[dict]:
    """Matching at scale: a volunteer's ranked tasks over `tasks` open tasks, and a coordinator's
    suggestions over `residents` talent profiles, as pages and as the bare services."""
    from community.demo import build_demo_data
    from community.extensions import db
    from community.volunteering import matchmaking
    from community.volunteering import services as volunteering

    with tempfile.TemporaryDirectory() as folder:
        app = _bench_app(Path(folder) / "matching.sqlite3")
        with app.app_context():
            db.create_all()
            build_demo_data(residents_per_neighbourhood=5)
            neighbourhood_id, task_id, volunteer_id = _fill_for_matching(tasks, residents)
            engine = db.engine
        pages = [_measure(app, engine, "volunteer", "/de-ruwaard/tasks/", repeat),
                 _measure(app, engine, "coordinator", f"/de-ruwaard/tasks/{task_id}/suggestions", repeat)]
        _print_rows(pages, echo, f"Matching: {tasks:,} open tasks, {residents:,} residents with a talent profile")
        with app.app_context():
            task = db.session.get(volunteering.Task, task_id)
            services = {
                "tasks_for (rank every open task for one volunteer)":
                    _median_ms(lambda: matchmaking.tasks_for(neighbourhood_id, volunteer_id), repeat),
                "suggestions (rank every profile for one task)":
                    _median_ms(lambda: matchmaking.suggestions(task), repeat),
            }
        for name, median in services.items():
            echo(f"service {name:<60}{median:>8.2f} ms median")
        engine.dispose()
    return pages


def _median_ms(action, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _fill_for_matching(task_count: int, resident_count: int) -> tuple[int, int, int]:
    """Residents with varied profiles and open weekly tasks with eight dates each, in bulk."""
    import random
    from datetime import time as clock, timedelta

    from sqlalchemy import insert, select

    from community.accounts.models import User
    from community import recurrence
    from community.db import utcnow
    from community.extensions import db
    from community.neighbourhoods.models import Membership, Neighbourhood
    from community.talents.models import SKILLS, TalentProfile
    from community.volunteering.models import Shift, Task

    rng = random.Random(2026)
    neighbourhood = db.session.scalar(select(Neighbourhood).where(Neighbourhood.slug == "de-ruwaard"))
    codes, now = list(SKILLS), utcnow()
    first_user = (db.session.scalar(select(User.id).order_by(User.id.desc()).limit(1)) or 0) + 1
    db.session.execute(insert(User), [
        {"id": first_user + n, "email": f"matching{n}@example.org", "display_name": f"Buur {n}", "password_hash": "x",
         "is_email_confirmed": True, "created_at": now, "updated_at": now, "password_changed_at": now}
        for n in range(resident_count)])
    db.session.execute(insert(Membership), [
        {"user_id": first_user + n, "neighbourhood_id": neighbourhood.id, "role": "resident", "created_at": now}
        for n in range(resident_count)])
    db.session.execute(insert(TalentProfile), [
        {"user_id": first_user + n, "neighbourhood_id": neighbourhood.id, "skills": ",".join(rng.sample(codes, 2)),
         "availability": "".join(rng.choice("0001") for _ in range(21)), "visibility": "neighbourhood",
         "own_words": "", "wants": "", "needs": "", "created_at": now, "updated_at": now}
        for n in range(resident_count)])
    today = recurrence.local_today()
    coordinator_id = db.session.scalar(select(Task.posted_by_id).limit(1))
    first_task = (db.session.scalar(select(Task.id).order_by(Task.id.desc()).limit(1)) or 0) + 1
    task_rows, shift_rows = [], []
    for n in range(task_count):
        first = today + timedelta(days=1 + n % 28)
        start = clock(rng.choice([9, 10, 13, 14, 19]))
        task_rows.append({"id": first_task + n, "neighbourhood_id": neighbourhood.id, "origin": "coordinator",
                          "title": f"Taak {n}", "description": "", "skills": ",".join(rng.sample(codes, rng.randint(0, 2))),
                          "people_needed": 3, "place": "De Haard", "private_place": "", "first_date": first,
                          "start_time": start, "duration_minutes": 120, "rrule": recurrence.rrule_for("weekly", first),
                          "materialised_until": first + timedelta(weeks=8), "posted_by_id": coordinator_id,
                          "is_closed": False, "created_at": now, "updated_at": now})
        for week in range(8):
            starts = recurrence.to_utc(datetime.combine(first + timedelta(weeks=week), start))
            shift_rows.append({"task_id": first_task + n, "neighbourhood_id": neighbourhood.id, "starts_at": starts,
                               "ends_at": starts + timedelta(hours=2), "capacity": 3,
                               "confirmed_count": rng.randint(0, 3), "is_cancelled": False, "note": ""})
    db.session.execute(insert(Task), task_rows)
    db.session.execute(insert(Shift), shift_rows)
    db.session.commit()
    volunteer_id = db.session.scalar(select(User.id).where(User.email == LOGINS["volunteer"]))
    return neighbourhood.id, first_task, volunteer_id


def _print_rows(rows: list[dict], echo, title: str) -> None:
    echo(f"\n{title}")
    echo(f"{'page':<58}{'HTML B':>8}{'HTML gz':>9}{'1st load gz':>12}{'first ms':>10}{'median ms':>11}{'queries':>9}")
    for row in rows:
        echo(f"{row['who'] + ' ' + row['url']:<58}{row['html_bytes']:>8}{row['html_gzip']:>9}"
             f"{row['first_load_gzip']:>12}{row['cold_ms']:>10.2f}{row['median_ms']:>11.2f}{row['queries']:>9}")
    echo("first ms: the first request (cold caches); median: the next requests.")


BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br", "Accept-Language": "nl"}


def _measure(app, engine, who: str, url: str, repeat: int, profile=None) -> dict:
    client = app.test_client()
    if who in LOGINS:
        _log_in(client, LOGINS[who])
    started = time.perf_counter()
    response = client.get(url, headers=BROWSER_HEADERS)
    cold_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    html = client.get(url).data
    assets = sorted(set(ASSET_PATTERN.findall(html.decode())))
    asset_bytes = 0
    for asset in assets:
        with client.get(asset) as asset_response:
            asset_bytes += _gzip_size(asset_response.data)
    with count_queries(engine) as counter:
        client.get(url, headers=BROWSER_HEADERS)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url, headers=BROWSER_HEADERS)
        timings.append((time.perf_counter() - started) * 1000)
    if profile is not None:
        profile.enable()
        for _ in range(repeat):
            client.get(url, headers=BROWSER_HEADERS)
        profile.disable()
    return {
        "who": who, "url": url, "html_bytes": len(html), "html_gzip": _gzip_size(html),
        "first_load_gzip": _gzip_size(html) + asset_bytes, "median_ms": statistics.median(timings),
        "queries": counter["n"], "cold_ms": cold_ms,
    }


def _profiled(app, engine, who: str, url: str, repeat: int, echo, top: int = 30) -> dict:
    """The page measured, then `repeat` more requests under cProfile: where the time goes."""
    import cProfile
    import io
    import pstats

    profile = cProfile.Profile()
    row = _measure(app, engine, who, url, repeat, profile)
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(top)
    echo(f"\nProfile of {who} {url} ({repeat} requests, cumulative time):")
    echo(out.getvalue())
    return row

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
    return {"week": week.isoformat(), "occurrence": str(occurrence_id), "initiative": str(initiative_id),
            "task": str(task_id)}


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


# --- images: peak memory of one upload ---------------------------------------------------------
# Each photo goes through the image service in a fresh Python process, and the figure is how far
# that process's peak memory rose during the upload. Two measures: ru_maxrss (getrusage) before and
# after, and Linux's VmHWM, reset to the current size just before the upload (/proc/self/clear_refs).
# ru_maxrss alone can hide a small rise: on Linux a child starts with the high-water mark of the
# process that started it, so the sample photos are made in a process of their own.

BYTES_PER_MIB = 1024 * 1024
IMAGE_CASES = [
    ("bomb: 6300x6300 RGBA PNG of ~150 KB", "bomb.png", 1),
    ("phone: 4000x3000 JPEG (12 MP)", "phone.jpg", 1),
    ("camera: 6000x4000 PNG (24 MP)", "camera.png", 1),
    ("16-bit: 4000x3000 RGB PNG (48 bits a pixel)", "deep.png", 1),
    ("camera PNG, 4 threads of one process at once", "camera.png", 4),
]
# glibc gives every thread its own malloc arena and keeps what a thread freed there: four threads
# that decode one after the other can still hold four decodes. A fixed mmap threshold returns big
# blocks to the system when freed; the last case shows the four threads with it.
MALLOC_SETTING = {"MALLOC_MMAP_THRESHOLD_": str(1024 * 1024)}
IMAGE_CASES_WITH_SETTING = [("  the same, MALLOC_MMAP_THRESHOLD_=1048576", "camera.png", 4)]
_IN_CHILD = "import json, sys; from community import bench; print(json.dumps(getattr(bench, sys.argv[1])(*sys.argv[2:])))"


def run_image_benchmark(*, echo=print) -> list[dict]:
    """Peak memory and time of uploading each photo of IMAGE_CASES, each in a fresh process."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "images.sqlite3"
        _database_with_a_neighbourhood(database)
        _in_child("write_sample_photos", folder)
        cases = [(case, {}) for case in IMAGE_CASES] + [(case, MALLOC_SETTING) for case in IMAGE_CASES_WITH_SETTING]
        for (label, name, threads), environment in cases:
            row = _in_child("measure_image_upload", str(database), str(Path(folder) / name), str(threads),
                            environment=environment)
            rows.append({"label": label, "file_kb": (Path(folder) / name).stat().st_size // 1024, **row})
    echo("\nImages: one upload through the image service, each in a fresh process")
    echo(f"{'photo':<46}{'file KB':>8}{'RSS MiB':>9}{'+peak MiB':>10}{'+maxrss':>9}{'seconds':>9}  outcome")
    for row in rows:
        echo(f"{row['label']:<46}{row['file_kb']:>8}{row['rss_mib']:>9.1f}{row['peak_rise_mib']:>10.1f}"
             f"{row['maxrss_rise_mib']:>9.1f}{row['seconds']:>9.2f}  {row['outcome']}")
    echo("RSS: the process before the upload; +peak: how far its peak (VmHWM) rose above that during the upload;\n"
         "+maxrss: the rise of getrusage's ru_maxrss over its value before the upload.")
    return rows


def _in_child(function: str, *args: str, environment: dict | None = None):
    import json
    import os
    import subprocess
    import sys

    child = subprocess.run([sys.executable, "-c", _IN_CHILD, function, *args], capture_output=True, text=True,
                           check=True, env={**os.environ, **(environment or {})})
    return json.loads(child.stdout.strip().splitlines()[-1])


def measure_image_upload(database_path: str, photo_path: str, threads: str = "1") -> dict:
    """Upload one photo (in `threads` threads at once) and report how far the process's peak rose."""
    import gc
    import io
    import threading

    from PIL import Image as PILImage
    from sqlalchemy import select
    from werkzeug.datastructures import FileStorage

    from community.extensions import db
    from community.images.services import ImageError, save_uploaded_image
    from community.neighbourhoods.models import Neighbourhood

    app = _bench_app(Path(database_path))
    app.config["UPLOAD_FOLDER"] = str(Path(database_path).parent / "uploads")
    data = Path(photo_path).read_bytes()
    with app.app_context():
        neighbourhood_id = db.session.scalar(select(Neighbourhood.id))
        db.session.commit()
    PILImage.init()  # the format plugins belong to the baseline, not to the first decode
    outcomes: list[str] = []

    def upload() -> None:
        with app.app_context():
            try:
                image = save_uploaded_image(FileStorage(io.BytesIO(data), filename=Path(photo_path).name),
                                            owner_id=None, neighbourhood_id=neighbourhood_id)
                outcomes.append(f"stored as {image.width}x{image.height}")
            except ImageError as error:
                outcomes.append(f"refused: {error.message}")
            finally:
                db.session.rollback()
                db.session.remove()

    gc.collect()
    maxrss_before = _maxrss_mib()
    rss_before = _reset_peak_rss()
    started = time.perf_counter()
    workers = [threading.Thread(target=upload) for _ in range(int(threads))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - started
    return {"rss_mib": rss_before, "peak_rise_mib": _proc_status_mib("VmHWM") - rss_before,
            "maxrss_rise_mib": _maxrss_mib() - maxrss_before, "seconds": seconds,
            "outcome": ", ".join(sorted(set(outcomes)))}


def _maxrss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _reset_peak_rss() -> float:
    """Set the peak (VmHWM) to the present size (Linux 4.0+); returns that size in MiB."""
    Path("/proc/self/clear_refs").write_text("5")
    return _proc_status_mib("VmRSS")


def _proc_status_mib(field: str) -> float:
    match = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.MULTILINE)
    return int(match.group(1)) / 1024


def _database_with_a_neighbourhood(database: Path) -> None:
    from community.extensions import db
    from community.neighbourhoods.models import Neighbourhood

    app = _bench_app(database)
    with app.app_context():
        db.create_all()
        db.session.add(Neighbourhood(name="Benchmark", slug="benchmark", city="Oss", description=""))
        db.session.commit()
        db.engine.dispose()


def write_sample_photos(folder: str) -> list[str]:
    """The photos of IMAGE_CASES, written into `folder`."""
    from PIL import Image as PILImage

    folder = Path(folder)
    # The bomb: fully transparent rows, which zlib packs about a thousand to one.
    write_png(folder / "bomb.png", 6300, 6300, color_type=6, bit_depth=8, row=lambda _y: bytes(6300 * 4))
    # 16-bit: a horizontal gradient, shifted a little on every row.
    gradient = b"".join(int(x * 65535 / 3999).to_bytes(2, "big") * 3 for x in range(4000))
    write_png(folder / "deep.png", 4000, 3000, color_type=2, bit_depth=16,
              row=lambda y: gradient[(y * 6) % len(gradient):] + gradient[:(y * 6) % len(gradient)])
    # A phone photo: smooth colour with detail, saved as a camera would (quality 90, upright by EXIF).
    photo = _sample_picture((4000, 3000))
    exif = PILImage.Exif()
    exif[0x0112] = 6
    photo.save(folder / "phone.jpg", "JPEG", quality=90, exif=exif)
    _sample_picture((6000, 4000)).save(folder / "camera.png", "PNG", compress_level=6)
    return sorted(path.name for path in folder.iterdir())

def _sample_picture(size: tuple[int, int]):
    from PIL import Image as PILImage

    red = PILImage.linear_gradient("L").resize(size)
    green = PILImage.radial_gradient("L").resize(size)
    blue = PILImage.effect_mandelbrot((size[0] // 4, size[1] // 4), (-2.0, -1.2, 1.0, 1.2), 60).resize(size)
    return PILImage.merge("RGB", (red, green, blue))


def write_png(path: Path, width: int, height: int, *, color_type: int, bit_depth: int, row) -> None:
    """A PNG written row by row (`row(y)` gives a row's bytes), so a file that decodes huge costs
    nothing to make. color_type 2 is RGB, 6 is RGBA (PNG specification, IHDR)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    compressor = zlib.compressobj(9)
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth,
                                                                      color_type, 0, 0, 0)))
        pending = bytearray()
        for y in range(height):
            pending += compressor.compress(b"\0" + row(y))  # filter type 0 (None) for each row
            if len(pending) >= BYTES_PER_MIB:
                out.write(chunk(b"IDAT", bytes(pending)))
                pending.clear()
        pending += compressor.flush()
        out.write(chunk(b"IDAT", bytes(pending)) + chunk(b"IEND", b""))

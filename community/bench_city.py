"""City-scale benchmark: the demo neighbourhoods grown to a city with bulk inserts, then the main pages timed.

    flask bench city                                  # small: a quick run on SQLite
    flask bench city --database-url postgresql+psycopg://… --neighbourhoods 50 --residents 100000 \
        --sign-ups 1000000 --initiatives 20000 --talents 200000

The rows go in with multi-row INSERTs in chunks (not the ORM one row at a time): residents with a
membership, sign-ups spread over every date of the agenda, initiatives and talent profiles. Pages are
then timed in process (median and p99 of `repeat` requests) with their SQL query counts.
"""
from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert, select

CHUNK = 10_000
CITY_PAGES = [("anonymous", "/de-ruwaard/"), ("anonymous", "/de-ruwaard/agenda/?week={week}"),
              ("resident", "/de-ruwaard/agenda/?week={week}"), ("anonymous", "/de-ruwaard/agenda/{occurrence}"),
              ("anonymous", "/de-ruwaard/initiatives/"), ("anonymous", "/de-ruwaard/initiatives/{initiative}"),
              ("anonymous", "/de-ruwaard/tasks/"), ("anonymous", "/de-ruwaard/talents/"),
              ("resident", "/de-ruwaard/"), ("resident", "/de-ruwaard/initiatives/")]


def _bulk(model, rows) -> int:
    from community.extensions import db

    count, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            db.session.execute(insert(model), batch)
            count, batch = count + len(batch), []
    if batch:
        db.session.execute(insert(model), batch)
        count += len(batch)
    return count


def build_city(*, neighbourhoods: int, residents: int, sign_ups: int, initiatives: int, talents: int,
               echo=print) -> None:
    from community.accounts.models import User
    from community.bookings.models import Booking, Slot
    from community.db import utcnow
    from community.extensions import db
    from community.initiatives.models import Initiative
    from community.neighbourhoods.models import Membership, Neighbourhood
    from community.talents.models import SKILLS, TalentProfile

    rng, now, started = random.Random(2026), utcnow(), time.perf_counter()
    have = db.session.scalar(select(func.count(Neighbourhood.id)))
    _bulk(Neighbourhood, ({"name": f"Wijk {n}", "slug": f"wijk-{n}", "city": "Oss", "description": ""}
                          for n in range(have, neighbourhoods)))
    places = db.session.scalars(select(Neighbourhood.id).order_by(Neighbourhood.id)).all()
    first = (db.session.scalar(select(func.max(User.id))) or 0) + 1
    password_hash = db.session.scalar(select(User.password_hash).limit(1))
    _bulk(User, ({"id": first + n, "email": f"stad{n}@example.org", "display_name": f"Buur {n}",
                  "password_hash": password_hash, "is_email_confirmed": True, "created_at": now,
                  "updated_at": now, "password_changed_at": now, "locale": "nl"} for n in range(residents)))
    home_of = [places[n % len(places)] for n in range(residents)]
    _bulk(Membership, ({"user_id": first + n, "neighbourhood_id": home_of[n], "role": "resident",
                        "created_at": now, "confirmed_at": now} for n in range(residents)))
    slots = db.session.execute(select(Slot.id, Slot.neighbourhood_id)).all()
    per_slot = max(1, sign_ups // max(1, len(slots)))
    made = _bulk(Booking, ({"slot_id": slot_id, "user_id": first + (index * 7919 + n) % residents,
                            "status": "confirmed", "created_at": now, "updated_at": now}
                           for index, (slot_id, _place) in enumerate(slots) for n in range(min(per_slot, residents))))
    _bulk(Initiative, ({"neighbourhood_id": places[n % len(places)], "proposer_id": first + n % residents,
                        "title": f"Plan {n}", "want": "Iets voor de buurt", "can_do": "", "state": "published",
                        "is_hidden": False, "result": "", "support_count": n % 40, "submitted_at": now,
                        "published_at": now, "created_at": now, "updated_at": now} for n in range(initiatives)))
    codes = list(SKILLS)
    _bulk(TalentProfile, ({"user_id": first + n, "neighbourhood_id": home_of[n], "skills": ",".join(rng.sample(codes, 2)),
                           "availability": "".join(rng.choice("0001") for _ in range(21)), "visibility": "neighbourhood",
                           "own_words": "", "wants": "", "needs": "", "created_at": now, "updated_at": now}
                          for n in range(min(talents, residents))))
    db.session.commit()
    echo(f"City built in {time.perf_counter() - started:.1f} s: {len(places)} neighbourhoods, {residents:,} residents, "
         f"{made:,} sign-ups on {len(slots):,} dates, {initiatives:,} initiatives, {min(talents, residents):,} talent profiles.")


def time_pages(app, engine, values: dict, repeat: int, echo=print) -> list[dict]:
    from community.bench import BROWSER_HEADERS, LOGINS, _log_in, count_queries

    rows = []
    for who, url in CITY_PAGES:
        url = url.format(**values)
        client = app.test_client()
        if who in LOGINS:
            _log_in(client, LOGINS[who])
        assert client.get(url, headers=BROWSER_HEADERS).status_code == 200, url
        with count_queries(engine) as counter:
            client.get(url, headers=BROWSER_HEADERS)
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url, headers=BROWSER_HEADERS)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        rows.append({"who": who, "url": url, "median": statistics.median(timings),
                     "p99": timings[min(len(timings) - 1, int(len(timings) * 0.99))], "queries": counter["n"]})
        echo(f"{who + ' ' + url:<58}{rows[-1]['median']:>10.2f}{rows[-1]['p99']:>10.2f}{counter['n']:>9}")
    return rows


def run_city_benchmark(*, database_url: str = "", repeat: int = 30, echo=print, **sizes) -> list[dict]:
    from community.bench import _bench_app, demo_placeholders
    from community.demo import build_demo_data
    from community.extensions import db

    with tempfile.TemporaryDirectory() as folder:
        app = _bench_app(Path(folder) / "city.sqlite3")
        if database_url:
            app = _rebuilt(app, database_url, folder)
        with app.app_context():
            if database_url:
                db.drop_all()
            db.create_all()
            build_demo_data()
            build_city(echo=echo, **sizes)
            values, engine = demo_placeholders(), db.engine
        echo(f"\n{'page':<58}{'median ms':>10}{'p99 ms':>10}{'queries':>9}")
        rows = time_pages(app, engine, values, repeat, echo)
        engine.dispose()
    return rows


def _rebuilt(app, database_url: str, folder: str):
    """The same production-like app on another database (PostgreSQL)."""
    from community import create_app

    settings = dict(app.config)
    settings.update(SQLALCHEMY_DATABASE_URI=database_url, UPLOAD_FOLDER=str(Path(folder) / "uploads"))
    return create_app({key: value for key, value in settings.items() if key.isupper()})

"""What the neighbourhood's figures cost at city scale: one neighbourhood's page (24 months, every figure)
and the city view (every neighbourhood's year), on SQLite or PostgreSQL.

    .venv/bin/python -m tests.perf.numbers_bench                      # a quarter city, temporary SQLite
    SCALE=1 DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/bench .venv/bin/python -m tests.perf.numbers_bench

SCALE=1 is the city of QUALITY.md: 50 neighbourhoods, 100,000 residents, about 1,000,000 sign-ups over
two years. Prints the medians; it asserts nothing.
"""
from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert

NEIGHBOURHOODS = 50


def _build(scale: float) -> None:
    from community.accounts.models import User
    from community.agenda.models import Activity, Occurrence
    from community.bookings.models import Booking, Series, Slot
    from community.extensions import db
    from community.neighbourhoods.models import Neighbourhood

    rng = random.Random(7)
    users, per_slot = int(100_000 * scale), 4
    db.session.execute(insert(Neighbourhood), [{"id": n, "name": f"Buurt {n}", "slug": f"buurt-{n}", "city": "Oss"}
                                               for n in range(1, NEIGHBOURHOODS + 1)])
    db.session.execute(insert(User), [{"id": u, "email": f"u{u}@example.org", "display_name": f"Buur {u}",
                                       "password_hash": "x"} for u in range(1, users + 1)])
    start = datetime.now(UTC) - timedelta(days=730)
    slots_per_neighbourhood = int(1_000_000 * scale / per_slot / NEIGHBOURHOODS)
    series, slots, occurrences, bookings = [], [], [], []
    slot_id = 0
    for n in range(1, NEIGHBOURHOODS + 1):
        series.append({"id": n, "feature": "activity", "neighbourhood_id": n, "first_date": start.date(),
                       "start_time": start.time(), "duration_minutes": 60})
        for i in range(slots_per_neighbourhood):
            slot_id += 1
            at = start + timedelta(minutes=i * (730 * 24 * 60 // slots_per_neighbourhood) + rng.randrange(60))
            slots.append({"id": slot_id, "feature": "activity", "series_id": n, "neighbourhood_id": n,
                          "original_starts_at": at, "starts_at": at, "ends_at": at + timedelta(hours=1)})
            occurrences.append({"id": slot_id, "activity_id": n})
            for user in rng.sample(range(1, users + 1), per_slot):
                bookings.append({"slot_id": slot_id, "user_id": user, "status": "confirmed"})
    db.session.execute(insert(Series.__table__), series)
    db.session.execute(insert(Activity.__table__), [{"id": s["id"], "title": "Koffie"} for s in series])
    for chunk in range(0, len(slots), 20_000):
        db.session.execute(insert(Slot.__table__), slots[chunk:chunk + 20_000])
        db.session.execute(insert(Occurrence.__table__), occurrences[chunk:chunk + 20_000])
    for chunk in range(0, len(bookings), 50_000):
        db.session.execute(insert(Booking.__table__), bookings[chunk:chunk + 50_000])
    db.session.commit()
    print(f"built: {NEIGHBOURHOODS} neighbourhoods, {users} residents, {len(slots)} dates, {len(bookings)} sign-ups")


def _median_ms(work, times: int) -> float:
    found = []
    for _ in range(times):
        began = time.perf_counter()
        work()
        found.append((time.perf_counter() - began) * 1000)
    return statistics.median(found)


def main() -> None:
    scale = float(os.environ.get("SCALE", "0.25"))
    folder = tempfile.mkdtemp()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
    from community import create_app
    from community.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        db.create_all()
        began = time.perf_counter()
        _build(scale)
        print(f"build took {time.perf_counter() - began:.0f} s on {db.engine.dialect.name}")
        from community.db import utcnow
        from community.numbers.city import city_table
        from community.numbers.overview import overview
        from community.recurrence import local_today

        from community.extensions import cache

        today, now = local_today(), utcnow()

        def counted_afresh():
            cache.clear()
            overview(7, today, now)

        page = _median_ms(counted_afresh, 7)
        again = _median_ms(lambda: overview(7, today, now), 7)
        city = _median_ms(lambda: city_table(today.year), 3)
        print(f"one neighbourhood, every figure over 24 months: median {page:.1f} ms counted, "
              f"{again:.1f} ms from the cache (until the data or the five minutes change)")
        print(f"city view, {NEIGHBOURHOODS} neighbourhoods' year: median {city:.1f} ms")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()

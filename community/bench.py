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


def run_page_benchmark(*, repeat: int = 50, echo=print) -> list[dict]:
    from community.demo import build_demo_data
    from community.extensions import db

    with tempfile.TemporaryDirectory() as folder:
        app = _bench_app(Path(folder) / "bench.sqlite3")
        with app.app_context():
            db.create_all()
            build_demo_data()
            engine = db.engine
        # Outside any app context: each request gets its own, as in production.
        rows = [_measure(app, engine, who, url, repeat) for who, url in PAGES]
        engine.dispose()
    echo(f"{'page':<44}{'HTML B':>8}{'HTML gz':>9}{'first load gz':>15}{'median ms':>11}{'queries':>9}")
    for row in rows:
        echo(f"{row['who'] + ' ' + row['url']:<44}{row['html_bytes']:>8}{row['html_gzip']:>9}"
             f"{row['first_load_gzip']:>15}{row['median_ms']:>11.2f}{row['queries']:>9}")
    return rows


def _measure(app, engine, who: str, url: str, repeat: int) -> dict:
    client = app.test_client()
    if who in LOGINS:
        _log_in(client, LOGINS[who])
    response = client.get(url)
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
        "queries": counter["n"],
    }

"""What kiosk screens cost the server: one screen, and fifty with the same slides on one instance.

    .venv/bin/python -m tests.perf.kiosk_bench

Builds the demo data in a temporary SQLite file, adds 50 screens showing the same slides, starts
gunicorn with 2 workers (production settings) and lets the screens poll as they do (with the ETag
they were given). Prints, per case, the server's answers and their times: the first deck (rendered),
the same deck again (from the cache, 200), an unchanged deck (304), and a round of 50 screens
asking at once. It prints figures; it asserts nothing.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from tests.perf.lighthouse import ROOT, _free_port

SCREENS = 50


def _environment(folder: Path, port: int) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}", "BUURTKRACHT_ENV": "production",
            "SECRET_KEY": os.urandom(32).hex(), "RATELIMIT_MEMORY_OK": "true", "BASE_URL": f"http://127.0.0.1:{port}",
            "UPLOAD_FOLDER": str(folder / "uploads"), "FLASK_APP": "community", "SESSION_COOKIE_SECURE": "false"}


def _prepare(env: dict[str, str]) -> list[str]:
    flask = [sys.executable, "-m", "flask"]
    for command in (["db", "upgrade"], ["demo-data"]):
        done = subprocess.run(flask + command, cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"flask {' '.join(command)} failed:\n{done.stderr[-3000:]}")
    script = ("from community import create_app\nfrom community.kiosk import services as s\n"
              "from community.kiosk.models import SLIDES\nfrom community.neighbourhoods.models import Neighbourhood\n"
              "from community.extensions import db\napp = create_app()\nwith app.app_context():\n"
              "    n = db.session.query(Neighbourhood).filter_by(slug='de-ruwaard').one()\n"
              f"    for i in range({SCREENS}):\n"
              "        print(s.add_screen(n.id, s.ScreenSettings(f'Scherm {i}', list(SLIDES), ['nl', 'ar', 'tr'])).token)\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return done.stdout.split()


def _serve(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}",
                               "community:create_app()"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except requests.RequestException:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def _poll(session: requests.Session, url: str, etag: str | None) -> tuple[int, float, str | None]:
    started = time.perf_counter()
    answer = session.get(url, headers={"HX-Request": "true", **({"If-None-Match": etag} if etag else {})}, timeout=30)
    return answer.status_code, (time.perf_counter() - started) * 1000, answer.headers.get("ETag", etag)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        port = _free_port()
        env = _environment(Path(folder), port)
        tokens = _prepare(env)
        server = _serve(env, port)
        base = f"http://127.0.0.1:{port}"
        try:
            one = requests.Session()
            url = f"{base}/kiosk/{tokens[0]}/deck"
            first = _poll(one, url, None)
            again = _poll(one, url, None)
            unchanged = [_poll(one, url, first[2]) for _ in range(20)]
            print(f"one screen: first deck {first[0]} in {first[1]:.1f} ms, from the cache {again[0]} in "
                  f"{again[1]:.1f} ms, unchanged {unchanged[0][0]} in median "
                  f"{statistics.median(t for _, t, _ in unchanged):.1f} ms; it asks once a minute")
            sessions = [requests.Session() for _ in tokens]
            etags: list[str | None] = [None] * len(tokens)
            for round_number in range(3):
                started = time.perf_counter()
                with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
                    answers = list(pool.map(lambda i: _poll(sessions[i], f"{base}/kiosk/{tokens[i]}/deck", etags[i]),
                                            range(len(tokens))))
                wall = (time.perf_counter() - started) * 1000
                etags = [etag for _, _, etag in answers]
                statuses = {status: sum(1 for s, _, _ in answers if s == status) for status, _, _ in answers}
                times = sorted(t for _, t, _ in answers)
                print(f"{len(tokens)} screens at once, round {round_number + 1}: {statuses}, all answered in "
                      f"{wall:.0f} ms, median {statistics.median(times):.1f} ms, slowest {times[-1]:.1f} ms")
            print(f"{len(tokens)} screens polling once a minute: {len(tokens)} requests a minute; the deck is rendered "
                  "once a minute per worker here (the in-memory cache), once for the whole instance with Redis")
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()

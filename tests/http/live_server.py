"""The app run for real: gunicorn with 4 sync workers on a database of its own, and residents who
use it over HTTP the way a browser does (one cookie session each, CSRF tokens read from pages).

SQLite by default (a file of its own); with TEST_DATABASE_URL a fresh PostgreSQL schema in that
database, so the rest of the suite's tables are not touched. Settings are production-like: no
TESTING, CSRF on, real argon2 cost, rate limits as the test asks.
"""
from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gunicorn
import requests
from sqlalchemy import create_engine, text

from tests.conftest import ROOT, TEST_DATABASE_URL, _driver_url, csrf_token_from, on_postgres

WORKERS = 4
RESIDENTS = 40
RESIDENT_PASSWORD = "een lange zin voor de proef"
START_TIMEOUT = 60
REQUEST_TIMEOUT = 60
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


# --- a database of its own ------------------------------------------------------------------------

@dataclass
class Database:
    url: str
    drop: Callable[[], None]
    kind: str


def fresh_database(folder: Path) -> Database:
    if on_postgres():
        return _postgres_schema()
    path = folder / "live.sqlite3"
    return Database(f"sqlite:///{path}", lambda: None, "sqlite")


def _postgres_schema() -> Database:
    """A new schema in TEST_DATABASE_URL's database; the app finds it through search_path."""
    base = _driver_url(TEST_DATABASE_URL)
    schema = f"live_{secrets.token_hex(4)}"
    engine = create_engine(base)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()

    separator = "&" if "?" in base else "?"
    return Database(f"{base}{separator}options=-csearch_path%3D{schema}", drop, "postgresql")


# --- the server -------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_problem(url: str) -> str | None:
    """None when Redis answers at url, else why not."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        try:
            client.ping()
        finally:
            client.close()
    except Exception as error:  # noqa: BLE001 - any failure means: not reachable
        return f"Redis is not reachable at {url} ({error}); set TEST_REDIS_URL"
    return None


@dataclass
class LiveServer:
    database_url: str
    folder: Path
    settings: dict[str, str] = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.folder / "access.log"

    @property
    def output_log(self) -> Path:
        return self.folder / "gunicorn.log"

    def environment(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("FLASK_", "BUURTKRACHT_", "RATELIMIT_", "REDIS_", "DATABASE_", "MAIL_"))}
        env.update({
            "BUURTKRACHT_ENV": "development", "SECRET_KEY": secrets.token_urlsafe(48),
            "DATABASE_URL": self.database_url, "BASE_URL": self.base_url,
            "UPLOAD_FOLDER": str(self.folder / "uploads"), "MAIL_BACKEND": "locmem",
            "RATELIMIT_ENABLED": "false", "PYTHONUNBUFFERED": "1",
        })
        env.update(self.settings)
        return env

    def start(self) -> LiveServer:
        self.port = self.port or free_port()
        command = [
            sys.executable, "-m", "gunicorn", "--workers", str(WORKERS), "--worker-class", "sync",
            "--bind", f"127.0.0.1:{self.port}", "--timeout", "120", "--graceful-timeout", "5",
            "--access-logfile", str(self.access_log), "--access-logformat", '%(p)s %(m)s %(U)s %(s)s %(L)s',
            "community:create_app()",
        ]
        if gunicorn.version_info >= (25, 1):  # its control socket has one path per user: servers would share it
            command.insert(-1, "--no-control-socket")
        log = self.output_log.open("w")
        try:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.environment(), stdout=log,
                                            stderr=subprocess.STDOUT)
        finally:
            log.close()
        self._wait_until_all_workers_answer()
        return self

    def _wait_until_all_workers_answer(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start:\n{self.output()}")
            if self.output().count("Booting worker") >= WORKERS and self._answers():
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT} s:\n{self.output()}")

    def _answers(self) -> bool:
        try:
            return requests.get(self.base_url + "/healthz", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def output(self) -> str:
        return self.output_log.read_text(errors="replace") if self.output_log.exists() else ""

    def logged_requests(self) -> list[tuple[int, str, str, int]]:
        """(worker pid, method, path, status) of each request, as gunicorn logged it once answered."""
        rows = []
        for line in self.access_log.read_text().splitlines():
            pid, method, path, status, _seconds = line.split()
            rows.append((int(pid.strip("<>")), method, path, int(status)))
        return rows

    def worker_pids(self, method: str, path: str, status: int | None = None) -> list[int]:
        return [pid for pid, logged_method, logged_path, logged_status in self.logged_requests()
                if (logged_method, logged_path) == (method, path) and status in (None, logged_status)]

    def requests_per_worker(self, method: str) -> dict[int, int]:
        counts: dict[int, int] = {}
        for pid, logged_method, _path, _status in self.logged_requests():
            if logged_method == method:
                counts[pid] = counts.get(pid, 0) + 1
        return dict(sorted(counts.items()))


# --- residents ----------------------------------------------------------------------------------------

@dataclass
class Answer:
    status: int
    seconds: float
    location: str
    title: str

    @classmethod
    def of(cls, response: requests.Response, seconds: float) -> Answer:
        match = re.search(r"<h1[^>]*>(.*?)</h1>", response.text, re.S)
        return cls(response.status_code, seconds, response.headers.get("Location", ""),
                   re.sub(r"\s+", " ", match.group(1)).strip() if match else "")


class Resident:
    """One person with their own browser session."""

    def __init__(self, server: LiveServer, email: str, password: str = RESIDENT_PASSWORD):
        self.server, self.email, self.password = server, email, password
        self.http = requests.Session()
        self.csrf_token = ""

    def close(self) -> None:
        self.http.close()

    def get(self, path: str) -> requests.Response:
        response = self.http.get(self.server.base_url + path, timeout=REQUEST_TIMEOUT)
        if 'name="csrf' in response.text:
            self.csrf_token = csrf_token_from(response.text)
        return response

    def post(self, path: str, data: dict[str, Any] | None = None, files=None, headers=None) -> Answer:
        started = time.monotonic()
        response = self.http.post(self.server.base_url + path, data={**(data or {}), "csrf_token": self.csrf_token},
                                  files=files, headers=headers, allow_redirects=False, timeout=REQUEST_TIMEOUT)
        return Answer.of(response, time.monotonic() - started)

    def open_login_page(self) -> None:
        assert self.get("/account/login").status_code == 200

    def send_login(self, password: str | None = None) -> Answer:
        return self.post("/account/login", {"email": self.email, "password": password or self.password})

    def log_in(self) -> Answer:
        self.open_login_page()
        return self.send_login()


def at_once(people: list, action: Callable[[Any], Answer]) -> tuple[list[Answer], float]:
    """action(person) in one thread per person, released together; the answers in people's order
    and the seconds from release until the last answer."""
    start = threading.Barrier(len(people) + 1)
    answers: list[Answer | None] = [None] * len(people)

    def run(index: int) -> None:
        start.wait()
        try:
            answers[index] = action(people[index])
        except Exception as error:  # noqa: BLE001 - reported as a failed answer
            answers[index] = Answer(0, 0.0, "", f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(people))]
    for thread in threads:
        thread.start()
    start.wait()
    released = time.monotonic()
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT * 2)
    return [answer or Answer(0, 0.0, "", "no answer") for answer in answers], time.monotonic() - released


def summary(answers: list[Answer]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for answer in answers:
        counts[answer.status] = counts.get(answer.status, 0) + 1
    return dict(sorted(counts.items()))

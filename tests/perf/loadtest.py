"""Load benchmark: the main pages under gunicorn (2 workers) against a bare Flask page, with wrk.

    make loadtest                       # 10 s a page, 10 connections
    python -m tests.perf.loadtest --seconds 5 --connections 10 --only agenda

Builds the demo data in a temporary SQLite file (`flask db upgrade` and `flask demo-data`, with the
production settings), starts the app under gunicorn with 2 workers on one port and, in the same run,
a bare Flask app returning a 20 KB string under the same gunicorn settings on another; drives every
page with the same wrk load for a bounded time and prints, per page, requests/s, p50/p99 latency and
the ratio to the bare page, then the resident set size of the master and its workers. Logged-in pages
use a cookie got through the real login form; anonymous pages the cookie of one earlier visit (a
phone that comes back). A "revisit" row sends the page's ETag in If-None-Match (answered by a 304).
It prints figures; it asserts nothing. wrk comes from Debian's package, installed when missing and
run as root.
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP_PORT, BARE_PORT = int(os.environ.get("LOADTEST_PORT", "5201")), int(os.environ.get("LOADTEST_BARE_PORT", "5202"))
GUNICORN = ["-w", "2", "--worker-class", "sync", "--backlog", "2048", "--access-logfile", "-",
            "--log-level", "warning"]
PAGES = [  # (name, who, path, revisit with If-None-Match)
    ("neighbourhood home", "anonymous", "/de-ruwaard/", False),
    ("agenda week", "anonymous", "/de-ruwaard/agenda/?week={week}", False),
    ("agenda week (revisit)", "anonymous", "/de-ruwaard/agenda/?week={week}", True),
    ("agenda week", "resident", "/de-ruwaard/agenda/?week={week}", False),
    ("agenda week (revisit)", "resident", "/de-ruwaard/agenda/?week={week}", True),
    ("activity page", "anonymous", "/de-ruwaard/agenda/{occurrence}", False),
    ("initiative list", "anonymous", "/de-ruwaard/initiatives/", False),
    ("initiative page", "anonymous", "/de-ruwaard/initiatives/{initiative}", False),
    ("tasks list", "anonymous", "/de-ruwaard/tasks/", False),
    ("talents page", "anonymous", "/de-ruwaard/talents/", False),
    ("pot page", "anonymous", "/de-ruwaard/pot/{pot}/", False),
    ("neighbourhood home", "resident", "/de-ruwaard/", False),
]
RESIDENT = "de-ruwaard.1@example.org"
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk (apt-get)…", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env={**os.environ,
                                                                               "DEBIAN_FRONTEND": "noninteractive"})
        return shutil.which("wrk") or sys.exit("wrk did not install")
    sys.exit("The load benchmark needs wrk: run 'sudo apt-get install wrk' (Debian's package).")


def demo_environment(folder: Path) -> dict:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}", "BUURTKRACHT_ENV": "production",
            "SECRET_KEY": os.urandom(32).hex(), "RATELIMIT_MEMORY_OK": "true",
            "RATELIMIT_LOGIN_PER_ADDRESS": "10000 per hour", "SESSION_COOKIE_SECURE": "false",
            "BASE_URL": f"http://127.0.0.1:{APP_PORT}", "UPLOAD_FOLDER": str(folder / "uploads"),
            "FLASK_APP": "community"}


def build_demo(env: dict) -> dict:
    flask = [sys.executable, "-m", "flask"]
    for command in (["db", "upgrade"], ["demo-data"]):
        done = subprocess.run(flask + command, cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"flask {' '.join(command)} failed:\n{done.stderr[-3000:]}")
    code = ("import json; from community import create_app; from community.bench import demo_placeholders\n"
            "from community.extensions import db\napp = create_app()\n"
            "with app.app_context():\n    print(json.dumps(demo_placeholders())); db.engine.dispose()")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    import json

    return json.loads(done.stdout.strip().splitlines()[-1])


def start(app: str, port: int, env: dict) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", *GUNICORN, "-b", f"127.0.0.1:{port}", app],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            request("GET", port, "/")
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit(f"gunicorn on port {port} did not start")


def request(method: str, port: int, path: str, headers: dict | None = None, body: str | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        headers = dict(response.getheaders())
        headers["Set-Cookie"] = "\n".join(response.headers.get_all("Set-Cookie") or [])  # a response may set several
        return response.status, headers, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def _session_cookie(headers: dict, fallback: str = "") -> str:
    cookie = headers.get("Set-Cookie", "")
    match = re.search(r"(session=[^;]+)", cookie)
    return match.group(1) if match else fallback


def anonymous_cookie() -> str:
    _status, headers, _body = request("GET", APP_PORT, "/account/login")
    return _session_cookie(headers)


def log_in(email: str) -> str:
    """A session cookie got the way a browser gets it: the login form, its CSRF token, the POST."""
    from urllib.parse import urlencode

    from community.demo import DEMO_PASSWORD

    _status, headers, body = request("GET", APP_PORT, "/account/login")
    cookie = _session_cookie(headers)
    form = urlencode({"email": email, "password": DEMO_PASSWORD, "csrf_token": CSRF_FIELD.search(body).group(1)})
    status, headers, _body = request("POST", APP_PORT, "/account/login", body=form, headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    if status != 303:
        sys.exit(f"could not log in {email} (HTTP {status})")
    cookie = _session_cookie(headers, cookie)
    path = "/"
    for _ in range(3):  # the welcome is shown once, on the page "/" sends a resident to
        status, headers, _body = request("GET", APP_PORT, path, headers={"Cookie": cookie})
        cookie = _session_cookie(headers, cookie)
        if status not in (301, 302, 303) or not headers.get("Location"):
            break
        path = headers["Location"].removeprefix(f"http://127.0.0.1:{APP_PORT}")
    return cookie


def wrk(binary: str, url: str, seconds: int, connections: int, headers: dict) -> dict:
    command = [binary, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return {"rate": rate, "p50": _latency(output, "50%"), "p99": _latency(output, "99%"),
            "errors": "Non-2xx" in output or "Socket errors" in output}


def _latency(output: str, percentile: str) -> float:
    value, unit = re.search(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def rss_mib(pid: int) -> tuple[float, list[float]]:
    def rss(process: int) -> float:
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return rss(pid), [rss(int(child)) for child in children]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("LOADTEST_SECONDS", "10")))
    parser.add_argument("--connections", type=int, default=int(os.environ.get("LOADTEST_CONNECTIONS", "10")))
    parser.add_argument("--only", default="", help="only the pages whose name contains this text")
    options = parser.parse_args()
    binary = ensure_wrk()
    with tempfile.TemporaryDirectory() as folder:
        env = demo_environment(Path(folder))
        print("Building the demo data…", flush=True)
        values = build_demo(env)
        servers = [start("community:create_app()", APP_PORT, env), start("tests.perf.bare_app:app", BARE_PORT, env)]
        try:
            run(binary, values, options)
            master, workers = rss_mib(servers[0].pid)
            print(f"\nRSS after the run: master {master:.0f} MiB, workers "
                  + " + ".join(f"{worker:.0f}" for worker in workers)
                  + f" MiB; together {master + sum(workers):.0f} MiB")
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=30)


def run(binary: str, values: dict, options) -> None:
    load = {"seconds": options.seconds, "connections": options.connections}
    gzip = {"Accept-Encoding": "gzip", "Accept-Language": "nl"}
    bare = wrk(binary, f"http://127.0.0.1:{BARE_PORT}/", headers=gzip, **load)
    cookies = {"anonymous": anonymous_cookie(), "resident": log_in(RESIDENT)}
    print(f"\nwrk, {options.connections} connections, {options.seconds} s a page, gunicorn 2 sync workers")
    print(f"{'page':<26}{'who':<11}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'of bare':>9}  status")
    print(f"{'bare Flask, 20 KB':<37}{bare['rate']:>9.0f}{bare['p50']:>9.2f}{bare['p99']:>9.2f}{'100%':>9}")
    for name, who, path, revisit in PAGES:
        if options.only and options.only not in name:
            continue
        path = path.format(**values)
        headers = {**gzip, "Cookie": cookies[who]}
        status, answer, _body = request("GET", APP_PORT, path, headers=headers)
        note = str(status)
        if revisit:
            if "ETag" not in answer:
                print(f"{name:<26}{who:<11}{'(no ETag: not measured)':>36}")
                continue
            headers["If-None-Match"] = answer["ETag"]
            note = str(request("GET", APP_PORT, path, headers=headers)[0])
        result = wrk(binary, f"http://127.0.0.1:{APP_PORT}{path}", headers=headers, **load)
        print(f"{name:<26}{who:<11}{result['rate']:>9.0f}{result['p50']:>9.2f}{result['p99']:>9.2f}"
              f"{result['rate'] / bare['rate']:>9.0%}  {note}{' (errors!)' if result['errors'] else ''}", flush=True)


if __name__ == "__main__":
    main()

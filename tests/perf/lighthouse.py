"""Lighthouse (mobile) on the most-used pages, on demo data, served as in production (gunicorn).

    make lighthouse

Builds the demo data in a temporary SQLite file, starts gunicorn with 2 workers, installs the
Lighthouse command-line tool from npm into ~/.cache/buurtkracht-lighthouse when it is missing, runs it
against Debian's Chromium and prints performance, accessibility and best-practices per page, with
the first-load weight Lighthouse measured. It prints figures; it asserts nothing.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[2]
TOOL_HOME = Path.home() / ".cache" / "buurtkracht-lighthouse"
LIGHTHOUSE = TOOL_HOME / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
PAGES = ["/", "/de-ruwaard/", "/de-ruwaard/agenda", "/de-ruwaard/initiatives", "/de-ruwaard/tasks",
         "/de-ruwaard/talents", "/account/login"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _install_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    if not shutil.which("npm"):
        sys.exit("Lighthouse needs Node.js and npm (Debian: apt-get install nodejs npm).")
    TOOL_HOME.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--silent", "--prefix", str(TOOL_HOME), "lighthouse@12"], check=True)


def _serve_demo(folder: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}", "BUURTKRACHT_ENV": "production",
           "SECRET_KEY": os.urandom(32).hex(),
           "RATELIMIT_MEMORY_OK": "true", "BASE_URL": f"http://127.0.0.1:{port}",
           "UPLOAD_FOLDER": str(folder / "uploads"), "FLASK_APP": "community"}
    flask = [sys.executable, "-m", "flask"]
    for command in (["db", "upgrade"], ["demo-data"]):
        done = subprocess.run(flask + command, cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"flask {' '.join(command)} failed:\n{done.stderr[-3000:]}")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}",
                               "community:create_app()"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def _audit(url: str, report: Path) -> dict:
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                    "--only-categories=performance,accessibility,best-practices",
                    "--chrome-flags=--headless=new --no-sandbox"],
                   env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False, timeout=300,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return json.loads(report.read_text()) if report.exists() else {}


def _row(path: str, result: dict) -> str:
    if not result or result.get("runtimeError"):
        return f"{path:<28} failed: {(result.get('runtimeError') or {}).get('code', 'no report')}"
    scores = {name: round((category["score"] or 0) * 100) for name, category in result["categories"].items()}
    audits = result["audits"]
    weight = audits["total-byte-weight"]["numericValue"] / 1024
    return (f"{path:<28}{scores['performance']:>6}{scores['accessibility']:>6}{scores['best-practices']:>6}"
            f"{audits['largest-contentful-paint']['numericValue']:>9.0f}{weight:>10.1f}")


def main() -> None:
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium is missing at {CHROMIUM} (make browser installs it).")
    _install_lighthouse()
    with tempfile.TemporaryDirectory() as folder:
        port = _free_port()
        server = _serve_demo(Path(folder), port)
        try:
            print(f"{'page':<28}{'perf':>6}{'a11y':>6}{'best':>6}{'LCP ms':>9}{'KiB':>10}")
            for path in PAGES:
                print(_row(path, _audit(f"http://127.0.0.1:{port}{path}", Path(folder) / "report.json")), flush=True)
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()

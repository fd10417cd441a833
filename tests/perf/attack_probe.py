"""From outside, under gunicorn with 4 workers on the demo data: 40 requests at once at each cached page,
with a forged Host on a quarter of them, a huge If-None-Match on another quarter, huge ids and far dates.
Prints the statuses per page (no 500 may appear; a forged Host is refused with 400) and whether a forged
host reached a kept page. Asserts nothing.

    .venv/bin/python -m tests.perf.attack_probe
"""
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from tests.perf import loadtest as lt


def main() -> None:
    env = lt.demo_environment(Path(tempfile.mkdtemp()))
    values = lt.build_demo(env)
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "4", "-b", f"127.0.0.1:{lt.APP_PORT}", "community:create_app()"],
                              cwd=lt.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(150):
        try: lt.request("GET", lt.APP_PORT, "/"); break
        except OSError: time.sleep(0.2)
    try:
        week = values["week"]
        paths = ["/de-ruwaard/", f"/de-ruwaard/agenda/?week={week}", "/de-ruwaard/agenda/month", "/de-ruwaard/initiatives/",
                 "/de-ruwaard/tasks/", "/de-ruwaard/talents/", f"/de-ruwaard/pot/{values['pot']}/",
                 "/de-ruwaard/agenda/99999999999999999999", "/de-ruwaard/agenda/?week=9999-12-31",
                 "/de-ruwaard/agenda/month?month=9999-12", f"/de-ruwaard/pot/{values['pot']}/?year=99999",
                 "/de-ruwaard/pot/99999999999999999999/", "/de-ruwaard/numbers/", "/admin/city/", "/nope-" + "x"*300 + "/agenda/"]
        results = {}
        def hit(args):
            path, headers = args
            return path, headers.get("Host", ""), lt.request("GET", lt.APP_PORT, path, headers=headers)[0]
        jobs = []
        for path in paths:
            for n in range(40):
                headers = {"Accept-Encoding": "gzip"}
                if n % 4 == 1: headers["Host"] = "evil.example"
                if n % 4 == 2: headers["If-None-Match"] = '"' + "x" * 5000 + '", *'
                jobs.append((path, headers))
        with ThreadPoolExecutor(40) as pool:
            for path, host, status in pool.map(hit, jobs):
                results.setdefault((path[:60], bool(host)), set()).add(status)
        for key, statuses in sorted(results.items()):
            print(sorted(statuses), key)
        cached = lt.request("GET", lt.APP_PORT, f"/de-ruwaard/agenda/?week={week}")[2]
        print("evil.example in kept page:", "evil.example" in cached)
    finally:
        server.terminate()


if __name__ == "__main__":
    main()

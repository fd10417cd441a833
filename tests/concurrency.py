"""Real threads released at the same moment, for the tests of what must hold under concurrency."""
from __future__ import annotations

import threading

from community.extensions import db


def run_at_once(app, action, user_ids: list[int]) -> list[str]:
    """Call action(user_id) in one thread per user, all released at the same moment, each with
    its own app context and database connection. Returns the errors (as text) they raised."""
    start = threading.Barrier(len(user_ids))
    errors: list[str] = []

    def run(user_id: int) -> None:
        with app.app_context():
            try:
                start.wait()
                action(user_id)
            except Exception as error:  # noqa: BLE001 - collected and reported by the test
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(user_id,)) for user_id in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors

"""The route walk, for the privacy routes alone: each page and fragment as every role, and every
refused POST refused with the database unchanged (the whole walk runs them with every other route)."""
from __future__ import annotations

import time as clock

from tests.test_route_walk import _report, _walkable_rules, walk, walk_pages, walk_refused_posts  # noqa: F401


def _privacy_rules(app, method: str):
    return [rule for rule in _walkable_rules(app) if rule.endpoint.startswith("privacy.") and method in rule.methods]


def test_privacy_pages_and_refusals_as_every_role(walk):  # noqa: F811
    started = clock.perf_counter()
    walk_pages(walk, _privacy_rules(walk.app, "GET"))
    walk_refused_posts(walk, _privacy_rules(walk.app, "POST"))
    assert not walk.problems, _report(walk, started)
    assert walk.requests > 100

"""Failures injected into the middle of a service, to prove it leaves nothing half done."""
from __future__ import annotations


class FailOnCall:
    """Stands in for a function and raises on its n-th call: a failure halfway through."""

    def __init__(self, real, fail_on: int):
        self.real, self.fail_on, self.calls = real, fail_on, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.calls == self.fail_on:
            raise RuntimeError("failure injected halfway")
        return self.real(*args, **kwargs)

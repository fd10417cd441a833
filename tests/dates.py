"""Days named when tests are collected and worked out when they run: a long run can pass midnight."""
from __future__ import annotations

from datetime import timedelta

from community import recurrence


def day_outside(name_or_day):
    today = recurrence.local_today()
    return {
        "past_window": today - timedelta(days=recurrence.PLANNING_PAST_DAYS + 1),
        "after_window": today + timedelta(days=recurrence.PLANNING_AHEAD_DAYS + 1),
        "after_until_window": today + timedelta(days=recurrence.UNTIL_AHEAD_DAYS + 1),
    }.get(name_or_day, name_or_day)

"""Every feature says what it holds about a person: a small exporter per feature, registered here.

An exporter is `fn(user) -> list[dict]`: one dict per row, values JSON can hold (text, numbers,
booleans, None, ISO dates). It returns only what is about the person themselves, never another
person's private data (a pot's recipient, someone else's email, a hidden report's text). A new
feature adds one exporter in community/privacy/export_<feature>.py and lists it in EXPORTER_MODULES."""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

Rows = list[dict]
Exporter = Callable[[object], Rows]


@dataclass(frozen=True)
class Section:
    name: str
    title: object   # a lazy string: the heading of the section's readable page
    rows_of: Exporter


_SECTIONS: dict[str, Section] = {}

EXPORTER_MODULES = ("accounts", "bookings", "initiatives", "talents", "volunteering", "pot", "cards", "stories",
                    "moderation", "images", "mail")


def register_exporter(name: str, fn: Exporter, title=None) -> None:
    _SECTIONS[name] = Section(name, title if title is not None else name, fn)


def exporter(name: str, title=None) -> Callable[[Exporter], Exporter]:
    """Decorator form of register_exporter."""
    def register(fn: Exporter) -> Exporter:
        register_exporter(name, fn, title)
        return fn
    return register


def load_exporters() -> None:
    for feature in EXPORTER_MODULES:
        importlib.import_module(f"community.privacy.export_{feature}")


def sections() -> list[Section]:
    load_exporters()
    return list(_SECTIONS.values())


def plain(value):
    """A value as JSON holds it."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def row(**values) -> dict:
    return {key: plain(value) for key, value in values.items()}


def collect(user) -> dict[str, Rows]:
    return {section.name: section.rows_of(user) for section in sections()}

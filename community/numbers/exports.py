"""Every figure per month as CSV, for a partner's spreadsheet: the same numbers as the page, with
the same small-numbers rule ('<5'; a total over a small count left empty). Numbers are written the
way spreadsheets read them in any language: hours whole, euros with a point."""
from __future__ import annotations

import csv
import io
from datetime import date

from community.db import utcnow
from community.numbers.overview import overview
from community.recurrence import local_today


def _cell(figure, value) -> str:
    if value.is_small:
        return "<5"
    if value.is_hidden:
        return ""
    if figure.unit == "average":
        return f"{value.amount / value.per:.1f}"
    if figure.unit == "minutes":
        return str(round(value.amount / 60))
    if figure.unit == "cents":
        return f"{value.amount / 100:.2f}"
    return str(value.amount)


def figures_csv(neighbourhood_id: int, year: int) -> str:
    today = local_today()
    found = overview(neighbourhood_id, today if year == today.year else date(year, 12, 31), utcnow())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["figure", "label", "unit", *(f"{year}-{month:02d}" for month in range(1, 13)), str(year)])
    for line in found.lines:
        unit = {"minutes": "hours", "cents": "euro", "average": "average 1-3"}.get(line.figure.unit, "count")
        writer.writerow([line.figure.key, str(line.figure.label), unit,
                         *(_cell(line.figure, value) for value in line.months), _cell(line.figure, line.this_year)])
    return out.getvalue()

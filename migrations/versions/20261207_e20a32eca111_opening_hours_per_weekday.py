"""opening hours per weekday

The house's opening hours were one free text in Dutch ("maandag t/m vrijdag 9:00–21:30"), which an
Arabic page showed as it was. They become rows of house_opening_period (weekday, opens_at,
closes_at), shown in every language, and a short note beside them for what no table says.

The text is read line by line: a line of days ("maandag t/m vrijdag", "di en do", "zaterdag:")
followed by times ("9:00–12:30 en 13:30–17:00") or "gesloten" becomes periods; every other line
(and a line whose times make no period, or overlap another's) is kept, as written, in the note.
The reader is written out here, not imported, so this revision keeps doing what it did.

The downgrade writes the periods back as Dutch lines of the same form, followed by the note,
cut at the old column's 500 characters (the only thing it can lose: a note near its own limit).

Revision ID: e20a32eca111
Revises: 95e3e5de5e5b
Create Date: 2026-12-07 16:23:27.794623

"""
import re
from datetime import time

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e20a32eca111'
down_revision = '95e3e5de5e5b'
branch_labels = None
depends_on = None

TEXT_MAX = 500
NIGHT_ENDS = time(6)
PERIODS_PER_DAY = 2
DAY_NAMES = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
DAY_WORDS = {name: number for number, name in enumerate(DAY_NAMES)} | {
    name[:2]: number for number, name in enumerate(DAY_NAMES)}
DAY = r"(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)s?\.?"
THROUGH = r"\s*(?:t/m|tot\s+en\s+met|-|–|—)\s*"
AND = r"\s*(?:,|&|\+|\ben\b)\s*"
CLOCK = r"(\d{1,2})(?:[:.](\d{2}))?(?:\s*uur)?"
DAYS_ITEM = re.compile(DAY + rf"(?:{THROUGH}{DAY})?")
TIME_RANGE = re.compile(CLOCK + r"\s*(?:-|–|—|tot)\s*" + CLOCK)
LINE = re.compile(r"(?P<days>.+?)\s*:?\s+(?P<rest>gesloten|dicht|\d.*?)\.?")

house = sa.table("community_house", sa.column("id", sa.Integer), sa.column("opening_hours", sa.String),
                 sa.column("opening_note", sa.String))
period = sa.table("house_opening_period", sa.column("house_id", sa.Integer), sa.column("weekday", sa.Integer),
                  sa.column("opens_at", sa.Time), sa.column("closes_at", sa.Time))


def _days(text: str) -> list[int] | None:
    days = []
    for item in re.split(AND, text):
        found = DAYS_ITEM.fullmatch(item)
        if not found:
            return None
        first = DAY_WORDS[found.group(1)]
        last = DAY_WORDS[found.group(2)] if found.group(2) else first
        if last < first:
            return None
        days.extend(range(first, last + 1))
    return days


def _clock(hours: str, minutes: str | None) -> time | None:
    hour, minute = int(hours), int(minutes or 0)
    if hour == 24 and minute == 0:
        return time(0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


def _ranges(text: str) -> list[tuple[time, time]] | None:
    if text in ("gesloten", "dicht"):
        return []
    ranges = []
    for item in re.split(AND, text):
        found = TIME_RANGE.fullmatch(item)
        if not found:
            return None
        opens, closes = _clock(*found.group(1, 2)), _clock(*found.group(3, 4))
        if opens is None or closes is None or opens == closes or (closes < opens and closes > NIGHT_ENDS):
            return None
        ranges.append((opens, closes))
    return ranges


def _week_minutes(weekday: int, opens: time, closes: time) -> tuple[int, int]:
    start = weekday * 1440 + opens.hour * 60 + opens.minute
    length = (closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)
    return start, start + (length if length > 0 else length + 1440)


def _overlaps(periods: list[tuple[int, time, time]], new: tuple[int, time, time]) -> bool:
    b_start, b_end = _week_minutes(*new)
    for existing in periods:
        a_start, a_end = _week_minutes(*existing)
        if any(a_start < b_end + shift and b_start + shift < a_end for shift in (-10080, 0, 10080)):
            return True
    return False


def read_opening_text(text: str) -> tuple[list[tuple[int, time, time]], str]:
    """(weekday, opens, closes) for every line that says them; the other lines as the note."""
    periods, leftover = [], []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        found = LINE.fullmatch(line.strip().lower())
        days = _days(found.group("days")) if found else None
        ranges = _ranges(found.group("rest").strip()) if found and days else None
        new = [(day, opens, closes) for day in days or [] for opens, closes in ranges or []]
        fits = all(sum(1 for p in periods + new if p[0] == day) <= PERIODS_PER_DAY for day in days or [])
        if days is None or ranges is None or not fits or any(_overlaps(periods + new[:i], p) for i, p in enumerate(new)):
            leftover.append(line.strip())
            continue
        periods.extend(new)
    return periods, "\n".join(leftover)[:TEXT_MAX]


def _short(moment: time) -> str:
    return f"{moment.hour}:{moment.minute:02d}"


def write_opening_text(periods: list[tuple[int, time, time]], note: str) -> str:
    """Dutch lines such as 'maandag t/m vrijdag 9:00–21:30', one per set of days with the same hours."""
    per_day = {day: tuple(sorted((o, c) for d, o, c in periods if d == day)) for day in range(7)}
    groups: dict[tuple, list[int]] = {}
    for day in range(7):
        if per_day[day]:
            groups.setdefault(per_day[day], []).append(day)
    lines = []
    for hours, days in groups.items():
        runs: list[list[int]] = []
        for day in days:
            if runs and runs[-1][-1] == day - 1:
                runs[-1].append(day)
            else:
                runs.append([day])
        names = [f"{DAY_NAMES[run[0]]} t/m {DAY_NAMES[run[-1]]}" if len(run) >= 3 else DAY_NAMES[day]
                 for run in runs for day in (run[:1] if len(run) >= 3 else run)]
        days_text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
        lines.append(f"{days_text} {' en '.join(f'{_short(o)}–{_short(c)}' for o, c in hours)}")
    return "\n".join(lines + ([note] if note else []))[:TEXT_MAX]


def upgrade():
    op.create_table('house_opening_period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('house_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('opens_at', sa.Time(), nullable=False),
    sa.Column('closes_at', sa.Time(), nullable=False),
    sa.CheckConstraint("opens_at < closes_at OR closes_at <= '06:00:00.000000'", name=op.f('ck_house_opening_period_closes_after_opening')),
    sa.CheckConstraint('opens_at <> closes_at', name=op.f('ck_house_opening_period_not_empty')),
    sa.CheckConstraint('weekday >= 0 AND weekday <= 6', name=op.f('ck_house_opening_period_weekday_range')),
    sa.ForeignKeyConstraint(['house_id'], ['community_house.id'], name=op.f('fk_house_opening_period_house_id_community_house'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_house_opening_period')),
    sa.UniqueConstraint('house_id', 'weekday', 'opens_at', name=op.f('uq_house_opening_period_house_id_weekday_opens_at')),
    )
    with op.batch_alter_table('community_house', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opening_note', sa.String(length=500), nullable=True))

    connection = op.get_bind()
    for house_id, text in connection.execute(sa.select(house.c.id, house.c.opening_hours)).all():
        periods, note = read_opening_text(text)
        connection.execute(house.update().where(house.c.id == house_id).values(opening_note=note))
        if periods:
            connection.execute(period.insert(), [{"house_id": house_id, "weekday": day, "opens_at": opens,
                                                  "closes_at": closes} for day, opens, closes in periods])

    with op.batch_alter_table('community_house', schema=None) as batch_op:
        batch_op.alter_column('opening_note', existing_type=sa.String(length=500), nullable=False)
        batch_op.drop_constraint(batch_op.f('ck_community_house_opening_hours_length'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_community_house_opening_note_length'), 'length(opening_note) <= 500')
        batch_op.drop_column('opening_hours')


def downgrade():
    with op.batch_alter_table('community_house', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opening_hours', sa.VARCHAR(length=500), nullable=True))

    connection = op.get_bind()
    rows = connection.execute(sa.select(period.c.house_id, period.c.weekday, period.c.opens_at, period.c.closes_at)).all()
    for house_id, note in connection.execute(sa.select(house.c.id, house.c.opening_note)).all():
        periods = [(day, opens, closes) for owner, day, opens, closes in rows if owner == house_id]
        connection.execute(house.update().where(house.c.id == house_id)
                           .values(opening_hours=write_opening_text(periods, note or "")))

    with op.batch_alter_table('community_house', schema=None) as batch_op:
        batch_op.alter_column('opening_hours', existing_type=sa.VARCHAR(length=500), nullable=False)
        batch_op.drop_constraint(batch_op.f('ck_community_house_opening_note_length'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_community_house_opening_hours_length'), 'length(opening_hours) <= 500')
        batch_op.drop_column('opening_note')

    op.drop_table('house_opening_period')

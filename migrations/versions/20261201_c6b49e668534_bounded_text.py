"""bounded text: every text column has a length the database enforces

The TEXT columns people type into (descriptions, reasons, posts, an initiative's want, can-do and
result, a talent profile's words, opening hours) and the outbox body become VARCHAR(n), and every
VARCHAR(n) column gets a CHECK `length(column) <= n` named ck_<table>_<column>_length:
PostgreSQL refuses a longer value for VARCHAR(n) by itself, SQLite only with the CHECK.

Existing values longer than their new limit are cut to it (their first n characters) before the
type changes and the checks are added, so old rows never block the upgrade. That is the one
thing the downgrade cannot give back: it turns the columns into TEXT again and drops the checks,
but a value that was cut stays cut.

Revision ID: c6b49e668534
Revises: ca580ac69c9b
Create Date: 2026-12-01 21:41:46.108832

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c6b49e668534'
down_revision = 'ca580ac69c9b'
branch_labels = None
depends_on = None

# Every VARCHAR column at this revision, with its length in characters.
LENGTHS = {
    "activity": {"title": 120, "description": 4000, "kind": 20, "languages": 60, "rrule": 200},
    "asset": {"kind": 20, "name": 120, "description": 1000, "public_contact": 200},
    "audit_entry": {"action": 40, "target_type": 20, "reason": 1000},
    "cache_version": {"part": 20},
    "calendar_feed": {"token": 64},
    "community_house": {"name": 100, "street_address": 200, "postcode": 10, "city": 100, "opening_hours": 500,
                        "phone": 30},
    "image": {"key": 40},
    "initiative": {"title": 120, "want": 4000, "can_do": 4000, "state": 20, "result": 2000},
    "initiative_contribution": {"message": 300},
    "initiative_need": {"kind": 10, "description": 200},
    "initiative_post": {"body": 4000},
    "initiative_state_change": {"from_state": 20, "to_state": 20, "reason": 2000},
    "login_session": {"token_hash": 64},
    "membership": {"role": 20},
    "neighbourhood": {"slug": 60, "name": 100, "city": 100, "description": 1000},
    "occurrence": {"note": 200},
    "outbox_message": {"recipient": 254, "subject": 300, "body": 20000, "template": 60, "last_error": 300},
    "report": {"target_type": 20, "reason": 1000},
    "room": {"name": 80},
    "sign_up": {"status": 12},
    "talent_profile": {"skills": 400, "own_words": 1000, "wants": 1000, "needs": 1000, "availability": 21,
                       "visibility": 20},
    "task": {"origin": 20, "title": 120, "description": 4000, "skills": 400, "place": 200, "private_place": 200,
             "rrule": 200},
    "task_shift": {"note": 200},
    "user": {"email": 254, "display_name": 60, "password_hash": 255, "locale": 8},
    "volunteer_sign_up": {"status": 12},
}

# The columns that were TEXT before this revision (all NOT NULL).
WERE_TEXT = {
    "activity": ["description"],
    "asset": ["description"],
    "audit_entry": ["reason"],
    "community_house": ["opening_hours"],
    "initiative": ["want", "can_do", "result"],
    "initiative_post": ["body"],
    "initiative_state_change": ["reason"],
    "neighbourhood": ["description"],
    "outbox_message": ["body"],
    "report": ["reason"],
    "talent_profile": ["own_words", "wants", "needs"],
    "task": ["description"],
}


def _check_name(table: str, column: str) -> str:
    return op.f(f"ck_{table}_{column}_length")


def _cut_to_length(table: str, lengths: dict[str, int]) -> None:
    """Values longer than their limit keep their first n characters (on PostgreSQL only the former
    TEXT columns can hold any; on SQLite every column can)."""
    rows = sa.table(table, *(sa.column(name) for name in lengths))
    for name, length in lengths.items():
        column = rows.c[name]
        op.execute(rows.update().where(sa.func.length(column) > length).values({name: sa.func.substr(column, 1, length)}))


def upgrade():
    for table, lengths in LENGTHS.items():
        _cut_to_length(table, lengths)
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in WERE_TEXT.get(table, []):
                batch_op.alter_column(name, existing_type=sa.Text(), type_=sa.String(length=lengths[name]),
                                      existing_nullable=False)
            for name, length in lengths.items():
                batch_op.create_check_constraint(_check_name(table, name), sa.func.length(sa.column(name)) <= length)


def downgrade():
    for table, lengths in reversed(LENGTHS.items()):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in lengths:
                batch_op.drop_constraint(_check_name(table, name), type_="check")
            for name in WERE_TEXT.get(table, []):
                batch_op.alter_column(name, existing_type=sa.String(length=lengths[name]), type_=sa.Text(),
                                      existing_nullable=False)

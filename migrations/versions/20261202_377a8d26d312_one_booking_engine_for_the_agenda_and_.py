"""one booking engine for the agenda and volunteering

Activities and tasks become kinds of one bookable series, occurrences and shifts kinds of one
slot, and sign-ups of both kinds move into one booking table (standing sign-ups into one standing
booking table). Activity and occurrence ids stay as they are (they are in shared links and
calendar UIDs); task ids move up by the largest activity id and shift ids by the largest
occurrence id, so the two can share the series and slot tables. Attendance ("was there") and
absence ("was not there") become the booking's presence.

Revision ID: 377a8d26d312
Revises: c6b49e668534
Create Date: 2026-12-02 00:39:50.614565

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '377a8d26d312'
down_revision = 'c6b49e668534'
branch_labels = None
depends_on = None

MOVED_TO_SERIES = ("neighbourhood_id", "first_date", "start_time", "duration_minutes", "rrule", "until_date",
                   "materialised_until", "created_at", "updated_at")


def _scalar(sql: str) -> int:
    return op.get_bind().execute(sa.text(sql)).scalar() or 0


def _on_postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _renumber(table: str, column: str, offset: int) -> None:
    """Add `offset` to a column without a moment of two equal keys: through the negative numbers."""
    if offset:
        op.execute(f"UPDATE {table} SET {column} = -({column} + {offset})")
        op.execute(f"UPDATE {table} SET {column} = -{column}")


def _move_rows_into_the_engine(task_offset: int, shift_offset: int) -> None:
    series_columns = ", ".join(MOVED_TO_SERIES)
    op.execute(f"INSERT INTO bookable_series (id, feature, {series_columns}) "
               f"SELECT id, 'activity', {series_columns} FROM activity")
    op.execute(f"INSERT INTO bookable_series (id, feature, {series_columns}) "
               f"SELECT id + {task_offset}, 'task', {series_columns} FROM task")
    slot_columns = "neighbourhood_id, starts_at, ends_at, capacity, confirmed_count, is_cancelled, note"
    op.execute(f"INSERT INTO slot (id, feature, series_id, original_starts_at, {slot_columns}) "
               f"SELECT id, 'activity', activity_id, original_starts_at, {slot_columns} FROM occurrence")
    op.execute(f"INSERT INTO slot (id, feature, series_id, original_starts_at, {slot_columns}) "
               f"SELECT id + {shift_offset}, 'task', task_id + {task_offset}, starts_at, {slot_columns} FROM task_shift")
    op.execute("INSERT INTO booking (slot_id, user_id, status, presence, reminded_at, created_at, updated_at) "
               "SELECT occurrence_id, user_id, status, CASE WHEN is_attended THEN 'present' END, NULL, created_at, "
               "updated_at FROM sign_up")
    op.execute("INSERT INTO booking (slot_id, user_id, status, presence, reminded_at, created_at, updated_at) "
               f"SELECT shift_id + {shift_offset}, user_id, status, CASE WHEN is_absent THEN 'absent' END, reminded_at, "
               "created_at, updated_at FROM volunteer_sign_up")
    op.execute("INSERT INTO standing_booking (series_id, user_id, created_at) "
               "SELECT activity_id, user_id, created_at FROM standing_sign_up")
    op.execute("INSERT INTO standing_booking (series_id, user_id, created_at) "
               f"SELECT task_id + {task_offset}, user_id, created_at FROM standing_volunteer")
    if _on_postgres():  # rows came with their ids: the sequences go on after the largest
        for table in ("bookable_series", "slot"):
            op.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"GREATEST((SELECT MAX(id) FROM {table}), 1))")


def _renumber_tasks_and_shifts(task_offset: int, shift_offset: int) -> None:
    """Tasks and shifts take the ids their series and slots got."""
    references = (("task_shift", "task_id"), ("task_invitation", "task_id"))
    if _on_postgres():
        for table, column in references:
            op.drop_constraint(f"fk_{table}_{column}_task", table, type_="foreignkey")
    _renumber("task", "id", task_offset)
    for table, column in references:
        _renumber(table, column, task_offset)
    _renumber("task_shift", "id", shift_offset)
    if _on_postgres():
        for table, column in references:
            op.create_foreign_key(f"fk_{table}_{column}_task", table, "task", [column], ["id"], ondelete="CASCADE")


def upgrade():
    op.create_table('bookable_series',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feature', sa.String(length=20), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('first_date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('rrule', sa.String(length=200), nullable=False),
    sa.Column('until_date', sa.Date(), nullable=True),
    sa.Column('materialised_until', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(feature) <= 20', name=op.f('ck_bookable_series_feature_length')),
    sa.CheckConstraint('length(rrule) <= 200', name=op.f('ck_bookable_series_rrule_length')),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_bookable_series_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bookable_series')),
    info={'length_checks': True}
    )
    with op.batch_alter_table('bookable_series', schema=None) as batch_op:
        batch_op.create_index('ix_bookable_series_feature_neighbourhood', ['feature', 'neighbourhood_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bookable_series_neighbourhood_id'), ['neighbourhood_id'], unique=False)

    op.create_table('slot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feature', sa.String(length=20), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('original_starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('confirmed_count', sa.Integer(), nullable=False),
    sa.Column('is_cancelled', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.CheckConstraint('length(feature) <= 20', name=op.f('ck_slot_feature_length')),
    sa.CheckConstraint('length(note) <= 200', name=op.f('ck_slot_note_length')),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_slot_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['series_id'], ['bookable_series.id'], name=op.f('fk_slot_series_id_bookable_series'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_slot')),
    sa.UniqueConstraint('series_id', 'original_starts_at', name=op.f('uq_slot_series_id_original_starts_at')),
    info={'length_checks': True}
    )
    with op.batch_alter_table('slot', schema=None) as batch_op:
        batch_op.create_index('ix_slot_neighbourhood_starts', ['neighbourhood_id', 'starts_at'], unique=False)
        batch_op.create_index('ix_slot_series_starts', ['series_id', 'starts_at'], unique=False)

    op.create_table('standing_booking',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['series_id'], ['bookable_series.id'], name=op.f('fk_standing_booking_series_id_bookable_series'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_standing_booking_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standing_booking')),
    sa.UniqueConstraint('series_id', 'user_id', name=op.f('uq_standing_booking_series_id_user_id')),
    info={'length_checks': True}
    )
    with op.batch_alter_table('standing_booking', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_standing_booking_series_id'), ['series_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_standing_booking_user_id'), ['user_id'], unique=False)

    op.create_table('booking',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('presence', sa.String(length=10), nullable=True),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(presence) <= 10', name=op.f('ck_booking_presence_length')),
    sa.CheckConstraint('length(status) <= 12', name=op.f('ck_booking_status_length')),
    sa.ForeignKeyConstraint(['slot_id'], ['slot.id'], name=op.f('fk_booking_slot_id_slot'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_booking_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking')),
    sa.UniqueConstraint('slot_id', 'user_id', name=op.f('uq_booking_slot_id_user_id')),
    info={'length_checks': True}
    )
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.create_index('ix_booking_slot_status', ['slot_id', 'status', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_user_id'), ['user_id'], unique=False)

    task_offset = _scalar("SELECT MAX(id) FROM activity")
    shift_offset = _scalar("SELECT MAX(id) FROM occurrence")
    _move_rows_into_the_engine(task_offset, shift_offset)
    with op.batch_alter_table('standing_volunteer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_standing_volunteer_task_id'))
        batch_op.drop_index(batch_op.f('ix_standing_volunteer_user_id'))

    op.drop_table('standing_volunteer')
    with op.batch_alter_table('standing_sign_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_standing_sign_up_activity_id'))
        batch_op.drop_index(batch_op.f('ix_standing_sign_up_user_id'))

    op.drop_table('standing_sign_up')
    with op.batch_alter_table('sign_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_up_occurrence_status'))
        batch_op.drop_index(batch_op.f('ix_sign_up_user_id'))

    op.drop_table('sign_up')
    with op.batch_alter_table('volunteer_sign_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteer_sign_up_shift_status'))
        batch_op.drop_index(batch_op.f('ix_volunteer_sign_up_user_id'))

    op.drop_table('volunteer_sign_up')
    _renumber_tasks_and_shifts(task_offset, shift_offset)

    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_neighbourhood_id'))
        batch_op.drop_constraint(batch_op.f('fk_activity_neighbourhood_id_neighbourhood'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_activity_id_bookable_series'), 'bookable_series', ['id'], ['id'], ondelete='CASCADE')
        batch_op.drop_constraint(batch_op.f('ck_activity_rrule_length'), type_='check')
        batch_op.drop_column('until_date')
        batch_op.drop_column('duration_minutes')
        batch_op.drop_column('materialised_until')
        batch_op.drop_column('start_time')
        batch_op.drop_column('created_at')
        batch_op.drop_column('neighbourhood_id')
        batch_op.drop_column('first_date')
        batch_op.drop_column('rrule')
        batch_op.drop_column('updated_at')

    with op.batch_alter_table('occurrence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_occurrence_neighbourhood_starts'))
        batch_op.drop_index(batch_op.f('ix_occurrence_room_starts'))
        batch_op.drop_constraint(batch_op.f('uq_occurrence_activity_id_original_starts_at'), type_='unique')
        batch_op.create_index(batch_op.f('ix_occurrence_room_id'), ['room_id'], unique=False)
        batch_op.drop_constraint(batch_op.f('fk_occurrence_neighbourhood_id_neighbourhood'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_occurrence_id_slot'), 'slot', ['id'], ['id'], ondelete='CASCADE')
        batch_op.drop_constraint(batch_op.f('ck_occurrence_note_length'), type_='check')
        batch_op.drop_column('starts_at')
        batch_op.drop_column('is_cancelled')
        batch_op.drop_column('confirmed_count')
        batch_op.drop_column('note')
        batch_op.drop_column('neighbourhood_id')
        batch_op.drop_column('original_starts_at')
        batch_op.drop_column('ends_at')
        batch_op.drop_column('capacity')

    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_neighbourhood_open'))
        batch_op.create_index('ix_task_open', ['is_closed'], unique=False)
        batch_op.drop_constraint(batch_op.f('fk_task_neighbourhood_id_neighbourhood'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_task_id_bookable_series'), 'bookable_series', ['id'], ['id'], ondelete='CASCADE')
        batch_op.drop_constraint(batch_op.f('ck_task_rrule_length'), type_='check')
        batch_op.drop_column('until_date')
        batch_op.drop_column('duration_minutes')
        batch_op.drop_column('materialised_until')
        batch_op.drop_column('start_time')
        batch_op.drop_column('created_at')
        batch_op.drop_column('neighbourhood_id')
        batch_op.drop_column('first_date')
        batch_op.drop_column('rrule')
        batch_op.drop_column('updated_at')

    with op.batch_alter_table('task_shift', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_shift_neighbourhood_starts'))
        batch_op.drop_constraint(batch_op.f('uq_task_shift_task_id_starts_at'), type_='unique')
        batch_op.create_index(batch_op.f('ix_task_shift_task_id'), ['task_id'], unique=False)
        batch_op.drop_constraint(batch_op.f('fk_task_shift_neighbourhood_id_neighbourhood'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_task_shift_id_slot'), 'slot', ['id'], ['id'], ondelete='CASCADE')
        batch_op.drop_constraint(batch_op.f('ck_task_shift_note_length'), type_='check')
        batch_op.drop_column('starts_at')
        batch_op.drop_column('is_cancelled')
        batch_op.drop_column('confirmed_count')
        batch_op.drop_column('note')
        batch_op.drop_column('neighbourhood_id')
        batch_op.drop_column('ends_at')
        batch_op.drop_column('capacity')


def downgrade():
    """Back to two kinds of sign-up. Ids stay as the engine numbered them (a task keeps its series'
    id, a shift its slot's): nothing links to the old numbers any more."""
    _old_sign_up_tables()
    op.execute("INSERT INTO sign_up (occurrence_id, user_id, status, is_attended, created_at, updated_at) "
               "SELECT booking.slot_id, booking.user_id, booking.status, "
               "CASE WHEN booking.presence = 'present' THEN 1 = 1 ELSE 1 = 0 END, booking.created_at, booking.updated_at "
               "FROM booking JOIN slot ON slot.id = booking.slot_id WHERE slot.feature = 'activity' "
               "AND booking.status IN ('confirmed', 'waitlisted', 'cancelled')")
    op.execute("INSERT INTO volunteer_sign_up (shift_id, user_id, status, is_absent, reminded_at, created_at, updated_at) "
               "SELECT booking.slot_id, booking.user_id, booking.status, "
               "CASE WHEN booking.presence = 'absent' THEN 1 = 1 ELSE 1 = 0 END, booking.reminded_at, "
               "booking.created_at, booking.updated_at "
               "FROM booking JOIN slot ON slot.id = booking.slot_id WHERE slot.feature = 'task'")
    op.execute("INSERT INTO standing_sign_up (activity_id, user_id, created_at) SELECT standing_booking.series_id, "
               "standing_booking.user_id, standing_booking.created_at FROM standing_booking "
               "JOIN bookable_series ON bookable_series.id = standing_booking.series_id "
               "WHERE bookable_series.feature = 'activity'")
    op.execute("INSERT INTO standing_volunteer (task_id, user_id, created_at) SELECT standing_booking.series_id, "
               "standing_booking.user_id, standing_booking.created_at FROM standing_booking "
               "JOIN bookable_series ON bookable_series.id = standing_booking.series_id "
               "WHERE bookable_series.feature = 'task'")
    for table in ("activity", "task"):
        _copy_back(table, "bookable_series", _series_columns(), "id")
        _series_table_as_before(table)
    _copy_back("occurrence", "slot", _slot_columns(with_original=True), "id")
    _copy_back("task_shift", "slot", _slot_columns(with_original=False), "id")
    _slot_tables_as_before()
    for table in ("booking", "standing_booking", "slot", "bookable_series"):
        op.drop_table(table)
    if _on_postgres():
        for table in ("sign_up", "volunteer_sign_up", "standing_sign_up", "standing_volunteer"):
            op.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"GREATEST((SELECT MAX(id) FROM {table}), 1))")


def _series_columns() -> list[sa.Column]:
    return [sa.Column('neighbourhood_id', sa.Integer()), sa.Column('first_date', sa.Date()),
            sa.Column('start_time', sa.Time()), sa.Column('duration_minutes', sa.Integer()),
            sa.Column('rrule', sa.String(length=200)), sa.Column('until_date', sa.Date()),
            sa.Column('materialised_until', sa.Date()), sa.Column('created_at', sa.DateTime(timezone=True)),
            sa.Column('updated_at', sa.DateTime(timezone=True))]


def _slot_columns(*, with_original: bool) -> list[sa.Column]:
    columns = [sa.Column('neighbourhood_id', sa.Integer()), sa.Column('starts_at', sa.DateTime(timezone=True)),
               sa.Column('ends_at', sa.DateTime(timezone=True)), sa.Column('capacity', sa.Integer()),
               sa.Column('confirmed_count', sa.Integer()), sa.Column('is_cancelled', sa.Boolean()),
               sa.Column('note', sa.String(length=200))]
    if with_original:
        columns.append(sa.Column('original_starts_at', sa.DateTime(timezone=True)))
    return columns


NULLABLE_BEFORE = {"until_date", "materialised_until", "capacity"}


def _copy_back(table: str, source: str, columns: list[sa.Column], key: str) -> None:
    """Add the columns (empty), fill them from the engine's row, then make them required."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.add_column(sa.Column(column.name, column.type, nullable=True))
    assignments = ", ".join(f"{column.name} = (SELECT {source}.{column.name} FROM {source} "
                            f"WHERE {source}.id = {table}.{key})" for column in columns)
    op.execute(f"UPDATE {table} SET {assignments}")
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            if column.name not in NULLABLE_BEFORE or (table == "task_shift" and column.name == "capacity"):
                batch_op.alter_column(column.name, existing_type=column.type, nullable=False)


def _series_table_as_before(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_check_constraint(batch_op.f(f'ck_{table}_rrule_length'), 'length(rrule) <= 200')
        batch_op.drop_constraint(batch_op.f(f'fk_{table}_id_bookable_series'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f(f'fk_{table}_neighbourhood_id_neighbourhood'), 'neighbourhood',
                                    ['neighbourhood_id'], ['id'], ondelete='CASCADE')
        if table == "task":
            batch_op.drop_index('ix_task_open')
            batch_op.create_index(batch_op.f('ix_task_neighbourhood_open'), ['neighbourhood_id', 'is_closed'], unique=False)
        else:
            batch_op.create_index(batch_op.f('ix_activity_neighbourhood_id'), ['neighbourhood_id'], unique=False)


def _slot_tables_as_before() -> None:
    with op.batch_alter_table('occurrence', schema=None) as batch_op:
        batch_op.create_check_constraint(batch_op.f('ck_occurrence_note_length'), 'length(note) <= 200')
        batch_op.drop_constraint(batch_op.f('fk_occurrence_id_slot'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_occurrence_neighbourhood_id_neighbourhood'), 'neighbourhood',
                                    ['neighbourhood_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_index(batch_op.f('ix_occurrence_room_id'))
        batch_op.create_unique_constraint(batch_op.f('uq_occurrence_activity_id_original_starts_at'),
                                          ['activity_id', 'original_starts_at'])
        batch_op.create_index(batch_op.f('ix_occurrence_room_starts'), ['room_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_occurrence_neighbourhood_starts'), ['neighbourhood_id', 'starts_at'],
                              unique=False)
    with op.batch_alter_table('task_shift', schema=None) as batch_op:
        batch_op.create_check_constraint(batch_op.f('ck_task_shift_note_length'), 'length(note) <= 200')
        batch_op.drop_constraint(batch_op.f('fk_task_shift_id_slot'), type_='foreignkey')
        batch_op.create_foreign_key(batch_op.f('fk_task_shift_neighbourhood_id_neighbourhood'), 'neighbourhood',
                                    ['neighbourhood_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_index(batch_op.f('ix_task_shift_task_id'))
        batch_op.create_unique_constraint(batch_op.f('uq_task_shift_task_id_starts_at'), ['task_id', 'starts_at'])
        batch_op.create_index(batch_op.f('ix_task_shift_neighbourhood_starts'), ['neighbourhood_id', 'starts_at'],
                              unique=False)


def _old_sign_up_tables() -> None:
    def timestamps() -> list[sa.Column]:
        return [sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
                sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False)]

    op.create_table('volunteer_sign_up',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('is_absent', sa.Boolean(), nullable=False),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    *timestamps(),
    sa.CheckConstraint('length(status) <= 12', name=op.f('ck_volunteer_sign_up_status_length')),
    sa.ForeignKeyConstraint(['shift_id'], ['task_shift.id'], name=op.f('fk_volunteer_sign_up_shift_id_task_shift'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_volunteer_sign_up_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer_sign_up')),
    sa.UniqueConstraint('shift_id', 'user_id', name=op.f('uq_volunteer_sign_up_shift_id_user_id'))
    )
    with op.batch_alter_table('volunteer_sign_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volunteer_sign_up_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_volunteer_sign_up_shift_status'), ['shift_id', 'status', 'created_at'], unique=False)

    op.create_table('sign_up',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurrence_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('is_attended', sa.Boolean(), nullable=False),
    *timestamps(),
    sa.CheckConstraint('length(status) <= 12', name=op.f('ck_sign_up_status_length')),
    sa.ForeignKeyConstraint(['occurrence_id'], ['occurrence.id'], name=op.f('fk_sign_up_occurrence_id_occurrence'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_sign_up_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_up')),
    sa.UniqueConstraint('occurrence_id', 'user_id', name=op.f('uq_sign_up_occurrence_id_user_id'))
    )
    with op.batch_alter_table('sign_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_up_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_up_occurrence_status'), ['occurrence_id', 'status', 'created_at'], unique=False)

    for table, column, parent in (("standing_sign_up", "activity_id", "activity"), ("standing_volunteer", "task_id", "task")):
        op.create_table(table,
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column(column, sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint([column], [f'{parent}.id'], name=op.f(f'fk_{table}_{column}_{parent}'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f(f'fk_{table}_user_id_user'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{table}')),
        sa.UniqueConstraint(column, 'user_id', name=op.f(f'uq_{table}_{column}_user_id'))
        )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f'ix_{table}_user_id'), ['user_id'], unique=False)
            batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)

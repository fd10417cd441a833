"""tasks, shifts and places on the map

Revision ID: 091213eea5e2
Revises: db8d7cf41d3f
Create Date: 2026-11-30 01:56:58.522609

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '091213eea5e2'
down_revision = 'db8d7cf41d3f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('skills', sa.String(length=400), nullable=False),
    sa.Column('people_needed', sa.Integer(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('private_place', sa.String(length=200), nullable=False),
    sa.Column('first_date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('rrule', sa.String(length=200), nullable=False),
    sa.Column('until_date', sa.Date(), nullable=True),
    sa.Column('materialised_until', sa.Date(), nullable=True),
    sa.Column('posted_by_id', sa.Integer(), nullable=True),
    sa.Column('initiative_id', sa.Integer(), nullable=True),
    sa.Column('need_id', sa.Integer(), nullable=True),
    sa.Column('is_closed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiative.id'], name=op.f('fk_task_initiative_id_initiative'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['need_id'], ['initiative_need.id'], name=op.f('fk_task_need_id_initiative_need'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_task_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['posted_by_id'], ['user.id'], name=op.f('fk_task_posted_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task'))
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_initiative_id'), ['initiative_id'], unique=False)
        batch_op.create_index('ix_task_neighbourhood_open', ['neighbourhood_id', 'is_closed'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_posted_by_id'), ['posted_by_id'], unique=False)

    op.create_table('standing_volunteer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_standing_volunteer_task_id_task'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_standing_volunteer_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standing_volunteer')),
    sa.UniqueConstraint('task_id', 'user_id', name=op.f('uq_standing_volunteer_task_id_user_id'))
    )
    with op.batch_alter_table('standing_volunteer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_standing_volunteer_task_id'), ['task_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_standing_volunteer_user_id'), ['user_id'], unique=False)

    op.create_table('task_invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['invited_by_id'], ['user.id'], name=op.f('fk_task_invitation_invited_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_invitation_task_id_task'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_task_invitation_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_invitation')),
    sa.UniqueConstraint('task_id', 'user_id', name=op.f('uq_task_invitation_task_id_user_id'))
    )
    with op.batch_alter_table('task_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_invitation_user_id'), ['user_id'], unique=False)

    op.create_table('task_shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('confirmed_count', sa.Integer(), nullable=False),
    sa.Column('is_cancelled', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_task_shift_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_shift_task_id_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_shift')),
    sa.UniqueConstraint('task_id', 'starts_at', name=op.f('uq_task_shift_task_id_starts_at'))
    )
    with op.batch_alter_table('task_shift', schema=None) as batch_op:
        batch_op.create_index('ix_task_shift_neighbourhood_starts', ['neighbourhood_id', 'starts_at'], unique=False)

    op.create_table('volunteer_sign_up',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('is_absent', sa.Boolean(), nullable=False),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['shift_id'], ['task_shift.id'], name=op.f('fk_volunteer_sign_up_shift_id_task_shift'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_volunteer_sign_up_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer_sign_up')),
    sa.UniqueConstraint('shift_id', 'user_id', name=op.f('uq_volunteer_sign_up_shift_id_user_id'))
    )
    with op.batch_alter_table('volunteer_sign_up', schema=None) as batch_op:
        batch_op.create_index('ix_volunteer_sign_up_shift_status', ['shift_id', 'status', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_volunteer_sign_up_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('asset', schema=None) as batch_op:
        batch_op.add_column(sa.Column('latitude', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('longitude', sa.Double(), nullable=True))



def downgrade():
    with op.batch_alter_table('asset', schema=None) as batch_op:
        batch_op.drop_column('longitude')
        batch_op.drop_column('latitude')

    with op.batch_alter_table('volunteer_sign_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteer_sign_up_user_id'))
        batch_op.drop_index('ix_volunteer_sign_up_shift_status')

    op.drop_table('volunteer_sign_up')
    with op.batch_alter_table('task_shift', schema=None) as batch_op:
        batch_op.drop_index('ix_task_shift_neighbourhood_starts')

    op.drop_table('task_shift')
    with op.batch_alter_table('task_invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_invitation_user_id'))

    op.drop_table('task_invitation')
    with op.batch_alter_table('standing_volunteer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_standing_volunteer_user_id'))
        batch_op.drop_index(batch_op.f('ix_standing_volunteer_task_id'))

    op.drop_table('standing_volunteer')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_posted_by_id'))
        batch_op.drop_index('ix_task_neighbourhood_open')
        batch_op.drop_index(batch_op.f('ix_task_initiative_id'))

    op.drop_table('task')

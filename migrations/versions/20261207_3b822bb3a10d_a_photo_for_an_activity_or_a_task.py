"""a photo for an activity or a task, with what is on it in words, on their series (bookable_series)

Revision ID: 3b822bb3a10d
Revises: 377a8d26d312
Create Date: 2026-12-07 16:20:10.487545

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3b822bb3a10d'
down_revision = '377a8d26d312'
branch_labels = None
depends_on = None


def upgrade():
    # On SQLite the batch copies the table; env.py turns foreign keys off around it, so the rows of
    # activity, task and slot that refer to a series stay. Series there already get no description.
    with op.batch_alter_table('bookable_series', schema=None) as batch_op:
        batch_op.add_column(sa.Column('photo_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('photo_description', sa.String(length=200), server_default='', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_bookable_series_photo_id_image'), 'image', ['photo_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.create_check_constraint(batch_op.f('ck_bookable_series_photo_description_length'),
                                         'length(photo_description) <= 200')


def downgrade():
    # The images stay (other rows may show them); only the series forget theirs.
    with op.batch_alter_table('bookable_series', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_bookable_series_photo_description_length'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_bookable_series_photo_id_image'), type_='foreignkey')
        batch_op.drop_column('photo_description')
        batch_op.drop_column('photo_id')

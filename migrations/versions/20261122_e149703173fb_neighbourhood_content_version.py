"""neighbourhood content version

Revision ID: e149703173fb
Revises: 65eae9b4d11e
Create Date: 2026-11-22 12:18:42.421353

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e149703173fb'
down_revision = '65eae9b4d11e'
branch_labels = None
depends_on = None


def upgrade():

    with op.batch_alter_table('neighbourhood', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_version', sa.Integer(), server_default='0', nullable=False))




def downgrade():

    with op.batch_alter_table('neighbourhood', schema=None) as batch_op:
        batch_op.drop_column('content_version')



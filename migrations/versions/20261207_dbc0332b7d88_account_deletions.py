"""Privacy: accounts waiting to be erased (grace period, claim, what to keep)

Revision ID: dbc0332b7d88
Revises: 4adbf973da75
Create Date: 2026-12-07 20:44:36.488054

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'dbc0332b7d88'
down_revision = '4adbf973da75'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('account_deletion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('keep_initiatives', sa.Boolean(), nullable=False),
    sa.Column('keep_posts', sa.Boolean(), nullable=False),
    sa.Column('keep_stories', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_account_deletion_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_deletion')),
    sa.UniqueConstraint('user_id', name=op.f('uq_account_deletion_user_id')),
    info={'length_checks': True}
    )
    with op.batch_alter_table('account_deletion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_deletion_due_at'), ['due_at'], unique=False)



def downgrade():
    with op.batch_alter_table('account_deletion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_deletion_due_at'))

    op.drop_table('account_deletion')

"""cache versions per part and the mail outbox

Each cached part of a neighbourhood (agenda, initiatives, talents, volunteering) gets its own
data version instead of one row that every write in the neighbourhood updated; email goes
through an outbox that is sent after commit.

Revision ID: 10b70eaafcc1
Revises: 091213eea5e2
Create Date: 2026-12-01 21:30:34.552224

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '10b70eaafcc1'
down_revision = '091213eea5e2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outbox_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('template', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_message'))
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_message_unsent', ['sent_at', 'created_at'], unique=False)

    op.create_table('cache_version',
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('part', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_cache_version_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('neighbourhood_id', 'part', name=op.f('pk_cache_version'))
    )
    with op.batch_alter_table('neighbourhood', schema=None) as batch_op:
        batch_op.drop_column('content_version')



def downgrade():
    with op.batch_alter_table('neighbourhood', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_version', sa.INTEGER(), server_default="0", nullable=False))

    op.drop_table('cache_version')
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_message_unsent')

    op.drop_table('outbox_message')

"""confirmed memberships and session lifetimes

Joining a neighbourhood stays open to anyone, but seeing who the neighbours are (and having
one's reports count toward hiding) now needs a coordinator's confirmation. Memberships that
existed before this revision were made when joining was the only step: they are taken as
confirmed at the moment they were made. Login sessions get a last-seen moment for an idle
lifetime; existing ones start from their login.

Revision ID: ca580ac69c9b
Revises: 10b70eaafcc1
Create Date: 2026-12-01 21:35:00.269363

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ca580ac69c9b'
down_revision = '10b70eaafcc1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE login_session SET last_seen_at = created_at")
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.alter_column('last_seen_at', existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.create_index(batch_op.f('ix_login_session_last_seen_at'), ['last_seen_at'], unique=False)

    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE membership SET confirmed_at = created_at")



def downgrade():
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_column('confirmed_at')

    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_session_last_seen_at'))
        batch_op.drop_column('last_seen_at')


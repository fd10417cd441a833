"""talents and assets

Revision ID: db8d7cf41d3f
Revises: 00f2ac22418b
Create Date: 2026-11-22 13:04:18.239762

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'db8d7cf41d3f'
down_revision = '00f2ac22418b'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('asset',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('public_contact', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_asset_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_asset'))
    )
    with op.batch_alter_table('asset', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_asset_neighbourhood_id'), ['neighbourhood_id'], unique=False)

    op.create_table('talent_profile',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('skills', sa.String(length=400), nullable=False),
    sa.Column('own_words', sa.Text(), nullable=False),
    sa.Column('wants', sa.Text(), nullable=False),
    sa.Column('needs', sa.Text(), nullable=False),
    sa.Column('availability', sa.String(length=21), nullable=False),
    sa.Column('visibility', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_talent_profile_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_talent_profile_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_talent_profile')),
    sa.UniqueConstraint('user_id', 'neighbourhood_id', name=op.f('uq_talent_profile_user_id_neighbourhood_id'))
    )
    with op.batch_alter_table('talent_profile', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_talent_profile_neighbourhood_id'), ['neighbourhood_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_talent_profile_user_id'), ['user_id'], unique=False)




def downgrade():

    with op.batch_alter_table('talent_profile', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_talent_profile_user_id'))
        batch_op.drop_index(batch_op.f('ix_talent_profile_neighbourhood_id'))

    op.drop_table('talent_profile')
    with op.batch_alter_table('asset', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_asset_neighbourhood_id'))

    op.drop_table('asset')


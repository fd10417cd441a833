"""a neighbourhood's own map background

A neighbourhood's own plan behind the map page: an uploaded image (through the image service) and
two of its pixels with the latitude and longitude they show. New table only; the downgrade drops it
(the images stay, as any image does until the image service deletes it).

Revision ID: 0cdff8f9f7ea
Revises: e20a32eca111
Create Date: 2026-12-07 16:33:50.509069

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0cdff8f9f7ea'
down_revision = 'e20a32eca111'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('map_background',
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('image_id', sa.Integer(), nullable=False),
    sa.Column('first_x', sa.Double(), nullable=True),
    sa.Column('first_y', sa.Double(), nullable=True),
    sa.Column('first_latitude', sa.Double(), nullable=True),
    sa.Column('first_longitude', sa.Double(), nullable=True),
    sa.Column('second_x', sa.Double(), nullable=True),
    sa.Column('second_y', sa.Double(), nullable=True),
    sa.Column('second_latitude', sa.Double(), nullable=True),
    sa.Column('second_longitude', sa.Double(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('first_latitude <> second_latitude OR first_longitude <> second_longitude', name=op.f('ck_map_background_two_places')),
    sa.CheckConstraint('first_latitude BETWEEN -90 AND 90 AND second_latitude BETWEEN -90 AND 90 AND first_longitude BETWEEN -180 AND 180 AND second_longitude BETWEEN -180 AND 180', name=op.f('ck_map_background_positions_on_earth')),
    sa.CheckConstraint('first_x <> second_x OR first_y <> second_y', name=op.f('ck_map_background_two_pixels')),
    sa.CheckConstraint('first_x >= 0 AND first_y >= 0 AND second_x >= 0 AND second_y >= 0', name=op.f('ck_map_background_pixels_in_image')),
    sa.CheckConstraint('first_x IS NULL AND first_y IS NULL AND first_latitude IS NULL AND first_longitude IS NULL AND second_x IS NULL AND second_y IS NULL AND second_latitude IS NULL AND second_longitude IS NULL OR first_x IS NOT NULL AND first_y IS NOT NULL AND first_latitude IS NOT NULL AND first_longitude IS NOT NULL AND second_x IS NOT NULL AND second_y IS NOT NULL AND second_latitude IS NOT NULL AND second_longitude IS NOT NULL', name=op.f('ck_map_background_points_whole')),
    sa.ForeignKeyConstraint(['image_id'], ['image.id'], name=op.f('fk_map_background_image_id_image'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_map_background_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('neighbourhood_id', name=op.f('pk_map_background')),
    )
    with op.batch_alter_table('map_background', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_map_background_image_id'), ['image_id'], unique=False)



def downgrade():
    with op.batch_alter_table('map_background', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_map_background_image_id'))

    op.drop_table('map_background')

"""images, initiatives and moderation

Revision ID: 00f2ac22418b
Revises: e149703173fb
Create Date: 2026-11-22 12:27:44.797292

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '00f2ac22418b'
down_revision = 'e149703173fb'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('target_type', sa.String(length=20), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_audit_entry_actor_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_audit_entry_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entry_neighbourhood_created', ['neighbourhood_id', 'created_at'], unique=False)

    op.create_table('image',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_image_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_image_owner_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_image')),
    sa.UniqueConstraint('key', name=op.f('uq_image_key'))
    )
    with op.batch_alter_table('image', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_image_neighbourhood_id'), ['neighbourhood_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_image_owner_id'), ['owner_id'], unique=False)

    op.create_table('moderation_preference',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('wants_daily_summary', sa.Boolean(), nullable=False),
    sa.Column('summarised_until', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_moderation_preference_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_moderation_preference_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_preference')),
    sa.UniqueConstraint('user_id', 'neighbourhood_id', name=op.f('uq_moderation_preference_user_id_neighbourhood_id'))
    )
    op.create_table('report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('target_type', sa.String(length=20), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_report_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['user.id'], name=op.f('fk_report_reporter_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report')),
    sa.UniqueConstraint('target_type', 'target_id', 'reporter_id', name=op.f('uq_report_target_type_target_id_reporter_id'))
    )
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.create_index('ix_report_neighbourhood_open', ['neighbourhood_id', 'is_open'], unique=False)

    op.create_table('initiative',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('proposer_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('want', sa.Text(), nullable=False),
    sa.Column('can_do', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('is_hidden', sa.Boolean(), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('photo_id', sa.Integer(), nullable=True),
    sa.Column('support_count', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_initiative_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['photo_id'], ['image.id'], name=op.f('fk_initiative_photo_id_image'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposer_id'], ['user.id'], name=op.f('fk_initiative_proposer_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative'))
    )
    with op.batch_alter_table('initiative', schema=None) as batch_op:
        batch_op.create_index('ix_initiative_neighbourhood_state', ['neighbourhood_id', 'state', 'published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiative_proposer_id'), ['proposer_id'], unique=False)

    op.create_table('initiative_need',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('people', sa.Integer(), nullable=True),
    sa.Column('amount_cents', sa.Integer(), nullable=True),
    sa.Column('is_met', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiative.id'], name=op.f('fk_initiative_need_initiative_id_initiative'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_need'))
    )
    with op.batch_alter_table('initiative_need', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_need_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('initiative_post',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('is_update', sa.Boolean(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('photo_id', sa.Integer(), nullable=True),
    sa.Column('is_hidden', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_initiative_post_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiative.id'], name=op.f('fk_initiative_post_initiative_id_initiative'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['photo_id'], ['image.id'], name=op.f('fk_initiative_post_photo_id_image'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_post'))
    )
    with op.batch_alter_table('initiative_post', schema=None) as batch_op:
        batch_op.create_index('ix_initiative_post_initiative_created', ['initiative_id', 'created_at'], unique=False)

    op.create_table('initiative_state_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('from_state', sa.String(length=20), nullable=False),
    sa.Column('to_state', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_initiative_state_change_actor_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiative.id'], name=op.f('fk_initiative_state_change_initiative_id_initiative'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_state_change'))
    )
    with op.batch_alter_table('initiative_state_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_state_change_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('initiative_support',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('notified_until', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiative.id'], name=op.f('fk_initiative_support_initiative_id_initiative'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_initiative_support_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_support')),
    sa.UniqueConstraint('initiative_id', 'user_id', name=op.f('uq_initiative_support_initiative_id_user_id'))
    )
    with op.batch_alter_table('initiative_support', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_support_initiative_id'), ['initiative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiative_support_user_id'), ['user_id'], unique=False)

    op.create_table('initiative_contribution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiative.id'], name=op.f('fk_initiative_contribution_initiative_id_initiative'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['need_id'], ['initiative_need.id'], name=op.f('fk_initiative_contribution_need_id_initiative_need'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_initiative_contribution_user_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_contribution'))
    )
    with op.batch_alter_table('initiative_contribution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_contribution_initiative_id'), ['initiative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiative_contribution_need_id'), ['need_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiative_contribution_user_id'), ['user_id'], unique=False)




def downgrade():

    with op.batch_alter_table('initiative_contribution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_contribution_user_id'))
        batch_op.drop_index(batch_op.f('ix_initiative_contribution_need_id'))
        batch_op.drop_index(batch_op.f('ix_initiative_contribution_initiative_id'))

    op.drop_table('initiative_contribution')
    with op.batch_alter_table('initiative_support', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_support_user_id'))
        batch_op.drop_index(batch_op.f('ix_initiative_support_initiative_id'))

    op.drop_table('initiative_support')
    with op.batch_alter_table('initiative_state_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_state_change_initiative_id'))

    op.drop_table('initiative_state_change')
    with op.batch_alter_table('initiative_post', schema=None) as batch_op:
        batch_op.drop_index('ix_initiative_post_initiative_created')

    op.drop_table('initiative_post')
    with op.batch_alter_table('initiative_need', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_need_initiative_id'))

    op.drop_table('initiative_need')
    with op.batch_alter_table('initiative', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_proposer_id'))
        batch_op.drop_index('ix_initiative_neighbourhood_state')

    op.drop_table('initiative')
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index('ix_report_neighbourhood_open')

    op.drop_table('report')
    op.drop_table('moderation_preference')
    with op.batch_alter_table('image', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_image_owner_id'))
        batch_op.drop_index(batch_op.f('ix_image_neighbourhood_id'))

    op.drop_table('image')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_neighbourhood_created')

    op.drop_table('audit_entry')


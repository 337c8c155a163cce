"""calendar feeds: personal feed secrets (stored as hashes) and each served feed's version
(its ETag and since when), the Last-Modified of feeds

Revision ID: 2c49929c7e25
Revises: 870d31fe58e9
Create Date: 2026-11-25 17:24:18.350210

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2c49929c7e25'
down_revision = '870d31fe58e9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('feed_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feed_key', sa.String(length=100), nullable=False),
    sa.Column('etag', sa.String(length=64), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feed_versions')),
    sa.UniqueConstraint('feed_key', name=op.f('uq_feed_versions_feed_key'))
    )
    op.create_table('personal_feeds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('nonce', sa.String(length=64), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_personal_feeds_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_personal_feeds')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_personal_feeds_token_hash')),
    sa.UniqueConstraint('user_id', name=op.f('uq_personal_feeds_user_id'))
    )


def downgrade():
    op.drop_table('personal_feeds')
    op.drop_table('feed_versions')

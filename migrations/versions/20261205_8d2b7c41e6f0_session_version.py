"""session version: raised by a password reset, it ends every session and remember-me
cookie of the account

Revision ID: 8d2b7c41e6f0
Revises: 5e1f0c2a9b31
Create Date: 2026-12-05 00:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8d2b7c41e6f0'
down_revision = '5e1f0c2a9b31'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False,
                                      server_default='0'))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')

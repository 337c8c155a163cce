"""email confirmation: when an account's owner confirmed their address

Revision ID: 790c12cbd70c
Revises: d419e695bd47
Create Date: 2026-11-25 16:42:42.244192

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '790c12cbd70c'
down_revision = 'd419e695bd47'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_confirmed_at', sa.DateTime(timezone=True), nullable=True))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('email_confirmed_at')


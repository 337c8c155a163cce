"""outbox failures: a message that cannot be built or is refused for good is marked failed
with its reason, and no longer tried

Revision ID: 5e1f0c2a9b31
Revises: 4b9a4051e299
Create Date: 2026-12-04 23:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e1f0c2a9b31'
down_revision = '4b9a4051e299'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_column('failed_at')

"""a session's own floor language, when not its room's

Revision ID: f4b2d9e6a813
Revises: e8a1c4d7b302
Create Date: 2026-12-05 10:55:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f4b2d9e6a813'
down_revision = 'e8a1c4d7b302'
branch_labels = None
depends_on = None


# In place, not in batch mode: on SQLite a batch copies `sessions` and drops the old table,
# and dropping it would delete what belongs to its sessions.

def upgrade():
    op.add_column('sessions', sa.Column('floor_language', sa.String(length=8), nullable=True))


def downgrade():
    op.drop_column('sessions', 'floor_language')

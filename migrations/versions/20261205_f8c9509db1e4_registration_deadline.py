"""registration deadline: when registration for an event closes (NULL: when the event ends)

Existing events keep NULL, so their registration closes at the end of their last day in their
zone; organizers set an earlier deadline on the event form or through the API.

Revision ID: f8c9509db1e4
Revises: c7a19e3d5b20
Create Date: 2026-12-05 04:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f8c9509db1e4'
down_revision = 'c7a19e3d5b20'
branch_labels = None
depends_on = None


# Not in batch mode: on SQLite a batch copies the table and drops the old one, and dropping
# `events` (foreign keys on) would delete everything that belongs to an event. SQLite adds and,
# since 3.35, drops a column in place.

def upgrade():
    op.add_column('events', sa.Column('registration_closes_at', sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade():
    op.drop_column('events', 'registration_closes_at')

"""programme and feed versions: counters that rise with every change a cached view shows

`events.programme_version` rises with each transaction that changes what the event's
programme, feeds and exports show; `users.feed_version` with each that changes what only the
person's agenda and feed show (lmevents.revisions). Caches and ETags are keyed by them.
Existing rows start at 0.

Revision ID: 5b8e2f4a9c17
Revises: 3e6a0d9b7c21
Create Date: 2026-12-05 06:42:14

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b8e2f4a9c17'
down_revision = '3e6a0d9b7c21'
branch_labels = None
depends_on = None


# Not in batch mode: on SQLite a batch copies the table and drops the old one, and dropping
# `events` or `users` would delete what belongs to them. SQLite adds and, since 3.35, drops a
# column in place.

def upgrade():
    op.add_column('events', sa.Column('programme_version', sa.Integer(), server_default='0',
                                      nullable=False))
    op.add_column('users', sa.Column('feed_version', sa.Integer(), server_default='0',
                                     nullable=False))


def downgrade():
    op.drop_column('users', 'feed_version')
    op.drop_column('events', 'programme_version')

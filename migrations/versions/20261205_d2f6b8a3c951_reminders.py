"""reminders: participants may switch them off per event; each one queued is recorded

`registrations.reminders` (true for existing registrations): e-mail reminders before each
session and an alarm in the personal feed. `reminders_sent`: one row per person, session,
kind and start, so none is queued twice and a moved session gets a reminder for its new start.

Revision ID: d2f6b8a3c951
Revises: a4c3e9f17d62
Create Date: 2026-12-05 10:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd2f6b8a3c951'
down_revision = 'a4c3e9f17d62'
branch_labels = None
depends_on = None


# `registrations` gets its column in place, not in batch mode: on SQLite a batch copies the
# table and drops the old one, and dropping it would delete the seats that belong to it.

def upgrade():
    op.add_column('registrations', sa.Column('reminders', sa.Boolean(),
                                             server_default=sa.true(), nullable=False))
    op.create_table(
        'reminders_sent',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('day', 'soon', name='reminder_kind', native_enum=False,
                                  create_constraint=True, length=20), nullable=False),
        sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('queued_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['sessions.id'],
                                name=op.f('fk_reminders_sent_session_id_sessions'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_reminders_sent_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders_sent')),
        sa.UniqueConstraint('session_id', 'user_id', 'kind', 'starts_at',
                            name=op.f('uq_reminders_sent_session_id_user_id_kind_starts_at')),
    )
    with op.batch_alter_table('reminders_sent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminders_sent_session_id'), ['session_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('reminders_sent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminders_sent_session_id'))
    op.drop_table('reminders_sent')
    op.drop_column('registrations', 'reminders')

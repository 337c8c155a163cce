"""the live day: when a session's room opens, who joined, and rooms running late

`events.join_opens_minutes`: how many minutes before a session its participants may join
its room (15 for existing events). `attendances`: a person's first join of a session, one
row per person and session. `running_late`: an organizer's "running N minutes late" for a
room or a sub-forum.

Revision ID: a4c3e9f17d62
Revises: 5b8e2f4a9c17
Create Date: 2026-12-05 09:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4c3e9f17d62'
down_revision = '5b8e2f4a9c17'
branch_labels = None
depends_on = None


# `events` gets its column in place, not in batch mode: on SQLite a batch copies the table and
# drops the old one, and dropping `events` would delete what belongs to it.

def upgrade():
    op.add_column('events', sa.Column('join_opens_minutes', sa.Integer(), server_default='15',
                                      nullable=False))
    op.create_table(
        'attendances',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('via', sa.Enum('page', 'link', name='joined_via', native_enum=False,
                                 create_constraint=True, length=20), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['sessions.id'],
                                name=op.f('fk_attendances_session_id_sessions'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_attendances_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_attendances')),
        sa.UniqueConstraint('session_id', 'user_id',
                            name=op.f('uq_attendances_session_id_user_id')),
    )
    with op.batch_alter_table('attendances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendances_session_id'), ['session_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_attendances_user_id'), ['user_id'], unique=False)


    op.create_table(
        'running_late',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('room_id', sa.Integer(), nullable=True),
        sa.Column('subforum_id', sa.Integer(), nullable=True),
        sa.Column('minutes', sa.Integer(), nullable=False),
        sa.Column('since', sa.DateTime(timezone=True), nullable=False),
        sa.Column('until', sa.DateTime(timezone=True), nullable=False),
        sa.Column('by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_running_late_by_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'],
                                name=op.f('fk_running_late_event_id_events'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['room_id'], ['virtual_rooms.id'],
                                name=op.f('fk_running_late_room_id_virtual_rooms'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['subforum_id'], ['subforums.id'],
                                name=op.f('fk_running_late_subforum_id_subforums'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_running_late')),
    )
    with op.batch_alter_table('running_late', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_running_late_event_id'), ['event_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('running_late', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_running_late_event_id'))
    op.drop_table('running_late')
    with op.batch_alter_table('attendances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendances_user_id'))
        batch_op.drop_index(batch_op.f('ix_attendances_session_id'))
    op.drop_table('attendances')
    op.drop_column('events', 'join_opens_minutes')

"""registrations and seats: registration questions, registrations (one per person and event),
seats held or waited for in sub-forums and sessions, and each event's registration mode

Revision ID: 870d31fe58e9
Revises: 790c12cbd70c
Create Date: 2026-11-25 17:18:50.555540

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '870d31fe58e9'
down_revision = '790c12cbd70c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('registration_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('text', 'choice', 'yes_no', name='kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('label_zh', sa.String(length=300), nullable=True),
    sa.Column('label_en', sa.String(length=300), nullable=True),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_registration_questions_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration_questions'))
    )
    with op.batch_alter_table('registration_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registration_questions_event_id'), ['event_id'], unique=False)

    op.create_table('registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'confirmed', 'rejected', 'cancelled', name='status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organization', sa.String(length=300), nullable=False),
    sa.Column('position', sa.String(length=300), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('consented_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('preferred_subforum_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_registrations_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_registrations_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['preferred_subforum_id'], ['subforums.id'], name=op.f('fk_registrations_preferred_subforum_id_subforums'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_registrations_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registrations')),
    sa.UniqueConstraint('event_id', 'user_id', name=op.f('uq_registrations_event_id_user_id'))
    )
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registrations_user_id'), ['user_id'], unique=False)

    op.create_table('seats',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('subforum_id', sa.Integer(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.Enum('held', 'waiting', name='state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('held_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('(subforum_id IS NULL) <> (session_id IS NULL)', name=op.f('ck_seats_one_target')),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_seats_registration_id_registrations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['replaces_id'], ['seats.id'], name=op.f('fk_seats_replaces_id_seats'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_seats_session_id_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subforum_id'], ['subforums.id'], name=op.f('fk_seats_subforum_id_subforums'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seats')),
    sa.UniqueConstraint('registration_id', 'session_id', name=op.f('uq_seats_registration_id_session_id')),
    sa.UniqueConstraint('registration_id', 'subforum_id', name=op.f('uq_seats_registration_id_subforum_id'))
    )
    with op.batch_alter_table('seats', schema=None) as batch_op:
        batch_op.create_index('ix_seats_session_id_state', ['session_id', 'state'], unique=False)
        batch_op.create_index('ix_seats_subforum_id_state', ['subforum_id', 'state'], unique=False)

    with op.batch_alter_table('events', schema=None) as batch_op:
        # Events that exist already keep taking registrations as before: open.
        batch_op.add_column(sa.Column('registration_mode', sa.Enum('open', 'approval', 'closed', name='registration_mode', native_enum=False, create_constraint=True, length=20), nullable=False,
                                      server_default='open'))



def downgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        # The column's CHECK goes first: SQLite's table copy would keep it otherwise.
        batch_op.drop_constraint(op.f('ck_events_registration_mode'), type_='check')
        batch_op.drop_column('registration_mode')

    with op.batch_alter_table('seats', schema=None) as batch_op:
        batch_op.drop_index('ix_seats_subforum_id_state')
        batch_op.drop_index('ix_seats_session_id_state')

    op.drop_table('seats')
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registrations_user_id'))

    op.drop_table('registrations')
    with op.batch_alter_table('registration_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registration_questions_event_id'))

    op.drop_table('registration_questions')

"""event teams (owners and editors), the administrator role and the audit log of organizer
actions

Before this revision every organizer could change every event. So that nobody loses an event
they look after, every organizer becomes an owner of every event that exists now; owners then
keep the team they want (/manage/events/<slug>/team). New events belong to whoever creates them.

Revision ID: c7a19e3d5b20
Revises: 8d2b7c41e6f0
Create Date: 2026-12-05 01:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c7a19e3d5b20'
down_revision = '8d2b7c41e6f0'
branch_labels = None
depends_on = None

OLD_ROLES = ('participant', 'organizer')
NEW_ROLES = ('participant', 'organizer', 'admin')


def _role(values):
    return sa.Enum(*values, name='role', native_enum=False, create_constraint=True, length=20)


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('role', existing_type=_role(OLD_ROLES), type_=_role(NEW_ROLES),
                              existing_nullable=False)

    op.create_table(
        'event_organizers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.Enum('owner', 'editor', name='team_role', native_enum=False,
                                  create_constraint=True, length=20), nullable=False),
        sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'],
                                name=op.f('fk_event_organizers_event_id_events'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_event_organizers_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_event_organizers')),
        sa.UniqueConstraint('event_id', 'user_id', name=op.f('uq_event_organizers_event_id_user_id')),
    )
    with op.batch_alter_table('event_organizers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_organizers_event_id'), ['event_id'])
        batch_op.create_index(batch_op.f('ix_event_organizers_user_id'), ['user_id'])

    op.create_table(
        'audit_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('actor', sa.String(length=254), nullable=False),
        sa.Column('address', sa.String(length=45), nullable=True),
        sa.Column('action', sa.String(length=300), nullable=False),
        sa.Column('changes', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'],
                                name=op.f('fk_audit_entries_event_id_events'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_audit_entries_user_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries')),
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_at'), ['at'])
        batch_op.create_index(batch_op.f('ix_audit_entries_event_id'), ['event_id'])

    # Nobody loses an event they could change before.
    op.execute(sa.text(
        "INSERT INTO event_organizers (event_id, user_id, role, added_at) "
        "SELECT events.id, users.id, 'owner', CURRENT_TIMESTAMP FROM events, users "
        "WHERE users.role = 'organizer'"))


def downgrade():
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_event_id'))
        batch_op.drop_index(batch_op.f('ix_audit_entries_at'))
    op.drop_table('audit_entries')
    with op.batch_alter_table('event_organizers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_organizers_user_id'))
        batch_op.drop_index(batch_op.f('ix_event_organizers_event_id'))
    op.drop_table('event_organizers')
    # Administrators were organizers of every event: the nearest older role.
    op.execute(sa.text("UPDATE users SET role = 'organizer' WHERE role = 'admin'"))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('role', existing_type=_role(NEW_ROLES), type_=_role(OLD_ROLES),
                              existing_nullable=False)

"""initial schema: events, rooms, sessions with speakers, topics and change log,
sub-forums, the speaker registry, accounts and API tokens

Times are TIMESTAMP WITH TIME ZONE (UTC); enums are VARCHAR with CHECK constraints so SQLite
and PostgreSQL refuse the same values.

Revision ID: b465d073cf1a
Revises: 
Create Date: 2026-11-25 15:47:27.130620

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b465d073cf1a'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('title_zh', sa.String(length=300), nullable=True),
    sa.Column('title_en', sa.String(length=300), nullable=True),
    sa.Column('theme_zh', sa.Text(), nullable=True),
    sa.Column('theme_en', sa.Text(), nullable=True),
    sa.Column('description_zh', sa.Text(), nullable=True),
    sa.Column('description_en', sa.Text(), nullable=True),
    sa.Column('schedule_note_zh', sa.Text(), nullable=True),
    sa.Column('schedule_note_en', sa.Text(), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('default_language', sa.String(length=5), nullable=False),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('first_published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('slug', name=op.f('uq_events_slug'))
    )
    op.create_table('speakers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=True),
    sa.Column('name_en', sa.String(length=200), nullable=True),
    sa.Column('name_native', sa.String(length=200), nullable=True),
    sa.Column('honorific_zh', sa.String(length=50), nullable=True),
    sa.Column('honorific_en', sa.String(length=50), nullable=True),
    sa.Column('position_zh', sa.Text(), nullable=True),
    sa.Column('position_en', sa.Text(), nullable=True),
    sa.Column('organization_zh', sa.Text(), nullable=True),
    sa.Column('organization_en', sa.Text(), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('bio_zh', sa.Text(), nullable=True),
    sa.Column('bio_en', sa.Text(), nullable=True),
    sa.Column('photo_url', sa.String(length=500), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speakers'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organization', sa.String(length=300), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=True),
    sa.Column('role', sa.Enum('participant', 'organizer', name='role', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('event_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('address_zh', sa.Text(), nullable=True),
    sa.Column('address_en', sa.Text(), nullable=True),
    sa.Column('postcode', sa.String(length=20), nullable=True),
    sa.Column('phone', sa.String(length=100), nullable=True),
    sa.Column('fax', sa.String(length=100), nullable=True),
    sa.Column('emails', sa.Text(), nullable=True),
    sa.Column('website', sa.String(length=500), nullable=True),
    sa.Column('wechat_zh', sa.String(length=200), nullable=True),
    sa.Column('wechat_en', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_contacts_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_contacts')),
    sa.UniqueConstraint('event_id', name=op.f('uq_event_contacts_event_id'))
    )
    op.create_table('event_hosts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('name_zh', sa.String(length=300), nullable=True),
    sa.Column('name_en', sa.String(length=300), nullable=True),
    sa.Column('abbreviation', sa.String(length=20), nullable=True),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_hosts_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_hosts'))
    )
    with op.batch_alter_table('event_hosts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_hosts_event_id'), ['event_id'], unique=False)

    op.create_table('virtual_rooms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=True),
    sa.Column('name_en', sa.String(length=200), nullable=True),
    sa.Column('platform', sa.Enum('zoom', 'tencent_meeting', 'teams', 'webex', 'other', name='platform', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('join_url', sa.String(length=500), nullable=True),
    sa.Column('meeting_id', sa.String(length=100), nullable=True),
    sa.Column('passcode', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_virtual_rooms_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_virtual_rooms'))
    )
    with op.batch_alter_table('virtual_rooms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_virtual_rooms_event_id'), ['event_id'], unique=False)

    op.create_table('subforums',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title_zh', sa.String(length=300), nullable=True),
    sa.Column('title_en', sa.String(length=300), nullable=True),
    sa.Column('description_zh', sa.Text(), nullable=True),
    sa.Column('description_en', sa.Text(), nullable=True),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.CheckConstraint('capacity IS NULL OR capacity >= 0', name=op.f('ck_subforums_capacity_not_negative')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_subforums_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['room_id'], ['virtual_rooms.id'], name=op.f('fk_subforums_room_id_virtual_rooms'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subforums')),
    sa.UniqueConstraint('event_id', 'code', name=op.f('uq_subforums_event_id_code'))
    )
    with op.batch_alter_table('subforums', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subforums_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_subforums_room_id'), ['room_id'], unique=False)

    op.create_table('sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.Enum('opening', 'keynote', 'roundtable', 'subforum', 'exchange', 'break', name='kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('status', sa.Enum('scheduled', 'cancelled', name='status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('title_zh', sa.String(length=300), nullable=True),
    sa.Column('title_en', sa.String(length=300), nullable=True),
    sa.Column('description_zh', sa.Text(), nullable=True),
    sa.Column('description_en', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('subforum_id', sa.Integer(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('capacity IS NULL OR capacity >= 0', name=op.f('ck_sessions_capacity_not_negative')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_sessions_ends_after_start')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_sessions_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['room_id'], ['virtual_rooms.id'], name=op.f('fk_sessions_room_id_virtual_rooms'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subforum_id'], ['subforums.id'], name=op.f('fk_sessions_subforum_id_subforums'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sessions')),
    sa.UniqueConstraint('uid', name=op.f('uq_sessions_uid'))
    )
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.create_index('ix_sessions_event_id_starts_at', ['event_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_sessions_room_id'), ['room_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sessions_subforum_id'), ['subforum_id'], unique=False)

    op.create_table('subforum_moderators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subforum_id', sa.Integer(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['speaker_id'], ['speakers.id'], name=op.f('fk_subforum_moderators_speaker_id_speakers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subforum_id'], ['subforums.id'], name=op.f('fk_subforum_moderators_subforum_id_subforums'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subforum_moderators')),
    sa.UniqueConstraint('subforum_id', 'speaker_id', name=op.f('uq_subforum_moderators_subforum_id_speaker_id'))
    )
    with op.batch_alter_table('subforum_moderators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subforum_moderators_speaker_id'), ['speaker_id'], unique=False)

    op.create_table('subforum_topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subforum_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title_zh', sa.String(length=300), nullable=True),
    sa.Column('title_en', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['subforum_id'], ['subforums.id'], name=op.f('fk_subforum_topics_subforum_id_subforums'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subforum_topics'))
    )
    with op.batch_alter_table('subforum_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subforum_topics_subforum_id'), ['subforum_id'], unique=False)

    op.create_table('session_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_session_changes_changed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_session_changes_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_changes'))
    )
    with op.batch_alter_table('session_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_changes_session_id'), ['session_id'], unique=False)

    op.create_table('session_speakers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('chair', 'moderator', 'opening_remarks', 'keynote', 'panelist', 'presenter', name='role', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('talk_title_zh', sa.String(length=300), nullable=True),
    sa.Column('talk_title_en', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_session_speakers_session_id_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['speakers.id'], name=op.f('fk_session_speakers_speaker_id_speakers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_speakers')),
    sa.UniqueConstraint('session_id', 'speaker_id', name=op.f('uq_session_speakers_session_id_speaker_id'))
    )
    with op.batch_alter_table('session_speakers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_speakers_speaker_id'), ['speaker_id'], unique=False)

    op.create_table('session_topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title_zh', sa.String(length=300), nullable=True),
    sa.Column('title_en', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_session_topics_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_topics'))
    )
    with op.batch_alter_table('session_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_topics_session_id'), ['session_id'], unique=False)



def downgrade():
    with op.batch_alter_table('session_topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_topics_session_id'))

    op.drop_table('session_topics')
    with op.batch_alter_table('session_speakers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_speakers_speaker_id'))

    op.drop_table('session_speakers')
    with op.batch_alter_table('session_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_changes_session_id'))

    op.drop_table('session_changes')
    with op.batch_alter_table('subforum_topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subforum_topics_subforum_id'))

    op.drop_table('subforum_topics')
    with op.batch_alter_table('subforum_moderators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subforum_moderators_speaker_id'))

    op.drop_table('subforum_moderators')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sessions_subforum_id'))
        batch_op.drop_index(batch_op.f('ix_sessions_room_id'))
        batch_op.drop_index('ix_sessions_event_id_starts_at')

    op.drop_table('sessions')
    with op.batch_alter_table('subforums', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subforums_room_id'))
        batch_op.drop_index(batch_op.f('ix_subforums_event_id'))

    op.drop_table('subforums')
    with op.batch_alter_table('virtual_rooms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_virtual_rooms_event_id'))

    op.drop_table('virtual_rooms')
    with op.batch_alter_table('event_hosts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_hosts_event_id'))

    op.drop_table('event_hosts')
    op.drop_table('event_contacts')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))

    op.drop_table('api_tokens')
    op.drop_table('users')
    op.drop_table('speakers')
    op.drop_table('events')

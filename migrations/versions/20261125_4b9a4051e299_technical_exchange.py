"""technical exchange: topics and enterprise presentations, the Mekong countries' needs,
questions with one vote per person, and 1:1 meeting requests with their proposed times

Revision ID: 4b9a4051e299
Revises: 2c49929c7e25
Create Date: 2026-11-25 18:09:36.480096

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4b9a4051e299'
down_revision = '2c49929c7e25'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('exchange_topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title_zh', sa.String(length=300), nullable=True),
    sa.Column('title_en', sa.String(length=300), nullable=True),
    sa.Column('description_zh', sa.Text(), nullable=True),
    sa.Column('description_en', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_exchange_topics_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_topics'))
    )
    with op.batch_alter_table('exchange_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_topics_session_id'), ['session_id'], unique=False)

    op.create_table('needs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('sector', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('visibility', sa.Enum('public', 'participants', name='visibility', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('show_contact', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_needs_author_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['exchange_topics.id'], name=op.f('fk_needs_topic_id_exchange_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_needs'))
    )
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_needs_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_needs_topic_id'), ['topic_id'], unique=False)

    op.create_table('presentations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('enterprise_zh', sa.String(length=300), nullable=True),
    sa.Column('enterprise_en', sa.String(length=300), nullable=True),
    sa.Column('presenter_id', sa.Integer(), nullable=True),
    sa.Column('title_zh', sa.String(length=300), nullable=True),
    sa.Column('title_en', sa.String(length=300), nullable=True),
    sa.Column('summary_zh', sa.Text(), nullable=True),
    sa.Column('summary_en', sa.Text(), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('contact_user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['contact_user_id'], ['users.id'], name=op.f('fk_presentations_contact_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['presenter_id'], ['speakers.id'], name=op.f('fk_presentations_presenter_id_speakers'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['topic_id'], ['exchange_topics.id'], name=op.f('fk_presentations_topic_id_exchange_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_presentations'))
    )
    with op.batch_alter_table('presentations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_presentations_contact_user_id'), ['contact_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_presentations_presenter_id'), ['presenter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_presentations_topic_id'), ['topic_id'], unique=False)

    op.create_table('meeting_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('requester_id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('presentation_id', sa.Integer(), nullable=True),
    sa.Column('need_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('proposed', 'accepted', 'declined', 'cancelled', name='status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('join_url', sa.String(length=500), nullable=True),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_at IS NULL OR ends_at > starts_at', name=op.f('ck_meeting_requests_ends_after_start')),
    sa.CheckConstraint('requester_id <> recipient_id', name=op.f('ck_meeting_requests_not_with_oneself')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_meeting_requests_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_meeting_requests_need_id_needs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['presentation_id'], ['presentations.id'], name=op.f('fk_meeting_requests_presentation_id_presentations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recipient_id'], ['users.id'], name=op.f('fk_meeting_requests_recipient_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requester_id'], ['users.id'], name=op.f('fk_meeting_requests_requester_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_requests')),
    sa.UniqueConstraint('uid', name=op.f('uq_meeting_requests_uid'))
    )
    with op.batch_alter_table('meeting_requests', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_requests_event_id_status', ['event_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_requests_need_id'), ['need_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_requests_presentation_id'), ['presentation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_requests_recipient_id'), ['recipient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_requests_requester_id'), ['requester_id'], unique=False)

    op.create_table('questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('presentation_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_questions_author_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_questions_hidden_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['presentation_id'], ['presentations.id'], name=op.f('fk_questions_presentation_id_presentations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questions'))
    )
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_questions_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_presentation_id'), ['presentation_id'], unique=False)

    op.create_table('meeting_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_meeting_proposals_ends_after_start')),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_meeting_proposals_proposed_by_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['meeting_requests.id'], name=op.f('fk_meeting_proposals_request_id_meeting_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_proposals'))
    )
    with op.batch_alter_table('meeting_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_proposals_request_id'), ['request_id'], unique=False)

    op.create_table('question_votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_question_votes_question_id_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_question_votes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_votes')),
    sa.UniqueConstraint('question_id', 'user_id', name=op.f('uq_question_votes_question_id_user_id'))
    )
    with op.batch_alter_table('question_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_votes_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('question_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_votes_user_id'))

    op.drop_table('question_votes')
    with op.batch_alter_table('meeting_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_proposals_request_id'))

    op.drop_table('meeting_proposals')
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questions_presentation_id'))
        batch_op.drop_index(batch_op.f('ix_questions_author_id'))

    op.drop_table('questions')
    with op.batch_alter_table('meeting_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_requests_requester_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_requests_recipient_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_requests_presentation_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_requests_need_id'))
        batch_op.drop_index('ix_meeting_requests_event_id_status')

    op.drop_table('meeting_requests')
    with op.batch_alter_table('presentations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_presentations_topic_id'))
        batch_op.drop_index(batch_op.f('ix_presentations_presenter_id'))
        batch_op.drop_index(batch_op.f('ix_presentations_contact_user_id'))

    op.drop_table('presentations')
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_needs_topic_id'))
        batch_op.drop_index(batch_op.f('ix_needs_author_id'))

    op.drop_table('needs')
    with op.batch_alter_table('exchange_topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_topics_session_id'))

    op.drop_table('exchange_topics')

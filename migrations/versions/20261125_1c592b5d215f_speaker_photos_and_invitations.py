"""speaker photos and invitations: uploaded portraits, and each speaker's invitation state
per event (invited, confirmed, declined)

Revision ID: 1c592b5d215f
Revises: b465d073cf1a
Create Date: 2026-11-25 15:51:49.555628

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1c592b5d215f'
down_revision = 'b465d073cf1a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('event_speakers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('invited', 'confirmed', 'declined', name='state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_speakers_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['speakers.id'], name=op.f('fk_event_speakers_speaker_id_speakers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_speakers')),
    sa.UniqueConstraint('event_id', 'speaker_id', name=op.f('uq_event_speakers_event_id_speaker_id'))
    )
    with op.batch_alter_table('event_speakers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_speakers_speaker_id'), ['speaker_id'], unique=False)

    op.create_table('speaker_photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=50), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['speaker_id'], ['speakers.id'], name=op.f('fk_speaker_photos_speaker_id_speakers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speaker_photos')),
    sa.UniqueConstraint('speaker_id', name=op.f('uq_speaker_photos_speaker_id'))
    )


def downgrade():
    op.drop_table('speaker_photos')
    with op.batch_alter_table('event_speakers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_speakers_speaker_id'))

    op.drop_table('event_speakers')

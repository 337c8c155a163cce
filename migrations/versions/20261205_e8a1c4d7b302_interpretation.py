"""interpretation: floor languages, a room's channels, and each participant's listening language

`virtual_rooms.floor_language` (the language its sessions are held in);
`interpretation_channels`: how to hear a room's interpretation into one language (a
channel of its platform, or a separate link); `registrations.listening_language`.

Revision ID: e8a1c4d7b302
Revises: d2f6b8a3c951
Create Date: 2026-12-05 10:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e8a1c4d7b302'
down_revision = 'd2f6b8a3c951'
branch_labels = None
depends_on = None


# Columns are added in place, not in batch mode: on SQLite a batch copies the table and drops
# the old one, and dropping these would delete what belongs to them.

def upgrade():
    op.add_column('virtual_rooms', sa.Column('floor_language', sa.String(length=8),
                                             nullable=True))
    op.add_column('registrations', sa.Column('listening_language', sa.String(length=8),
                                             nullable=True))
    op.create_table(
        'interpretation_channels',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('room_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('channel', sa.String(length=100), nullable=True),
        sa.Column('join_url', sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(['room_id'], ['virtual_rooms.id'],
                                name=op.f('fk_interpretation_channels_room_id_virtual_rooms'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_interpretation_channels')),
        sa.UniqueConstraint('room_id', 'language',
                            name=op.f('uq_interpretation_channels_room_id_language')),
    )
    with op.batch_alter_table('interpretation_channels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interpretation_channels_room_id'), ['room_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('interpretation_channels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interpretation_channels_room_id'))
    op.drop_table('interpretation_channels')
    op.drop_column('registrations', 'listening_language')
    op.drop_column('virtual_rooms', 'floor_language')

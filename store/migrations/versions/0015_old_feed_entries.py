"""Feed items too old to fetch are remembered, so that one a feed lists for the first time is read

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04

An item dated before max_age_days was skipped whenever it was listed. A council's minutes dated by their
sitting and put online weeks later were skipped with the feed's backlog. A feed's old items are now remembered
(old_entries) from a read on, and channels.keeps_old says which feeds have been read since: in those, an item
neither remembered nor sighted before is new to the feed, whatever its date. Feeds read before this revision
start remembering at their next read.
"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'old_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('via', sa.Text(), nullable=False),
        sa.Column('url', sa.Text(), nullable=False),
        sa.Column('first_seen', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_old_entries')),
        sa.UniqueConstraint('via', 'url', name=op.f('uq_old_entries_via')),
    )
    with op.batch_alter_table('channels') as batch:
        batch.add_column(sa.Column('keeps_old', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('channels') as batch:
        batch.drop_column('keeps_old')
    op.drop_table('old_entries')

"""A channel remembers when it last answered in full, so that one answering 304 for days is asked for whole

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06

A feed, sitemap or listing was asked for with its ETag and Last-Modified on every crawl: a server that answers
304 to any conditional request, changed or not, hid every item it added, for ever. channels.read_at is when a
channel last answered 200; one not read in full for [crawl] full_read_days is asked for without validators.
Channels last read in full (status ok) take their last check's time; the others are asked for whole once.
"""
import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('channels') as batch:
        batch.add_column(sa.Column('read_at', sa.DateTime(), nullable=True))
    op.execute(sa.text("UPDATE channels SET read_at = checked_at WHERE status = 'ok'"))


def downgrade() -> None:
    with op.batch_alter_table('channels') as batch:
        batch.drop_column('read_at')

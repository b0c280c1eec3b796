"""Listing pages and documents listings read before this revision are read whole once: their frames are read now

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05

A listing that shows its news in a frame (a widget's <iframe>, an old site's frameset) is now read with its
frames, and its ETag and Last-Modified are no longer kept (the page around a widget does not change when the
widget's list does). A listing whose validators were kept before answered 304 on each crawl while it did not
change: its frames would never be read. The validators of `page` and `documents` channels are dropped, so that
each is asked for whole once; those without frames keep validators again from that read. Only data changes;
going down leaves them.
"""
import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text("UPDATE channels SET etag = NULL, last_modified = NULL WHERE kind IN ('page', 'documents')"))


def downgrade() -> None:
    pass  # a listing read since has the validators its answer gave

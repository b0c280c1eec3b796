"""Documents without a text layer (scans) get text_status 'no_text' instead of 'full'

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03

Until now a PDF whose pages hold only pictures was archived with text_status 'full', an empty text and
text_missing_reason "no text layer…". Its status now says what it is. Only data changes: text_status is a
String(10) with no constraint on its values.
"""
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE articles SET text_status = 'no_text' WHERE kind = 'document' AND text_status = 'full' "
               "AND text = '' AND text_missing_reason IS NOT NULL")


def downgrade() -> None:
    op.execute("UPDATE articles SET text_status = 'full' WHERE text_status = 'no_text'")

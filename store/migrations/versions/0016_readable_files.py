"""Word 97-2003 files and zipped dossiers answered before this revision are asked for again, once

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05

A `.doc` file (the minutes a town's secretary wrote) or a zip (a public inquiry's dossier) was recorded
`not_html`, for good: newswatch now reads them. Their fetches lose their final mark, so the next crawl asks for
them again when a channel lists them, or when their sighting is recent enough to be resumed (max_age_days).
Once: read, refused or `not_html` again, the new outcome is final. Only data changes; going down leaves them.
"""
import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

READABLE_TYPES = ("application/msword", "application/vnd.ms-word", "application/zip", "application/x-zip",
                  "application/x-zip-compressed")


def upgrade() -> None:
    reasons = ", ".join(f"'content type {kind}'" for kind in READABLE_TYPES)
    op.execute(sa.text("UPDATE fetches SET final = :no WHERE outcome = 'not_html' AND final = :yes "
                       f"AND (lower(reason) IN ({reasons}) OR lower(url) LIKE '%.doc' OR lower(url) LIKE '%.zip')")
               .bindparams(no=False, yes=True))


def downgrade() -> None:
    pass  # the fetches asked for again have outcomes of their own by then

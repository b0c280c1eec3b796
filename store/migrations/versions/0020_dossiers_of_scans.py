"""Zipped dossiers of scans answered before this revision are asked for again, once

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06

A zipped dossier whose documents are all scans (a prefecture's signed acts) was recorded `extract_failed` as "a zip
holding no readable document", for good: its files' scans were not read by OCR. newswatch now reads them, or, when
OCR cannot run, archives the dossier unread with each file's reason. Those fetches lose their final mark, so the
next crawl asks for them again when a channel lists them, or when their sighting is recent enough to be resumed
(max_age_days), as 0019 did for spreadsheets. Once: read, archived unread or refused again, the new outcome is
final. Only data changes; going down leaves them.
"""
import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text("UPDATE fetches SET final = :no WHERE final = :yes AND outcome = 'extract_failed' "
                       "AND reason LIKE 'a zip holding no readable document%'").bindparams(no=False, yes=True))


def downgrade() -> None:
    pass  # the fetches asked for again have outcomes of their own by then

"""Spreadsheets and RTF files answered before this revision are asked for again, once

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06

An .ods, .xlsx or .xls file (a town's table of its council's deliberations) or an RTF file (an order saved so) was
recorded `not_html`, or, a spreadsheet asked for as a documents listing's link, `extract_failed` as "a zip holding
no readable document", for good: newswatch now reads them. Their fetches lose their final mark, so the next crawl
asks for them again when a channel lists them, or when their sighting is recent enough to be resumed
(max_age_days), as 0016 did for Word 97-2003 files. Once: read, refused or `not_html` again, the new outcome is
final. Only data changes; going down leaves them.
"""
import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

READABLE_TYPES = ("application/vnd.oasis.opendocument.spreadsheet",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel",
                  "application/rtf", "text/rtf")


def upgrade() -> None:
    reasons = ", ".join(f"'content type {kind}'" for kind in READABLE_TYPES)
    op.execute(sa.text("UPDATE fetches SET final = :no WHERE final = :yes AND ("
                       f"outcome = 'not_html' AND (lower(reason) IN ({reasons}) OR lower(url) LIKE '%.ods' "
                       "OR lower(url) LIKE '%.xlsx' OR lower(url) LIKE '%.xls' OR lower(url) LIKE '%.rtf') "
                       "OR outcome = 'extract_failed' AND reason LIKE 'a zip holding no readable document%')")
               .bindparams(no=False, yes=True))


def downgrade() -> None:
    pass  # the fetches asked for again have outcomes of their own by then

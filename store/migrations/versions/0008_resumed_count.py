"""run_sources.resumed: URLs an earlier run discovered but did not finish, fetched by this run

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('run_sources', sa.Column('resumed', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('run_sources') as batch:
        batch.drop_column('resumed')

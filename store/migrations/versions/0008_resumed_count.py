"""run_sources.resumed: URLs an earlier run discovered but did not finish, fetched by this run; an index on
discoveries.first_seen, for finding them among the recent sightings only

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
    op.create_index(op.f('ix_discoveries_first_seen'), 'discoveries', ['first_seen'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_discoveries_first_seen'), table_name='discoveries')
    with op.batch_alter_table('run_sources') as batch:
        batch.drop_column('resumed')

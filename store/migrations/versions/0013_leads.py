"""Leads (articles.text_missing_reason comes with 0010): headline records and teasers (articles.text_status), outlets seen through aggregators

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('articles') as batch:
        batch.add_column(sa.Column('text_status', sa.String(10), nullable=False, server_default='full'))
        batch.add_column(sa.Column('outlet', sa.Text(), nullable=True))
        batch.add_column(sa.Column('outlet_domain', sa.String(200), nullable=True))
        batch.add_column(sa.Column('title_key', sa.Text(), nullable=True))
    op.create_index('ix_articles_outlet_domain_title_key', 'articles', ['outlet_domain', 'title_key'])
    op.create_index('ix_articles_text_status', 'articles', ['text_status'])
    with op.batch_alter_table('discoveries') as batch:
        batch.add_column(sa.Column('outlet', sa.Text(), nullable=True))
        batch.add_column(sa.Column('outlet_url', sa.Text(), nullable=True))
        batch.add_column(sa.Column('title_key', sa.Text(), nullable=True))
    op.create_index('ix_discoveries_title_key', 'discoveries', ['title_key'])
    op.add_column('run_sources', sa.Column('headlines', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('run_sources') as batch:
        batch.drop_column('headlines')
    op.drop_index('ix_discoveries_title_key', 'discoveries')
    with op.batch_alter_table('discoveries') as batch:
        for column in ('title_key', 'outlet_url', 'outlet'):
            batch.drop_column(column)
    op.drop_index('ix_articles_text_status', 'articles')
    op.drop_index('ix_articles_outlet_domain_title_key', 'articles')
    with op.batch_alter_table('articles') as batch:
        for column in ('title_key', 'outlet_domain', 'outlet', 'text_status'):
            batch.drop_column(column)

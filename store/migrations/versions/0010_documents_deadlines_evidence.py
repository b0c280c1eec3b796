"""documents, deadlines, evidence: articles.kind and text_missing_reason, deadlines, raw_blobs (content-addressed bodies), captures

Revision ID: 0010
Revises: 0011
Create Date: 2026-12-10

articles.kind is added with a plain ALTER TABLE (no batch copy of `articles`, whose FTS triggers must survive).
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('articles', sa.Column('kind', sa.String(length=20), nullable=False, server_default='article'))
    op.add_column('articles', sa.Column('text_missing_reason', sa.Text(), nullable=True))
    op.create_table('deadlines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('starts', sa.Date(), nullable=True),
    sa.Column('ends', sa.Date(), nullable=False),
    sa.Column('until', sa.String(length=5), nullable=True),
    sa.Column('phrase', sa.Text(), nullable=False),
    sa.Column('context', sa.Text(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_deadlines_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadlines'))
    )
    op.create_index(op.f('ix_deadlines_article_id'), 'deadlines', ['article_id'], unique=False)
    op.create_index(op.f('ix_deadlines_ends'), 'deadlines', ['ends'], unique=False)
    op.create_table('raw_blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('codec', sa.String(length=10), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_raw_blobs'))
    )
    op.create_table('captures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('final_url', sa.Text(), nullable=False),
    sa.Column('http_status', sa.Integer(), nullable=False),
    sa.Column('headers', sa.JSON(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('text_sha256', sa.String(length=64), nullable=False),
    sa.Column('change', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_captures_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_captures'))
    )
    op.create_index(op.f('ix_captures_article_id'), 'captures', ['article_id'], unique=False)
    op.create_index(op.f('ix_captures_fetched_at'), 'captures', ['fetched_at'], unique=False)
    op.create_index(op.f('ix_captures_sha256'), 'captures', ['sha256'], unique=False)


def downgrade() -> None:
    op.drop_table('captures')
    op.drop_table('raw_blobs')
    op.drop_table('deadlines')
    op.execute("ALTER TABLE articles DROP COLUMN text_missing_reason")
    op.execute("ALTER TABLE articles DROP COLUMN kind")  # SQLite 3.35+; a batch copy would drop the FTS triggers

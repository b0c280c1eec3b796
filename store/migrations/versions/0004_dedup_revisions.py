"""dedup and revisions: stories, content fingerprints with SimHash/MinHash band tables, article revisions

Revision ID: 0004
Revises: 0001
Create Date: 2026-12-01

Columns are added with plain ALTER TABLE (no batch copy of `articles`, whose FTS triggers must survive).
Articles archived before this revision are fingerprinted and linked into stories, oldest first.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0001'
branch_labels = None
depends_on = None

ARTICLE_COLUMNS = ('story_id', 'duplicate_of', 'updated_at', 'revisions', 'etag', 'last_modified', 'checked_at')


def upgrade() -> None:
    op.create_table('stories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('first_seen', sa.DateTime(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stories'))
    )
    # Alembic cannot add a column with its foreign key on SQLite without a batch copy; SQLite itself can.
    op.execute("ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories (id) ON DELETE SET NULL")
    op.execute("ALTER TABLE articles ADD COLUMN duplicate_of INTEGER REFERENCES articles (id) ON DELETE SET NULL")
    op.add_column('articles', sa.Column('updated_at', sa.DateTime(), nullable=True))
    op.add_column('articles', sa.Column('revisions', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('articles', sa.Column('etag', sa.Text(), nullable=True))
    op.add_column('articles', sa.Column('last_modified', sa.Text(), nullable=True))
    op.add_column('articles', sa.Column('checked_at', sa.DateTime(), nullable=True))
    op.create_index(op.f('ix_articles_story_id'), 'articles', ['story_id'], unique=False)
    op.create_index(op.f('ix_articles_duplicate_of'), 'articles', ['duplicate_of'], unique=False)
    op.create_index(op.f('ix_articles_updated_at'), 'articles', ['updated_at'], unique=False)

    op.create_table('article_fingerprints',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('exact', sa.String(length=64), nullable=False),
    sa.Column('simhash', sa.BigInteger(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_fingerprints_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', name=op.f('pk_article_fingerprints'))
    )
    op.create_index(op.f('ix_article_fingerprints_exact'), 'article_fingerprints', ['exact'], unique=False)
    op.create_table('simhash_bands',
    sa.Column('band', sa.SmallInteger(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('simhash', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_simhash_bands_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('band', 'value', 'article_id', name=op.f('pk_simhash_bands')),
    sqlite_with_rowid=False
    )
    op.create_index('ix_simhash_bands_article_id', 'simhash_bands', ['article_id'], unique=False)
    op.create_table('minhash_bands',
    sa.Column('band', sa.SmallInteger(), nullable=False),
    sa.Column('hash', sa.BigInteger(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_minhash_bands_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('band', 'hash', 'article_id', name=op.f('pk_minhash_bands')),
    sqlite_with_rowid=False
    )
    op.create_index('ix_minhash_bands_article_id', 'minhash_bands', ['article_id'], unique=False)
    op.create_table('article_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(), nullable=False),
    sa.Column('replaced_at', sa.DateTime(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_revisions_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_revisions'))
    )
    op.create_index(op.f('ix_article_revisions_article_id'), 'article_revisions', ['article_id'], unique=False)

    bind = op.get_bind()
    if bind.execute(sa.text("SELECT EXISTS (SELECT 1 FROM articles)")).scalar():
        from sqlalchemy.orm import Session

        from store.dedup import backfill  # imported only when there is something to backfill

        with Session(bind=bind) as session:
            backfill(session)


def downgrade() -> None:
    for table in ('article_revisions', 'minhash_bands', 'simhash_bands', 'article_fingerprints'):
        op.drop_table(table)
    for index in ('ix_articles_updated_at', 'ix_articles_duplicate_of', 'ix_articles_story_id'):
        op.drop_index(index, table_name='articles')
    for column in reversed(ARTICLE_COLUMNS):
        op.execute(f"ALTER TABLE articles DROP COLUMN {column}")
    op.drop_table('stories')

"""Triage: article_marks (relevant, off-topic or duplicate, with a note), and the article_list view for browsing

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-02

One mark per article, kept by article id: `rematch` (matches only) and re-checks (the article row is
updated in place) leave it alone. Triggers refuse a mark of an unknown article or an unknown kind with
a sentence a person can read, whichever client writes (the CLI, or Datasette's writable canned query).
The view `article_list` is what Datasette lists and facets: one row per article with its date, month,
outlet, topics (a JSON array), mark and note. A later migration that recreates `articles`, `matches` or
`article_marks` (a batch "move and copy") must drop this view first and create it again after: SQLite
refuses to rename a table into place while a view names a table that is missing ("error in view
article_list"). Adding columns (plain ALTER TABLE ADD COLUMN) needs nothing.

On PostgreSQL the foreign key and the check constraint refuse what the SQLite triggers refuse (PostgreSQL
enforces both), and the view is the same one written with PostgreSQL's functions.
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0008'
branch_labels = None
depends_on = None

MARKS = ('relevant', 'off-topic', 'duplicate')  # the same as store.marks.MARKS (frozen here on purpose)
_ALLOWED = ", ".join(f"'{m}'" for m in MARKS)

ARTICLE_LIST = """CREATE VIEW article_list AS
SELECT a.id AS id,
       date(coalesce(a.published_at, a.first_seen)) AS date,
       coalesce(a.site_name, a.source) AS outlet,
       a.title AS title,
       a.text AS text,
       (SELECT json_group_array(topic) FROM (SELECT topic FROM matches WHERE article_id = a.id ORDER BY topic))
           AS topics,
       a.language AS language,
       mk.mark AS mark,
       mk.note AS note,
       a.id AS links,
       strftime('%Y-%m', coalesce(a.published_at, a.first_seen)) AS month
FROM articles a LEFT JOIN article_marks mk ON mk.article_id = a.id"""

ARTICLE_LIST_POSTGRESQL = """CREATE VIEW article_list AS
SELECT a.id AS id,
       to_char(coalesce(a.published_at, a.first_seen), 'YYYY-MM-DD') AS date,
       coalesce(a.site_name, a.source) AS outlet,
       a.title AS title,
       a.text AS text,
       (SELECT coalesce(json_agg(topic ORDER BY topic), '[]'::json)::text FROM matches WHERE article_id = a.id)
           AS topics,
       a.language AS language,
       mk.mark AS mark,
       mk.note AS note,
       a.id AS links,
       to_char(coalesce(a.published_at, a.first_seen), 'YYYY-MM') AS month
FROM articles a LEFT JOIN article_marks mk ON mk.article_id = a.id"""


def upgrade() -> None:
    op.create_table(
        'article_marks',
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('mark', sa.String(20), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('marked_by', sa.String(200), nullable=True),
        sa.Column('marked_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint(f"mark IN ({_ALLOWED})", name=op.f('ck_article_marks_mark_kind')),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_marks_article_id_articles'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('article_id', name=op.f('pk_article_marks')),
    )
    op.create_index('ix_article_marks_mark', 'article_marks', ['mark'])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(ARTICLE_LIST_POSTGRESQL)
        return
    for when in ('INSERT', 'UPDATE'):
        op.execute(f"""CREATE TRIGGER article_marks_check_{when.lower()} BEFORE {when} ON article_marks BEGIN
            SELECT RAISE(ABORT, 'a mark is relevant, off-topic or duplicate') WHERE NEW.mark NOT IN ({_ALLOWED});
            SELECT RAISE(ABORT, 'there is no article with this id in the archive')
                WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id);
        END""")
    op.execute(ARTICLE_LIST)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS article_list")
    if op.get_bind().dialect.name != "postgresql":
        for when in ('insert', 'update'):
            op.execute(f"DROP TRIGGER IF EXISTS article_marks_check_{when}")
    op.drop_index('ix_article_marks_mark', 'article_marks')
    op.drop_table('article_marks')

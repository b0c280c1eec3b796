"""full-text search: articles_fts, an FTS5 external-content index over articles(title, text)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

Named and declared (content="articles") the way Datasette detects an FTS table, so
`datasette newswatch.db` offers full-text search on articles. Triggers keep it in sync.
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

TOKENIZER = "unicode61 remove_diacritics 2"  # the same as newswatch.topics.TOKENIZER (frozen here on purpose)


def upgrade() -> None:
    op.execute(f"""CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content="articles", content_rowid="id", tokenize='{TOKENIZER}')""")
    op.execute("""CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""")
    op.execute("""CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END""")
    op.execute("""CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF id, title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""")
    op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


def downgrade() -> None:
    for trigger in ("articles_fts_after_update", "articles_fts_after_delete", "articles_fts_after_insert"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS articles_fts")

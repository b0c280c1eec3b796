"""full-text search: articles_fts, an FTS5 external-content index over articles(title, text)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

Named and declared (content="articles") the way Datasette detects an FTS table, so
`datasette newswatch.db` offers full-text search on articles. Triggers keep it in sync.

On PostgreSQL: a generated `search_fts` tsvector column (title weighted A above text B) with a GIN index,
in two text search configurations made here, French and English, each folding accents with `unaccent`.
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

TOKENIZER = "unicode61 remove_diacritics 2"  # the same as newswatch.text.topics.TOKENIZER (frozen here on purpose)


# Frozen here on purpose (store/search.py names the same configurations and weights).
PG_CONFIGS = {"newswatch_fr": "french", "newswatch_en": "english"}
PG_VECTOR = " || ".join(f"setweight(to_tsvector('{name}'::regconfig, coalesce({column}, '')), '{weight}')"
                        for column, weight in (("title", "A"), ("text", "B")) for name in PG_CONFIGS)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return upgrade_postgresql()
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


def upgrade_postgresql() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, language in PG_CONFIGS.items():
        op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        op.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{language})")
        op.execute(f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word "
                   f"WITH unaccent, {language}_stem")
    op.execute(f"ALTER TABLE articles ADD COLUMN search_fts tsvector GENERATED ALWAYS AS ({PG_VECTOR}) STORED")
    op.execute("CREATE INDEX ix_articles_search_fts ON articles USING gin (search_fts)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_articles_search_fts")
        op.execute("ALTER TABLE articles DROP COLUMN IF EXISTS search_fts")
        for name in PG_CONFIGS:
            op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        return
    for trigger in ("articles_fts_after_update", "articles_fts_after_delete", "articles_fts_after_insert"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS articles_fts")

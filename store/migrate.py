"""Run the Alembic migrations programmatically (every command upgrades the archive first)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect, make_url, text
from sqlalchemy.exc import SQLAlchemyError

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD = "0020"  # the latest revision: tests/test_migrations.py checks that it is Alembic's one head


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """FTS5 tables and their shadow tables (SQLite), the search column and its index (PostgreSQL) are
    hand-written in migrations; autogenerate leaves them alone."""
    return not (type_ in ("table", "column", "index") and name and (name.endswith("_fts") or "_fts_" in name))


def alembic_config(url: str):
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url)
    cfg.attributes["configure_logger"] = False
    return cfg


def upgrade(url: str, revision: str = "heads") -> None:
    """Bring the archive at `url` to the latest schema (creating it if needed).

    An archive already at HEAD is left as it is without loading Alembic (a tenth of a second of
    every command's start-up).
    """
    if revision == "heads" and current_revisions(url) == {HEAD}:
        return
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def has_schema(url: str) -> bool:
    """Whether the database holds a newswatch schema (an unreachable server raises SQLAlchemyError)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return inspect(connection).has_table("alembic_version")
    finally:
        engine.dispose()


def revisions(connection) -> set[str]:
    """The revisions an archive's connection says it is at."""
    return {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}


def current_revisions(url: str) -> set[str]:
    """The revisions the archive says it is at (empty for a new or unreadable archive).

    A missing SQLite file is not created here: only Alembic creates an archive, with all its tables in one
    transaction, so a crawl killed at start-up leaves no empty file behind.
    """
    path = make_url(url).database if url.startswith("sqlite") else None
    if path and path != ":memory:" and not Path(path).exists():
        return set()
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return revisions(connection)
    except SQLAlchemyError:
        return set()
    finally:
        engine.dispose()

"""Run the Alembic migrations programmatically (every command upgrades the archive first)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig

MIGRATIONS = Path(__file__).parent / "migrations"


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """FTS5 tables and their shadow tables are hand-written in migrations; autogenerate leaves them alone."""
    return not (type_ == "table" and name and (name.endswith("_fts") or "_fts_" in name))


def alembic_config(url: str) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url)
    cfg.attributes["configure_logger"] = False
    return cfg


def upgrade(url: str, revision: str = "heads") -> None:
    """Bring the archive at `url` to the latest schema (creating it if needed)."""
    command.upgrade(alembic_config(url), revision)

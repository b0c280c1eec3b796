"""Alembic environment: batch mode for SQLite, FTS objects kept out of autogenerate."""

from alembic import context

from store.db import make_engine
from store.models import Base

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):
    """FTS5 tables and their shadow tables are hand-written in migrations; autogenerate leaves them alone."""
    return not (type_ == "table" and name and (name.endswith("_fts") or "_fts_" in name))


def run_migrations_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"), writer=True)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()

"""Alembic environment: batch mode for SQLite, FTS objects kept out of autogenerate."""

from alembic import context
from sqlalchemy import text

from store.db import make_engine
from store.migrate import include_object
from store.models import Base

config = context.config
target_metadata = Base.metadata
MIGRATION_LOCK = 0x6E657773  # "news": the advisory lock key migrations hold on PostgreSQL


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
            if connection.dialect.name == "postgresql":  # two workers starting at once: one migrates, one waits
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            context.run_migrations()
    engine.dispose()


run_migrations_online()

"""What differs between the two archive backends (SQLite, PostgreSQL), behind plain functions.

Nothing above store/ asks which database it is: the query functions call these.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import Table, literal_column, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

BACKENDS = ("sqlite", "postgresql")


def backend(session_or_connection) -> str:
    """"sqlite" or "postgresql": the dialect of the database this session talks to."""
    return session_or_connection.get_bind().dialect.name if isinstance(session_or_connection, Session) \
        else session_or_connection.dialect.name


def insert(session: Session, table: Table):
    """An INSERT on `table` that knows ON CONFLICT (`on_conflict_do_nothing/update`, `.excluded`) on this backend."""
    return _insert(backend(session), table)


@lru_cache(maxsize=None)
def _insert(name: str, table: Table):
    return _dialect(name).insert(table)


def cached(session: Session, build):
    """The statement `build(dialect)` makes, built once per backend (building costs more than running)."""
    return _cached(backend(session), build)


@lru_cache(maxsize=None)
def _cached(name: str, build):
    return build(_dialect(name))


def _dialect(name: str):
    """The SQLAlchemy dialect module of a backend; PostgreSQL's is imported only by archives that use it (its
    import costs a SQLite archive's commands 40 ms of CPU each)."""
    if name != "postgresql":
        return sqlite
    from sqlalchemy.dialects import postgresql

    return postgresql


def placeholder(session: Session) -> str:
    """The DB-API placeholder of positional parameters in SQL text run by `exec_driver_sql`."""
    return "?" if backend(session) == "sqlite" else "%s"


def lock_url_identity(session: Session, urls: Iterable[str]) -> None:
    """Serialize the writers that archive an article known by one of these URLs, until this transaction ends.

    SQLite has one writer at a time already (BEGIN IMMEDIATE). On PostgreSQL, several crawlers write at
    once: a transaction-scoped advisory lock per URL makes the second writer of the same article wait for
    the first to commit, then find the article and fold into it (one article, never two, never an error).
    Locks are taken in a fixed order so two writers never wait for each other.
    """
    if backend(session) != "postgresql":
        return
    keys = sorted({url_lock_key(u) for u in urls if u})
    if keys:  # one round trip for them all, taken in that order
        session.execute(_LOCK_KEYS, {"keys": keys})


_LOCK_KEYS = text("SELECT pg_advisory_xact_lock(t.key) FROM unnest(CAST(:keys AS bigint[])) WITH ORDINALITY "
                  "AS t(key, n) ORDER BY t.n")


def insert_many(session: Session, statement, rows: list[dict]) -> None:
    """Run an INSERT (ON CONFLICT allowed) for these rows, all with the same keys.

    On PostgreSQL as SQLAlchemy's "insertmanyvalues" (one multi-row statement per 1,000 rows, compiled once),
    which it uses only for an INSERT … RETURNING: psycopg's own executemany costs about three round trips to
    the server, a statement one, and a crawl writes several row sets per article. On SQLite, in-process,
    executemany costs nothing more.
    """
    if not rows:
        return
    if backend(session) == "postgresql":
        statement = statement.returning(literal_column("1"))
    session.execute(statement, rows)


def url_lock_key(url: str) -> int:
    """A signed 64-bit advisory lock key for a URL (a stable hash; collisions only make a writer wait)."""
    return int.from_bytes(hashlib.blake2b(url.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def reset_id_sequences(session: Session, tables: Iterable[Table]) -> None:
    """After rows were written with their ids (a copy), make PostgreSQL's next ids follow the largest one.

    SQLite takes max(id) + 1 by itself.
    """
    if backend(session) != "postgresql":
        return
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or keys[0].name != "id":
            continue
        session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                             f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"))

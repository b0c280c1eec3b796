"""Copy a whole archive into another database (SQLite to PostgreSQL, or back), then compare counts and a sample."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm import Session

from store.backend import reset_id_sequences
from store.db import ArchiveError, archive_name, open_archive, transaction
from store.models import Base

BATCH = 1000  # rows per INSERT
SAMPLE = 50  # rows per table compared field by field after the copy


@dataclass(frozen=True)
class TableCopy:
    table: str
    source_rows: int
    target_rows: int
    sampled: int
    differing: int


def tables() -> list[Table]:
    """Every table of the models, parents before children."""
    return list(Base.metadata.sorted_tables)


def copy_archive(source_url: str, target_url: str, progress: Callable[[str, int], None] = lambda t, n: None,
                 copying: Callable[[str, int], None] = lambda t, n: None) -> list[TableCopy]:
    """Copy every row of the archive at source_url into the new, empty archive at target_url (made by the
    migrations), in one transaction on the target: a failed copy leaves it empty. Ids are kept. `progress(table,
    rows)` is told when a table is copied, `copying(table, rows)` after each batch of its rows."""
    source = open_archive(source_url)
    target = open_archive(target_url, writer=True, create=True)
    with target() as session:
        filled = [t.name for t in tables() if session.scalar(select(func.count()).select_from(t)) > 0]
    if filled:
        raise ArchiveError(f"the archive {archive_name(target_url)} is not empty ({', '.join(filled[:3])} have rows):"
                           " copy-archive only fills a new archive")
    with source() as reading, transaction(target) as writing:
        for table in tables():
            progress(table.name, _copy_table(reading, writing, table, copying))
        reset_id_sequences(writing, tables())
    with source() as reading, target() as checking:
        return [_compare(reading, checking, table) for table in tables()]


def _copy_table(reading: Session, writing: Session, table: Table, copying: Callable[[str, int], None]) -> int:
    """Copy one table in batches; a column naming its own table (articles.duplicate_of) is set in a second pass."""
    own = [c.name for c in table.columns if any(fk.column.table is table for fk in c.foreign_keys)]
    keys = list(table.primary_key.columns)
    later: list[dict] = []
    copied, batch = 0, []
    for row in reading.execute(select(table).order_by(*keys)).mappings().yield_per(BATCH):
        row = dict(row)
        if own and any(row[c] is not None for c in own):
            later.append({"key": row[keys[0].name], **{c: row[c] for c in own}})
            row.update({c: None for c in own})
        batch.append(row)
        if len(batch) >= BATCH:
            writing.execute(table.insert(), batch)
            copied, batch = copied + len(batch), []
            copying(table.name, copied)
    if batch:
        writing.execute(table.insert(), batch)
        copied += len(batch)
    for values in later:
        key = values.pop("key")
        writing.execute(update(table).where(keys[0] == key).values(**values))
    return copied


def _compare(reading: Session, checking: Session, table: Table) -> TableCopy:
    """Counts on both sides, and SAMPLE rows spread over the table compared column by column."""
    count = reading.scalar(select(func.count()).select_from(table))
    copied = checking.scalar(select(func.count()).select_from(table))
    keys = list(table.primary_key.columns)
    step = max(1, count // SAMPLE)
    sample = [tuple(r) for r in reading.execute(select(*keys).order_by(*keys)).all()[::step][:SAMPLE]]
    differing = 0
    for key in sample:
        where = [column == value for column, value in zip(keys, key)]
        mine = reading.execute(select(table).where(*where)).mappings().one()
        theirs = checking.execute(select(table).where(*where)).mappings().one_or_none()
        differing += theirs is None or dict(mine) != dict(theirs)
    return TableCopy(table.name, count, copied, len(sample), differing)

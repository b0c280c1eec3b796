"""Queries of the evidence tables: raw bodies stored once by SHA-256, captures of each archived article, deadlines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from store.backend import insert
from store.models import Article, Capture, Deadline, RawBlob


def record_capture(session: Session, article_id: int, *, url: str, final_url: str, http_status: int,
                   headers: list, fetched_at: datetime, sha256: str, size: int, text_sha256: str, change: str,
                   codec: str | None = None, packed: bytes | None = None) -> int:
    """One capture of an article; the packed body is stored under its hash unless it is there already."""
    if packed is not None:
        session.execute(insert(session, RawBlob.__table__).values(sha256=sha256, size=size, codec=codec, data=packed)
                        .on_conflict_do_nothing(index_elements=["sha256"]))
    capture = Capture(article_id=article_id, url=url, final_url=final_url, http_status=http_status,
                      headers=[list(h) for h in headers], fetched_at=fetched_at, sha256=sha256, size=size,
                      text_sha256=text_sha256, change=change)
    session.add(capture)
    session.flush()
    return capture.id


def article_exists(session: Session, article_id: int) -> bool:
    return session.get(Article, article_id) is not None


def has_captures(session: Session, article_id: int) -> bool:
    return session.scalar(select(exists().where(Capture.article_id == article_id)))


def captures_of(session: Session, article_id: int) -> list[Capture]:
    """Every capture of one article, oldest first."""
    return list(session.scalars(select(Capture).where(Capture.article_id == article_id)
                                .order_by(Capture.fetched_at, Capture.id)))


def captures_since(session: Session, since: datetime | None = None) -> Iterator[Capture]:
    """Captures (of every article) fetched since a time, oldest first."""
    query = select(Capture).order_by(Capture.fetched_at, Capture.id)
    if since is not None:
        query = query.where(Capture.fetched_at >= since)
    yield from session.scalars(query.execution_options(yield_per=200))


def blob(session: Session, sha256: str) -> RawBlob | None:
    return session.get(RawBlob, sha256)


def storage(session: Session) -> dict[str, int]:
    """Captures, distinct bodies, and their sizes raw and packed."""
    captures = session.scalar(select(func.count(Capture.id)))
    blobs, raw, packed = session.execute(select(func.count(RawBlob.sha256), func.coalesce(func.sum(RawBlob.size), 0),
                                                func.coalesce(func.sum(func.length(RawBlob.data)), 0))).one()
    return {"captures": captures, "bodies": blobs, "raw_bytes": raw, "stored_bytes": packed}


def replace_deadlines(session: Session, article_id: int, found: Iterable[dict]) -> None:
    """The deadlines of an article, replacing those of its previous version."""
    session.execute(delete(Deadline).where(Deadline.article_id == article_id))
    add_deadlines(session, article_id, found)


def add_deadlines(session: Session, article_id: int, found: Iterable[dict]) -> None:
    """The deadlines of an article that has none yet (a new one)."""
    for item in found:
        session.add(Deadline(article_id=article_id, **item))


def upcoming_deadlines(session: Session, today: date, horizon: date | None = None,
                       matched_only: bool = True) -> list[tuple[Deadline, Article]]:
    """Deadlines not yet past (ends today or later), soonest first; with a horizon, those that start or end by then."""
    from store.models import Match

    query = (select(Deadline, Article).join(Article, Article.id == Deadline.article_id)
             .where(Deadline.ends >= today).order_by(Deadline.ends, Deadline.starts, Deadline.id))
    if horizon is not None:
        query = query.where(func.coalesce(Deadline.starts, Deadline.ends) <= horizon)
    if matched_only:
        query = query.where(exists().where(Match.article_id == Article.id))
    return [tuple(row) for row in session.execute(query)]

"""Queries on runs: a crawl's or a digest's record and its sources' counters, source health, run history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from store.backend import insert
from store.models import Article, Channel, Discovery, Fetch, Run, RunSource, SourceRow, utcnow


# --- runs ---------------------------------------------------------------------------------------

def start_run(session: Session, kind: str, pid: int | None = None) -> Run:
    run = Run(kind=kind, pid=pid, status="running", started_at=utcnow())
    session.add(run)
    session.flush()
    return run


def finish_run(session: Session, run_id: int, status: str, message: str | None = None) -> None:
    run = session.get(Run, run_id)
    run.status, run.message, run.finished_at = status, message, utcnow()


def record_run_end(session: Session, run_id: int, pid: int, status: str, message: str | None,
                   finished_at: datetime, sources: dict[str, tuple[dict[str, int], str | None]]) -> bool:
    """Record a crawl's end that the archive refused when it happened: each source's counts and last error, the
    run's status. False (nothing written) when the archive has no crawl run of that id and pid."""
    run = session.get(Run, run_id)
    if run is None or run.kind != "crawl" or run.pid != pid:
        return False
    for source, (counts, last_error) in sources.items():
        record_run_source(session, run_id, source, counts, last_error)
    run.status, run.message, run.finished_at = status, message, finished_at
    return True


def record_run_source(session: Session, run_id: int, source: str, counts: dict[str, int],
                      last_error: str | None) -> None:
    fields = {k: counts.get(k, 0) for k in ("found", "resumed", "fetched", "extracted", "matched", "new", "headlines",
                                            "skipped", "errors", "channel_errors")}
    session.execute(insert(session, RunSource.__table__)
                    .values(run_id=run_id, source=source, last_error=last_error, **fields)
                    .on_conflict_do_update(index_elements=["run_id", "source"], set_={**fields, "last_error": last_error}))


def ensure_sources(session: Session, names: Iterable[str]) -> None:
    for name in names:
        session.execute(insert(session, SourceRow.__table__).values(name=name, added_at=utcnow())
                        .on_conflict_do_nothing())


def run_with_sources(session: Session, run_id: int) -> Run | None:
    """One run, with its per-source counts loaded."""
    return session.scalars(select(Run).options(selectinload(Run.sources)).where(Run.id == run_id)).one_or_none()


def recent_runs(session: Session, limit: int = 20, kind: str | None = None) -> list[Run]:
    query = select(Run).options(selectinload(Run.sources)).order_by(Run.id.desc()).limit(limit)
    if kind:
        query = query.where(Run.kind == kind)
    return list(session.scalars(query))


# --- source health ------------------------------------------------------------------------------

def source_history(session: Session, source: str, limit: int = 50) -> list[tuple[Run, RunSource]]:
    """The latest finished crawl runs of one source, newest first."""
    rows = session.execute(select(Run, RunSource).join(RunSource, RunSource.run_id == Run.id)
                           .where(RunSource.source == source, Run.finished_at.is_not(None))
                           .order_by(Run.id.desc()).limit(limit))
    return [(run, rs) for run, rs in rows]


def articles_since(session: Session, source: str, since: datetime) -> int:
    return session.scalar(select(func.count(Article.id)).where(Article.source == source, Article.first_seen >= since))


def channels_of(session: Session, source: str) -> list[Channel]:
    return list(session.scalars(select(Channel).where(Channel.source == source).order_by(Channel.url)))


def wall_counts(session: Session, source: str, since: datetime, walls: Iterable[str]) -> tuple[dict[str, int], int]:
    """({wall outcome: pages}, pages fetched) for one source's fetches since `since`."""
    rows = dict(session.execute(select(Fetch.outcome, func.count()).where(Fetch.source == source,
                                                                         Fetch.fetched_at >= since)
                                .group_by(Fetch.outcome)).all())
    return {k: v for k, v in rows.items() if k in set(walls)}, sum(rows.values())


def last_article_at(session: Session, source: str) -> datetime | None:
    return session.scalar(select(func.max(Article.first_seen)).where(Article.source == source))


# --- scheduling and run history -----------------------------------------------------------------

SUCCESS = ("ok", "partial")


def last_success(session: Session, kind: str) -> datetime | None:
    """When the latest successful run of this kind ended (None if there never was one)."""
    return session.scalar(select(func.max(func.coalesce(Run.finished_at, Run.started_at)))
                          .where(Run.kind == kind, Run.status.in_(SUCCESS)))


def run_recorded_since(session: Session, kind: str, since: datetime, pid: int) -> bool:
    """Whether the process `pid` (or a process that recorded no pid) recorded a run of this kind since `since`."""
    return session.scalar(select(func.count(Run.id)).where(Run.kind == kind, Run.started_at >= since,
                                                            or_(Run.pid == pid, Run.pid.is_(None)))) > 0


def record_run(session: Session, kind: str, *, started_at: datetime, finished_at: datetime, status: str,
               message: str | None, pid: int | None) -> Run:
    """Record a whole run at once (for commands that do not record their own runs)."""
    run = Run(kind=kind, started_at=started_at, finished_at=finished_at, status=status, message=message, pid=pid)
    session.add(run)
    session.flush()
    return run


def close_unfinished_runs(session: Session, kind: str, message: str, pid: int | None = None,
                          status: str = "failed") -> int:
    """Give the runs of this kind still "running" (of one pid, if given) a final status; return how many."""
    query = select(Run).where(Run.kind == kind, Run.status == "running")
    if pid is not None:
        query = query.where(Run.pid == pid)
    runs = list(session.scalars(query))
    for run in runs:
        run.status, run.finished_at, run.message = status, utcnow(), message
    return len(runs)


def last_discovery_at(session: Session, source: str) -> datetime | None:
    """When the source's channels last listed a URL they had not listed before."""
    return session.scalar(select(func.max(Discovery.first_seen)).where(Discovery.source == source))


def discoveries_since(session: Session, source: str, since: datetime) -> int:
    return session.scalar(select(func.count(Discovery.id)).where(Discovery.source == source,
                                                                 Discovery.first_seen >= since))

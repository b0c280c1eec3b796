"""Source health (last success, failures, recent articles, failing or silent) and the run history report."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from newswatch.operations.runs import COUNTERS, WALL_OUTCOMES, shown_status, source_failed
from newswatch.operations.unrecorded import RunEnd
from store import queries


@dataclass(frozen=True)
class SourceHealth:
    name: str
    last_run: datetime | None
    last_success: datetime | None
    consecutive_failures: int
    articles_7d: int
    articles_30d: int
    last_article: datetime | None
    last_listed: datetime | None  # when its channels last listed a URL not seen before
    last_error: str | None
    state: str  # ok, failing, silent, never-run
    note: str | None = None  # e.g. the listing pages from which no article link was taken
    walls: str | None = None  # "blocks automated readers on 3 of 3 pages (bot challenge)": told apart from errors

    def as_dict(self, iso: bool = True) -> dict:
        """The fields as a dict, times as ISO 8601 strings (or as datetimes with iso=False)."""
        return {k: v.isoformat() if iso and isinstance(v, datetime) else v for k, v in asdict(self).items()}


def source_health(session, name: str, now: datetime | None = None) -> SourceHealth:
    """Failing: its last run failed. Silent: its channels listed nothing new for over twice their usual gap
    (and at least 7 days), or never listed anything."""
    now = now or datetime.now(UTC)
    history = queries.source_history(session, name)
    failures = 0
    for _, counts in history:
        if not _failed(counts):
            break
        failures += 1
    success = next((run.finished_at for run, counts in history if not _failed(counts)), None)
    last_article = queries.last_article_at(session, name)
    recent_30 = queries.articles_since(session, name, now - timedelta(days=30))
    last_listed = queries.last_discovery_at(session, name)
    listed_30 = queries.discoveries_since(session, name, now - timedelta(days=30))
    usual_gap = timedelta(days=30) / listed_30 if listed_30 else timedelta(days=30)
    state = "ok"
    if not history:
        state = "never-run"
    elif failures:
        state = "failing"
    elif last_listed is None or now - last_listed > max(2 * usual_gap, timedelta(days=7)):
        state = "silent"
    empty = [c.url for c in queries.channels_of(session, name) if c.kind == "page" and c.status == "ok" and not c.entries]
    note = f"no article link taken from {', '.join(empty)}" if empty else None
    walls, fetched = queries.wall_counts(session, name, now - timedelta(days=30), WALL_OUTCOMES)
    return SourceHealth(name=name, last_run=history[0][0].finished_at if history else None, last_success=success,
                        walls=wall_summary(walls, fetched),
                        consecutive_failures=failures,
                        articles_7d=queries.articles_since(session, name, now - timedelta(days=7)),
                        articles_30d=recent_30, last_article=last_article, last_listed=last_listed,
                        last_error=history[0][1].last_error if history else None, state=state, note=note)


_WALL_WORDS = {"blocked": "bot challenge or refusal", "consent_wall": "consent wall", "rate_limited": "rate limit",
               "login_wall": "login page"}


def wall_summary(walls: dict[str, int], fetched: int) -> str | None:
    """What a source's walls did in the last 30 days, in words: None when it never met one."""
    if not walls:
        return None
    kinds = ", ".join(f"{_WALL_WORDS.get(k, k)} {n}" for k, n in sorted(walls.items()))
    return f"blocks automated readers on {sum(walls.values())} of {fetched} pages ({kinds})"


def _failed(row) -> bool:
    return source_failed({"found": row.found, "channel_errors": row.channel_errors}, row.last_error)


def run_reports(session, limit: int = 20, kind: str | None = None, iso: bool = True,
                kept: dict[int, RunEnd] | None = None) -> list[dict]:
    """The latest runs, newest first: times (ISO 8601 unless iso=False), status, message, totals over the
    sources, the failing sources and each source's counts. `kept`: the ends the archive refused when they
    happened (newswatch.operations.unrecorded), shown in place of a run still recorded as running."""
    reports = []
    for run in queries.recent_runs(session, limit=limit, kind=kind):
        end = (kept or {}).get(run.id)
        if run.status != "running" or end is None or end.pid != run.pid:
            end = None
        if end is not None:
            sources = [{"source": name, **{c: counts.get(c, 0) for c in COUNTERS}, "last_error": counts.get("last_error")}
                       for name, counts in sorted(end.sources.items())]
        else:
            sources = [{"source": s.source, **{c: getattr(s, c) for c in COUNTERS}, "last_error": s.last_error}
                       for s in sorted(run.sources, key=lambda s: s.source)]
        totals = {c: sum(s[c] for s in sources) if sources else None for c in COUNTERS}
        failing = [s["source"] for s in sources if source_failed(s, s["last_error"])]
        times = {"started_at": run.started_at, "finished_at": end.finished_at if end else run.finished_at}
        if iso:
            times = {k: v.isoformat() if v else None for k, v in times.items()}
        status, message = (end.status, end.message) if end else shown_status(run.status, run.pid, run.message)
        reports.append({"id": run.id, "kind": run.kind, **times,
                        "status": status, "pid": run.pid, "message": message, **totals,
                        "failing": ", ".join(failing) or None, "sources": sources})
    return reports

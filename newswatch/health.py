"""Source health: last success, consecutive failures, recent articles, and whether a source looks broken."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from newswatch.runs import source_failed
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
    last_error: str | None
    state: str  # ok, failing, silent, never-run

    def as_dict(self) -> dict:
        return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in asdict(self).items()}


def source_health(session, name: str, now: datetime | None = None) -> SourceHealth:
    """Failing: its last run failed. Silent: no new article for over twice its usual gap (at least 7 days)."""
    now = now or datetime.now(UTC)
    history = queries.source_history(session, name)
    failures = 0
    for _, counts in history:
        if not source_failed(_counts(counts)):
            break
        failures += 1
    success = next((run.finished_at for run, counts in history if not source_failed(_counts(counts))), None)
    last_article = queries.last_article_at(session, name)
    recent_30 = queries.articles_since(session, name, now - timedelta(days=30))
    usual_gap = timedelta(days=30) / recent_30 if recent_30 else timedelta(days=30)
    state = "ok"
    if not history:
        state = "never-run"
    elif failures:
        state = "failing"
    elif last_article is None or now - last_article > max(2 * usual_gap, timedelta(days=7)):
        state = "silent"
    return SourceHealth(name=name, last_run=history[0][0].finished_at if history else None, last_success=success,
                        consecutive_failures=failures,
                        articles_7d=queries.articles_since(session, name, now - timedelta(days=7)),
                        articles_30d=recent_30, last_article=last_article,
                        last_error=history[0][1].last_error if history else None, state=state)


def _counts(row) -> dict[str, int]:
    return {"found": row.found, "channel_errors": row.channel_errors}

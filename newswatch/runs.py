"""How a crawl run is judged: the per-source counters and the status of the run as a whole."""

from __future__ import annotations

import os
from contextlib import contextmanager

COUNTERS = ("found", "fetched", "extracted", "matched", "new", "skipped", "errors", "channel_errors")
ERROR_OUTCOMES = {"http_error", "network", "timeout", "refused", "too_large", "redirect_loop", "extract_timeout",
                  "extract_failed", "ignored"}


def source_failed(counts: dict[str, int]) -> bool:
    """A source failed when its channels errored and nothing at all was found through it."""
    return counts.get("channel_errors", 0) > 0 and counts.get("found", 0) == 0


def run_status(per_source: dict[str, dict[str, int]], finish_reason: str) -> tuple[str, str | None]:
    """"ok", "partial" (some sources failed) or "failed" (stopped early, or every source failed)."""
    failed = sorted(name for name, counts in per_source.items() if source_failed(counts))
    if finish_reason != "finished":
        return "failed", f"the crawl stopped early: {finish_reason}"
    if per_source and len(failed) == len(per_source):
        return "failed", "every source failed: " + ", ".join(failed)
    if failed:
        return "partial", "failing sources: " + ", ".join(failed)
    return "ok", None


class RunFailed(Exception):
    """The work of a recorded run failed; the message is recorded and shown."""


@contextmanager
def recorded_run(sessions, kind: str):
    """Record a run of `kind` around a block: "ok" when it ends normally, "failed" (with the error) if it raises."""
    from store import queries
    from store.db import transaction

    with transaction(sessions) as session:
        run_id = queries.start_run(session, kind, pid=os.getpid()).id
    status, message = "failed", "interrupted"
    try:
        yield
        status, message = "ok", None
    except BaseException as exc:
        message = str(exc) if isinstance(exc, RunFailed) else f"{type(exc).__name__}: {exc}"[:300]
        raise
    finally:
        with transaction(sessions) as session:
            queries.finish_run(session, run_id, status, message)

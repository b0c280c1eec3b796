"""How a crawl run is judged: the per-source counters and the status of the run as a whole."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from contextlib import contextmanager

COUNTERS = ("found", "resumed", "fetched", "extracted", "matched", "new", "headlines", "skipped", "errors",
            "channel_errors")
WALL_OUTCOMES = {"blocked", "consent_wall", "rate_limited", "login_wall"}  # newswatch.text.walls
ERROR_OUTCOMES = {"http_error", "soft_404", "network", "timeout", "refused", "too_large", "redirect_loop",
                  "extract_timeout", "extract_failed", "ignored", *WALL_OUTCOMES}
# Outcomes after which a page is no lead to keep: it was archived, judged, or is an aggregator link resolved.
NOT_A_LEAD = {"stored", "duplicate", "no_topic", "not_modified", "unchanged", "revised", "resolved"}


def is_lead_outcome(outcome: str | None) -> bool:
    """A page that could not become a full article (refused, walled, no text, not HTML, an aggregator link…):
    what its channel said of it is kept as a headline record when that matches a topic."""
    return outcome is not None and outcome not in NOT_A_LEAD


EXIT_WRITE_FAILED = 74  # EX_IOERR (sysexits.h): the archive could not be written; the crawl stopped there


class WriteFailed(Exception):
    """A crawl stopped because the archive could not be written (the message is one sentence, see write_failed)."""


# How the two sentences of a crawl the archive stopped begin (store/datasette.yaml's source_health matches them too)
WRITE_FAILED, READ_FAILED = "the archive could not be written (", "the archive could not be read ("


def write_failed(reason: str) -> str:
    """What a crawl stopped by a failed write says, and records as its run's message."""
    return (f"{WRITE_FAILED}{reason}): the crawl stopped at its first failed write, "
            "and the next crawl fetches what was not stored")


def read_failed(reason: str) -> str:
    """What a crawl stopped by a failed read of the archive says, and records as its run's message."""
    return f"{READ_FAILED}{reason}): the crawl stopped there, and the next crawl fetches what was not stored"


def archive_failed(message: str | None) -> bool:
    """Whether a source's last error says the archive stopped its crawl (write_failed, read_failed)."""
    return bool(message) and message.startswith((WRITE_FAILED, READ_FAILED))


DEAD_RUN = "its process ended before the run finished (killed?): the next crawl fetches what was left"


def process_alive(pid: int | None) -> bool:
    """Whether a process with this id runs on this machine (a run recorded without a pid counts as alive)."""
    if pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def shown_status(status: str, pid: int | None, message: str | None) -> tuple[str, str | None]:
    """The status and message to show for a run: one recorded as running whose process is gone was interrupted."""
    if status == "running" and not process_alive(pid):
        return "interrupted", DEAD_RUN
    return status, message


def source_failed(counts: dict[str, int], last_error: str | None = None) -> bool:
    """A source failed when its channels errored and nothing at all was found through it, or when the archive
    refused its crawl's writes or reads (its last error says so)."""
    return (counts.get("channel_errors", 0) > 0 and counts.get("found", 0) == 0) or archive_failed(last_error)


def run_status(per_source: dict[str, dict[str, int]], finish_reason: str,
               failed_sources: Iterable[str] = ()) -> tuple[str, str | None]:
    """"ok", "partial" (some sources failed), "interrupted" (stopped by a signal) or "failed" (stopped early
    otherwise, or every source failed). `failed_sources` failed whatever their counts say (a distributed
    crawl of them that did not end well)."""
    failed = sorted({name for name, counts in per_source.items() if source_failed(counts)} | set(failed_sources))
    if finish_reason == "shutdown":
        return "interrupted", "stopped by a signal after the pages in flight: the next crawl fetches what was left"
    if finish_reason.startswith("stopped at once"):
        return "interrupted", f"{finish_reason}: the next crawl fetches what was left"
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


def source_verdict(source: str, counts: dict[str, int], last_error: str | None) -> tuple[int, str]:
    """The log level and the sentence that say what happened to one source in this crawl."""
    errors = counts["errors"] + counts["channel_errors"]
    last = f"; last error: {last_error}" if last_error else ""
    if source_failed(counts):
        return logging.WARNING, f"{source}: FAILED, none of its channels answered ({counted(errors, 'error')}{last})"
    resumed = f"{counts['resumed']} resumed, " if counts.get("resumed") else ""
    text = (f"{source}: {counts['found']} found, {resumed}{counts['skipped']} already known, {counts['fetched']} fetched, "
            f"{counts['extracted']} extracted, {counts['matched']} matched, {counts['new']} new")
    if errors:
        return logging.WARNING, f"{text}, {counted(errors, 'error')}{last}"
    return logging.INFO, text


def counted(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")

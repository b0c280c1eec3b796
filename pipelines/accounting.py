"""The run a crawl records: what each of its sources found, fetched, stored and failed on, and its status."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from datetime import UTC, datetime

from crawler.items import ChannelResult, Page
from newswatch.operations.runs import COUNTERS, ERROR_OUTCOMES, run_status
from newswatch.operations.unrecorded import RunEnd, keep_end
from store import queries

logger = logging.getLogger(__name__)


class RunAccount:
    """Counts a crawl's work per source in the crawl stats (`newswatch/source/<name>/<counter>`, the counters
    of newswatch.operations.runs.COUNTERS) with each source's last error, and records the run: started when the crawl
    opens (or joined: one task of a distributed run), finished with its status when it ends."""

    def __init__(self, stats, sources: list[str], join_run: int | None):
        self.stats, self.sources, self.join_run = stats, sources, join_run
        self.run_id: int | None = None
        self.last_error: dict[str, str] = {}
        self.failure: str | None = None  # the archive refused a write or a read: the sentence that says so

    def start(self, session) -> int:
        """Record the run's start (in the caller's transaction) and return its id."""
        queries.ensure_sources(session, self.sources)
        return self.join_run or queries.start_run(session, "crawl", pid=os.getpid()).id

    def started(self, run_id: int) -> None:
        self.run_id = run_id
        self.stats.set_value("newswatch/run_id", run_id)

    def add(self, counts: Mapping[str, int]) -> None:
        """Add increments to the crawl stats (what a committed write did)."""
        for key, value in counts.items():
            self.stats.inc_value(key, value)

    def channel(self, item: ChannelResult) -> None:
        if item.status == "error":
            self.last_error[item.source] = f"{item.kind} {item.url}: {item.error}"

    def page(self, page: Page) -> None:
        """Count a page's outcome in the run's statistics."""
        self.stats.inc_value(f"newswatch/outcome/{page.outcome}")
        if page.outcome in ERROR_OUTCOMES:
            self.stats.inc_value(f"newswatch/source/{page.source}/errors")
            self.last_error[page.source] = f"{page.url}: {page.reason}"

    @property
    def finished(self) -> bool:
        """Whether the run's end was already recorded (or tried)."""
        return bool(self.stats.get_value("newswatch/run_status"))

    def per_source(self) -> dict[str, dict[str, int]]:
        return {name: {c: self.stats.get_value(f"newswatch/source/{name}/{c}", 0) for c in COUNTERS}
                for name in self.sources}

    def failed(self, sentence: str) -> None:
        """The archive refused a write (or a read): the crawl stopped, and so the run and each of its sources
        failed, with this sentence as the run's message and each source's last error."""
        self.failure = sentence

    def verdict(self, finish_reason: str) -> tuple[str, str | None]:
        """The run's status and message: "failed" with the reason when the archive failed the crawl."""
        return ("failed", self.failure) if self.failure else run_status(self.per_source(), finish_reason)

    def last_error_of(self, source: str) -> str | None:
        return self.failure or self.last_error.get(source)

    def record(self, session, status: str, message: str | None) -> None:
        """Record each source's counts and, unless it belongs to a distributed run (finished by the crawl that
        enqueued it), the run's end."""
        for name, counts in self.per_source().items():
            queries.record_run_source(session, self.run_id, name, counts, self.last_error_of(name))
        if self.join_run is None:
            queries.finish_run(session, self.run_id, status, message)

    def keep(self, path, status: str, message: str | None) -> None:
        """The archive refused the run's end: keep it in `path`, beside the archive, for the next crawl to record."""
        try:
            keep_end(path, self.end(status, message))
        except OSError as exc:
            logger.warning("the run's end could not be kept in %s either: %s", path, exc.strerror or exc)

    def end(self, status: str, message: str | None) -> RunEnd:
        """What `record` would have written, to be kept outside the archive when it refuses it."""
        return RunEnd(run_id=self.run_id, pid=os.getpid(), status=status, message=message,
                      finished_at=datetime.now(UTC),
                      sources={name: {**counts, "last_error": self.last_error_of(name)}
                               for name, counts in self.per_source().items()})

    def ended(self, status: str) -> None:
        self.stats.set_value("newswatch/run_status", status)

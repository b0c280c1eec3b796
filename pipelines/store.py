"""StorePipeline: write discoveries, channel outcomes, fetch outcomes and pages; record the run; stop the crawl
at the first write the archive refuses (or the first read of the spider's that fails)."""

from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from crawler.context import archive_unreadable, crawl_context
from crawler.items import ChannelResult, Discoveries, OldEntries, Page
from crawler.stopping import drop_queued, stop_now
from newswatch.operations.runs import read_failed, write_failed
from newswatch.operations.unrecorded import unrecorded_path
from newswatch.operations.workers import abandon_extraction
from pipelines.accounting import RunAccount
from pipelines.saving import Saver
from store.db import WRITE_ERRORS, error_reason, transaction

BATCH_ITEMS, BATCH_SECONDS = 500, 2.0  # discoveries and already-judged pages are written in bulk
WRITE_FAILED = "archive_write_failed"  # the reason the spider is closed with when a write failed

logger = logging.getLogger(__name__)


class StorePipeline:
    """The only writer of a crawl: one short BEGIN IMMEDIATE transaction per article, per channel outcome,
    and per batch of discoveries and already-judged pages (flushed every 500 items or 2 s, and at the end).

    A write the archive refuses (locked past the busy timeout, connection lost, disk full) stops the crawl at
    once: nothing more is extracted or written, the run is recorded as failed if the archive takes that
    write, and every page not stored is left without an outcome, so the next crawl fetches it. The batch
    that failed is not retried: its URLs are found again, because a channel's validators are written only
    after the URLs it listed.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.context = crawl_context(crawler)
        self.run = RunAccount(crawler.stats, self.context.sources, self.context.join_run)
        self.saver: Saver | None = None
        self.pending: list = []
        self.pending_since = 0.0
        self.failure: str | None = None  # why the archive could not be written: then nothing more is
        self.ending = False  # the crawl is closing: a failed write has nothing left to stop

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipeline.stopped_at_once, signal=stop_now)
        crawler.signals.connect(pipeline.unreadable, signal=archive_unreadable)
        return pipeline

    def open_spider(self):
        with transaction(self.context.writer) as session:
            run_id = self.run.start(session)
        self.run.started(run_id)
        config = self.context.config
        self.saver = Saver(run_id, config.crawl.retry_runs, config.store.keep_raw)

    def process_item(self, item):
        if self.failure is None:
            if _batchable(item):
                self.hold(item)
            elif self.flush() and self.write(self.store_one, item):
                self.count(item)
        if self.failure is not None:
            raise DropItem(f"not stored: {self.failure}", log_level="DEBUG")
        return item

    def hold(self, item) -> None:
        if not self.pending:
            self.pending_since = time.monotonic()
        self.pending.append(item)
        if len(self.pending) >= BATCH_ITEMS or time.monotonic() - self.pending_since >= BATCH_SECONDS:
            self.flush()

    def store_one(self, session, item) -> None:
        if isinstance(item, ChannelResult):
            self.saver.save_channel(session, item)
        elif isinstance(item, Page):
            self.saver.save(session, item)

    def flush(self) -> bool:
        """Write the pending discoveries and judged pages in one transaction; False if the archive failed."""
        pending, self.pending = self.pending, []
        if not pending:
            return True
        if not self.write(self.saver.save_batch, pending):
            return False
        for item in pending:
            self.count(item)
        return True

    def count(self, item) -> None:
        """Count a written item in the run."""
        if isinstance(item, Page):
            self.run.page(item)
        elif isinstance(item, ChannelResult):
            self.run.channel(item)

    def write(self, work, *args, last: bool = False) -> bool:
        """`work(session, *args)` in one transaction, counted once committed; False if the archive refused it
        (the crawl then stops). Once a write failed, nothing more is written but the `last` one: the run's end."""
        if self.failure is not None and not last:
            return False
        try:
            with transaction(self.context.writer) as session:
                work(session, *args)
        except WRITE_ERRORS as exc:
            self.saver.take()  # what the failed transaction did is undone: not counted
            if self.failure is None:
                self.fail(exc)
            else:
                logger.info("the run could not be recorded either: %s", error_reason(exc))
            return False
        self.run.add(self.saver.take())
        return True

    def fail(self, exc: BaseException, sentence=write_failed) -> None:
        """The first refused write (or failed read): stop the crawl now (pages in flight are neither extracted
        nor stored)."""
        self.failure = sentence(error_reason(exc))
        self.run.failed(self.failure)
        self.pending = []  # without an outcome: the next crawl finds them again
        logger.info("%s", self.failure)  # -v; the command says it once at the default level
        logger.debug("the failed write:", exc_info=exc)
        abandon_extraction(self.crawler)
        engine = self.crawler.engine
        if not self.ending and engine is not None and engine.spider is not None:
            drop_queued(self.crawler)
            deferred_from_coro(self._close(engine))

    def unreadable(self, exc: BaseException) -> None:
        """The spider could not read the archive: the crawl stops as after a refused write, and says why."""
        if self.failure is None:
            self.fail(exc, read_failed)

    @staticmethod
    async def _close(engine) -> None:
        try:
            await engine.close_spider_async(reason=WRITE_FAILED)
        except RuntimeError:  # closed meanwhile
            pass

    def close_spider(self):
        self.ending = True
        self.flush()

    def spider_closed(self, spider, reason):
        self.finish_run(reason)

    def stopped_at_once(self, reason):
        """A second signal: the reactor stops without closing the spider, so the run is recorded now."""
        self.finish_run(reason)

    def finish_run(self, reason: str) -> None:
        self.ending = True
        if self.run.run_id is None or self.run.finished:
            return  # not started, or already recorded
        self.flush()
        status, message = self.run.verdict(reason)
        recorded = self.write(self.run.record, status, message, last=True)
        if not recorded and self.run.join_run is None:  # the next crawl records it (a distributed run's own does)
            self.run.keep(unrecorded_path(self.context.config), status, message)
        self.run.ended("failed" if self.failure else status)
        stats = self.crawler.stats
        stats.set_value("newswatch/run_recorded", recorded)
        if self.failure:
            stats.set_value("newswatch/write_failed", self.failure)


def _batchable(item) -> bool:
    """Discoveries, a feed's old entries and pages already judged (no article, headline or re-check to save) can
    wait for a bulk write."""
    if isinstance(item, (Discoveries, OldEntries)):
        return True
    return isinstance(item, Page) and item.outcome is not None and item.recheck_of is None and not item.matches

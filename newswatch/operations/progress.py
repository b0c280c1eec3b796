"""ProgressExtension: a live line on a terminal, plain periodic log lines otherwise, and a verdict per source."""

from __future__ import annotations

import logging
import shutil
import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.context import crawl_context
from crawler.items import ChannelResult, Page
from newswatch.operations.runs import COUNTERS, ERROR_OUTCOMES, counted, source_verdict

try:
    from scrapy.utils.asyncio import create_looping_call  # Scrapy 2.14+
except ImportError:  # pragma: no cover - Scrapy 2.13
    from twisted.internet.task import LoopingCall as create_looping_call

logger = logging.getLogger("newswatch.progress")  # the name a run's log lines have always carried
PREFIX = "newswatch/source/"


def source_counts(stats: dict, source: str) -> dict[str, int]:
    """One source's counters from the crawl stats (the same ones the run records)."""
    return {c: stats.get(f"{PREFIX}{source}/{c}", 0) for c in COUNTERS}


def progress_text(stats: dict, sources: list[str], elapsed: float) -> str:
    """One line: elapsed time and what the crawl has found, fetched, stored and failed on so far."""
    total = {c: sum(source_counts(stats, s)[c] for s in sources) for c in COUNTERS}
    errors = total["errors"] + total["channel_errors"]
    queued = stats.get("scheduler/enqueued", 0) - stats.get("scheduler/dequeued", 0)
    minutes, seconds = divmod(int(elapsed), 60)
    return (f"crawl {minutes:02d}:{seconds:02d}  {len(sources)} sources · {total['found']} found · "
            f"{total['fetched']} fetched · {total['new']} new · {counted(errors, 'error')}"
            f" · {queued} queued")


class ProgressExtension:
    """Shows how a crawl is going: every second on a terminal (stderr), every minute as a log line otherwise.

    Settings: NEWSWATCH_PROGRESS (default True), NEWSWATCH_PROGRESS_TTY_INTERVAL (1 s),
    NEWSWATCH_PROGRESS_LOG_INTERVAL (60 s; 0 switches the periodic log lines off).
    """

    def __init__(self, crawler, stream, interval: float):
        self.crawler, self.stats = crawler, crawler.stats
        self.stream, self.interval = stream, interval  # stream is None: log lines instead of a live line
        self.last_error: dict[str, str] = {}
        self.sources: list[str] = []
        self.started = time.monotonic()
        self.task = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("NEWSWATCH_PROGRESS", True):
            raise NotConfigured
        tty = sys.stderr.isatty()
        interval = settings.getfloat("NEWSWATCH_PROGRESS_TTY_INTERVAL" if tty else "NEWSWATCH_PROGRESS_LOG_INTERVAL",
                                     1.0 if tty else 60.0)
        extension = cls(crawler, sys.stderr if tty else None, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider):
        self.sources = list(crawl_context(self.crawler).sources)
        self.started = time.monotonic()
        if self.interval > 0:
            self.task = create_looping_call(self.show)
            self.task.start(self.interval, now=False)

    def item_scraped(self, item, response, spider):
        if isinstance(item, ChannelResult) and item.status == "error":
            self.last_error[item.source] = f"{item.kind} {item.url}: {item.error}"
        elif isinstance(item, Page) and item.outcome in ERROR_OUTCOMES:
            self.last_error[item.source] = f"{item.url}: {item.reason}"

    def show(self, final: bool = False) -> None:
        text = progress_text(self.stats.get_stats(), self.sources, time.monotonic() - self.started)
        if self.stream is None:
            logger.info("progress: %s", text)
            return
        width = shutil.get_terminal_size((100, 20)).columns - 1
        # End on "\r" so that a log line printed meanwhile overwrites the progress line instead of trailing it.
        self.stream.write("\r\x1b[K" + text[:width] + ("\n" if final else "\r"))
        self.stream.flush()

    def spider_closed(self, spider, reason):
        if self.task is not None and self.task.running:
            self.task.stop()
        if self.stream is not None:
            self.show(final=True)
        stats = self.stats.get_stats()
        for source in self.sources:
            level, text = source_verdict(source, source_counts(stats, source), self.last_error.get(source))
            logger.log(level, text)

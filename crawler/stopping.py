"""Stopping a crawl on SIGINT or SIGTERM: the first finishes the pages in flight and starts nothing new,
the second stops at once. Whatever was left is fetched by the next run (see ArticleSpider.unfinished)."""

from __future__ import annotations

import signal
import sys

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.ossignal import install_shutdown_handlers
from twisted.python.failure import Failure

# Scrapy signal sent when the crawl stops at once: the store records the run as interrupted, with its counts.
stop_now = object()


class StopRequested(IgnoreRequest):
    """The crawl is stopping: the request is not sent, and no outcome is recorded for its URL."""


def stopping(crawler) -> bool:
    """Whether this crawl was asked to stop (its engine no longer takes requests)."""
    engine = getattr(crawler, "engine", None)
    return engine is not None and engine.spider is not None and not engine.running


def drop_queued(crawler) -> int:
    """Fail the requests waiting in the downloader (for the delay or a free connection) with StopRequested;
    return how many pages are still in flight (being downloaded, or processed after download)."""
    engine = crawler.engine
    slots = engine.downloader.slots.values()
    for slot in slots:
        while slot.queue:
            _request, deferred = slot.queue.popleft()
            deferred.errback(Failure(StopRequested("the crawl is stopping")))
    scraping = engine.scraper.slot.active if engine.scraper.slot is not None else set()
    return len(set().union(*(slot.transferring for slot in slots), scraping))


class SignalStop:
    """The SIGINT/SIGTERM handlers of `newswatch crawl` (instead of Scrapy's, which stop without a word and
    leave a twice-interrupted run recorded as running)."""

    def __init__(self, crawler, stream=None):
        self.crawler, self.stream = crawler, stream or sys.stderr
        self.received = 0

    def install(self) -> None:
        install_shutdown_handlers(self.on_signal)

    def on_signal(self, signum: int, _frame) -> None:
        # Nothing may be written in a signal handler (the stream may be mid-write): the reactor does the work.
        from twisted.internet import reactor

        self.received += 1
        if self.received == 1:
            reactor.callFromThread(self.finish_in_flight, signum)
        elif self.received == 2:
            reactor.callFromThread(self.stop_at_once, signum)

    def finish_in_flight(self, signum: int) -> None:
        if self.crawler.engine is None or self.crawler.engine.spider is None:  # not started yet: nothing to finish
            self.stop_at_once(signum)
            return
        # from here on the engine takes no new request (Crawler.stop_async since Scrapy 2.14)
        if hasattr(self.crawler, "stop_async"):
            deferred_from_coro(self.crawler.stop_async())
        else:  # pragma: no cover - Scrapy 2.13
            self.crawler.stop()
        in_flight = drop_queued(self.crawler)
        again = "^C again" if signum == signal.SIGINT else f"{signal.Signals(signum).name} again"
        self.say(f"stopping: finishing {in_flight} page{'s' * (in_flight != 1)} in flight ({again} to stop now)")

    def stop_at_once(self, signum: int) -> None:
        from twisted.internet import reactor

        self.say("stopping now: what was left is fetched by the next crawl")
        self.crawler.signals.send_catch_log(signal=stop_now, reason=f"stopped at once by {signal.Signals(signum).name}")
        if reactor.running:
            reactor.stop()

    def say(self, text: str) -> None:
        tty = self.stream.isatty()
        self.stream.write(("\r\x1b[K" if tty else "") + text + "\n")
        self.stream.flush()

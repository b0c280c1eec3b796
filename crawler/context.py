"""What every component of one crawl shares: the config and the archive's sessions, built once per crawler."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from scrapy.exceptions import CloseSpider
from sqlalchemy.orm import Session, sessionmaker

from crawler.settings import config_settings, settings_config
from newswatch.config import Config
from store.db import WRITE_ERRORS, make_engine, session_factory
from store.migrate import upgrade

# Scrapy signal sent (with `exc`) when a read of the archive failed: the store stops the crawl, as after a
# refused write, and records why.
archive_unreadable = object()
READ_FAILED = "archive_read_failed"  # the reason the spider is closed with


@dataclass
class CrawlContext:
    config: Config
    reader: sessionmaker[Session]
    writer: sessionmaker[Session]
    sources: list[str]  # the source names this crawl covers
    join_run: int | None = None  # the distributed run these sources belong to (None: a run of its own)


def apply_config(settings) -> None:
    """Fill Scrapy settings from newswatch.toml when `scrapy crawl` is used directly (NEWSWATCH_CONFIG setting)."""
    if settings.get("NEWSWATCH") is None:
        settings.setdict(config_settings(settings_config(settings)), priority="spider")


def crawl_context(crawler) -> CrawlContext:
    """The shared context of this crawler, created on first use."""
    context = getattr(crawler, "_newswatch_context", None)
    if context is None:
        config = crawler.settings.get("NEWSWATCH")
        upgrade(config.store.url)
        wanted = crawler.settings.getlist("NEWSWATCH_SOURCES") or [s.name for s in config.sources]
        for name in wanted:
            config.source(name)  # raises ConfigError for an unknown name
        store = config.store
        context = CrawlContext(config=config,
                               reader=session_factory(make_engine(store.url, busy_timeout=store.busy_timeout_seconds)),
                               writer=session_factory(make_engine(store.url, writer=True,
                                                                  busy_timeout=store.busy_timeout_seconds)),
                               sources=wanted, join_run=crawler.settings.getint("NEWSWATCH_JOIN_RUN") or None)
        crawler._newswatch_context = context
    return context


@contextmanager
def reading(crawler) -> Iterator[Session]:
    """A session on the archive for the spider's reads. A database error (a connection cut, a file gone bad)
    stops the crawl instead of printing a traceback: the store is told (`archive_unreadable`), then
    CloseSpider, which Scrapy takes quietly from callbacks, `start()` and spider_idle handlers."""
    try:
        with crawl_context(crawler).reader() as session:
            yield session
    except WRITE_ERRORS as exc:
        crawler.signals.send_catch_log(signal=archive_unreadable, exc=exc)
        raise CloseSpider(READ_FAILED) from None

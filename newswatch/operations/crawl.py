"""Run one crawl in this process (each crawl is its own process: Scrapy's reactor cannot restart)."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.settings import config_settings
from crawler.spiders.news import NewsSpider
from crawler.startup import import_download_handler
from crawler.stopping import SignalStop
from newswatch.config import Config


@dataclass(frozen=True)
class CrawlResult:
    run_id: int | None
    status: str  # ok, partial, failed, interrupted
    write_failed: str | None = None  # the crawl stopped because the archive could not be written or read (one sentence)
    recorded: bool = False  # whether the run's end (status and counts) is in the archive


def run_crawl(config: Config, sources: list[str] | None = None, log_level: str = "WARNING",
              join_run: int | None = None) -> CrawlResult:
    """Crawl the given sources (default: all) into the archive; blocks until the crawl ends.

    `join_run`: record the sources into that run (started by a distributed crawl, which finishes it) instead
    of a run of its own.
    """
    for name in sources or []:
        config.source(name)  # an unknown name is a ConfigError before anything starts
    import_download_handler()
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.setdict({**config_settings(config), "LOG_LEVEL": log_level,
                      "NEWSWATCH_SOURCES": list(sources or []),
                      "NEWSWATCH_JOIN_RUN": join_run}, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler)
    SignalStop(crawler).install()  # ^C: finish the pages in flight, say so; a second ^C: stop now
    process.start(install_signal_handlers=False)
    stats = crawler.stats
    return CrawlResult(run_id=stats.get_value("newswatch/run_id"), status=stats.get_value("newswatch/run_status", "failed"),
                       write_failed=stats.get_value("newswatch/write_failed"),
                       recorded=bool(stats.get_value("newswatch/run_recorded")))

"""QuietNetworkErrors: a site that cannot be reached costs one line of log, not a traceback; LoggerLevels: no
record is made below LOG_LEVEL."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import (CannotResolveHostError, DownloadConnectionRefusedError, DownloadFailedError,
                               DownloadTimeoutError, ResponseDataLossError)

from crawler.outcomes import classify_failure

NETWORK_ERRORS = (CannotResolveHostError, DownloadConnectionRefusedError, DownloadFailedError, DownloadTimeoutError,
                  ResponseDataLossError, ConnectionError, TimeoutError)
ROBOTS_LOGGER = "scrapy.downloadermiddlewares.robotstxt"


class RobotsDownloadFilter(logging.Filter):
    """Scrapy logs a robots.txt it could not download as an ERROR with the whole chained traceback, though the
    site is then crawled as if it allowed everything, and each request's own failure is recorded anyway.
    A network failure becomes one INFO line (shown with -v); any other error keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, NETWORK_ERRORS) and isinstance(record.args, dict) and "request" in record.args:
            url = record.args["request"].url
            record.msg = "robots.txt of %s could not be downloaded (%s): its URLs are fetched as if it allowed them"
            record.args = (urlsplit(url).netloc, classify_failure(exc, url).reason)
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
        return True


class SizeLimitFilter(logging.Filter):
    """Scrapy logs each answer past its size limit as a WARNING naming the request (the download handler when it
    is announced or received, the decompression middleware when it inflates past it): a line on stderr, which cron
    mails, for each page. The page's outcome (`too_large`) is recorded and its source's verdict says it: one INFO
    line instead (shown with -v)."""

    LOGGERS = ("scrapy.core.downloader.handlers.http11", "scrapy.core.downloader.handlers.http2",
               "scrapy.downloadermiddlewares.httpcompression")
    SAYS = ("larger than download max size", "exceeded DOWNLOAD_MAXSIZE")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and any(says in str(record.msg) for says in self.SAYS):
            record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
        return True


class QuietNetworkErrors:
    """Installs RobotsDownloadFilter and SizeLimitFilter for the time of the crawl. (Retries given up are logged at
    INFO through RETRY_GIVE_UP_LOG_LEVEL, and channel failures by the spider at INFO: each source's verdict says it
    once.)"""

    def __init__(self):
        self.filters = [(ROBOTS_LOGGER, RobotsDownloadFilter())]
        self.filters += [(name, SizeLimitFilter()) for name in SizeLimitFilter.LOGGERS]
        for name, installed in self.filters:
            logging.getLogger(name).addFilter(installed)

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls()
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_stopped(self):
        for name, installed in self.filters:
            logging.getLogger(name).removeFilter(installed)


class LoggerLevels:
    """Sets the levels of the root and `scrapy` loggers to LOG_LEVEL while the engine runs, and gives them back.

    Scrapy's handler drops what is below LOG_LEVEL, but Scrapy opens the `scrapy` logger to DEBUG (and the root
    one to every level): each page's "Crawled (200)" and "Scraped from" DEBUG records were made, their caller
    looked up, then dropped, 3 % of a watch's CPU in the crawl process."""

    LOGGERS = ("", "scrapy")

    def __init__(self, level: str):
        self.level, self.levels = level, {}

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler.settings.get("LOG_LEVEL"))
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_started(self):
        for name in self.LOGGERS:
            self.levels[name] = logging.getLogger(name).level
            logging.getLogger(name).setLevel(self.level)

    def engine_stopped(self):
        for name, level in self.levels.items():
            logging.getLogger(name).setLevel(level)

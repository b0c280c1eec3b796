"""StartupHeap: a crawl process collects no garbage while it starts, and never walks what start-up built."""

from __future__ import annotations

import gc

from scrapy import signals


class StartupHeap:
    """Once the engine runs: the objects start-up made (modules, Scrapy's machinery, the archive's mappings) are
    frozen out of the collector's reach, and collection (held back by `newswatch crawl` since its start) resumes.

    Importing Scrapy, Twisted and SQLAlchemy makes hundreds of thousands of objects that live as long as the
    process: three full collections walked them while a crawl started (about 0.1 s of CPU, a tenth of a crawl
    that finds a few new pages), and every later full collection walked them again.
    """

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls()
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        return extension

    def engine_started(self):
        gc.freeze()
        gc.enable()

"""What a crawl process does to start cheaply: StartupHeap (no garbage collection while it starts, and never over what
start-up built), and Scrapy's download handler imported without reading the call stack's sources."""

from __future__ import annotations

import gc
import inspect
import sys

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


HANDLER = "scrapy.core.downloader.handlers.http11"


def import_download_handler() -> None:
    """Import Scrapy's HTTP download handler (its engine would, as it starts), without the cost of its aliases.

    Two of its modules (scrapy.core.downloader.tls and .contextfactory) make deprecated aliases of their classes,
    and each asks `inspect.stack()` which module calls it: that reads the source lines of every frame on the stack
    (about forty when a crawl starts), ≈ 0.35 s of CPU in every crawl on a 2-core host, against 0.1 s for the rest
    of the import. While it is imported, `inspect.stack` gives the same frames without their source lines.
    """
    if HANDLER in sys.modules:
        return
    stack = inspect.stack
    inspect.stack = _frames
    try:
        __import__(HANDLER)
    finally:
        inspect.stack = stack


def _frames(context: int = 1) -> list[inspect.FrameInfo]:
    """`inspect.stack()` without reading any source: the caller's frame and those below it, each with its file, line
    and function."""
    frames, frame = [], sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        frames.append(inspect.FrameInfo(frame, code.co_filename, frame.f_lineno, code.co_name, None, None))
        frame = frame.f_back
    return frames

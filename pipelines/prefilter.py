"""PrefilterPipeline: skip extraction of pages whose raw HTML cannot match any topic."""

from __future__ import annotations

from scrapy.exceptions import DropItem, NotConfigured

from crawler.context import crawl_context
from crawler.items import Page
from newswatch.operations.workers import ExtractAbandoned, ExtractFailed, ExtractorPool, ExtractTimeout, crawl_pool
from newswatch.text.prefilter import Prefilter


class PrefilterPipeline:
    """Only with keep_unmatched = false: a page whose raw HTML cannot match any topic is `no_topic` at once.

    The test runs in the extraction workers (it reads the whole page), so it uses every core; a page that
    may match is extracted in the same task (ExtractPipeline takes the result over), so it is sent once.
    """

    def __init__(self, prefilter: Prefilter, pool: ExtractorPool, stats, evidence: bool = False):
        self.prefilter, self.pool, self.stats = prefilter, pool, stats
        self.evidence = evidence  # [store] keep_raw: a page that may match comes back with its bytes packed

    @classmethod
    def from_crawler(cls, crawler):
        config = crawl_context(crawler).config
        if config.crawl.keep_unmatched:
            # keep_unmatched = true: every page is extracted. No message: Scrapy logs one as a WARNING, which
            # cron would mail after every run.
            raise NotConfigured()
        pool = crawl_pool(crawler, config.crawl.extract_workers, config.crawl.extract_timeout_seconds)
        return cls(Prefilter(config.topics), pool, crawler.stats, config.store.keep_raw)

    async def process_item(self, item):
        # a re-check is compared with its archived version whatever its topics now: never skipped
        if (isinstance(item, Page) and item.outcome is None and item.body is not None and item.recheck_of is None
                and not self.prefilter.always):
            try:
                made = await self.pool.prefilter_and_extract(self.prefilter.queries, item.body, item.charset,
                                                             item.landed_url, item.feed_title or "",
                                                             item.told(), parts=tuple(item.parts),
                                                             evidence=self.evidence)
            except (ExtractTimeout, ExtractFailed) as exc:
                # the prefilter reads a page in linear time: past the time limit, it was the extraction
                item.premade = exc
                return item
            except ExtractAbandoned as exc:  # the archive could not be written: no outcome, the next crawl fetches it
                raise DropItem(str(exc), log_level="DEBUG") from None
            if made is None:
                self.stats.inc_value("newswatch/prefilter/skipped")
                item.decide("no_topic", "no topic word anywhere in the raw page")
            else:
                item.premade = made
        return item

"""PrefilterPipeline: skip extraction of pages whose raw HTML cannot match any topic."""

from __future__ import annotations

from scrapy.exceptions import NotConfigured

from crawler.context import crawl_context
from crawler.items import Page
from newswatch.topics import Prefilter


class PrefilterPipeline:
    """Only with keep_unmatched = false: a page without any topic word in its raw HTML is `no_topic` at once."""

    def __init__(self, prefilter: Prefilter, stats):
        self.prefilter, self.stats = prefilter, stats

    @classmethod
    def from_crawler(cls, crawler):
        config = crawl_context(crawler).config
        if config.crawl.keep_unmatched:
            raise NotConfigured("keep_unmatched = true: every page is extracted")
        return cls(Prefilter(config.topics), crawler.stats)

    def process_item(self, item):
        if isinstance(item, Page) and item.outcome is None and item.html is not None:
            if not self.prefilter.might_match(item.html, item.feed_title or "", item.feed_summary or ""):
                self.stats.inc_value("newswatch/prefilter/skipped")
                item.decide("no_topic", "no topic word anywhere in the raw page")
        return item

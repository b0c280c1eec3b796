"""CitedPipeline: the documents a matching article cites are fetched in the same crawl."""

from __future__ import annotations

from crawler.items import Page


class CitedPipeline:
    """A matching article's content links the documents it reports on (the prefect's order, the environmental
    authority's opinion, the inquiry's report): once the article is archived with their sightings, they are asked
    for (crawler.articles.ArticleSpider.cited_requests), judged on their own words as a documents listing's are."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        if isinstance(item, Page) and item.matches and item.extracted is not None and item.extracted.cited:
            for request in self.crawler.spider.cited_requests(item.source, item.key, item.extracted.cited):
                self.crawler.engine.crawl(request)
        return item

"""CitedPipeline: the documents and articles a matching article cites are fetched in the same crawl."""

from __future__ import annotations

from crawler.items import Page


class CitedPipeline:
    """A matching article's content links the documents it reports on (the prefect's order, the environmental
    authority's opinion, the inquiry's report) and the articles it quotes (the daily's report a blog cites): once
    the article is archived with their sightings, they are asked for (crawler.articles.ArticleSpider.cited_requests)
    and judged on their own words, a walled article on its link's words or its address's. What a cited page cites
    is not followed in turn: one step from what the group's sources list."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        if isinstance(item, Page) and item.cites():
            for request in self.crawler.spider.cited_requests(item.source, item.key, item.citations()):
                self.crawler.engine.crawl(request)
        return item

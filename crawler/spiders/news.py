"""The generic spider: crawl every configured source through its feeds, sitemaps, listing pages and search feeds."""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy import signals

from crawler.articles import ArticleSpider
from crawler.context import apply_config, crawl_context, reading
from crawler.feedchannels import FeedSpider
from crawler.leads import LeadSpider
from crawler.listings import ListingSpider
from crawler.plan import crawl_channels, validators_since
from crawler.sitemapchannels import SitemapSpider
from store.queries import channel_validators, feeds_keeping_old, last_reads


class NewsSpider(FeedSpider, SitemapSpider, ListingSpider, ArticleSpider, LeadSpider):
    """Discovers article URLs in each source's channels, skips the known ones and fetches the rest."""

    name = "news"

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        apply_config(settings)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.context = crawl_context(crawler)
        spider.scheduled: set[str] = set()
        spider.sitemaps_asked: set[tuple[str, str]] = set()
        spider.read_since = validators_since(spider.context.config.crawl, datetime.now(UTC))
        spider.init_leads()
        spider.init_relists()
        crawler.signals.connect(spider.media_headers, signal=signals.headers_received)
        return spider

    async def start(self):
        channels = crawl_channels(self.context.config, self.context.sources)
        with reading(self.crawler) as session:
            validators = channel_validators(session, [url for _, _, url in channels], read_since=self.read_since)
            reads = last_reads(session, [url for _, kind, url in channels if kind != "search"])
            keeping = feeds_keeping_old(session, [url for _, kind, url in channels if kind == "feed"])
            scans = self.due_scans(session)  # asked for whole, not conditionally as a young record is
            reading_again = {scan.article_id for scan in scans}
            rechecks = [r for r in self.due_rechecks(session) if r.article_id not in reading_again] + scans
            listings = {url for _, kind, url in channels if kind == "documents"}
            notices = self.due_notices(session, listings)
            unfinished = self.unfinished(session)  # before any channel answers: `scheduled` knows them
        # made before any channel answers too; a notice due for a re-check anyway is asked for once
        later = [self.recheck_request(recheck) for recheck in rechecks]
        later += [self.notice_request(notice, listings) for notice in notices if notice.url not in self.scheduled]
        for source, kind, url in channels:
            yield self.channel_request(source, kind, url, validators.get(url, (None, None)), reads.get(url),
                                       keeps_old=url in keeping)
        for request in unfinished:
            yield request
        for request in later:
            yield request

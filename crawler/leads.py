"""Base spider for aggregator leads: an opaque Google News link is resolved to the publisher's URL through the
outlet's own channels (same headline), or kept as a headline record; never by running JavaScript or asking Google."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider

from crawler.context import reading
from crawler.feeds import FeedError, parse_feed
from crawler.items import Discoveries, Discovery, Page
from crawler.sitemaps import SitemapError, maybe_gunzip, parse_sitemap
from newswatch.operations.outlets import answered_sitemaps, feed_links, home_of, usual_feeds
from newswatch.text.aggregators import outlet_domain, same_headline, title_key
from newswatch.text.urls import clean_url, is_item_address, joined, joined_all
from store.queries import HEADLINE_WINDOW, urls_with_title

MAX_PROBE_SITEMAPS = 5  # child sitemaps read per outlet when looking for a headline


@dataclass
class Lead:
    """A search-feed item whose link cannot be fetched (a Google News id): what the feed said of it."""

    source: str
    channel: str
    via: str  # the feed
    url: str  # the aggregator's link
    key: str
    info: dict  # feed_title, feed_summary, feed_date, feed_outlet, feed_outlet_url

    @property
    def domain(self) -> str | None:
        return outlet_domain(self.info.get("feed_outlet_url"))

    @property
    def title_key(self) -> str | None:
        return title_key(self.info.get("feed_title"))


class LeadSpider(scrapy.Spider):
    """Holds leads until the crawl is idle (every channel read), then resolves them by headline, probing the
    outlet's robots.txt, sitemaps and feeds once per crawl if needed; what stays unresolved is a headline record.

    Subclasses provide `context`, `scheduled`, `count` and `article_request(meta, url, key, info)`.
    """

    def init_leads(self) -> None:
        # outlet domain -> [(title key, URL, date)] seen this crawl
        self.titles: dict[str, list[tuple[str, str, datetime | None]]] = {}
        self.leads: list[Lead] = []
        self.probed: dict[str, int] = {}  # outlet domain -> idle round its channels were asked for
        self.idle_round = 0
        self.items_in_flight = 0
        self.crawler.signals.connect(self.leads_idle, signal=signals.spider_idle)

    def remember_title(self, url: str, title: str | None, date: datetime | None = None) -> None:
        """Index a headline a channel gave for a URL (and its date, if it gave one), for resolving leads of the same
        outlet."""
        key, domain = title_key(title), outlet_domain(url)
        if key and domain:
            self.titles.setdefault(domain, []).append((key, url, date))

    def hold_lead(self, lead: Lead) -> None:
        self.leads.append(lead)

    def resolve(self, session, lead: Lead) -> str | None:
        """The publisher's URL of a lead: a URL of the outlet listed with the same headline (this crawl or before)."""
        key, domain = lead.title_key, lead.domain
        if not key or not domain:
            return None
        when = lead.info.get("feed_date")
        for seen_key, url, date in self.titles.get(domain, []):
            if (same_headline(key, seen_key) and (when is None or date is None or abs(date - when) <= HEADLINE_WINDOW)
                    and not is_item_address(url)):
                return url
        return next((url for url in urls_with_title(session, key, when) if outlet_domain(url) == domain
                     and not is_item_address(url)), None)  # a feed's item with no page: no page to fetch

    def leads_idle(self) -> None:
        if self.items_in_flight:
            raise DontCloseSpider
        if not self.leads:
            return
        self.idle_round += 1
        pending, self.leads = self.leads, []
        with reading(self.crawler) as session:
            resolved = [(lead, self.resolve(session, lead)) for lead in pending]
        engine = self.crawler.engine
        for lead, target in resolved:
            if target:
                self.follow_lead(lead, target)
            elif lead.domain and lead.domain not in self.probed:
                self.probed[lead.domain] = self.idle_round
                for request in self.probe_requests(lead):
                    engine.crawl(request)
                self.leads.append(lead)
            elif lead.domain and self.probed[lead.domain] == self.idle_round:
                self.leads.append(lead)  # its outlet's channels are being read now
            else:
                self.emit(self.unresolved_page(lead))
        raise DontCloseSpider

    def follow_lead(self, lead: Lead, target: str) -> None:
        """Record where the publisher's URL was found, mark the aggregator link resolved, fetch the article."""
        key = clean_url(target)
        self.count(lead.source, "resolved")
        info = {**lead.info, "via_link": lead.url}
        self.emit(Discoveries([Discovery(source=lead.source, channel=lead.channel, via=lead.via, url=lead.url, key=key,
                                         title=info.get("feed_title"), published=info.get("feed_date"),
                                         summary=info.get("feed_summary"), outlet=info.get("feed_outlet"),
                                         outlet_url=info.get("feed_outlet_url"), title_key=lead.title_key)]))
        page = Page(source=lead.source, url=lead.url, key=lead.key, fetched_at=datetime.now(UTC))
        page.decide("resolved", f"aggregator link resolved by headline to {target}")
        self.emit(page)
        if key not in self.scheduled:
            self.scheduled.add(key)
            request = self.article_request({"source": lead.source, "depth_left": 0}, target, key, info)
            if request is not None:
                self.crawler.engine.crawl(request)

    def unresolved_page(self, lead: Lead) -> Page:
        page = Page(source=lead.source, url=lead.url, key=lead.key, fetched_at=datetime.now(UTC), **lead.info)
        where = ("the feed names no outlet to look in" if not lead.domain
                 else "no article with this headline in the outlet's own channels")
        page.decide("aggregator_link", f"a Google News link (a JavaScript page, not followed), and {where}")
        return page

    def emit(self, item) -> None:
        """Send an item through the pipelines from outside a callback (the crawl stays open until it is stored)."""
        self.items_in_flight += 1

        async def process():
            try:
                await self.crawler.engine.scraper.start_itemproc_async(item, response=None)
            finally:
                self.items_in_flight -= 1

        asyncio.ensure_future(process())

    # --- the outlet's own channels, read once per crawl for its headlines ------------------------------
    def probe_requests(self, lead: Lead) -> list[scrapy.Request]:
        home = home_of(lead.info["feed_outlet_url"])
        meta = {"source": lead.source, "probe": lead.domain}
        return [self.probe(meta, home + "robots.txt", self.probe_robots), self.probe(meta, home, self.probe_home)]

    def probe(self, meta: dict, url: str, callback) -> scrapy.Request:
        """A request of the outlet probe carrying only our own meta keys (a request copied with `replace` would
        carry Scrapy's download_latency and the like, which Scrapy then warns about on every crawl)."""
        return scrapy.Request(url, callback=callback, errback=self.probe_failed,
                              meta={"source": meta["source"], "probe": meta["probe"]})

    def probe_robots(self, response):
        for url in answered_sitemaps(response):
            yield self.probe(response.meta, url, self.probe_sitemap)

    def probe_home(self, response):
        feeds = feed_links(response.body, response.url) or usual_feeds(response.url)
        for url in feeds:
            yield self.probe(response.meta, url, self.probe_feed)

    def probe_failed(self, failure):
        request = failure.request
        if request.callback == self.probe_home:  # a home page closed to us: the usual feed paths may be open
            for url in usual_feeds(request.url):
                yield self.probe(request.meta, url, self.probe_feed)
        self.logger.debug("%s: %s not readable while looking for a headline: %s", request.meta["source"],
                          request.url, failure.value)

    def probe_feed(self, response):
        try:
            entries = parse_feed(response.body, response.url)
        except FeedError:
            return
        for entry in entries:
            if url := joined(response.url, entry.url):
                self.remember_title(url, entry.title, entry.published)

    def probe_sitemap(self, response):
        try:
            sitemap = parse_sitemap(maybe_gunzip(response.body, self.sitemap_max_bytes()))
        except SitemapError:
            return
        if sitemap.is_index:
            for url in joined_all(response.url, [entry.url for entry in sitemap.entries[:MAX_PROBE_SITEMAPS]]):
                yield self.probe(response.meta, url, self.probe_sitemap)
            return
        for entry in sitemap.entries:
            if url := joined(response.url, entry.url):
                self.remember_title(url, entry.news_title, entry.news_date or entry.lastmod)

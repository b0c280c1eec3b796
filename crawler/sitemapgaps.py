"""A news sitemap read after days without a crawl: it lists the last two days only (Google's rule), so the pages
published in between have left it. They are looked for in the site's other sitemaps (its robots.txt's `Sitemap:`
lines, an index's children), dated since the news sitemap's last read: those pages only, not the whole site. When
none gives one, the gap is said, as a feed's is."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

import scrapy

from crawler.feedgaps import GAP_MARGIN, MAX_FEED_PAGES
from crawler.outcomes import classify_failure
from crawler.sitemaps import SitemapEntry, SitemapError, maybe_gunzip, parse_sitemap
from crawler.stopping import StopRequested
from newswatch.operations.outlets import answered_sitemaps
from newswatch.text.urls import joined_all


def dated_since(entries: list[SitemapEntry], since: datetime) -> list[SitemapEntry]:
    """The entries dated (news date, else <lastmod>) since `since`, less GAP_MARGIN; an undated one says nothing of
    when its page came (a monthly sitemap without dates would be the whole month)."""
    return [e for e in entries if (e.news_date or e.lastmod) and (e.news_date or e.lastmod) >= since - GAP_MARGIN]


class SitemapGapSpider(scrapy.Spider):
    """Bridges a news sitemap's gap through the site's other sitemaps (see the module).

    A bridge's requests share one account in their meta (`bridge`): the sitemaps still to answer, the pages read,
    why the last one gave none. Subclasses provide `discovered(meta, via, found, channel)`, `not_asked(source,
    urls)`, `sitemaps_asked`, `sitemap_max_bytes()`, `feed_gap(meta, url, why)` and `count`.
    """

    def bridge_news_gap(self, response, oldest: datetime) -> scrapy.Request:
        """The site's robots.txt, asked for the sitemaps that may hold the pages the news sitemap dropped."""
        parts = urlsplit(response.url)
        meta = {"source": response.meta["source"], "kind": "sitemap", "last_read": response.meta["last_read"],
                "news": response.url, "download_maxsize": self.sitemap_max_bytes(),
                "bridge": {"pending": 1, "read": 0, "oldest": oldest, "why": "its robots.txt names no other sitemap"}}
        return self.gap_request(urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", "")), meta,
                                self.parse_gap_robots)

    def gap_request(self, url: str, meta: dict, callback) -> scrapy.Request:
        meta = {key: meta[key] for key in ("source", "kind", "last_read", "news", "download_maxsize", "bridge")}
        return scrapy.Request(url, meta=meta, callback=callback, errback=self.gap_failed, dont_filter=True,
                              priority=1)

    def parse_gap_robots(self, response):
        meta = response.meta
        others = [url for url in answered_sitemaps(response) if url != meta["news"]]
        return self.gap_sitemaps(meta, others)

    def gap_sitemaps(self, meta: dict, urls: list[str]) -> list[scrapy.Request]:
        """Requests for these sitemaps (those not asked in this crawl, at most MAX_FEED_PAGES); the one that named
        them is done."""
        urls = self.not_asked(meta["source"], urls)[:MAX_FEED_PAGES]
        self.sitemaps_asked.update((meta["source"], url) for url in urls)
        meta["bridge"]["pending"] += len(urls)
        self.gap_done(meta)
        return [self.gap_request(url, meta, self.parse_gap_sitemap) for url in urls]

    def parse_gap_sitemap(self, response):
        meta = response.meta
        try:
            sitemap = parse_sitemap(maybe_gunzip(response.body, self.sitemap_max_bytes()))
        except SitemapError as exc:
            meta["bridge"]["why"] = f"the site's sitemap {response.url} is not read ({exc})"
            return self.gap_done(meta)
        recent = dated_since(sitemap.entries, meta["last_read"])
        if sitemap.is_index:
            meta["bridge"]["why"] = "the site's sitemaps date none of their pages since"
            recent.sort(key=lambda e: e.news_date or e.lastmod, reverse=True)
            return self.gap_sitemaps(meta, joined_all(response.url, [e.url for e in recent]))
        if recent:
            meta["bridge"]["read"] += len(recent)
            self.count(meta["source"], "feed_pages")
            self.logger.info("%s: news sitemap %s dropped pages since its last read: %d dated since in %s",
                             meta["source"], meta["news"], len(recent), response.url)
        else:
            meta["bridge"]["why"] = "the site's sitemaps date none of their pages since"
        self.gap_done(meta)
        return list(self.discovered(meta, response.url, [(e.url, e.info()) for e in recent], None))

    def gap_failed(self, failure):
        if failure.check(StopRequested):  # the crawl is stopping: nothing more is asked, nor said
            return
        meta = failure.request.meta
        meta["bridge"]["why"] = (f"the site's {failure.request.url} failed: "
                                 f"{classify_failure(failure.value, failure.request.url).reason}")
        self.gap_done(meta)

    def gap_done(self, meta: dict) -> None:
        """One request of the bridge answered; when the last one has and no page was read, the gap is said."""
        bridge = meta["bridge"]
        bridge["pending"] -= 1
        if bridge["pending"] == 0 and not bridge["read"]:
            self.feed_gap(meta, meta["news"], f"its oldest page is from {bridge['oldest']:%Y-%m-%d %H:%M} UTC, and "
                                              f"{bridge['why']}")

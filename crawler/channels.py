"""Base spider for channels: how a channel is asked for, what its answer records, what it says of the URLs it lists.
Feeds and search feeds are read by crawler/feedchannels.py, sitemaps and robots.txt by crawler/sitemapchannels.py,
listing pages by crawler/listings.py."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

import scrapy

from crawler.items import ChannelResult
from crawler.outcomes import classify_failure
from crawler.plan import conditional
from crawler.stopping import StopRequested
from newswatch.outputs.evidence import RawResponse, scrapy_headers
from newswatch.text.prefilter import Prefilter


class ChannelSpider(scrapy.Spider):
    """Fetches channels conditionally, records each outcome, and hands the URLs they list to `discovered`.

    Subclasses provide `context` (crawler.context.CrawlContext), `discovered(meta, via, found)`, `count` and
    `sitemaps_asked`, an empty set: the (source, sitemap) pairs asked in this crawl, each asked once (an index that
    lists itself, or another index that lists it back, was asked again and again until the run's time limit); and
    `read_since`, since when a channel must have answered in full for its validators to be sent
    (crawler.plan.validators_since); and the readers of each kind of channel: `parse_feed`
    (crawler/feedchannels.py), `parse_sitemap`, `parse_robots` and `sitemap_max_bytes` (crawler/sitemapchannels.py),
    `parse_listing` (crawler/listings.py).
    """

    def channel_request(self, source: str, kind: str, url: str, validators=(None, None),
                        last_read: datetime | None = None, keeps_old: bool = False) -> scrapy.Request:
        if kind == "sitemap":
            self.sitemaps_asked.add((source, url))
        headers = conditional(*validators)
        callback = {"feed": self.parse_feed, "search": self.parse_feed, "sitemap": self.parse_sitemap,
                    "page": self.parse_listing, "documents": self.parse_listing}[kind]
        meta = {"source": source, "kind": kind, "handle_httpstatus_list": [304], "last_read": last_read,
                "keeps_old": keeps_old}  # a feed's old entries were remembered: one it lists late is read
        if kind == "sitemap":
            meta["download_maxsize"] = self.sitemap_max_bytes()
            if urlsplit(url).path.endswith("robots.txt"):
                callback = self.parse_robots
        # priority: channels are read before the articles they list, so that a URL listed with few words by one (a
        # sitemap without titles) gets those another gives (crawler/relisted.py)
        return scrapy.Request(url, callback=callback, errback=self.channel_failed, headers=headers, dont_filter=True,
                              meta=meta, priority=1)

    def feed_gap(self, meta: dict, url: str, why: str) -> None:
        """Say that a feed (or a listing page) scrolled past its last read and that its next pages could not make
        up for it."""
        self.count(meta["source"], "feed_gaps")
        if meta["kind"] in ("page", "documents"):
            what = "listing page" if meta["kind"] == "page" else "documents listing"
            gap = "links unread: it shows none of the links it showed on its last read"
        elif meta["kind"] == "sitemap":
            what, gap = "news sitemap", "pages unread: every page it lists is newer than its last read"
            why += "; a sitemap of the site's that keeps them, listed among the source's sitemaps, would be read"
        else:
            what, gap = "feed", "items unread: every item it lists is newer than its last read"
        self.logger.warning("%s: %s %s may have dropped %s (%s UTC), and %s. Crawl it more often.", meta["source"],
                            what, url, gap, f"{meta['last_read']:%Y-%m-%d %H:%M}", why)

    def may_match(self, *words: str) -> bool:
        """The prefilter's test on words a channel gives (built on first use: a crawl that reads no listing and no
        changed feed never needs it): False only when no topic can match them."""
        if not hasattr(self, "_prefilter"):
            self._prefilter = Prefilter(self.context.config.topics)
        return self._prefilter.might_match("", *words)

    def channel_done(self, response, status: str, error: str | None = None, entries: int = 0) -> ChannelResult:
        meta = response.meta
        if status == "error":
            self.count(meta["source"], "channel_errors")
            self.logger.info("%s: %s %s: %s", meta["source"], meta["kind"], response.url, error)  # -v; the verdict says it
        return ChannelResult(source=meta["source"], kind=meta["kind"], url=response.request.url, status=status,
                             http_status=response.status, etag=header(response, "ETag"),
                             last_modified=header(response, "Last-Modified"), error=error, entries=entries)

    def channel_failed(self, failure):
        if failure.check(StopRequested):  # not asked: its validators stay as they were
            return
        meta = failure.request.meta
        outcome = classify_failure(failure.value, failure.request.url)
        self.count(meta["source"], "channel_errors")
        self.logger.info("%s: %s %s failed: %s", meta["source"], meta["kind"], failure.request.url, outcome.reason)
        yield ChannelResult(source=meta["source"], kind=meta["kind"], url=failure.request.url, status="error",
                            http_status=outcome.http_status, error=outcome.reason)


def titled(links: list[tuple[str, str]]) -> list[tuple[str, dict]]:
    """What a listing says of each URL it links (`discovered`'s info): its link's text, as a feed's title (a walled
    article is known by its headline, a scanned PDF by its link)."""
    return [(url, {"feed_title": text or None}) for url, text in links]


def raw_answer(response, fetched_at: datetime | None = None) -> RawResponse:
    """A response as received, for evidence: an article's page, or the channel's answer that listed a headline."""
    return RawResponse(url=response.request.url, final_url=response.url, status=response.status,
                       headers=scrapy_headers(response.headers), body=response.body,
                       fetched_at=fetched_at or datetime.now(UTC))


def header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


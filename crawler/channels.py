"""Base spider for channels: feeds, search feeds, sitemaps (and robots.txt); listing pages are read by
crawler/listings.py."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

import scrapy

from crawler.context import reading
from crawler.feedgaps import MAX_FEED_PAGES, dated_past, next_page, scrolled_past
from crawler.feeds import FeedError, parse_feed
from crawler.items import ChannelResult
from crawler.outcomes import classify_failure
from crawler.plan import conditional
from crawler.sitemapgaps import SitemapGapSpider
from crawler.sitemaps import (
    MAX_SITEMAP_BYTES,
    MAX_SITEMAP_URLS,
    SitemapEntry,
    SitemapError,
    maybe_gunzip,
    parse_sitemap,
)
from crawler.stopping import StopRequested
from newswatch.operations.outlets import answered_sitemaps, feed_links
from newswatch.outputs.evidence import RawResponse, scrapy_headers
from newswatch.text.dates import plausible
from newswatch.text.prefilter import Prefilter
from newswatch.text.urls import joined_all
from store.queries import channel_validators


class ChannelSpider(SitemapGapSpider):
    """Fetches channels conditionally, records each outcome, and hands the URLs they list to `discovered`.

    Subclasses provide `context` (crawler.context.CrawlContext), `discovered(meta, via, found)`, `count` and
    `sitemaps_asked`, an empty set: the (source, sitemap) pairs asked in this crawl, each asked once (an index that
    lists itself, or another index that lists it back, was asked again and again until the run's time limit); and
    `read_since`, since when a channel must have answered in full for its validators to be sent
    (crawler.plan.validators_since); and `parse_listing`, a listing page's reader (crawler/listings.py).
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

    def sitemap_max_bytes(self) -> int:
        """Sitemaps may be as large as the protocol allows (50 MB), even when max_page_bytes is smaller."""
        return max(self.context.config.crawl.max_page_bytes, MAX_SITEMAP_BYTES)

    def parse_feed(self, response):
        if response.status == 304:
            return self.channel_done(response, "not_modified")
        try:
            entries = parse_feed(response.body, response.url, self.may_match)
        except FeedError as exc:
            return self.announced_instead(response, str(exc))
        found = _found(entries)
        # the sightings first: the store records the channel's validators only once they are written
        return [*self.discovered(response.meta, response.url, found, raw_answer(response)),
                self.channel_done(response, "ok", entries=len(found)),
                *(self.past_the_gap(response, entries) if response.meta["kind"] == "feed" else [])]

    def announced_instead(self, response, error: str) -> list:
        """A feed that answers an HTML page (a site redone: its old feed address sends to the home page): a channel
        error, and the feed that page announces (<link rel="alternate">) is read in its place, once, so that no
        lead is lost meanwhile. The error says which, for the source to be put right."""
        meta = response.meta
        if meta["kind"] != "feed" or "announced_by" in meta:  # a search feed, or the announced feed itself
            return [self.channel_done(response, "error", error)]
        announced = [url for url in feed_links(response.body, response.url, guess=False) if url != response.request.url]
        if not announced:
            return [self.channel_done(response, "error", error)]
        request = self.channel_request(meta["source"], "feed", announced[0])
        request.meta["announced_by"] = response.request.url
        return [self.channel_done(response, "error", f"{error}; it announces the feed {announced[0]}, read instead: "
                                                    "put that address in the source"), request]

    def past_the_gap(self, response, entries: list, seen: frozenset[str] = frozenset()) -> list[scrapy.Request]:
        """A feed page whose items are all newer than the feed's last read (crawler/feedgaps.py): a request for
        its next page, or, when the feed gives none, a warning that items may have been missed. `seen`: the URLs
        its earlier pages listed."""
        meta = response.meta
        oldest = scrolled_past(entries, meta.get("last_read"))
        if oldest is None:
            return []
        page = meta.get("page", 1)
        url = next_page(response.body, response.url, page) if page <= MAX_FEED_PAGES else None
        if url is None:
            self.feed_gap(meta, meta.get("via", response.request.url),
                          f"its oldest item is from {oldest:%Y-%m-%d %H:%M} UTC")
            return []
        return [scrapy.Request(url, callback=self.parse_feed_page, errback=self.feed_page_failed, dont_filter=True,
                               priority=1, meta={"source": meta["source"], "kind": "feed", "page": page + 1,
                                                 "via": meta.get("via", response.request.url),
                                                 "listed": seen | {entry.url for entry in entries},
                                                 "last_read": meta["last_read"],
                                                 "keeps_old": meta.get("keeps_old", False)})]

    def parse_feed_page(self, response):
        """A next page of a feed that scrolled past its last read: its items as the feed's own."""
        meta = response.meta
        try:
            entries = parse_feed(response.body, response.url, self.may_match)
        except FeedError as exc:
            return self.feed_gap(meta, meta["via"], f"its page {meta['page']} is no feed ({exc})")
        new = [entry for entry in entries if entry.url not in meta["listed"]]
        if not new:  # a site that ignores the page asked for answers its first page again
            return self.feed_gap(meta, meta["via"], f"its page {meta['page']} lists nothing new")
        self.count(meta["source"], "feed_pages")
        return [*self.discovered(meta, meta["via"], _found(new), raw_answer(response)),
                *self.past_the_gap(response, entries, meta["listed"])]

    def feed_page_failed(self, failure):
        if not failure.check(StopRequested):
            meta = failure.request.meta
            reason = classify_failure(failure.value, failure.request.url).reason
            self.feed_gap(meta, meta["via"], f"its page {meta['page']} failed: {reason}")

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

    def parse_robots(self, response):
        meta = response.meta
        for url in self.not_asked(meta["source"], answered_sitemaps(response)):
            yield self.channel_request(meta["source"], "sitemap", url)

    def parse_sitemap(self, response):
        if response.status == 304:
            return self.channel_done(response, "not_modified")
        try:
            sitemap = parse_sitemap(maybe_gunzip(response.body, self.sitemap_max_bytes()))
        except SitemapError as exc:
            return self.channel_done(response, "error", str(exc))
        if sitemap.truncated:
            self.logger.warning("%s: sitemap %s lists more than %d URLs (the protocol's limit): only the first %d "
                                "are read", response.meta["source"], response.url, MAX_SITEMAP_URLS, MAX_SITEMAP_URLS)
        result = self.channel_done(response, "ok", entries=len(sitemap.entries))
        if sitemap.is_index:  # kept without validators: a 304 would leave its (changing) sitemaps unasked
            result.etag = result.last_modified = None
            recent = self.recent_children(response, sitemap.entries)
            children = self.not_asked(response.meta["source"], joined_all(response.url, [e.url for e in recent]))
            with reading(self.crawler) as session:
                validators = channel_validators(session, children, read_since=self.read_since)
            return [result, *(self.channel_request(response.meta["source"], "sitemap", url,
                                                   validators.get(url, (None, None))) for url in children)]
        found = [(e.url, e.info()) for e in sitemap.entries]
        return [*self.discovered(response.meta, response.url, found, raw_answer(response)), result,
                *self.news_sitemap_gap(response, sitemap.entries)]

    def news_sitemap_gap(self, response, entries: list[SitemapEntry]) -> list[scrapy.Request]:
        """A news sitemap lists the last two days only (Google's rule): when every page it lists is newer than its
        last read, the pages published in between have left it (the crawl did not run for days). They are looked
        for in the site's other sitemaps (crawler/sitemapgaps.py); if none gives them, the gap is said, as a
        feed's is."""
        if entries and all(entry.news_date for entry in entries):
            if oldest := dated_past([entry.news_date for entry in entries], response.meta.get("last_read")):
                return [self.bridge_news_gap(response, oldest)]
        return []

    def may_match(self, *words: str) -> bool:
        """The prefilter's test on words a channel gives (built on first use: a crawl that reads no listing and no
        changed feed never needs it): False only when no topic can match them."""
        if not hasattr(self, "_prefilter"):
            self._prefilter = Prefilter(self.context.config.topics)
        return self._prefilter.might_match("", *words)

    def recent_children(self, response, entries: list[SitemapEntry]) -> list[SitemapEntry]:
        """The sitemaps of an index that may list a URL recent enough to fetch: all but those whose <lastmod> is
        older than max_age_days (a sitemap changes when a URL is added), and that only when another one's
        <lastmod> is recent (the index keeps them up to date). A large site's index lists a sitemap per month
        for twenty years: each was asked on every crawl."""
        now = datetime.now(UTC)
        oldest = self.context.config.crawl.oldest_wanted(now)
        recent = [e for e in entries if not (oldest and plausible(e.lastmod, now) and e.lastmod < oldest)]
        if len(recent) == len(entries) or not any(plausible(e.lastmod, now) for e in recent):
            return entries
        self.logger.info("%s: sitemap index %s: %d of its %d sitemaps unchanged since %s, not read",
                         response.meta["source"], response.url, len(entries) - len(recent), len(entries),
                         oldest.date())
        return recent

    def not_asked(self, source: str, sitemaps: list[str]) -> list[str]:
        """The sitemaps not yet asked for this source in this crawl, once each, in order."""
        return [url for url in dict.fromkeys(sitemaps) if (source, url) not in self.sitemaps_asked]

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


def _found(entries) -> list[tuple[str, dict]]:
    """What a feed says of each URL it lists (`discovered`'s info)."""
    return [(e.url, {"feed_title": e.title, "feed_date": e.published, "feed_summary": e.summary, "feed_text": e.text,
                     "feed_outlet": e.outlet, "feed_outlet_url": e.outlet_url, "feed_updated": e.updated,
                     **({"feed_cites": e.cites} if e.cites else {})})
            for e in entries]


def raw_answer(response, fetched_at: datetime | None = None) -> RawResponse:
    """A response as received, for evidence: an article's page, or the channel's answer that listed a headline."""
    return RawResponse(url=response.request.url, final_url=response.url, status=response.status,
                       headers=scrapy_headers(response.headers), body=response.body,
                       fetched_at=fetched_at or datetime.now(UTC))


def header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None

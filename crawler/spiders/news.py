"""The generic spider: crawl every configured source through its feeds, sitemaps, listing pages and search feeds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import quote_plus, urljoin, urlsplit

import scrapy
from scrapy.http import TextResponse

from crawler.context import apply_config, crawl_context
from crawler.feeds import FeedError, parse_feed
from crawler.items import ChannelResult, Discovery, Page
from crawler.links import article_links
from crawler.outcomes import classify_failure
from crawler.sitemaps import (MAX_SITEMAP_BYTES, MAX_SITEMAP_URLS, SitemapError, maybe_gunzip, parse_sitemap,
                              sitemaps_from_robots)
from newswatch.dates import plausible
from newswatch.extraction import decode_html, declared_charset
from newswatch.topics import positive_atoms
from newswatch.urls import clean_url
from store.dedup import Recheck, articles_to_recheck
from store.queries import channel_validators, known_urls

HTML_TYPES = ("text/html", "application/xhtml+xml")


class NewsSpider(scrapy.Spider):
    """Discovers article URLs in each source's channels, skips the known ones and fetches the rest."""

    name = "news"
    custom_settings = {"DEPTH_PRIORITY": 0}

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        apply_config(settings)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.context = crawl_context(crawler)
        spider.scheduled: set[str] = set()
        return spider

    async def start(self):
        config = self.context.config
        channels = []
        for name in self.context.sources:
            source = config.source(name)
            channels += [(source.name, "feed", url) for url in source.feeds]
            channels += [(source.name, "sitemap", url) for url in source.sitemaps]
            channels += [(source.name, "page", url) for url in source.pages]
            if source.search:
                channels += [(source.name, "search", _search_url(source.search, t)) for t in config.topics]
        with self.context.reader() as session:
            validators = channel_validators(session, [url for _, _, url in channels])
            rechecks = self.due_rechecks(session)
        for source, kind, url in channels:
            yield self.channel_request(source, kind, url, validators.get(url, (None, None)))
        for recheck in rechecks:
            yield self.recheck_request(recheck)

    def channel_request(self, source: str, kind: str, url: str, validators=(None, None)) -> scrapy.Request:
        headers = _conditional(*validators)
        callback = {"feed": self.parse_feed, "search": self.parse_feed, "sitemap": self.parse_sitemap,
                    "page": self.parse_listing}[kind]
        meta = {"source": source, "kind": kind, "handle_httpstatus_list": [304]}
        if kind == "sitemap":
            meta["download_maxsize"] = self.sitemap_max_bytes()
            if urlsplit(url).path.endswith("robots.txt"):
                callback = self.parse_robots
        return scrapy.Request(url, callback=callback, errback=self.channel_failed, headers=headers, dont_filter=True,
                              meta=meta)

    def sitemap_max_bytes(self) -> int:
        """Sitemaps may be as large as the protocol allows (50 MB), even when max_page_bytes is smaller."""
        return max(self.context.config.crawl.max_page_bytes, MAX_SITEMAP_BYTES)

    # --- channels ---------------------------------------------------------------------------------

    def parse_feed(self, response):
        if response.status == 304:
            return self.channel_done(response, "not_modified")
        try:
            entries = parse_feed(response.body, response.url)
        except FeedError as exc:
            return self.channel_done(response, "error", str(exc))
        found = [(e.url, {"feed_title": e.title, "feed_date": e.published, "feed_summary": e.summary}) for e in entries]
        return [self.channel_done(response, "ok", entries=len(found)), *self.discovered(response.meta, response.url, found)]

    def parse_robots(self, response):
        meta = response.meta
        text = response.text if isinstance(response, TextResponse) else response.body.decode("utf-8", "replace")
        for url in sitemaps_from_robots(text):
            yield self.channel_request(meta["source"], "sitemap", response.urljoin(url))

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
        result = [self.channel_done(response, "ok", entries=len(sitemap.entries))]
        if sitemap.is_index:
            return result + [self.channel_request(response.meta["source"], "sitemap", e.url) for e in sitemap.entries]
        found = [(e.url, {"feed_title": e.news_title, "sitemap_date": e.news_date or e.lastmod}) for e in sitemap.entries]
        return result + list(self.discovered(response.meta, response.url, found))

    def parse_listing(self, response):
        if response.status == 304:
            return self.channel_done(response, "not_modified")
        links = article_links(response.body, response.url)
        return [self.channel_done(response, "ok", entries=len(links)), *self.discovered(response.meta, response.url, [(u, {}) for u in links])]

    def channel_done(self, response, status: str, error: str | None = None, entries: int = 0) -> ChannelResult:
        meta = response.meta
        if status == "error":
            self.count(meta["source"], "channel_errors")
            self.logger.warning("%s: %s %s: %s", meta["source"], meta["kind"], response.url, error)
        return ChannelResult(source=meta["source"], kind=meta["kind"], url=response.request.url, status=status,
                             http_status=response.status, etag=_header(response, "ETag"),
                             last_modified=_header(response, "Last-Modified"), error=error, entries=entries)

    def channel_failed(self, failure):
        meta = failure.request.meta
        outcome = classify_failure(failure.value)
        self.count(meta["source"], "channel_errors")
        self.logger.warning("%s: %s %s failed: %s", meta["source"], meta["kind"], failure.request.url, outcome.reason)
        yield ChannelResult(source=meta["source"], kind=meta["kind"], url=failure.request.url, status="error",
                            http_status=outcome.http_status, error=outcome.reason)

    # --- articles ---------------------------------------------------------------------------------

    def due_rechecks(self, session) -> list[Recheck]:
        """Archived articles young enough to be re-checked for edits, and not checked too recently."""
        crawl, now = self.context.config.crawl, datetime.now(UTC)
        if not crawl.recheck_days:
            return []
        return articles_to_recheck(session, self.context.sources, now - timedelta(days=crawl.recheck_days),
                                   now - timedelta(hours=crawl.recheck_interval_hours))

    def recheck_request(self, recheck: Recheck) -> scrapy.Request:
        """A conditional request for an archived article: 304 when unchanged, else the page goes through again."""
        self.scheduled.add(recheck.url)
        return scrapy.Request(recheck.url, callback=self.parse_article, errback=self.article_failed, dont_filter=True,
                              headers=_conditional(recheck.etag, recheck.last_modified),
                              meta={"source": recheck.source, "key": recheck.url, "info": {}, "depth_left": 0,
                                    "recheck_of": recheck.article_id, "handle_httpstatus_list": [304]})

    def discovered(self, meta: dict, via: str, found: list[tuple[str, dict]]):
        """Yield a Discovery per entry, then a request for each new, recent, not yet known URL."""
        max_age = self.context.config.crawl.max_age_days
        now = datetime.now(UTC)
        oldest = now - timedelta(days=max_age) if max_age else None
        fresh = []
        for url, info in found:
            url = urljoin(via, url)
            date = info.get("feed_date") or info.get("sitemap_date")
            if oldest and plausible(date, now) and date < oldest:  # 1970 is a broken date, not an old article
                self.count(meta["source"], "too_old")
                continue
            key = clean_url(url)
            self.count(meta["source"], "found")
            yield Discovery(source=meta["source"], channel=meta["kind"], via=via, url=url, key=key,
                            title=info.get("feed_title"), published=date, summary=info.get("feed_summary"))
            if key not in self.scheduled:
                self.scheduled.add(key)
                fresh.append((url, key, info))
        with self.context.reader() as session:
            known = known_urls(session, [key for _, key, _ in fresh])
        for url, key, info in fresh:
            if key in known:
                self.count(meta["source"], "skipped")
                continue
            depth = meta.get("depth_left", self.context.config.crawl.follow_depth)
            # dont_filter: `scheduled` already dedups; Scrapy's filter would drop a redirect loop with no outcome
            yield scrapy.Request(url, callback=self.parse_article, errback=self.article_failed, dont_filter=True,
                                 meta={"source": meta["source"], "key": key, "info": info, "depth_left": depth - 1})

    def parse_article(self, response):
        meta = response.meta
        self.count(meta["source"], "rechecked" if meta.get("recheck_of") else "fetched")
        page = Page(source=meta["source"], url=response.request.url, key=meta["key"], final_url=response.url,
                    http_status=response.status, fetched_at=datetime.now(UTC), etag=_header(response, "ETag"),
                    last_modified=_header(response, "Last-Modified"), recheck_of=meta.get("recheck_of"), **meta["info"])
        content_type = _header(response, "Content-Type") or ""
        if response.status == 304:
            page.decide("not_modified", "unchanged since the last fetch")
        elif content_type and not content_type.split(";")[0].strip().lower() in HTML_TYPES:
            page.decide("not_html", f"content type {content_type.split(';')[0]}")
        elif not response.body.strip():
            page.decide("no_text", "empty response body")
        else:
            page.html = decode_html(response.body, declared_charset(content_type, response.body[:4096]))
        yield page
        if meta.get("depth_left", 0) > 0 and page.html:
            found = [(u, {}) for u in article_links(page.html, response.url)]
            yield from self.discovered({**meta, "kind": "page"}, response.url, found)

    def article_failed(self, failure):
        meta = failure.request.meta
        outcome = classify_failure(failure.value)
        self.count(meta["source"], "rechecked" if meta.get("recheck_of") else "fetched")
        page = Page(source=meta["source"], url=failure.request.url, key=meta["key"], http_status=outcome.http_status,
                    fetched_at=datetime.now(UTC), recheck_of=meta.get("recheck_of"), **meta["info"])
        page.decide(outcome.outcome, outcome.reason, final=outcome.final)
        yield page

    def count(self, source: str, what: str) -> None:
        self.crawler.stats.inc_value(f"newswatch/source/{source}/{what}")


def _search_url(template: str, topic) -> str:
    query = topic.search or " OR ".join(a.strip('"*') for a in positive_atoms(topic.query))
    return template.replace("{query}", quote_plus(query))


def _conditional(etag: str | None, modified: str | None) -> dict[str, str]:
    """The headers of a conditional request from the validators of the last response."""
    return {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}


def _header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None

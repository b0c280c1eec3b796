"""Sitemaps and robots.txt read as channels: a sitemap's URLs discovered, an index's recent sitemaps asked for
(each once a crawl), and a news sitemap's gap after days without a crawl looked for in the site's other sitemaps
(crawler/sitemapgaps.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import scrapy

from crawler.channels import ChannelSpider, raw_answer
from crawler.context import reading
from crawler.feedgaps import dated_past
from crawler.sitemapgaps import SitemapGapSpider
from crawler.sitemaps import (MAX_SITEMAP_BYTES, MAX_SITEMAP_URLS, SitemapEntry, SitemapError, maybe_gunzip,
                              parse_sitemap)
from newswatch.operations.outlets import answered_sitemaps
from newswatch.text.dates import plausible
from newswatch.text.urls import joined_all
from store.queries import channel_validators


class SitemapSpider(ChannelSpider, SitemapGapSpider):
    """Reads a sitemap's or a sitemap index's answer, and the sitemaps a robots.txt names."""

    def sitemap_max_bytes(self) -> int:
        """Sitemaps may be as large as the protocol allows (50 MB), even when max_page_bytes is smaller."""
        return max(self.context.config.crawl.max_page_bytes, MAX_SITEMAP_BYTES)

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


"""Base spider for listing pages: a source's `pages` (section pages, a town's news) and `documents` (listings of
official documents), with the pages their frames show and their next pages when they scrolled past their last
read."""

from __future__ import annotations

import scrapy

from crawler.channels import raw_answer, titled
from crawler.context import reading
from crawler.documents import document_links
from crawler.feedgaps import MAX_FEED_PAGES
from crawler.frames import listing_frames
from crawler.items import ChannelResult
from crawler.links import article_links
from crawler.outcomes import classify_failure
from crawler.pagination import next_listing_page
from crawler.stopping import StopRequested
from crawler.unlinked import unlinked_items
from newswatch.text.urls import clean_url, item_address
from store.queries import listed_anything, sighted_by


class ListingSpider(scrapy.Spider):
    """Reads a listing's links (and a listing page's items with no page of their own), its frames' and its next
    pages'. The spider it is part of provides `discovered(meta, via, found, channel)`, `channel_done`, `count`,
    `may_match`, `feed_gap` and `feed_page_failed` (crawler/channels.py, crawler/feedchannels.py,
    crawler/articles.py)."""

    def parse_listing(self, response):
        """A listing page (`pages`: its article links) or a listing of official documents (`documents`: its PDFs and
        notices, each fetched with its link text as title)."""
        if response.status == 304:
            return self.channel_done(response, "not_modified")
        links, found = self.listed(response)
        result = self.channel_done(response, "ok", entries=len(found))
        return [*self.discovered(response.meta, response.url, found, raw_answer(response)), result,
                *self.frames(response, result), *self.listing_gap(response, links)]

    def listed(self, response) -> tuple[list[tuple[str, str]], list[tuple[str, dict]]]:
        """A listing's (or its frame's) links, and what it lists: its links with their words (`titled`), then, on
        a listing page, its items with no page of their own (`unlinked`)."""
        links = listing_links(response)
        items = self.unlinked(response, links) if response.meta["kind"] == "page" else []
        return links, titled(links) + items

    def frames(self, response, result: ChannelResult) -> list[scrapy.Request]:
        """A request for each page a listing shows in a frame (crawler/frames.py), read as a part of it
        (`parse_listing_frame`). The listing's validators are not kept: a 304 would leave its frames, which change
        without it, unread."""
        urls = listing_frames(response.body, response.url)
        if not urls:
            return []
        result.etag = result.last_modified = None
        meta = response.meta
        # shared by the frames' requests: what they add to the listing's outcome, recorded once the last answers
        shown = {"channel": result.url, "http_status": result.http_status, "entries": result.entries,
                 "left": len(urls), "errors": []}
        return [scrapy.Request(url, callback=self.parse_listing_frame, errback=self.frame_failed, dont_filter=True,
                               priority=1, meta={"source": meta["source"], "kind": meta["kind"],
                                                 "last_read": meta.get("last_read"), "via": response.url,
                                                 "listing": shown})
                for url in urls]

    def parse_listing_frame(self, response):
        """A page a listing shows in a frame: its links (and a listing page's items with no link) as the listing's
        own, its next pages read as the listing's when it scrolled past its last read."""
        meta = response.meta
        links, found = self.listed(response)
        self.logger.info("%s: %s shows %s in a frame: %d links", meta["source"], meta["via"], response.url, len(found))
        meta["listing"]["entries"] += len(found)
        return [*self.discovered(meta, meta["via"], found, raw_answer(response)),
                *self.frame_done(meta), *self.listing_gap(response, links)]

    def frame_failed(self, failure):
        if not failure.check(StopRequested):
            meta = failure.request.meta
            reason = classify_failure(failure.value, failure.request.url).reason
            self.logger.info("%s: frame %s of %s failed: %s", meta["source"], failure.request.url, meta["via"], reason)
            meta["listing"]["errors"].append(f"its frame {failure.request.url} failed: {reason}")
            yield from self.frame_done(meta)

    def frame_done(self, meta: dict) -> list[ChannelResult]:
        """Once a listing's last frame has answered: its outcome again, with the links its frames gave (it gave
        none of its own when its news are all in a frame), or, when neither it nor they gave any and a frame
        failed, that failure as the listing's error."""
        shown = meta["listing"]
        shown["left"] -= 1
        if shown["left"] or not (shown["entries"] or shown["errors"]):
            return []
        if shown["entries"]:
            return [ChannelResult(source=meta["source"], kind=meta["kind"], url=shown["channel"], status="ok",
                                  http_status=shown["http_status"], entries=shown["entries"])]
        self.count(meta["source"], "channel_errors")
        return [ChannelResult(source=meta["source"], kind=meta["kind"], url=shown["channel"], status="error",
                              http_status=shown["http_status"], error="; ".join(shown["errors"]))]

    def unlinked(self, response, links: list[tuple[str, str]]) -> list[tuple[str, dict]]:
        """The items a listing page shows with no page of their own that may name a topic (`unlinked_items`), each
        at an address of newswatch's making (the page's, with a fragment naming it by its words): judged on them,
        as a feed's item with no page is."""
        items = unlinked_items(response.body, response.url, (url for url, _ in links), self.may_match)
        return [(item_address(response.url, words), {"feed_title": title, "feed_summary": words})
                for title, words in items]

    def listing_gap(self, response, links: list[tuple[str, str]]) -> list[scrapy.Request]:
        """A listing page read before that shows none of the links it showed then: the articles (or, of a
        documents listing, the notices) published in between may have left it (a section page lists its last
        twenty). Its next page is read, up to MAX_FEED_PAGES, until one shows a link seen before; a listing that
        names no next page is said to have a gap, as a feed is (`feed_gap`)."""
        meta = response.meta
        via = meta.get("via", response.url)  # as the listing's sightings name it
        if meta.get("last_read") is None or not links:
            return []
        with reading(self.crawler) as session:  # it shows a link it listed before, or it never listed one (a town's
            # widget that had no notice yet): nothing can have left it unread
            if sighted_by(session, via, [clean_url(url) for url, _ in links]) or not listed_anything(session, via):
                return []
        page = meta.get("page", 1)
        url = next_listing_page(response.body, response.url) if page <= MAX_FEED_PAGES else None
        if url is None:
            self.feed_gap(meta, via, "it names no next page")
            return []
        return [scrapy.Request(url, callback=self.parse_listing_page, errback=self.feed_page_failed,
                               dont_filter=True, priority=1,
                               meta={**{k: meta[k] for k in ("source", "kind", "last_read")}, "page": page + 1,
                                     "via": via})]

    def parse_listing_page(self, response):
        """A next page of a listing that showed nothing seen before: its links as the listing's own."""
        links = listing_links(response)
        self.count(response.meta["source"], "feed_pages")
        return [*self.discovered(response.meta, response.meta["via"], titled(links), raw_answer(response)),
                *self.listing_gap(response, links)]


def listing_links(response) -> list[tuple[str, str]]:
    """(URL, link text) of a listing's links by its kind: a documents listing's documents and notices
    (`document_links`), a listing page's articles (`article_links`)."""
    if response.meta["kind"] == "documents":
        return document_links(response.body, response.url)
    return article_links(response.body, response.url, listing=True)

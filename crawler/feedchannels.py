"""Feeds and search feeds read as channels: their entries discovered, a feed that answers a page read from the feed
that page announces, and a feed that scrolled past its last read followed to its next pages (crawler/feedgaps.py)."""

from __future__ import annotations

import scrapy

from crawler.channels import ChannelSpider, raw_answer
from crawler.feedgaps import MAX_FEED_PAGES, next_page, scrolled_past
from crawler.feeds import FeedError, parse_feed
from crawler.outcomes import classify_failure
from crawler.stopping import StopRequested
from newswatch.operations.outlets import feed_links


class FeedSpider(ChannelSpider):
    """Reads a feed's or a search feed's answer, and its next pages when it scrolled past its last read."""

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


def _found(entries) -> list[tuple[str, dict]]:
    """What a feed says of each URL it lists (`discovered`'s info)."""
    return [(e.url, {"feed_title": e.title, "feed_date": e.published, "feed_summary": e.summary, "feed_text": e.text,
                     "feed_outlet": e.outlet, "feed_outlet_url": e.outlet_url, "feed_updated": e.updated,
                     **({"feed_cites": e.cites} if e.cites else {})})
            for e in entries]



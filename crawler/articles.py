"""Base spider for articles: skip known URLs, fetch new ones, record every outcome. What earlier runs left is asked
for by crawler/carried.py, the answers judged by crawler/answers.py."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

import scrapy

from crawler.answers import AnswerSpider
from crawler.carried import CarriedSpider
from crawler.context import reading
from crawler.documents import DOCUMENT_DEPTH, listing_depth
from crawler.items import Discoveries, Discovery, OldEntries, Page
from crawler.leads import Lead
from crawler.parts import PartSpider
from crawler.relisted import RelistSpider, dated_at, listed_date
from newswatch.documents import DOCUMENT_FILES
from newswatch.outputs.evidence import RawResponse
from newswatch.text.aggregators import is_opaque_aggregator_link, title_key, unwrap_redirector
from newswatch.text.dates import plausible
from newswatch.text.urls import clean_url, is_item_address, joined, listed_key, rehosted
from store.queries import known_urls, listed_before

DOCUMENT_TIME = 4  # a document (up to max_document_bytes) has this many times timeout_seconds to arrive


class ArticleSpider(CarriedSpider, AnswerSpider, RelistSpider, PartSpider):
    """Turns discovered URLs into `Discovery` records and article requests, and responses into `Page` items.

    Subclasses provide `context` (crawler.context.CrawlContext) and a `scheduled` set of cleaned URLs.
    """

    def document_limits(self, url: str, documents: bool) -> dict:
        """A request's size and time limits when it may be a document: a PDF by its address, or any link of a
        documents listing (a download address, a notice). A prefecture's monthly collection of acts, where an
        order on Sesterce's data center sits on page 140, runs to tens of MB: past max_page_bytes, it was lost.
        A page that is no PDF is still held to max_page_bytes (`parse_article`)."""
        crawl = self.context.config.crawl
        if not documents and not urlsplit(url).path.lower().endswith(DOCUMENT_FILES):
            return {}
        return {"download_maxsize": max(crawl.max_page_bytes, crawl.max_document_bytes),
                "download_timeout": DOCUMENT_TIME * crawl.timeout_seconds}


    def listed_late(self, meta: dict, via: str, aged: list[tuple]) -> list[tuple]:
        """Of the entries of a channel dated before max_age_days, those it lists for the first time: only a feed
        whose old entries were remembered at its last read (store.models.OldEntry) tells them from its backlog. A
        council's minutes dated by their sitting and put in its feed weeks later are a new item, read."""
        if meta["kind"] != "feed" or not meta.get("keeps_old"):
            return []
        with reading(self.crawler) as session:
            before = listed_before(session, via, [key for _, _, key, _, _ in aged])
        late = [entry for entry in aged if entry[2] not in before]
        for _, link, _, _, date in late:
            self.logger.info("%s: %s lists %s for the first time, dated %s, before max_age_days: read",
                             meta["source"], via, link, f"{date:%Y-%m-%d}")
        return late

    def discovered(self, meta: dict, via: str, found: list[tuple[str, dict]], channel: RawResponse | None = None):
        """Yield the entries as one Discoveries item, then a request for each new, recent, not yet known URL.

        `channel`: the answer that listed them, carried with each (as `channel_raw`, a reference) to be kept as
        the evidence of a headline record, should the URL become one.

        A redirector link (Bing's apiclick.aspx?…&url=) is unwrapped first: the publisher is fetched, never the
        redirector. An opaque aggregator link (a Google News id) is held as a lead (crawler/leads.py).
        """
        now = datetime.now(UTC)
        oldest = self.context.config.crawl.oldest_wanted(now)
        if meta["kind"] == "documents" and "key" not in meta:  # a documents listing read as a channel
            meta = {**meta, "depth_left": listing_depth(via)}
        recent, aged = [], []  # (URL to fetch, the URL as listed, key, info, date), as the channel lists them
        for url, info in found:
            url = joined(via, url)
            if url is None:  # a template's placeholder (`http://[url]/…`): the channel's other URLs go on
                self.logger.info("%s: %s lists an address no URL parser reads, left out", meta["source"], via)
                continue
            url = rehosted(url, via)
            date = listed_date(info)
            link, target = url, unwrap_redirector(url)
            if target:
                url, info = target, {**info, "via_link": link}
            too_old = oldest and plausible(date, now) and date < oldest  # 1970 is a broken date, not an old article
            (aged if too_old else recent).append((url, link, listed_key(url), info, date))
        late = self.listed_late(meta, via, aged) if aged else []
        for _ in range(len(aged) - len(late)):
            self.count(meta["source"], "too_old")
        fresh, seen = [], []
        dated: dict[str, datetime] = {}  # the latest date the listing gives each URL (a page listed once a fragment)
        for url, link, key, info, date in recent + late:
            if (given := dated_at(info)) and (key not in dated or given > dated[key]):
                dated[key] = given
            self.count(meta["source"], "found")
            seen.append(Discovery(source=meta["source"], channel=meta["kind"], via=via, url=link, key=key,
                                  title=info.get("feed_title"), published=date, summary=info.get("feed_summary"),
                                  outlet=info.get("feed_outlet"), outlet_url=info.get("feed_outlet_url"),
                                  title_key=title_key(info.get("feed_title"))))
            if key not in self.scheduled:
                self.scheduled.add(key)
                fresh.append((url, key, info if channel is None else {**info, "channel_raw": channel}))
            else:  # the page gets the words this listing adds (crawler/relisted.py)
                self.listed_again(meta, url, key, info if channel is None else {**info, "channel_raw": channel})
                self.remember_title(url, info.get("feed_title"), date)
        if aged and meta["kind"] == "feed":
            yield OldEntries(via, [key for _, _, key, _, _ in aged])
        if seen:
            yield Discoveries(seen)
        with reading(self.crawler) as session:
            known = known_urls(session, [key for _, key, _ in fresh])
            listed = [(key, info) for url, key, info in fresh if key in known and not is_opaque_aggregator_link(url)]
            again = self.second_looks(session, listed)
            if listed:
                again |= self.changed_pages(session, via, listed, found, dated)
        for url, key, info in fresh:
            if key in known and key not in again:
                self.count(meta["source"], "skipped")
            elif is_opaque_aggregator_link(url):
                self.hold_lead(Lead(meta["source"], meta["kind"], via, url, key, info))
            elif is_item_address(key):
                yield self.feed_item(meta["source"], url, key, info)
            else:
                self.remember_title(url, info.get("feed_title"), listed_date(info))
                yield self.article_request(meta, url, key, info)

    @staticmethod
    def feed_item(source: str, url: str, key: str, info: dict) -> Page:
        """A feed's item with no page of its own (`crawler.feeds._item`), or a listing page's (`unlinked`): nothing
        to fetch, judged on what its channel says as a lead behind a wall is, and kept as a headline record when
        that matches a topic."""
        page = Page(source=source, url=url, key=key, fetched_at=datetime.now(UTC), **info)
        shown = url.split("#", 1)[0]
        page.decide("feed_item", f"it has no page of its own ({shown} shows it among others): what its channel says "
                    "of it is all there is")
        return page

    def article_request(self, meta: dict, url: str, key: str, info: dict) -> scrapy.Request:
        documents = meta.get("kind") == "documents"  # a notice of a documents listing: its PDFs are followed too
        depth = meta.get("depth_left", max(self.context.config.crawl.follow_depth, 2 if documents else 0))
        self.scheduled_with(key, info)
        # dont_filter: `scheduled` already dedups; Scrapy's filter would drop a redirect loop with no outcome
        return scrapy.Request(url, callback=self.parse_article, errback=self.article_failed, dont_filter=True,
                              meta={"source": meta["source"], "key": key, "info": info, "depth_left": depth - 1,
                                    "documents": documents, **self.document_limits(url, documents),
                                    "download_fail_on_dataloss": False})  # judged in parse_article: `whole`

    def cited_requests(self, source: str, via: str, cited) -> list[scrapy.Request]:
        """Requests for the documents and articles a matching article (`via`, its key) cites (`cited`: channel, URL
        and title of each, `Page.citations`) that no run judged yet: a document as a documents listing's link (a
        document's limits; a page among them gives its own documents), an article as a listing page's. Their
        sightings were archived with the article (pipelines.saving)."""
        fresh: dict[str, tuple[str, str | None, str]] = {}
        for channel, url, title in cited:
            if (key := clean_url(url)) not in self.scheduled:
                fresh.setdefault(key, (url, title, channel))
        if not fresh:
            return []
        with reading(self.crawler) as session:
            known = known_urls(session, list(fresh))
        requests = []
        for key, (url, title, channel) in fresh.items():
            if key in known:
                continue
            self.scheduled.add(key)
            self.count(source, "found")
            self.logger.info("%s: %s, a matching article, cites %s: fetched", source, via, url)
            meta = ({"source": source, "kind": "documents", "depth_left": DOCUMENT_DEPTH - 1} if channel == "documents"
                    else {"source": source, "depth_left": 1})
            requests.append(self.article_request(meta, url, key, {"cited_by": via, "feed_title": title}))
        return requests

    def count(self, source: str, what: str) -> None:
        self.crawler.stats.inc_value(f"newswatch/source/{source}/{what}")



"""What earlier runs left for this one: archived articles due for a re-check, scans due for OCR, notices due to be
read again, and the URLs they discovered but left without a final outcome (a stopped run, a passing failure)."""

from __future__ import annotations

from datetime import UTC, datetime

import scrapy

from crawler.documents import DOCUMENT_DEPTH, is_notice, listing_depth
from crawler.leads import Lead
from crawler.items import Page
from crawler.plan import conditional
from newswatch.operations.preflight import scans_due
from newswatch.text.aggregators import is_opaque_aggregator_link
from newswatch.text.urls import clean_url, is_item_address
from store.queries import unfinished_discoveries
from store.rechecks import Notice, Recheck, articles_to_recheck, notices_to_reread


class CarriedSpider:
    """Requests for the work earlier runs left: made by `ArticleSpider`'s requests (`article_request`,
    `feed_item`, `document_limits`), answered by its `parse_article`."""

    def due_rechecks(self, session) -> list[Recheck]:
        """Archived articles young enough to be re-checked for edits, and not checked too recently."""
        window = self.context.config.crawl.recheck_window(datetime.now(UTC))
        return articles_to_recheck(session, self.context.sources, *window) if window else []

    def due_scans(self, session) -> list[Recheck]:
        """Scans archived unread because OCR could not run then, when it can now
        (newswatch.operations.preflight.scans_due): asked for whole, once (a failure is noted on the record)."""
        return scans_due(self.context.config.crawl, session, self.context.sources, datetime.now(UTC))

    def due_notices(self, session, listings: set[str]) -> list[Notice]:
        """The notices these documents listings linked that are due to be read again (`notice_request`)."""
        window = self.context.config.crawl.notice_window(datetime.now(UTC))
        if window is None or not listings:
            return []
        return notices_to_reread(session, listings, *window, is_notice)

    def recheck_request(self, recheck: Recheck) -> scrapy.Request:
        """A conditional request for an archived article: 304 when unchanged, else the page goes through again. A
        document's notice page that changed is followed for its new PDFs (`notice_request`)."""
        self.scheduled.add(recheck.url)
        document = recheck.kind == "document"
        follow = document and is_notice(recheck.url)
        info = {"feed_title": recheck.title, "reread_scan": True} if recheck.title is not None else {}
        return scrapy.Request(recheck.url, callback=self.parse_article, errback=self.article_failed, dont_filter=True,
                              headers=conditional(recheck.etag, recheck.last_modified),
                              meta={"source": recheck.source, "key": recheck.url, "info": info,
                                    "depth_left": DOCUMENT_DEPTH - 1 if follow else 0,
                                    "recheck_of": recheck.article_id, "handle_httpstatus_list": [304],
                                    **({"documents": True} if follow else {}),
                                    **self.document_limits(recheck.url, document)})

    def notice_request(self, notice: Notice, listings: set[str]) -> scrapy.Request:
        """A documents listing's notice judged by an earlier run, read again for the documents added to it since
        (the inquiry commissioner's report, the order that closes the procedure): the notice being known, they were
        never fetched. Its record is re-checked (an edit becomes a revision, a 304 costs nothing), or without one its
        words are judged again, with the depth it was first read with (`listing_depth`); either way the documents
        it links now are fetched when new."""
        self.logger.info("%s: notice %s read again, for documents added to it", notice.source, notice.url)
        if notice.article_id is not None:
            return self.recheck_request(Recheck(notice.article_id, notice.source, notice.url, notice.etag,
                                                notice.last_modified, "document"))
        self.scheduled.add(notice.url)
        depth = listing_depth(notice.via) if notice.via in listings else DOCUMENT_DEPTH - 1  # a sub-page's: 2
        return self.article_request({"source": notice.source, "kind": "documents", "depth_left": depth}, notice.url,
                                    notice.url, {})


    def unfinished(self, session) -> list[scrapy.Request | Page]:
        """Requests for the URLs earlier runs discovered but left without a final outcome (a stopped run, a
        passing failure): fetched whatever their channel answers now, a 304 included."""
        now = datetime.now(UTC)
        oldest = self.context.config.crawl.oldest_wanted(now)
        requests = []
        for sighting, from_channel in unfinished_discoveries(session, self.context.sources, oldest):
            date = sighting.published_at  # whatever it is: a feed's item listed late is as old as it says
            if sighting.url in self.scheduled:
                continue
            self.scheduled.add(sighting.url)
            self.count(sighting.source, "resumed")
            date_field = "sitemap_date" if sighting.channel == "sitemap" else "feed_date"
            info = {"feed_title": sighting.title, "feed_summary": sighting.summary, date_field: date,
                    "feed_outlet": sighting.outlet, "feed_outlet_url": sighting.outlet_url,
                    **({} if from_channel else {"cited_by": sighting.via})}  # found in a page: what it cites stays
            url = sighting.raw_url
            if is_item_address(sighting.url):  # a feed's item with no page of its own: its words, as listed
                requests.append(self.feed_item(sighting.source, url, sighting.url, info))
                continue
            if clean_url(url) != sighting.url:  # an aggregator's link (redirector, resolved Google id): the publisher
                url, info = sighting.url, {**info, "via_link": sighting.raw_url}
            elif is_opaque_aggregator_link(url):  # a Google News id never resolved: still a lead
                self.hold_lead(Lead(sighting.source, sighting.channel, sighting.via, url, sighting.url, info))
                continue
            requests.append(self.article_request(self.resumed_meta(sighting, from_channel), url, sighting.url, info))
        return requests

    def resumed_meta(self, sighting, from_channel: bool) -> dict:
        """What a resumed URL is asked for with, as when it was discovered: a documents listing's link as a document
        (a notice's PDFs followed, a document's size limits); others with the depth left from their channel."""
        if sighting.channel == "documents":  # a listing's link (the documents' depth), or a notice's document
            return {"source": sighting.source, "kind": "documents",
                    "depth_left": listing_depth(sighting.via) if from_channel else DOCUMENT_DEPTH - 1}
        return {"source": sighting.source, "depth_left": self.context.config.crawl.follow_depth if from_channel else 1}


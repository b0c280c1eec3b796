"""Base spider for articles: skip known URLs, fetch new ones, re-check young ones, record every outcome."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import StopDownload

from crawler.channels import header, raw_answer, titled
from crawler.context import reading
from crawler.documents import document_links, is_notice
from crawler.items import Discoveries, Discovery, OldEntries, Page
from crawler.leads import Lead
from crawler.links import DOCUMENT_FILES, article_links
from crawler.outcomes import answer_wall, classify_failure, not_online_yet, redirected_home
from crawler.parts import PartSpider, next_part
from crawler.plan import conditional
from crawler.relisted import RelistSpider, dated_at
from crawler.sitemaps import SitemapError, maybe_gunzip
from crawler.stopping import StopRequested
from newswatch.documents.office import office_kind
from newswatch.documents.pdftext import looks_like_pdf
from newswatch.documents.pictures import picture_kind
from newswatch.documents.reading import is_zip
from newswatch.operations.preflight import scans_due
from newswatch.outputs.evidence import RawResponse
from newswatch.text.aggregators import is_opaque_aggregator_link, title_key, unwrap_redirector
from newswatch.text.dates import plausible
from newswatch.text.markup import declared_charset, looks_like_html
from newswatch.text.urls import clean_url, is_item_address, joined, listed_key, rehosted
from store.queries import known_urls, listed_before, unfinished_discoveries
from store.rechecks import Notice, Recheck, articles_to_recheck, notices_to_reread

HTML_TYPES = ("text/html", "application/xhtml+xml")
MEDIA_TYPES = (b"audio/", b"video/", b"image/")  # answers whose body is never read: their headers say enough
DOCUMENT_TIME = 4  # a document (up to max_document_bytes) has this many times timeout_seconds to arrive
DOCUMENT_DEPTH = 3  # a documents listing's link (a notice) → its sub-pages (notices filed below it) → their documents


class ArticleSpider(RelistSpider, PartSpider):
    """Turns discovered URLs into `Discovery` records and article requests, and responses into `Page` items.

    Subclasses provide `context` (crawler.context.CrawlContext) and a `scheduled` set of cleaned URLs.
    """

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

    def media_headers(self, headers, body_length, request, spider) -> None:
        """An article's answer that says it is a picture, a sound or a video is not downloaded past its headers (a
        podcast item's address is its audio file, tens of MB): read as the `not_html` answer it is. A picture asked
        for as a document (a notice's poster, `document_limits`) is downloaded: it is read by OCR."""
        if "key" in request.meta:
            kind = (headers.get(b"Content-Type") or b"").split(b";")[0].strip().lower()
            if kind.startswith(MEDIA_TYPES) and not (kind.startswith(b"image/") and "download_maxsize" in request.meta):
                raise StopDownload(fail=False)

    def parse_article(self, response):
        max_page_bytes = self.context.config.crawl.max_page_bytes
        response = gunzipped_again(response, response.meta.get("download_maxsize", max_page_bytes))
        meta = response.meta
        self.count(meta["source"], "rechecked" if meta.get("recheck_of") else "fetched")
        page = Page(source=meta["source"], url=response.request.url, key=meta["key"], final_url=response.url,
                    http_status=response.status, fetched_at=datetime.now(UTC), etag=header(response, "ETag"),
                    last_modified=header(response, "Last-Modified"), recheck_of=meta.get("recheck_of"),
                    **self.page_info(meta["key"], meta["info"]))
        content_type = header(response, "Content-Type") or ""
        if meta.get("documents"):
            page.kind = "document"
        if response.status != 304:
            page.raw = raw_answer(response, page.fetched_at)
        wall = answer_wall(response)
        if response.status == 304:
            page.decide("not_modified", "unchanged since the last fetch")
        elif "dataloss" in response.flags and not whole(response.body):
            page.decide("network", "the connection broke before the whole answer arrived", final=False)
        elif wall is not None:
            page.decide(wall.outcome, wall.reason, final=wall.final)
        elif "redirect_urls" in meta and (home := redirected_home(meta["redirect_urls"][0], response.url)):
            page.decide(home.outcome, home.reason, final=home.final)
        elif (looks_like_pdf(response.body, content_type) or office_kind(response.body, content_type)
              or ("download_maxsize" in meta and (picture_kind(response.body) or is_zip(response.body)))):
            page.kind, page.document = "document", response.body  # extracted by ExtractPipeline (a PDF, .odt, .docx,
            # or a picture or a zip asked for as a document: a notice's poster, a zipped dossier)
        elif len(response.body) > max_page_bytes:  # asked as a document (`document_limits`), answered otherwise
            page.decide("too_large", "larger than the size limit (max_page_bytes)")
        elif (content_type and content_type.split(";")[0].strip().lower() not in HTML_TYPES
              and not looks_like_html(response.body)):
            page.decide("not_html", f"content type {content_type.split(';')[0]}")
        elif not response.body or response.body.isspace():
            page.decide("no_text", "empty response body")
        else:
            # decoded where it is read (an extraction worker): the crawl's own process never needs the text
            page.body, page.charset = response.body, declared_charset(content_type, response.body[:4096])
        follow = meta.get("depth_left", 0) > 0 and page.body is not None
        html = page.html() if follow else None  # before the pipelines free the page's bytes
        answer = page.raw if follow else None
        part = next_part(page.body, response.url, response.url, 2) if page.body and page.kind == "article" else None
        yield self.part_request(page, part, 2) if part else page  # an article split over pages: read whole first
        if follow:
            if meta.get("documents"):  # a notice: its documents, and its sub-pages while depth is left for theirs
                found = titled(document_links(html, response.url, "below" if meta["depth_left"] >= 2 else "none"))
                yield from self.discovered({**meta, "kind": "documents"}, response.url, found, answer)
            else:
                found = titled(article_links(html, response.url))
                yield from self.discovered({**meta, "kind": "page"}, response.url, found, answer)

    def article_failed(self, failure):
        if failure.check(StopRequested):  # no outcome: the next run fetches it
            return
        meta = failure.request.meta
        outcome = classify_failure(failure.value, failure.request.url)
        if outcome.outcome == "too_large" and "download_maxsize" in meta:  # asked as a document
            outcome = replace(outcome, reason=outcome.reason.replace("max_page_bytes", "max_document_bytes"))
        if meta.get("recheck_of") is None:
            outcome = not_online_yet(outcome, listed_date(meta["info"]), datetime.now(UTC))
        self.count(meta["source"], "rechecked" if meta.get("recheck_of") else "fetched")
        page = Page(source=meta["source"], url=failure.request.url, key=meta["key"], http_status=outcome.http_status,
                    fetched_at=datetime.now(UTC), recheck_of=meta.get("recheck_of"),
                    **self.page_info(meta["key"], meta["info"]))
        if meta.get("documents"):  # a PDF or notice of a documents listing, even one that could not be read
            page.kind = "document"
        page.decide(outcome.outcome, outcome.reason, final=outcome.final)
        yield page

    def count(self, source: str, what: str) -> None:
        self.crawler.stats.inc_value(f"newswatch/source/{source}/{what}")


def listing_depth(listing: str) -> int:
    """The depth a documents listing's links are asked for with: their documents and their sub-pages'
    (DOCUMENT_DEPTH), except on a listing that is a site's home page, every page of which is below it (its links'
    documents only)."""
    return DOCUMENT_DEPTH if urlsplit(listing).path.strip("/") else DOCUMENT_DEPTH - 1


def listed_date(info: dict) -> datetime | None:
    """The date a channel gave a URL: its feed item's, its news sitemap's, else its sitemap's lastmod."""
    return info.get("feed_date") or info.get("sitemap_date") or info.get("sitemap_lastmod")


def whole(body: bytes) -> bool:
    """Whether an answer whose connection closed short of its announced length still holds its whole page: a proxy
    that counts wrong sends all of a town hall's page, and it was lost to a network error at every run. An HTML
    page that ends, a PDF with its end marker, a zip (.odt, .docx) with its directory; nothing else is trusted."""
    tail, end = body[-65536:], body[-4096:].lower()
    return b"</html" in end or b"</body" in end or b"%%EOF" in tail[-2048:] or b"PK\x05\x06" in tail


def gunzipped_again(response, max_size: int):
    """A page compressed twice (a server's gzip over a CMS's: Scrapy undid one), as the page it is; a page that
    does not inflate, or inflates past max_size, as it came."""
    if not response.body.startswith(b"\x1f\x8b"):
        return response
    try:
        return response.replace(body=maybe_gunzip(response.body, max_size))
    except SitemapError:
        return response

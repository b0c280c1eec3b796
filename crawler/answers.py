"""An article's or a document's answer judged: a `Page` item with its outcome, or with its bytes for the pipelines
to read (decoded and extracted in a worker), and the links a page to follow gives."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from scrapy.exceptions import StopDownload

from crawler.channels import header, raw_answer, titled
from crawler.documents import document_links
from crawler.items import Page
from crawler.links import article_links
from crawler.outcomes import answer_wall, classify_failure, not_online_yet, redirected_home
from crawler.parts import next_part
from crawler.relisted import listed_date
from crawler.sitemaps import SitemapError, maybe_gunzip
from crawler.stopping import StopRequested
from newswatch.documents.office import office_kind
from newswatch.documents.pdftext import looks_like_pdf
from newswatch.documents.pictures import picture_kind
from newswatch.documents.reading import is_zip
from newswatch.text.markup import declared_charset, looks_like_html

HTML_TYPES = ("text/html", "application/xhtml+xml")
MEDIA_TYPES = (b"audio/", b"video/", b"image/")  # answers whose body is never read: their headers say enough


class AnswerSpider:
    """Judges the answers to `ArticleSpider`'s requests; what a page links is handed to its `discovered`."""

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

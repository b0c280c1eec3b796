"""ExtractPipeline: main text and metadata of each page or PDF, in a pool of killable worker processes."""

from __future__ import annotations

from dataclasses import replace

from scrapy import signals
from scrapy.exceptions import DropItem

from crawler.context import crawl_context
from crawler.items import Page
from crawler.outcomes import says_not_found
from newswatch.documents.ocr import OcrSettings
from newswatch.documents.pdftext import PAGE_BREAK, looks_like_pdf
from newswatch.operations.workers import ExtractAbandoned, ExtractFailed, ExtractorPool, ExtractTimeout, crawl_pool
from newswatch.text.dates import choose_date
from newswatch.text.extraction import Extracted, as_it_stands
from newswatch.text.markup import MAX_PLAIN_TEXT, decode_html
from newswatch.text.urls import clean_url


class ExtractPipeline:
    """Runs trafilatura off the event loop on every core; a page past the time limit is killed and recorded."""

    def __init__(self, pool: ExtractorPool, stats, queries: tuple[str, ...] = (), ocr: OcrSettings | None = None,
                 follow_cited: bool = True, channels: frozenset[str] = frozenset(), evidence: bool = False):
        self.pool, self.stats, self.queries = pool, stats, queries  # the topics, for the pictures' captions
        self.evidence = evidence  # [store] keep_raw: a page that may match comes back with its bytes packed
        self.ocr = ocr  # how scanned PDFs are read
        self.follow_cited = follow_cited  # [crawl] follow_cited: false, what a page cites is dropped here
        self.channels = channels  # the sources' channels (cleaned): read as channels, never cited

    @classmethod
    def from_crawler(cls, crawler):
        config = crawl_context(crawler).config
        crawl = config.crawl
        pipeline = cls(crawl_pool(crawler, crawl.extract_workers, crawl.extract_timeout_seconds), crawler.stats,
                       tuple(topic.query for topic in config.topics), crawl.ocr, crawl.follow_cited,
                       frozenset(clean_url(url) for source in config.sources for url in source.channels),
                       config.store.keep_raw)
        crawler.signals.connect(pipeline.request_scheduled, signal=signals.request_scheduled)
        return pipeline

    def request_scheduled(self, request, spider):
        """The first article request starts the fork server (it imports trafilatura while the page downloads);
        a crawl that finds nothing new never pays for it (0.3 s of CPU)."""
        if "key" in request.meta:  # article requests carry their cleaned URL; channel requests do not
            self.pool.start()

    async def process_item(self, item):
        if not isinstance(item, Page) or item.outcome is not None or (item.body is None and item.document is None):
            return item
        try:
            if item.document is not None:
                extracted, item.text_missing, item.fingerprint, packed = await self.pool.extract_document(
                    item.document, item.landed_url, self.ocr, self.queries, self.evidence)
            elif item.premade is not None:  # extracted with the prefilter's test, in the same worker task
                made, item.premade = item.premade, None
                if isinstance(made, Exception):
                    raise made
                extracted, item.fingerprint, packed = made
            else:
                extracted, item.fingerprint, packed = await self.pool.extract_for_archive(
                    item.body, item.landed_url, item.charset, self.queries, tuple(item.parts), self.evidence)
        except ExtractTimeout as exc:
            self.stats.inc_value("newswatch/extract/timeout")
            keep_as_it_stands(item)
            item.decide("extract_timeout", str(exc))
            return item
        except ExtractFailed as exc:
            self.stats.inc_value("newswatch/extract/failed")
            keep_as_it_stands(item)
            item.decide("extract_failed", str(exc).removeprefix("PdfError: ").removeprefix("OfficeError: "))
            return item
        except ExtractAbandoned as exc:  # the archive could not be written: no outcome, the next crawl fetches it
            raise DropItem(str(exc), log_level="DEBUG") from None
        if not extracted.text and item.text_missing is None:
            self.stats.inc_value("newswatch/extract/empty")
            item.decide("no_text", "no extractable text in the page")
            return item
        if item.document is None and (gone := says_not_found(extracted.title)) is not None:
            item.decide(gone.outcome, gone.reason, final=gone.final)  # its channel's words may make it a headline
            return item
        if packed is not None and item.raw is not None and item.raw.body == (item.document or item.body):
            item.raw = replace(item.raw, packed=packed)  # the evidence copy, packed in the worker
        self.stats.inc_value("newswatch/extract/ok")
        self.stats.inc_value(f"newswatch/source/{item.source}/extracted")
        if extracted.text_status == "ocr":
            self.stats.inc_value("newswatch/extract/document_read_by_ocr")
        elif item.text_missing:
            self.stats.inc_value("newswatch/extract/document_without_text")
        if item.document is not None and looks_like_pdf(item.document):  # an .odt or .docx has no pages
            item.pages = extracted.text.count(PAGE_BREAK) + 1
        if extracted.cited or extracted.cited_articles:
            extracted = self.citing(extracted)
        item.extracted, item.body, item.document, item.parts = extracted, None, None, []
        candidates = {"feed": item.feed_date, "sitemap": item.sitemap_date, "sitemap_lastmod": item.sitemap_lastmod,
                      **extracted.dates}
        item.published, item.date_source = choose_date(candidates, item.fetched_at)
        return item

    def citing(self, extracted: Extracted) -> Extracted:
        """What a page cites, to be fetched: nothing with `follow_cited = false`; never a source's channel (a
        notice's PDF names the prefecture's consultations page the group reads as a documents listing: fetched as a
        document, it was archived as one, and its sighting asked for again by every crawl)."""
        if not self.follow_cited:
            return replace(extracted, cited=(), cited_articles=())

        def kept(links: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
            return tuple((url, text) for url, text in links if clean_url(url) not in self.channels)

        return replace(extracted, cited=kept(extracted.cited), cited_articles=kept(extracted.cited_articles))

    def close_spider(self):
        self.pool.close()


def keep_as_it_stands(item: Page) -> None:
    """A page whose extraction failed or ran past its time limit keeps its title and text as they stand
    (`as_it_stands`): matched like its feed item's words, a topic only its text names is not lost with it. An
    article read in parts (crawler/parts.py) keeps the text of each, after its first page's."""
    if item.document is None and item.body:
        title, text = as_it_stands(item.html(), item.landed_url)
        if item.parts:
            texts = (as_it_stands(decode_html(part, item.charset), item.landed_url)[1] for part in item.parts)
            text = " ".join(filter(None, (text, *texts)))[:MAX_PLAIN_TEXT]
        if text:
            item.page_title, item.page_text = title or None, text

"""StorePipeline: write discoveries, channel outcomes, fetch outcomes, articles and their revisions; record the run."""

from __future__ import annotations

import os
import time

from scrapy import signals

from crawler.context import crawl_context
from crawler.items import ChannelResult, Discoveries, Page
from crawler.stopping import stop_now
from newswatch.aggregators import outlet_domain, title_key
from newswatch.dates import choose_date
from newswatch.evidence import capture_fields
from newswatch.revisions import diff_summary, is_material_change
from newswatch.runs import COUNTERS, ERROR_OUTCOMES, run_status
from newswatch.urls import clean_url
from pipelines.records import asked_url, lead_domain, lead_fields, page_urls, title_of
from store import dedup, evidence, leads, queries
from store.db import transaction

BATCH_ITEMS, BATCH_SECONDS = 500, 2.0  # discoveries and already-judged pages are written in bulk


class StorePipeline:
    """The only writer of a crawl: one short BEGIN IMMEDIATE transaction per article, per channel outcome,
    and per batch of discoveries and already-judged pages (flushed every 500 items or 2 s, and at the end)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.context = crawl_context(crawler)
        self.stats = crawler.stats
        self.last_error: dict[str, str] = {}
        self.run_id: int | None = None
        self.pending: list = []
        self.pending_since = 0.0
        self.keep_raw = self.context.config.store.keep_raw

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipeline.stopped_at_once, signal=stop_now)
        return pipeline

    def open_spider(self):
        with transaction(self.context.writer) as session:
            queries.ensure_sources(session, self.context.sources)
            self.run_id = self.context.join_run or queries.start_run(session, "crawl", pid=os.getpid()).id
        self.stats.set_value("newswatch/run_id", self.run_id)

    def process_item(self, item):
        if _batchable(item):
            if not self.pending:
                self.pending_since = time.monotonic()
            self.pending.append(item)
            if len(self.pending) >= BATCH_ITEMS or time.monotonic() - self.pending_since >= BATCH_SECONDS:
                self.flush()
            return item
        self.flush()
        with transaction(self.context.writer) as session:
            if isinstance(item, ChannelResult):
                queries.record_channel(session, url=item.url, kind=item.kind, source=item.source, status=item.status,
                                       http_status=item.http_status, etag=item.etag,
                                       last_modified=item.last_modified, error=item.error, entries=item.entries)
                if item.status == "error":
                    self.last_error[item.source] = f"{item.kind} {item.url}: {item.error}"
            elif isinstance(item, Page):
                self.store_page(session, item)
        return item

    def flush(self) -> None:
        """Write the pending discoveries and judged pages in one transaction."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        pages = [p for p in pending if isinstance(p, Page)]
        with transaction(self.context.writer) as session:
            queries.record_discoveries(session, [
                dict(url=d.key, raw_url=d.url, source=d.source, channel=d.channel, via=d.via, title=d.title,
                     published_at=d.published, summary=d.summary, outlet=d.outlet, outlet_url=d.outlet_url,
                     title_key=d.title_key)
                for batch in pending if isinstance(batch, Discoveries) for d in batch.entries])
            queries.record_fetches(session, [
                dict(url=p.key, source=p.source, outcome=p.outcome, reason=p.reason, http_status=p.http_status,
                     final=p.final, run_id=self.run_id) for p in pages],
                give_up_after=self.context.config.crawl.retry_runs)
        for page in pages:
            self.account(page)

    def close_spider(self):
        self.flush()

    def store_page(self, session, page: Page) -> None:
        """An article to save or re-check (pages already judged are written in bulk by `flush`)."""
        if page.recheck_of is not None:
            self.save_recheck(session, page)
        elif page.outcome is not None:  # a lead that matches a topic (see _batchable)
            self.save_headline(session, page)
        else:
            page.outcome, page.reason = self.save_article(session, page)
        self.account(page)

    def account(self, page: Page) -> None:
        """Count a page's outcome in the run's statistics."""
        self.stats.inc_value(f"newswatch/outcome/{page.outcome}")
        if page.outcome in ERROR_OUTCOMES:
            self.count(page.source, "errors")
            self.last_error[page.source] = f"{page.url}: {page.reason}"

    def save_headline(self, session, page: Page) -> None:
        """A matching lead that cannot become a full article: archived with what its channel said, once."""
        urls = page_urls(page)
        domain, key = lead_domain(page), title_key(page.feed_title)
        existing = leads.find_headline_home(session, [page.key], domain, key)
        if existing is None:
            date, date_source = choose_date({"feed": page.feed_date, "sitemap": page.sitemap_date}, page.fetched_at)
            existing = leads.insert_headline(
                session, url=asked_url(page), key=page.key, source=page.source, title=page.feed_title or page.url,
                summary=page.feed_summary, published=date, date_source=date_source, outlet=page.feed_outlet,
                domain=domain, title_key=key, reason=page.reason, seen_at=page.fetched_at)
            queries.replace_matches(session, existing, page.matches)
            self.count(page.source, "headlines")
        queries.add_article_urls(session, existing, urls)
        queries.record_fetches(session, [dict(url=page.key, source=page.source, outcome=page.outcome,
                                              reason=page.reason, http_status=page.http_status, final=page.final,
                                              run_id=self.run_id, article_id=existing)],
                               give_up_after=self.context.config.crawl.retry_runs)

    def save_article(self, session, page: Page) -> tuple[str, str | None]:
        extracted = page.extracted
        canonical = clean_url(extracted.canonical_url or page.final_url or page.url)
        urls = {canonical, *page_urls(page)}
        known_by = [canonical, page.key, *([page.via_link] if page.via_link else [])]
        queries.claim_urls(session, known_by)  # a concurrent crawler of the same article waits
        existing = (queries.article_by_urls(session, known_by)
                    or queries.article_by_headline(session, outlet_domain(canonical), title_key(title_of(page)),
                                                   status="headline"))
        if existing is not None and queries.text_status_of(session, existing) == "headline":
            return self.complete(session, page, existing, canonical, urls)
        if existing is not None:
            return self.fold(session, page, existing, urls, f"same URL as article {existing}")
        fp = page.fingerprint  # computed with the extraction, in a worker (None for a document without text)
        twin = dedup.find_copy(session, fp, page.source) if fp is not None else None
        if twin is not None and twin.source == page.source:
            if twin.is_shorter:  # the archived text was a teaser of this one
                dedup.replace_text(session, twin.article_id, title=title_of(page), text=extracted.text,
                                   fetched_at=page.fetched_at, fp=fp)
                queries.replace_matches(session, twin.article_id, page.matches)
            self.stats.inc_value("newswatch/dedup/folded")
            return self.fold(session, page, twin.article_id, urls,
                             f"{twin.copy.kind} copy of article {twin.article_id} of the same outlet")
        story_id, duplicate_of = dedup.join_story(session, twin, title_of(page), page.fetched_at)
        article_id = queries.insert_article(
            session, url=page.final_url or page.url, canonical_url=canonical, source=page.source,
            title=title_of(page), author=extracted.author, published_at=page.published,
            date_source=page.date_source, language=extracted.language, site_name=extracted.site_name,
            text=extracted.text, first_seen=page.fetched_at, fetched_at=page.fetched_at, story_id=story_id,
            duplicate_of=duplicate_of, etag=page.etag, last_modified=page.last_modified, checked_at=page.fetched_at,
            kind=page.kind, **lead_fields(page, canonical))
        if fp is not None:
            dedup.index_article(session, article_id, fp)
        if twin is not None:
            self.stats.inc_value(f"newswatch/dedup/{twin.copy.kind}")
        queries.add_article_urls(session, article_id, urls)
        queries.replace_matches(session, article_id, page.matches)
        evidence.replace_deadlines(session, article_id, page.deadlines)
        self.keep_evidence(session, article_id, page, "first sight")
        queries.record_fetch(session, url=page.key, source=page.source, outcome="stored", reason=None,
                             http_status=page.http_status, final=True, run_id=self.run_id, article_id=article_id)
        self.count(page.source, "new")
        return "stored", None

    def complete(self, session, page: Page, article_id: int, canonical: str, urls: set) -> tuple[str, str]:
        """The full text of a headline record: completed in place, every provenance kept."""
        extracted = page.extracted
        leads.complete_headline(
            session, article_id, title=title_of(page), text=extracted.text, fetched_at=page.fetched_at,
            fp=page.fingerprint, url=page.final_url or page.url, canonical_url=canonical, author=extracted.author,
            published_at=page.published, date_source=page.date_source, language=extracted.language,
            site_name=extracted.site_name, etag=page.etag, last_modified=page.last_modified,
            checked_at=page.fetched_at, **lead_fields(page, canonical))
        queries.add_article_urls(session, article_id, urls)
        queries.replace_matches(session, article_id, page.matches)
        reason = f"completes the headline record {article_id}"
        queries.record_fetch(session, url=page.key, source=page.source, outcome="stored", reason=reason,
                             http_status=page.http_status, final=True, run_id=self.run_id, article_id=article_id)
        self.stats.inc_value("newswatch/leads/completed")
        return "stored", reason

    def fold(self, session, page: Page, article_id: int, urls: set, reason: str) -> tuple[str, str]:
        """The page is an article already archived: record its URLs on that article."""
        queries.add_article_urls(session, article_id, urls)
        queries.record_fetch(session, url=page.key, source=page.source, outcome="duplicate", reason=reason,
                             http_status=page.http_status, final=True, run_id=self.run_id, article_id=article_id)
        return "duplicate", reason

    def save_recheck(self, session, page: Page) -> None:
        """A re-check of an archived article: when it changed materially, keep the earlier version."""
        if page.outcome is None:
            previous = dedup.current_version(session, page.recheck_of)
            title, text = title_of(page), page.extracted.text
            if is_material_change(previous.title, previous.text, title, text):
                summary = diff_summary(previous.title, previous.text, title, text)
                dedup.record_revision(session, page.recheck_of, previous, seen_at=page.fetched_at, summary=summary)
                dedup.replace_text(session, page.recheck_of, title=title, text=text, fetched_at=page.fetched_at,
                                   fp=page.fingerprint)
                queries.replace_matches(session, page.recheck_of, page.matches)
                evidence.replace_deadlines(session, page.recheck_of, page.deadlines)
                page.outcome, page.reason = "revised", summary
                if page.matches or evidence.has_captures(session, page.recheck_of):  # the matching version's evidence
                    self.keep_evidence(session, page.recheck_of, page, summary, always=True)
            else:
                page.outcome = "unchanged"
                if page.matches and not evidence.has_captures(session, page.recheck_of):
                    self.keep_evidence(session, page.recheck_of, page, "first capture (archived before evidence was kept)")
        dedup.mark_checked(session, page.recheck_of, page.fetched_at, page.etag, page.last_modified)

    def keep_evidence(self, session, article_id: int, page: Page, change: str, always: bool = False) -> None:
        """The raw response of a matching page (or of a revision of an article that matched), as evidence.

        Pages that match no topic are never kept: a document kept unread (a scan) only has its hash recorded.
        """
        if page.raw is None or not (page.matches or always or page.text_missing):
            return
        keep = self.keep_raw and bool(page.matches or always)
        extracted = page.extracted
        evidence.record_capture(session, article_id, **capture_fields(page.raw, title_of(page), extracted.text, change,
                                                                       keep))
        self.stats.inc_value("newswatch/evidence/captures")

    def count(self, source: str, what: str) -> None:
        self.stats.inc_value(f"newswatch/source/{source}/{what}")

    def spider_closed(self, spider, reason):
        self.finish_run(reason)

    def stopped_at_once(self, reason):
        """A second signal: the reactor stops without closing the spider, so the run is recorded now."""
        self.finish_run(reason)

    def finish_run(self, reason: str) -> None:
        if self.run_id is None or self.stats.get_value("newswatch/run_status"):
            return  # not started, or already recorded
        self.flush()
        per_source = {name: {c: self.stats.get_value(f"newswatch/source/{name}/{c}", 0) for c in COUNTERS}
                      for name in self.context.sources}
        status, message = run_status(per_source, reason)
        with transaction(self.context.writer) as session:
            for name, counts in per_source.items():
                queries.record_run_source(session, self.run_id, name, counts, self.last_error.get(name))
            if self.context.join_run is None:  # a distributed run is finished by the crawl that enqueued it
                queries.finish_run(session, self.run_id, status, message)
        self.stats.set_value("newswatch/run_status", status)


def _batchable(item) -> bool:
    """Discoveries and pages already judged (no article, headline or re-check to save) can wait for a bulk write."""
    if isinstance(item, Discoveries):
        return True
    return isinstance(item, Page) and item.outcome is not None and item.recheck_of is None and not item.matches

"""StorePipeline: write discoveries, channel outcomes, fetch outcomes and articles; record the run."""

from __future__ import annotations

import os

from scrapy import signals

from crawler.context import crawl_context
from crawler.items import ChannelResult, Discovery, Page
from newswatch.runs import COUNTERS, ERROR_OUTCOMES, run_status
from newswatch.urls import clean_url
from store import queries
from store.db import transaction


class StorePipeline:
    """The only writer of a crawl: one short BEGIN IMMEDIATE transaction per item."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.context = crawl_context(crawler)
        self.stats = crawler.stats
        self.last_error: dict[str, str] = {}
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self):
        with transaction(self.context.writer) as session:
            queries.ensure_sources(session, self.context.sources)
            self.run_id = queries.start_run(session, "crawl", pid=os.getpid()).id
        self.stats.set_value("newswatch/run_id", self.run_id)

    def process_item(self, item):
        with transaction(self.context.writer) as session:
            if isinstance(item, Discovery):
                queries.record_discovery(session, url=item.key, raw_url=item.url, source=item.source,
                                         channel=item.channel, via=item.via, title=item.title,
                                         published=item.published, summary=item.summary)
            elif isinstance(item, ChannelResult):
                queries.record_channel(session, url=item.url, kind=item.kind, source=item.source, status=item.status,
                                       http_status=item.http_status, etag=item.etag,
                                       last_modified=item.last_modified, error=item.error, entries=item.entries)
                if item.status == "error":
                    self.last_error[item.source] = f"{item.kind} {item.url}: {item.error}"
            elif isinstance(item, Page):
                self.store_page(session, item)
        return item

    def store_page(self, session, page: Page) -> None:
        if page.outcome is None:
            page.outcome, page.reason = self.save_article(session, page)
        else:
            queries.record_fetch(session, url=page.key, source=page.source, outcome=page.outcome, reason=page.reason,
                                 http_status=page.http_status, final=page.final, run_id=self.run_id)
        self.stats.inc_value(f"newswatch/outcome/{page.outcome}")
        if page.outcome in ERROR_OUTCOMES:
            self.count(page.source, "errors")
            self.last_error[page.source] = f"{page.url}: {page.reason}"

    def save_article(self, session, page: Page) -> tuple[str, str | None]:
        extracted = page.extracted
        canonical = clean_url(extracted.canonical_url or page.final_url or page.url)
        urls = {page.key, canonical, clean_url(page.final_url or page.url), page.url, page.final_url}
        existing = queries.article_by_urls(session, [canonical, page.key])
        if existing is not None:
            queries.add_article_urls(session, existing.id, urls)
            queries.record_fetch(session, url=page.key, source=page.source, outcome="duplicate",
                                 reason=f"same URL as article {existing.id}", http_status=page.http_status,
                                 final=True, run_id=self.run_id, article_id=existing.id)
            return "duplicate", f"same URL as article {existing.id}"
        article = queries.insert_article(
            session, url=page.final_url or page.url, canonical_url=canonical, source=page.source,
            title=extracted.title or page.feed_title or "", author=extracted.author, published_at=page.published,
            date_source=page.date_source, language=extracted.language, site_name=extracted.site_name,
            text=extracted.text, first_seen=page.fetched_at, fetched_at=page.fetched_at)
        queries.add_article_urls(session, article.id, urls)
        queries.replace_matches(session, article.id, page.matches)
        queries.record_fetch(session, url=page.key, source=page.source, outcome="stored", reason=None,
                             http_status=page.http_status, final=True, run_id=self.run_id, article_id=article.id)
        self.count(page.source, "new")
        return "stored", None

    def count(self, source: str, what: str) -> None:
        self.stats.inc_value(f"newswatch/source/{source}/{what}")

    def spider_closed(self, spider, reason):
        per_source = {name: {c: self.stats.get_value(f"newswatch/source/{name}/{c}", 0) for c in COUNTERS}
                      for name in self.context.sources}
        status, message = run_status(per_source, reason)
        with transaction(self.context.writer) as session:
            for name, counts in per_source.items():
                queries.record_run_source(session, self.run_id, name, counts, self.last_error.get(name))
            queries.finish_run(session, self.run_id, status, message)
        self.stats.set_value("newswatch/run_status", status)

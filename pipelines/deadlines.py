"""DeadlinesPipeline: the consultation periods and deadlines stated in each matching article or document."""

from __future__ import annotations

from crawler.items import Page
from newswatch.documents.reading import page_at
from newswatch.text.deadlines import find_deadlines


class DeadlinesPipeline:
    """Finds periods and deadlines in the text of pages about to be archived with a topic (or re-checked)."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        if not isinstance(item, Page) or item.outcome is not None or item.extracted is None:
            return item
        if not item.matches and item.recheck_of is None:
            return item
        text = item.extracted.text
        reference = (item.published or item.fetched_at).date()
        item.deadlines = [dict(starts=d.starts, ends=d.ends, until=d.until, phrase=d.phrase, context=d.context,
                               page=page_at(text, d.offset) if item.pages else None)
                          for d in find_deadlines(text, reference)]
        if item.deadlines:
            self.stats.inc_value("newswatch/deadlines/found", len(item.deadlines))
        return item

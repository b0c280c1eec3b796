"""A feed that scrolled past its last read: every item it lists is newer than that read, so the items published
in between may be gone from it. Its next page is read when the feed says where it is (RFC 5005's
`<atom:link rel="next">`) or is WordPress's (`?paged=2`), else the gap is said."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.feeds import FeedEntry
from newswatch.text.urls import joined

MAX_FEED_PAGES = 10  # pages of one feed read after its first, at most
# An item dated this little after the last read is no gap: feeds write local times as UTC, clocks drift.
GAP_MARGIN = timedelta(hours=3)
_NEXT = re.compile(rb"""<(?:atom:)?link\b[^>]*\brel\s*=\s*["']next["'][^>]*>""", re.IGNORECASE)
_HREF = re.compile(rb"""\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_WORDPRESS = re.compile(rb"<generator>\s*https?://wordpress\.org/", re.IGNORECASE)


def scrolled_past(entries: list[FeedEntry], last_read: datetime | None) -> datetime | None:
    """The date of the oldest item when every item is dated and newer than `last_read` (by more than GAP_MARGIN):
    items published in between may have scrolled out. None when there is no such gap, or no way to tell (an
    undated item, or every item dated alike: the time the feed was made)."""
    return dated_past([entry.published for entry in entries], last_read)


def dated_past(dates: list[datetime | None], last_read: datetime | None) -> datetime | None:
    """`scrolled_past` for a listing's dates (a news sitemap's publication dates, say)."""
    if last_read is None or len(dates) < 2 or None in dates:
        return None
    oldest = min(dates)
    if max(dates) - oldest < timedelta(minutes=1):  # a feed that stamps every item with the time it is made
        return None
    return oldest if oldest > last_read + GAP_MARGIN else None


def next_page(body: bytes, url: str, page: int) -> str | None:
    """The address of the feed's page after `page` (1 for the feed itself): its `rel="next"` link, else for a
    WordPress feed its `paged` query; None when the feed does not say."""
    head = body[:8192]
    if match := _NEXT.search(head):
        if href := _HREF.search(match.group(0)):
            return joined(url, href.group(1).decode("utf-8", "replace"))
    if not _WORDPRESS.search(head):
        return None
    parts = urlsplit(url)
    query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if name != "paged"]
    return urlunsplit(parts._replace(query=urlencode([*query, ("paged", str(page + 1))])))

"""Publication dates: parse W3C dates, read the date a URL carries, choose among every candidate in order of trust."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

# Candidates, most trusted first; `python -m bench quality` prints how often each one is right on our evaluation
# pages, which is what this order follows:
# - page, jsonld: the page's own metadata of the *published* kind (article:published_time, itemprop or JSON-LD
#   datePublished): right whenever present;
# - url: /2025/03/13/ in the article's own URL;
# - feed, sitemap: the feed entry's date, the news sitemap's publication_date (a feed may carry an update time);
# - htmldate: htmldate's search with original dates preferred, run without the page's generic date metas;
# - page_meta: generic metas (date, dc.date, pubdate…): site-wide dates, copyright years, import times;
# - sitemap_lastmod, modified: modification dates, a last resort before the first-seen time.
# - document: a PDF's creation date (its metadata); document_text: the first full date of its first page.
ORDER = ("page", "jsonld", "document", "url", "feed", "sitemap", "htmldate", "document_text", "page_meta",
         "sitemap_lastmod", "modified")
EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


def parse_w3c_date(value: str | None) -> datetime | None:
    """Parse a W3C/ISO 8601 date or datetime; date-only values are midnight UTC; naive times are UTC."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def url_date(url: str | None) -> datetime | None:
    """The day a URL's path spells (/2025/03/13/, /2025-03-13-, /20250313/), as midnight UTC; None if none."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "", flags=re.IGNORECASE).split("?")[0]
    match = _URL_DATE.search(path)
    if not match:
        return None
    try:
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def plausible(value: datetime | None, now: datetime) -> bool:
    """A date newswatch believes: after 1995 and not more than a day in the future."""
    return value is not None and EARLIEST <= value <= now + timedelta(days=1)


def needs_search(candidates: dict[str, datetime | None], now: datetime) -> bool:
    """True when no candidate ranked above htmldate is plausible: only then is htmldate's search worth its time."""
    return not any(plausible(candidates.get(name), now) for name in ORDER[:ORDER.index("htmldate")])


def best_date(candidates: dict[str, datetime | None], now: datetime) -> tuple[datetime, str] | tuple[None, None]:
    """The first plausible candidate in ORDER, with its name; (None, None) when there is none."""
    for name in ORDER:
        if plausible(candidates.get(name), now):
            return candidates[name], name
    return None, None


def choose_date(candidates: dict[str, datetime | None], first_seen: datetime) -> tuple[datetime, str]:
    """The first plausible candidate in ORDER; else the first-seen time (source "first_seen")."""
    found, name = best_date(candidates, first_seen)
    return (found, name) if found is not None else (first_seen, "first_seen")

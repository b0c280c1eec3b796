"""Choose an article's publication date from the candidates, in order of trust."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

ORDER = ("feed", "sitemap", "page", "htmldate")
EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)


def plausible(value: datetime | None, now: datetime) -> bool:
    """A date newswatch believes: after 1995 and not more than a day in the future."""
    return value is not None and EARLIEST <= value <= now + timedelta(days=1)


def choose_date(candidates: dict[str, datetime | None], first_seen: datetime) -> tuple[datetime, str]:
    """The first plausible of feed, sitemap, page metadata, htmldate; else the first-seen time."""
    for name in ORDER:
        if plausible(candidates.get(name), first_seen):
            return candidates[name], name
    return first_seen, "first_seen"

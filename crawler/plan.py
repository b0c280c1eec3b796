"""What a crawl asks for first: the channels of its sources, as (source, kind, URL), and how (the conditional
headers); no Scrapy here, so that the preflight asks exactly as the crawl does."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import quote_plus

from newswatch.config import Config, CrawlConfig, Topic
from newswatch.text.topics import positive_atoms

KINDS = (("feed", "feeds"), ("sitemap", "sitemaps"), ("page", "pages"), ("documents", "documents"))


def crawl_channels(config: Config, names: list[str]) -> list[tuple[str, str, str]]:
    """The channels of these sources in the order a crawl requests them: feeds, sitemaps, listing pages,
    documents listings, then a search feed per topic."""
    channels = []
    for name in names:
        source = config.source(name)
        for kind, field in KINDS:
            channels += [(source.name, kind, url) for url in getattr(source, field)]
        if source.search:
            channels += [(source.name, "search", search_url(source.search, t)) for t in config.topics]
    return channels


def conditional(etag: str | None, modified: str | None) -> dict[str, str]:
    """The headers of a conditional request from the validators of the last response."""
    return {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}


def validators_since(crawl: CrawlConfig, now: datetime) -> datetime | None:
    """A channel's validators are sent only if it answered in full since this (None: full_read_days is 0, always).

    A server may answer 304 to any conditional request, changed or not (a cache or a CMS plugin that compares
    nothing): asked with validators, such a feed would never show an item again. Asked for whole when it has not
    answered 200 for full_read_days, it is read at least that often; a channel that changes answers 200 anyway.
    """
    return now - timedelta(days=crawl.full_read_days) if crawl.full_read_days else None


def search_url(template: str, topic: Topic) -> str:
    """A search feed's URL for one topic: its `search` words, else its query's words joined by OR."""
    query = topic.search or " OR ".join(a.strip('"*') for a in positive_atoms(topic.query))
    return template.replace("{query}", quote_plus(query))

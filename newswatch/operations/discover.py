"""`newswatch sources add`: find an outlet's channels (feeds, sitemaps) and append a [[sources]] block to the config.

A handful of polite requests with our own User-Agent, robots.txt obeyed, private hosts refused unless
`allow_hosts` lists them: the same rules as the crawl.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from crawler.feeds import FeedError, parse_feed
from crawler.sitemaps import SitemapError, maybe_gunzip, parse_sitemap
from newswatch.operations.outlets import USUAL_SITEMAP_PATHS, feed_links, home_of, robots_sitemaps, usual_feeds
from newswatch.text.hosts import request_refusal
from newswatch.text.urls import is_http

MAX_BYTES = 10_000_000
MAX_CHILD_SITEMAPS = 3


class DiscoveryError(Exception):
    """The outlet could not be looked at, or the config not changed; the message says why."""


@dataclass
class Channel:
    kind: str  # feed or sitemap
    url: str
    entries: int = 0
    newest: datetime | None = None
    titles: list[str] = field(default_factory=list)  # up to three, newest first


@dataclass
class Found:
    name: str
    channels: list[Channel]
    tried: list[str]


class _Fetcher:
    def __init__(self, crawl):
        self.crawl = crawl
        self.allow = {h.lower() for h in crawl.allow_hosts}
        self.robots: RobotFileParser | None = None
        self.tried: list[str] = []

    def get(self, url: str, check_robots: bool = True) -> bytes | None:
        if request_refusal(url, self.allow) is not None:
            raise DiscoveryError(f"{url}: refused (not a public http(s) address; see [crawl] allow_hosts)")
        if check_robots and self.crawl.obey_robots and self.robots and not self.robots.can_fetch(
                self.crawl.user_agent, url):
            return None
        self.tried.append(url)
        request = urllib.request.Request(url, headers={"User-Agent": self.crawl.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.crawl.timeout_seconds) as response:
                return response.read(MAX_BYTES)
        except (urllib.error.URLError, OSError, ValueError):
            return None


def discover_channels(url: str, crawl) -> Found:
    """The feeds and sitemaps of the site at `url`, each with what it lists."""
    if not is_http(url):
        raise DiscoveryError(f"{url!r} is not an http(s) URL")
    home = home_of(url)
    fetch = _Fetcher(crawl)
    robots_txt = fetch.get(home + "robots.txt", check_robots=False)
    fetch.robots = RobotFileParser()
    fetch.robots.parse((robots_txt or b"").decode("utf-8", "replace").splitlines())
    sitemaps = robots_sitemaps((robots_txt or b"").decode("utf-8", "replace"), home)
    page = fetch.get(url) if url != home else None
    home_page = fetch.get(home)
    announced = [*feed_links(page, url)] if page else []
    announced += feed_links(home_page, home) if home_page else []
    channels = []
    for candidate in dict.fromkeys(announced or usual_feeds(home)):
        channel = _read_feed(fetch, candidate)
        if channel:
            channels.append(channel)
            if not announced:
                break  # one of the usual paths answered: the others are the same feed
    for candidate in sitemaps or [home + p.lstrip("/") for p in USUAL_SITEMAP_PATHS]:
        channel = _read_sitemap(fetch, candidate)
        if channel:
            channels.append(channel)
    return Found(name=_name(home), channels=channels, tried=fetch.tried)


def _read_feed(fetch: _Fetcher, url: str) -> Channel | None:
    body = fetch.get(url)
    if not body:
        return None
    try:
        entries = parse_feed(body, url)
    except FeedError:
        return None
    return _channel("feed", url, [(e.title, e.published) for e in entries])


def _read_sitemap(fetch: _Fetcher, url: str) -> Channel | None:
    body = fetch.get(url)
    if not body:
        return None
    try:
        sitemap = parse_sitemap(maybe_gunzip(body, MAX_BYTES))
        entries = sitemap.entries
        if sitemap.is_index:
            entries = []
            for child in sitemap.entries[:MAX_CHILD_SITEMAPS]:
                child_body = fetch.get(child.url)
                if child_body:
                    entries += parse_sitemap(maybe_gunzip(child_body, MAX_BYTES)).entries
    except SitemapError:
        return None
    return _channel("sitemap", url, [(e.news_title, e.news_date or e.lastmod) for e in entries])


def _channel(kind: str, url: str, items: list[tuple[str | None, datetime | None]]) -> Channel:
    dated = sorted(items, key=lambda item: item[1].timestamp() if item[1] else float("-inf"), reverse=True)
    return Channel(kind=kind, url=url, entries=len(items), newest=dated[0][1] if dated else None,
                   titles=[t for t, _ in dated if t][:3])


def _name(home: str) -> str:
    host = (urlsplit(home).hostname or "outlet").lower().removeprefix("www.")
    port = urlsplit(home).port
    name = re.sub(r"[^a-z0-9]+", "-", host.rsplit(".", 1)[0] if "." in host and not host[0].isdigit() else host)
    return f"{name}-{port}" if port and port not in (80, 443) else name


def with_source_block(text: str, path: Path, name: str, channels: list[Channel], taken: list[str]) -> str:
    """The config file's `text` (at `path`) with a [[sources]] block for these channels appended, its comments
    kept."""
    import tomlkit

    if name in taken:
        raise DiscoveryError(f"{path}: a source named {name!r} already exists (choose another with --name)")
    feeds = [c.url for c in channels if c.kind == "feed"][:1]
    sitemaps = [c.url for c in channels if c.kind == "sitemap"]
    document = tomlkit.parse(text)
    block = tomlkit.table()
    block.add("name", name)
    if feeds:
        block.add("feeds", feeds)
    if sitemaps:
        block.add("sitemaps", sitemaps)
    if "sources" not in document:
        document.add("sources", tomlkit.aot())
    document["sources"].append(block)
    return tomlkit.dumps(document)

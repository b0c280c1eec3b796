"""Downloader middleware that keeps the crawler on the public web: http(s) only, no private addresses."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from newswatch.urls import host_is_private


class RefusedRequest(IgnoreRequest):
    """A request newswatch will not send, with the reason."""


class SafetyMiddleware:
    """Refuse non-http(s) schemes and loopback/private/link-local hosts unless `allow_hosts` lists them."""

    def __init__(self, allow_hosts: list[str]):
        self.allow_hosts = {h.lower() for h in allow_hosts}
        self._is_private = lru_cache(maxsize=4096)(host_is_private)

    @classmethod
    def from_crawler(cls, crawler):
        config = crawler.settings.get("NEWSWATCH")
        return cls(config.crawl.allow_hosts if config else [])

    def process_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https"):
            raise RefusedRequest(f"refused: scheme {parts.scheme!r} is not http(s)")
        host = (parts.hostname or "").lower()
        if host not in self.allow_hosts and self._is_private(host):
            raise RefusedRequest(f"refused: {host} is a private, loopback or link-local address")
        return None

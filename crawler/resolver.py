"""Scrapy's DNS resolver, checking the address each connection will really use (no DNS rebinding).

SafetyMiddleware refuses private addresses and localhost names as a request is made, without DNS
(which would block the crawl). A name is checked here, by the resolver Scrapy connects with, on the
address it resolves to at that moment: one that resolves to a loopback, private, link-local or
reserved address fails, unless `allow_hosts` lists that name. A name answering with a public address
first and 169.254.169.254 later (DNS rebinding) gains nothing.
"""

from __future__ import annotations

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

from crawler.settings import settings_config
from newswatch.text.hosts import address_refusal


# The names refused in this process (each crawl is a process of its own), with why: Twisted turns any failed
# lookup into "no results for hostname lookup", so the outcome of the request looks the reason up here.
REFUSED: dict[str, str] = {}


def refusal(host: str | None) -> str | None:
    """Why the resolver refused to connect to this host name, if it did."""
    return REFUSED.get((host or "").lower())


class PrivateAddressError(DNSLookupError):
    """The name resolved to an address newswatch does not connect to."""


class PublicOnlyResolver(CachingThreadedResolver):
    allow_hosts: frozenset[str] = frozenset()

    @classmethod
    def from_crawler(cls, crawler, reactor):
        # `crawler` is the CrawlerProcess: under `scrapy crawl news -s NEWSWATCH_CONFIG=…` its settings have no
        # NEWSWATCH yet (the spider adds it to its own crawler's settings), so the file is read here as well.
        resolver = super().from_crawler(crawler, reactor)  # Scrapy's DNS cache and timeout settings
        resolver.allow_hosts = frozenset(h.lower() for h in settings_config(crawler.settings).crawl.allow_hosts)
        return resolver

    def getHostByName(self, name: str, timeout=()):
        resolved = super().getHostByName(name, timeout)
        if name.lower().strip("[]") not in self.allow_hosts:
            resolved.addCallback(self._public_only, name)
        return resolved

    @staticmethod
    def _public_only(address: str, name: str) -> str:
        reason = address_refusal(name, address)
        if reason is not None:
            REFUSED[name.lower()] = reason
            raise PrivateAddressError(reason)  # positional: Twisted 26.10's DNSLookupError takes no keywords
        return address

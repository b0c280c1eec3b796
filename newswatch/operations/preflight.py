"""The crawl's preflight: prove, before Scrapy is even imported, that a crawl can find nothing new.

A crawl can find nothing new when every channel of its sources is a feed, a sitemap or a documents listing
whose validators (ETag, Last-Modified) the archive keeps, each answers a conditional GET with 304 Not
Modified (robots.txt allowing it, on a public address), and the archive holds no work for those sources: no
URL to resume or try again, no article due for a re-check. Then the run is recorded as the full crawl
records such a run, in a fraction of its start-up. Any doubt at all (`Declined`), and the full crawl runs.
"""

from __future__ import annotations

import http.client
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import chain, zip_longest
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

from crawler.plan import conditional, crawl_channels, validators_since
from newswatch.config import NOTICE_HOURS, Config, CrawlConfig
from newswatch.operations.runs import run_status
from newswatch.text.hosts import address_refusal, request_refusal

KINDS = {"feed", "sitemap", "documents"}  # channels whose 304 leaves nothing to do (a listing page's links are
#                                           followed, a search feed is asked per topic: those run the full crawl)
# The headers Scrapy 2.19 sends with every request (DEFAULT_REQUEST_HEADERS, HttpCompressionMiddleware): a server
# that picks its validators by them answers the preflight as it answers the crawl.
SCRAPY_HEADERS = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                  "Accept-Language": "en", "Accept-Encoding": "gzip, deflate, br, zstd"}
RETRIED = {408, 429, 500, 502, 503, 504}  # crawler.settings RETRY_HTTP_CODES: Scrapy asks robots.txt again


class Declined(Exception):
    """The crawl may find something, or the preflight cannot tell: the full crawl runs (the message says why)."""


class Changed(Declined):
    """A channel answered 200: it changed, so the full crawl will most likely extract new pages."""


@dataclass(frozen=True)
class Channel:
    source: str
    kind: str
    url: str
    etag: str | None
    last_modified: str | None


def preflight(config: Config, names: list[str], writer) -> tuple[int | None, str, bool]:
    """Record the crawl of these sources now if it can find nothing new: (its run's id, why, False); (None, why
    not, whether a channel answered 200) when the full crawl must run. `writer`: sessions that write the archive."""
    from store.db import make_engine, session_factory

    started_at = datetime.now(UTC)
    reader = make_engine(config.store.url, busy_timeout=config.store.busy_timeout_seconds)
    try:
        channels = _planned(config, session_factory(reader), names)
    except Declined as exc:
        return None, str(exc), False
    finally:
        reader.dispose()
    try:
        _ask(config.crawl, channels)
    except Declined as exc:
        return None, str(exc), isinstance(exc, Changed)
    return (record(writer, names, channels, started_at), f"all {len(channels)} channels answered 304 Not Modified",
            False)


def record(sessions, names: list[str], channels: list[Channel], started_at: datetime) -> int:
    """Record the run as the full crawl records one whose channels all answered 304; return its id."""
    from store import queries
    from store.db import transaction

    names = list(dict.fromkeys(names))
    status, message = run_status({name: {} for name in names}, "finished")
    with transaction(sessions) as session:
        queries.ensure_sources(session, names)
        run_id = queries.record_run(session, "crawl", started_at=started_at, finished_at=datetime.now(UTC),
                                    status=status, message=message, pid=os.getpid()).id
        for channel in channels:
            queries.record_channel(session, url=channel.url, kind=channel.kind, source=channel.source,
                                   status="not_modified", http_status=304, etag=None, last_modified=None, error=None,
                                   entries=0)
        for name in names:
            queries.record_run_source(session, run_id, name, {}, None)
    return run_id


def _planned(config: Config, sessions, names: list[str]) -> list[Channel]:
    """The crawl's channels with their validators, if each may answer 304 and the archive holds no work."""
    from store import queries, rechecks
    from store.db import WRITE_ERRORS

    planned = crawl_channels(config, names)
    for source, kind, url in planned:
        if kind not in KINDS or (kind == "sitemap" and urlsplit(url).path.endswith("robots.txt")):
            raise Declined(f"{source} has a {kind} channel ({url}), which a 304 does not settle")
    urls = [url for _, _, url in planned]
    if len(set(urls)) != len(urls):
        raise Declined("a channel URL is listed twice")
    now = datetime.now(UTC)
    window = config.crawl.recheck_window(now)
    try:
        with sessions() as session:
            validators = queries.channel_validators(session, urls, read_since=validators_since(config.crawl, now))
            if queries.has_unfinished_discoveries(session, names, config.crawl.oldest_wanted(now)):
                raise Declined("earlier runs left URLs to fetch")
            if window and rechecks.has_articles_to_recheck(session, names, *window):
                raise Declined("articles are due for a re-check")
            if notices_due(config.crawl, session, [url for _, kind, url in planned if kind == "documents"], now):
                raise Declined("notices of documents listings are due to be read again")
            if scans_due(config.crawl, session, names, now, limit=1):
                raise Declined("scans archived unread are due to be read by OCR")
    except WRITE_ERRORS as exc:
        raise Declined(f"the archive could not be read ({exc.__class__.__name__})") from None
    channels = [Channel(source, kind, url, *validators.get(url, (None, None))) for source, kind, url in planned]
    for channel in channels:
        if not (channel.etag or channel.last_modified):
            raise Declined(f"{channel.url} is asked for whole: it gave no validators (ETag, Last-Modified), or has "
                           "not answered in full for full_read_days")
    return channels


def notices_due(crawl: CrawlConfig, session, listings: list[str], now: datetime) -> bool:
    """Whether notices these documents listings linked are due to be read again (crawler/carried.py)."""
    window = crawl.notice_window(now)
    if window is None or not listings:  # no import then: the preflight's start-up is the cost of a quiet day
        return False
    from crawler.documents import is_notice
    from store.rechecks import notices_to_reread

    return bool(notices_to_reread(session, listings, *window, is_notice, per_listing=1))


def scans_due(crawl: CrawlConfig, session, names: list[str], now: datetime, limit: int = 50) -> list:
    """Scans archived unread because OCR could not run then (newswatch.documents.ocr.COULD_NOT_RUN), to read now that it
    can: not asked for in NOTICE_HOURS, the `limit` last archived (store.rechecks.scans_to_read); the crawl asks for
    them (crawler/carried.py), and the preflight does not settle a run with one due."""
    from newswatch.documents.ocr import ASKED_AGAIN, COULD_NOT_RUN, can_read
    from store.rechecks import scans_to_read

    if not crawl.ocr_pages:
        return []
    scans = scans_to_read(session, names, COULD_NOT_RUN, ASKED_AGAIN, now - timedelta(hours=NOTICE_HOURS), limit)
    return scans if scans and can_read(crawl.ocr) else []


def _ask(crawl: CrawlConfig, channels: list[Channel]) -> None:
    """Ask each channel if it changed (its host's robots.txt first, as Scrapy does); Declined at the first
    answer that is not 304, and for anything the crawl would refuse or handle otherwise."""
    asker = _Asker(crawl)
    robots_read: set[str] = set()
    for channel in _interleaved(channels):
        refusal = request_refusal(channel.url, asker.allow_hosts)
        if refusal is not None:
            raise Declined(f"{channel.url}: {refusal}")
        parts = urlsplit(channel.url)
        if crawl.obey_robots and parts.netloc not in robots_read:
            robots_read.add(parts.netloc)
            _check_robots(asker, f"{parts.scheme}://{parts.netloc}/robots.txt", channel.url)
        with asker.get(channel.url, conditional(channel.etag, channel.last_modified)) as response:
            if response.status != 304:  # closed unread: the crawl asks again
                raise (Changed if response.status == 200 else Declined)(f"{channel.url} answered {response.status}")


def _check_robots(asker: _Asker, robots_url: str, url: str) -> None:
    """Declined unless the host's robots.txt lets our user agent fetch `url`, read as Scrapy reads it: one that
    cannot be downloaded allows everything, any answer's body is parsed (a 404 page allows everything)."""
    try:
        with asker.get(robots_url, {}, robots=True) as response:
            if 300 <= response.status < 400 or response.status in RETRIED:
                raise Declined(f"{robots_url} answered {response.status}")
            body = _decoded(response, robots_url, asker.crawl.max_page_bytes)
    except Declined as exc:
        if isinstance(exc.__cause__, OSError):  # not downloaded: Scrapy fetches the site as if it allowed it
            return
        raise
    except OSError:  # cut off while read: not downloaded either
        return
    except http.client.HTTPException as exc:
        raise Declined(f"{robots_url} could not be read ({exc.__class__.__name__})") from None
    from protego import Protego

    if not Protego.parse(body.decode("utf-8-sig", errors="ignore")).can_fetch(url, asker.crawl.user_agent):
        raise Declined(f"{robots_url} forbids {url}")


def _decoded(response: http.client.HTTPResponse, url: str, limit: int) -> bytes:
    """The body of a robots.txt, uncompressed (up to `limit` bytes, as DOWNLOAD_MAXSIZE)."""
    body = response.read(limit + 1)
    if len(body) > limit:
        raise Declined(f"{url} is larger than [crawl] max_page_bytes")
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        import zlib

        try:
            return zlib.decompress(body, 47 if encoding != "deflate" else 15)
        except zlib.error:
            raise Declined(f"{url} is not valid {encoding}") from None
    if encoding != "identity":
        raise Declined(f"{url} came {encoding}-encoded")
    return body


class _Asker:
    """GETs with our User-Agent, the crawl's timeout, no redirect followed, [crawl] delay_seconds between two
    requests to one host, to the address checked (resolved once, refused if private unless allow_hosts names
    the host), never through a proxy (a proxy configured: Declined, Scrapy would use it)."""

    def __init__(self, crawl: CrawlConfig):
        self.crawl = crawl
        self.allow_hosts = {h.lower() for h in crawl.allow_hosts}
        self.last: dict[str, float] = {}  # host -> when it was last asked (time.monotonic)

    @contextmanager
    def get(self, url: str, headers: dict[str, str], robots: bool = False) -> Iterator[http.client.HTTPResponse]:
        """The answer's status and headers, its body unread; the connection is closed when the block ends."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme in getproxies() and not proxy_bypass(host):
            raise Declined(f"a proxy is configured for {parts.scheme}")
        try:
            address = socket.gethostbyname(host)
        except OSError as exc:
            raise Declined(f"{host} could not be resolved") from exc
        refusal = None if host in self.allow_hosts else address_refusal(host, address)
        if refusal is not None:
            raise Declined(refusal)
        self._wait(host)
        connection = self._connection(parts.scheme, host, parts.port, address)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        sent = {**SCRAPY_HEADERS, **({"Accept-Encoding": "gzip, deflate"} if robots else {}),
                "User-Agent": self.crawl.user_agent, **headers}
        try:
            try:
                connection.request("GET", path, headers=sent)
                response = connection.getresponse()
            except (OSError, http.client.HTTPException, ValueError) as exc:  # ValueError: a URL or header not ASCII
                raise Declined(f"{url} could not be asked ({exc.__class__.__name__})") from exc
            finally:
                self.last[host] = time.monotonic()
            yield response
        finally:
            connection.close()

    def _wait(self, host: str) -> None:
        if host in self.last and self.crawl.delay_seconds:
            time.sleep(max(0.0, self.last[host] + self.crawl.delay_seconds - time.monotonic()))

    def _connection(self, scheme: str, host: str, port: int | None, address: str) -> http.client.HTTPConnection:
        timeout = self.crawl.timeout_seconds
        if scheme == "https":
            import ssl

            connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
        else:
            connection = http.client.HTTPConnection(host, port, timeout=timeout)
        # connect to the address checked above (the Host header and TLS still name the host)
        connection._create_connection = lambda where, *args: socket.create_connection((address, where[1]), *args)
        return connection


def _interleaved(channels: list[Channel]) -> Iterator[Channel]:
    """The channels one host after the other in turn, so that [crawl] delay_seconds rarely makes anyone wait."""
    by_host: dict[str, list[Channel]] = {}
    for channel in channels:
        by_host.setdefault(urlsplit(channel.url).hostname or "", []).append(channel)
    return (c for c in chain.from_iterable(zip_longest(*by_host.values())) if c is not None)

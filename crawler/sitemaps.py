"""Parse XML sitemaps, sitemap indexes (gzipped or not), news: tags and robots.txt Sitemap lines."""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from newswatch.dates import parse_w3c_date


MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's limits for one file (uncompressed)
MAX_SITEMAP_URLS = 50_000


class SitemapError(ValueError):
    """The document is not a sitemap we can read."""


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: datetime | None = None
    news_title: str | None = None
    news_date: datetime | None = None


@dataclass(frozen=True)
class Sitemap:
    is_index: bool
    entries: list[SitemapEntry]
    truncated: bool = False  # it listed more than the limit; the rest was not read


def maybe_gunzip(body: bytes, max_size: int) -> bytes:
    """Decompress a gzipped sitemap, refusing to inflate past max_size bytes (gzip bombs)."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    out = io.BytesIO()
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    for start in range(0, len(body), 65536):
        out.write(decompressor.decompress(body[start:start + 65536], max_size + 1 - out.tell()))
        if out.tell() > max_size or decompressor.unconsumed_tail:
            raise SitemapError(f"gzipped sitemap inflates past {max_size} bytes")
    return out.getvalue()


def parse_sitemap(body: bytes, limit: int = MAX_SITEMAP_URLS) -> Sitemap:
    """Entries of a <urlset> or the child sitemaps of a <sitemapindex>: the first `limit` of them."""
    body = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    entries: list[SitemapEntry] = []
    root_tag = None
    truncated = False
    try:
        for event, elem in etree.iterparse(io.BytesIO(body), events=("start", "end"), recover=True,
                                           huge_tree=True, resolve_entities=False, no_network=True):
            local = etree.QName(elem).localname if isinstance(elem.tag, str) else ""
            if event == "start":
                root_tag = root_tag or local
                continue
            if local in ("url", "sitemap"):
                entry = _entry(elem)
                if entry:
                    if len(entries) == limit:
                        truncated = True
                        break
                    entries.append(entry)
                elem.clear()
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not a sitemap ({exc})") from None
    if root_tag not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap (root element {root_tag!r})")
    return Sitemap(is_index=root_tag == "sitemapindex", entries=entries, truncated=truncated)


def _entry(elem) -> SitemapEntry | None:
    values = {}
    for child in elem.iter():
        if isinstance(child.tag, str) and child is not elem:
            values.setdefault(etree.QName(child).localname, (child.text or "").strip())
    if not values.get("loc"):
        return None
    return SitemapEntry(url=values["loc"], lastmod=parse_w3c_date(values.get("lastmod")),
                        news_title=values.get("title") or None, news_date=parse_w3c_date(values.get("publication_date")))


def sitemaps_from_robots(text: str) -> list[str]:
    """The URLs of the `Sitemap:` lines of a robots.txt."""
    return [m.group(1).strip() for m in re.finditer(r"(?im)^\s*sitemap\s*:\s*(\S+)", text)]


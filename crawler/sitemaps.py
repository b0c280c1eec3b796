"""Parse XML sitemaps, sitemap indexes (gzipped or not), news: tags and robots.txt Sitemap lines."""

from __future__ import annotations

import codecs
import html
import io
import re
import zlib
from dataclasses import dataclass
from datetime import datetime
from html.entities import name2codepoint

from lxml import etree

from newswatch.text.dates import parse_w3c_date
from newswatch.text.markup import is_single_byte, plain_text, readable
from newswatch.text.urls import is_http


MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's limits for one file (uncompressed)
MAX_SITEMAP_URLS = 50_000
# An `&` and the reference it starts, if any. XML knows five named entities; an XML parser in recovery mode drops
# any other `&`: one written bare in a URL's query (`?id=12&cat=3` became `?id=12=3`, another page), and an HTML
# entity in a title (`donn&eacute;es` became "donnes", which no topic matches).
_AMPERSAND = re.compile(rb"&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)?")
_XML_ENTITIES = {b"amp;", b"lt;", b"gt;", b"quot;", b"apos;"}
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_CDATA = re.compile(rb"<!\[CDATA\[.*?\]\]>", re.DOTALL)  # read as written: an `&` there is a character


class SitemapError(ValueError):
    """The document is not a sitemap we can read."""


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: datetime | None = None
    news_title: str | None = None
    news_date: datetime | None = None
    news_keywords: str | None = None  # its <news:keywords>, comma-separated

    def info(self) -> dict:
        """What the sitemap says of its URL, as the crawl's `discovered` reads it: its keywords are its summary, as
        a feed item's categories are a line of its (an outlet behind a wall tags "Sesterce" an article whose title
        says "Alixan : le conseil vote contre")."""
        return {"feed_title": self.news_title, "sitemap_date": self.news_date, "sitemap_lastmod": self.lastmod,
                "feed_summary": self.news_keywords}


@dataclass(frozen=True)
class Sitemap:
    is_index: bool
    entries: list[SitemapEntry]
    truncated: bool = False  # it listed more than the limit; the rest was not read


def maybe_gunzip(body: bytes, max_size: int) -> bytes:
    """Decompress a gzipped sitemap (or a feed or page gzipped twice), refusing to inflate past max_size bytes
    (gzip bombs); SitemapError too when the stream does not inflate at all."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    out = io.BytesIO()
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    for start in range(0, len(body), 65536):
        try:
            out.write(decompressor.decompress(body[start:start + 65536], max_size + 1 - out.tell()))
        except zlib.error as exc:
            raise SitemapError(f"gzipped data that does not inflate ({exc})") from None
        if out.tell() > max_size or decompressor.unconsumed_tail:
            raise SitemapError(f"gzipped sitemap inflates past {max_size} bytes")
    return out.getvalue()


def parse_sitemap(body: bytes, limit: int = MAX_SITEMAP_URLS) -> Sitemap:
    """Entries of a <urlset> or the child sitemaps of a <sitemapindex>, or the lines of a text sitemap: the first
    `limit` of them."""
    body = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _TEXT_SITEMAP.match(body):
        return _text_sitemap(body, limit)
    if (start := _XML_START.search(body, 0, 8192)) is not None and start.start() > 0:
        body = body[start.start():]  # a PHP notice printed before the XML (`<br /><b>Notice</b>: …`)
    body = _readable(body)
    if b"&" in body:
        body = _as_xml_text(body)
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


_TEXT_SITEMAP = re.compile(rb"https?://\S+\s*(?:\n|$)", re.IGNORECASE)  # its first line is an address


def _text_sitemap(body: bytes, limit: int) -> Sitemap:
    """A text sitemap (the protocol's other form: one URL a line, in UTF-8), as a <urlset> of bare URLs."""
    lines = (line.strip() for line in body.decode("utf-8", errors="replace").splitlines())
    urls = [line for line in lines if is_http(line) and " " not in line]
    return Sitemap(is_index=False, entries=[SitemapEntry(url=url) for url in urls[:limit]],
                   truncated=len(urls) > limit)


def _readable(body: bytes) -> bytes:
    """The document in the charset it declares, so that its titles keep their accents: a UTF-8 sitemap whose XML
    declaration says ISO-8859-1 (an old generator's default) is declared UTF-8; one that says UTF-8, or nothing,
    but is not (Latin-1 bytes from a database) is read as Windows-1252 and written in UTF-8. Either was read
    "donnÃ©es" or "donn\ufffdes", and a news title matched no topic."""
    if body.isascii():
        return body
    match = _XML_ENCODING.match(body)
    try:
        codec = codecs.lookup(match.group(1).decode("ascii") if match else "utf-8").name
    except LookupError:
        return body
    if codec != "utf-8" and not is_single_byte(codec):
        return body
    if _is_utf8(body):
        return body if codec == "utf-8" else body[:match.start(1)] + b"utf-8" + body[match.end(1):]
    if codec != "utf-8":
        return body
    return body.decode("cp1252", errors="replace").encode("utf-8")  # its declaration, in ASCII, is unchanged


def _is_utf8(body: bytes, chunk: int = 1 << 20) -> bool:
    """Whether the bytes are valid UTF-8, read a megabyte at a time (a 50 MB sitemap is not decoded whole)."""
    decoder, view = codecs.getincrementaldecoder("utf-8")(), memoryview(body)
    try:
        for start in range(0, len(body), chunk):
            decoder.decode(view[start:start + chunk])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


# Where a sitemap's XML begins: its declaration, else its root element
_XML_START = re.compile(rb"<\?xml\b|<(?:[\w-]+:)?(?:urlset|sitemapindex)\b")


def _as_xml_text(body: bytes) -> bytes:
    """The document with each `&` outside its CDATA sections as XML reads it (`_as_xml`)."""
    parts, last = [], 0
    for section in _CDATA.finditer(body):
        parts += [_AMPERSAND.sub(_as_xml, body[last:section.start()]), section.group()]
        last = section.end()
    parts.append(_AMPERSAND.sub(_as_xml, body[last:]))
    return b"".join(parts)


def _as_xml(reference: re.Match) -> bytes:
    """An `&` as XML reads it: a character reference or an XML entity as it is, an HTML entity as its character's
    number, any other `&` escaped (`&foo;` is then read as written)."""
    name = reference.group(1)
    if name is None:
        return b"&amp;"
    if name.startswith(b"#") or name in _XML_ENTITIES:
        return reference.group(0)
    codepoint = name2codepoint.get(name[:-1].decode("ascii"))
    return b"&#%d;" % codepoint if codepoint is not None else b"&amp;" + name


def _entry(elem) -> SitemapEntry | None:
    """A <url> (or an index's <sitemap>): its own <loc> and <lastmod>, the title and date of its <news:news>.

    Read by place, not by name alone: an <image:image> or <video:video> has a <loc> and a <title> of its own, and
    may come first (the URL read would be the picture's, the headline its title).
    """
    own: dict[str, str] = {}
    news: dict[str, str] = {}
    for child in elem:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name == "news":
            for item in child.iter():
                if isinstance(item.tag, str) and item is not child:
                    news.setdefault(etree.QName(item).localname, _text(item))
        else:
            own.setdefault(name, _text(child))
    if not own.get("loc"):
        return None
    title = news.get("title") or own.get("title")  # a <news:title> written in the <url> itself is read too
    title = html.unescape(title) if title and "&" in title else title  # entities written in a CDATA section
    title = readable(title) if title else title
    published = news.get("publication_date") or own.get("publication_date")
    return SitemapEntry(url=own["loc"], lastmod=parse_w3c_date(own.get("lastmod")), news_title=title or None,
                        news_date=parse_w3c_date(published),
                        news_keywords=", ".join(categories((news.get("keywords") or "").split(","), title)) or None)


MAX_CATEGORIES = 20


def categories(names, title: str | None) -> list[str]:
    """A feed item's categories, or a news sitemap's keywords, as plain text: once each (case aside), not its title
    again, no web address (an Atom term may be a URI), at most MAX_CATEGORIES of at most 100 characters."""
    kept: dict[str, str] = {}
    for name in names:
        text = plain_text(name) if isinstance(name, str) else None
        if text and len(text) <= 100 and not is_http(text) and text.casefold() != (title or "").casefold():
            kept.setdefault(text.casefold(), text)
    return list(kept.values())[:MAX_CATEGORIES]


def _text(element) -> str:
    """An element's whole text (a title may hold markup: `<news:title>Rovaltain <b>…</b></news:title>`)."""
    return "".join(element.itertext()).strip()


def sitemaps_from_robots(text: str) -> list[str]:
    """The URLs of the `Sitemap:` lines of a robots.txt."""
    return [m.group(1).strip() for m in re.finditer(r"(?im)^\s*sitemap\s*:\s*(\S+)", text)]


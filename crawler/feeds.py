"""Parse RSS 2.0, RSS 1.0/RDF, Atom and JSON Feed documents into plain entries."""

from __future__ import annotations

import calendar
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from xml.sax import SAXParseException

from lxml import etree

from crawler.citations import cited_links
from crawler.sitemaps import MAX_SITEMAP_BYTES, SitemapError, categories, maybe_gunzip
from newswatch.documents import DOCUMENT_FILES
from newswatch.documents.office import OFFICE_TYPES
from newswatch.documents.pdftext import PDF_TYPES
from newswatch.text.aggregators import is_opaque_aggregator_link, split_outlet, title_key, unwrap_redirector
from newswatch.text.dates import parse_feed_date, parse_w3c_date
from newswatch.text.markup import html_document, looks_like_html, plain_paragraphs, plain_text
from newswatch.text.urls import is_http, item_address, joined


class FeedError(ValueError):
    """The document is not a feed we can read."""


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None  # without the " - Outlet" suffix aggregators add
    published: datetime | None
    summary: str | None  # plain text, then a line of the item's categories; None when it only repeats the title and
    # the outlet and the item has no category
    outlet: str | None = None  # the publisher an aggregator names (<source> element or title suffix)
    outlet_url: str | None = None  # the <source url="…"> of that publisher
    text: str | None = None  # the item's full text (content:encoded, Atom <content>), when it says more than summary
    updated: datetime | None = None  # when the item says it last changed, if after its date (Atom <updated>,
    # JSON Feed's date_modified)
    # (kind, URL, link text) of the documents and other sites' articles its text links (`cited_links`): what a post
    # of a collective's Mastodon account cites ("Le Dauphiné parle du recours : <a href=…>"), followed when it
    # matches and has no page of its own to read them from
    cites: tuple[tuple[str, str, str], ...] = ()


def _entry(link: str, title: str | None, published: datetime | None, summary: str | None,
           source: dict | None = None, aggregated: bool = False, text: str | None = None,
           categories: list[str] | None = None, updated: datetime | None = None) -> FeedEntry:
    """One entry; for aggregated items (a <source> element or Bing's <News:Source>, a redirector or aggregator
    link) the outlet is split off the title and a summary that only repeats title and outlet is dropped.

    The item's categories (RSS <category>, Atom's, SPIP's dc:subject, JSON Feed's tags) are a line of the summary:
    an outlet's tags may name what its title and summary do not ("Sesterce", "Data center"), and a lead behind a
    wall has nothing else. In the summary, they are matched, kept with the sighting and read again by `rematch`."""
    outlet = plain_text((source or {}).get("title"))
    outlet_url = ((source or {}).get("href") or "").strip() or None
    if outlet or outlet_url or aggregated:
        title, outlet = split_outlet(title, outlet)
        if summary and title_key(summary) in (title_key(title), title_key(f"{title} {outlet or ''}")):
            summary = None
    text = text if text and text.split() != (summary or "").split() else None
    if categories:
        summary = f"{summary}\n{', '.join(categories)}" if summary else ", ".join(categories)
    return FeedEntry(url=link, title=title, published=published, summary=summary, outlet=outlet,
                     outlet_url=outlet_url if outlet_url and is_http(outlet_url) else None, text=text,
                     updated=updated if updated and published and updated > published else None)


def parse_feed(body: bytes, url: str = "", may_match: Callable[..., bool] | None = None) -> list[FeedEntry]:
    """Entries of a feed; raise FeedError when the body is not a feed (an HTML error page, say). With `may_match`
    (the prefilter's test on an item's words), what an item that may match links is read (`FeedEntry.cites`)."""
    try:  # a feed compressed twice (a server's gzip over a plugin's): Scrapy undid one layer
        body = maybe_gunzip(body, MAX_SITEMAP_BYTES)
    except SitemapError as exc:
        raise FeedError(f"gzipped twice and not readable ({exc})") from None
    body = body.lstrip(b"\xef\xbb\xbf\x00 \t\r\n")
    if body.startswith(b"{"):
        return _parse_json_feed(body, url, may_match)
    if not body:
        raise FeedError("empty document")
    if looks_like_html(body):
        raise FeedError(f"not a feed: an HTML page{_html_title(body)}")
    import feedparser  # here: a crawl whose feeds all answer 304 never needs it (0.04 s of start-up)

    parsed = feedparser.parse(escaped_ampersands(body), response_headers={"content-location": url} if url else None)
    if not parsed.version and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS, Atom or RDF root element"
        raise FeedError(f"not a feed ({_first_line(reason)})")
    entries, stamps = [], []
    links = Counter(_link(entry) for entry in parsed.entries)
    shared = frozenset(link for link, count in links.items() if count > 1)
    ids = Counter((entry.get("id") or "").strip() for entry in parsed.entries)
    site = _site(parsed.feed.get("link"), url)
    for entry in parsed.entries:
        link = _address(entry, shared) or _item(entry, _link(entry) or site, ids)
        if not link:
            continue
        published = (_struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
                     or parse_feed_date(entry.get("published") or dict.get(entry, "updated")))  # "1er décembre 2026"
        stamps.append(published)
        opaque = is_opaque_aggregator_link(link)
        entries.append(_entry(link, plain_text(entry.get("title")), published,
                              plain_text(entry.get("summary")),
                              entry.get("source") or ({"title": entry["news_source"]} if entry.get("news_source") else None),
                              aggregated=opaque or unwrap_redirector(link) is not None,
                              text=_full_text(_content(entry), entry.get("summary")),
                              categories=categories((tag.get("label") or tag.get("term") for tag in
                                                      entry.get("tags") or []), entry.get("title")),
                              # dict.get: feedparser's own get gives an RSS item's pubDate for <updated>, with a
                              # DeprecationWarning (printed, and cron would mail it)
                              updated=(_struct_date(dict.get(entry, "updated_parsed"))
                                       or parse_feed_date(dict.get(entry, "updated")))))
        if opaque and (covered := _covered(entry.get("summary"), link, published)):
            # its description lists the story's coverage, its own headline first: the others are their own items
            entries[-1] = replace(entries[-1], summary=None)
            entries += covered
        elif not opaque:  # the order a town's news item attaches: a document of its own, judged on its words
            said = entries[-1]  # (not an aggregator's item: its text links itself)
            if _may_cite(said, may_match) and (cites := _markup_cites(_content(entry) or entry.get("summary"), link)):
                entries[-1] = replace(said, cites=cites)
            enclosures = [(e.get("href"), e.get("type")) for e in entry.get("links", []) if e.get("rel") == "enclosure"]
            entries += [FeedEntry(url=href, title=None, published=published, summary=None)
                        for href in _attached_documents(enclosures, link)]
    if not entries and isinstance(parsed.get("bozo_exception"), SAXParseException):
        raise FeedError(f"malformed feed, no entry with a link could be read ({_first_line(parsed.bozo_exception)})")
    if one_stamp(stamps):  # a CMS's default date, or the time the feed was made: no item's date
        entries = [replace(entry, published=None) for entry in entries]
    return entries


# An ampersand that begins no character or entity reference; a CDATA section (its ampersands are its own)
_BARE_AMPERSAND = re.compile(rb"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_CDATA = re.compile(rb"(<!\[CDATA\[.*?\]\]>)", re.DOTALL)


def escaped_ampersands(body: bytes) -> bytes:
    """A feed with its bare ampersands written `&amp;`, outside its CDATA sections. A town's hand-made feed writes
    `<link>…/index.php?id=12&lang=fr</link>`: not XML, so feedparser reads it as HTML, where `&lang` is "〈": the
    item's address became `…?id=12〈=fr`, a page that does not exist. A well-formed feed has none: unchanged."""
    if not _BARE_AMPERSAND.search(body) or not _BARE_AMPERSAND.search(_CDATA.sub(b"", body)):
        return body
    return b"".join(part if part.startswith(b"<![CDATA[") else _BARE_AMPERSAND.sub(b"&amp;", part)
                    for part in _CDATA.split(body))


def one_stamp(stamps: list[datetime | None]) -> bool:
    """Whether a feed's items (three or more, the coverage an aggregator's item lists left out) all carry one date,
    to the minute: a town hall's CMS that dates every item 1 January 2015 had them all skipped as too old, its
    council's notice on the data center with them; a feed that stamps each item with the time it is made."""
    return len(stamps) >= 3 and None not in stamps and max(stamps) - min(stamps) < timedelta(minutes=1)


def _covered(description: str | None, link: str, published: datetime | None) -> list[FeedEntry]:
    """The other articles an aggregator's item lists as its story's coverage: Google News writes them in its
    description, `<ol><li><a href="…/rss/articles/…">headline</a>&nbsp;<font>outlet</font></li>…</ol>`, each
    another outlet's article on the same story (the item's own link is the first; "View Full Coverage" is no
    article). Each is an entry of its own, dated as the item."""
    if not description or "<li" not in description or description.count("/articles/") < 2:
        return []
    try:
        doc = html_document(description)
    except (ValueError, etree.ParserError):
        return []
    covered = []
    for item in doc.iter("li"):
        anchor = next(item.iter("a"), None)
        href = joined(link, anchor.get("href") or "") if anchor is not None else None  # None: no parser reads it
        if href and href != link and is_http(href) and is_opaque_aggregator_link(href):
            outlet = plain_text(" ".join(font.text_content() for font in item.iter("font")))
            covered.append(_entry(href, plain_text(anchor.text_content()), published, None,
                                  {"title": outlet} if outlet else None, aggregated=True))
    return covered


def _full_text(content: str | None, summary: str | None) -> str | None:
    """The item's full text, unless it is its summary as written (an item with a full text and no summary: feedparser
    and a JSON feed's summary take the full text), which is then not read twice."""
    return plain_paragraphs(content) if content != summary else None


def _may_cite(said: FeedEntry, may_match: Callable[..., bool] | None) -> bool:
    """Whether what an item's text links is read (`_markup_cites`): the item may match (`may_match`, the prefilter's
    test on its words), and is no aggregator's (its text links its own article: an outlet is named, or its link is
    a redirector's)."""
    return (may_match is not None and not said.outlet and unwrap_redirector(said.url) is None
            and may_match(said.title or "", said.summary or "", said.text or ""))


def _markup_cites(markup: str | None, link: str) -> tuple[tuple[str, str, str], ...]:
    """What an item's text (its full text, else its summary, as HTML) links: other sites' articles and documents,
    as an article's content is read for them (`cited_links`, relative to the item's own page)."""
    markup = markup or ""
    if "<a" not in markup and "<iframe" not in markup:
        return ()
    try:
        documents, articles = cited_links(html_document(markup), link)
    except (ValueError, etree.ParserError):
        return ()
    return tuple([("documents", url, text) for url, text in documents]
                 + [("page", url, text) for url, text in articles])


def _content(entry) -> str | None:
    """The item's full text as the feed gives it: RSS content:encoded or Atom <content> (feedparser's `content`)."""
    return next((part.get("value") for part in entry.get("content") or [] if part.get("value")), None)


def _link(entry) -> str:
    """The item's link: FeedBurner's original one (`feedburner:origLink`, the publisher's page) before its proxy's
    (`feedproxy.google.com/~r/…`, Google's redirect to it, an aggregator's address the archive would keep)."""
    return (entry.get("feedburner_origlink") or entry.get("link") or _alternate(entry) or "").strip()


def _address(entry, shared: frozenset[str] = frozenset()) -> str | None:
    """Where an item's page is: its link; else its id when that is a web address (an RSS <guid isPermaLink="false">,
    an RSS 1.0 item's rdf:about, an Atom <id>); else its enclosure (a podcast episode, a PDF notice). A link to a
    home page, or one other items of the feed give too (`shared`), is no item's page: its id is, when it is one;
    else None, and the item has no page of its own (`_item`)."""
    link = _link(entry)
    identifier = (entry.get("id") or "").strip()
    if link and (_home(link) or link in shared):
        if (is_http(identifier) and identifier != link and not _home(identifier)
                and not urlsplit(identifier).path.lower().endswith(_MEDIA)):
            return identifier  # a town hall's CMS links every item to its home or news page; <guid> is its page
        return None
    if link:
        return link
    if is_http(identifier):
        return identifier
    return next((href for enclosure in entry.get("links", []) if enclosure.get("rel") == "enclosure"
                 and is_http(href := (enclosure.get("href") or "").strip())), None)


def _item(entry, page: str, ids: Counter) -> str | None:
    """The address of an item with no page of its own (`newswatch.text.urls.item_address`): no link at all, or the page
    every item links (a town hall's news page, a podcast's show) with no page of its own for an id. Its words are
    all there is of it: before, only the first such item was read, as that page, and the others were never seen
    (a town's second notice on the data center), nor was an item with no link. `page`: the page it is shown on,
    else the feed's site. Named by its id when no other item gives that id, else by its title, date and words."""
    if not is_http(page):
        return None
    identifier = str(entry.get("id") or "").strip()
    if not identifier or ids[identifier] > 1:
        words = [plain_text(entry.get("title")), entry.get("published") or entry.get("updated"),
                 plain_text(entry.get("summary"))]
        identifier = "\n".join(str(word or "") for word in words).strip()
    return item_address(page, identifier) if identifier else None


def _site(link, url: str) -> str:
    """The page a feed's items are shown on when they link none: its channel's link (the site), else the feed."""
    link = link.strip() if isinstance(link, str) else ""
    return joined(url, link) or url if link else url


# A podcast's items all link the show's page and may give each episode's audio file as their guid: that file is
# no page to read (and tens of MB to fetch); each episode is an item of its own, shown on the show's page.
_MEDIA = (".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac", ".mp4", ".m4v", ".webm", ".mov",
          ".jpg", ".jpeg", ".png", ".gif", ".webp")


MAX_ATTACHED = 5  # documents an item attaches that are read
_DOCUMENT_TYPES = (*PDF_TYPES, *OFFICE_TYPES)  # what a document an item attaches is served as


def _attached_documents(enclosures: list[tuple], address: str) -> list[str]:
    """The documents an item attaches besides its page ((address, type) of its RSS or Atom enclosures, of its JSON
    Feed attachments: a town's news item and the prefect's order it announces; SPIP's feeds attach an article's
    documents so), by their type or their address: MAX_ATTACHED at most. A podcast's audio, a picture are not."""
    found: list[str] = []
    for href, kind in enclosures:
        href = href.strip() if isinstance(href, str) else ""
        kind = kind.split(";")[0].strip().lower() if isinstance(kind, str) else ""
        if (href and href != address and href not in found and is_http(href)
                and (kind in _DOCUMENT_TYPES or urlsplit(href).path.lower().endswith(DOCUMENT_FILES))):
            found.append(href)
    return found[:MAX_ATTACHED]


def _home(url: str) -> bool:
    """A site's home page (`/`, `https://mairie.example/`): never one item's page."""
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def _alternate(entry) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def _struct_date(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _parse_json_feed(body: bytes, url: str = "", may_match: Callable[..., bool] | None = None) -> list[FeedEntry]:
    try:
        doc = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"not a JSON feed ({exc})") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise FeedError("JSON document without a jsonfeed.org version")
    entries = []
    items = [item for item in doc.get("items") or [] if isinstance(item, dict)]
    ids = Counter(str(item.get("id") or "").strip() for item in items)
    urls = Counter(item["url"].strip() for item in items if isinstance(item.get("url"), str))
    shared = frozenset(address for address, count in urls.items() if count > 1 and address)
    site = _site(_string(doc.get("home_page_url")), url)
    for item in items:
        page = item["url"].strip() if isinstance(item.get("url"), str) and is_http(item["url"].strip()) else site
        said = {"id": item.get("id"), "title": _string(item.get("title")), "published": item.get("date_published"),
                "summary": _string(item.get("summary") or item.get("content_text"))}  # what `_item` names it by
        link = _json_address(item, shared) or _item(said, page, ids)
        if link:
            content = _string(item.get("content_html") or item.get("content_text"))
            summary = _string(item.get("summary") or content)
            tags = item.get("tags") if isinstance(item.get("tags"), list) else []
            entries.append(_entry(link, plain_text(_string(item.get("title"))),
                                  parse_w3c_date(item.get("date_published") or item.get("date_modified")),
                                  plain_text(summary), text=_full_text(content, summary),
                                  categories=categories(tags, _string(item.get("title"))),
                                  updated=parse_w3c_date(item.get("date_modified"))))
            if _may_cite(entries[-1], may_match) and (cites := _markup_cites(_string(item.get("content_html")), link)):
                entries[-1] = replace(entries[-1], cites=cites)  # a micro-blog's post links the article it talks of
            attachments = item.get("attachments") if isinstance(item.get("attachments"), list) else []
            entries += [FeedEntry(url=href, title=None, published=entries[-1].published, summary=None)
                        for href in _attached_documents([(a.get("url"), a.get("mime_type")) for a in attachments
                                                         if isinstance(a, dict)], link)]
    if one_stamp([entry.published for entry in entries]):
        entries = [replace(entry, published=None) for entry in entries]
    return entries


def _json_address(item: dict, shared: frozenset[str] = frozenset()) -> str | None:
    """Where a JSON Feed item's page is, as `_address` reads an RSS or Atom item: its url, else its external_url;
    else its id when that is a web address (the id is required, the url is not); else its first attachment. A url
    that is a home page, or that other items give too (`shared`), is no item's page: its external_url or id is,
    when it is a web address other than a home page or a media file; else None (`_item`)."""
    url = item.get("url").strip() if isinstance(item.get("url"), str) else ""
    if url and (_home(url) or url in shared):
        return next((value for name in ("external_url", "id") if isinstance(value := item.get(name), str)
                     and is_http(value := value.strip()) and value != url and not _home(value)
                     and not urlsplit(value).path.lower().endswith(_MEDIA)), None)
    for name in ("url", "external_url", "id"):
        value = item.get(name)
        if isinstance(value, str) and (value := value.strip()) and (name != "id" or is_http(value)):
            return value
    attachments = item.get("attachments") if isinstance(item.get("attachments"), list) else []
    return next((href for a in attachments if isinstance(a, dict) and isinstance(href := a.get("url"), str)
                 and is_http(href := href.strip())), None)


def _string(value) -> str | None:
    return value if isinstance(value, str) else None


def _html_title(body: bytes) -> str:
    match = re.search(rb"<title[^>]*>([^<]{1,200})", body[:8192], re.IGNORECASE)
    return f" titled {plain_text(match.group(1).decode('utf-8', 'replace'))!r}" if match else ""


def _first_line(value: object) -> str:
    return str(value).splitlines()[0][:200] if str(value) else "unknown error"

"""Turn one article page into text and metadata with trafilatura, plus the metadata it leaves out."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from lxml import html as lxml_html

from crawler.sitemaps import parse_w3c_date
from newswatch.urls import is_http

_DATE_META = ("article:published_time", "og:published_time", "datePublished", "date", "dc.date",
              "dc.date.issued", "dcterms.created", "pubdate", "publishdate", "sailthru.date")
# How trafilatura is asked for the main text: no comments, no tables, no process-global dedup cache.
TRAFILATURA_OPTIONS = {"include_comments": False, "include_tables": False, "deduplicate": False}
_FR = {"le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "sur", "qui", "que", "pas", "avec", "au"}
_EN = {"the", "and", "of", "to", "is", "in", "that", "for", "on", "with", "as", "was", "are", "by", "at", "it"}


@dataclass(frozen=True)
class Extracted:
    title: str
    text: str
    author: str | None
    published: datetime | None
    date_source: str | None  # "page" (its own metadata) or "htmldate"; None when no date was found
    language: str | None
    canonical_url: str | None  # rel=canonical, else og:url; None when the page gives neither
    site_name: str | None


def decode_html(body: bytes, declared: str | None = None) -> str:
    """Decode a page, trusting the declared charset only if the bytes really are in it (else UTF-8, else cp1252)."""
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return body.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
    return body.decode("cp1252", errors="replace")


def declared_charset(content_type: str | None, head: bytes) -> str | None:
    """The charset the server or the page's <meta> declares, if any."""
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    if not match:
        match = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", head, re.IGNORECASE)
        return match.group(1).decode("ascii") if match else None
    return match.group(1)


def extract(html: str, url: str) -> Extracted:
    """Extract the main text (no comments, no chrome) and the metadata of an article page.

    The page is parsed once. trafilatura's own metadata search (htmldate, categories, tags) is
    only run when the page's markup lacks one of title, author, site name or date.
    """
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    meta = page_metadata(tree, url) if tree is not None else dict(_NO_METADATA)
    complete = all(meta[key] for key in ("title", "author", "site_name", "published"))
    doc = trafilatura.bare_extraction(tree if tree is not None else html, url=url, with_metadata=not complete,
                                      **TRAFILATURA_OPTIONS)
    text = (doc.text if doc else "") or ""
    htmldate = parse_w3c_date(doc.date) if doc and doc.date else None
    published, date_source = (meta["published"], "page") if meta["published"] else (htmldate, "htmldate" if htmldate else None)
    title = re.sub(r"\s+", " ", meta["title"] or (doc.title if doc else "") or "").strip()
    first, _, rest = text.strip().partition("\n")
    if title and first.strip() == title:
        text = rest  # trafilatura keeps the <h1> as the first line of the text
    return Extracted(
        title=title,
        text=text.strip(),
        author=meta["author"] or (doc.author if doc else None),
        published=published,
        date_source=date_source,
        language=meta["language"] or guess_language(text),
        canonical_url=meta["canonical"],
        site_name=meta["site_name"] or (doc.sitename if doc else None),
    )


_NO_METADATA = {"canonical": None, "title": None, "author": None, "site_name": None, "language": None, "published": None}


def page_metadata(page, url: str) -> dict:
    """Canonical URL, title, author, site name, language and published date from the page's own markup.

    `page` is the HTML or an lxml tree of it (which is only read).
    """
    if isinstance(page, str):
        try:
            page = lxml_html.document_fromstring(page)
        except (ValueError, lxml_html.etree.ParserError):
            return dict(_NO_METADATA)
    tree = page
    metas = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key and meta.get("content") and key not in metas:
            metas[key] = meta.get("content").strip()
    canonical = next((link.get("href") for link in tree.iterfind(".//link")
                      if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")), None)
    canonical = canonical or metas.get("og:url")
    canonical = urljoin(url, canonical.strip()) if canonical else None
    h1 = tree.find(".//h1")
    root = tree.getroottree().getroot()
    lang = (root.get("lang") or metas.get("og:locale") or metas.get("content-language") or "").strip()
    return {
        "canonical": canonical if canonical and is_http(canonical) else None,
        "title": metas.get("og:title") or (h1.text_content().strip() if h1 is not None else None),
        "author": metas.get("author") or metas.get("article:author"),
        "site_name": metas.get("og:site_name"),
        "language": lang[:2].lower() or None,
        "published": _first_date(metas.get(k.lower()) for k in _DATE_META) or _json_ld_date(tree),
    }


def _first_date(values) -> datetime | None:
    for value in values:
        parsed = parse_w3c_date(value)
        if parsed:
            return parsed
    return None


def _json_ld_date(tree) -> datetime | None:
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and parse_w3c_date(item.get("datePublished")):
                return parse_w3c_date(item.get("datePublished"))
    return None


def guess_language(text: str) -> str | None:
    """French or English by counting common short words; None when the text is too short to tell."""
    words = re.findall(r"[a-zà-ÿ]+", text[:5000].lower())
    fr, en = sum(w in _FR for w in words), sum(w in _EN for w in words)
    if fr + en < 5:
        return None
    return "fr" if fr > en else "en"

"""Find the links of a listing page (section, tag, site search) that look like articles of the same site."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from newswatch.urls import clean_url, is_http, same_site

_NOT_ARTICLE = re.compile(
    r"/(?:tags?|categor(?:y|ies)|rubriques?|author|auteurs?|page|search|recherche|about|a-propos|contact|"
    r"mentions-legales|legal|privacy|login|account|abonnement|subscribe|newsletter|feed|rss|wp-admin|wp-login)(?:/|$)"
    r"|\.(?:jpe?g|png|gif|webp|svg|pdf|zip|mp[34]|css|js|xml|json|ico)$", re.IGNORECASE)
_DATE_PATH = re.compile(r"/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)")
_SLUG = re.compile(r"/[^/]*[a-z0-9]+(?:-[a-z0-9]+){3,}[^/]*/?$", re.IGNORECASE)
_ID = re.compile(r"(?:[_/-]\d{5,}|article\d+)(?:\.html?)?/?$", re.IGNORECASE)


def looks_like_article(url: str) -> bool:
    """A heuristic on the path: a date, a long hyphenated slug or a numeric id, and no section/tag/static file."""
    parts = urlsplit(url)
    path = parts.path
    if _NOT_ARTICLE.search(path) or "page=" in parts.query or path in ("", "/"):
        return False
    return bool(_DATE_PATH.search(path) or _SLUG.search(path) or _ID.search(path))


def article_links(body: str | bytes, base_url: str) -> list[str]:
    """Absolute links of the page that look like articles on the same site, in page order, deduplicated."""
    try:
        doc = lxml_html.document_fromstring(body)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    seen: dict[str, None] = {}
    for href in doc.xpath("//a/@href"):
        url = urljoin(base_url, href.strip()).split("#")[0]
        if is_http(url) and same_site(url, base_url) and url != base_url and looks_like_article(clean_url(url)):
            seen.setdefault(url, None)
    return list(seen)

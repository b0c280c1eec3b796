"""Find an outlet's own channels from its home page and robots.txt: feeds (<link rel=alternate>, usual paths)
and sitemaps (robots.txt `Sitemap:` lines)."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from crawler.links import absolute, links_base
from crawler.sitemaps import sitemaps_from_robots
from newswatch.text.markup import html_document
from newswatch.text.urls import is_http, joined_all

# Where WordPress, SPIP and most CMSs serve their feed when the home page does not announce it.
USUAL_FEED_PATHS = ("/feed/", "/rss.xml", "/spip.php?page=backend", "/rss/", "/atom.xml", "/index.xml")
USUAL_SITEMAP_PATHS = ("/sitemap_news.xml", "/news-sitemap.xml", "/sitemap.xml")


def home_of(url: str) -> str:
    """The home page of the site a URL is on."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def feed_links(html: str | bytes, base_url: str, guess: bool = True) -> list[str]:
    """The feeds a page announces (<link rel="alternate" type="application/rss+xml">…), else (`guess`) the links
    that look like feeds (trafilatura's own patterns), absolute and deduplicated, in page order."""
    # Imported here: trafilatura pulls in py3langid and NumPy, a third of the start-up of a crawl that
    # finds nothing new, and the crawl's parent needs it only when it looks for an outlet's feeds.
    from trafilatura.feeds import FEED_TYPES, LINK_VALIDATION_RE

    try:
        tree = html_document(html)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    found = [link.get("href", "") for link in tree.iterfind(".//link[@href]")
             if "alternate" in (link.get("rel") or "").lower().split()
             and (link.get("type") or "").split(";")[0].strip().lower() in FEED_TYPES]
    if not found and guess:
        found = [a.get("href", "") for a in tree.iterfind(".//a[@href]") if LINK_VALIDATION_RE.search(a.get("href", ""))]
    base = links_base(tree, base_url)
    urls = [absolute(base, href) for href in found if href.strip()]
    return [u for u in dict.fromkeys(urls) if u and is_http(u)]


def robots_sitemaps(robots_txt: str, base_url: str) -> list[str]:
    """The sitemaps a robots.txt names, absolute."""
    return joined_all(base_url, list(dict.fromkeys(sitemaps_from_robots(robots_txt))))


def answered_sitemaps(response) -> list[str]:
    """The sitemaps a robots.txt answer (a Scrapy response) names, absolute: its text as Scrapy decoded it, else
    (a server that calls it application/octet-stream) its bytes read as UTF-8."""
    text = getattr(response, "text", None)  # a Response that is not text has none (AttributeError)
    return robots_sitemaps(text if text is not None else response.body.decode("utf-8", "replace"), response.url)


def usual_feeds(home: str) -> list[str]:
    return [urljoin(home, path) for path in USUAL_FEED_PATHS]

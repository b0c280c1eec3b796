"""A listing page's next page: by its markup's rel=next or classes, or by the numbers in its links."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from lxml import html as lxml_html

from crawler.links import absolute, link_text, links_base
from newswatch.text.markup import html_document
from newswatch.text.urls import is_http, same_site


def next_listing_page(body: str | bytes, page_url: str) -> str | None:
    """The address of a listing page's next page: its `<link rel="next">` or `<a rel="next">` (SPIP, WordPress
    with Yoast), else its link classed `next` (WordPress's pagination); else, of its links to the same listing with
    a page number (`?page=1`, `?start=10`, `/page/2/`), the one with the next larger number (Drupal's and Joomla's
    pagers, a bare list of numbers); else a link its pager marks as next (`<li class="pager-next">`, a title or
    text "Page suivante", "Articles plus anciens"). None when it names none."""
    try:
        doc = html_document(body)
    except (ValueError, lxml_html.etree.ParserError):
        return None
    base_url = links_base(doc, page_url)
    marked = doc.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href"
                       "|//a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href"
                       "|//a[contains(concat(' ', normalize-space(@class), ' '), ' next ')]/@href")
    found = next((url for url in (absolute(base_url, href) for href in marked if href.strip())
                  if url and is_http(url) and url != page_url), None)
    if found is not None:
        return found
    listing, number = listing_page(page_url)
    numbered: dict[int, str] = {}
    said_next: list[str] = []
    for anchor in doc.iterfind(".//a[@href]"):
        url = absolute(base_url, anchor.get("href"))
        if url is None or not is_http(url) or url == page_url or not same_site(url, page_url):
            continue
        its_listing, its_number = listing_page(url)
        if its_listing == listing:  # a lower number is a page before this one, whatever its link says
            if its_number > number:
                numbered.setdefault(its_number, url)
        elif _says_next(anchor):
            said_next.append(url)
    if numbered:
        return numbered[min(numbered)]
    return said_next[0] if said_next else None


# A listing's page number, in its query (`?page=2`, WordPress's `?paged=2`, Joomla's `?start=10`, SPIP's
# `?debut_articles=20`) or its path (`/page/2/`, `/page2.html`).
_PAGE_PARAM = re.compile(r"page|paged|pg|pagina|seite|start|offset|debut_\w+", re.IGNORECASE)
_PAGE_PATH = re.compile(r"/page[/-]?([0-9]{1,9})(?:\.html?)?/?$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"[0-9]{1,9}")  # not "²", which isdigit() takes and int() refuses, nor 5,000 digits
# What a pager writes on its next page's link, or on the item around it: Drupal's `pager-next`, Drupal 8's
# `pager__item--next`, Joomla's `pagination-next`; its words ("Page suivante", "Articles plus anciens" on a blog,
# whose next page is older), never "précédent" nor "plus récents".
_NEXT_CLASS = re.compile(r"(?:^|[-_])next(?:$|[-_])", re.IGNORECASE)
_NEXT_WORDS = re.compile(r"^(?:(?:aller (?:à|a) la )?page suivante|suivante?s?|articles suivants|next(?: page)?|"
                         r"(?:articles|billets|actualités|actus) plus ancien(?:ne)?s|older (?:posts|entries|articles))"
                         r"\W*$", re.IGNORECASE)


def listing_page(url: str) -> tuple[tuple, int]:
    """Which listing a URL is a page of (host, path and query without the page number) and its page number (0
    without one): `/drome/page/3/` is page 3 of `/drome/`, `/actualites?page=1` page 1 of `/actualites`."""
    parts = urlsplit(url)
    path, number = parts.path, 0
    if (in_path := _PAGE_PATH.search(path)) is not None:
        path, number = path[:in_path.start()], int(in_path.group(1))
    query = []
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if _PAGE_PARAM.fullmatch(name) and _PAGE_NUMBER.fullmatch(value):
            number = max(number, int(value))
        else:
            query.append((name, value))
    return (parts.scheme, parts.netloc.lower(), path.rstrip("/"), tuple(sorted(query))), number


def _says_next(anchor) -> bool:
    """Whether a pager marks this link as its next page: by its class or its list item's, its title, its
    aria-label or its text."""
    parent = anchor.getparent()
    classes = (anchor.get("class") or "").split() + ((parent.get("class") or "").split() if parent is not None else [])
    if any(_NEXT_CLASS.search(name) for name in classes):
        return True
    said = (anchor.get("aria-label"), anchor.get("title"), link_text(anchor))
    return any(_NEXT_WORDS.match(" ".join(words.split())) for words in said if words)

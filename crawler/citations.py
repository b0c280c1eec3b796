"""What an article's content, or a document's links, cite: the documents and articles they lead to, fetched when it
matches."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from crawler.documents import FILE_SIZE, PDF_HINT, embedded_document, scripted_document
from crawler.links import (CHROME, MAX_LINK_TEXT, MIN_HEADLINE_WORDS, NOT_A_PAGE, absolute, has_address,
                           link_text, linked_document, links_base, looks_like_article, place)
from newswatch.documents import DOCUMENT_FILES
from newswatch.text.urls import clean_url, is_http, same_site

MAX_CITED = 10  # documents, and articles, an article's content links that are fetched (`cited_links`)
_PAID_OR_USERS = {"sponsored", "ugc"}
_DOCUMENT_WORDS = re.compile(f"{PDF_HINT.pattern}|{FILE_SIZE.pattern}", re.IGNORECASE)  # one pass of a link's words
_DOCUMENT_FILE = re.compile("|".join(map(re.escape, DOCUMENT_FILES)))  # in a lowered address: ten `in` at once


def cited_links(doc, page_url: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(URL, link text) of the documents and of the articles an article's content links (not its menus, header,
    footer or asides): a matching article's sources. Documents: a PDF, .odt or .docx by its address, through a
    viewer or in a frame, or a link whose words say a PDF or give a file's size (the prefect's order, the
    authority's opinion). Articles: links to another site that look like an article's (`looks_like_article`: a
    date, a long slug, an id; the daily whose report a blog quotes), not an advertiser's or a reader's (`rel`
    sponsored, ugc); its own site's "related articles" are its furniture, and its own channels list them. MAX_CITED
    of each at most, in page order, once each."""
    base_url = links_base(doc, page_url)
    documents: dict[str, str] = {}
    articles: dict[str, str] = {}
    for anchor in doc.iter("a", "iframe", "embed", "object", "button"):
        if anchor.tag == "button" or (anchor.tag == "a" and not has_address(anchor)):
            url, text = scripted_document(base_url, anchor), link_text(anchor)  # "Télécharger l'arrêté", by script
            if url is None or url == page_url or place(anchor, boxes=True) == CHROME:
                continue
            found = documents
        elif anchor.tag == "a":
            href = (anchor.get("href") or "").strip()
            if href.startswith(NOT_A_PAGE):
                continue
            # cheap tests first: a news page has hundreds of links, most to its own sections
            lowered, words = href.lower(), anchor.text_content()
            named = bool(_DOCUMENT_FILE.search(lowered) or _DOCUMENT_WORDS.search(words))
            if not named and not (lowered.startswith(("http:", "https:", "//")) and not same_site(href, page_url)):
                continue  # neither a document nor another site's page (a <base> elsewhere is not followed)
            if place(anchor, boxes=named) == CHROME:  # a document in the article's own box is its own
                continue
            url, text = absolute(base_url, href), link_text(anchor)
            url = (linked_document(url) or url) if url is not None else None
            if url is None or not is_http(url) or url == page_url:
                continue
            if urlsplit(url).path.lower().endswith(DOCUMENT_FILES) or _DOCUMENT_WORDS.search(text):
                found = documents
            elif (not same_site(url, page_url) and looks_like_article(clean_url(url))
                  and not _PAID_OR_USERS.intersection((anchor.get("rel") or "").lower().split())):
                found = articles
            else:
                continue
        else:
            url, text = embedded_document(base_url, anchor), " ".join((anchor.get("title") or "").split())
            if url is None or url == page_url or place(anchor, boxes=True) == CHROME:
                continue
            found = documents
        if not found.get(url) and (url in found or len(found) < MAX_CITED):
            found[url] = text[:MAX_LINK_TEXT]
    return list(documents.items()), list(articles.items())


def document_cited(links: Iterable[tuple[str, str]], document_url: str
                   ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(URL, words) of the documents and of the articles a document's web links lead to
    (`newswatch.documents.pdftext`: its link areas, the addresses its text writes out): the inquiry's dossier and
    its online register a notice names, the project's page an opinion links. Documents: a PDF, .odt or .docx by its
    address or through a viewer, and any other page but another site's article (a notice, a register: judged on its
    own words, its documents fetched); articles: another site's links that look like an article's. Not a site's home
    page (the prefecture's footer, telerecours.fr), a mail address, the document itself. MAX_CITED of each at most,
    in order, once each."""
    documents: dict[str, str] = {}
    articles: dict[str, str] = {}
    for address, words in links:
        url = absolute(document_url, address)  # None for an address no URL parser reads
        url = (linked_document(url) or url) if url is not None else None
        parts = urlsplit(url) if url is not None and is_http(url) else None
        if parts is None or (parts.path in ("", "/") and not parts.query) or url == document_url:
            continue
        found = (articles if not parts.path.lower().endswith(DOCUMENT_FILES) and not same_site(url, document_url)
                 and looks_like_article(clean_url(url)) else documents)
        if not found.get(url) and (url in found or len(found) < MAX_CITED):
            found[url] = words[:MAX_LINK_TEXT]
    return list(documents.items()), list(articles.items())


def citations(extracted) -> Iterator[tuple[str, str, str | None]]:
    """(channel, URL, title) of what a page cites (its `Extracted`'s `cited` and `cited_articles`): a document as
    a documents listing's link, an article as a listing page's, each known by `cited_title`."""
    for channel, links in (("documents", extracted.cited), ("page", extracted.cited_articles)):
        for url, text in links:
            yield channel, url, cited_title(text, channel)


def cited_title(text: str, channel: str) -> str | None:
    """The words a cited link is known by (its sighting's title): a document's link text; an article's when it
    reads as a headline (MIN_HEADLINE_WORDS words: not "ce reportage"), else none, and a walled article is then
    known by the words of its address (`/drome/sesterce-le-permis-attaque`)."""
    if channel == "documents":
        return text or None
    return text if len(text.split()) >= MIN_HEADLINE_WORDS else None

"""The official documents a listing page links, shows or opens by script, and its notice pages."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from crawler.links import (CHROME, MAX_LINK_TEXT, absolute, frame_source, has_address, link_text,
                           linked_document, links_base, looks_like_article, place, state_items, viewed_document)
from newswatch.documents import DOCUMENT_FILES
from newswatch.text.markup import html_document
from newswatch.text.urls import clean_url, is_http, same_site

PDF_HINT = re.compile(r"\bpdf\b", re.IGNORECASE)

DOCUMENT_DEPTH = 3  # a documents listing's link (a notice) → its sub-pages (notices filed below it) → their documents


def embedded_document(base_url: str, frame) -> str | None:
    """The document an `<iframe>`, `<embed>` or `<object>` shows (a lazy frame's too: `frame_source`): its own
    address when that is a document's (by its path or its `type`), else the document its viewer's query names
    (`viewed_document`); None for any other frame (a video, a map)."""
    src = frame_source(frame)
    url = absolute(base_url, src) if src else None
    if url is None or not is_http(url):
        return None
    if urlsplit(url).path.lower().endswith(DOCUMENT_FILES) or "pdf" in (frame.get("type") or "").lower():
        return url
    return viewed_document(url)


# A site's download address, whatever its file: `index.php?option=com_docman&task=doc_download&gid=77`,
# `telecharger.php?fichier=arrete-2026-112`. Such a link of a documents listing was neither a PDF by its name nor
# a notice by its path, and was left, however its text named the project.
_DOWNLOAD_HINT = re.compile(r"download|t[ée]l[ée]charg|fichier|\bfile\b|docman|attachment|pi[eè]ce-jointe",
                            re.IGNORECASE)


SUB_PAGES = 30  # a notice's pages below its own path that are read as notices too (`document_links`)

# A link whose words give a file's size ("Arrêté du 12 mars (542 Ko)", "Report, 1.2 MB") is a file's, whatever its
# address (`/medias/get/5678`); one of the site whose words or `download` attribute say a download is one too.
FILE_SIZE = re.compile(r"(?<![\w,.])\d+(?:[.,]\d+)?\s?(?:[kmg]o|[kmg]i?b|octets|bytes)(?!\w)", re.IGNORECASE)
_DOWNLOAD_WORDS = re.compile(r"(?<!\w)(?:t[ée]l[ée]charger|download)(?!\w)", re.IGNORECASE)


def says_download(anchor, text: str) -> bool:
    """Whether a link says it downloads a file: its `download` attribute, or "Télécharger"/"Download" in its
    words."""
    return anchor.get("download") is not None or bool(_DOWNLOAD_WORDS.search(text))


# A picture is a document (a notice posted as a poster, read by OCR) when its link's words, its alternative text or
# its file's name call it an official paper; a gallery's photos are not followed.
PICTURE_FILES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
_PAPER = re.compile(
    r"(?<![^\W\d_])(?:avis|arr[eê]t[eé]s?|affich(?:es?|age)|enqu[eê]tes?|d[eé]lib[eé]rations?|compte[\W_]*rendu|"
    r"proc[eè]s[\W_]*verbal|convocations?|ordre[\W_]*du[\W_]*jour|consultations?|concertations?|permis|"
    r"d[eé]cisions?|notices?|communiqu[eé]s?|documents?|notifications?|autorisations?|enregistrement|icpe|"
    r"r[eé]unions?[\W_]*publiques?|t[eé]l[eé]charg\w*|posters?|flyers?|tracts?|orders?|minutes|agendas?|decrees?|"
    r"inquiry|hearings?|public[\W_]*meetings?|"
    # a press clipping a town or a collective posts (the walled daily's article, scanned), a municipal bulletin
    r"presse|press|coupures?|clippings?|cuttings?|bulletins?)(?![^\W\d_])", re.IGNORECASE)


def names_a_paper(*words: str) -> bool:
    """Whether any of these (a link's text, a picture's alternative text, a file's name) calls its picture an
    official paper: "Affiche de l'avis d'enquête publique", `avis-enquete-sesterce.jpg`; not "IMG_2041.jpg"."""
    return any(_PAPER.search(unquote(text)) for text in words if text)


def _picture_words(element) -> list[str]:
    """What names a picture's link or a picture: the element's title, and the alternative text and title of the
    picture it is or holds."""
    pictures = [element] if element.tag == "img" else list(element.iter("img"))
    return [element.get("title") or ""] + [p.get(name) or "" for p in pictures for name in ("alt", "title")]


def _shown_picture(base_url: str, img) -> str | None:
    """The address of a picture a page shows outside any link and its menus (a notice posted as its poster), when
    it names an official paper; else None. A picture inside a link is its link's to judge."""
    if any(a.tag == "a" and a.get("href") for a in img.iterancestors()) or place(img) == CHROME:
        return None
    src = next((value for value in (img.get("src"), img.get("data-src"), img.get("data-lazy-src"))
                if value and value.strip() and not value.strip().startswith("data:")), None)
    url = absolute(base_url, src) if src else None
    if url is None or not is_http(url) or not urlsplit(url).path.lower().endswith(PICTURE_FILES):
        return None
    return url if names_a_paper(urlsplit(url).path.rsplit("/", 1)[-1], *_picture_words(img)) else None


def is_notice(url: str) -> bool:
    """Whether a documents listing's link is a notice page (which may link more documents later), not a document's
    file: neither a document's, a zipped dossier's nor a picture's address, nor a site's download address."""
    parts = urlsplit(url)
    return (not parts.path.lower().endswith(DOCUMENT_FILES + PICTURE_FILES + (".zip",))
            and not _download_address(parts.path, parts.query))


def _download_address(path: str, query: str) -> bool:
    """Whether an address's path and query name a site's download script (`_DOWNLOAD_HINT`)."""
    return bool(_DOWNLOAD_HINT.search(unquote(f"{path}?{query}")))


def document_links(body: str | bytes, page_url: str, notices: str = "listing") -> list[tuple[str, str]]:
    """(URL, link text) of a listing page's official documents: links to documents (PDFs, .odt, .docx, of any
    site, directly or through a viewer: `viewed_document`), documents the page shows in a frame
    (`embedded_document`, titled with its title), pictures linked or shown that name an official paper (a notice's
    poster: `names_a_paper`, titled with their alternative text when their link has no words), the site's download
    addresses, in page order, once each; and
    same-site notices as `notices` says: "listing", pages below the page's own path or that look like articles
    (a documents listing's); "below", at most SUB_PAGES pages below the page's own path (a notice's: a sub-page of
    a prefecture's site filing its notices by procedure or year, `/ICPE/Enregistrement` below `/ICPE`); "none"."""
    try:
        doc = html_document(body)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    below = urlsplit(page_url).path.rstrip("/") + "/"
    base_url = links_base(doc, page_url)
    seen: dict[str, str] = {}
    pages = 0
    for anchor in doc.iter("a", "area", "iframe", "embed", "object", "img", "button"):
        link = anchor.tag in ("a", "area")  # a link, or an image map's hotspot (a board of notices in a picture)
        if anchor.tag == "button" or (link and not has_address(anchor)):
            url = scripted_document(base_url, anchor)  # "Télécharger" opening the file by script
            if url is not None and url != page_url and not seen.get(url):
                seen[url] = link_text(anchor)
            continue
        if anchor.tag == "img":
            url = _shown_picture(base_url, anchor)
            if url is not None and url != page_url and url not in seen:
                seen[url] = " ".join((anchor.get("alt") or anchor.get("title") or "").split())[:MAX_LINK_TEXT]
            continue
        if not link:
            url = embedded_document(base_url, anchor)
            if url is not None and url != page_url and url not in seen:
                seen[url] = " ".join((anchor.get("title") or "").split())[:MAX_LINK_TEXT]
            continue
        if anchor.get("href") is None:
            continue
        url = absolute(base_url, anchor.get("href"))
        viewed = linked_document(url) if url is not None else None
        url = viewed or url
        if url is None or not is_http(url) or url == page_url or seen.get(url):  # one without words takes a text
            continue
        text = link_text(anchor)
        parts = urlsplit(url)
        path, query = parts.path, parts.query
        if path.lower().endswith(PICTURE_FILES):  # a poster, if its words say so; never a notice page
            if names_a_paper(text, path.rsplit("/", 1)[-1], *_picture_words(anchor)):
                seen[url] = text or next(filter(None, map(str.strip, _picture_words(anchor))), "")[:MAX_LINK_TEXT]
            continue
        here = same_site(url, page_url)
        is_pdf = (viewed is not None or path.lower().endswith(DOCUMENT_FILES)
                  or "pdf" in (anchor.get("type") or "").lower() or bool(PDF_HINT.search(text))
                  or bool(FILE_SIZE.search(text)) or (here and says_download(anchor, text)))
        download = here and _download_address(path, query)
        under = here and path.startswith(below) and len(path) > len(below) and "page=" not in query
        if notices == "listing":
            notice = under or (here and looks_like_article(clean_url(url)))
        else:
            notice = notices == "below" and under and pages < SUB_PAGES and url not in seen
        if is_pdf or download or notice:
            pages += notice and not (is_pdf or download)
            seen[url] = text
    for element in _SCRIPTED_ELEMENTS(doc):  # a list's item or a card that opens the file by script
        url = scripted_document(base_url, element)
        if url is not None and url != page_url and not seen.get(url):
            seen[url] = link_text(element)
    if not seen:  # a listing drawn by script: the documents its front end's state names
        seen = dict(_hydrated_documents(doc, base_url, page_url))
    return list(seen.items())


def _hydrated_documents(doc, base_url: str, page_url: str) -> list[tuple[str, str]]:
    """(URL, title) of the documents (DOCUMENT_FILES, of any site) a listing drawn by script names only in the JSON
    state its front end starts from (`state_items`): it links none, shows none in a frame, opens none by script."""
    return [(url, title) for url, title in state_items(doc, base_url, page_url)
            if urlsplit(url).path.lower().endswith(DOCUMENT_FILES)]


# What opens a document by script rather than by a link's address: an attribute holding its address (a flip-book's
# too: dFlip's `source`), or an address in quotes in a click handler (`window.open('/docs/avis.pdf')`,
# `location.href='…'`) or in a viewer's options written as JSON in an attribute (Real3D's
# `data-flipbook-options='{"pdfUrl":"https:\/\/…\/bulletin.pdf"}'`).
_SCRIPT_ADDRESSES = ("data-href", "data-url", "data-file", "data-download", "data-link", "data-pdf", "data-pdf-url",
                     "data-source", "source")
_SCRIPT_TEXTS = ("onclick", "data-options", "data-flipbook-options", "data-settings", "data-config")
_QUOTED_FILE = re.compile(r"""['"]([^'"\s]+?\.(?:""" + "|".join(kind.lstrip(".") for kind in DOCUMENT_FILES)
                          + r""")(?:[?#][^'"\s]*)?)['"]""", re.IGNORECASE)
_SCRIPTED_ELEMENTS = lxml_html.etree.XPath("//*[not(self::a or self::button)][" + " or ".join(
    f"@{name}" for name in (*_SCRIPT_ADDRESSES, *_SCRIPT_TEXTS)) + "]")


def scripted_document(base_url: str, element) -> str | None:
    """The document a button, a flip-book, or a link without an address, opens by script: an attribute holding a
    document's address (`data-href`, `data-url`, `data-file`, `source`…), else one in quotes in its `onclick` or
    its viewer's options; None otherwise (a menu's button, a picture's `data-src`)."""
    for name in _SCRIPT_ADDRESSES:
        value = (element.get(name) or "").strip()
        if value and value.split("#")[0].split("?")[0].lower().endswith(DOCUMENT_FILES):
            url = absolute(base_url, value)
            return url if url is not None and is_http(url) else None
    for name in _SCRIPT_TEXTS:
        if found := _QUOTED_FILE.search((element.get(name) or "").replace("\\/", "/")):  # JSON escapes its slashes
            url = absolute(base_url, found[1])
            return url if url is not None and is_http(url) else None
    return None


def listing_depth(listing: str) -> int:
    """The depth a documents listing's links are asked for with: their documents and their sub-pages'
    (DOCUMENT_DEPTH), except on a listing that is a site's home page, every page of which is below it (its links'
    documents only)."""
    return DOCUMENT_DEPTH if urlsplit(listing).path.strip("/") else DOCUMENT_DEPTH - 1

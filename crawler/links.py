"""Find the links of a listing page (section, tag, site search) that look like articles of the same site."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from urllib.parse import parse_qsl, unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from newswatch.text.captions import BLOCK_TAGS, block_text, is_furniture
from newswatch.text.extraction import container, html_document, json_ld_items, json_ld_scripts, readable
from newswatch.text.urls import clean_url, is_http, joined, same_site

_NOT_ARTICLE = re.compile(
    r"/(?:tags?|categor(?:y|ies)|rubriques?|author|auteurs?|page|search|recherche|about|a-propos|contact|"
    r"mentions-legales|legal|privacy|login|account|abonnement|subscribe|newsletter|feed|rss|wp-admin|wp-login)"
    r"(?:/|\.\w+$|$)"
    r"|\.(?:jpe?g|png|gif|webp|svg|pdf|zip|mp[34]|css|js|xml|json|ico)$", re.IGNORECASE)
_DATE_PATH = re.compile(r"/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)"  # /2026/11/…, /2026-11-24-…
                        r"|(?:^|[/_-])(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])(?:[/_.-]|$)")  # 20261124
_SLUG = re.compile(r"/[^/]*[a-z0-9]+(?:-[a-z0-9]+){3,}[^/]*/?$", re.IGNORECASE)
_SHORT_SLUG = re.compile(r"/[a-z0-9]+(?:[-_][a-z0-9]+)+(?:\.s?html?|\.php|\.aspx?|\.jsp|\.cfm)?/?$", re.IGNORECASE)
_ID = re.compile(r"(?:[_/-]\d{5,}|article\d+)(?:\.html?)?/?$", re.IGNORECASE)
# An article named by its query or its node, as a CMS without rewritten addresses names it: SPIP's
# `spip.php?article88` (or `?page=article&id_article=88`), WordPress's `?p=4521` (three digits at least: `?p=2` is
# a page number elsewhere), Joomla's `view=article`, Drupal's `/node/123`.
_QUERY_ARTICLE = re.compile(r"(?:^|&)(?:article\d+|id_article=\d+|p=\d{3,}|view=article)(?:&|$)", re.IGNORECASE)
_NODE = re.compile(r"/node/\d+/?$")
# …or by a number given to a script whose name says news (`actualite.php?id=123`, `detail.aspx?idactu=45`), or
# TYPO3's news extension (`index.php?id=42&tx_news_pi1[news]=12`)
_NUMBERED = re.compile(r"(?:^|&)(?:id|id_?actu\w*|actu_?id|news_?id|id_?news|article_?id|id_?art)=\d+(?:&|$)",
                       re.IGNORECASE)
_TYPO3_NEWS = re.compile(r"(?:^|&)tx_news_pi1(?:%5B|\[)news(?:%5D|\])=\d+", re.IGNORECASE)
_NEWS_SCRIPT = re.compile(r"/[\w-]*(?:actu|news|article|detail|fiche|breve|communique|evenement|info)[\w-]*"
                          r"\.(?:php\d?|aspx?|jsp|cfm|html?)$", re.IGNORECASE)
# Where a link sits: inside these it is the site's furniture (menus, footer links), inside those it is content.
_CHROME = {"nav", "header", "footer", "aside", "menu", "form"}
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "menu", "menubar", "search"}
_CONTENT = {"article", "main", "h1", "h2", "h3", "h4", "h5", "h6"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def looks_like_article(url: str, in_content: bool = False) -> bool:
    """A heuristic on the path: a date, a long hyphenated slug or a numeric id, and no section/tag/static file;
    or a CMS's article query (`spip.php?article88`, `?p=4521`), a news script's number (`actualite.php?id=123`).

    A link placed as content (in an <article>, <main> or a heading, not in a menu), or below the listing that
    links it and outside its menus (`/actualites/conseil-municipal` on `/actualites`), needs less: a slug of two
    words or more (`/actu/datacenter-europe.html`) will do.
    """
    parts = urlsplit(url)
    path = parts.path
    if _NOT_ARTICLE.search(path):
        return False
    if _QUERY_ARTICLE.search(parts.query):  # before `page=`: SPIP's `page=article` is no page number
        return True
    if "page=" in parts.query or path in ("", "/"):
        return False
    if _TYPO3_NEWS.search(parts.query) or (_NUMBERED.search(parts.query) and _NEWS_SCRIPT.search(path)):
        return True
    if _DATE_PATH.search(path) or _SLUG.search(path) or _ID.search(path) or _NODE.search(path):
        return True
    return in_content and _SHORT_SLUG.search(path) is not None


CHROME, CONTENT = "chrome", "content"


def place(element, boxes: bool = False) -> str:
    """Where an element sits: CHROME in the page's menus, header, footer, asides or forms (wherever else it also
    is); else CONTENT in its content (article, main, heading); else "". With `boxes`, an <aside> within an
    <article> or <main> is the article's own (its "Documents" box), not the page's sidebar."""
    content = False
    for ancestor in element.iterancestors():
        tag = ancestor.tag.lower() if isinstance(ancestor.tag, str) else ""
        role = (ancestor.get("role") or "").lower()
        if boxes and tag == "aside" and not role and _within_content(ancestor):
            continue
        if tag in _CHROME or role in _CHROME_ROLES:
            return CHROME
        content = content or tag in _CONTENT or role in ("main", "article")
    return CONTENT if content else ""


def _within_content(element) -> bool:
    """Whether an element sits within an <article> or <main>."""
    return any(isinstance(outer.tag, str) and outer.tag.lower() in ("article", "main")
               for outer in element.iterancestors())


def is_below(url: str, folders: tuple[str, ...]) -> bool:
    """True when the URL's path lies under one of a listing's `folders` (`listing_folders`; never the site's root,
    under which lies everything), in any case (`/Actualites/…` on `/actualites`: IIS reads both)."""
    own = urlsplit(url).path.lower()
    return any(folder != "/" and own.startswith(folder.lower()) and len(own) > len(folder) for folder in folders)


# Link shorteners: their address says nothing of the article it leads to (a collective's press review pastes the
# link a post gave); asked, they redirect to it
_SHORTENERS = {"bit.ly", "ow.ly", "buff.ly", "tinyurl.com", "lnkd.in", "is.gd", "t.ly", "tiny.cc", "cutt.ly",
               "rebrand.ly", "shorturl.at", "urlz.fr", "frama.link", "huit.re", "s.42l.fr", "dlvr.it", "trib.al"}


def is_short_link(url: str) -> bool:
    """Whether a link is a shortener's (`bit.ly/3xYz`, the French `urlz.fr`, `frama.link`), with a code in its path."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return host in _SHORTENERS and len(parts.path.strip("/")) >= 3 and "/" not in parts.path.strip("/")


def listing_folders(path: str) -> tuple[str, ...]:
    """Where a listing's items sit: below its own path (`/actualites/…` on `/actualites`); a listing named as a
    file, below that name without its extension (`/actualites/…` on `/actualites.html`) and, when it is its
    folder's index, in that folder (`/Actualites/Pages/…` on SharePoint's `/Actualites/Pages/default.aspx`,
    `/news/…` on `/news/index.php`)."""
    path = path.rstrip("/")
    head, _, name = path.rpartition("/")
    stem, dot, extension = name.rpartition(".")
    if not (dot and stem and extension.isalnum() and len(extension) <= 5):
        return (f"{path}/",)
    return (f"{head}/{stem}/", f"{head}/") if stem.lower() in _INDEX_NAMES else (f"{head}/{stem}/",)


_INDEX_NAMES = {"index", "default", "accueil", "home", "liste", "list"}


MAX_LINK_TEXT = 300  # characters of a link's text kept as its headline
MIN_HEADLINE_WORDS = 4  # a link's text outside a heading is its headline from this many words


def article_links(body: str | bytes, page_url: str, listing: bool = False) -> list[tuple[str, str]]:
    """(URL, headline) of the page's links that look like articles on the same site, in page order, once each;
    of a `listing` (a source's `pages`) that links more articles of other sites than of its own, outside its
    menus, header, footer and asides (a collective's press review), those too (by a date, a long slug or an id);
    of a listing, its links to documents outside its menus (a press review's scans of print articles, a town's
    minutes as a .docx, directly or through a viewer) too.

    The headline is the text of the URL's link in a heading, else its longest link text (a teaser is often an
    image link, a headline link and a "read more") when that has MIN_HEADLINE_WORDS words: the words a walled
    article is known by, as a feed's title.
    """
    try:
        doc = html_document(body)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    seen: dict[str, str] = {}
    headed: set[str] = set()
    elsewhere: set[str] = set()  # other sites' articles
    documents: set[str] = set()  # PDFs, .odt and .docx files, of any site
    base_url = links_base(doc, page_url)
    below = listing_folders(urlsplit(page_url).path)  # a listing's items sit below it: `/actualites/…`
    words = _CARD_WORDS if isinstance(body, str) else _CARD_WORDS_BYTES
    cards = any(word in body for word in words)  # else the search for cards is not made (2 ms on a 230 KB page)
    for anchor in (_LINKS_AND_CARDS if cards else _LINKS)(doc):  # links, and cards opening their article by script
        scripted = not _has_address(anchor)
        url = scripted_page(base_url, anchor) if scripted else absolute(base_url, anchor.get("href"))
        if url is None or (scripted and not same_site(url, page_url)):
            continue
        if listing:
            url = linked_document(url) or url
        headline = _headline(anchor) if scripted else ""  # a card's words are its headline's
        if url in seen:
            if url not in headed and (text := headline or link_text(anchor)):
                if in_heading(anchor) or headline:
                    seen[url] = text
                    headed.add(url)
                elif len(text) > len(seen[url]):
                    seen[url] = text
            continue
        if not is_http(url) or url == page_url:
            continue
        if listing and urlsplit(url).path.lower().endswith(DOCUMENT_FILES):  # a press review's scan, a town's .docx
            taken = place(anchor) != CHROME
            if taken:
                documents.add(url)
        elif same_site(url, page_url):
            where = place(anchor)
            taken = looks_like_article(clean_url(url), where == CONTENT or (where != CHROME and is_below(url, below)))
        else:
            taken = (listing and (looks_like_article(clean_url(url)) or is_short_link(url))
                     and place(anchor) != CHROME)
            if taken:
                elsewhere.add(url)
        if taken:
            seen[url] = headline or link_text(anchor)
            if seen[url] and (headline or in_heading(anchor)):
                headed.add(url)
    if listing:  # a section page that draws its cards with a script: its articles are in its structured data only
        for url, name in listed_items(doc, base_url):
            if url not in seen and url != page_url and same_site(url, page_url):
                seen[url] = name
                headed.add(url)
    if len(elsewhere) <= len(seen) - len(elsewhere) - len(documents):  # a section page: a partner's links are no news
        seen = {url: text for url, text in seen.items() if url not in elsewhere}
    # a few words outside a heading are a keyword the text linked ("data center"), not the article's headline
    return [(url, text if url in headed or len(text.split()) >= MIN_HEADLINE_WORDS else "")
            for url, text in seen.items()]


def listed_items(doc, base_url: str) -> list[tuple[str, str]]:
    """(URL, name) of the pages a JSON-LD `ItemList` of the page enumerates (a `CollectionPage`'s main entity too),
    in its order: `itemListElement`s that are addresses, or `ListItem`s giving their `url` or their `item`'s."""
    found: list[tuple[str, str]] = []
    for item in json_ld_items(json_ld_scripts(doc), "itemListElement"):
        for listed in (item, item.get("mainEntity")):
            if not isinstance(listed, dict) or "ItemList" not in _types(listed):
                continue
            elements = listed.get("itemListElement")
            for element in elements if isinstance(elements, list) else []:
                inner = element.get("item") if isinstance(element, dict) else element
                where = (element.get("url") if isinstance(element, dict) else None) or inner
                if isinstance(where, dict):
                    where = where.get("url") or where.get("@id")
                named = [part.get(key) for part in (element, inner) if isinstance(part, dict)
                         for key in ("headline", "name")]
                url = absolute(base_url, where) if isinstance(where, str) and where.strip() else None
                if url is not None and is_http(url):
                    found.append((url, " ".join(next((n for n in named if isinstance(n, str) and n), "").split())
                                  [:MAX_LINK_TEXT]))
    return found


def _types(item: dict) -> list[str]:
    """A JSON-LD object's types (`@type` is a name or a list of names)."""
    kind = item.get("@type")
    if isinstance(kind, str):
        return [kind]
    return [k for k in kind if isinstance(k, str)] if isinstance(kind, list) else []


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


def absolute(base_url: str, href: str) -> str | None:
    """A link's absolute URL without its fragment; None for an href no URL parser reads (`http://[oops`)."""
    url = joined(base_url, href)
    return url.split("#")[0] if url is not None else None


def links_base(doc, page_url: str) -> str:
    """What the page's relative links are relative to: its <base href> (SPIP writes one into every page, and links
    `article412.html` from `/actualites/`), else its own URL."""
    base = next(iter(doc.xpath("//base/@href")), None)
    return (absolute(page_url, base) if base and base.strip() else None) or page_url


def link_text(anchor) -> str:
    """A link's visible text, its spaces collapsed ("Ses&shy;terce" is "Sesterce"), at most MAX_LINK_TEXT long."""
    return " ".join(readable(anchor.text_content()).split())[:MAX_LINK_TEXT]


def in_heading(element) -> bool:
    """True when the element sits in a heading (h1 to h6)."""
    return any(isinstance(a.tag, str) and a.tag in _HEADINGS for a in element.iterancestors())


# Addresses that name a document's file: a PDF, or the .odt, .docx or .doc a town's secretary wrote its minutes in.
DOCUMENT_FILES = (".pdf", ".odt", ".docx", ".doc", ".odp", ".pptx")
_PDF_HINT = re.compile(r"\bpdf\b", re.IGNORECASE)
# The query parameter that names the document a PDF viewer shows: pdf.js's `viewer.html?file=`, Google's
# `docs.google.com/viewer?url=`, a plugin's `?src=` or `?doc=`.
_VIEWER_PARAMS = ("file", "url", "src", "doc", "document", "pdf")
# A link (not a frame) is read as a viewer's only when its path says one: `download.php?file=avis.pdf` is the file
# itself, from a script whose folder need not hold it.
_VIEWER_PATH = re.compile(r"view|embed|pdfjs|reader", re.IGNORECASE)


def embedded_document(base_url: str, frame) -> str | None:
    """The document an `<iframe>`, `<embed>` or `<object>` shows: its own address when that is a document's (by its
    path or its `type`), else the document its viewer's query names (`viewed_document`); None for any other frame
    (a video, a map)."""
    src = frame.get("data") if frame.tag == "object" else frame.get("src")
    url = absolute(base_url, src) if src and src.strip() else None
    if url is None or not is_http(url):
        return None
    if urlsplit(url).path.lower().endswith(DOCUMENT_FILES) or "pdf" in (frame.get("type") or "").lower():
        return url
    return viewed_document(url)


def linked_document(url: str) -> str | None:
    """The document a link to a viewer names (`viewed_document`), when the link's path says a viewer; else None."""
    return viewed_document(url) if is_http(url) and _VIEWER_PATH.search(urlsplit(url).path) else None


def viewed_document(url: str) -> str | None:
    """The document a viewer's address names in its query (pdf.js's `viewer.html?file=`, Google's
    `docs.google.com/viewer?url=`, Microsoft's `view.officeapps.live.com/op/view.aspx?src=` for a town's .docx),
    relative to the viewer's own address; None when its query names no document's file."""
    if "?" not in url:
        return None
    named = dict(parse_qsl(urlsplit(url).query))
    for param in _VIEWER_PARAMS:
        value = named.get(param, "").strip()
        if value.split("#")[0].split("?")[0].lower().endswith(DOCUMENT_FILES):  # not urlsplit: `http://[oops`
            document = absolute(url, value)  # pdf.js reads a relative `file` from the viewer's own address
            return document if document is not None and is_http(document) else None
    return None


# A site's download address, whatever its file: `index.php?option=com_docman&task=doc_download&gid=77`,
# `telecharger.php?fichier=arrete-2026-112`. Such a link of a documents listing was neither a PDF by its name nor
# a notice by its path, and was left, however its text named the project.
_DOWNLOAD_HINT = re.compile(r"download|t[ée]l[ée]charg|fichier|\bfile\b|docman|attachment|pi[eè]ce-jointe",
                            re.IGNORECASE)


SUB_PAGES = 30  # a notice's pages below its own path that are read as notices too (`document_links`)

# A link whose words give a file's size ("Arrêté du 12 mars (542 Ko)", "Report, 1.2 MB") is a file's, whatever its
# address (`/medias/get/5678`); one of the site whose words or `download` attribute say a download is one too.
_FILE_SIZE = re.compile(r"(?<![\w,.])\d+(?:[.,]\d+)?\s?(?:[kmg]o|[kmg]i?b|octets|bytes)(?!\w)", re.IGNORECASE)
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
    file: neither a document's nor a picture's address, nor a site's download address."""
    parts = urlsplit(url)
    return (not parts.path.lower().endswith(DOCUMENT_FILES + PICTURE_FILES)
            and not _download_address(parts.path, parts.query))


def _download_address(path: str, query: str) -> bool:
    """Whether an address's path and query name a site's download script (`_DOWNLOAD_HINT`)."""
    return bool(_DOWNLOAD_HINT.search(unquote(f"{path}?{query}")))


MAX_CITED = 10  # documents, and articles, an article's content links that are fetched (`cited_links`)
_NOT_A_PAGE = ("#", "mailto:", "tel:", "sms:", "javascript:", "data:")  # an address that names no page
_PAID_OR_USERS = {"sponsored", "ugc"}
_DOCUMENT_WORDS = re.compile(f"{_PDF_HINT.pattern}|{_FILE_SIZE.pattern}", re.IGNORECASE)  # one pass of a link's words


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
        if anchor.tag == "button" or (anchor.tag == "a" and not _has_address(anchor)):
            url, text = scripted_document(base_url, anchor), link_text(anchor)  # "Télécharger l'arrêté", by script
            if url is None or url == page_url or place(anchor, boxes=True) == CHROME:
                continue
            found = documents
        elif anchor.tag == "a":
            href = (anchor.get("href") or "").strip()
            if href.startswith(_NOT_A_PAGE):
                continue
            # cheap tests first: a news page has hundreds of links, most to its own sections
            lowered, words = href.lower(), anchor.text_content()
            named = any(kind in lowered for kind in DOCUMENT_FILES) or bool(_DOCUMENT_WORDS.search(words))
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
    (`newswatch.documents.pdftext`: its link areas, the addresses its text writes out): the inquiry's dossier and its online register a notice names,
    the project's page an opinion links. Documents: a PDF, .odt or .docx by its address or through a viewer, and any
    other page but another site's article (a notice, a register: judged on its own words, its documents fetched);
    articles: another site's links that look like an article's. Not a site's home page (the prefecture's footer,
    telerecours.fr), a mail address, the document itself. MAX_CITED of each at most, in order, once each."""
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
    for anchor in doc.iter("a", "iframe", "embed", "object", "img", "button"):
        if anchor.tag == "button" or (anchor.tag == "a" and not _has_address(anchor)):
            url = scripted_document(base_url, anchor)  # "Télécharger" opening the file by script
            if url is not None and url != page_url and not seen.get(url):
                seen[url] = link_text(anchor)
            continue
        if anchor.tag == "img":
            url = _shown_picture(base_url, anchor)
            if url is not None and url != page_url and url not in seen:
                seen[url] = " ".join((anchor.get("alt") or anchor.get("title") or "").split())[:MAX_LINK_TEXT]
            continue
        if anchor.tag != "a":
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
                  or "pdf" in (anchor.get("type") or "").lower() or bool(_PDF_HINT.search(text))
                  or bool(_FILE_SIZE.search(text)) or (here and says_download(anchor, text)))
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
    return list(seen.items())


# What opens a document by script rather than by a link's address: an attribute holding its address, or an
# address in quotes in a click handler (`window.open('/docs/avis.pdf')`, `location.href='…'`).
_SCRIPT_ADDRESSES = ("data-href", "data-url", "data-file", "data-download", "data-link", "data-pdf")
_QUOTED_FILE = re.compile(r"""['"]([^'"\s]+?\.(?:pdf|odt|docx?)(?:[?#][^'"\s]*)?)['"]""", re.IGNORECASE)
_SCRIPTED_ELEMENTS = lxml_html.etree.XPath("//*[not(self::a or self::button)][" + " or ".join(
    f"@{name}" for name in (*_SCRIPT_ADDRESSES, "onclick")) + "]")


def scripted_document(base_url: str, element) -> str | None:
    """The document a button, or a link without an address, opens by script: an attribute holding a document's
    address (`data-href`, `data-url`, `data-file`…), else one in quotes in its `onclick`; None otherwise (a
    menu's button, a picture's `data-src`)."""
    for name in _SCRIPT_ADDRESSES:
        value = (element.get(name) or "").strip()
        if value and value.split("#")[0].split("?")[0].lower().endswith(DOCUMENT_FILES):
            url = absolute(base_url, value)
            return url if url is not None and is_http(url) else None
    if found := _QUOTED_FILE.search(element.get("onclick") or ""):
        url = absolute(base_url, found[1])
        return url if url is not None and is_http(url) else None
    return None


# A link, or an element that opens a page by script rather than by a link's address: a card (or a link without an
# address) whose attribute holds it, or whose click handler goes there (`location.href='…'`, `window.open('…')`).
_PAGE_ADDRESSES = ("data-href", "data-url", "data-link")
_LINKS = lxml_html.etree.XPath("//a[@href]")
_LINKS_AND_CARDS = lxml_html.etree.XPath("//*[(self::a and @href) or " + " or ".join(
    f"@{name}" for name in (*_PAGE_ADDRESSES, "onclick")) + "]")
# …which only a page whose markup holds one of these words may have
_CARD_WORDS = (*_PAGE_ADDRESSES, "onclick", "DATA-", "onClick", "ONCLICK")
_CARD_WORDS_BYTES = tuple(word.encode() for word in _CARD_WORDS)
_GOES_TO = re.compile(r"""(?:location(?:\.href)?\s*=\s*|location\.(?:assign|replace)\(\s*|window\.open\(\s*)"""
                      r"""['"]([^'"\s]+)['"]""")


def scripted_page(base_url: str, element) -> str | None:
    """The page an element without an address opens by script: the address its `data-href`, `data-url` or
    `data-link` holds, else the one its `onclick` goes to; None otherwise (a menu's toggle, `onclick="share()"`)."""
    value = next((v for name in _PAGE_ADDRESSES if (v := (element.get(name) or "").strip())), None)
    if value is None and (found := _GOES_TO.search(element.get("onclick") or "")):
        value = found[1]
    url = absolute(base_url, value) if value else None
    return url if url is not None and is_http(url) else None


def _headline(card) -> str:
    """The text of the first heading a card holds ("" when none does)."""
    return next((text for heading in card.iter(*_HEADINGS) if (text := link_text(heading))), "")


def _has_address(anchor) -> bool:
    """Whether a link has an address of its own (not none, `#`, or a script's `javascript:`)."""
    href = (anchor.get("href") or "").strip()
    return bool(href) and not href.startswith(("#", "javascript:"))


MAX_UNLINKED = 10  # items a listing page shows with no page of their own, read from it in a crawl
MAX_CANDIDATES = 200  # blocks that may name a topic looked at on one listing page
UNLINKED_WORDS = 8  # an item's block holds this many words at least: a label, a date line, a button is none
# An item's date line or byline, by its class or id (`entry-date`, `post-meta`, `published`): not its words; a class
# that merely holds such letters (`reunion-publique`, `metadonnees`) is
_NOT_ITEM_WORDS = re.compile(r"(?<![a-z])(?:date|datetime|time|meta|posted|published|publication|updated|byline|"
                             r"author|auteur)(?![a-z])", re.IGNORECASE)


def unlinked_items(body: str | bytes, page_url: str, followed: Iterable[str], may_name) -> list[tuple[str, str]]:
    """(title, words) of the items a listing page (a source's `pages`) shows with no page of their own and that may
    name a topic (`may_name(words)`: the prefilter's test): a small town's news page posts the notice of the public
    meeting as a heading and a paragraph, no "read more", and the lead was in no link. An item is the largest part
    of the page's content (its article container, else its body) around a block of UNLINKED_WORDS words or more that
    holds no link and one headline (`<h2>`…`<h6>`; none: the words under the page's `<h1>` describe the listing;
    two: two items of a list that links nothing); the nearest element around it that holds links must hold several
    of the articles the listing follows (`followed`: a list whose other items link their pages) or none: one that
    holds a single article's is that article's teaser, read at its page. Never the page's furniture (menus, footer,
    teasers, related boxes, comments…, as `newswatch.text.captions.is_furniture` says); its date line is not its words
    (a relative date, "il y a 3 h", would make it another item each day). MAX_UNLINKED at most, in the page's order."""
    try:
        doc = html_document(body)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    region = container(doc)[0]
    if region is None:
        region = doc.find("body") if doc.find("body") is not None else doc
    base_url = links_base(doc, page_url)
    followed = set(followed)
    found: list[tuple[str, str]] = []
    taken: set = set()
    grows: dict = {}  # element -> whether an item may grow into it: each asked once (a page of 50,000 paragraphs)
    candidates = 0
    for element in region.iter(*BLOCK_TAGS):
        said = block_text(element)
        if len(said.split()) < UNLINKED_WORDS or _holds_link(element) or not may_name(said):
            continue
        candidates += 1
        if candidates > MAX_CANDIDATES:
            break
        if is_furniture(element, region):
            continue
        item = element  # grown while what holds it links no page and holds one headline at most: one item
        while (up := item.getparent()) is not None and up is not region and _may_grow(up, grows):
            item = up
        if item in taken:
            continue
        taken.add(item)
        holder = item.getparent()
        articles = {absolute(base_url, a.get("href")) for a in holder.iter("a") if a.get("href")} & followed
        if holder is not region and len(articles) == 1 and _card(holder, item):
            continue  # a teaser: its article is read at its page
        title = next((" ".join(h.text_content().split()) for h in item.iter(*_ITEM_HEADINGS)
                      if h.text_content().strip()), None)
        if title is None:
            continue  # a listing's own words (its section's description under its title), not an item
        words = _item_words(item)
        if words and all(words != other for _, other in found):
            found.append((readable(title)[:300], readable(words)[:MAX_ITEM_CHARACTERS]))
            if len(found) >= MAX_UNLINKED:
                break
    return found


MAX_ITEM_CHARACTERS = 5_000


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_ITEM_HEADINGS = _HEADINGS[1:]  # an item's own headline; the <h1> is the page's
CARD_WORDS = 12  # besides its link and its summary, a teaser card holds a date, a label, "Lire la suite": no more


def _card(holder, item) -> bool:
    """Whether `holder`, which links one article, is that article's teaser card with `item` its summary, rather
    than a list whose other item links its page: no heading of its own beside the item's, and few words besides
    the item's and its links' (CARD_WORDS)."""
    if next(item.iter(*_HEADINGS), None) is not None and any(
            heading is not item and item not in heading.iterancestors() for heading in holder.iter(*_HEADINGS)):
        return False  # two headlines: two items
    words, walker = 0, etree.iterwalk(holder, events=("start", "end"))
    for event, node in walker:
        if event == "start" and (node is item or node.tag in ("a", "script", "style")):
            walker.skip_subtree()
            if node is not holder and node.tail:
                words += len(node.tail.split())
        elif event == "start" and node.text:
            words += len(node.text.split())
        elif event == "end" and node is not holder and node is not item and node.tag not in ("a", "script", "style") \
                and node.tail:
            words += len(node.tail.split())
    return words <= CARD_WORDS


def _may_grow(element, grows: dict) -> bool:
    """Whether an item may grow into `element`: it links no page and holds one headline at most (`grows`: the
    answers so far)."""
    if element not in grows:
        grows[element] = not _holds_link(element) and len(list(islice(element.iter(*_ITEM_HEADINGS), 2))) < 2
    return grows[element]


def _holds_link(element) -> bool:
    """Whether an element links a page (a mail address, a phone number, an anchor of the page are no page)."""
    return any((href := (anchor.get("href") or "").strip()) and not href.lower().startswith(_NOT_A_PAGE)
               for anchor in element.iter("a"))


def _item_words(item) -> str:
    """An item's words, one line, without its date line (`<time>`, an element classed date, meta, byline…),
    scripts and styles."""
    texts = []
    walker = etree.iterwalk(item, events=("start", "end"))
    for event, node in walker:
        if not isinstance(node.tag, str):
            continue
        if event == "start":
            if node.tag in ("time", "script", "style", "noscript", "svg") or (
                    node is not item and _NOT_ITEM_WORDS.search(f"{node.get('class') or ''} {node.get('id') or ''}")):
                walker.skip_subtree()
            elif node.text:
                texts.append(node.text)
            if node.tag in BLOCK_TAGS or node.tag in ("br", "h1"):
                texts.append(" ")
        elif node is not item and node.tail:
            texts.append(node.tail)
    return " ".join("".join(texts).split())

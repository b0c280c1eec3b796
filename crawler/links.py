"""Find the links of a listing page (section, tag, site search) that look like articles of the same site; and what
the other link modules share: a link's address and words, where it sits, a document's address behind a viewer."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from lxml import html as lxml_html

from newswatch.documents import DOCUMENT_FILES
from newswatch.text import hydrated
from newswatch.text.markup import html_document, readable
from newswatch.text.metadata import json_ld_items, json_ld_scripts
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
        scripted = not has_address(anchor)
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
            below_it = where != CHROME and is_below(url, below)
            taken = (looks_like_article(clean_url(url), where == CONTENT or below_it)
                     or (below_it and named_item(url, anchor)))
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
    if listing and len(seen) == len(elsewhere) + len(documents):  # no article of its own site
        for url, name in _hydrated(doc, base_url, page_url, below):  # drawn by script from its front end's state
            if url not in seen:
                seen[url] = name
                headed.add(url)
    if len(elsewhere) <= len(seen) - len(elsewhere) - len(documents):  # a section page: a partner's links are no news
        seen = {url: text for url, text in seen.items() if url not in elsewhere}
    # a few words outside a heading are a keyword the text linked ("data center"), not the article's headline
    return [(url, text if url in headed or len(text.split()) >= MIN_HEADLINE_WORDS else "")
            for url, text in seen.items()]


# The last segment of a small site's item address: a number (`/actualites/42`: a town's few hundred news have no
# five-digit ids) or one word (`/actus/sesterce`), with or without an extension
_BARE_ITEM = re.compile(r"/(?:\d+|[^\W\d_]+)(?:\.s?html?|\.php|\.aspx?)?/?$")
_PAGE_NUMBER = re.compile(r"(?:pages?|p\.)\s*\d+\s*$", re.IGNORECASE)  # a pager's "Page 4", even in a heading
# A teaser's link to its item, under a headline that is no link: no pager or section says it
_READ_MORE = re.compile(r"(?:lire|voir)\s+(?:la\s+)?suite|lire\s+l['’]article|en\s+savoir\s+plus|read\s+more"
                        r"|continue\s+reading", re.IGNORECASE)


def named_item(url: str, anchor) -> bool:
    """Whether a link below its listing whose address says nothing (`_BARE_ITEM`) is an item's by its words: a
    headline in a heading, or MIN_HEADLINE_WORDS words, or a teaser's "Lire la suite" (a pager's "2" or "Page
    suivante", a section's "Culture", are not)."""
    parts = urlsplit(url)
    if not _BARE_ITEM.search(parts.path) or _NOT_ARTICLE.search(parts.path) or "page=" in parts.query:
        return False
    text = link_text(anchor)
    words = len(text.split())
    return (((words >= MIN_HEADLINE_WORDS or (words >= 2 and in_heading(anchor))) and not _PAGE_NUMBER.match(text))
            or _READ_MORE.match(text) is not None)


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


def _hydrated(doc, base_url: str, page_url: str, below: tuple[str, ...]) -> list[tuple[str, str]]:
    """(URL, title) of the same-site articles a listing drawn by script names in the JSON state its front end
    starts from (`state_items`): it has no link to them, nor a JSON-LD list. An item's address must look like an
    article's (less is asked below the listing)."""
    return [(url, title) for url, title in state_items(doc, base_url, page_url)
            if same_site(url, page_url) and looks_like_article(clean_url(url), is_below(url, below))]


def state_items(doc, base_url: str, page_url: str) -> list[tuple[str, str]]:
    """(URL, title) of the items a page drawn by script names in the JSON state its front end starts from
    (newswatch/text/hydrated.py: `__NEXT_DATA__`, a Nuxt payload, `window.__INITIAL_STATE__`): their web
    addresses, made absolute, the page's own left out."""
    found = []
    for where, title in hydrated.items(doc):
        url = absolute(base_url, where)
        if url is not None and is_http(url) and url != page_url:
            found.append((url, title[:MAX_LINK_TEXT]))
    return found


def _types(item: dict) -> list[str]:
    """A JSON-LD object's types (`@type` is a name or a list of names)."""
    kind = item.get("@type")
    if isinstance(kind, str):
        return [kind]
    return [k for k in kind if isinstance(k, str)] if isinstance(kind, list) else []


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
    """A link's visible text, its spaces collapsed ("Ses&shy;terce" is "Sesterce"), at most MAX_LINK_TEXT long; an
    image map's <area>, which has none, says its words in its `alt`."""
    text = (anchor.get("alt") or "") if anchor.tag == "area" else anchor.text_content()
    return " ".join(readable(text).split())[:MAX_LINK_TEXT]


def in_heading(element) -> bool:
    """True when the element sits in a heading (h1 to h6)."""
    return any(isinstance(a.tag, str) and a.tag in _HEADINGS for a in element.iterancestors())


# The query parameter that names the document a PDF viewer shows: pdf.js's `viewer.html?file=`, Google's
# `docs.google.com/viewer?url=`, a plugin's `?src=` or `?doc=`.
_VIEWER_PARAMS = ("file", "url", "src", "doc", "document", "pdf")
# A link (not a frame) is read as a viewer's only when its path says one: `download.php?file=avis.pdf` is the file
# itself, from a script whose folder need not hold it.
_VIEWER_PATH = re.compile(r"view|embed|pdfjs|reader", re.IGNORECASE)


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


# A link, or an element that opens a page by script rather than by a link's address: a card (or a link without an
# address) whose attribute holds it, or whose click handler goes there (`location.href='…'`, `window.open('…')`).
_PAGE_ADDRESSES = ("data-href", "data-url", "data-link")
# links: <a href>, and an image map's <area href> (a town's bulletin board, each notice a hotspot of its picture)
_LINKS = lxml_html.etree.XPath("//a[@href] | //area[@href]")
_LINKS_AND_CARDS = lxml_html.etree.XPath("//*[((self::a or self::area) and @href) or " + " or ".join(
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


def has_address(anchor) -> bool:
    """Whether a link has an address of its own (not none, `#`, or a script's `javascript:`)."""
    href = (anchor.get("href") or "").strip()
    return bool(href) and not href.startswith(("#", "javascript:"))


NOT_A_PAGE = ("#", "mailto:", "tel:", "sms:", "javascript:", "data:")  # an address that names no page


def frame_source(frame) -> str | None:
    """The address a frame shows (an `<object>`'s `data`, else its `src`), or a lazy frame's, which a script sets
    from its `data-src` or `data-lazy-src` once scrolled to (its `src` is `about:blank` or none); None if none."""
    names = ("data",) if frame.tag == "object" else ("src", "data-src", "data-lazy-src")
    return next((value.strip() for value in map(frame.get, names) if value and value.strip()
                 and not value.strip().lower().startswith((*NOT_A_PAGE, "about:"))), None)

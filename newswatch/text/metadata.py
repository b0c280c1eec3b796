"""A page's metadata from its markup: canonical address, title, author, site name, language, dated metas, JSON-LD."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from html import unescape as unescape_html
from urllib.parse import urlsplit

from lxml import html as lxml_html

from newswatch.text.dates import parse_w3c_date
from newswatch.text.markup import html_document, plain_paragraphs, readable
from newswatch.text.urls import is_http, joined

# Date metas by kind. Published: the page says when the article was published. Generic: a date of unstated
# kind, often a site-wide or copyright date. Modified: the last change.
PUBLISHED_KEYS = ("article:published_time", "og:published_time", "og:article:published_time", "datepublished",
                  "article.published", "parsely-pub-date")
GENERIC_KEYS = ("date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "dcterms.issued", "pubdate",
                "publishdate", "sailthru.date", "citation_date", "citation_publication_date")
MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dc.date.modified",
                 "dcterms.modified")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—\-·]\s+")
NO_METADATA = {"canonical": None, "title": None, "author": None, "site_name": None, "language": None, "json_ld": [],
                "description": None}


def page_metadata(page, url: str) -> dict:
    """Canonical URL, title, author, site name, declared language and dated metas (by kind) from the page's markup,
    and the texts of its JSON-LD scripts.

    `page` is the HTML or an lxml tree of it (which is only read).
    """
    if isinstance(page, str):
        try:
            page = html_document(page)
        except (ValueError, lxml_html.etree.ParserError):
            return dict(NO_METADATA, dates={})
    tree = page
    metas = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key and meta.get("content") and key not in metas:
            metas[key] = meta.get("content").strip()
    canonical = next((link.get("href") for link in tree.iterfind(".//link")
                      if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")), None)
    canonical = canonical or metas.get("og:url")
    canonical = joined(url, canonical) if canonical else None  # None too for one no URL parser reads
    root = tree.getroottree().getroot()
    lang = (root.get("lang") or metas.get("og:locale") or metas.get("content-language") or "").strip()
    json_ld = json_ld_scripts(tree)
    published, modified = _json_ld_dates(json_ld)
    return {
        "canonical": canonical if canonical and is_http(canonical) else None,
        "title": _page_title(tree, metas, url),
        "author": metas.get("author") or metas.get("article:author"),
        "site_name": metas.get("og:site_name"),
        "description": metas.get("og:description") or metas.get("description") or metas.get("twitter:description"),
        "language": lang or None,
        "json_ld": json_ld,
        "dates": {"page": _first_date(metas.get(k) for k in PUBLISHED_KEYS) or _itemprop_published(tree),
                  "jsonld": published,
                  "page_meta": _first_date(metas.get(k) for k in GENERIC_KEYS),
                  "modified": _first_date(metas.get(k) for k in MODIFIED_KEYS) or modified},
    }


def _page_title(tree, metas: dict, url: str) -> str | None:
    """The page's title: its og:title, else its first <h1>, the first that is not the site's name (its
    og:site_name, its host's name, a home page's word: "Accueil"); an <h1> that is the site's name or logo
    (`_is_logo`) gives way to the page's <title> without its words, when that is longer; else None (trafilatura's). A
    town's theme that gives every page the town's name as og:title, or writes that name in an <h1> above the
    articles' <h2>, titled them all "Mairie d'Alixan", and a title's words were not matched."""
    og_title = (metas.get("og:title") or "").strip()
    names = {_key(metas.get("og:site_name") or ""), *map(_key, _host_names(url)), *_HOME_TITLES, ""}
    if _key(og_title) not in names:
        return og_title
    h1 = tree.find(".//h1")
    heading = " ".join(h1.text_content().split()) if h1 is not None else ""
    named = _key(heading) in names
    if not heading or (not named and not _is_logo(h1, url)):
        return heading or None
    head = tree.find(".//title")  # trafilatura would take the site's words: the <title>, without them
    head = clean_title(" ".join(head.text_content().split()), heading, url) if head is not None else ""
    # a title is longer than a site's name: a heading that is not (`… | Mairie`) was the page's title after all
    if len(head) > len(heading) and _key(head) not in names:
        return head
    return None if named else heading


# What a site's home page calls itself, when a theme gives that title to every page (keys: `_key`).
_HOME_TITLES = {"accueil", "home", "homepage", "pagedaccueil", "bienvenue", "welcome", "index"}
_LOGO = re.compile(r"logo|brand|site-?(?:title|name)|masthead", re.I)


def _is_logo(heading, url: str) -> bool:
    """Whether a heading is the site's logo, not a page's title: in the page's <header> (or role=banner), not an
    article's or the main content's; classed so (`_LOGO`), or its link or the two elements around it; or linking
    the site's home page. (Not the <body>'s class: WordPress writes `wp-custom-logo` there on every page.)"""
    ancestors = [element for element in heading.iterancestors() if element.tag not in ("body", "html")]
    content = any(element.tag in ("article", "main") or element.get("role") == "main" for element in ancestors)
    if not content and any(element.tag == "header" or element.get("role") == "banner" for element in ancestors):
        return True
    near = [*heading.iter(), *ancestors[:2]]
    if any(_LOGO.search(f"{element.get('class') or ''} {element.get('id') or ''}") for element in near
           if isinstance(element.tag, str)):
        return True
    home = urlsplit(url)._replace(path="/", query="", fragment="").geturl()
    return any(joined(url, link.get("href") or "") in (home, home.rstrip("/")) for link in heading.iter("a"))


def _first_date(values) -> datetime | None:
    for value in values:
        parsed = parse_w3c_date(value)
        if parsed:
            return parsed
    return None


def _itemprop_published(tree) -> datetime | None:
    """itemprop=datePublished on any element, or the hAtom `published` class on a <time> or <abbr>
    (WordPress and SPIP themes mark the publication date so, and the last update with `updated`)."""
    marked = ".//*[@itemprop='datePublished'] | .//time[contains(concat(' ', @class, ' '), ' published ')]"
    marked += " | .//abbr[contains(concat(' ', @class, ' '), ' published ')]"
    for elem in tree.xpath(marked):
        parsed = parse_w3c_date(elem.get("datetime") or elem.get("content") or elem.get("title"))
        if parsed:
            return parsed
    return None


def json_ld_scripts(tree) -> list[str]:
    """The texts of the page's JSON-LD scripts."""
    return [script.text for script in tree.iterfind(".//script[@type='application/ld+json']") if script.text]


def json_ld_items(scripts: list[str], holding: str = ""):
    """The objects of these JSON-LD scripts (a list's, a @graph's too) whose text holds `holding`."""
    for script in scripts:
        if holding not in script:
            continue
        try:
            data = json.loads(script)
        except (json.JSONDecodeError, RecursionError):
            continue
        items = data if isinstance(data, list) else [data]
        items = [*items, *(g for item in items if isinstance(item, dict) for g in (item.get("@graph") or [])
                           if isinstance(item.get("@graph"), list))]
        yield from (item for item in items if isinstance(item, dict))


def _json_ld_dates(scripts: list[str]) -> tuple[datetime | None, datetime | None]:
    """datePublished and dateModified of a page's JSON-LD scripts (the first of each, @graph lists included)."""
    published = modified = None
    for item in json_ld_items(scripts):
        published = published or parse_w3c_date(item.get("datePublished"))
        modified = modified or parse_w3c_date(item.get("dateModified"))
    return published, modified


def json_ld_body(scripts: list[str]) -> str:
    """The article's text as a page's JSON-LD scripts give it, plain, one paragraph a line: its `articleBody`, a live
    blog's updates (each its headline, then its body) after its own. "" when no object of the JSON-LD gives one, or
    several give different ones (a page listing articles is none of them)."""
    bodies = []
    for item in json_ld_items(scripts, "articleBody"):
        updates = item.get("liveBlogUpdate")
        updates = [u for u in (updates if isinstance(updates, list) else [updates]) if isinstance(u, dict)]
        parts = [item.get("articleBody"), *(part for update in updates
                                            for part in (update.get("headline"), update.get("articleBody")))]
        if text := "\n".join(filter(None, (plain_paragraphs(part) for part in parts if isinstance(part, str)))):
            bodies.append(text)
    return bodies[0] if len(set(bodies)) == 1 else ""  # one body, perhaps given twice (two plugins write JSON-LD)


_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-f]{2,5}|[a-z][a-z0-9]{1,7});", re.IGNORECASE)


def clean_title(title: str, site_name: str | None, url: str) -> str:
    """The title without the outlet's name that og:title often carries ("… | Le Réveil drômois", "Outlet - …"),
    when that part repeats the site name (or the host name); a title that is only the site name stays. A theme
    that escapes a title its CMS escaped already writes "L&amp;#8217;eau": its entities are read once more."""
    if "&" in title and _ENTITY.search(title):  # escaped twice ("L&amp;#8217;eau" in og:title): read once more
        title = unescape_html(title)
    title = re.sub(r"\s+", " ", readable(title)).strip()
    names = {_key(site_name or "")} | {_key(h) for h in _host_names(url)}
    names.discard("")
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2 or not names:
        return title
    for cut in (parts[-1], parts[0]):
        key = _key(cut)
        if key and any(key == n or (min(len(key), len(n)) > 3 and (key.startswith(n) or n.startswith(key)))
                       for n in names):
            separators = _TITLE_SEPARATORS.findall(title)
            if cut is parts[-1]:
                return title[:title.rfind(separators[-1])].strip()
            return title[title.find(separators[0]) + len(separators[0]):].strip()
    return title


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalnum())


def _host_names(url: str) -> list[str]:
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return [host.split(".")[0]] if host else []

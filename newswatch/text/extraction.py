"""Turn one article page into text and metadata with trafilatura, plus the metadata it leaves out."""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape as unescape_html
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from newswatch.text.captions import caption_snippets, captions, left_out
from newswatch.text.dates import best_date, needs_search, parse_w3c_date, url_date
from newswatch.text.language import language_of
from newswatch.text.topics import fold
from newswatch.text.urls import is_http, joined
from newswatch.text.walls import teaser_text

# How trafilatura is asked for the main text: no comments, tables kept, no process-global dedup cache.
TRAFILATURA_OPTIONS = {"include_comments": False, "include_tables": True, "deduplicate": False}
# Date metas by kind. Published: the page says when the article was published. Generic: a date of unstated
# kind, often a site-wide or copyright date. Modified: the last change.
PUBLISHED_KEYS = ("article:published_time", "og:published_time", "og:article:published_time", "datepublished",
                  "article.published", "parsely-pub-date")
GENERIC_KEYS = ("date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "dcterms.issued", "pubdate",
                "publishdate", "sailthru.date", "citation_date", "citation_publication_date")
MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dc.date.modified",
                 "dcterms.modified")
# The second, recall-favoured pass runs when the first kept less than this share of the words of the page's
# article container (<article>, itemprop=articleBody, <main>), and is kept when it covers more of them.
RECALL_BELOW = 0.8
# The page's JSON-LD article body replaces the extracted text when that is shorter than this share of it.
FROM_JSON_LD_BELOW = 0.5
_TITLE_SEPARATORS = re.compile(r"\s+[|–—\-·]\s+")
# trafilatura's parser (its options), except for two things. lxml.html's parser asks a Python method
# (HtmlElementClassLookup.lookup) for the class of an element each time lxml makes a Python object of it:
# ≈ 9,000 times a realistic page between trafilatura and this module, ≈ 10 % of its extraction. This one makes
# every element an HtmlElement, in C: the form classes that lookup picks (FormElement…) are used by neither.
# And huge_tree: libxml2 drops, silently, whatever is nested deeper than 256 elements (an old site's layout
# tables inside one another, a theme's unclosed <div>s): the article's text was lost, the page `no_text`.
_PARSER = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                               remove_pis=True, huge_tree=True)
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity))
_DOCUMENT_PARSER = lxml_html.HTMLParser(huge_tree=True)  # lxml.html's own, without that limit either


def html_document(html: str | bytes):
    """`lxml.html.document_fromstring`, without libxml2's limit of 256 nested elements (see _PARSER): a listing's
    links, a home page's feeds, a page's metadata nested deeper are read too."""
    return lxml_html.document_fromstring(html, parser=_DOCUMENT_PARSER)


@dataclass(frozen=True)
class Extracted:
    title: str
    text: str
    author: str | None
    published: datetime | None
    date_source: str | None  # the candidate that won (newswatch.text.dates.ORDER); None when the page gives no date
    language: str | None
    canonical_url: str | None  # rel=canonical, else og:url; None when the page gives neither
    site_name: str | None
    dates: dict[str, datetime] = field(default_factory=dict)  # every date candidate the page gave, by kind
    passes: str = "default"  # "recall" when the recall-favoured second pass was kept, "json-ld" (`_from_json_ld`)
    # "teaser": the free part of a paywalled article (newswatch.text.walls); "no_text": a scan
    text_status: str = "full"
    captions: str = ""  # its pictures' captions that the text does not hold, one a line (newswatch.text.captions)
    # a paywalled article's body as its JSON-LD gives it, when that may name a topic its free part cannot: read to
    # match it, only the sentences naming one are quoted (MatchPipeline.match_locked); never stored whole
    locked: str = ""
    cited: tuple[tuple[str, str], ...] = ()  # (URL, link text) of the documents its content links, when it may match
    cited_articles: tuple[tuple[str, str], ...] = ()  # …and of the articles it links (crawler.links.cited_links)


def decode_html(body: bytes, declared: str | None = None) -> str:
    """Decode a page, trusting the declared charset only if the bytes really are in it (else UTF-8, else cp1252)."""
    return decode_html_as(body, declared)[0]


def decode_html_as(body: bytes, declared: str | None = None) -> tuple[str, str]:
    """`decode_html`, and the name of the codec that decoded the page (codecs.lookup's: "utf-8", "cp1252"…).

    A single-byte charset (Latin-1, Windows-1252…) decodes any bytes, so it is trusted only when the page is not
    UTF-8: a server's default charset often names Latin-1 for a UTF-8 page, which would read "donnÃ©es" and match
    no topic, while Latin-1 French is never valid UTF-8 (its "é" is a lone byte that UTF-8 never writes alone).
    A page whose text was mangled so before it was sent (`repaired`) is put right."""
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                name = codecs.lookup(encoding).name
                if is_single_byte(name) and not body.isascii():
                    try:
                        return repaired(body.decode("utf-8")), "utf-8"
                    except UnicodeDecodeError:
                        pass
                return repaired(body.decode(encoding)), name
            except (UnicodeDecodeError, LookupError):
                continue
    return repaired(body.decode("cp1252", errors="replace")), "cp1252"


# What UTF-8 looks like read as Windows-1252 (Latin-1 for the five bytes it leaves undefined): a lead byte's
# character then one to three continuation bytes' characters. "é" is "Ã©", "à" is "Ã" and a no-break space
# (often a space by then), "’" is "â€™".
_BYTE_OF = {bytes([b]).decode("cp1252", errors="ignore") or chr(b): b for b in range(0x80, 0x100)}
_FOLLOWING = "".join(c for c, b in _BYTE_OF.items() if b < 0xC0)
_MANGLED = re.compile(f"[\u00c2-\u00df][{_FOLLOWING}]|\u00c3  ?(?=\\w)|[\u00e0-\u00ef][{_FOLLOWING}]{{2}}"
                      f"|[\u00f0-\u00f4][{_FOLLOWING}]{{3}}")
_SIGNS = re.compile(f"\u00c3[{_FOLLOWING}]|\u00e2\u20ac")  # "Ã©", "Ã¨", "â€™"…: French or English mangled


def repaired(text: str) -> str:
    """The text with its UTF-8 put right where it was read as Windows-1252 before it reached us ("centre de
    donnÃ©es" is "centre de données"): a CMS that stored it so, a feed or a page built from such a database. FTS5
    reads "donnÃ©es" as "donna" and "es", so a topic's French words missed. Only a text showing the signs of it
    ("Ã©", "â€™"…, never French or English as written) is touched, and each sequence only when it is UTF-8."""
    # one character at a time: Python finds a single character in a page ten times faster than two ("’" is
    # "â€™": no English text mangled so escapes the second)
    if "\u00c3" not in text and "\u2122" not in text or not _SIGNS.search(text):
        return text
    return _MANGLED.sub(_redecoded, text)


def _redecoded(match: re.Match) -> str:
    mangled = match.group()
    if mangled.startswith("\u00c3 "):
        return "\u00e0 "  # "à", its no-break space made a space (the space after it kept, or not)
    try:
        return bytes(_BYTE_OF[c] for c in mangled).decode("utf-8")
    except UnicodeDecodeError:
        return mangled


def is_single_byte(codec: str) -> bool:
    """Whether a codec, as codecs.lookup names it ("iso8859-1" for latin-1 and ISO-8859-1 alike), is one of one byte
    a character: one that decodes any bytes."""
    return codec.startswith(("iso8859-", "cp125", "cp437", "cp850", "koi8-", "mac-"))


_HTML_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         rb"<(?:!doctype\s+html|html|head)[\s>]", re.IGNORECASE | re.DOTALL)


def looks_like_html(head: bytes) -> bool:
    """Whether a document begins as an HTML page does (a doctype, <html> or <head>, after comments or an XHTML
    page's XML declaration), whatever its server calls it: small sites send pages as text/plain or
    application/octet-stream, XHTML ones as text/xml."""
    return _HTML_START.match(head[:1024]) is not None


def visible(text: str) -> str:
    """The text without the characters an extraction drops: those neither printable nor whitespace (soft hyphens
    and zero-width spaces a CMS puts inside words, word joiners, BOMs, icon-font glyphs). trafilatura drops them
    from a page's text; left in a title or a feed's text, each would cut a word in two for FTS5 ("Ses\u00adterce"
    is "ses" and "terce"), and the topic and the search would miss it."""
    if text.isprintable():
        return text
    return "".join(c for c in text if c.isprintable() or c.isspace())


def readable(text: str) -> str:
    """The text as it is meant to be read: `visible`, `repaired` and `unstyled`."""
    return unstyled(repaired(visible(text)))


# Letters and digits written in a style Unicode gives them: mathematical bold, italic or sans-serif (a social
# network's post writes 𝗦𝗘𝗦𝗧𝗘𝗥𝗖𝗘 so, for bold), fullwidth (ＳＥＳＴＥＲＣＥ), ligatures (ﬁ). FTS5 reads them as
# other letters than their plain ones: the topic and the search missed them, while the prefilter, which folds
# them, let the page through. Circled letters (Ⓢ) are symbols to both, and stay as they are.
_STYLED = re.compile("[\ufb00-\ufb06\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d7ff]+")


def unstyled(text: str) -> str:
    """The text with its styled letters and digits (`_STYLED`) written plain, as NFKC writes them; the rest as it
    is."""
    if text.isascii() or not _STYLED.search(text):
        return text
    return _STYLED.sub(lambda found: unicodedata.normalize("NFKC", found[0]), text)


MAX_PLAIN_TEXT = 100_000  # characters of a full text kept (a long report is still read to this point)
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|pre|tr|figcaption)\s*>|<br\s*/?>", re.IGNORECASE)


def plain_text(value: str | None) -> str | None:
    """A feed's title or summary without markup and entities, on one line."""
    if not value:
        return None
    if "<" in value or "&" in value:
        value = _markup_text(value)
    return re.sub(r"\s+", " ", readable(value)).strip() or None


def _markup_text(value: str) -> str:
    try:
        return lxml_html.fragment_fromstring(value, create_parent="div", parser=_DOCUMENT_PARSER).text_content()
    except Exception:  # lxml raises several types on garbage; keep the raw text then
        return re.sub(r"<[^>]*>", " ", value)


def plain_paragraphs(value: str | None) -> str | None:
    """A full text (a feed item's, a JSON-LD article body; HTML or plain) as plain text, one paragraph a line, at most
    MAX_PLAIN_TEXT characters."""
    if not value:
        return None
    value = value[:4 * MAX_PLAIN_TEXT]
    if "<" in value or "&" in value:  # a line break of the markup is a space; a paragraph's end is one of the text
        lines = _markup_text(_BLOCK_END.sub("\n", re.sub(r"\s+", " ", value))).splitlines()
    else:
        lines = value.splitlines()
    kept = (" ".join(readable(line).split()) for line in lines)
    return "\n".join(line for line in kept if line)[:MAX_PLAIN_TEXT] or None


def declared_charset(content_type: str | None, head: bytes) -> str | None:
    """The charset the server or the page's <meta> declares, if any."""
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    if not match:
        match = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", head, re.IGNORECASE)
        return match.group(1).decode("ascii") if match else None
    return match.group(1)


KICKER_WORDS = 5  # a line this short above the title is its kicker ("Économie", "Drôme | Alixan"), not text


def without_heading(text: str, titles: set[str]) -> str:
    """The text without the title trafilatura keeps as its first line (the article's <h1>), nor the kicker some
    themes set above it (a section's name: "Économie"): every snippet began "Économie Alixan valide le permis…"."""
    lines = text.strip().split("\n", 2)
    if lines[0].strip() in titles:
        return "\n".join(lines[1:])
    if len(lines) > 1 and lines[1].strip() in titles and len(lines[0].split()) <= KICKER_WORDS:
        return "\n".join(lines[2:])
    return text


def extract(html: str, url: str, topical: Callable[..., bool] | None = None) -> Extracted:
    """Extract the main text (no comments, no chrome, tables as rows of cells) and the metadata of an article page.

    The page is parsed once. trafilatura's own metadata search runs only when the page's markup lacks one of
    title, author or site name; htmldate only when the page has no date of the published kind, in its metadata
    or in its URL, and then without the page's generic date metas (judged apart).

    `topical(html, *plain)` (a `Prefilter.might_match`: False only when no topic can match) decides whether the
    captions of the page's pictures are worth reading: only when the raw page around its captions may name a
    topic and the title and text cannot. Without it, they are not read. With it, the documents and articles a page
    that may match links are listed (`cited`, `cited_articles`: crawler.links.cited_links), to be fetched if it
    does.
    """
    import trafilatura

    from newswatch.text.standfirst import standfirst  # it reads words() and _NOT_BODY from this module

    tree = parse_page(html)
    meta = page_metadata(tree, url) if tree is not None else dict(_NO_METADATA, dates={})
    dates = {**meta["dates"], "url": url_date(url)}
    if tree is not None:
        _drop_date_metas(tree)
    complete = all(meta[key] for key in ("title", "author", "site_name"))
    source = tree if tree is not None else html
    doc = trafilatura.bare_extraction(source, url=url, with_metadata=not complete, fast=tree is not None,
                                      **TRAFILATURA_OPTIONS)
    text = table_rows((doc.text if doc else "") or "")
    passes = "default"
    region = container(tree) if tree is not None else (None, "")  # the article's container and its visible text
    if tree is not None:
        text, passes = _from_json_ld(meta["json_ld"], tree, *_more_passes(tree, url, text, region[1]))
    now = datetime.now(UTC)
    if needs_search(dates, now):
        dates["htmldate"] = _htmldate(doc, tree, url, ran=not complete)
    dates = {k: v for k, v in dates.items() if v is not None}
    published, date_source = best_date(dates, now)
    site_name = meta["site_name"] or _named(doc.sitename if doc else None, url)
    title = clean_title(meta["title"] or (doc.title if doc else "") or "", site_name, url)
    text = without_heading(text, {title, meta["title"]} - {None, ""})
    if tree is not None and (lead := standfirst(tree, text.strip())):
        text = f"{lead}\n{text.strip()}"
    text, teaser = teaser_text(tree, text.strip()) if tree is not None else (text.strip(), False)
    pictured, cited, cited_articles, locked = "", (), (), ""
    if topical is not None and tree is not None:
        may_match = topical("", title, text)
        if not may_match and teaser:
            locked = _locked_body(meta["json_ld"], title, text, topical)
        elif not may_match and (restored := left_out(region[0], text, topical)):
            text, may_match = f"{text}\n{restored}", True  # a block trafilatura left out names a topic
        if not may_match and (summary := described(meta["description"], title, text, topical)):
            text, may_match = f"{summary}\n{text}", True  # the page's own summary names a topic
        if not may_match and (snippets := caption_snippets(html)) and topical(snippets):
            pictured = captions(tree, text)
        if may_match or pictured:
            from crawler.links import cited_links  # crawler.links reads pages with this module

            cited, cited_articles = map(tuple, cited_links(tree, url))
    return Extracted(
        title=title,
        text=unstyled(text),
        author=meta["author"] or (doc.author if doc else None),
        published=published,
        date_source=date_source,
        language=language_of(f"{title}\n{text}" if text else "", meta["language"]),
        canonical_url=meta["canonical"],
        site_name=site_name,
        dates=dates,
        passes=passes,
        text_status="teaser" if teaser else "full",
        captions=unstyled(pictured),
        locked=unstyled(locked),
        cited=cited,
        cited_articles=cited_articles,
    )


def parse_page(html: str):
    """The page's lxml tree as trafilatura.utils.load_html makes it (None if it is not HTML), through _PARSER.

    load_html's first pass, repeated here: its repairs, then lxml.html.fromstring. A page that pass would not
    settle (lxml refuses it, or the tree is empty, or too small for a page not saying it is HTML) goes to
    load_html itself, which decides as always: the same tree, with slower element objects.
    """
    from trafilatura.utils import is_dubious_html, load_html, repair_faulty_html

    beginning = html[:50].lower()
    try:
        tree = lxml_html.fromstring(repair_faulty_html(html, beginning), parser=_PARSER)
    except Exception:  # noqa: BLE001 - whatever lxml refused, load_html has its own answer (it catches as widely)
        return load_html(html)
    if tree is None or len(tree) < (2 if is_dubious_html(beginning) else 1):
        return load_html(html)
    return tree


_NO_METADATA = {"canonical": None, "title": None, "author": None, "site_name": None, "language": None, "json_ld": [],
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
            return dict(_NO_METADATA, dates={})
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


def _from_json_ld(scripts: list[str], tree, text: str, passes: str) -> tuple[str, str]:
    """The article body of the page's JSON-LD scripts (`json_ld_body`) instead of the extracted text when that is
    shorter than half of it: a page whose article a script writes in the browser (an application's page, a live blog
    whose updates load later, a "read more" that fetches the rest) shows trafilatura its first paragraphs only: from
    250 characters it takes them for the article (below that, trafilatura reads the JSON-LD itself). Not the body of
    a paywalled article (`teaser_text`): that text is a subscriber's."""
    # A script is longer than the body it holds: most pages (their text in their markup too) parse no JSON here.
    if FROM_JSON_LD_BELOW * sum(len(script) for script in scripts if "articleBody" in script) <= len(text):
        return text, passes
    body = json_ld_body(scripts)
    if len(text) >= FROM_JSON_LD_BELOW * len(body) or teaser_text(tree, text)[1]:
        return text, passes
    return body, "json-ld"


def described(description: str | None, title: str, text: str, topical: Callable[..., bool]) -> str:
    """The page's description (its `og:description`, else `description`), plain, when it may name a topic that
    its title and `text` cannot (`topical`) and it is this page's, not its site's: it shares a word of its title
    (five letters or more, a word's first five matching: "inquiète", "s'inquiètent"). A video's or a gallery's
    page says what it shows there only (its text is a credit line), a brief's summary may name what its text
    leaves to the reader's memory. "" otherwise."""
    summary = " ".join(readable(description or "").split())
    if not summary or not _shares_a_word(summary, title) or not topical("", title, text, summary):
        return ""
    return summary


def _shares_a_word(one: str, other: str) -> bool:
    """Whether two texts share a word of five letters or more (its first five, accents and case aside), not one of
    the commonest (`_COMMON`)."""
    def stems(text: str) -> set[str]:
        return {word[:5] for word in re.findall(r"[a-z0-9]{5,}", fold(text))} - _COMMON

    return not stems(one).isdisjoint(stems(other))


# Words of five letters or more any two French or English texts may share: no sign that they speak of one thing.
_COMMON = {word[:5] for word in (
    "about after apres avant avoir cette comme dans depuis entre elles encore leurs notre other their there these "
    "those under where which while would selon toujours aussi autre autres contre quand quelle quelque pendant "
    "being could should years annee annees heures jours").split()}


def _locked_body(scripts: list[str], title: str, text: str, topical: Callable[..., bool]) -> str:
    """The body a paywalled article's JSON-LD gives (`json_ld_body`) when it says more than the free part `text`
    and may name a topic with the title and that part (`topical`), which cannot alone; else "". What a subscriber
    reads: a publisher's structured data is served to every reader, and is read here to match the article; only
    its sentences that name a topic are archived (MatchPipeline.match_locked)."""
    if not any("articleBody" in script for script in scripts):
        return ""
    body = json_ld_body(scripts)
    return body if len(body) > len(text) and topical("", title, text, body) else ""


def _drop_date_metas(tree) -> None:
    """Remove generic and modified date metas, so that htmldate (through trafilatura or alone) looks past them."""
    dropped = set(GENERIC_KEYS) | set(MODIFIED_KEYS)
    for meta in list(tree.iterfind(".//meta")):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in dropped and meta.getparent() is not None:
            meta.getparent().remove(meta)


def _htmldate(doc, tree, url: str, ran: bool) -> datetime | None:
    """htmldate's original date (trafilatura's metadata pass ran it already when `ran`), unless it is a
    1 January: what htmldate answers when all it found is a bare year, such as a footer's "© 2026"."""
    found = doc.date if doc and ran else None
    if not ran and tree is not None:
        from htmldate import find_date

        found = find_date(tree, original_date=True, extensive_search=True, url=url,
                          max_date=datetime.now(UTC).strftime("%Y-%m-%d"))
    return parse_w3c_date(found) if found and found[5:10] != "01-01" else None


def table_rows(text: str) -> str:
    """trafilatura's tables (`| a | b |` lines and `|---|` rules) as plain rows: `a | b`, one per line."""
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            if re.fullmatch(r"\|(?:\s*:?-+:?\s*\|)+", stripped):
                continue
            cells = [c.strip() for c in stripped.strip("|").split(" | ")]
            line = " | ".join(c for c in cells)
        lines.append(line)
    return "\n".join(lines)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (each CJK character one token), as the recall signal and the bench count them."""
    return re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W_]+", text.lower())


_NOT_BODY = {"script", "style", "nav", "aside", "footer", "header", "form", "button", "figure", "noscript", "iframe",
             "svg", "select", "h1"}


def as_it_stands(html: str, url: str) -> tuple[str, str]:
    """A page's title and text without extraction, for a page whose extraction failed or ran past its time limit:
    its og:title or <h1> (else its <title>), and the visible text of its article container (`container_text`), on
    one line, at most MAX_PLAIN_TEXT characters. lxml alone, in time linear in the page: the crawl's parent runs it,
    without trafilatura."""
    try:
        tree = html_document(html)
    except (ValueError, etree.ParserError):
        return "", ""
    meta = page_metadata(tree, url)
    title = meta["title"] or (tree.findtext(".//title") or "")
    text = readable(" ".join(container_text(tree).split()))[:MAX_PLAIN_TEXT]
    return clean_title(title, meta["site_name"], url), text


def container_text(tree) -> str:
    """The visible text of the page's article container (`container`)."""
    return container(tree)[1]


def container(tree) -> tuple[object | None, str]:
    """The page's article container and its visible text: itemprop=articleBody, else the largest <article> (by
    its visible text), else <main>; else None and every paragraph of the page. The text is without scripts, menus,
    asides, headers, footers, forms, figures."""
    for xpath in (".//*[@itemprop='articleBody']", ".//article", ".//main|.//*[@role='main']"):
        found = [(elem, " ".join(_visible(elem))) for elem in tree.xpath(xpath)]
        if found:
            return max(found, key=lambda pair: len(pair[1]))
    outside = "not(ancestor::nav or ancestor::aside or ancestor::footer or ancestor::header or ancestor::form)"
    return None, " ".join(" ".join(_visible(p)) for p in tree.xpath(f".//p[{outside}]"))


def _visible(elem) -> list[str]:
    """The texts of `elem` and of its descendants outside _NOT_BODY elements, with the tails of all (its own too),
    in document order, in one walk in C (a recursive generator would pass each text up through every level)."""
    if not isinstance(elem.tag, str) or elem.tag in _NOT_BODY:
        return [elem.tail] if elem.tail else []
    texts = []
    walker = etree.iterwalk(elem, events=("start", "end", "comment", "pi"))
    for event, node in walker:
        if event == "start":
            if node.tag in _NOT_BODY:
                walker.skip_subtree()  # its "end" still comes: its tail is kept
            elif node.text:
                texts.append(node.text)
        elif node.tail:  # "end", or a comment or processing instruction (kept by parsers other than ours)
            texts.append(node.tail)
    return texts


def coverage(text: str, reference: Counter) -> float:
    """The share of the reference's words (counted with repeats) that the text holds."""
    total = sum(reference.values())
    return sum((Counter(words(text)) & reference).values()) / total if total else 1.0


def _more_passes(tree, url: str, fast_text: str, region_text: str) -> tuple[str, str]:
    """The first pass is trafilatura without its fallback extractors (readability, jusText: about 40 % of its
    time). When that text covers too little of the page's article container, or there is no container to judge
    by, trafilatura runs again with its fallbacks; when even that falls short, once more with recall favoured,
    and the recall text is kept when it covers more of the container's words (and stays within it)."""
    import trafilatura

    reference = Counter(words(region_text))  # the container's visible text (`container`)
    judged = sum(reference.values()) >= 50
    if judged and coverage(fast_text, reference) >= RECALL_BELOW:
        return fast_text, "fast"
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, **TRAFILATURA_OPTIONS)
    text = table_rows((doc.text if doc else "") or "")
    if not judged or coverage(text, reference) >= RECALL_BELOW:
        return text, "default"
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, favor_recall=True, **TRAFILATURA_OPTIONS)
    second = table_rows((doc.text if doc else "") or "")
    more = coverage(second, reference) - coverage(text, reference)
    inside = coverage(" ".join(reference.elements()), Counter(words(second))) if second else 0.0
    if more > 0.05 and inside >= 0.8:
        return second, "recall"
    return text, "default"


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


def _named(site_name: str | None, url: str) -> str | None:
    """trafilatura's site name, unless it is only the page's host (its fallback when a page names no site)."""
    parts = urlsplit(url)
    hosts = {parts.netloc.lower(), (parts.hostname or "").lower(), (parts.hostname or "").lower().removeprefix("www.")}
    return None if not site_name or site_name.strip().lower() in hosts else site_name


def _host_names(url: str) -> list[str]:
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return [host.split(".")[0]] if host else []

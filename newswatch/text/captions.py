"""What an article says that its extraction drops: the captions of its pictures, dropped with the pictures, and the
blocks of its text trafilatura leaves out; a topic may be named there alone ("Le bâtiment Ecotox, à Rovaltain, où
Sesterce installe son centre de données")."""

from __future__ import annotations

import re
from itertools import islice

from lxml import etree

# What holds a caption: <figcaption>, or an element a CMS classes so (WordPress's older `wp-caption-text`, French
# themes' `legende`, `image-caption`); a photo's credit is not one.
_CAPTIONS = (".//figcaption|.//*[contains(@class, 'caption') or contains(@class, 'legende') "
             "or contains(@class, 'légende')][not(self::figure)]")
_CREDIT = re.compile(r"credit|copyright|auteur|author", re.IGNORECASE)
# Where a caption is another article's, or the site's: a teaser, a sidebar, a menu, a link.
_ELSEWHERE = {"a", "aside", "nav", "footer", "form", "button"}
_ELSEWHERE_CLASS = re.compile(r"related|sidebar|teaser|promo|widget|recommand|recommend|similar|lire-aussi|a-lire|"
                              r"read-more|newsletter|outbrain|taboola|advert|sponsor|\bpub\b", re.IGNORECASE)
MAX_CAPTIONS = 2_000  # characters: a gallery of a hundred pictures is not read to its end


def caption_snippets(html: str, limit: int = 20, width: int = 600) -> str:
    """What the raw page holds from each place a caption may start (a tag or class named `caption`, `legende`,
    `légende`), `width` characters of each, at most `limit` of them: the cheap test before its tree is searched,
    by plain string searches (a regular expression takes five times as long on a news page)."""
    found: list[str] = []
    body = max(html.find("<body"), 0)  # a style sheet's `.wp-caption` is no caption
    for marker in ("caption", "gende"):
        at = html.find(marker, body)
        while at >= 0 and len(found) < limit:
            found.append(html[at:at + width])
            at = html.find(marker, at + width)
    return "\n".join(found)


def captions(tree, text: str) -> str:
    """The captions of the article's pictures that its text does not hold already, one a line: those in its
    largest <article> (else its <main>, else anywhere), outside links, asides, menus and teasers."""
    region = max(tree.xpath(".//article") or tree.xpath(".//main|.//*[@role='main']") or [tree], key=_size)
    found: list[str] = []
    seen: set[str] = set()
    for element in region.xpath(_CAPTIONS):
        if _CREDIT.search(element.get("class") or "") or any(map(_is_elsewhere, _ancestors(element, region))):
            continue
        said = _own_text(element)
        if len(said.split()) < 3 or said in seen or said in text:
            continue
        seen.add(said)
        found.append(said)
        if sum(map(len, found)) >= MAX_CAPTIONS:
            break
    return "\n".join(found)[:MAX_CAPTIONS]


def _ancestors(element, region):
    """The element's ancestors up to the region (the body at most: a page's <body> classes say "has-sidebar")."""
    for up in element.iterancestors():
        if up is region or up.tag in ("body", "html"):
            return
        yield up


def _size(element) -> int:
    return len(element.text_content())


def _is_elsewhere(element) -> bool:
    if not isinstance(element.tag, str):
        return False
    return element.tag in _ELSEWHERE or bool(_ELSEWHERE_CLASS.search(f"{element.get('class') or ''} "
                                                                     f"{element.get('id') or ''}"))


def _own_text(element) -> str:
    """The caption's words without a credit inside it (`<span class="credit">Photo : X</span>`); nothing when a
    link's text makes up most of it (a teaser's headline)."""
    texts, linked = [], 0
    walker = etree.iterwalk(element, events=("start", "end", "comment", "pi"))
    for event, node in walker:
        if event == "start":
            if node is not element and (node.tag in ("script", "style") or _CREDIT.search(node.get("class") or "")):
                walker.skip_subtree()  # its "end" still comes: its tail is kept
                continue
            if node.text:
                texts.append(node.text)
            if node.tag == "a":
                linked += len(" ".join(node.text_content().split()))
        elif node is not element and node.tail:  # "end", or a comment or processing instruction
            texts.append(node.tail)
    said = " ".join("".join(texts).split())
    return "" if linked * 2 > len(said) else said


# The blocks of an article's text that trafilatura leaves out, whatever its options: a <div> of text written between
# paragraphs (a WYSIWYG editor's, a page builder's), an in-article box (`<aside class="encadre">`, "Repères")
BLOCK_TAGS = ("p", "div", "section", "aside", "blockquote", "figure", "li", "dd", "dt", "td", "th", "pre", "h1", "h2",
              "h3", "h4", "h5", "h6")
# Where a block is not the article's: the page's furniture, a teaser, a link, a comment, an author's box, a paywall
# (not a <figure>: besides a photo and its caption, which captions() reads, it holds a pull quote, an embedded post, a
# table, all the article's words; not a <noscript>: the text a page shows a reader without scripts is its own)
_NOT_ARTICLE = {"a", "nav", "footer", "header", "form", "button", "figcaption", "script", "style", "iframe", "svg",
                "select", "template"}
# (a widget is a sidebar's only when WordPress names one of its own: page builders call every block a widget,
# `elementor-widget-text-editor`, SiteOrigin's `so-panel widget widget_sow-editor`, `textwidget`)
_NOT_ARTICLE_CLASS = re.compile(r"related|sidebar|teaser|promo|widget-area|widget_(?:recent|archive|categor|tag|meta|"
                                r"search|calendar|rss|nav|pages)|recommand|recommend|similar|lire-aussi|a-lire|"
                                r"read-more|newsletter|outbrain|taboola|advert|sponsor|\bpub\b|\bads?\b|comment|"
                                r"reaction|share|social|partage|\btags?\b|author|auteur|byline|signature|"
                                r"\bbio(?:graph\w*)?\b|breadcrumb|ariane|cookie|paywall|premium|subscri|abonn|"
                                r"caption|legende|credit|copyright|sr-only|screen-reader|visually-?hidden",
                                re.IGNORECASE)
LEFT_OUT_WORDS = 8  # a block of fewer words is a label, a tag, a date line: never restored
MAX_LEFT_OUT = 5_000  # characters


def left_out(region, text: str, topical) -> str:
    """The blocks of the article's text that its extracted `text` left out and that may name a topic
    (`topical(html, *plain)`: the prefilter's test, on the container's markup before any block is read, then on
    each block's words), one a line, in the page's order: trafilatura drops a `<div>` of text
    written between `<p>` paragraphs and an in-article box (`<aside class="encadre">`), in every mode, and with them
    a topic only they name: the article matched nothing. A block is an element's own words (its inline elements'
    with them, not its inner blocks'), of LEFT_OUT_WORDS words or more, mostly not links, inside the article's
    container (`region`: newswatch.text.extraction.container; None: nothing) and outside its furniture: teasers,
    related links, comments, an author's box, share buttons, a paywall's part (a block hidden until a reader
    clicks is the article's: an accordion's answer, the rest of a "Lire la suite"). In a <main> (no <article>
    to go by), only within the element that holds the text's blocks: not another column of the page."""
    if region is None or not topical(etree.tostring(region, encoding="unicode", with_tail=False)):  # at once
        return ""
    flat = " ".join(text.split())
    found: list[tuple[object, str]] = []
    kept = []  # the blocks the text holds
    for element in region.iter(*BLOCK_TAGS):
        said = block_text(element)
        if len(said.split()) < LEFT_OUT_WORDS:
            continue
        if said in flat:
            kept.append(element)
        elif all(said != other for _, other in found) and topical("", said) and not is_furniture(element, region):
            found.append((element, said))
            if sum(len(other) for _, other in found) >= MAX_LEFT_OUT:
                break
    if found and not _is_article(region):  # a <main>: its columns may hold an agenda, a sidebar with no class
        holder = _common_ancestor([element.getparent() for element in kept]) if kept else region
        found = [(element, said) for element, said in found
                 if element is holder or holder in element.iterancestors()]
    return "\n".join(said for _, said in found)[:MAX_LEFT_OUT]


def is_furniture(element, region) -> bool:
    """Whether a block of the article's container (`region`) is the page's furniture, not its words: it or an
    element around it is a link, a menu, a teaser or related box, comments, an author's box, share buttons, a
    paywalled part, a caption (`_NOT_ARTICLE`, `_NOT_ARTICLE_CLASS`), or a box that begins "À lire
    aussi" with no class to say so."""
    return any(map(_not_article, [element, *_ancestors(element, region)])) or _read_also(element, region)


def _is_article(region) -> bool:
    return region.tag == "article" or region.get("itemprop") == "articleBody"


def _common_ancestor(elements: list):
    """The deepest element holding all of `elements` (each of them one of its descendants, or itself)."""
    chain = [elements[0], *elements[0].iterancestors()]
    for element in elements[1:]:
        around = {element, *element.iterancestors()}
        chain = [up for up in chain if up in around]
    return chain[0]


# How a box of other articles begins, when no class says so: "À lire aussi", "Sur le même sujet"…
_READ_ALSO = re.compile(r"\W*(?:[àa] lire(?: aussi)?|lire aussi|(?:[àa] )?voir aussi|lire également|"
                        r"sur le m[êe]me (?:sujet|th[èe]me)|dans la m[êe]me rubrique|les plus lus|en lien|nos "
                        r"articles|read (?:also|more)|see also|related|more on this|most read)\b", re.IGNORECASE)


def _read_also(element, region) -> bool:
    """Whether a block sits in a box of other articles that no class names: it, or an element around it inside
    the article, begins "À lire aussi", "Sur le même sujet", "Read more"…"""
    for box in (element, *_ancestors(element, region)):
        if isinstance(box.tag, str) and _READ_ALSO.match(" ".join(islice(box.itertext(), 4))[:80]):
            return True
    return False


def _not_article(element) -> bool:
    """Whether an element is no part of the article's words (`_NOT_ARTICLE`, `_NOT_ARTICLE_CLASS`). A hidden one may
    be: an accordion's answer, the rest a "Lire la suite" button shows, written for the reader who clicks."""
    if not isinstance(element.tag, str):
        return False
    return element.tag in _NOT_ARTICLE or bool(_NOT_ARTICLE_CLASS.search(f"{element.get('class') or ''} "
                                                                         f"{element.get('id') or ''}"))


def _hidden(element) -> bool:
    """Whether an element is hidden by its markup (`hidden`, `aria-hidden="true"`)."""
    return element.get("hidden") is not None or element.get("aria-hidden") == "true"


def block_text(element) -> str:
    """An element's own words: its text, its inline elements' words and every child's tail, not its inner blocks'
    (each is a block of its own); nothing when a link's text makes up half of it or more."""
    texts, linked = [element.text or ""], 0
    for child in element:
        # not a caption's <span class="legende">, nor an icon's hidden words
        if child.tag == "a" or (isinstance(child.tag, str) and child.tag not in BLOCK_TAGS
                                and not _not_article(child) and not _hidden(child)):
            inner = child.text_content()  # `Ses<b>terce</b>`: one word
            texts.append(inner if child.tag != "br" else " ")
            linked += len(" ".join(inner.split())) if child.tag == "a" else 0
        elif isinstance(child.tag, str):
            texts.append(" ")  # an inner block, or furniture: a word's end
        texts.append(child.tail or "")
    said = " ".join("".join(texts).split())
    return "" if linked * 2 >= len(said) else said

"""The captions of an article's pictures, which the extraction drops with the pictures: a topic may be named there
alone ("Le bâtiment Ecotox, à Rovaltain, où Sesterce installe son centre de données")."""

from __future__ import annotations

import re

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

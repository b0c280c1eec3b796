"""The items a listing page shows with no page of their own, read from the listing itself."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice

from lxml import etree
from lxml import html as lxml_html

from crawler.links import NOT_A_PAGE, absolute, links_base
from newswatch.text.captions import BLOCK_TAGS, block_text, is_furniture
from newswatch.text.extraction import container
from newswatch.text.markup import html_document, readable

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
    return any((href := (anchor.get("href") or "").strip()) and not href.lower().startswith(NOT_A_PAGE)
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

"""The article's standfirst (chapô) when trafilatura left it out of the text: newswatch.text.extraction puts it back."""

from __future__ import annotations

import re

from newswatch.text.extraction import _NOT_BODY, words

# The page's furniture, by the names its elements are given: never a standfirst
_FURNITURE = re.compile(r"credit|caption|legend|byline|author|auteur|date|meta|share|social|newsletter|tags?\b|"
                        r"breadcrumb|ariane|related|promo|advert|\bads?\b|\bpub\b|copyright|signature|premium|"
                        r"abonn|paywall|subscri|reading|lecture|toolbar|nav|menu", re.IGNORECASE)
# How a byline, a date line or a paywall notice begins
_NOT_STANDFIRST = re.compile(r"^(?:(?:par|by|le \d+|lecture)\b|publi|mis à jour|mise à jour|updated|modifi|"
                             r"temps de lecture|article réservé|réservé aux|cet article|this article)",
                             re.IGNORECASE)
_STANDFIRST_WORDS = 10
_STANDFIRST_BLOCKS = ("p", "div")
# What makes a <div> more than a paragraph: a block inside it
_BLOCKS = {"p", "div", "section", "article", "main", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6",
           "blockquote", "pre", "figure", "aside", "nav", "header", "footer", "form", "address", "details", "hr"}
# Where the text's first paragraph may start (lxml filters elements by tag faster than a loop does)
_TEXT_TAGS = ("p", "div", "li", "blockquote", "td", "th", "dd", "dt", "pre", "span", "h2", "h3", "h4", "h5", "h6",
              "section", "strong", "b", "em", "i", "a", "font", "center", "article", "main")


def standfirst(tree, text: str) -> str | None:
    """The article's standfirst (chapô) when the text left it out: trafilatura keeps the element that holds the
    body (`<div class="article-body">`) and drops a <p class="chapo"> written just before it, and with it a topic
    only the chapô names. It is a paragraph of the <article> (or <main>) holding the first paragraph of the text,
    before that paragraph and outside the element holding it: ten words or more, mostly not links, and neither
    named nor written as a byline, a date, a caption or a paywall notice."""
    line = text.partition("\n")[0]
    head = words(line[:200])[:8]
    if len(head) < 4:
        return None
    opening = line.split(maxsplit=1)[0]  # the text's first word as written: a cheap test before `words`
    first = next((e for e in tree.iter(*_TEXT_TAGS) if e.text and e.text.lstrip().startswith(opening)
                  and words(e.text[:400])[:len(head)] == head), None)
    container = next((a for a in first.iterancestors() if a.tag in ("article", "main") or a.get("role") == "main"),
                     None) if first is not None else None
    if container is None:
        return None
    found = []
    for element in container.iter(*_STANDFIRST_BLOCKS):
        if element is first:
            break
        if (lead := _lead(element, container)) is not None:
            found.append(lead)
    return " ".join(found) or None


def _lead(element, container) -> str | None:
    """The text of a paragraph (a <p>, or a <div> with no block inside) that may be a standfirst, else None."""
    if element.tag == "div" and any(isinstance(e.tag, str) and e.tag in _BLOCKS for e in element.iterdescendants()):
        return None
    tokens = " ".join(element.itertext()).split()
    text = " ".join(tokens)
    if len(tokens) < _STANDFIRST_WORDS or _NOT_STANDFIRST.match(text):
        return None
    linked = sum(len(" ".join(a.itertext()).split()) for a in element.iterdescendants("a"))
    if linked * 2 >= len(tokens):
        return None
    for node in (element, *element.iterancestors()):
        if node is container:
            return text
        if (node.tag in _NOT_BODY and node.tag != "header") or _FURNITURE.search(f"{node.get('class') or ''} "
                                                                                  f"{node.get('id') or ''}"):
            return None  # the article's <header> holds its title and often its chapô
    return text

"""Differential test: the prefilter against the real extraction, on random pages, through the worker's own function.

test_prefilter_property.py judges the prefilter by what lxml reads; this test judges it by what the crawl itself
does: each page is encoded (UTF-8, Windows-1252, ISO-8859-15 or UTF-16, its charset in the HTTP header, in a
<meta> or nowhere), extracted by `newswatch.text.extraction.extract` and matched; every page that matches must come back
from `workers.prefilter_and_extract` extracted, never skipped. Topic words are respelled (entities, decomposed
accents, fullwidth letters, case) and written in the body, the <title>, an <h1>, an og:title, a JSON-LD headline, the
front-end state of a page drawn by script or only the feed's title, among markup a page may hold (tags, comments,
scripts, control and invisible characters).

Not generated: an element that the extraction removes whole (a button, an SVG icon's title…) written inside a word;
the prefilter does not read those as the extraction does (README, "Topics"). With a fixed seed the pages are the
same on every run; NW_DIFFERENTIAL_PAGES=100000 (with -o timeout=0) digs deeper. Pages built this way found the
JSON-LD line break, the control characters and the scripts in comments and titles.
"""

from __future__ import annotations

import html.entities
import json
import os
import random
import re
import unicodedata

from newswatch.config import Topic
from newswatch.operations.workers import prefilter_and_extract
from newswatch.text.extraction import extract
from newswatch.text.markup import decode_html
from newswatch.text.topics import Matcher

TOPICS = [Topic(name="a", query="sesterce AND gpu"), Topic(name="b", query='"data center" OR "centre de données"'),
          Topic(name="c", query="alixan AND (rovaltain OR ecotox)"), Topic(name="d", query="cloud AND ia"),
          Topic(name="e", query="datacenter* OR supercalculateur* OR NEAR(centres calcul, 2)"),
          Topic(name="f", query="hyperscaler NOT romain")]
WORDS = ["Sesterce", "GPU", "Alixan", "Rovaltain", "Ecotox", "data", "center", "centre", "de", "données", "cloud", "IA",
         "Écotox", "datacenters", "supercalculateurs", "hyperscaler", "centres", "calcul"]
MARKUP = ["<b>", "</b>", "<wbr>", "<!-- c -->", "<script>var a=1;</script>", "<STYLE>p{}</STYLE>", "<span class=x>",
          "</span>", "\x0b", "\x07", "\u200b", "\xad", "&shy;", "&#8203;", "&zwnj;", "<br>", "<BR/>", "<img alt=x>",
          "&nbsp;", "’", "'", "-", "<I>", "</I>", "<A HREF=#>", "</A>", "<sup>1</sup>", "\r", "\t", "\n", "&#13;",
          "&amp;", "<p>", "</p>", "<div>", "</div>", "<li>", "<table><tr><td>", "</td><td>", "</td></tr></table>",
          "<code>", "</code>", "<small>", "\u202e", '<script type=application/ld+json>{"a":"\\u0053"}</script>',
          "<!-->", "<!--->", "<? x ?>", "</ x>", "<a title='a > b'>", '<a title="<script>">', "<q>", "</q>", "\u2028",
          "\x85", "<h3>", "</h3>", "«\xa0", "\xa0»", "…", "&hellip;", "&#x2019;", "&rsquo;", "<font color=red>",
          "</font>", "<!-- <script> -->", "\\n"]
FILLER = "Les élus de la commune ont longuement débattu du projet présenté par la société au conseil. " * 5
URL = "https://courrier.example/conseil"


def respell(rng: random.Random, word: str) -> str:
    out = []
    for character in word:
        draw = rng.random()
        if draw < 0.05:
            out.append(f"&#{ord(character)};")
        elif draw < 0.08:
            out.append(f"&#x{ord(character):x};")
        elif draw < 0.11 and ord(character) in html.entities.codepoint2name:
            out.append(f"&{html.entities.codepoint2name[ord(character)]};")
        elif draw < 0.14:
            out.append(unicodedata.normalize("NFD", character))
        elif draw < 0.18:
            out.append(character.swapcase())
        elif draw < 0.20 and character.isascii() and character.isalpha():
            out.append(chr(ord(character.lower()) - ord("a") + 0xFF41))  # fullwidth
        else:
            out.append(character)
    return "".join(out)


def dress(rng: random.Random, text: str, rate: float = 0.05) -> str:
    """Markup between characters, never inside an entity reference or between a letter and its accents."""
    out = []
    for unit in re.findall(r"&#?\w+;|.[\u0300-\u036f]*", text, re.DOTALL):
        out.append(unit)
        if rng.random() < rate:
            out.append(rng.choice(MARKUP))
    return "".join(out)


def page(rng: random.Random) -> tuple[str, str]:
    """(HTML, feed title): the topic words in one place of the page, or only in the feed."""
    words = " ".join(respell(rng, rng.choice(WORDS)) for _ in range(rng.randint(2, 5)))
    where = rng.choice(["body", "body", "title", "og", "ld", "h1", "feed", "state"])
    head, body, feed = "<title>Conseil municipal</title>", f"<p>{FILLER}</p>", ""
    if where == "title":
        head = f"<title>{dress(rng, words, 0.03)}</title>"
    elif where == "og":
        head += f'<meta property=og:title content="{dress(rng, words, 0.02).replace(chr(34), "&quot;")}">'
    elif where == "ld":
        headline = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": dress(rng, words, 0.02)}
        head += f'<script type="application/ld+json">{json.dumps(headline, ensure_ascii=rng.random() < 0.5)}</script>'
    elif where == "h1":
        body = f"<h1>{dress(rng, words)}</h1>" + body
    elif where == "feed":
        feed = words
    elif where == "state":  # a page drawn by script: a shell, its article in Next.js's state (`<` escaped as Next does)
        article = {"body": f"<p>{FILLER}</p><p>{dress(rng, 'La société ' + words + ' selon le maire.')}</p>"}
        state = json.dumps({"props": {"pageProps": {"article": article}}}, ensure_ascii=rng.random() < 0.5)
        script = rng.choice(['<script id="__NEXT_DATA__" type="application/json">', "<script>window.__STATE__ = "])
        return (f'<!DOCTYPE html><html><head>{head}</head><body><div id="__next"><nav>Accueil</nav></div>{script}'
                f'{state.replace("<", chr(92) + "u003c")}</script></body></html>', "")
    else:
        wrap = rng.choice(["p", "div", "li", "td", "blockquote", "span"])
        body += f"<{wrap}>{dress(rng, 'La société ' + words + ' selon le maire.')}</{wrap}><p>{FILLER}</p>"
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{body}</article></body></html>", feed


def test_the_prefilter_skips_no_page_that_the_extraction_and_the_matcher_accept():
    rng = random.Random(2026)
    pages = int(os.environ.get("NW_DIFFERENTIAL_PAGES", "3000"))
    queries = tuple(topic.query for topic in TOPICS)
    matcher = Matcher(TOPICS)
    matching, lost = 0, []
    for _ in range(pages):
        text, feed = page(rng)
        codec = rng.choice(["utf-8", "utf-8", "cp1252", "iso-8859-15", "utf-16"])
        declared = "header" if codec == "utf-16" else rng.choice(["header", "meta", "none"])
        if declared == "meta":
            text = text.replace("<head>", f"<head><meta charset={codec}>")
        body = text.encode(codec, "xmlcharrefreplace")
        charset = codec if declared == "header" else None
        extracted = extract(decode_html(body, charset), URL)
        items = [(feed, "")] if feed else []
        if not matcher.match_together(extracted.title, extracted.text, items):
            continue
        matching += 1
        if prefilter_and_extract(queries, body, charset, URL, feed, "") is None:
            lost.append((codec, declared, feed, text))
    matcher.close()
    assert matching >= pages // 4, "a quarter of the pages must match, or the test tests little"
    assert not lost, f"{len(lost)} of {matching} matching pages skipped; the first: {lost[0]}"

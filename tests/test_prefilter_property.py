"""Property: the prefilter never rejects a page the matcher accepts, whatever the punctuation, markup or script.

Pages are generated around the topic's own words, then dressed the ways real pages dress words: hyphens,
straight and curly apostrophes, non-breaking spaces, tags, comments, entities, line breaks, accents (added,
removed, decomposed) and case changes; topic words come in Latin, Greek and CJK scripts. The matcher is given
what an HTML parser reads in the page (lxml, as the extraction uses), so the oracle is the parser's, not ours.

Profiles (tests/conftest.py): `ci` by default (fast, still finds a one-character slip in the phrase separator
within seconds); `NW_HYPOTHESIS_PROFILE=long` runs many more examples.
"""

from __future__ import annotations

import html
import html.entities
import unicodedata

import lxml.html
from hypothesis import assume, given, note
from hypothesis import strategies as st

from newswatch.config import Topic
from newswatch.text.prefilter import Prefilter
from newswatch.text.topics import Matcher, TopicError, compile_query

LATIN = ["data", "center", "centre", "données", "sesterce", "Rovaltain", "Écotox", "Alixan", "gpu", "cloud",
         "calcul", "élus", "Drôme", "hyperscaler", "cœur"]
GREEK = ["κέντρο", "δεδομένων", "Σέστερς", "νέφος", "ΓΠΥ"]
CJK = ["数据中心", "データ", "センター", "算力", "서버"]
SCRIPTS = {"latin": LATIN, "greek": GREEK, "cjk": CJK}
FILLERS = ["le", "la", "projet", "à", "Valence", "de", "l'an", "2026", "et", "of", "the", "σε", "的", "x"]

# What may stand between two words so that a parser still reads two words.
SEPARATORS = [" ", "  ", "\xa0", "&nbsp;", "&#160;", "&#xa0;", "-", "\u2011", "\u2010", "–", " — ", "'", "’", "&rsquo;",
              "&#39;", "ʼ", "\n", "\r\n", "\t", "</p>\n<p>", "<br>", "<br/>", " <a href=\"/x?a=1&amp;b=2\">", "</a> ",
              ", ", ". ", " : ", "/", "«\xa0", "\xa0»", "(", ")", "&amp;", "_", "…", "\u202f", "\u2009",
              "<span title=\"a > b\">", "</span>", "<!-- note > x -->", "<img alt='>' src=x>", "™ ", "\u2122"]
# Markup that may sit inside a word without splitting it for a parser.
INSIDE = ["<b>", "</b>", "<wbr>", "<span>", "</span>", "<i class=\"x\">", "</i>", "<!---->", "<em\n>"]


def strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def add_accents(word: str) -> str:
    return word.translate(str.maketrans("eaiouc", "éàîöùç"))


@st.composite
def atoms(draw, words: list[str]) -> tuple[str, list[str]]:
    """One word or phrase of a query, in one of the forms people type, and the words a page needs to hold it."""
    form = draw(st.sampled_from(["word", "prefix", "quoted", "hyphenated", "elided"]))
    if form in ("word", "prefix", "elided"):
        word = draw(st.sampled_from(words))
        if form == "prefix":
            return word[:draw(st.integers(1, len(word)))] + "*", [word]
        if form == "elided":
            return draw(st.sampled_from(["l'", "d'", "L’", "qu'"])) + word, [word]
        return word, [word]
    phrase = draw(st.lists(st.sampled_from(words), min_size=2, max_size=3))
    return ('"' + " ".join(phrase) + '"' if form == "quoted" else "-".join(phrase)), phrase


@st.composite
def queries(draw) -> tuple[str, list[list[str]]]:
    """A topic query over words of one or two scripts, and the word runs of its atoms."""
    scripts = draw(st.lists(st.sampled_from(sorted(SCRIPTS)), min_size=1, max_size=2, unique=True))
    words = draw(st.lists(st.sampled_from([w for s in scripts for w in SCRIPTS[s]]), min_size=1, max_size=4,
                          unique=True))
    drawn = draw(st.lists(atoms(words), min_size=1, max_size=3))
    parts, runs = [a for a, _ in drawn], [r for _, r in drawn]
    shape = draw(st.sampled_from(["chain", "near", "group"]))
    if shape == "near" and len(parts) >= 2:
        return f"NEAR({' '.join(parts)}, {draw(st.integers(2, 10))})", runs
    if shape == "group" and len(parts) == 3:
        return f"({parts[0]} OR {parts[1]}) AND {parts[2]}", runs
    operators = draw(st.lists(st.sampled_from([" ", " ", " AND ", " OR ", " NOT "]), min_size=len(parts) - 1,
                              max_size=len(parts) - 1))
    return parts[0] + "".join(op + part for op, part in zip(operators, parts[1:])), runs


@st.composite
def dressed(draw, word: str, markup: bool = True) -> str:
    """A word as a page may spell it: case, accents, entities, and (in body text) tags inside it."""
    word = draw(st.sampled_from([str, str.upper, str.lower, str.capitalize]))(word)
    accents = draw(st.sampled_from(["keep", "strip", "add", "decompose"]))
    word = {"keep": word, "strip": strip_accents(word), "add": add_accents(word),
            "decompose": unicodedata.normalize("NFD", word)}[accents]
    out = list(word)
    at, spelling = draw(st.integers(0, len(out) - 1)), draw(st.sampled_from(["plain", "decimal", "hex", "named"]))
    if spelling == "decimal":
        out[at] = f"&#{ord(out[at])};"
    elif spelling == "hex":
        out[at] = f"&#x{ord(out[at]):X};"
    elif spelling == "named" and ord(out[at]) in html.entities.codepoint2name:
        out[at] = f"&{html.entities.codepoint2name[ord(out[at])]};"
    if markup and len(out) > 1 and draw(st.booleans()):
        out.insert(draw(st.integers(1, len(out) - 1)), draw(st.sampled_from(INSIDE)))
    return "".join(out)


separators = st.one_of(
    st.sampled_from(SEPARATORS),
    st.text(st.characters(categories=["Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs"],
                          exclude_characters="<&"), min_size=1, max_size=2))


@st.composite
def texts(draw, runs: list[list[str]], markup: bool = True) -> str:
    """The query's word runs (whole phrases, in order) and fillers, joined by separators, as HTML."""
    chunks = draw(st.lists(st.one_of(st.sampled_from(runs), st.sampled_from(FILLERS).map(lambda w: [w])),
                           min_size=1, max_size=5))
    pieces = []
    for word in (w for chunk in chunks for w in chunk):
        if pieces:
            pieces.append(draw(separators) if markup else draw(st.sampled_from([" ", "-", "’", "'", "\xa0", ", "])))
        pieces.append(draw(dressed(word, markup)))
    return "".join(pieces)


@st.composite
def pages(draw, runs: list[list[str]]) -> tuple[str, str, str]:
    """(raw HTML, feed title, feed summary): the title may be in <title>, a <meta> (its attribute names in any
    ASCII case, as parsers read them) or only in the feed."""
    body = draw(texts(runs))
    title = draw(st.one_of(st.just(""), texts(runs, markup=False)))
    where = draw(st.sampled_from(["title", "meta", "feed"]))
    content = "".join(c.upper() if up else c for c, up in zip("content", draw(st.lists(st.booleans(), min_size=7,
                                                                                       max_size=7))))
    head = {"title": f"<title>{title}</title>",
            "meta": f'<meta property="og:title" {content}="{title.replace(chr(34), "&quot;")}">',
            "feed": ""}[where]
    page = f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body><article><p>{body}</p></article></body></html>'
    return page, (html.unescape(title) if where == "feed" else ""), ""


def parsed(page: str, feed_title: str) -> tuple[str, str]:
    """The title and text an HTML parser reads in the page (the feed's title when the page has none)."""
    tree = lxml.html.document_fromstring(page)
    title = tree.findtext(".//title") or "".join(tree.xpath("//meta[@property='og:title']/@content")) or feed_title
    return title, tree.body.text_content()


@given(data=st.data())
def test_the_prefilter_never_rejects_a_page_the_matcher_accepts(data):
    query, runs = data.draw(queries(), label="query")
    try:
        compile_query(query)
    except TopicError:
        assume(False)  # FTS5 refuses some juxtapositions (a group next to a phrase)
    page, feed_title, feed_summary = data.draw(pages(runs), label="page")
    title, text = parsed(page, feed_title)
    topics = [Topic(name="t", query=query)]
    matcher = Matcher(topics)
    try:
        accepted = bool(matcher.match(title, text))
    finally:
        matcher.close()
    assume(accepted)
    note(f"parsed title {title!r}, text {text!r}")
    prefilter = Prefilter(topics)
    assert prefilter.might_match(page, feed_title, feed_summary), (query, page)
    assert prefilter.might_match(page, feed_title, feed_summary, raw=page.encode()), ("with its bytes", query, page)

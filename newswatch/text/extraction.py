"""Turn one article page into text and metadata with trafilatura, plus the metadata it leaves out."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from newswatch.text import hydrated
from newswatch.text.captions import caption_snippets, captions, left_out
from newswatch.text.dates import best_date, needs_search, parse_w3c_date, url_date
from newswatch.text.folding import fold
from newswatch.text.language import language_of
from newswatch.text.markup import MAX_PLAIN_TEXT, html_document, readable, unstyled
from newswatch.text.metadata import GENERIC_KEYS, MODIFIED_KEYS, NO_METADATA, clean_title, json_ld_body, page_metadata
from newswatch.text.prefilter import BARE_LETTERS, shown_letters
from newswatch.text.walls import teaser_text

# What a page's tree links, as (documents, articles) of (URL, words): crawler.citations.cited_links, which sits above
# this module and is handed down by the caller.
Cite = Callable[[object, str], tuple[list[tuple[str, str]], list[tuple[str, str]]]]

# How trafilatura is asked for the main text: no comments, tables kept, no process-global dedup cache.
TRAFILATURA_OPTIONS = {"include_comments": False, "include_tables": True, "deduplicate": False}


# The second, recall-favoured pass runs when the first kept less than this share of the words of the page's
# article container (<article>, itemprop=articleBody, <main>), and is kept when it covers more of them.
RECALL_BELOW = 0.8
# The page's JSON-LD article body replaces the extracted text when that is shorter than this share of it.
FROM_JSON_LD_BELOW = 0.5

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
    cited_articles: tuple[tuple[str, str], ...] = ()  # …and of the articles it links (crawler.citations.cited_links)


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


def extract(html: str, url: str, topical: Callable[..., bool] | None = None, cite: Cite | None = None) -> Extracted:
    """Extract the main text (no comments, no chrome, tables as rows of cells) and the metadata of an article page.

    The page is parsed once. trafilatura's own metadata search runs only when the page's markup lacks one of
    title, author or site name; htmldate only when the page has no date of the published kind, in its metadata
    or in its URL, and then without the page's generic date metas (judged apart).

    `topical(html, *plain)` (a `Prefilter.might_match`: False only when no topic can match) decides whether the
    captions of the page's pictures are worth reading: only when the raw page around its captions may name a
    topic and the title and text cannot. Without it, they are not read. With it and `cite(tree, url)` (the crawl's
    workers give crawler.citations.cited_links), the documents and articles a page that may match links are listed
    (`cited`, `cited_articles`), to be fetched if it does.
    """
    import trafilatura

    from newswatch.text.standfirst import standfirst  # it reads words() and _NOT_BODY from this module

    tree = parse_page(html)
    meta = page_metadata(tree, url) if tree is not None else dict(NO_METADATA, dates={})
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
        text, passes = _from_state(html, tree, text, passes)
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
        if (may_match or pictured) and cite is not None:
            cited, cited_articles = map(tuple, cite(tree, url))
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


def _from_state(html: str, tree, text: str, passes: str) -> tuple[str, str]:
    """The article a page drawn by script holds in its front end's state (`hydrated.article_body`), instead of the
    extracted text when that is shorter: a Next.js or Nuxt page whose text is drawn in the browser shows its menus
    and a few lines in its markup, its article only in its `__NEXT_DATA__` or its payload. Read only on a page
    that shows fewer than BARE_LETTERS letters of its own (`shown_letters`, as the prefilter counts them: the
    prefilter reads such a page's scripts), and not for a paywalled article's teaser (a subscriber's text)."""
    if len(text) >= 2 * BARE_LETTERS or shown_letters(html) >= BARE_LETTERS:
        return text, passes
    body = hydrated.article_body(tree)  # trafilatura's passes work on copies: the tree keeps its scripts
    if len(body) <= len(text) or teaser_text(tree, text)[1]:
        return text, passes
    return body, "state"


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


def _named(site_name: str | None, url: str) -> str | None:
    """trafilatura's site name, unless it is only the page's host (its fallback when a page names no site)."""
    parts = urlsplit(url)
    hosts = {parts.netloc.lower(), (parts.hostname or "").lower(), (parts.hostname or "").lower().removeprefix("www.")}
    return None if not site_name or site_name.strip().lower() in hosts else site_name

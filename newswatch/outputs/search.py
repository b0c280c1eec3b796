"""Search the archive: safe queries by default, the topic query language in advanced mode, one article in full."""

from __future__ import annotations

import re

from newswatch.documents.reading import with_page
from newswatch.outputs.export import article_record, iso
from newswatch.text.inflection import forms
from newswatch.text.topics import TopicError, compile_query, escape_fts
from store import queries
from store.search import (SNIPPET_CLOSE, SNIPPET_OPEN, Window, article_with_details, search_articles, texts_of,
                          topics_of)

HIT_FIELDS = ["id", "date", "source", "title", "snippet", "topics", "language", "published_at", "first_seen",
              "url", "score"]


def fts_query(text: str, advanced: bool = False) -> str:
    """The FTS5 query for what the user typed: every word with its inflected forms (newswatch.text.inflection) and
    every "quoted phrase" as written, all required; or (advanced) the topic query language."""
    if not advanced:
        query = escape_fts(text, forms)
        if not query:
            raise TopicError("there is nothing to search for: type at least one word")
        return query
    if not text.strip():
        raise TopicError("there is nothing to search for: type at least one word")
    try:
        return compile_query(text)
    except TopicError as exc:
        raise TopicError(explain_query_error(text, str(exc))) from None


def explain_query_error(text: str, reason: str) -> str:
    """One sentence saying what is wrong with an advanced query, from the terse reason FTS5 gave."""
    start = f"the advanced query {text!r} is not valid FTS5 syntax"
    if (near := re.search(r'syntax error near "(.*)"', reason, re.S)) is not None:
        if not near.group(1):
            return f"{start}: it ends too early (an operator, NEAR or parenthesis lacks what follows it)"
        return (f'{start}: error near "{near.group(1)}" (operators are OR, NOT, AND, NEAR(…) in capitals, '
                "between words or phrases)")
    if "unbalanced quotes" in reason:
        return f"{start}: a double quote is not closed"
    if "is not a word" in reason:
        return f"{start}: a lone * or elision is not a word"
    return f"{start} ({reason})"


def search(session, text: str, *, advanced: bool = False, window: Window = Window(), limit: int = 20) -> list[dict]:
    """Ranked hits for a search, best first, as plain dicts (see HIT_FIELDS)."""
    if limit < 1:
        raise TopicError(f"--limit must be at least 1, not {limit}")
    hits = search_articles(session, fts_query(text, advanced), window, limit)
    topics = topics_of(session, [h.id for h in hits])
    documents = texts_of(session, [h.id for h in hits if h.kind == "document"])
    return [{
        "id": h.id,
        "date": (h.published_at or h.first_seen).date().isoformat(),
        "source": h.source,
        "title": h.title,
        "snippet": with_page(documents[h.id], _one_line(h.snippet)) if h.id in documents else _one_line(h.snippet),
        "topics": topics[h.id],
        "language": h.language,
        "published_at": iso(h.published_at),
        "first_seen": iso(h.first_seen),
        "url": h.url,
        "score": float(f"{-h.rank:.6g}"),  # bm25, higher is better
    } for h in hits]


_NEXT_HIT = re.compile(re.escape(f" {SNIPPET_OPEN}") + f"[^{re.escape(SNIPPET_CLOSE)}]*" + re.escape(SNIPPET_CLOSE))


def centred(snippet: str, width: int) -> str:
    """At most `width` characters of a snippet, centred on its first [hit], in whole words; a cut end shows "…"."""
    if len(snippet) <= width:
        return snippet
    start = snippet.find(SNIPPET_OPEN)
    end = snippet.find(SNIPPET_CLOSE, start) + 1 if start >= 0 else 0
    if start < 0 or end <= 0:
        start = end = 0
    budget = width - 2  # an ellipsis at each end
    chain = end
    while (next_hit := _NEXT_HIT.match(snippet, chain)) is not None and next_hit.end() - start <= budget:
        chain = next_hit.end()  # [centre] [de] [données]: all of it, when it fits
    if end - start > budget:
        return ("…" if start > 0 else "") + snippet[start:start + budget] + "…"
    end = chain
    left, right, grew = start, end, True
    while grew:  # a word on the left, then one on the right, while they fit
        grew = False
        if left > 0 and right - (before := snippet.rfind(" ", 0, left - 1) + 1) <= budget:
            left, grew = before, True
        after = snippet.find(" ", right + 1)
        after = len(snippet) if after < 0 else after
        if right < len(snippet) and after - left <= budget:
            right, grew = after, True
    return ("…" if left > 0 else "") + snippet[left:right].strip() + ("…" if right < len(snippet) else "")


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def article_details(session, article_id: int) -> dict | None:
    """One article in the export contract, plus every sighting of it (channel, via, when, what the channel said)."""
    article = article_with_details(session, article_id)
    if article is None:
        return None
    sightings = queries.provenance(session, [u.url for u in article.urls] + [article.canonical_url])
    record = article_record(article, sightings)
    record["sightings"] = [{"source": s.source, "channel": s.channel, "via": s.via, "raw_url": s.raw_url,
                            "first_seen": iso(s.first_seen), "title": s.title, "published_at": iso(s.published_at)}
                           for s in sightings]
    return record


"""Re-run the topics over the whole archive after they changed."""

from __future__ import annotations

from collections.abc import Callable

from newswatch.documents.pdftext import PAGE_BREAK
from newswatch.documents.reading import matched_title, with_pages
from newswatch.text.topics import Matcher
from store import queries
from store.db import transaction


def rematch_archive(config, sessions, batch: int = 200,
                    progress: Callable[[int, int, int], None] = lambda done, of, changed: None) -> tuple[int, int]:
    """Recompute every article's matches, one transaction per batch; return (changed, total). `progress(done, of,
    changed)` is told after each batch.

    As in the crawl (`_matched`), an article whose text matches no topic is matched with what its feed items said
    (`Matcher.match_with_feed_items`): a lead archived through its feed item keeps it.
    """
    matcher = Matcher(config.topics)
    changed = total = 0
    try:
        with sessions() as reader:
            ids = queries.all_article_ids(reader)
        for start in range(0, len(ids), batch):
            with transaction(sessions) as session:
                chunk = ids[start:start + batch]
                told = queries.feed_items_of(session, chunk)
                for article in queries.articles_by_ids(session, chunk):
                    matches = _matched(matcher, article, told.get(article.id, []))
                    before = {(m.topic, tuple(m.terms)) for m in article.matches}
                    if before != {(m.name, tuple(m.terms)) for m in matches}:
                        queries.replace_matches(session, article.id, matches)
                        changed += 1
                    total += 1
            progress(total, len(ids), changed)
    finally:
        matcher.close()
    return changed, total


def _matched(matcher: Matcher, article, told: list[tuple[str | None, str | None]]) -> list:
    """An archived article's topics as the crawl's MatchPipeline finds them: a document's title with the words of
    the link that listed it (its first sighting's), its snippets with their page ("p. 2: …") when its text has
    pages or they had one; else, matching nothing, with what its feed items said."""
    title = article.title
    if article.kind == "document":
        title = matched_title(title, next((said for said, _ in told if said), None))
    matches = matcher.match(title, article.text) or matcher.match_with_feed_items(title, article.text, told)
    if article.kind == "document" and (PAGE_BREAK in article.text or any(
            m.snippet and m.snippet.startswith("p. ") for m in article.matches)):
        matches = with_pages(article.text, matches)
    return matches

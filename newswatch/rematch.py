"""Re-run the topics over the whole archive after they changed."""

from __future__ import annotations

from newswatch.topics import Matcher
from store import queries
from store.db import transaction


def rematch_archive(config, sessions, batch: int = 200) -> tuple[int, int]:
    """Recompute every article's matches, one transaction per batch; return (changed, total)."""
    matcher = Matcher(config.topics)
    changed = total = 0
    try:
        with sessions() as reader:
            ids = queries.all_article_ids(reader)
        for start in range(0, len(ids), batch):
            with transaction(sessions) as session:
                for article in queries.articles_by_ids(session, ids[start:start + batch]):
                    matches = matcher.match(article.title, article.text)
                    before = {(m.topic, tuple(m.terms)) for m in article.matches}
                    if before != {(m.name, tuple(m.terms)) for m in matches}:
                        queries.replace_matches(session, article.id, matches)
                        changed += 1
                    total += 1
    finally:
        matcher.close()
    return changed, total

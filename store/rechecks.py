"""Re-checks: the young archived articles due to be asked for again (a conditional request: 304, or their edits)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from store.models import Article


@dataclass(frozen=True)
class Recheck:
    """A young article to ask its outlet about again (at its canonical URL), with the validators of its last fetch."""

    article_id: int
    source: str
    url: str
    etag: str | None
    last_modified: str | None
    kind: str = "article"  # or "document": asked for with a document's size and time limits


def articles_to_recheck(session: Session, sources: Iterable[str], young_since: datetime,
                        checked_before: datetime) -> list[Recheck]:
    """Articles published (or, undated, first seen) since `young_since`, not checked since `checked_before`."""
    rows = session.execute(select(Article.id, Article.source, Article.canonical_url, Article.etag,
                                  Article.last_modified, Article.kind)
                           .where(*_due(sources, young_since, checked_before)).order_by(Article.id))
    return [Recheck(*row) for row in rows]


def has_articles_to_recheck(session: Session, sources: Iterable[str], young_since: datetime,
                            checked_before: datetime) -> bool:
    """Whether `articles_to_recheck` would return anything."""
    return session.scalar(select(select(Article.id).where(*_due(sources, young_since, checked_before)).exists()))


def _due(sources: Iterable[str], young_since: datetime, checked_before: datetime) -> list:
    young = or_(Article.published_at >= young_since,
                Article.published_at.is_(None) & (Article.first_seen >= young_since))
    due = or_(Article.checked_at.is_(None), Article.checked_at < checked_before)
    return [young, due, Article.source.in_(list(sources))]

"""Triage marks: a person's verdict on an article (relevant, off-topic, duplicate) with a note."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from store.backend import insert
from store.models import Article, ArticleMark, Match, utcnow
from store.search import Window, match_filters

MARKS = ("relevant", "off-topic", "duplicate")
OFF_TOPIC = "off-topic"


class MarkError(ValueError):
    """A mark that cannot be recorded (unknown article or kind), worded for the person who asked."""


def set_mark(session: Session, article_id: int, mark: str, note: str | None = None,
             marked_by: str | None = None) -> ArticleMark:
    """Record (or replace) the mark of one article; an empty note is no note."""
    if mark not in MARKS:
        raise MarkError(f"{mark!r} is not a mark (use one of: {', '.join(MARKS)})")
    if session.get(Article, article_id) is None:
        raise MarkError(f"there is no article with id {article_id} in the archive")
    values = {"mark": mark, "note": (note or "").strip() or None, "marked_by": marked_by, "marked_at": utcnow()}
    session.execute(insert(session, ArticleMark.__table__).values(article_id=article_id, **values)
                    .on_conflict_do_update(index_elements=["article_id"], set_=values))
    session.expire_all()
    return session.get(ArticleMark, article_id)


def clear_mark(session: Session, article_id: int) -> bool:
    """Remove an article's mark; whether it had one."""
    return session.execute(delete(ArticleMark).where(ArticleMark.article_id == article_id)).rowcount > 0


def off_topic_ids():
    """The ids of the articles marked off-topic (a subquery)."""
    return select(ArticleMark.article_id).where(ArticleMark.mark == OFF_TOPIC)


def mark_counts(session: Session, window: Window = Window()) -> list[tuple[str, str, int]]:
    """(topic, mark, articles) for the matched articles in the window; unmarked ones count as "unmarked"."""
    mark = func.coalesce(ArticleMark.mark, "unmarked").label("mark")
    rows = session.execute(select(Match.topic, mark, func.count(Article.id))
                           .join(Article, Article.id == Match.article_id)
                           .outerjoin(ArticleMark, ArticleMark.article_id == Article.id)
                           .where(*match_filters(window)).group_by(Match.topic, mark).order_by(Match.topic, mark))
    return [tuple(r) for r in rows]


def topic_texts_by_mark(session: Session, topic: str, window: Window = Window()) -> dict[str, list[str]]:
    """The title and text of the articles matching one topic in the window, by mark ("unmarked" when none)."""
    texts: dict[str, list[str]] = {}
    rows = session.execute(select(func.coalesce(ArticleMark.mark, "unmarked"), Article.title, Article.text)
                           .join(Match, Match.article_id == Article.id)
                           .outerjoin(ArticleMark, ArticleMark.article_id == Article.id)
                           .where(*match_filters(replace(window, topics=(topic,)))).order_by(Article.id))
    for mark, title, text in rows:
        texts.setdefault(mark, []).append(f"{title}\n{text}")
    return texts

"""Queries for the digest and the feed: what no sent digest has carried, what was sent."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from store.models import Article, Digest, DigestItem, Match


def _sent_article_ids():
    return (select(DigestItem.article_id).join(Digest, Digest.id == DigestItem.digest_id)
            .where(Digest.status == "sent"))


def articles_not_yet_sent(session: Session, since: datetime | None = None) -> list[Article]:
    """Matched articles no sent digest has carried; with `since`, every matched article first seen since then.
    Articles marked off-topic are left out either way."""
    from store.marks import off_topic_ids  # here: store.marks brings the search module, which a crawl does not need

    query = (select(Article).options(selectinload(Article.matches), selectinload(Article.mark))
             .where(Article.id.in_(select(Match.article_id)), Article.id.not_in(off_topic_ids())).order_by(Article.id))
    return list(session.scalars(_unsent(query, since)))


def _unsent(query, since: datetime | None, *also):
    """`query` kept to the articles no sent digest has carried (and `also`), or with `since` first seen since then."""
    if since is None:
        return query.where(Article.id.not_in(_sent_article_ids()), *also)
    return query.where(Article.first_seen >= since)


def unread_documents_not_yet_sent(session: Session, unread: Iterable[str], since: datetime | None = None
                                  ) -> list[Article]:
    """Documents archived without their text (`no_text`) whose reason is LIKE one of the `unread` patterns (a scan
    not read, not a picture OCR found no words in) and matching no topic, first seen since the last sent digest and
    which none has carried (an archive's old scans are not all listed at once after an upgrade); with `since`, those
    first seen since then. Those marked off-topic are left out."""
    from store.marks import off_topic_ids

    query = (select(Article).options(selectinload(Article.matches), selectinload(Article.mark))
             .where(Article.kind == "document", Article.text_status == "no_text",
                    or_(*[Article.text_missing_reason.like(pattern) for pattern in unread]),
                    Article.id.not_in(select(Match.article_id)), Article.id.not_in(off_topic_ids()))
             .order_by(Article.id))
    last = select(func.max(Digest.sent_at)).where(Digest.status == "sent").scalar_subquery()
    return list(session.scalars(_unsent(query, since, or_(last.is_(None), Article.first_seen >= last))))


def articles_updated_since_sent(session: Session) -> list[Article]:
    """Matched articles revised after the last sent digest that carried them (none until articles.updated_at exists)."""
    from store.marks import off_topic_ids

    updated_at = getattr(Article, "updated_at", None)
    if updated_at is None:
        return []
    last_sent = (select(DigestItem.article_id, func.max(Digest.sent_at).label("sent_at"))
                 .join(Digest, Digest.id == DigestItem.digest_id).where(Digest.status == "sent")
                 .group_by(DigestItem.article_id).subquery())
    query = (select(Article).options(selectinload(Article.matches), selectinload(Article.mark))
             .join(last_sent, last_sent.c.article_id == Article.id)
             .where(updated_at > last_sent.c.sent_at, Article.id.in_(select(Match.article_id)),
                    Article.id.not_in(off_topic_ids())).order_by(Article.id))
    return list(session.scalars(query))


def record_digest(session: Session, *, status: str, created_at: datetime, sent_at: datetime | None,
                  recipients: list[str], subject: str, counts: dict, message: str | None,
                  items: Iterable[tuple[int, str]]) -> Digest:
    """Record a digest; `items` (article id, "new" or "updated") are the articles it carried."""
    digest = Digest(status=status, created_at=created_at, sent_at=sent_at, recipients=list(recipients),
                    subject=subject, counts=counts, message=message,
                    items=[DigestItem(article_id=article_id, kind=kind) for article_id, kind in items])
    session.add(digest)
    session.flush()
    return digest


def recent_digests(session: Session, limit: int = 20) -> list[Digest]:
    return list(session.scalars(select(Digest).options(selectinload(Digest.items))
                                .order_by(Digest.id.desc()).limit(limit)))


def times_sent(session: Session) -> dict[int, int]:
    """How many sent digests carried each article (articles never sent are absent)."""
    rows = session.execute(select(DigestItem.article_id, func.count()).join(Digest, Digest.id == DigestItem.digest_id)
                           .where(Digest.status == "sent").group_by(DigestItem.article_id))
    return dict(rows.all())


def feed_articles(session: Session, topic: str | None = None, limit: int = 100) -> list[Article]:
    """The latest matched articles (of one topic, if given), with their matches: newest first by publication
    date (else first sighting, as in reports and search), the higher id first on the same date."""
    matching = select(Match.article_id)
    if topic is not None:
        matching = matching.where(Match.topic == topic)
    published = func.coalesce(Article.published_at, Article.first_seen, type_=Article.published_at.type)
    return list(session.scalars(select(Article).options(selectinload(Article.matches))
                                .where(Article.id.in_(matching))
                                .order_by(published.desc(), Article.id.desc()).limit(limit)))

"""Re-checks: the young archived articles due to be asked for again (a conditional request: 304, or their edits)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from newswatch.text.urls import ITEM_MARK
from store.models import Article, Discovery, Fetch
from store.queries import CHANGEABLE


@dataclass(frozen=True)
class Recheck:
    """A young article to ask its outlet about again (at its canonical URL), with the validators of its last fetch."""

    article_id: int
    source: str
    url: str
    etag: str | None
    last_modified: str | None
    kind: str = "article"  # or "document": asked for with a document's size and time limits
    title: str | None = None  # a scan's archived title (its listing's link text), matched with the text OCR reads


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
    # a feed's item with no page of its own has no address to ask (its page is the one all the feed's items link)
    own_page = ~Article.canonical_url.contains(ITEM_MARK, autoescape=True)
    return [young, due, Article.source.in_(list(sources)), own_page]


def scans_to_read(session: Session, sources: Iterable[str], unread: Iterable[str], asked: str,
                  checked_before: datetime, limit: int = 50) -> list[Recheck]:
    """Documents archived as scans not read (`no_text`) because OCR could not run then: their reason is LIKE one of
    the `unread` patterns and holds no `asked` note of an earlier attempt. Not checked since `checked_before`, the
    `limit` last archived; asked for whole (no validators), now that OCR can read them."""
    reason = Article.text_missing_reason
    rows = session.execute(select(Article.id, Article.source, Article.canonical_url, Article.title)
                           .where(Article.source.in_(list(sources)), Article.kind == "document",
                                  Article.text_status == "no_text", or_(*[reason.like(p) for p in unread]),
                                  reason.not_like(f"%{asked}%"),
                                  or_(Article.checked_at.is_(None), Article.checked_at < checked_before))
                           .order_by(Article.id.desc()).limit(limit))
    return [Recheck(id_, source, url, None, None, "document", title or None) for id_, source, url, title in rows]


@dataclass(frozen=True)
class Notice:
    """A page a documents listing linked, judged by an earlier run, to read again for the documents added to it
    since: its record's id and the validators of its last fetch (None for a page without a record)."""

    source: str
    url: str  # the cleaned URL (the fetch key)
    article_id: int | None
    etag: str | None
    last_modified: str | None
    via: str = ""  # the listing that linked it, or the listing's notice it is filed below


def notices_to_reread(session: Session, listings: Iterable[str], first_seen_since: datetime,
                      checked_before: datetime, is_notice: Callable[[str], bool], per_listing: int = 50
                      ) -> list[Notice]:
    """The notices these documents listings linked, and those their notices linked (sub-pages filed below them),
    for which `is_notice` holds (not a PDF's link), first listed since `first_seen_since`, judged for good (archived,
    or without a record on their words: no topic, no text) and not read since `checked_before`: the `per_listing`
    first listed last of each listing (counting those filed below its notices)."""
    listings = list(listings)
    if not listings:
        return []
    parent = aliased(Discovery)
    linked = select(parent.url).where(parent.via.in_(listings), parent.channel == "documents")
    first = (select(Discovery.url, func.min(Discovery.via).label("via"), func.min(Discovery.source).label("source"),
                    func.min(Discovery.first_seen).label("first_seen"))
             .where(or_(Discovery.via.in_(listings), Discovery.via.in_(linked)), Discovery.channel == "documents")
             .group_by(Discovery.url).having(func.min(Discovery.first_seen) >= first_seen_since).subquery())
    rows = session.execute(
        select(first.c.via, first.c.source, Fetch.url, Fetch.article_id, Article.etag, Article.last_modified)
        .join(Fetch, Fetch.url == first.c.url).outerjoin(Article, Article.id == Fetch.article_id)
        .where(Fetch.final.is_(True), or_(Fetch.article_id.is_not(None), Fetch.outcome.in_(CHANGEABLE)),
               func.coalesce(Article.checked_at, Fetch.fetched_at) < checked_before)
        .order_by(first.c.first_seen.desc(), Fetch.url))
    listed_by = dict(session.execute(linked.add_columns(parent.via)).all())  # a listing's notice -> the listing
    roots = set(listings)
    taken: dict[str, int] = {}
    notices = []
    for via, *notice in rows:
        if not is_notice(notice[1]):
            continue
        listing = via if via in roots else listed_by.get(via, via)
        taken[listing] = taken.get(listing, 0) + 1
        if taken[listing] <= per_listing:
            notices.append(Notice(*notice, via=via))
    return notices

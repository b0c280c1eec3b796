"""Headline records: leads archived with what their channel said, completed in place when the full text comes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import bindparam, case, func, select, update

from store import dedup, queries
from store.queries import chunks
from store.models import Article, ArticleUrl, Discovery, Fetch, Match


def find_headline_home(session, urls: Iterable[str], domain: str | None, key: str | None,
                       when: datetime, own: bool = False) -> int | None:
    """The archived article a lead belongs to: one of its URLs, else the same outlet with the same title, dated
    near the lead (`when`): within HEADLINE_DAYS for a lead an aggregator gave, within a day for one at the
    outlet's own address (`own`), which is another article further apart."""
    window = queries.SAME_ARTICLE_WINDOW if own else queries.HEADLINE_WINDOW
    return queries.article_by_urls(session, urls) or queries.article_by_headline(session, domain, key, when=when,
                                                                                 window=window)


def insert_headline(session, *, url: str, key: str, source: str, title: str, text: str | None,
                    published: datetime | None, date_source: str, outlet: str | None, domain: str | None,
                    title_key: str | None, reason: str, seen_at: datetime, kind: str = "article") -> int:
    """Archive a lead as an article (or document) whose text is what its channel said: the summary, or the item's
    full text when its feed gives one (text_status "headline")."""
    story_id, _ = dedup.join_story(session, None, title, seen_at)
    return queries.insert_article(
        session, url=url, canonical_url=key, source=source, title=title, author=None, published_at=published,
        date_source=date_source, language=None, site_name=outlet, text=text or "", first_seen=seen_at,
        fetched_at=seen_at, story_id=story_id, duplicate_of=None, etag=None, last_modified=None, checked_at=seen_at,
        text_status="headline", text_missing_reason=reason, outlet=outlet, outlet_domain=domain, title_key=title_key,
        kind=kind)


def restate_headline(session, article_id: int, url: str) -> None:
    """A headline record says why its text is missing as the last fetch of `url` does: a lead asked again on
    later runs tells when it was given up ("… (given up: it failed on 3 runs in a row)")."""
    last = select(Fetch.reason).where(Fetch.url == url).scalar_subquery()
    session.execute(update(Article).where(Article.id == article_id, Article.text_status == "headline")
                    .values(text_missing_reason=func.coalesce(last, Article.text_missing_reason)),
                    execution_options={"synchronize_session": False})


def complete_headline(session, article_id: int, *, title: str, text: str, fetched_at: datetime, fp,
                      **fields) -> None:
    """The full article of a headline record arrived: same id (so no second digest entry), its text, its
    fingerprint, its metadata; the outlet an aggregator named is kept."""
    dedup.replace_text(session, article_id, title=title, text=text, fetched_at=fetched_at, fp=fp)
    if queries.outlet_of(session, article_id):
        fields.pop("outlet", None)
    queries.complete_article(session, article_id, **fields)


# The outlet the earliest sighting by an aggregator named for one of an article's URLs (correlated to the article)
_NAMED_OUTLET = (select(Discovery.outlet).join(ArticleUrl, ArticleUrl.url == Discovery.url)
                 .where(ArticleUrl.article_id == Article.id, Discovery.outlet.is_not(None))
                 .order_by(Discovery.first_seen, Discovery.id).limit(1).scalar_subquery())
_NAME_OUTLETS = (update(Article)
                 .where(Article.id.in_(select(ArticleUrl.article_id)
                                       .where(ArticleUrl.url.in_(bindparam("urls", expanding=True)))),
                        Article.outlet.is_(None), Article.site_name.is_(None), _NAMED_OUTLET.is_not(None))
                 .values(outlet=_NAMED_OUTLET))


def name_unknown_outlets(session, urls: Iterable[str]) -> None:
    """Articles known by one of these URLs whose outlet nobody named (neither their channel nor their page) take
    the outlet an aggregator named for one of their URLs, the earliest sighting's: call it when an aggregator's
    sightings are written, and when such an article is archived (whichever comes first)."""
    for chunk in chunks(sorted({u for u in urls if u})):
        session.execute(_NAME_OUTLETS, {"urls": chunk}, execution_options={"synchronize_session": False})


def known_outlet(session, domain: str) -> str | None:
    """The outlet name last archived for a publisher's host (its page's site name, an aggregator's name for it)."""
    return session.scalar(select(Article.outlet).where(Article.outlet_domain == domain, Article.outlet.is_not(None))
                          .order_by(Article.id.desc()).limit(1))


def aggregator_outlets(session, configured_domains: set[str]) -> list[dict]:
    """Outlets that aggregators named for matching articles and that no source covers, with how many each brought."""
    rows = session.execute(
        select(Article.outlet_domain, func.max(Article.outlet), func.count(Article.id),
               func.sum(case((Article.text_status == "headline", 1), else_=0)), func.max(Article.first_seen))
        .where(Article.outlet_domain.is_not(None), Article.id.in_(select(Match.article_id)),
               Article.canonical_url.in_(select(Discovery.url).where(Discovery.outlet.is_not(None)))
               | Article.id.in_(select(ArticleUrl.article_id).join(Discovery, Discovery.url == ArticleUrl.url)
                                .where(Discovery.outlet.is_not(None))))
        .group_by(Article.outlet_domain).order_by(func.count(Article.id).desc()))
    return [{"outlet": name, "domain": domain, "matching": count, "headline_only": headlines or 0, "last_seen": last}
            for domain, name, count, headlines, last in rows if domain not in configured_domains]



def headline_titles(session, keys: list[str]) -> list[tuple[int, str, str, str | None]]:
    """(id, URL, title, reason) of the headline records at these cleaned URLs."""
    rows = []
    for chunk in chunks(keys):
        rows += session.execute(select(Article.id, ArticleUrl.url, Article.title, Article.text_missing_reason)
                                .join(ArticleUrl, ArticleUrl.article_id == Article.id)
                                .where(ArticleUrl.url.in_(chunk), Article.text_status == "headline")).all()
    return [tuple(row) for row in rows]


def retitle_headline(session, article_id: int, *, title: str, title_key: str | None, reason: str | None) -> None:
    """Give a headline record the title a channel gives it now (and its key: an aggregator's headline of the same
    article finds it by that key), with the reason that goes with it."""
    session.execute(update(Article).where(Article.id == article_id).values(title=title, title_key=title_key,
                                                                           text_missing_reason=reason))

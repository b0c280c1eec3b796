"""Queries on articles: their addresses, records, matches, sightings and citations."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, func, literal, or_, select, union_all
from sqlalchemy.orm import Session, aliased, selectinload

from store.backend import cached, insert_many, lock_url_identity
from store.models import Article, ArticleUrl, Discovery, Match, UTCDateTime
from store.queries.channels import HEADLINE_WINDOW, SAME_ARTICLE_WINDOW, dated, near_in_time


def text_hash(text: str) -> str:
    """SHA-256 of the text with whitespace and case normalized: exact-duplicate identity.

    `str.split()` cuts at the same runs of whitespace as the regular expression `\\s+` (then stripped), which
    defined the archived hashes (tests/test_fingerprints.py compares the two), in a third of the time."""
    return hashlib.sha256(" ".join(text.split()).lower().encode("utf-8")).hexdigest()


# The statements a crawl runs for every article are built once: building one costs more than running it.
_ARTICLE_BY_URL = (select(Article.id).where(Article.canonical_url.in_(bindparam("urls", expanding=True)))
                   .union_all(select(ArticleUrl.article_id).where(ArticleUrl.url.in_(bindparam("urls", expanding=True))))
                   .limit(1))
# An article known by one of the URLs (its canonical one first), else the headline record of the outlet's title
_ARCHIVED_AS = (union_all(
    select(Article.id, Article.text_status, literal(0).label("rank"))
    .where(Article.canonical_url.in_(bindparam("urls", expanding=True))),
    select(Article.id, Article.text_status, literal(1)).join(ArticleUrl, ArticleUrl.article_id == Article.id)
    .where(ArticleUrl.url.in_(bindparam("urls", expanding=True))),
    select(Article.id, Article.text_status, literal(2))
    .where(Article.outlet_domain == bindparam("domain"), Article.title_key == bindparam("key"),
           Article.text_status == "headline",
           dated(Article).between(bindparam("since", type_=UTCDateTime), bindparam("until", type_=UTCDateTime)),
           # a record at another of the site's own addresses is this article only within SAME_ARTICLE_WINDOW
           or_(func.substr(Article.canonical_url, 1, func.length(bindparam("site"))) != bindparam("site"),
               dated(Article).between(bindparam("own_since", type_=UTCDateTime),
                                      bindparam("own_until", type_=UTCDateTime)))))
    .order_by("rank", "id").limit(1))
# (on the tables, not the mapped classes: the ORM's bulk path costs more again; per backend for ON CONFLICT)
def _add_url(dialect):
    return dialect.insert(ArticleUrl.__table__).on_conflict_do_nothing()


def _insert_article(dialect):
    return dialect.insert(Article.__table__).returning(Article.__table__.c.id)


_DELETE_MATCHES = delete(Match.__table__).where(Match.__table__.c.article_id == bindparam("match_article"))
_INSERT_MATCH = Match.__table__.insert()


def claim_urls(session: Session, urls: Iterable[str]) -> None:
    """Hold these URLs until the transaction ends: a second writer archiving the same article waits, then folds.

    Call it before `article_by_urls` in the transaction that may insert the article (see
    store.backend.lock_url_identity: a no-op where writers are serialized already).
    """
    lock_url_identity(session, urls)


def article_by_urls(session: Session, urls: Iterable[str]) -> int | None:
    """The id of the archived article known by one of these URLs (canonical or any other), if any."""
    urls = [u for u in urls if u]
    return session.execute(_ARTICLE_BY_URL, {"urls": urls}).scalar() if urls else None


def archived_as(session: Session, urls: Iterable[str], domain: str | None, key: str | None,
                when: datetime, site: str | None = None) -> tuple[int, str] | None:
    """(id, text status) of the archived article known by one of these URLs, else of the headline record of
    this outlet (domain) with this normalized title dated near `when`: what `article_by_urls`, then
    `article_by_headline(…, status="headline", when=when)` and `text_status_of` say, in one statement (a crawl
    asks it for every article). A headline record at another address of `site` (the article's own site,
    `https://host/`) counts only within SAME_ARTICLE_WINDOW: a recurring title's earlier article."""
    urls = [u for u in urls if u]
    row = session.execute(_ARCHIVED_AS, {"urls": urls, "domain": domain, "key": key, "since": when - HEADLINE_WINDOW,
                                         "until": when + HEADLINE_WINDOW, "site": site or " ",
                                         "own_since": when - SAME_ARTICLE_WINDOW,
                                         "own_until": when + SAME_ARTICLE_WINDOW}).first()
    return (row.id, row.text_status) if row is not None else None


def add_article_urls(session: Session, article_id: int, urls: Iterable[str]) -> None:
    rows = [{"article_id": article_id, "url": url} for url in sorted({u for u in urls if u})]
    insert_many(session, cached(session, _add_url), rows)


def article_by_headline(session: Session, domain: str | None, key: str | None, status: str | None = None,
                        when: datetime | None = None, window: timedelta = HEADLINE_WINDOW) -> int | None:
    """The archived article of this outlet with this normalized title (of one text status, if given), dated
    within `window` of `when` if given."""
    if not domain or not key:
        return None
    query = select(Article.id).where(Article.outlet_domain == domain, Article.title_key == key,
                                     near_in_time(Article, when, window))
    if status is not None:
        query = query.where(Article.text_status == status)
    return session.scalar(query.order_by(Article.id).limit(1))


def title_key_of(session: Session, article_id: int) -> str | None:
    return session.scalar(select(Article.title_key).where(Article.id == article_id))


def text_status_of(session: Session, article_id: int) -> str:
    return session.scalar(select(Article.text_status).where(Article.id == article_id))


def outlet_of(session: Session, article_id: int) -> str | None:
    return session.scalar(select(Article.outlet).where(Article.id == article_id))


def complete_article(session: Session, article_id: int, **fields) -> None:
    """Give a headline record what its full article brought (text, URLs, metadata), in place: same id."""
    current = session.get(Article, article_id)
    taken = fields.get("canonical_url")
    if taken and taken != current.canonical_url and session.scalar(
            select(func.count(Article.id)).where(Article.canonical_url == taken)):
        fields.pop("canonical_url")  # another article holds it: keep the record's own
    for name, value in fields.items():
        setattr(current, name, value)
    session.flush()


def insert_article(session: Session, **fields) -> int:
    """Archive an article (without its URLs, matches or signatures) and return its id."""
    return session.execute(cached(session, _insert_article), {"text_hash": text_hash(fields.get("text", "")), **fields}).scalar_one()


def replace_matches(session: Session, article_id: int, matches: Iterable) -> None:
    session.execute(_DELETE_MATCHES, {"match_article": article_id})
    add_matches(session, article_id, matches)


def add_matches(session: Session, article_id: int, matches: Iterable) -> None:
    """The topic matches of an article that has none yet (a new one)."""
    rows = [{"article_id": article_id, "topic": m.name, "terms": list(m.terms), "snippet": m.snippet} for m in matches]
    if rows:
        session.execute(_INSERT_MATCH, rows)


def iter_articles(session: Session, *, matched_only: bool = True, since: datetime | None = None,
                  batch: int = 500) -> Iterator[Article]:
    """Articles in id order with their matches and URLs loaded, in batches (constant memory)."""
    last_id = 0
    while True:
        query = (select(Article).options(selectinload(Article.matches), selectinload(Article.urls),
                                         selectinload(Article.mark),
                                         selectinload(Article.deadlines))
                 .where(Article.id > last_id).order_by(Article.id).limit(batch))
        if matched_only:
            query = query.where(Article.id.in_(select(Match.article_id)))
        if since is not None:
            query = query.where(Article.first_seen >= since)
        rows = list(session.scalars(query))
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id


def provenance(session: Session, urls: Iterable[str]) -> list[Discovery]:
    """The sightings (channel, via) of any of these URLs, oldest first."""
    return list(session.scalars(select(Discovery).where(Discovery.url.in_(list(urls))).order_by(Discovery.id)))


def citing_articles(session: Session, ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
    """(title, URL) of the archived articles each of these articles was found in, oldest sighting first: a
    sighting whose `via` is an archived article's URL (a matching article's cited links, a notice's documents)."""
    cited, citing_url = aliased(ArticleUrl), aliased(ArticleUrl)
    found: dict[int, list[tuple[str, str]]] = {}
    ids = list(ids)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(cited.article_id, Article.title, Article.url)
            .join(Discovery, Discovery.url == cited.url)
            .join(citing_url, citing_url.url == Discovery.via)
            .join(Article, Article.id == citing_url.article_id)
            .where(cited.article_id.in_(ids[start:start + 500]), Article.id != cited.article_id)
            .order_by(Discovery.first_seen, Discovery.id))
        for article_id, title, url in rows:
            if (title, url) not in (listed := found.setdefault(article_id, [])):
                listed.append((title, url))
    return found


def article_count(session: Session, matched_only: bool = False) -> int:
    query = select(func.count(Article.id))
    if matched_only:
        query = query.where(Article.id.in_(select(Match.article_id)))
    return session.scalar(query)


def all_article_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Article.id).order_by(Article.id)))


def articles_by_ids(session: Session, ids: list[int]) -> list[Article]:
    return list(session.scalars(select(Article).options(selectinload(Article.matches)).where(Article.id.in_(ids))))


def feed_items_of(session: Session, ids: list[int]) -> dict[int, list[tuple[str | None, str | None]]]:
    """What the channels said of each of these articles: the (title, summary) of every sighting of one of its
    URLs that has either, each pair once, by article id."""
    rows = session.execute(select(ArticleUrl.article_id, Discovery.title, Discovery.summary)
                           .join(Discovery, Discovery.url == ArticleUrl.url)
                           .where(ArticleUrl.article_id.in_(ids),
                                  or_(Discovery.title.is_not(None), Discovery.summary.is_not(None)))
                           .order_by(Discovery.id))
    items: dict[int, dict[tuple[str | None, str | None], None]] = {}
    for article_id, title, summary in rows:
        items.setdefault(article_id, {})[(title, summary)] = None
    return {article_id: list(pairs) for article_id, pairs in items.items()}

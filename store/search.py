"""The archive's reading side: full-text search (FTS5 on SQLite, tsvector on PostgreSQL) and coverage counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import REAL, ColumnElement, Integer, and_, column, exists, func, literal, literal_column, select, table
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, selectinload

from store import pg_fts
from store.backend import backend
from store.models import Article, Match

# Title hits weigh ten times text hits; FTS5 applies it through the `rank` column (ORDER BY rank
# lets FTS5 sort internally, so snippets are computed only for the rows returned).
RANK_FUNCTION = "bm25(10.0, 1.0)"
SNIPPET_OPEN, SNIPPET_CLOSE, SNIPPET_ELLIPSIS, SNIPPET_TOKENS = "[", "]", "…", 20
PERIODS = ("week", "month")

articles_fts = table("articles_fts", column("rowid", Integer))
_fts = literal_column("articles_fts")
_rank = literal_column("articles_fts.rank")


@dataclass(frozen=True)
class Window:
    """Which articles to count: dated (published, else first seen) in [since, until), some topics/sources/language."""

    since: datetime | None = None
    until: datetime | None = None
    topics: Sequence[str] = ()
    sources: Sequence[str] = ()
    language: str | None = None


@dataclass(frozen=True)
class Hit:
    id: int
    title: str
    source: str
    url: str
    published_at: datetime | None
    first_seen: datetime
    language: str | None
    rank: float
    snippet: str
    kind: str = "article"


def article_date() -> ColumnElement:
    """When an article happened: its published date, else when we first saw it."""
    return func.coalesce(Article.published_at, Article.first_seen, type_=Article.published_at.type)


def _window_filters(window: Window) -> list[ColumnElement]:
    filters = []
    if window.since is not None:
        filters.append(article_date() >= window.since)
    if window.until is not None:
        filters.append(article_date() < window.until)
    if window.sources:
        filters.append(Article.source.in_(list(window.sources)))
    if window.language:
        filters.append(func.lower(Article.language) == window.language.lower())
    if window.topics:
        filters.append(exists().where(Match.article_id == Article.id, Match.topic.in_(list(window.topics))))
    return filters


def search_articles(session: Session, fts_query: str, window: Window = Window(), limit: int = 20) -> list[Hit]:
    """Articles matching an FTS5-form query within the window, best first, with a snippet around the hits.

    `rank`: lower is better (bm25 on SQLite, minus ts_rank on PostgreSQL), title hits weighing ten times text hits.
    """
    if backend(session) == "postgresql":
        return _search_postgresql(session, fts_query, window, limit)
    snippet = func.snippet(_fts, -1, SNIPPET_OPEN, SNIPPET_CLOSE, SNIPPET_ELLIPSIS, SNIPPET_TOKENS)
    query = (select(Article.id, Article.title, Article.source, Article.url, Article.published_at,
                    Article.first_seen, Article.language, _rank, snippet, Article.kind)
             .select_from(articles_fts).join(Article, Article.id == articles_fts.c.rowid)
             .where(_fts.op("MATCH")(fts_query), _rank.op("MATCH")(RANK_FUNCTION), *_window_filters(window))
             .order_by(_rank).limit(limit))
    return [Hit(*row) for row in session.execute(query)]


def texts_of(session: Session, article_ids: Sequence[int]) -> dict[int, str]:
    """The current text of each of these articles."""
    return dict(session.execute(select(Article.id, Article.text).where(Article.id.in_(list(article_ids)))).all())


def _search_postgresql(session: Session, fts_query: str, window: Window, limit: int) -> list[Hit]:
    condition, ranking = pg_fts.query(fts_query)
    query = ranking.label("query")
    best = (select(Article.id.label("id"), query, (-func.ts_rank(literal(pg_fts.RANK_WEIGHTS, ARRAY(REAL)),
                                                                pg_fts.VECTOR, ranking)).label("rank"))
            .where(condition, *_window_filters(window))
            .order_by("rank", Article.id).limit(limit).subquery())
    options = (f"StartSel={SNIPPET_OPEN}, StopSel={SNIPPET_CLOSE}, MaxWords={SNIPPET_TOKENS}, MinWords=5, "
               f"MaxFragments=1, FragmentDelimiter={SNIPPET_ELLIPSIS}")
    snippet = func.ts_headline(literal_column(f"'{pg_fts.CONFIGS[0]}'::regconfig"),
                               Article.title + literal(" — ") + Article.text, best.c.query, literal(options))
    rows = session.execute(select(Article.id, Article.title, Article.source, Article.url, Article.published_at,
                                  Article.first_seen, Article.language, best.c.rank, snippet, Article.kind)
                           .join(best, best.c.id == Article.id).order_by(best.c.rank, Article.id))
    return [Hit(*row) for row in rows]


def topics_of(session: Session, article_ids: Sequence[int]) -> dict[int, list[str]]:
    """The topics each of these articles matches, sorted."""
    found: dict[int, list[str]] = {i: [] for i in article_ids}
    rows = session.execute(select(Match.article_id, Match.topic).where(Match.article_id.in_(list(article_ids)))
                           .order_by(Match.topic))
    for article_id, topic in rows:
        found[article_id].append(topic)
    return found


def article_with_details(session: Session, article_id: int) -> Article | None:
    """One article with its matches and URLs loaded."""
    return session.scalars(select(Article).options(selectinload(Article.matches), selectinload(Article.urls),
                                                   selectinload(Article.deadlines))
                           .where(Article.id == article_id)).first()


def match_filters(window: Window) -> list[ColumnElement]:
    """Filters for a query over matches joined to articles (topics restrict the match rows themselves)."""
    topics = [Match.topic.in_(list(window.topics))] if window.topics else []
    return _window_filters(replace(window, topics=())) + topics


def _period(by: str, dialect: str) -> ColumnElement:
    if by not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {by!r}")
    if dialect == "postgresql":
        return func.to_char(func.date_trunc(by, article_date()), "YYYY-MM-DD" if by == "week" else "YYYY-MM")
    if by == "week":  # the Monday that starts the (ISO) week
        return func.date(article_date(), "weekday 0", "-6 days")
    return func.strftime("%Y-%m", article_date())


def coverage_counts(session: Session, by: str, window: Window = Window()) -> list[tuple[str, str, int]]:
    """(topic, period, articles) for every topic and period with at least one matching article."""
    period = _period(by, backend(session)).label("period")
    rows = session.execute(select(Match.topic, period, func.count(Article.id))
                           .join(Article, Article.id == Match.article_id).where(*match_filters(window))
                           .group_by(Match.topic, period).order_by(Match.topic, period))
    return [tuple(r) for r in rows]


def _per_topic(session: Session, key: ColumnElement, window: Window, top: int | None) -> list[tuple[str, str, int]]:
    count = func.count(Article.id)
    grouped = (select(Match.topic.label("topic"), key.label("key"), count.label("articles"),
                      func.row_number().over(partition_by=Match.topic, order_by=(count.desc(), key)).label("n"))
               .join(Article, Article.id == Match.article_id).where(*match_filters(window))
               .group_by(Match.topic, key).subquery())
    query = select(grouped.c.topic, grouped.c.key, grouped.c.articles).order_by(grouped.c.topic, grouped.c.n)
    if top is not None:
        query = query.where(grouped.c.n <= top)
    return [tuple(r) for r in session.execute(query)]


def outlet_counts(session: Session, window: Window = Window(), top: int | None = 10) -> list[tuple[str, str, int]]:
    """(topic, source, articles): each topic's `top` outlets, most articles first."""
    return _per_topic(session, Article.source, window, top)


def language_counts(session: Session, window: Window = Window()) -> list[tuple[str, str, int]]:
    """(topic, language, articles), most articles first; an unknown language is "?"."""
    return _per_topic(session, func.coalesce(Article.language, "?"), window, None)


def matched_articles(session: Session, window: Window = Window(), limit: int = 500) -> tuple[list[Article], int]:
    """The newest `limit` articles matching a topic within the window (matches loaded), and how many there are."""
    filters = _window_filters(window)
    if not window.topics:
        filters.append(exists().where(Match.article_id == Article.id))
    total = session.scalar(select(func.count(Article.id)).where(and_(*filters)))
    articles = session.scalars(select(Article).options(selectinload(Article.matches)).where(*filters)
                               .order_by(article_date().desc(), Article.id.desc()).limit(limit))
    return list(articles), total


def filter_values(session: Session) -> tuple[list[str], list[str], list[str]]:
    """The topics, sources and languages that archived articles have (what --topic/--source/--lang can select)."""
    topics = session.scalars(select(Match.topic).distinct().order_by(Match.topic))
    sources = session.scalars(select(Article.source).distinct().order_by(Article.source))
    languages = session.scalars(select(func.lower(Article.language)).where(Article.language.is_not(None))
                                .distinct().order_by(func.lower(Article.language)))
    return list(topics), list(sources), list(languages)

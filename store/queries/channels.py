"""Queries on channels, discoveries and fetches: what a crawl has seen, validated and asked for, written in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from sqlalchemy import and_, func, literal, select
from sqlalchemy.orm import Session

from store.backend import cached, insert, insert_many
from store.models import Article, ArticleUrl, Channel, Discovery, Fetch, OldEntry, utcnow


# --- channels and discoveries -------------------------------------------------------------------

def channel_validators(session: Session, urls: Iterable[str], *, read_since: datetime | None
                       ) -> dict[str, tuple[str | None, str | None]]:
    """ETag and Last-Modified last seen for each channel URL (for conditional requests); with `read_since`, only
    for the channels that answered in full since then (crawler.plan.validators_since)."""
    query = select(Channel.url, Channel.etag, Channel.last_modified).where(Channel.url.in_(list(urls)))
    if read_since is not None:
        query = query.where(Channel.read_at >= read_since)
    return {url: (etag, modified) for url, etag, modified in session.execute(query)}


def last_reads(session: Session, urls: Iterable[str]) -> dict[str, datetime]:
    """When each channel was last read whole: its last check, if it answered (200 or 304)."""
    rows = session.execute(select(Channel.url, Channel.checked_at).where(
        Channel.url.in_(list(urls)), Channel.status.in_(("ok", "not_modified")), Channel.checked_at.is_not(None)))
    return {url: checked for url, checked in rows}


def feeds_keeping_old(session: Session, urls: Iterable[str]) -> set[str]:
    """Of these feeds, those whose entries too old to fetch were remembered at their reads (`OldEntry`)."""
    return set(session.scalars(select(Channel.url).where(Channel.url.in_(list(urls)), Channel.keeps_old.is_(True))))


def listed_before(session: Session, via: str, keys: list[str]) -> set[str]:
    """Of these URLs, those the channel `via` listed before: sighted through it, or remembered as too old."""
    return sighted_by(session, via, keys) | _among(session, keys, select(OldEntry.url).where(OldEntry.via == via))


def remember_old_entries(session: Session, rows: list[tuple[str, str]]) -> None:
    """A feed's entries too old to fetch, (via, key), each once."""
    if rows:
        now = utcnow()
        insert_many(session, insert(session, OldEntry.__table__).on_conflict_do_nothing(),
                    [{"via": via, "url": key, "first_seen": now} for via, key in dict.fromkeys(rows)])


def record_channel(session: Session, *, url: str, kind: str, source: str, status: str, http_status: int | None,
                   etag: str | None, last_modified: str | None, error: str | None, entries: int) -> None:
    values = dict(kind=kind, source=source, status=status, http_status=http_status, error=error,
                  entries=entries, checked_at=utcnow())
    if status == "ok":
        values.update(etag=etag, last_modified=last_modified, read_at=values["checked_at"])
        if kind == "feed":  # its old entries were remembered as it was read (written before its outcome)
            values.update(keeps_old=True)
    session.execute(insert(session, Channel.__table__).values(url=url, **values)
                    .on_conflict_do_update(index_elements=["url"], set_=values))


def record_discovery(session: Session, *, url: str, raw_url: str, source: str, channel: str, via: str,
                     title: str | None, published: datetime | None, summary: str | None) -> None:
    session.execute(insert(session, Discovery.__table__)
                    .values(url=url, raw_url=raw_url, source=source, channel=channel, via=via, title=title,
                            published_at=published, summary=summary, first_seen=utcnow())
                    .on_conflict_do_nothing())


# --- fetches ------------------------------------------------------------------------------------

def chunks(values: list, size: int = 500) -> Iterator[list]:
    """`values` in slices short enough for one `IN (…)` each (SQLite bounds the parameters of a statement)."""
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _among(session: Session, keys: Iterable[str], query) -> set[str]:
    """Of these cleaned URLs, those `query` (a select of one URL column) finds, asked a chunk at a time."""
    column = query.selected_columns[0]
    found: set[str] = set()
    for chunk in chunks(list(keys)):
        found.update(session.scalars(query.where(column.in_(chunk))))
    return found


def known_urls(session: Session, keys: Iterable[str]) -> set[str]:
    """The cleaned URLs already archived or already judged for good (not worth fetching again).

    The URLs of a headline record count only through their fetch: a page that failed for a passing reason
    is asked for again, and its full text completes the record.
    """
    keys = list(keys)
    return (_among(session, keys, select(Fetch.url).where(Fetch.final.is_(True)))
            | _among(session, keys, select(ArticleUrl.url).join(Article, Article.id == ArticleUrl.article_id)
                     .where(Article.text_status != "headline")))


def unrecorded_urls(session: Session, keys: Iterable[str]) -> set[str]:
    """Of these cleaned URLs, those judged for good without a record: no topic, or a wall, an error, no text… with
    nothing its channel said to match (not an aggregator link resolved to its publisher)."""
    return _among(session, keys, select(Fetch.url).where(Fetch.final.is_(True), Fetch.article_id.is_(None),
                                                         Fetch.outcome != "resolved"))


CHANGEABLE = ("no_topic", "no_text")  # a final outcome a new version of the page may change


def changed_unrecorded(session: Session, changed: dict[str, datetime], first_listed_by: str | None = None
                       ) -> set[str]:
    """Of these cleaned URLs (each with when its page last changed), those judged for good without a record on
    their page's words (no topic, no text) before that change.

    `first_listed_by`: a listing whose item date is the change, which counts only when it is also later than the
    date that listing gave the URL when it first listed it (the item was dated anew); a URL it never listed is
    none of them.
    """
    query = select(Fetch.url, Fetch.fetched_at).where(Fetch.final.is_(True), Fetch.article_id.is_(None),
                                                      Fetch.outcome.in_(CHANGEABLE))
    if first_listed_by is not None:
        query = query.add_columns(Discovery.published_at).join(
            Discovery, and_(Discovery.url == Fetch.url, Discovery.via == first_listed_by))
    found: set[str] = set()
    for chunk in chunks(list(changed)):
        for url, fetched_at, *first in session.execute(query.where(Fetch.url.in_(chunk))):
            if fetched_at < changed[url] and (not first or first[0] is None or first[0] < changed[url]):
                found.add(url)
    return found


def sighted_by(session: Session, via: str, keys: Iterable[str]) -> set[str]:
    """Of these cleaned URLs, those the channel `via` listed before."""
    return _among(session, keys, select(Discovery.url).where(Discovery.via == via))


def listed_anything(session: Session, via: str) -> bool:
    """Whether the channel `via` ever listed a URL (a full scan of the sightings: asked only when a listing shows
    nothing it listed before)."""
    return session.scalar(select(Discovery.id).where(Discovery.via == via).limit(1)) is not None


def recorded_urls(session: Session, keys: Iterable[str]) -> set[str]:
    """Of these cleaned URLs, those of an archived article or record."""
    return _among(session, keys, select(ArticleUrl.url))


def unfinished_discoveries(session: Session, sources: list[str], since: datetime | None) -> list[tuple[Discovery, bool]]:
    """URLs of these sources discovered (first seen since `since`, if given) but with no final outcome yet:
    never fetched (a run stopped first) or failed for a passing reason. One sighting per URL, the oldest,
    with whether it was listed by a channel (rather than found in an article page). A headline record's URL
    counts only through its fetch (see `known_urls`)."""
    from_channel = select(Channel.id).where(Channel.url == Discovery.via).exists()
    query = (select(Discovery, from_channel).where(*_unfinished(sources, since))
             .order_by(Discovery.first_seen, Discovery.id))  # by time: the index serves the range and the order
    first: dict[str, tuple[Discovery, bool]] = {}
    for discovery, listed in session.execute(query):
        first.setdefault(discovery.url, (discovery, bool(listed)))
    return list(first.values())


def has_unfinished_discoveries(session: Session, sources: list[str], since: datetime | None) -> bool:
    """Whether `unfinished_discoveries` would return anything: a URL the next crawl of these sources resumes."""
    return session.scalar(select(select(Discovery.id).where(*_unfinished(sources, since)).exists()))


def _unfinished(sources: list[str], since: datetime | None) -> list:
    """The conditions of a sighting of these sources whose URL has no final outcome (first seen since `since`)."""
    judged = select(Fetch.id).where(Fetch.url == Discovery.url, Fetch.final.is_(True)).exists()
    archived = (select(ArticleUrl.id).join(Article, Article.id == ArticleUrl.article_id)
                .where(ArticleUrl.url == Discovery.url, Article.text_status != "headline").exists())
    conditions = [Discovery.source.in_(sources), ~judged, ~archived]
    if since is not None:
        conditions.append(Discovery.first_seen >= since)  # a crawl reads only the recent sightings
    return conditions


# Titles recur ("Alixan : le conseil municipal", every month): a title names the same article only within this
# many days of it. Unbounded, a lead was resolved to, or filed under, an older article of the same title, and lost.
HEADLINE_DAYS = 7
HEADLINE_WINDOW = timedelta(days=HEADLINE_DAYS)
# Two of an outlet's own addresses under one title are one article when dated this close (a section's URL and
# another's); further apart they are two (a column's recurring title: "Courrier des lecteurs", "L'édito")
SAME_ARTICLE_WINDOW = timedelta(days=1)


def dated(model):
    """When an article or a sighting dates from: its publication date, else when it was first seen."""
    return func.coalesce(model.published_at, model.first_seen)


def near_in_time(model, when: datetime | None, window: timedelta = HEADLINE_WINDOW):
    """A condition: the article or sighting dated within `window` (HEADLINE_DAYS) of `when` (always true without
    `when`)."""
    if when is None:
        return literal(True)
    return dated(model).between(when - window, when + window)


def urls_with_title(session: Session, key: str, when: datetime | None = None, limit: int = 50) -> list[str]:
    """URLs (cleaned) listed under this normalized title by a channel, or archived with it, near `when`."""
    listed = select(Discovery.url).where(Discovery.title_key == key, near_in_time(Discovery, when)).limit(limit)
    archived = (select(Article.canonical_url).where(Article.title_key == key, near_in_time(Article, when))
                .limit(limit))
    return list(dict.fromkeys([*session.scalars(archived), *session.scalars(listed)]))


def record_fetch(session: Session, *, url: str, source: str, outcome: str, reason: str | None,
                 http_status: int | None, final: bool, run_id: int | None, article_id: int | None = None) -> None:
    record_fetches(session, [dict(url=url, source=source, outcome=outcome, reason=reason, http_status=http_status,
                                  final=final, run_id=run_id, article_id=article_id)])


def fetch_outcomes(session: Session, run_id: int | None = None) -> dict[str, int]:
    query = select(Fetch.outcome, func.count()).group_by(Fetch.outcome)
    if run_id is not None:
        query = query.where(Fetch.run_id == run_id)
    return dict(session.execute(query).all())


# --- batched writes (crawl throughput) ------------------------------------------------------------

def record_discoveries(session: Session, rows: list[dict]) -> None:
    """Many `record_discovery` rows in one statement (keys: url, raw_url, source, channel, via, title,
    published_at, summary); a URL already seen through the same channel is left as it was."""
    if rows:
        now = utcnow()
        insert_many(session, insert(session, Discovery.__table__).on_conflict_do_nothing(),
                    [{**row, "first_seen": now} for row in rows])


def record_fetches(session: Session, rows: list[dict], give_up_after: int | None = None) -> None:
    """Many `record_fetch` rows in one statement (keys: url, source, outcome, reason, http_status, final,
    run_id, article_id); the last outcome of a URL wins.

    A failure worth retrying (final False) counts one more run in a row on its URL; on the
    `give_up_after`-th the outcome becomes final, and the reason says so. Any final outcome resets the count.
    """
    if not rows:
        return
    now = utcnow()
    retried = [row["url"] for row in rows if not row["final"]]
    failures: dict[str, int] = {}
    for chunk in chunks(retried):
        failures.update(session.execute(select(Fetch.url, Fetch.failures)
                                        .where(Fetch.url.in_(chunk), Fetch.final.is_(False))).all())
    values = []
    for row in rows:
        row = {"article_id": None, **row, "fetched_at": now, "failures": 0}
        if not row["final"]:
            row["failures"] = failures.get(row["url"], 0) + 1
            if give_up_after and row["failures"] >= give_up_after:
                runs = "run" if give_up_after == 1 else f"{give_up_after} runs in a row"
                row["final"], row["reason"] = True, f"{row['reason']} (given up: it failed on {runs})"
        values.append(row)
    # one row per URL (the last): PostgreSQL refuses to update a row twice in one statement
    insert_many(session, cached(session, _upsert_fetch), list({row["url"]: row for row in values}.values()))


def _upsert_fetch(dialect):
    statement = dialect.insert(Fetch.__table__)
    columns = ("source", "outcome", "reason", "http_status", "final", "failures", "run_id", "article_id",
               "fetched_at")
    return statement.on_conflict_do_update(index_elements=["url"], set_={c: statement.excluded[c] for c in columns})

"""Every query newswatch runs on the archive, as named functions over a Session."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, delete, func, literal, or_, select, union_all
from sqlalchemy.orm import Session, aliased, selectinload

from store.backend import cached, insert, insert_many, lock_url_identity
from store.models import (Article, ArticleUrl, Channel, Digest, DigestItem, Discovery, Fetch, Match, OldEntry, Run,
                          RunSource, SourceRow, UTCDateTime, utcnow)

RETRYABLE = ("http_error", "timeout", "network", "refused_transient")


def text_hash(text: str) -> str:
    """SHA-256 of the text with whitespace and case normalized: exact-duplicate identity.

    `str.split()` cuts at the same runs of whitespace as the regular expression `\\s+` (then stripped), which
    defined the archived hashes (tests/test_fingerprints.py compares the two), in a third of the time."""
    return hashlib.sha256(" ".join(text.split()).lower().encode("utf-8")).hexdigest()


# --- runs ---------------------------------------------------------------------------------------

def start_run(session: Session, kind: str, pid: int | None = None) -> Run:
    run = Run(kind=kind, pid=pid, status="running", started_at=utcnow())
    session.add(run)
    session.flush()
    return run


def finish_run(session: Session, run_id: int, status: str, message: str | None = None) -> None:
    run = session.get(Run, run_id)
    run.status, run.message, run.finished_at = status, message, utcnow()


def record_run_end(session: Session, run_id: int, pid: int, status: str, message: str | None,
                   finished_at: datetime, sources: dict[str, tuple[dict[str, int], str | None]]) -> bool:
    """Record a crawl's end that the archive refused when it happened: each source's counts and last error, the
    run's status. False (nothing written) when the archive has no crawl run of that id and pid."""
    run = session.get(Run, run_id)
    if run is None or run.kind != "crawl" or run.pid != pid:
        return False
    for source, (counts, last_error) in sources.items():
        record_run_source(session, run_id, source, counts, last_error)
    run.status, run.message, run.finished_at = status, message, finished_at
    return True


def record_run_source(session: Session, run_id: int, source: str, counts: dict[str, int],
                      last_error: str | None) -> None:
    fields = {k: counts.get(k, 0) for k in ("found", "resumed", "fetched", "extracted", "matched", "new", "headlines",
                                            "skipped", "errors", "channel_errors")}
    session.execute(insert(session, RunSource.__table__)
                    .values(run_id=run_id, source=source, last_error=last_error, **fields)
                    .on_conflict_do_update(index_elements=["run_id", "source"], set_={**fields, "last_error": last_error}))


def ensure_sources(session: Session, names: Iterable[str]) -> None:
    for name in names:
        session.execute(insert(session, SourceRow.__table__).values(name=name, added_at=utcnow())
                        .on_conflict_do_nothing())


def run_with_sources(session: Session, run_id: int) -> Run | None:
    """One run, with its per-source counts loaded."""
    return session.scalars(select(Run).options(selectinload(Run.sources)).where(Run.id == run_id)).one_or_none()


def recent_runs(session: Session, limit: int = 20, kind: str | None = None) -> list[Run]:
    query = select(Run).options(selectinload(Run.sources)).order_by(Run.id.desc()).limit(limit)
    if kind:
        query = query.where(Run.kind == kind)
    return list(session.scalars(query))


# --- channels and discoveries -------------------------------------------------------------------

def channel_validators(session: Session, urls: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
    """ETag and Last-Modified last seen for each channel URL (for conditional requests)."""
    rows = session.execute(select(Channel.url, Channel.etag, Channel.last_modified).where(Channel.url.in_(list(urls))))
    return {url: (etag, modified) for url, etag, modified in rows}


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
        values.update(etag=etag, last_modified=last_modified)
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


# --- articles -----------------------------------------------------------------------------------

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


# --- source health ------------------------------------------------------------------------------

def source_history(session: Session, source: str, limit: int = 50) -> list[tuple[Run, RunSource]]:
    """The latest finished crawl runs of one source, newest first."""
    rows = session.execute(select(Run, RunSource).join(RunSource, RunSource.run_id == Run.id)
                           .where(RunSource.source == source, Run.finished_at.is_not(None))
                           .order_by(Run.id.desc()).limit(limit))
    return [(run, rs) for run, rs in rows]


def articles_since(session: Session, source: str, since: datetime) -> int:
    return session.scalar(select(func.count(Article.id)).where(Article.source == source, Article.first_seen >= since))


def channels_of(session: Session, source: str) -> list[Channel]:
    return list(session.scalars(select(Channel).where(Channel.source == source).order_by(Channel.url)))


def wall_counts(session: Session, source: str, since: datetime, walls: Iterable[str]) -> tuple[dict[str, int], int]:
    """({wall outcome: pages}, pages fetched) for one source's fetches since `since`."""
    rows = dict(session.execute(select(Fetch.outcome, func.count()).where(Fetch.source == source,
                                                                         Fetch.fetched_at >= since)
                                .group_by(Fetch.outcome)).all())
    return {k: v for k, v in rows.items() if k in set(walls)}, sum(rows.values())


def last_article_at(session: Session, source: str) -> datetime | None:
    return session.scalar(select(func.max(Article.first_seen)).where(Article.source == source))


# --- digests and feed ---------------------------------------------------------------------------

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


# --- scheduling and run history -----------------------------------------------------------------

SUCCESS = ("ok", "partial")


def last_success(session: Session, kind: str) -> datetime | None:
    """When the latest successful run of this kind ended (None if there never was one)."""
    return session.scalar(select(func.max(func.coalesce(Run.finished_at, Run.started_at)))
                          .where(Run.kind == kind, Run.status.in_(SUCCESS)))


def run_recorded_since(session: Session, kind: str, since: datetime, pid: int) -> bool:
    """Whether the process `pid` (or a process that recorded no pid) recorded a run of this kind since `since`."""
    return session.scalar(select(func.count(Run.id)).where(Run.kind == kind, Run.started_at >= since,
                                                            or_(Run.pid == pid, Run.pid.is_(None)))) > 0


def record_run(session: Session, kind: str, *, started_at: datetime, finished_at: datetime, status: str,
               message: str | None, pid: int | None) -> Run:
    """Record a whole run at once (for commands that do not record their own runs)."""
    run = Run(kind=kind, started_at=started_at, finished_at=finished_at, status=status, message=message, pid=pid)
    session.add(run)
    session.flush()
    return run


def close_unfinished_runs(session: Session, kind: str, message: str, pid: int | None = None,
                          status: str = "failed") -> int:
    """Give the runs of this kind still "running" (of one pid, if given) a final status; return how many."""
    query = select(Run).where(Run.kind == kind, Run.status == "running")
    if pid is not None:
        query = query.where(Run.pid == pid)
    runs = list(session.scalars(query))
    for run in runs:
        run.status, run.finished_at, run.message = status, utcnow(), message
    return len(runs)


def last_discovery_at(session: Session, source: str) -> datetime | None:
    """When the source's channels last listed a URL they had not listed before."""
    return session.scalar(select(func.max(Discovery.first_seen)).where(Discovery.source == source))


def discoveries_since(session: Session, source: str, since: datetime) -> int:
    return session.scalar(select(func.count(Discovery.id)).where(Discovery.source == source,
                                                                 Discovery.first_seen >= since))


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
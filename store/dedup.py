"""Signature, band, story and revision tables: find an article's archived copies in a bounded number of lookups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from newswatch.text.fingerprints import NEAR_BITS, Copy, Fingerprint, compare, fingerprint, hamming
from store.backend import insert_many, placeholder
from store.models import Article, ArticleFingerprint, ArticleRevision, MinhashBand, SimhashBand, Story
from store.queries import text_hash

PER_BUCKET = 20  # rows read from one band bucket at most (the newest): a crowded bucket costs no more
CANDIDATES = 8  # archived articles compared with the new one at most, those sharing the most bands
KIND_RANK = {"exact": 0, "near": 1, "teaser": 2}

# Writes are Core statements on the tables (no ORM unit of work: cheaper), and every statement names its
# columns, so the 0004 migration can run these functions (backfill) even after later revisions add columns.
ARTICLES, STORIES, REVISIONS = Article.__table__, Story.__table__, ArticleRevision.__table__
FINGERPRINTS, SIMHASH_BANDS, MINHASH_BANDS = ArticleFingerprint.__table__, SimhashBand.__table__, MinhashBand.__table__


@dataclass(frozen=True)
class Twin:
    """An archived article the new text is a copy of."""

    article_id: int
    source: str
    story_id: int | None
    first_id: int  # the earliest article of its story: what a copy from another outlet is `duplicate_of`
    copy: Copy

    @property
    def is_shorter(self) -> bool:
        """The archived text is a teaser of the new one: the new text should replace it."""
        return self.copy.kind == "teaser" and self.copy.new_is_longer


@dataclass(frozen=True)
class Version:
    title: str
    text: str
    fetched_at: datetime


def candidate_ids(session: Session, fp: Fingerprint, limit: int = CANDIDATES) -> list[int]:
    """Archived articles with the same exact hash, a SimHash within NEAR_BITS or a shared MinHash band.

    One statement of 37 index probes, each reading at most PER_BUCKET rows: the cost does not grow with the
    archive. A 16-bit SimHash band also matches by chance (one archived article in 65,536): the whole SimHash
    stored with the band drops those before any text is read. Most shared bands first.
    Written as SQL text: building it with the expression language costs more than running it.
    """
    q = placeholder(session)
    probes = [(f"CAST(NULL AS BIGINT) FROM article_fingerprints WHERE exact = {q}", (fp.exact,))]
    probes += [(f"simhash FROM simhash_bands WHERE band = {q} AND value = {q}", pair) for pair in fp.simhash_bands()]
    probes += [(f"CAST(NULL AS BIGINT) FROM minhash_bands WHERE band = {q} AND hash = {q}", pair)
               for pair in fp.minhash_bands()]
    sql = " UNION ALL ".join(f"SELECT * FROM (SELECT article_id, {rest} ORDER BY article_id DESC LIMIT {PER_BUCKET})"
                             f" AS probe{n}" for n, (rest, _) in enumerate(probes))
    votes: dict[int, int] = {}
    for article_id, simhash in session.connection().exec_driver_sql(sql, tuple(v for _, p in probes for v in p)):
        if simhash is None or hamming(simhash, fp.simhash) <= NEAR_BITS:
            votes[article_id] = votes.get(article_id, 0) + 1
    return sorted(votes, key=lambda i: (-votes[i], -i))[:limit]


def twins(session: Session, fp: Fingerprint, exclude: int | None = None) -> list[Twin]:
    """The archived articles `fp` is a copy of, best first (exact, then near, then teaser; most similar first)."""
    ids = [i for i in candidate_ids(session, fp) if i != exclude]
    if not ids:
        return []
    rows = session.execute(select(Article.id, Article.text, Article.source, Article.story_id, Article.duplicate_of)
                           .where(Article.id.in_(ids)))
    found = []
    for article_id, text, source, story_id, duplicate_of in rows:
        copy = compare(fp, fingerprint(text, with_minhash=False))
        if copy is not None:
            found.append(Twin(article_id, source, story_id, duplicate_of or article_id, copy))
    return sorted(found, key=lambda t: (KIND_RANK[t.copy.kind], -t.copy.jaccard, t.article_id))


def find_copy(session: Session, fp: Fingerprint, source: str, exclude: int | None = None) -> Twin | None:
    """The article a new text of `source` copies: one of the same outlet first (to fold into), else the best."""
    found = twins(session, fp, exclude)
    same = [t for t in found if t.source == source]
    return (same or found or [None])[0]


def join_story(session: Session, twin: Twin | None, title: str, first_seen: datetime) -> tuple[int, int | None]:
    """(story_id, duplicate_of) for a new article: the twin's story, or a story of its own."""
    if twin is not None and twin.story_id is not None:
        session.execute(update(STORIES).where(STORIES.c.id == twin.story_id).values(size=STORIES.c.size + 1))
        return twin.story_id, twin.first_id
    size = 1 if twin is None else 2
    story_id = session.execute(insert(STORIES).values(title=title, first_seen=first_seen, size=size)
                               .returning(STORIES.c.id)).scalar_one()
    if twin is None:
        return story_id, None
    session.execute(update(ARTICLES).where(ARTICLES.c.id == twin.article_id).values(story_id=story_id))
    return story_id, twin.first_id  # the twin was archived without a story: it opens this one


def index_article(session: Session, article_id: int, fp: Fingerprint) -> None:
    """Store an article's signatures and band keys."""
    session.execute(insert(FINGERPRINTS).values(article_id=article_id, exact=fp.exact, simhash=fp.simhash,
                                                size=fp.size))
    insert_many(session, insert(SIMHASH_BANDS), [{"band": b, "value": v, "article_id": article_id,
                                                  "simhash": fp.simhash} for b, v in fp.simhash_bands()])
    insert_many(session, insert(MINHASH_BANDS), [{"band": b, "hash": h, "article_id": article_id}
                                                 for b, h in fp.minhash_bands()])


def unindex_article(session: Session, article_id: int) -> None:
    for table in (SIMHASH_BANDS, MINHASH_BANDS, FINGERPRINTS):
        session.execute(delete(table).where(table.c.article_id == article_id))


def replace_text(session: Session, article_id: int, *, title: str, text: str, fetched_at: datetime,
                 fp: Fingerprint | None = None, **status) -> None:
    """Give an article a new current text (a fuller copy, or a revision) and re-index it. `status`: its new
    text_status and text_missing_reason, when the text comes from a page (pipelines.records.text_fields)."""
    session.execute(update(ARTICLES).where(ARTICLES.c.id == article_id).values(
        title=title, text=text, text_hash=text_hash(text), fetched_at=fetched_at, **status))
    unindex_article(session, article_id)
    index_article(session, article_id, fp or fingerprint(text))


def set_text_status(session: Session, article_id: int, text_status: str, text_missing_reason: str | None) -> None:
    """Say anew how much of its text an article has and why (a scan read again by OCR that found no words)."""
    session.execute(update(ARTICLES).where(ARTICLES.c.id == article_id).values(
        text_status=text_status, text_missing_reason=text_missing_reason))


def add_text_note(session: Session, article_id: int, note: str) -> None:
    """Append `note` to why an article's text is missing (a scan that could not be had again to be read)."""
    session.execute(update(ARTICLES).where(ARTICLES.c.id == article_id).values(
        text_missing_reason=func.coalesce(ARTICLES.c.text_missing_reason, "") + note))


def current_version(session: Session, article_id: int) -> Version:
    title, text, fetched_at = session.execute(
        select(Article.title, Article.text, Article.fetched_at).where(Article.id == article_id)).one()
    return Version(title, text, fetched_at)


def record_revision(session: Session, article_id: int, previous: Version, *, seen_at: datetime, summary: str) -> None:
    """Keep the earlier version of an article and mark the article updated."""
    session.execute(insert(REVISIONS).values(
        article_id=article_id, title=previous.title, text=previous.text, fetched_at=previous.fetched_at,
        replaced_at=seen_at, summary=summary))
    session.execute(update(ARTICLES).where(ARTICLES.c.id == article_id).values(
        revisions=ARTICLES.c.revisions + 1, updated_at=seen_at))


def mark_checked(session: Session, article_id: int, when: datetime, etag: str | None = None,
                 last_modified: str | None = None) -> None:
    """Record a fetch or re-check; new validators replace the old ones, absent ones leave them."""
    values = {"checked_at": when}
    if etag or last_modified:
        values.update(etag=etag, last_modified=last_modified)
    session.execute(update(ARTICLES).where(ARTICLES.c.id == article_id).values(**values))


def backfill(session: Session, batch: int = 500) -> int:
    """Fingerprint every archived article without signatures, oldest first, linking copies into stories."""
    done, last_id = 0, 0
    while True:
        rows = session.execute(
            select(Article.id, Article.source, Article.title, Article.text, Article.first_seen)
            .where(Article.id > last_id, Article.id.not_in(select(ArticleFingerprint.article_id)))
            .order_by(Article.id).limit(batch)).all()
        if not rows:
            return done
        for article_id, source, title, text, first_seen in rows:
            fp = fingerprint(text)
            twin = find_copy(session, fp, source, exclude=article_id)
            story_id, duplicate_of = join_story(session, twin, title, first_seen)
            session.execute(update(ARTICLES).where(ARTICLES.c.id == article_id)
                            .values(story_id=story_id, duplicate_of=duplicate_of))
            index_article(session, article_id, fp)
            done += 1
        last_id = rows[-1][0]

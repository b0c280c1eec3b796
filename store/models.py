"""SQLAlchemy 2.x typed models of the archive; the schema itself is created by Alembic migrations."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (JSON, BigInteger, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, LargeBinary,
                        MetaData, SmallInteger, String, Text, UniqueConstraint, false)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out; stored as naive UTC so comparisons stay simple."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SourceRow(Base):
    """A configured source, recorded when it is first crawled."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Run(Base):
    """One execution of a command that changes the archive (a crawl, a digest, a rematch)."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default="running")  # running, ok, partial, failed, interrupted
    message: Mapped[str | None] = mapped_column(Text)
    pid: Mapped[int | None] = mapped_column(Integer)
    # (every list in id order: the order SQLite happened to give, which PostgreSQL does not promise)
    sources: Mapped[list[RunSource]] = relationship(back_populates="run", cascade="all, delete-orphan",
                                                    order_by="RunSource.id")


class RunSource(Base):
    """What happened to one source during one run."""

    __tablename__ = "run_sources"
    __table_args__ = (UniqueConstraint("run_id", "source"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(200), index=True)
    found: Mapped[int] = mapped_column(default=0)
    fetched: Mapped[int] = mapped_column(default=0)
    extracted: Mapped[int] = mapped_column(default=0)
    matched: Mapped[int] = mapped_column(default=0)
    new: Mapped[int] = mapped_column(default=0)
    skipped: Mapped[int] = mapped_column(default=0)
    errors: Mapped[int] = mapped_column(default=0)
    channel_errors: Mapped[int] = mapped_column(default=0)
    resumed: Mapped[int] = mapped_column(default=0, server_default="0")  # left unfinished by an earlier run
    headlines: Mapped[int] = mapped_column(default=0, server_default="0")  # leads archived as headline records
    last_error: Mapped[str | None] = mapped_column(Text)
    run: Mapped[Run] = relationship(back_populates="sources")


class Channel(Base):
    """A feed, sitemap, listing page or search feed, with its HTTP validators for conditional requests."""

    __tablename__ = "channels"
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(200), index=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str | None] = mapped_column(String(40))  # ok, not_modified, error
    # its last answer in full (200): one not read in full for [crawl] full_read_days is asked for without validators
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    http_status: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    entries: Mapped[int] = mapped_column(default=0)
    # a feed whose items too old to fetch are remembered (OldEntry) since a read: one it lists later, neither
    # remembered nor sighted through it, is new to it, whatever its date
    keeps_old: Mapped[bool] = mapped_column(default=False, server_default=false())


class OldEntry(Base):
    """An item a feed listed already older than max_age_days, left unread: remembered so that an item the feed
    lists for the first time (a council's minutes dated by their sitting, put online weeks later) is told apart."""

    __tablename__ = "old_entries"
    __table_args__ = (UniqueConstraint("via", "url"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    via: Mapped[str] = mapped_column(Text)  # the channel URL, as a sighting's
    url: Mapped[str] = mapped_column(Text)  # cleaned URL (the fetch key)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Discovery(Base):
    """One sighting of an article URL in a channel (provenance), with what the channel said about it."""

    __tablename__ = "discoveries"
    __table_args__ = (UniqueConstraint("url", "channel", "via"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, index=True)  # cleaned URL (the fetch key)
    raw_url: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(20))  # feed, sitemap, page, search
    via: Mapped[str] = mapped_column(Text)  # the channel URL
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    summary: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)  # the publisher an aggregator names (<source>, " - Outlet")
    outlet_url: Mapped[str | None] = mapped_column(Text)  # its home page, as the aggregator gives it
    title_key: Mapped[str | None] = mapped_column(Text, index=True)  # normalized title (newswatch.text.aggregators)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class Fetch(Base):
    """The outcome of fetching one URL: stored, no_topic, no_text, http_error, robots, too_large, timeout…"""

    __tablename__ = "fetches"
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)  # cleaned URL (the fetch key)
    source: Mapped[str] = mapped_column(String(200), index=True)
    outcome: Mapped[str] = mapped_column(String(40), index=True)
    final: Mapped[bool] = mapped_column(default=True)  # False: worth retrying on the next run
    failures: Mapped[int] = mapped_column(default=0, server_default="0")  # runs in a row it failed, not final
    reason: Mapped[str | None] = mapped_column(Text)
    http_status: Mapped[int | None] = mapped_column(Integer)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)


class Article(Base):
    """An archived article: its extracted text and metadata."""

    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str] = mapped_column(Text, unique=True)
    source: Mapped[str] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    date_source: Mapped[str] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(10))
    site_name: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id", ondelete="SET NULL"), index=True)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)  # last material revision
    revisions: Mapped[int] = mapped_column(default=0)  # earlier versions kept in article_revisions
    etag: Mapped[str | None] = mapped_column(Text)  # validators of the last fetch, for re-checks
    last_modified: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last fetch or re-check
    kind: Mapped[str] = mapped_column(String(20), default="article", server_default="article")  # or "document"
    text_missing_reason: Mapped[str | None] = mapped_column(Text)  # why there is no text (a scanned document)
    text_status: Mapped[str] = mapped_column(String(10), default="full", server_default="full", index=True)
    # full: the whole text; teaser: the free part of a paywalled article; headline: only what a channel said
    outlet: Mapped[str | None] = mapped_column(Text)  # the publisher's name (aggregator's <source>, else site name)
    outlet_domain: Mapped[str | None] = mapped_column(String(200))  # the publisher's host (newswatch.text.aggregators)
    title_key: Mapped[str | None] = mapped_column(Text)  # normalized title: a headline and its full article meet
    matches: Mapped[list[Match]] = relationship(back_populates="article", cascade="all, delete-orphan",
                                                order_by="Match.id")
    urls: Mapped[list[ArticleUrl]] = relationship(back_populates="article", cascade="all, delete-orphan",
                                                  order_by="ArticleUrl.id")
    mark: Mapped[ArticleMark | None] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    deadlines: Mapped[list[Deadline]] = relationship(cascade="all, delete-orphan", order_by="Deadline.ends")


class ArticleMark(Base):
    """A person's verdict on an article (relevant, off-topic or duplicate) and their note; one per article."""

    __tablename__ = "article_marks"
    __table_args__ = (CheckConstraint("mark IN ('relevant', 'off-topic', 'duplicate')", name="mark_kind"),)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    mark: Mapped[str] = mapped_column(String(20), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    marked_by: Mapped[str | None] = mapped_column(String(200))  # "cli", or the name given at the browser's login
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


Index("ix_articles_outlet_domain_title_key", Article.outlet_domain, Article.title_key)


class ArticleUrl(Base):
    """Every URL (cleaned and raw) an article was seen under."""

    __tablename__ = "article_urls"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    article: Mapped[Article] = relationship(back_populates="urls")


class Story(Base):
    """Copies of one text (a wire story) archived from different outlets; every article belongs to one."""

    __tablename__ = "stories"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")  # the first article's title
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    size: Mapped[int] = mapped_column(default=1)  # how many archived articles carry it


class ArticleFingerprint(Base):
    """The content signatures of an article's current text (see newswatch.text.fingerprints)."""

    __tablename__ = "article_fingerprints"
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    exact: Mapped[str] = mapped_column(String(64), index=True)  # hash of the normalized words
    simhash: Mapped[int] = mapped_column(BigInteger)  # signed 64-bit
    size: Mapped[int] = mapped_column(Integer)  # distinct word shingles


class SimhashBand(Base):
    """One 16-bit band of an article's SimHash: texts within 3 bits share at least one band exactly."""

    __tablename__ = "simhash_bands"
    __table_args__ = (Index("ix_simhash_bands_article_id", "article_id"), {"sqlite_with_rowid": False})
    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    simhash: Mapped[int] = mapped_column(BigInteger)  # the whole SimHash: chance collisions are dropped unread


class MinhashBand(Base):
    """One LSH band key of an article's MinHash: texts of similar shingles share some band keys."""

    __tablename__ = "minhash_bands"
    __table_args__ = (Index("ix_minhash_bands_article_id", "article_id"), {"sqlite_with_rowid": False})
    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    hash: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


class ArticleRevision(Base):
    """An earlier version of an article, kept when a re-check found its title or text changed materially."""

    __tablename__ = "article_revisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when this version was fetched
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when the change was seen
    summary: Mapped[str] = mapped_column(Text, default="")


class Match(Base):
    """A topic an article matches, the terms that hit and a snippet around the first hit."""

    __tablename__ = "matches"
    __table_args__ = (UniqueConstraint("article_id", "topic"), Index("ix_matches_topic", "topic"))
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    topic: Mapped[str] = mapped_column(String(200))
    terms: Mapped[list] = mapped_column(JSON, default=list)
    snippet: Mapped[str] = mapped_column(Text, default="")
    article: Mapped[Article] = relationship(back_populates="matches")


class Digest(Base):
    """One digest e-mail: sent (the SMTP server accepted it) or failed; only sent ones mark articles."""

    __tablename__ = "digests"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20))  # sent, failed
    recipients: Mapped[list] = mapped_column(JSON, default=list)
    subject: Mapped[str] = mapped_column(Text, default="")
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    message: Mapped[str | None] = mapped_column(Text)  # why it failed, or which recipients were refused
    items: Mapped[list[DigestItem]] = relationship(back_populates="digest", cascade="all, delete-orphan",
                                                   order_by="DigestItem.article_id")


class DigestItem(Base):
    """An article carried by a digest, as new or as updated since a digest carried it."""

    __tablename__ = "digest_items"
    digest_id: Mapped[int] = mapped_column(ForeignKey("digests.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)
    kind: Mapped[str] = mapped_column(String(10))  # new, updated
    digest: Mapped[Digest] = relationship(back_populates="items")


class Deadline(Base):
    """A consultation period or deadline stated in an archived article or document (newswatch.text.deadlines)."""

    __tablename__ = "deadlines"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    starts: Mapped[date | None] = mapped_column(Date)
    ends: Mapped[date] = mapped_column(Date, index=True)
    until: Mapped[str | None] = mapped_column(String(5))  # "17:00" when the text gives an hour
    phrase: Mapped[str] = mapped_column(Text, default="")
    context: Mapped[str] = mapped_column(Text, default="")  # the sentence it was found in
    page: Mapped[int | None] = mapped_column(Integer)  # for documents


class RawBlob(Base):
    """The bytes of one HTTP response body, compressed, stored once whatever the number of captures holding them."""

    __tablename__ = "raw_blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)  # of the uncompressed bytes
    size: Mapped[int] = mapped_column(Integer)  # uncompressed
    codec: Mapped[str] = mapped_column(String(10))  # "zlib"
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Capture(Base):
    """One fetch of an archived article or document, as evidence: what the server sent and when."""

    __tablename__ = "captures"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)  # as requested
    final_url: Mapped[str] = mapped_column(Text)  # after redirects
    http_status: Mapped[int] = mapped_column(Integer)
    headers: Mapped[list] = mapped_column(JSON, default=list)  # [[name, value], …] as received
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)  # of the body; raw_blobs holds it unless keep_raw = false
    size: Mapped[int] = mapped_column(Integer)
    text_sha256: Mapped[str] = mapped_column(String(64))  # of the title and text extracted from it
    change: Mapped[str] = mapped_column(Text, default="")  # "first sight", or what changed since the previous capture

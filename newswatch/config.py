"""Load and validate the one TOML configuration file into a typed, frozen object."""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from newswatch.crontab import cron_trigger
from newswatch.documents.ocr import OcrSettings

DEFAULT_CONFIG = "newswatch.toml"


class ConfigError(Exception):
    """A configuration problem, worded for the person who wrote the file."""


@dataclass(frozen=True)
class StoreConfig:
    url: str = "sqlite:///newswatch.db"
    keep_raw: bool = True  # keep the raw response of every archived article and document (evidence)
    busy_timeout_seconds: float = 30.0  # SQLite: how long a write waits for another writer before it fails


NOTICE_HOURS = 20  # a documents listing's notice is read again at most this often (`CrawlConfig.notice_window`)


@dataclass(frozen=True)
class CrawlConfig:
    user_agent: str = "newswatch/0.1 (+https://example.org/newswatch)"
    obey_robots: bool = True
    delay_seconds: float = 1.0
    concurrency_per_domain: int = 2
    timeout_seconds: float = 30.0
    max_page_bytes: int = 10_000_000
    max_document_bytes: int = 50_000_000  # a PDF (or a documents listing's notice), when larger than max_page_bytes
    max_age_days: int = 30
    keep_unmatched: bool = False
    follow_depth: int = 1
    extract_timeout_seconds: float = 20.0
    extract_workers: int = 0
    allow_hosts: list[str] = field(default_factory=list)
    max_run_seconds: float = 3600.0
    recheck_days: int = 3
    recheck_interval_hours: float = 1.0  # an article checked more recently is not asked for again
    retry_runs: int = 5  # runs on which a URL failing for a passing reason (5xx, timeout…) is tried before giving up
    notice_days: int = 180  # a documents listing's notices are read again while listed and first seen this recently
    full_read_days: float = 2.0  # a channel that has not answered in full (200) for this long is asked for whole
    ocr_pages: int = 20  # a scanned PDF's pages read by OCR (tesseract, when installed); 0: none
    ocr_languages: str = "fra+eng"  # tesseract's names of the languages scans are read in, "+"-joined
    follow_cited: bool = True  # the documents and other sites' articles a matching article or document links

    def oldest_wanted(self, now: datetime) -> datetime | None:
        """Entries dated (and sightings first seen) before this are too old to fetch (None: max_age_days is 0)."""
        return now - timedelta(days=self.max_age_days) if self.max_age_days else None

    def recheck_window(self, now: datetime) -> tuple[datetime, datetime] | None:
        """(young since, checked before): the archived articles published since the first and not checked since
        the second are re-checked (None: recheck_days is 0)."""
        if not self.recheck_days:
            return None
        return now - timedelta(days=self.recheck_days), now - timedelta(hours=self.recheck_interval_hours)

    @property
    def ocr(self) -> OcrSettings:
        """How scanned PDFs are read (newswatch.documents.ocr)."""
        return OcrSettings(pages=self.ocr_pages, languages=self.ocr_languages)

    def notice_window(self, now: datetime) -> tuple[datetime, datetime] | None:
        """(first seen since, read before): a documents listing's notices first listed since the first and not read
        since the second are read again (None: notice_days is 0). At most once in NOTICE_HOURS: a town adds a
        report to its notice on a working day, and an hourly crawl need not ask for every notice each hour."""
        if not self.notice_days:
            return None
        return now - timedelta(days=self.notice_days), now - timedelta(hours=NOTICE_HOURS)


@dataclass(frozen=True)
class Topic:
    name: str
    query: str
    search: str = ""  # what search feeds are asked for; default: the query's words joined by OR


@dataclass(frozen=True)
class Source:
    name: str
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    search: str = ""
    documents: list[str] = field(default_factory=list)  # listing pages of official documents (PDFs, notices)

    @property
    def channels(self) -> list[str]:
        """The addresses of its feeds, sitemaps, listing pages and documents listings."""
        return [*self.feeds, *self.sitemaps, *self.pages, *self.documents]


@dataclass(frozen=True)
class DigestConfig:
    recipients: list[str] = field(default_factory=list)
    sender: str = "newswatch@localhost"
    subject_prefix: str = "[newswatch]"
    smtp_host: str = "localhost"
    smtp_port: int = 25
    security: str = "none"
    user: str = ""
    password_env: str = ""
    timeout_seconds: float = 30.0
    send_empty: bool = False


@dataclass(frozen=True)
class ScheduleConfig:
    crawl: list[str] = field(default_factory=lambda: ["0 6 * * *"])
    digest: list[str] = field(default_factory=lambda: ["30 7 * * *"])
    timezone: str = "Europe/Paris"
    crawl_time_limit_seconds: float = 3 * 3600.0
    digest_time_limit_seconds: float = 600.0


@dataclass(frozen=True)
class BrowseConfig:
    host: str = "127.0.0.1"
    port: int = 8001
    triage_token_env: str = ""  # names the variable holding the triage token; empty: the browser is read-only


@dataclass(frozen=True)
class ClusterConfig:
    broker: str = ""  # redis://host:6379/0 : crawls are spread over `newswatch worker`s (empty: one machine)
    workers: int = 0  # crawl slots of one `newswatch worker` (0: one per core)
    source_timeout_seconds: float = 0.0  # a source's task is run again elsewhere after this (0: max_run_seconds + 10 min)


@dataclass(frozen=True)
class Config:
    path: Path
    store: StoreConfig
    crawl: CrawlConfig
    topics: list[Topic]
    sources: list[Source]
    digest: DigestConfig = field(default_factory=DigestConfig)
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    browse: BrowseConfig = field(default_factory=BrowseConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)

    def source(self, name: str) -> Source:
        for source in self.sources:
            if source.name == name:
                return source
        raise ConfigError(f"{self.path}: no source named {name!r} (known: {', '.join(s.name for s in self.sources)})")


def config_path(explicit: str | os.PathLike | None = None) -> Path:
    """The config file to use: the explicit one, else NEWSWATCH_CONFIG, else ./newswatch.toml."""
    return Path(explicit or os.environ.get("NEWSWATCH_CONFIG") or DEFAULT_CONFIG)


def cache_folder() -> Path:
    """Where newswatch keeps files it can rebuild (the language model, unpacked): $XDG_CACHE_HOME/newswatch,
    else ~/.cache/newswatch."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newswatch"


def secret(name: str) -> str | None:
    """Read a secret (a password) from the environment variable the config names."""
    return os.environ.get(name) or None


def load_config(path: str | os.PathLike | None = None) -> Config:
    """Read, validate and return the configuration; raise ConfigError with file and key on any problem."""
    path = config_path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found (create one with `newswatch init`)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the file: {exc}") from None
    return parse_config(raw, path)


def parse_config(raw: dict, path: Path) -> Config:
    """Validate an already parsed TOML document."""
    known = {"store", "crawl", "topics", "sources", "digest", "schedule", "browse", "cluster"}
    for key in raw:
        if key not in known:
            raise ConfigError(f"{path}: unknown section or key {key!r} (expected one of: {', '.join(sorted(known))})")
    store = _build(StoreConfig, raw.get("store", {}), path, "[store]")
    env_url = os.environ.get("NEWSWATCH_DATABASE_URL")
    store = dataclasses.replace(store, url=_resolve_sqlite_url(env_url or store.url, path.parent))
    if store.busy_timeout_seconds <= 0:
        raise ConfigError(f"{path}: [store] busy_timeout_seconds: expected a number above 0, "
                          f"got {store.busy_timeout_seconds!r}")
    crawl = _build(CrawlConfig, raw.get("crawl", {}), path, "[crawl]")
    topics = [_build(Topic, t, path, f"[[topics]] #{i + 1}") for i, t in enumerate(_table_list(raw, "topics", path))]
    sources = [_build(Source, s, path, f"[[sources]] #{i + 1}") for i, s in enumerate(_table_list(raw, "sources", path))]
    _check_unique(path, "topics", [t.name for t in topics])
    _check_unique(path, "sources", [s.name for s in sources])
    _check_values(path, crawl, topics, sources)
    digest = _build(DigestConfig, raw.get("digest", {}), path, "[digest]")
    if digest.security not in ("starttls", "ssl", "none"):
        raise ConfigError(f"{path}: [digest] security: expected one of starttls, ssl, none, got {digest.security!r}")
    schedule = _build(ScheduleConfig, raw.get("schedule", {}), path, "[schedule]")
    _check_schedule(path, schedule)
    browse = _build(BrowseConfig, raw.get("browse", {}), path, "[browse]")
    if not 0 <= browse.port <= 65535:
        raise ConfigError(f"{path}: [browse] port: expected 0 to 65535, got {browse.port!r}")
    cluster = _build(ClusterConfig, raw.get("cluster", {}), path, "[cluster]")
    if cluster.broker and not cluster.broker.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"{path}: [cluster] broker: expected a Redis URL (redis://host:6379/0), got {cluster.broker!r}")
    if cluster.workers < 0:
        raise ConfigError(f"{path}: [cluster] workers: expected 0 (one per core) or more, got {cluster.workers!r}")
    return Config(path=path, store=store, crawl=crawl, topics=topics, sources=sources, digest=digest, schedule=schedule,
                  browse=browse, cluster=cluster)


def _table_list(raw: dict, key: str, path: Path) -> list[dict]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{path}: {key!r} must be a list of tables written [[{key}]]")
    return value


def _build(cls: type, table: object, path: Path, where: str):
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {where} must be a table")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key in table:
        if key not in fields:
            raise ConfigError(f"{path}: {where}: unknown key {key!r} (expected one of: {', '.join(fields)})")
    values = {}
    for name, f in fields.items():
        if name in table:
            values[name] = _coerce(table[name], hints[name], path, f"{where} {name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ConfigError(f"{path}: {where}: missing required key {name!r}")
    return cls(**values)


def _coerce(value: object, hint: object, path: Path, where: str):
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [h for h in typing.get_args(hint) if h is not type(None)]
        if value is None or len(options) != 1:
            raise ConfigError(f"{path}: {where}: unsupported value {value!r}")
        return _coerce(value, options[0], path, where)
    if origin is list:
        (item,) = typing.get_args(hint)
        if item is str and isinstance(value, str):
            value = [value]  # a single string is accepted where a list of strings is expected
        if not isinstance(value, list):
            raise ConfigError(f"{path}: {where}: expected a list of {_name(item)}, got {value!r}")
        return [_coerce(v, item, path, where) for v in value]
    ok = {
        bool: lambda v: isinstance(v, bool),
        int: lambda v: isinstance(v, int) and not isinstance(v, bool),
        float: lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        str: lambda v: isinstance(v, str),
    }[hint](value)
    if not ok:
        raise ConfigError(f"{path}: {where}: expected {_name(hint)}, got {value!r}")
    return float(value) if hint is float else value


def _name(hint: object) -> str:
    return {bool: "true or false", int: "an integer", float: "a number", str: "a string"}.get(hint, str(hint))


def _check_unique(path: Path, what: str, names: list[str]) -> None:
    seen = set()
    for name in names:
        if name in seen:
            raise ConfigError(f"{path}: [[{what}]]: the name {name!r} is used twice")
        seen.add(name)


def _check_values(path: Path, crawl: CrawlConfig, topics: list[Topic], sources: list[Source]) -> None:
    from newswatch.text.topics import TopicError, compile_query

    for key in ("delay_seconds", "max_age_days", "follow_depth", "extract_workers", "recheck_days",
                "recheck_interval_hours", "notice_days", "full_read_days", "ocr_pages"):
        if getattr(crawl, key) < 0:
            raise ConfigError(f"{path}: [crawl] {key}: expected 0 or more, got {getattr(crawl, key)!r}")
    for key in ("concurrency_per_domain", "timeout_seconds", "max_page_bytes", "max_document_bytes",
                "extract_timeout_seconds", "retry_runs"):
        if getattr(crawl, key) <= 0:
            raise ConfigError(f"{path}: [crawl] {key}: expected more than 0, got {getattr(crawl, key)!r}")
    if not re.fullmatch(r"[A-Za-z_]+(?:\+[A-Za-z_]+)*", crawl.ocr_languages):
        raise ConfigError(f"{path}: [crawl] ocr_languages: expected tesseract's language names joined by \"+\" "
                          f"(\"fra+eng\"), got {crawl.ocr_languages!r}")
    for topic in topics:
        try:
            compile_query(topic.query)
        except TopicError as exc:
            raise ConfigError(f"{path}: [[topics]] {topic.name!r} query: {exc}") from None
    for source in sources:
        urls = source.channels + ([source.search] if source.search else [])
        if not urls:
            raise ConfigError(f"{path}: [[sources]] {source.name!r}: give at least one of feeds, sitemaps, pages, "
                              "search, documents")
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise ConfigError(f"{path}: [[sources]] {source.name!r}: {url!r} is not an http(s) URL")
        if source.search and "{query}" not in source.search:
            raise ConfigError(f"{path}: [[sources]] {source.name!r} search: the template must contain {{query}}")


def _check_schedule(path: Path, schedule: ScheduleConfig) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        zone = ZoneInfo(schedule.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{path}: [schedule] timezone: unknown time zone {schedule.timezone!r} "
                          "(expected a name such as \"Europe/Paris\" or \"UTC\")") from None
    for key in ("crawl", "digest"):
        for expr in getattr(schedule, key):
            try:
                cron_trigger(expr, zone)
            except ValueError as exc:
                raise ConfigError(f"{path}: [schedule] {key}: {expr!r} is not a usable cron expression: {exc}"
                                  ) from None
    for key in ("crawl_time_limit_seconds", "digest_time_limit_seconds"):
        if getattr(schedule, key) <= 0:
            raise ConfigError(f"{path}: [schedule] {key}: expected more than 0, got {getattr(schedule, key)!r}")


def _resolve_sqlite_url(url: str, base: Path) -> str:
    """Make a relative SQLite path relative to the config file's folder, so cron's cwd does not matter."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == "sqlite:///:memory:":
        return url
    db_path = Path(url[len(prefix):])
    if db_path.is_absolute():
        return url
    return prefix + str((base / db_path).resolve())

"""Engines and sessions for the archive: WAL, busy timeout, BEGIN IMMEDIATE for writers."""

from __future__ import annotations

import os
import pwd
import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_SECONDS = 30.0  # [store] busy_timeout_seconds: how long a SQLite write waits for another writer
_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()  # every engine make_engine made that is still alive


class ArchiveError(Exception):
    """The archive cannot be opened or created, said in one sentence for the person who configured it."""


def check_archive(url: str, create: bool = False, write: bool = False) -> None:
    """Raise ArchiveError unless `url` names a usable archive (or, with create, a place to make one; with create or
    write, one this process can write: `write_denied`).

    A SQLite file is checked here; a PostgreSQL URL only for its driver (its server is asked by `open_archive`).

    Nothing is created here: a read-only command pointed at a mistyped path must not leave an empty archive.
    Nor is the file opened (a file that is no SQLite database is told by `open_archive`, from SQLite's answer):
    closing a descriptor of it would drop the locks this process's connections to it hold (POSIX locks are the
    process's), and another process's last connection, closing, would then take the write-ahead log away from
    under them: their reads would miss its writes, and their next write would corrupt the archive.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ArchiveError(f"[store] url: {url!r} is not a database URL (expected sqlite:///path/to/newswatch.db)"
                           ) from None
    if parsed.get_backend_name() in ("postgresql", "postgres"):
        if parsed.get_backend_name() != "postgresql" or parsed.get_driver_name() != "psycopg":
            raise ArchiveError(f"[store] url: {parsed.render_as_string()!r}: a PostgreSQL archive is reached "
                               "through psycopg 3 (postgresql+psycopg://user@host/dbname)")
        try:
            import psycopg  # noqa: F401  (the `scale` extra)
        except ImportError:
            raise ArchiveError("a PostgreSQL archive needs psycopg: pip install 'newswatch[scale]'") from None
        return
    if parsed.get_backend_name() != "sqlite":
        raise ArchiveError(f"[store] url: {url!r} is neither a SQLite URL (sqlite:///path/to/newswatch.db) "
                           "nor a PostgreSQL one (postgresql+psycopg://user@host/dbname)")
    if not parsed.database or parsed.database == ":memory:":
        return
    path = Path(parsed.database)
    try:
        if path.is_dir():
            raise ArchiveError(f"the archive {path} is a folder, not a file: check [store] url")
        if not path.exists():
            folder = next((p for p in path.parents if p.exists()), None)
            if folder is not None and not folder.is_dir():
                raise ArchiveError(f"no archive can be at {path}: {folder} is a file, not a folder")
            if not create:
                raise ArchiveError(f"no archive at {path}: run `newswatch crawl` first, or check [store] url "
                                   "(and $NEWSWATCH_DATABASE_URL)")
        if (create or write) and (reason := write_denied(path)):
            raise ArchiveError(f"cannot write to the archive {path}: {reason}")
    except OSError as exc:
        raise ArchiveError(f"cannot read the archive {path}: {exc.strerror or exc}") from None


def write_denied(path: Path) -> str | None:
    """Why this process cannot write the SQLite archive at `path`, or create it there (None when it can), with
    what to do, for the end of a sentence.

    SQLite writes the file, and beside it its write-ahead log (`-wal`) and the log's index (`-shm`), which the
    last connection to close removes: the folder must be writable too, unless both are there and writable. A
    crawl run by cron as another user than the one who made the archive is the usual case.
    """
    user = user_name(os.geteuid())
    if not path.exists():
        folder = next((p for p in path.parents if p.exists()), None)
        if folder is None or os.access(folder, os.W_OK | os.X_OK):
            return None
        return (f"its folder {folder} is read-only for {user}; choose a [store] url in a folder {user} can write, "
                f"or give {user} write access to {folder}")
    advice = (f"run newswatch as {user_name(path.stat().st_uid)}, who owns it, or give {user} write access to the "
              "file and its folder")
    if not os.access(path, os.W_OK):
        return f"the file is read-only for {user}; {advice}"
    beside = _journals(path)
    stuck = [journal for journal in beside if journal.exists() and not os.access(journal, os.W_OK)]
    if stuck:  # left by another user: a reader that could not write the file made them (SQLite, in its folder)
        owners = " and ".join(sorted({user_name(journal.stat().st_uid) for journal in stuck}))
        one = len(stuck) == 1
        said = (f"{' and '.join(map(str, stuck))} {'is' if one else 'are'} read-only for {user} ({owners} made "
                f"{'it' if one else 'them'})")
        if beside[0] in stuck and beside[0].stat().st_size:  # the log holds commits not yet in the file
            return f"{said}; the log holds writes not yet in the file: run any newswatch command as {owners}"
        return (f"{said}; {'it holds' if one else 'they hold'} no writes: remove {'it' if one else 'them'} while no "
                "newswatch command runs")
    if not os.access(beside[0].parent, os.W_OK | os.X_OK) and not all(os.access(p, os.W_OK) for p in beside):
        return (f"its folder is read-only for {user}, and SQLite writes its journal there; {advice}")
    return None


def _journals(path: Path) -> list[Path]:
    """The write-ahead log and its index of the SQLite archive at `path` (`-wal`, `-shm`), where SQLite keeps them:
    beside the file, or beside the file a link to it leads to."""
    real = path.resolve()
    return [real.with_name(real.name + suffix) for suffix in ("-wal", "-shm")]


def user_name(uid: int) -> str:
    """A user's login name (its number when it has none)."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"user {uid}"


def read_only_uri(url: str) -> str | None:
    """The SQLite URI that opens the archive at `url` read-only, when it is a file this process cannot write
    (`write_denied`: a group member reading the archive of the crawl's user); None otherwise.

    A write-ahead-log archive is read with its log's index (`-shm`), which SQLite cannot create here. While
    a writer has the archive open (or after one was killed), the log and its index are there and are read as
    they are: the reader sees every committed write. When neither is there (no writer: the last connection to
    close folded the log into the file), the file alone is the whole archive and is opened `immutable`, without
    any index: nothing is created beside it, as SQLite would in a folder this user may write (a `-shm` file
    owned by the reader would then lock its owner out). A writer that starts during such a read is not seen
    by it; reads are short.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    path = Path(parsed.database)
    if not path.is_file() or write_denied(path) is None:
        return None
    return reader_uri(path)


def reader_uri(path: Path) -> str:
    """The SQLite URI that opens the archive file at `path` read-only, immutable when `read_as_it_stands`."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    return uri + "&immutable=1" if read_as_it_stands(path) else uri


def read_as_it_stands(path: Path) -> bool:
    """Whether the archive file at `path` is to be read immutable: this process cannot write it, and no writer is
    at work (no write-ahead log or index beside the file, where SQLite keeps them for a file reached through a
    link): see `read_only_uri`."""
    return write_denied(path) is not None and not any(journal.exists() for journal in _journals(path))


def open_archive(url: str, writer: bool = False, create: bool = False,
                 busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> sessionmaker[Session]:
    """Sessions on the archive at `url`, its schema brought up to date; ArchiveError if it cannot be used.

    Only `create=True` (the crawl) may make a new archive; every other command needs one to exist.
    """
    from store.migrate import has_schema, upgrade

    check_archive(url, create, write=writer)
    if not (writer or create) and (uri := read_only_uri(url)):
        return session_factory(_read_only_engine(url, uri, busy_timeout))
    try:
        if not create and make_url(url).get_backend_name() == "postgresql" and not has_schema(url):
            raise ArchiveError(f"no archive in the database {archive_name(url)}: run `newswatch crawl` first, "
                               "or check [store] url (and $NEWSWATCH_DATABASE_URL)")
        upgrade(url)
    except SQLAlchemyError as exc:
        raise _unusable(url, exc, "use") from None
    except OSError as exc:
        raise ArchiveError(f"cannot create the archive {make_url(url).database}: {exc.strerror or exc}") from None
    return session_factory(make_engine(url, writer=writer, busy_timeout=busy_timeout))


def _unusable(url: str, exc: SQLAlchemyError, verb: str) -> ArchiveError:
    """The archive's refusal to be opened, in one sentence: a file that is no SQLite database, else what the
    database said ("cannot {verb} the archive …")."""
    if getattr(getattr(exc, "orig", None), "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
        return ArchiveError(f"{archive_name(url)} is not a newswatch archive (not an SQLite database): check "
                            "[store] url")
    return ArchiveError(f"cannot {verb} the archive {archive_name(url)}: {error_reason(exc)}")


def _read_only_engine(url: str, uri: str, busy_timeout: float) -> Engine:
    """An engine reading the archive through `uri` (`read_only_uri`), once its schema is found to be this code's:
    a user who cannot write the archive cannot upgrade it either."""
    from store.migrate import HEAD, revisions

    engine = make_engine(url, busy_timeout=busy_timeout, uri=uri)
    try:
        with engine.connect() as connection:
            found = revisions(connection)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise _unusable(url, exc, "read") from None
    if found != {HEAD}:
        engine.dispose()
        owner = user_name(Path(archive_name(url)).stat().st_uid)
        raise ArchiveError(f"the archive {archive_name(url)} is at schema {', '.join(sorted(found)) or 'none'}, "
                           f"not {HEAD}, and {user_name(os.geteuid())} cannot write it to bring it up to date: "
                           f"any newswatch command run by {owner}, who owns it, does")
    return engine


WRITE_ERRORS = (SQLAlchemyError, OSError)  # what a write to the archive raises when the database fails it


def error_reason(exc: BaseException) -> str:
    """The database's own words for a failure, on one line ("database is locked", "terminating connection…")."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def archive_name(url: str) -> str:
    """How messages name the archive: its file, or its PostgreSQL URL without the password."""
    parsed = make_url(url)
    return parsed.database if parsed.get_backend_name() == "sqlite" else parsed.render_as_string(hide_password=True)


def make_engine(url: str, writer: bool = False, busy_timeout: float = BUSY_TIMEOUT_SECONDS,
                uri: str | None = None) -> Engine:
    """An engine for the archive; a writer's transactions take the write lock up front, waiting up to
    `busy_timeout` seconds for another writer on SQLite (then the write fails: "database is locked").

    On PostgreSQL the connections are named (`application_name` "newswatch", "newswatch writer"), so that an
    administrator sees them in pg_stat_activity, and a writer commits without waiting for the disk
    (synchronous_commit off), as SQLite's WAL with synchronous=NORMAL does: a power cut may lose the last
    commits (in order: a channel's validators never outlive the sightings written before them), never
    corrupt the archive, and the next crawl fetches again what was lost.

    `uri`: a SQLite archive's file opened through this URI instead (`read_only_uri`: a reader that cannot write it).
    """
    if uri is not None:
        engine = create_engine(url, creator=lambda: sqlite3.connect(uri, uri=True, timeout=busy_timeout,
                                                                    check_same_thread=False))
        event.listen(engine, "connect", _sqlite_pragmas(int(busy_timeout * 1000), read_only=True))
        event.listen(engine, "begin", _begin_deferred)
        _ENGINES.add(engine)
        return engine
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    if make_url(url).get_backend_name() != "sqlite":  # PostgreSQL: READ COMMITTED; concurrent writers are fine
        engine = create_engine(url, pool_pre_ping=True, connect_args={
            "connect_timeout": 10, "application_name": "newswatch writer" if writer else "newswatch"})
        if writer:
            event.listen(engine, "connect", _asynchronous_commit)
    else:
        engine = create_engine(url, connect_args={"timeout": busy_timeout})
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas(int(busy_timeout * 1000)))
            event.listen(engine, "begin", _begin_immediate if writer else _begin_deferred)
    _ENGINES.add(engine)
    return engine


def close_engines() -> None:
    """Close the idle connections of every engine still alive (a command's last step, see cli.run). On SQLite the
    last connection to close folds the write-ahead log back into the archive file and removes it, as Python's exit
    does when it collects them: between two commands, the file alone holds the whole archive."""
    for engine in list(_ENGINES):
        engine.dispose()


def _sqlite_pragmas(busy_timeout_ms: int, read_only: bool = False):
    """The "connect" listener of a SQLite engine: WAL (set by a connection that may write), the busy timeout,
    foreign keys."""
    def on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # let the "begin" event emit BEGIN itself
        cursor = dbapi_connection.cursor()
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms:d}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
    return on_connect


def _asynchronous_commit(dbapi_connection, _record) -> None:
    """PostgreSQL: this connection's commits do not wait for the disk (see make_engine)."""
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
    dbapi_connection.commit()


def _begin_immediate(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_deferred(conn) -> None:
    conn.exec_driver_sql("BEGIN")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back if it raises."""
    with factory() as session, session.begin():
        yield session

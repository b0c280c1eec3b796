"""The crawl and scheduler locks: one crawl, and one scheduler, at a time per archive on this machine, released
by the kernel when their holder dies (across machines, newswatch.operations.cluster.ClusterLock does it in Redis)."""

from __future__ import annotations

import fcntl
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from newswatch.config import Config

EXIT_ALREADY_RUNNING = 75  # EX_TEMPFAIL (sysexits.h): another crawl holds the lock, try again later
HOLDER_WAIT_STEPS = 40  # a refusal waits up to 1 s (25 ms steps) for a holder that has not written its name yet


class AlreadyRunning(Exception):
    """Another process holds the lock; the message says which one and since when."""


class LockUnavailable(Exception):
    """The lock file cannot be opened or made (another user's file, a read-only folder); the message says so."""


def beside_archive(config: Config, suffix: str) -> Path:
    """`<database>.<suffix>` next to the SQLite archive (`<config file>.<suffix>` for other databases). An archive
    reached through a symbolic link has it beside the file the link leads to, where SQLite keeps its journal: two
    configs naming one archive by two paths share its locks."""
    url = config.store.url
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        db = Path(url[len("sqlite:///"):]).resolve()
        return db.with_name(f"{db.name}.{suffix}")
    return config.path.resolve().with_name(f"{config.path.name}.{suffix}")


def lock_path(config: Config, what: str) -> Path:
    """The `what` lock file next to the SQLite archive (next to the config file for other databases)."""
    return beside_archive(config, f"{what}.lock")


def crawl_lock_path(config: Config) -> Path:
    """The crawl's lock file: `<database>.crawl.lock`."""
    return lock_path(config, "crawl")


class ProcessLock:
    """An exclusive `flock` on a file that holds the holder's pid and start time (for the refusal message).

    The kernel drops a flock when the holder's file descriptor closes, including when the process is
    killed, so the lock can never outlive its holder; the file itself stays (removing it would race).
    """

    def __init__(self, path: Path, what: str = "crawl"):
        self.path, self.what = Path(path), what
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock at once or raise AlreadyRunning (never waits)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)  # not inherited by exec'd children (PEP 446)
        except OSError as exc:
            from store.db import user_name

            raise LockUnavailable(f"cannot take the {self.what} lock {self.path}: {exc.strerror or exc}; run "
                                  f"newswatch as {_owner(self.path)}, or give {user_name(os.geteuid())} write access "
                                  "to it and its folder") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read(fd)
            for _ in range(HOLDER_WAIT_STEPS):  # the holder writes its name just after taking the lock
                if holder:
                    break
                time.sleep(0.025)
                holder = _read(fd)
            os.close(fd)
            raise AlreadyRunning(f"another {self.what} is already running ({holder or 'holder unknown'}; "
                                 f"lock file {self.path}): not starting a second one") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None

    def __enter__(self) -> ProcessLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def crawl_lock(config: Config) -> ProcessLock:
    """The lock every `newswatch crawl` takes, whether started by cron, the scheduler or a person."""
    return ProcessLock(crawl_lock_path(config), "crawl")


def scheduler_lock(config: Config) -> ProcessLock:
    """The lock a scheduler holds for as long as it runs (`<database>.scheduler.lock`): a second one refuses."""
    return ProcessLock(lock_path(config, "scheduler"), "scheduler")


def _owner(path: Path) -> str:
    """Who owns the lock file (or the nearest folder above it that exists), as a sentence names them."""
    from store.db import user_name

    try:
        where = path if path.exists() else next(p for p in path.parents if p.exists())
        return f"{user_name(where.stat().st_uid)}, who owns {'it' if where == path else where}"
    except (OSError, StopIteration):
        return "the user who runs the crawls"


def _read(fd: int) -> str:
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        return ""

"""Concurrent readers: searches and exports in a loop during a real crawl never see a lock nor block the writer."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newswatch.cli import cli
from store import queries
from store.db import make_engine, session_factory, transaction
from store.migrate import upgrade
from tests.conftest import REPO
from tests.hostile import HostileSite

ARTICLES = 60
HOLD_SECONDS = 1.0  # how long the long reader keeps its read transaction (and its snapshot) open


@pytest.fixture(scope="module")
def bulk_site():
    with HostileSite(bulk=ARTICLES, bulk_delay=0.02) as site:
        yield site


class Loop(threading.Thread):
    """Call `step` again and again until stopped; keep every error and count the rounds."""

    def __init__(self, name: str, step, pause: float = 0.0):
        super().__init__(name=name, daemon=True)
        self.step, self.pause, self.rounds, self.errors = step, pause, 0, []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.step()
            except Exception as exc:  # every failure is a finding: kept, reported by the test
                self.errors.append(f"{type(exc).__name__}: {exc}")
            self.rounds += 1
            self.stop.wait(self.pause)


def command_step(config: Path, *args: str):
    def step():
        result = subprocess.run([sys.executable, "-m", "newswatch", "--config", str(config), *args],
                                capture_output=True, text=True, cwd=REPO, timeout=120)
        if result.returncode != 0 or "locked" in result.stderr:
            raise RuntimeError(f"{' '.join(args)} exited {result.returncode}: {result.stderr.strip()[-300:]}")
    return step


def test_readers_during_a_crawl_never_see_a_lock_and_never_block_the_writer(bulk_site, tmp_path):
    db, config = tmp_path / "newswatch.db", tmp_path / "newswatch.toml"
    config.write_text(bulk_site.bulk_config_toml(db), encoding="utf-8")
    url = f"sqlite:///{db}"
    upgrade(url)
    readers = session_factory(make_engine(url))
    windows: list[tuple[int, int, int]] = []  # fetches seen: at the start, at the end of, and after a long read

    def queries_step():
        with readers() as session:
            list(queries.iter_articles(session, matched_only=False))
            queries.recent_runs(session)
            queries.article_count(session)

    def long_read_step():
        with readers() as session:
            seen = sum(queries.fetch_outcomes(session).values())  # the read transaction and its snapshot start here
            time.sleep(HOLD_SECONDS)
            still = sum(queries.fetch_outcomes(session).values())
        with readers() as session:
            windows.append((seen, still, sum(queries.fetch_outcomes(session).values())))

    loops = [Loop("queries", queries_step, pause=0.05), Loop("long read", long_read_step),
             Loop("export", command_step(config, "export", "--all"), pause=1.0),
             Loop("sources", command_step(config, "sources"), pause=1.0)]
    if "search" in cli.commands:  # being added by another engineer
        loops.append(Loop("search", command_step(config, "search", "rovaltain", "--json"), pause=1.0))
    for loop in loops:
        loop.start()
    started = time.monotonic()
    crawl = subprocess.run([sys.executable, "-m", "newswatch", "--config", str(config), "crawl"],
                           capture_output=True, text=True, cwd=REPO, timeout=300)
    elapsed = time.monotonic() - started
    for loop in loops:
        loop.stop.set()
    for loop in loops:
        loop.join(150)

    print(f"crawl {elapsed:.1f} s; rounds: " + ", ".join(f"{loop.name} {loop.rounds}" for loop in loops))
    assert crawl.returncode == 0, crawl.stderr
    assert "locked" not in crawl.stderr
    assert {loop.name: loop.errors for loop in loops if loop.errors} == {}
    assert all(loop.rounds >= 2 for loop in loops), "every reader ran during the crawl"
    with readers() as session:
        assert queries.article_count(session) == ARTICLES
        assert queries.fetch_outcomes(session) == {"stored": ARTICLES}
    assert all(seen == still for seen, still, _ in windows), "a read transaction sees one snapshot"
    assert any(after > still for _, still, after in windows), \
        "the crawl committed while a reader held its read transaction open"


def test_a_long_reader_does_not_block_a_writer(tmp_path):
    """WAL through store.db: a write commits at once while a reader is in the middle of a read transaction."""
    url = f"sqlite:///{tmp_path / 'newswatch.db'}"
    upgrade(url)
    readers, writers = session_factory(make_engine(url)), session_factory(make_engine(url, writer=True))
    with readers() as reading:
        before = queries.recent_runs(reading)
        started = time.monotonic()
        with transaction(writers) as writing:
            queries.start_run(writing, "crawl", pid=1)
        took = time.monotonic() - started
        assert queries.recent_runs(reading) == before, "the reader keeps its snapshot"
    assert took < 1.0, f"the writer waited {took:.1f} s for a reader"
    with readers() as reading:
        assert len(queries.recent_runs(reading)) == 1


WRITE_THREE_RUNS = """
import sys
from store import queries
from store.db import close_engines, open_archive, transaction
with transaction(open_archive(sys.argv[1], writer=True)) as session:
    for _ in range(3):
        queries.start_run(session, "crawl")
close_engines()  # the last connection to close takes the write-ahead log away (folded into the file)
"""


def test_a_process_that_opens_the_archive_again_keeps_seeing_what_others_write(tmp_path):
    """The digest opens the archive twice (its run's writer, then a reader) while a crawl may end in another
    process. Opening it again read the file's first bytes, and closing that file dropped the locks its first
    connection held (POSIX locks are the process's): the crawl, its last connection closing, took the write-ahead
    log away from under that connection, which then read the archive as it was before the crawl's writes, and
    whose next write corrupted it ("database disk image is malformed")."""
    import sqlite3
    from contextlib import closing

    from store.db import open_archive

    url = f"sqlite:///{tmp_path / 'newswatch.db'}"
    upgrade(url)
    held = open_archive(url, writer=True)
    with transaction(held) as session:
        queries.start_run(session, "digest")
    open_archive(url)  # again, in the same process: its first connection stays open, idle
    for round_ in range(1, 3):
        subprocess.run([sys.executable, "-c", WRITE_THREE_RUNS, url], cwd=REPO, check=True, timeout=60)
        with held() as session:
            assert len(queries.recent_runs(session, limit=100)) == 4 * round_, "its own, and the other process's"
        with transaction(held) as session:
            queries.start_run(session, "digest")
    held.kw["bind"].dispose()
    with closing(sqlite3.connect(tmp_path / "newswatch.db")) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM runs").fetchone() == (1 + 3 * 2 + 2,)

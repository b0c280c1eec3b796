"""Crash safety: SIGKILL a real crawl at random moments; the archive stays consistent and the next crawl finishes it."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.hostile import HostileSite

ARTICLES = 200
KILLS = 10


@pytest.fixture(scope="module")
def bulk_site():
    with HostileSite(bulk=ARTICLES, bulk_delay=0.01) as site:  # its feed answers 304 once a crawl has read it
        yield site


def start_crawl(config: Path, log: Path) -> subprocess.Popen:
    with log.open("a") as stderr:
        return subprocess.Popen([sys.executable, "-m", "newswatch", "--config", str(config), "crawl"], cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)


def read(db: Path, sql: str) -> list[tuple]:
    """A read-only query that never creates the file and tolerates a database still being set up."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute(sql).fetchall()
    except sqlite3.Error:
        return []


def wait_for_writes(db: Path, proc: subprocess.Popen, after_run: int, timeout: float = 60) -> bool:
    """Wait until the crawl's own run (id > after_run) has recorded a fetch outcome; False if it ended first."""
    sql = f"SELECT count(*) FROM fetches WHERE run_id = (SELECT max(id) FROM runs) AND run_id > {after_run:d}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if read(db, sql) not in ([], [(0,)]):
            return True
        time.sleep(0.02)
    return False


def kill(proc: subprocess.Popen) -> bool:
    """SIGKILL the crawl (its process only, as the OOM killer would); True if it was still running."""
    running = proc.poll() is None
    if running:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    return running


def leftovers(group: int, timeout: float = 10) -> bool:
    """Wait for the killed crawl's extraction workers to notice and exit; True (and clean up) if some stay."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.1)
    os.killpg(group, signal.SIGKILL)
    return True


def check_consistent(db: Path) -> None:
    """What must hold after any crash: a sound file and index, and no article half written."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        if not conn.execute("SELECT 1 FROM sqlite_master").fetchone():
            return  # killed as the migrations began: an empty file, which the next run migrates (checked below)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").fetchone():
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")  # raises if broken
        half_written = {
            "article without its URLs": "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                                        "(SELECT 1 FROM article_urls u WHERE u.article_id = a.id)",
            "article without its matches": "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                                           "(SELECT 1 FROM matches m WHERE m.article_id = a.id)",
            "article without its fetch": "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                                         "(SELECT 1 FROM fetches f WHERE f.article_id = a.id)",
            "stored fetch without article": "SELECT count(*) FROM fetches f WHERE f.outcome = 'stored' AND NOT EXISTS "
                                            "(SELECT 1 FROM articles a WHERE a.id = f.article_id)",
        }
        for what, sql in half_written.items():
            assert conn.execute(sql).fetchone() == (0,), what


def last_run(db: Path) -> int:
    rows = read(db, "SELECT max(id) FROM runs")
    return (rows[0][0] or 0) if rows else 0


def test_sigkill_at_random_moments_leaves_a_consistent_archive(bulk_site, tmp_path):
    """Every other kill lands while the crawl writes, always on the same archive (killed again and again);
    the others land at any moment of a crawl's life (imports, migrations, discovery, writes), each on a new archive."""
    from store.migrate import upgrade

    seed = int(os.environ.get("NW_CRASH_SEED", time.time_ns() % 1_000_000))
    print(f"crash test seed {seed}: rerun these kills with NW_CRASH_SEED={seed}", flush=True)
    rng = random.Random(seed)
    report, orphans, first_write, killed_writing = [], 0, None, 0
    for number in range(KILLS):
        writing = number % 2 == 0
        folder = tmp_path / ("kept" if writing else f"fresh{number}")
        folder.mkdir(exist_ok=True)
        db, config = folder / "newswatch.db", folder / "newswatch.toml"
        config.write_text(bulk_site.bulk_config_toml(db), encoding="utf-8")
        before, started = last_run(db), time.monotonic()
        proc = start_crawl(config, folder / "stderr.txt")
        wrote = False
        if writing:
            wrote = wait_for_writes(db, proc, before)
            first_write = first_write or time.monotonic() - started
            time.sleep(rng.uniform(0, 1.0))
            moment = "writing" if wrote else "before any write"
        else:
            time.sleep(rng.uniform(0.1, first_write + 1.5))
            moment = f"at {time.monotonic() - started:.1f} s"
        killed = kill(proc)
        killed_writing += wrote and killed
        orphans += leftovers(proc.pid)
        if db.exists():
            check_consistent(db)
        if not writing:
            upgrade(f"sqlite:///{db}")  # a crash during the migrations leaves an archive they can finish
            check_consistent(db)
        stored = read(db, "SELECT count(*) FROM articles")
        report.append(f"{folder.name} {moment}{'' if killed else ' (had ended)'}: {stored[0][0] if stored else 0}")
    print(f"seed {seed}; first write after {first_write:.1f} s; kills: " + "; ".join(report))
    assert killed_writing >= 1, f"no kill landed while a crawl was writing (NW_CRASH_SEED={seed})"
    assert orphans == 0, "killed crawls left extraction workers running"

    folder = tmp_path / "kept"
    final = subprocess.run([sys.executable, "-m", "newswatch", "--config", str(folder / "newswatch.toml"), "crawl"],
                           cwd=REPO, capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    check_consistent(folder / "newswatch.db")
    with sqlite3.connect(folder / "newswatch.db") as conn:
        urls = {url for (url,) in conn.execute("SELECT canonical_url FROM articles")}
        assert urls == {bulk_site.url(f"/bulk/{i}") for i in range(ARTICLES)}, "the next crawl archives everything"
        assert conn.execute("SELECT count(*) FROM fetches WHERE outcome != 'stored'").fetchone() == (0,)
        [(status, message)] = conn.execute("SELECT status, message FROM runs ORDER BY id DESC LIMIT 1")
        assert status == "ok", message
        assert conn.execute("SELECT count(*) FROM runs WHERE status = 'running'").fetchone() == (0,), \
            "a killed run is not left 'running' forever"

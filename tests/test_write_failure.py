"""An archive that refuses a write mid-crawl: the crawl stops at once, says so in one sentence, exits 74, and
loses nothing: the next crawl archives every article, each once.

SQLite: the test holds `BEGIN EXCLUSIVE` on the archive longer than the crawl's busy timeout. PostgreSQL: the
test locks a table the crawl writes, then kills the crawl's connection waiting on it (pg_terminate_backend).
The test site's feed answers conditional requests with 304, as real feeds do: a batch of sightings that
failed must not leave the feed's validators stored.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from newswatch.demo.server import not_modified, send_answer
from newswatch.operations.runs import EXIT_WRITE_FAILED, read_failed, write_failed
from tests.conftest import REPO, ServedSite, newswatch, pg_database, server_url
from tests.hostile import serial_chapter, serial_feed

ARTICLES = 6
FREE = 3  # articles answered at once; the others wait until the test lets them go
ETAG = '"feed-v1"'
WHEN = ["mid-crawl", "sightings"]  # the archive refuses an article's write, or the feed's batch of sightings


class GatedSite(ServedSite):
    """One feed of ARTICLES matching articles on 127.0.0.1 (ETag, 304). While `feed_held` is set the feed waits;
    while `articles_held` is set, the articles past the first FREE wait."""

    def __init__(self):
        self.modified = datetime.now(UTC).replace(microsecond=0)
        self.feed_held, self.articles_held = threading.Event(), threading.Event()
        self.feed_asked = threading.Event()
        self.lock = threading.Lock()
        self.log: list[tuple[float, str, int]] = []

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path, asked = handler.path, time.monotonic()
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/feed.rss":
            self.feed_asked.set()
            _wait_while(self.feed_held)
            headers = {"Content-Type": "application/rss+xml", "ETag": ETAG,
                       "Last-Modified": format_datetime(self.modified, usegmt=True)}
            status, body = (304, b"") if not_modified(handler.headers, ETAG, self.modified) else (200, self.feed())
        elif path.startswith("/a/") and path[3:].isdigit() and int(path[3:]) < ARTICLES:
            if int(path[3:]) >= FREE:
                _wait_while(self.articles_held)
            status, body = 200, self.article(int(path[3:]))
        else:
            status, body = 404, b"not found"
        with self.lock:
            self.log.append((asked, path, status))
        send_answer(handler, status, headers, body, send_body=True)

    def url(self, number: int) -> str:
        return f"{self.base}/a/{number}"

    def feed(self) -> bytes:
        return serial_feed(self.base, ARTICLES, self.modified)

    def article(self, number: int) -> bytes:
        return serial_chapter(number)

    def feed_answers_since(self, moment: float) -> list[int]:
        with self.lock:
            return [status for asked, path, status in self.log if asked >= moment and path == "/feed.rss"]

    def hold(self, when: str) -> None:
        """Hold what must wait until the archive is locked: the feed, or the articles past the first FREE."""
        self.feed_asked.clear()
        (self.feed_held if when == "sightings" else self.articles_held).set()

    def let_go(self) -> None:
        self.feed_held.clear()
        self.articles_held.clear()


def _wait_while(event: threading.Event, limit: float = 60) -> None:
    until = time.monotonic() + limit
    while event.is_set() and time.monotonic() < until:
        time.sleep(0.02)


@pytest.fixture
def site():
    with GatedSite() as gated_site:
        yield gated_site


def write_config(folder: Path, site: GatedSite, store_url: str, extra: str = "") -> Path:
    config = folder / "newswatch.toml"
    config.write_text(f'[store]\nurl = "{store_url}"\nbusy_timeout_seconds = 1\n\n'
                      f"[crawl]\ndelay_seconds = 0\nconcurrency_per_domain = {ARTICLES}\ntimeout_seconds = 30\n"
                      'extract_workers = 1\nallow_hosts = ["127.0.0.1"]\n\n'
                      "[[topics]]\nname = \"rovaltain\"\nquery = 'rovaltain'\n\n"
                      f'[[sources]]\nname = "feuilleton"\nfeeds = ["{site.base}/feed.rss"]\n{extra}', encoding="utf-8")
    return config


def start_crawl(config: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newswatch", "--config", str(config), "crawl", *args], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_until(predicate, what: str, proc: subprocess.Popen | None = None, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not _holds(predicate):
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the crawl ended before {what}: {proc.communicate()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _holds(predicate) -> bool:
    try:
        return bool(predicate())
    except Exception:  # noqa: BLE001 - the archive is still being made (no table yet)
        return False


def finish(proc: subprocess.Popen, timeout: float = 120) -> tuple[str, str]:
    try:
        return proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def check_stopped_crawl(code: int, err: str, *reasons: str) -> str:
    """Exit 74 and one sentence on stderr with the database's own reason (one of `reasons`): no traceback, no
    other line. Returns the sentence."""
    assert code == EXIT_WRITE_FAILED, err
    [line] = err.strip().splitlines()
    sentence = line.removeprefix("newswatch: ")
    assert any(sentence == write_failed(reason) for reason in reasons), err
    return sentence


def check_recrawl(site: GatedSite, config: Path, rows, when: str, stored_before: set[str]) -> None:
    """The next crawl archives every article once, resuming what the stopped one left; the feed's validators
    were stored only if its URLs were."""
    before = time.monotonic()
    again = newswatch("crawl", config=config)
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr
    assert site.feed_answers_since(before) == ([200] if when == "sightings" else [304])
    urls = [url for (url,) in rows("SELECT canonical_url FROM articles")]
    assert sorted(urls) == sorted(site.url(i) for i in range(ARTICLES)), "every article, each once"
    [(resumed, found)] = rows("SELECT resumed, found FROM run_sources WHERE run_id = (SELECT max(id) FROM runs)")
    if when == "sightings":
        assert not stored_before and (resumed, found) == (0, ARTICLES), "the sightings were found again"
    else:
        assert len(stored_before) == FREE and (resumed, found) == (ARTICLES - FREE, 0)


STORED = "SELECT url FROM fetches WHERE outcome = 'stored'"


@pytest.mark.parametrize("when", WHEN)
def test_sqlite_locked_past_the_busy_timeout_stops_the_crawl_and_the_next_one_loses_nothing(site, tmp_path, when):
    db = tmp_path / "newswatch.db"
    config = write_config(tmp_path, site, f"sqlite:///{db}")

    def rows(sql: str) -> list[tuple]:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(sql).fetchall()

    site.hold(when)
    crawl = start_crawl(config)
    try:
        if when == "sightings":  # the run is recorded, the feed asked for and held: nothing else written yet
            wait_until(lambda: site.feed_asked.is_set() and rows("SELECT id FROM runs"), "the feed to be asked for",
                       crawl)
        else:
            wait_until(lambda: len(rows(STORED)) == FREE, f"{FREE} stored articles", crawl)
        locker = sqlite3.connect(db, timeout=30, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")  # another writer, holding the lock until the crawl has ended
        try:
            site.let_go()
            out, err = finish(crawl)
            if when == "mid-crawl":  # a crawl started while the archive is still locked: its first write fails
                refused = newswatch("crawl", config=config)
                check_stopped_crawl(refused.returncode, refused.stderr, "database is locked")
        finally:
            locker.execute("ROLLBACK")
            locker.close()
    finally:
        site.let_go()
        if crawl.poll() is None:
            os.killpg(crawl.pid, signal.SIGKILL)
    sentence = check_stopped_crawl(crawl.returncode, err, "database is locked")
    assert not out, "no summary: the run's end could not be recorded"
    stored_before = {url for (url,) in rows(STORED)}
    assert rows("SELECT status FROM runs") == [("running",)], "its end was refused too"
    kept = tmp_path / "newswatch.db.crawl.unrecorded.json"
    assert kept.exists(), "the end is kept beside the archive"
    [shown] = json.loads(newswatch("runs", "--json", config=config, check=True).stdout)
    assert (shown["status"], shown["message"], shown["failing"]) == ("failed", sentence, "feuilleton")
    [source] = shown["sources"]
    assert source["last_error"] == sentence and source["found"] == ARTICLES
    check_recrawl(site, config, rows, when, stored_before)
    assert rows("SELECT status, message FROM runs ORDER BY id") == [("failed", sentence), ("ok", None)], \
        "the next crawl recorded the refused end"
    assert rows("SELECT source, found, last_error FROM run_sources WHERE run_id = 1") == \
        [("feuilleton", source["found"], sentence)]
    assert not kept.exists()


def terminate_waiting_writer(conn, timeout: float = 60, application: str = "newswatch writer") -> int:
    """Kill the crawl's writing (or reading) connection once it waits for the table the test locked: its pid."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = [pid for (pid,) in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s "
            "AND wait_event_type = 'Lock' AND datname = current_database()", (application,))]
        if pids:
            for pid in pids:
                conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
            return pids[0]
        time.sleep(0.05)
    raise AssertionError("the crawl never waited for the locked table")


def pg_rows(url: str):
    import psycopg
    from sqlalchemy import make_url

    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)

    def rows(sql: str) -> list[tuple]:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            return conn.execute(sql).fetchall()
    return conninfo, rows


def crawl_against_a_killed_connection(site: GatedSite, url: str, config: Path, when: str, *args: str):
    """Crawl; once it is under way, lock the table it writes next and kill its connection waiting for it."""
    import psycopg

    conninfo, rows = pg_rows(url)
    site.hold(when)
    crawl = start_crawl(config, *args)
    try:
        if when == "sightings":
            wait_until(site.feed_asked.is_set, "the feed to be asked for", crawl)
        else:
            wait_until(lambda: len(rows(STORED)) == FREE, f"{FREE} stored articles", crawl)
        with psycopg.connect(conninfo) as locker:  # one transaction, committed when the block ends
            locker.execute("LOCK TABLE discoveries, fetches IN EXCLUSIVE MODE")  # readers still read
            site.let_go()
            terminate_waiting_writer(locker)
        out, err = finish(crawl)
    finally:
        site.let_go()
        if crawl.poll() is None:
            os.killpg(crawl.pid, signal.SIGKILL)
    return crawl.returncode, out, err, rows


# what psycopg says of its connection killed mid-statement: the server's notice, or the cut itself
KILLED = ("terminating connection due to administrator command",
          "consuming input failed: server closed the connection unexpectedly")


@pytest.mark.parametrize("when", WHEN)
def test_postgresql_connection_killed_mid_crawl_stops_it_records_why_and_the_next_crawl_loses_nothing(
        site, tmp_path, when):
    with pg_database() as url:
        config = write_config(tmp_path, site, url)
        code, out, err, rows = crawl_against_a_killed_connection(site, url, config, when)
        sentence = check_stopped_crawl(code, err, *KILLED)
        assert "run 1: failed" in out, "the archive took the run's end on a new connection: the summary"
        assert rows("SELECT status, message FROM runs") == [("failed", sentence)]
        assert rows("SELECT source, last_error FROM run_sources") == [("feuilleton", sentence)]
        [health] = json.loads(newswatch("sources", "--json", config=config, check=True).stdout)
        assert (health["name"], health["state"], health["last_error"]) == ("feuilleton", "failing", sentence), \
            "a source whose writes were refused failed"
        stored_before = {u for (u,) in rows(STORED)}
        check_recrawl(site, config, rows, when, stored_before)
        assert [s for (s,) in rows("SELECT status FROM runs ORDER BY id")] == ["failed", "ok"]


def test_a_read_of_the_archive_that_fails_mid_crawl_stops_it_with_one_sentence_and_exit_74(site, tmp_path):
    """The spider's own reads (which URLs are known) are outside the writes: their failure is said the same way."""
    import psycopg

    with pg_database() as url:
        config = write_config(tmp_path, site, url)
        conninfo, rows = pg_rows(url)
        site.hold("sightings")
        crawl = start_crawl(config)
        try:
            wait_until(site.feed_asked.is_set, "the feed to be asked for", crawl)
            with psycopg.connect(conninfo) as locker:  # the feed's URLs are looked up in article_urls: they wait
                locker.execute("LOCK TABLE article_urls IN ACCESS EXCLUSIVE MODE")
                site.let_go()
                terminate_waiting_writer(locker, application="newswatch")
            out, err = finish(crawl)
        finally:
            site.let_go()
            if crawl.poll() is None:
                os.killpg(crawl.pid, signal.SIGKILL)
        assert crawl.returncode == EXIT_WRITE_FAILED, err
        [line] = err.strip().splitlines()
        sentence = line.removeprefix("newswatch: ")
        assert sentence in [read_failed(reason) for reason in KILLED], err
        assert "run 1: failed" in out
        assert rows("SELECT status, message FROM runs") == [("failed", sentence)]
        assert rows("SELECT source, last_error FROM run_sources") == [("feuilleton", sentence)]
        check_recrawl(site, config, rows, "sightings", set())


def test_a_distributed_crawl_reports_the_source_whose_writes_failed_as_failed(site, tmp_path):
    broker = server_url("NEWSWATCH_TEST_REDIS", "Redis")
    log = (tmp_path / "worker.log").open("w")
    with pg_database() as url:
        config = write_config(tmp_path, site, url, f'\n[cluster]\nbroker = "{broker}"\nsource_timeout_seconds = 60\n')
        worker = subprocess.Popen([sys.executable, "-m", "newswatch", "--config", str(config), "worker",
                                   "--concurrency", "1"], cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        try:
            code, out, err, rows = crawl_against_a_killed_connection(site, url, config, "sightings", "--distributed")
            assert code == EXIT_WRITE_FAILED, err
            *_, last = err.strip().splitlines()
            assert last.startswith("newswatch: feuilleton: ") and "Traceback" not in err, err
            sentence = last.removeprefix("newswatch: feuilleton: ")
            assert sentence in [write_failed(reason) for reason in KILLED], err
            assert "run 1: failed" in out
            assert rows("SELECT status, message FROM runs") == [("failed", "every source failed: feuilleton")]
            assert rows("SELECT last_error FROM run_sources") == [(sentence,)]
            again = newswatch("crawl", "--distributed", config=config)
            assert again.returncode == 0, again.stderr
            urls = [u for (u,) in rows("SELECT canonical_url FROM articles")]
            assert sorted(urls) == sorted(site.url(i) for i in range(ARTICLES)), "every article, each once"
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(60)
            log.close()
            subprocess.run(["redis-cli", "-u", broker, "FLUSHDB"], capture_output=True)

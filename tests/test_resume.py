"""Interrupted crawls: Ctrl-C, SIGTERM or SIGKILL mid-way, and the next run still archives every article once.

The test site's feed sends an ETag and a Last-Modified and answers conditional requests with 304, as real
feeds do: the next run cannot count on the feed to list again the URLs the stopped run never fetched.
"""

from __future__ import annotations

import json
import re
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
from tests.conftest import REPO, ServedSite, newswatch
from tests.hostile import serial_chapter, serial_feed

ARTICLES = 48  # enough that the crawl is still downloading when the first pages are stored, however slowly
#               the extraction workers start on a loaded machine (they load trafilatura and a language model)
ARTICLE_SECONDS = 0.25  # each article answers this slowly: the crawl is still busy when it is stopped
ETAG = '"feed-v1"'


class FeedSite(ServedSite):
    """One feed of ARTICLES matching articles on 127.0.0.1; the feed honours If-None-Match / If-Modified-Since."""

    def __init__(self):
        self.modified = datetime.now(UTC).replace(microsecond=0)
        self.lock = threading.Lock()
        self.log: list[tuple[float, str, int]] = []  # (when asked, path, status)
        self.held = threading.Event()  # while set, articles are not answered (pages stay in flight)

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path, asked = handler.path, time.monotonic()
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/feed.rss":
            headers = {"Content-Type": "application/rss+xml", "ETag": ETAG,
                       "Last-Modified": format_datetime(self.modified, usegmt=True)}
            status, body = (304, b"") if not_modified(handler.headers, ETAG, self.modified) else (200, self.feed())
        elif path.startswith("/a/") and path[3:].isdigit() and int(path[3:]) < ARTICLES:
            time.sleep(ARTICLE_SECONDS)
            held_until = time.monotonic() + 30
            while self.held.is_set() and time.monotonic() < held_until:
                time.sleep(0.02)
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

    def requests_since(self, moment: float) -> list[tuple[float, str, int]]:
        with self.lock:
            return [r for r in self.log if r[0] >= moment]


@pytest.fixture(scope="module")
def site():
    with FeedSite() as feed_site:
        yield feed_site


def write_config(folder: Path, site: FeedSite) -> Path:
    config = folder / "newswatch.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{folder / "newswatch.db"}"\n\n'
                      "[crawl]\ndelay_seconds = 0.05\nconcurrency_per_domain = 2\ntimeout_seconds = 10\n"
                      'extract_workers = 1\nallow_hosts = ["127.0.0.1"]\n\n'
                      "[[topics]]\nname = \"rovaltain\"\nquery = 'rovaltain'\n\n"
                      f'[[sources]]\nname = "feuilleton"\nfeeds = ["{site.base}/feed.rss"]\n', encoding="utf-8")
    return config


def query(db: Path, sql: str) -> list[tuple]:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute(sql).fetchall()
    except sqlite3.Error:
        return []


def wait_for(db: Path, proc: subprocess.Popen, sql: str, at_least: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the crawl ended before it could be stopped mid-way"
        rows = query(db, sql)
        if rows and rows[0][0] >= at_least:
            return
        time.sleep(0.02)
    raise AssertionError(f"{sql} never reached {at_least}")


STORED = "SELECT count(*) FROM fetches WHERE outcome = 'stored'"


class Crawl:
    """A `newswatch crawl` in a session of its own (a signal to the group is what a terminal's ^C sends),
    with each line of its stderr and when it came."""

    def __init__(self, config: Path):
        self.proc = subprocess.Popen([sys.executable, "-m", "newswatch", "--config", str(config), "crawl"], cwd=REPO,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                     start_new_session=True)
        self.lines: list[tuple[float, str]] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        with self.proc.stderr:
            for line in self.proc.stderr:
                self.lines.append((time.monotonic(), line.rstrip("\n")))

    def wait(self) -> str:
        self.proc.wait(timeout=60)
        self.reader.join(10)
        return "\n".join(line for _, line in self.lines)

    def when(self, pattern: str) -> float | None:
        return next((moment for moment, line in self.lines if re.search(pattern, line)), None)


@pytest.mark.parametrize("how", ["SIGINT", "SIGINT twice", "SIGTERM", "SIGKILL"])
def test_the_next_run_archives_every_article_once_even_when_the_feed_answers_304(site, tmp_path, how):
    config, db = write_config(tmp_path, site), tmp_path / "newswatch.db"
    crawl = Crawl(config)
    proc = crawl.proc
    wait_for(db, proc, STORED, 3)
    if how == "SIGINT":
        os.killpg(proc.pid, signal.SIGINT)
    elif how == "SIGINT twice":
        # the pages in flight are held, so the second ^C surely comes while they are being finished
        site.held.set()
        try:
            os.killpg(proc.pid, signal.SIGINT)
            deadline = time.monotonic() + 30
            while crawl.when(r"^stopping: finishing") is None and time.monotonic() < deadline:
                time.sleep(0.02)
            os.killpg(proc.pid, signal.SIGINT)
            crawl.proc.wait(timeout=30)
        finally:
            site.held.clear()
    else:
        proc.send_signal(getattr(signal, how))
    said = crawl.wait()
    if how.startswith("SIGINT") or how == "SIGTERM":
        again = "^C" if how.startswith("SIGINT") else "SIGTERM"
        stopping = crawl.when(rf"^stopping: finishing \d+ pages? in flight \({re.escape(again)} again to stop now\)$")
        assert stopping is not None, said
        # from that line on nothing new is sent (a request sent just before may reach the server just after)
        started_after = [path for _, path, _ in site.requests_since(stopping) if path.startswith("/a/")]
        assert len(started_after) <= 2, f"nothing new is started once stopping ({started_after})"
        [(fetched,)] = query(db, "SELECT fetched FROM run_sources")
        assert fetched >= 3, "the stopped run is recorded with its counts"
    if how == "SIGINT twice":
        assert "stopping now" in said
    assert "Traceback" not in said
    stopped_with = {url for (url,) in query(db, "SELECT url FROM fetches WHERE outcome = 'stored'")}
    assert len(stopped_with) < ARTICLES, "the crawl was stopped mid-way"

    runs = json.loads(newswatch("runs", "--json", config=config, check=True).stdout)
    assert [r["status"] for r in runs] == ["interrupted"], "a dead or stopped run is never shown as running"

    before = time.monotonic()
    again = newswatch("crawl", config=config)
    assert again.returncode == 0, again.stderr
    requests = site.requests_since(before)
    assert ("/feed.rss", 304) in [(path, status) for _, path, status in requests]
    fetched_again = [path for _, path, _ in requests if path.startswith("/a/")]
    assert len(fetched_again) == len(set(fetched_again)), "no article is asked for twice"
    assert not {site.base + path for path in fetched_again} & stopped_with, "no stored article is fetched again"

    urls = [url for (url,) in query(db, "SELECT canonical_url FROM articles")]
    assert sorted(urls) == sorted(site.url(i) for i in range(ARTICLES)), "every article, each once"
    [(resumed, found)] = query(db, "SELECT resumed, found FROM run_sources WHERE run_id = (SELECT max(id) FROM runs)")
    assert resumed == ARTICLES - len(stopped_with) and found == 0
    assert "resumed" in again.stdout.splitlines()[0], "the summary shows what was resumed"
    assert query(db, "SELECT status FROM runs ORDER BY id") == [("interrupted",), ("ok",)]

"""The crawl's preflight (newswatch/operations/preflight.py): a crawl that can find nothing new is recorded without
Scrapy, exactly as the full crawl records it; any doubt (a changed or redirected channel, robots.txt, a channel without
validators, a listing page, work left in the archive, a private address) runs the full crawl."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from newswatch.demo.run import demo_config
from newswatch.demo.server import not_modified, send_answer
from newswatch.operations.runs import DEAD_RUN
from tests.conftest import BACKENDS, REPO, ServedSite, crawl_demo, crawl_on, newswatch
from tests.hostile import serial_chapter, serial_feed

SETTLED = re.compile(r"^preflight: all \d+ channels answered 304 Not Modified$", re.M)
IMPORTTIME = {"PYTHONPROFILEIMPORTTIME": "1"}  # what `python -X importtime` prints, on stderr


def imported(stderr: str) -> set[str]:
    """The modules a child run with IMPORTTIME imported."""
    return {m.group(1) for m in re.finditer(r"^import time:.*\|\s*([\w.]+)$", stderr, re.M)}


def scrapy_ran(stderr: str) -> bool:
    return any(name.split(".")[0] in ("scrapy", "twisted") for name in imported(stderr))


def said(stderr: str) -> str:
    """stderr without the import times."""
    return "\n".join(line for line in stderr.splitlines() if not line.startswith("import time:"))


# --- the same nothing-new crawl, through the preflight and through Scrapy --------------------------------

SETTLED_SOURCES = ("--source", "courrier-drome", "--source", "nuages-bas")  # feeds and a news sitemap


def copy_archive(source: Path, folder: Path, site) -> Path:
    """A copy of the archive at `source` in `folder`, with a config of its own; returns the config."""
    folder.mkdir()
    with sqlite3.connect(source) as original, sqlite3.connect(folder / "newswatch.db") as copy:
        original.backup(copy)
    config = folder / "newswatch.toml"
    config.write_text(demo_config(site, folder / "newswatch.db"), encoding="utf-8")
    return config


def table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, without ids, pids and timestamps (which no two runs share)."""
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        dump = {}
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            keep = [i for i, d in enumerate(cursor.description)
                    if d[0] not in ("id", "pid", "first_seen") and not d[0].endswith("_at")]
            dump[table] = sorted((tuple(row[i] for i in keep) for row in cursor), key=repr)
    return dump


def without_times(text: str) -> list:
    """A command's JSON (one document or one per line) or CSV output, without times and pids."""
    text = re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(\+00:00|Z)?", "<time>", text)
    if text.startswith("["):
        return json.loads(re.sub(r'"pid": \d+', '"pid": null', text))
    if text.startswith("{"):
        return [json.loads(line) for line in text.splitlines()]
    return [{k: v for k, v in row.items() if k != "pid"} for row in csv.DictReader(io.StringIO(text))]


def test_a_nothing_new_crawl_is_recorded_and_told_as_the_full_crawl_does(demo_site, tmp_path):
    first = crawl_demo(demo_site, tmp_path / "first")
    fast = copy_archive(first.archive.path, tmp_path / "fast", demo_site)
    full = copy_archive(first.archive.path, tmp_path / "full", demo_site)
    before = table_rows(tmp_path / "fast" / "newswatch.db")

    settled = newswatch("crawl", "-v", *SETTLED_SOURCES, config=fast, env=IMPORTTIME, check=True)
    crawled = newswatch("crawl", "--no-preflight", *SETTLED_SOURCES, config=full, check=True)

    assert SETTLED.search(settled.stderr), said(settled.stderr)
    assert not scrapy_ran(settled.stderr)
    assert settled.stdout == crawled.stdout and re.search(r"^run \d+: ok$", settled.stdout, re.M), settled.stdout
    assert crawled.stderr == ""
    after = {name: table_rows(tmp_path / name / "newswatch.db") for name in ("fast", "full")}
    assert after["fast"] == after["full"]
    assert {t for t in before if before[t] != after["fast"][t]} == {"runs", "run_sources", "channels"}
    for command in (["runs", "--json"], ["runs", "--csv"], ["sources", "--json"], ["sources", "--csv"],
                    ["export", "--format", "jsonl", "--all"], ["export", "--format", "csv", "--all"]):
        outputs = [newswatch(*command, config=config, check=True).stdout for config in (fast, full)]
        assert without_times(outputs[0]) == without_times(outputs[1]), command
    runs = json.loads(newswatch("runs", "--json", "--limit", "1", config=fast, check=True).stdout)
    assert runs[0]["status"] == "ok" and runs[0]["pid"] and runs[0]["finished_at"] >= runs[0]["started_at"]
    channels = after["fast"]["channels"]
    assert sum(1 for row in channels if "not_modified" in row and 304 in row) == 3


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_preflight_settles_a_nothing_new_crawl_on_each_backend(backend, demo_site, tmp_path):
    with crawl_on(backend, demo_site, tmp_path) as first:
        settled = newswatch("crawl", "-v", *SETTLED_SOURCES, config=first.config_path, check=True)
        assert SETTLED.search(settled.stderr), settled.stderr
        [run] = json.loads(newswatch("runs", "--json", "--limit", "1", config=first.config_path, check=True).stdout)
        assert run["status"] == "ok" and [s["source"] for s in run["sources"]] == ["courrier-drome", "nuages-bas"]


def test_a_listing_page_source_runs_the_full_crawl(demo_crawl, tmp_path):
    config = copy_archive(demo_crawl.archive.path, tmp_path / "again", demo_crawl.site)
    result = newswatch("crawl", "-v", config=config, env=IMPORTTIME, check=True)
    assert "preflight: datacentre-weekly has a page channel" in result.stderr
    assert scrapy_ran(result.stderr)


# --- a press site whose feed, sitemap and robots.txt the tests change ------------------------------------

class Press(ServedSite):
    """A feed and a news sitemap of `articles` articles on 127.0.0.1, answering conditional requests with 304; the
    tests publish more, move the feed, fail articles, forbid the feed in robots.txt or hold the feed's answer."""

    def __init__(self):
        self.articles = 3
        self.modified = datetime.now(UTC).replace(microsecond=0)
        self.robots = b"User-agent: *\nDisallow: /private/\n"
        self.failing: set[int] = set()  # articles answering 503 (a passing failure: tried again next run)
        self.moved = False  # the feed answers 301 to /feed/
        self.validators = True  # the sitemap sends ETag and Last-Modified
        self.lies = False  # the feed and the sitemap answer 304 to any conditional request, changed or not
        self.held = threading.Event()  # while set, the feed is not answered
        self.asked = threading.Event()  # the feed was asked for
        self.log: list[tuple[float, str, int, dict]] = []

    def let_go(self) -> None:
        self.held.clear()

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path, etag = handler.path, f'"v{self.articles}"'
        validators = {"ETag": etag, "Last-Modified": format_datetime(self.modified, usegmt=True)}
        if path == "/feed.rss" and self.moved:
            status, headers, body = 301, {"Location": f"{self.base}/feed/"}, b""
        elif path in ("/feed.rss", "/feed/"):
            self.asked.set()
            until = time.monotonic() + 30
            while self.held.is_set() and time.monotonic() < until:
                time.sleep(0.02)
            headers = {"Content-Type": "application/rss+xml", **validators}
            fresh = self.lied_to(handler) or not_modified(handler.headers, etag, self.modified)
            status, body = (304, b"") if fresh else (200, serial_feed(self.base, self.articles, self.modified))
        elif path == "/sitemap.xml":
            headers = {"Content-Type": "application/xml", **(validators if self.validators else {})}
            fresh = self.lied_to(handler) or (self.validators and not_modified(handler.headers, etag, self.modified))
            status, body = (304, b"") if fresh else (200, self.sitemap())
        elif path == "/robots.txt":
            status, headers, body = 200, {"Content-Type": "text/plain"}, self.robots
        elif path.startswith("/a/") and path[3:].isdigit() and int(path[3:]) < self.articles:
            number = int(path[3:])
            status = 503 if number in self.failing else 200
            headers, body = {"Content-Type": "text/html; charset=utf-8"}, serial_chapter(number)
        else:
            status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
        self.log.append((time.monotonic(), path, status, dict(handler.headers)))
        send_answer(handler, status, headers, body, send_body=True)

    def lied_to(self, handler: BaseHTTPRequestHandler) -> bool:
        return self.lies and ("If-None-Match" in handler.headers or "If-Modified-Since" in handler.headers)

    def sitemap(self) -> bytes:
        urls = "".join(f"<url><loc>{self.base}/a/{i}</loc></url>" for i in range(self.articles))
        return (f'<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{urls}</urlset>").encode()

    def asked_since(self, moment: float) -> list[tuple[float, str, int, dict]]:
        return [entry for entry in self.log if entry[0] >= moment]


@pytest.fixture
def press():
    with Press() as site:
        yield site


def press_config(folder: Path, press: Press, crawl: str = 'allow_hosts = ["127.0.0.1"]\n') -> Path:
    folder.mkdir(exist_ok=True)
    config = folder / "newswatch.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{folder / "newswatch.db"}"\n\n'
                      "[crawl]\ndelay_seconds = 0\ntimeout_seconds = 10\nmax_age_days = 0\nextract_workers = 1\n"
                      f"{crawl}\n[[topics]]\nname = \"rovaltain\"\nquery = 'rovaltain'\n\n"
                      f'[[sources]]\nname = "chantier"\nfeeds = ["{press.base}/feed.rss"]\n'
                      f'sitemaps = ["{press.base}/sitemap.xml"]\n', encoding="utf-8")
    return config


def crawl(config: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """`newswatch crawl -v` with the import times on stderr."""
    return newswatch("crawl", "-v", *args, config=config, env=IMPORTTIME, check=check)


def stored(config: Path) -> int:
    with sqlite3.connect(config.parent / "newswatch.db") as conn:
        return conn.execute("SELECT count(*) FROM fetches WHERE outcome = 'stored'").fetchone()[0]


def test_nothing_new_imports_no_scrapy_prints_only_the_summary_and_asks_conditionally(press, tmp_path):
    config = press_config(tmp_path, press)
    newswatch("crawl", config=config, check=True)
    assert stored(config) == 3
    start = time.monotonic()
    quiet = newswatch("crawl", config=config, check=True)
    assert quiet.stderr == "" and quiet.stdout.splitlines()[-1].endswith(": ok")
    asked = press.asked_since(start)
    assert [(path, status) for _, path, status, _ in asked] == [
        ("/robots.txt", 200), ("/feed.rss", 304), ("/sitemap.xml", 304)]
    feed_headers = asked[1][3]
    assert feed_headers["If-None-Match"] == '"v3"' and feed_headers["If-Modified-Since"]
    assert feed_headers["User-Agent"].startswith("newswatch/")
    again = crawl(config)
    assert SETTLED.search(again.stderr) and not scrapy_ran(again.stderr)
    # nor the page parsers (0.1 s of CPU), nor the URL cleaner's courlan and urllib3 (0.1 s)
    assert not {"crawler.links", "crawler.documents", "lxml.html", "courlan", "urllib3"} & imported(again.stderr)
    # -v: why, then the source's verdict as the full crawl words it (tests/test_runs.py checks the wording)
    assert said(again.stderr).splitlines() == [
        SETTLED.search(again.stderr).group(0),
        "chantier: 0 found, 0 already known, 0 fetched, 0 extracted, 0 matched, 0 new"]
    full = crawl(config, "--no-preflight")
    assert scrapy_ran(full.stderr) and said(again.stderr).splitlines()[1] in said(full.stderr), said(full.stderr)

    press.articles = 4  # news: the feed answers 200
    changed = crawl(config)
    assert re.search(r"^preflight: http://\S+/feed.rss answered 200: the full crawl runs$", changed.stderr, re.M)
    assert scrapy_ran(changed.stderr)
    assert stored(config) == 4
    # news: the workers' fork server was started (loading trafilatura) before Scrapy's first module was imported
    order = re.findall(r"^import time:.*\|\s*([\w.]+)$", changed.stderr, re.M)  # in the order imported
    first_scrapy = next(i for i, name in enumerate(order) if name.split(".")[0] in ("scrapy", "twisted"))
    assert "newswatch.operations.workers" in order[:first_scrapy]


def test_channels_answering_304_to_everything_are_asked_for_whole_after_full_read_days(press, tmp_path):
    """A server whose cache answers 304 to any conditional request hid every new item of its feed and sitemap for
    ever: the preflight and the crawl asked with validators each time. A channel that has not answered in full
    for full_read_days is asked for whole, by the full crawl (the preflight, which only asks conditionally, says
    so and leaves it the run); `full_read_days = 0` keeps the validators for ever."""
    config = press_config(tmp_path, press)
    newswatch("crawl", config=config, check=True)
    assert stored(config) == 3
    press.lies, press.articles = True, 4  # a fourth article, hidden by the 304s
    assert SETTLED.search(crawl(config).stderr) and stored(config) == 3

    def last_read_in_full(days_ago: int) -> None:
        with sqlite3.connect(config.parent / "newswatch.db") as conn:
            conn.execute("UPDATE channels SET read_at = datetime('now', ?)", (f"-{days_ago} days",))

    last_read_in_full(3)  # the lie has lasted three days; full_read_days is 2 by default
    text = config.read_text()
    config.write_text(text.replace("[crawl]\n", "[crawl]\nfull_read_days = 0\n"))
    assert SETTLED.search(crawl(config).stderr) and stored(config) == 3
    config.write_text(text)
    start = time.monotonic()
    whole = crawl(config)
    assert re.search(r"^preflight: http://\S+/feed.rss is asked for whole: it gave no validators \(ETag, "
                     r"Last-Modified\), or has not answered in full for full_read_days: the full crawl runs$",
                     said(whole.stderr), re.M), said(whole.stderr)
    asked = {path: (status, headers) for _, path, status, headers in press.asked_since(start)}
    for channel in ("/feed.rss", "/sitemap.xml"):
        status, headers = asked[channel]
        assert status == 200 and not {"If-None-Match", "If-Modified-Since"} & set(headers), channel
    assert stored(config) == 4, "the hidden article is found"
    last_read_in_full(1)
    assert SETTLED.search(crawl(config).stderr), "read in full a day ago: asked with validators again"


def test_the_preflight_waits_delay_seconds_between_two_requests_to_a_host(press, tmp_path):
    config = press_config(tmp_path, press)
    newswatch("crawl", config=config, check=True)
    config.write_text(config.read_text().replace("delay_seconds = 0\n", "delay_seconds = 0.4\n"))
    start = time.monotonic()
    assert SETTLED.search(crawl(config).stderr)
    times = [moment for moment, *_ in press.asked_since(start)]
    assert len(times) == 3 and all(b - a >= 0.35 for a, b in zip(times, times[1:])), times


@dataclass
class Doubt:
    """A reason for the full crawl to run: how the site and config are before the first crawl and changed before
    the second, what the preflight says (a regular expression), and what the second crawl must have done."""

    reason: str
    first: Callable[[Press], object] = lambda press: None
    second: Callable[[Press, Path], object] = lambda press, config: None
    crawl: str = ""  # more [crawl] settings
    then: Callable[[Press, list[str], Path], object] = lambda press, asked, config: None


def _forget_allow_hosts(press: Press, config: Path) -> None:
    config.write_text(config.read_text().replace('allow_hosts = ["127.0.0.1"]\n', ""))


def _fetched_what_was_left(press: Press, asked: list[str], config: Path) -> None:
    assert "/a/1" in asked and stored(config) == 3


def _followed_once(press: Press, asked: list[str], config: Path) -> None:
    assert asked.count("/feed/") == 1, "only the crawl follows the redirect"


def _feed_not_asked(press: Press, asked: list[str], config: Path) -> None:
    assert "/feed.rss" not in asked, "robots.txt forbids it to the crawl as well"


DOUBTS = {
    "a URL left to fetch": Doubt(r"earlier runs left URLs to fetch", first=lambda press: press.failing.add(1),
                                 second=lambda press, config: press.failing.clear(), then=_fetched_what_was_left),
    "articles due for a re-check": Doubt(r"articles are due for a re-check", crawl="recheck_interval_hours = 0\n"),
    "a channel without validators": Doubt(r"http://\S+/sitemap.xml is asked for whole: it gave no validators \(ETag, "
                                          r"Last-Modified\), or has not answered in full for full_read_days",
                                          first=lambda press: setattr(press, "validators", False)),
    "a redirected feed": Doubt(r"http://\S+/feed.rss answered 301", then=_followed_once,
                               second=lambda press, config: setattr(press, "moved", True)),
    "robots.txt forbidding the feed": Doubt(
        r"http://\S+/robots.txt forbids http://\S+/feed.rss",
        second=lambda press, config: setattr(press, "robots", b"User-agent: newswatch\nDisallow: /feed.rss\n"),
        then=_feed_not_asked),
    "a private address not allowed": Doubt(r"http://\S+/feed.rss: refused: 127.0.0.1 is a private, loopback or "
                                           r"link-local address", second=_forget_allow_hosts),
}


@pytest.mark.parametrize("doubt", DOUBTS.values(), ids=DOUBTS.keys())
def test_any_doubt_runs_the_full_crawl(press, tmp_path, doubt):
    config = press_config(tmp_path, press, 'allow_hosts = ["127.0.0.1"]\n' + doubt.crawl)
    doubt.first(press)
    newswatch("crawl", config=config, check=True)
    doubt.second(press, config)
    start = time.monotonic()
    result = crawl(config, check=False)
    told = said(result.stderr)
    assert re.search(rf"^preflight: {doubt.reason}: the full crawl runs$", told, re.M), told
    assert scrapy_ran(result.stderr)
    doubt.then(press, [path for _, path, _, _ in press.asked_since(start)], config)


def test_ctrl_c_during_the_preflight_records_nothing(press, tmp_path):
    config = press_config(tmp_path, press)
    newswatch("crawl", config=config, check=True)
    press.asked.clear()
    press.held.set()
    # As from a terminal, the crawl starts with SIGINT's default action, whatever this test process inherited: a
    # shell's background job ignores SIGINT, its children inherit that, and Python then leaves ^C ignored.
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)  # reset to the default by exec
    try:
        child = subprocess.Popen([sys.executable, "-m", "newswatch", "--config", str(config), "crawl"], cwd=REPO,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                                 env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    finally:
        signal.signal(signal.SIGINT, inherited)
    try:
        assert press.asked.wait(30), "the preflight never asked for the feed"
        os.killpg(child.pid, signal.SIGINT)
        try:
            out, err = child.communicate(timeout=30)
        except subprocess.TimeoutExpired:  # say where it was: SIGABRT makes faulthandler print every thread's stack
            child.send_signal(signal.SIGABRT)
            raise AssertionError(f"still running 30 s after ^C:\n{child.communicate(timeout=30)[1]}") from None
    finally:
        press.held.clear()
        if child.poll() is None:
            child.kill()
    assert child.returncode == 130 and out == "" and err.strip() == "aborted", (child.returncode, out, err)
    with sqlite3.connect(tmp_path / "newswatch.db") as conn:
        assert conn.execute("SELECT count(*), min(status) FROM runs").fetchone() == (1, "ok")
    assert SETTLED.search(crawl(config).stderr), "the lock was released"


def test_a_killed_crawl_is_closed_as_interrupted_before_the_preflight_settles_the_next(press, tmp_path):
    config = press_config(tmp_path, press)
    newswatch("crawl", config=config, check=True)
    press.asked.clear()
    press.held.set()
    child = subprocess.Popen([sys.executable, "-m", "newswatch", "--config", str(config), "crawl", "--no-preflight"],
                             cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert press.asked.wait(60), "the crawl never asked for the feed"
        child.kill()
        child.wait(30)
    finally:
        press.held.clear()
    assert SETTLED.search(crawl(config).stderr)
    with sqlite3.connect(tmp_path / "newswatch.db") as conn:
        runs = conn.execute("SELECT status, message FROM runs ORDER BY id").fetchall()
    assert runs == [("ok", None), ("interrupted", DEAD_RUN), ("ok", None)]


# A DNS where a public-looking name answers loopback (as tests/test_hostile.py rebinds one), then the command.
REBINDING = """
import socket
_resolve = socket.gethostbyname
socket.gethostbyname = lambda host: "127.0.0.1" if host == "rebind.example" else _resolve(host)
from newswatch.cli import main
main()
"""


def test_a_name_resolving_to_a_private_address_is_refused_before_connecting(press, tmp_path):
    config = press_config(tmp_path, press, 'allow_hosts = ["127.0.0.1", "rebind.example"]\n')
    rebound = press.base.replace("127.0.0.1", "rebind.example")
    config.write_text(config.read_text().replace(f"{press.base}/", f"{rebound}/"))
    command = [sys.executable, "-c", REBINDING, "--config", str(config), "crawl", "-v"]
    first = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=240)
    assert first.returncode == 0 and stored(config) == 3, first.stderr
    config.write_text(config.read_text().replace(', "rebind.example"]', "]"))
    start = time.monotonic()
    second = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=240,
                            env={**os.environ, **IMPORTTIME})
    assert ("preflight: refused: rebind.example resolves to 127.0.0.1, a private, loopback or link-local address "
            "(checked when connecting): the full crawl runs") in said(second.stderr)
    assert scrapy_ran(second.stderr) and press.asked_since(start) == [], "nothing reached the server"

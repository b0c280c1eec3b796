"""The crawl lock: a second crawl exits at once with code 75, and a killed holder leaves no stuck lock."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newswatch.config import load_config
from newswatch.operations.lock import EXIT_ALREADY_RUNNING, AlreadyRunning, ProcessLock, crawl_lock, crawl_lock_path
from tests.conftest import REPO, newswatch

EMPTY_RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>slow</title></channel></rss>'


class SlowFeed(ThreadingHTTPServer):
    """A feed that answers only once `release` is set: a crawl fetching it stays running meanwhile."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _SlowHandler)
        self.release = threading.Event()
        self.hits = 0
        self.url = f"http://127.0.0.1:{self.server_address[1]}/feed.xml"


class _SlowHandler(BaseHTTPRequestHandler):
    server: SlowFeed

    def do_GET(self):
        self.server.hits += 1
        self.server.release.wait(60)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(EMPTY_RSS)))
        self.end_headers()
        self.wfile.write(EMPTY_RSS)

    def log_message(self, format, *args):  # noqa: A002 - keep the test output quiet
        pass


@pytest.fixture
def slow_feed():
    server = SlowFeed()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def slow_config(folder: Path, feed_url: str) -> Path:
    path = folder / "newswatch.toml"
    path.write_text(f'[store]\nurl = "sqlite:///{folder / "nw.db"}"\n\n'
                    '[crawl]\nuser_agent = "lock-test/1"\nobey_robots = false\ndelay_seconds = 0\n'
                    'timeout_seconds = 60\nallow_hosts = ["127.0.0.1"]\n\n'
                    '[[topics]]\nname = "sesterce"\nquery = "sesterce"\n\n'
                    f'[[sources]]\nname = "slow"\nfeeds = ["{feed_url}"]\n', encoding="utf-8")
    return path


def start_crawl(config: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newswatch", "--config", str(config), "crawl"], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until(condition, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_two_crawls_started_together_one_runs_the_other_exits_at_once(tmp_path, slow_feed):
    config = slow_config(tmp_path, slow_feed.url)
    crawls = [start_crawl(config), start_crawl(config)]
    loser = wait_until(lambda: next((c for c in crawls if c.poll() is not None), None), what="one crawl to exit")
    winner = crawls[1 - crawls.index(loser)]
    out, err = loser.communicate()
    assert loser.returncode == EXIT_ALREADY_RUNNING == 75, err
    assert "another crawl is already running" in err and f"pid {winner.pid}" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert winner.poll() is None  # the winner is still waiting on the slow feed
    slow_feed.release.set()
    out, err = winner.communicate(timeout=60)
    assert winner.returncode == 0, err
    assert "run 1: ok" in out


def test_a_killed_holder_releases_the_lock_and_its_run_is_closed(tmp_path, slow_feed):
    config = slow_config(tmp_path, slow_feed.url)
    lock_file = crawl_lock_path(load_config(config))
    holder = start_crawl(config)
    wait_until(lambda: slow_feed.hits and f"pid {holder.pid}" in lock_file.read_text(),
               what="the crawl to hold the lock")
    assert newswatch("crawl", config=config).returncode == EXIT_ALREADY_RUNNING
    holder.kill()  # SIGKILL: no cleanup code runs, the kernel drops the flock
    holder.communicate()
    slow_feed.release.set()
    after = start_crawl(config)
    out, err = after.communicate(timeout=60)
    assert after.returncode == 0, err
    runs = json.loads(newswatch("runs", "--json", config=config, check=True).stdout)
    assert [(r["status"], r["pid"]) for r in runs] == [("ok", after.pid), ("interrupted", holder.pid)]
    assert runs[1]["finished_at"] and "ended before the run finished" in runs[1]["message"]


def test_lock_refuses_a_second_holder_names_the_first_and_frees_on_release(tmp_path):
    path = tmp_path / "archive.db.crawl.lock"
    with ProcessLock(path):
        assert f"pid {os.getpid()}, started " in path.read_text()
        with pytest.raises(AlreadyRunning, match=rf"another crawl is already running \(pid {os.getpid()}, started"):
            ProcessLock(path).acquire()  # a second open file description conflicts, even in one process
    with ProcessLock(path):
        pass
    assert path.read_text() == ""


def test_a_refusal_names_a_holder_that_writes_its_name_a_moment_after_locking(tmp_path):
    """Two crawls started together: the loser may try just between the winner's flock and its write."""
    path = tmp_path / "archive.db.crawl.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    late = threading.Timer(0.2, os.pwrite, (fd, b"pid 4242, started 2026-11-30 01:00:00 UTC\n", 0))
    late.start()
    try:
        with pytest.raises(AlreadyRunning, match=r"another crawl is already running \(pid 4242, started"):
            ProcessLock(path).acquire()
    finally:
        late.join()
        os.close(fd)


def test_lock_file_sits_next_to_the_archive(tmp_path):
    config = load_config(slow_config(tmp_path, "http://127.0.0.1:9/feed.xml"))
    assert crawl_lock(config).path == tmp_path / "nw.db.crawl.lock"


def test_two_configs_naming_one_archive_through_a_link_share_its_lock(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "elsewhere").mkdir()
    direct = load_config(slow_config(tmp_path / "real", "http://127.0.0.1:9/feed.xml"))
    (tmp_path / "elsewhere" / "nw.db").symlink_to(tmp_path / "real" / "nw.db")  # made by the first crawl, later
    linked = slow_config(tmp_path / "elsewhere", "http://127.0.0.1:9/feed.xml")
    assert crawl_lock_path(load_config(linked)) == crawl_lock_path(direct) == tmp_path / "real" / "nw.db.crawl.lock"
    with crawl_lock(direct):
        refused = newswatch("crawl", config=linked)
    assert refused.returncode == EXIT_ALREADY_RUNNING
    assert f"another crawl is already running (pid {os.getpid()}, started " in refused.stderr

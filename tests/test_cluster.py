"""Crawls spread over Celery workers on Redis: two real workers, one SIGKILLed mid-crawl, lose nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import text
from tests.conftest import REPO, Archive, newswatch, pg_database, server_url

from newswatch.demo.articles import ARTICLES
from newswatch.demo.run import demo_config
from newswatch.demo.site import article_url
from newswatch.lock import EXIT_ALREADY_RUNNING

SOURCES = {"courrier-drome", "echo-eco", "nuages-bas", "datacentre-weekly"}


@pytest.fixture
def cluster_config(demo_site, tmp_path):
    """A config for the sample site with a new PostgreSQL archive and the test Redis as broker."""
    broker = server_url("NEWSWATCH_TEST_REDIS", "Redis")
    with pg_database() as url:
        config = tmp_path / "newswatch.toml"
        config.write_text(demo_config(demo_site, tmp_path / "unused.db", "", store_url=url)
                          + f'\n[cluster]\nbroker = "{broker}"\nsource_timeout_seconds = 30\n', encoding="utf-8")
        yield config, url
        subprocess.run(["redis-cli", "-u", broker, "FLUSHDB"], capture_output=True)


def start_worker(config, log, verbose: bool):
    return subprocess.Popen([sys.executable, "-m", "newswatch", "--config", str(config), "worker", "--concurrency",
                             "1", *(["-v"] if verbose else [])], cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def test_a_worker_killed_mid_crawl_loses_nothing_and_archives_nothing_twice(cluster_config, demo_site, tmp_path):
    config, url = cluster_config
    logs = [tmp_path / "worker-a.log", tmp_path / "worker-b.log"]
    handles = [path.open("w") for path in logs]
    workers = [start_worker(config, handles[0], verbose=True), start_worker(config, handles[1], verbose=False)]
    try:
        crawl = subprocess.Popen([sys.executable, "-m", "newswatch", "--config", str(config), "crawl", "--distributed"],
                                 cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for(lambda: "received" in logs[0].read_text(), 120, "worker A to take a source")
        second = newswatch("crawl", "--distributed", config=config)  # the lock: one crawl of an archive at a time
        assert second.returncode == EXIT_ALREADY_RUNNING, second.stderr
        assert "already running in the cluster" in second.stderr
        time.sleep(1.5)  # its crawl child is under way
        os.killpg(workers[0].pid, signal.SIGKILL)  # the whole worker: main process, pool, crawl children
        workers[0].wait(10)
        out, err = crawl.communicate(timeout=400)
        assert crawl.returncode == 0, err
    finally:
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(60)
        for handle in handles:
            handle.close()
    killed = logs[0].read_text()
    assert killed.count("received") > killed.count("succeeded"), "worker A was killed with a source in hand"
    assert "run 1: ok" in out
    exported = [json.loads(line) for line in newswatch("export", config=config, check=True).stdout.splitlines()]
    urls = [r["canonical_url"] for r in exported]
    assert len(urls) == len(set(urls)), "every article once"
    planted = {article_url(demo_site.base_urls, a) for a in ARTICLES if a.topics and a.age_days < 30
               and a.outlet != "dcw"}
    assert planted <= set(urls), "every article archived"
    archive = Archive(url=url, path=None)
    try:
        with archive.sessions()() as session:
            assert session.scalar(text("SELECT count(*) FROM articles")) == \
                session.scalar(text("SELECT count(DISTINCT canonical_url) FROM articles"))
            runs = session.execute(text("SELECT id, status FROM runs WHERE kind = 'crawl'")).all()
            assert [tuple(r) for r in runs] == [(1, "ok")], "one run, aggregated over the workers"
            assert {r[0] for r in session.execute(text("SELECT source FROM run_sources WHERE run_id = 1"))} == SOURCES
    finally:
        archive.close()

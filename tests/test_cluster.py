"""Crawls spread over Celery workers on Redis: two real workers, one SIGKILLed mid-crawl, lose nothing."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from tests.conftest import REPO, Archive, newswatch, pg_database, server_url

from newswatch.config import load_config
from newswatch.demo.articles import ARTICLES
from newswatch.demo.run import demo_config
from newswatch.demo.site import article_url
from newswatch.operations.cluster import LOCK_SECONDS
from newswatch.operations.lock import EXIT_ALREADY_RUNNING, AlreadyRunning

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
        killed_at = time.monotonic()
        workers[0].wait(10)
        out, err = crawl.communicate(timeout=400)
        assert crawl.returncode == 0, err
        # its source is given to worker B once source_timeout_seconds (30 s) is past, within a sweep (10 s), then
        # crawled: not up to 100 s later (Kombu's default sweeps every 10 s but scans at every 10th only)
        assert time.monotonic() - killed_at < 75, "the lost source waited far past source_timeout_seconds"
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


def lock_config(tmp_path, broker: str) -> Path:
    """A SQLite archive with the test Redis as broker, and a [schedule] with no jobs."""
    config = tmp_path / "newswatch.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "nw.db"}"\n\n[cluster]\nbroker = "{broker}"\n\n'
                      '[schedule]\ncrawl = []\ndigest = []\ntimezone = "UTC"\n', encoding="utf-8")
    return config


@pytest.fixture
def redis_client():
    import redis

    broker = server_url("NEWSWATCH_TEST_REDIS", "Redis")
    client = redis.Redis.from_url(broker)
    yield broker, client
    client.flushdb()
    client.close()


def test_a_second_scheduler_with_a_broker_refuses_at_start_and_a_killed_ones_lock_expires(redis_client, tmp_path):
    broker, client = redis_client
    config = lock_config(tmp_path, broker)
    log = tmp_path / "first.log"
    with log.open("w") as handle:
        first = subprocess.Popen([sys.executable, "-m", "newswatch", "--config", str(config), "schedule"], cwd=REPO,
                                 stdout=subprocess.DEVNULL, stderr=handle, start_new_session=True)
    try:
        wait_for(lambda: "scheduler started" in log.read_text(), 60, "the first scheduler")
        (key,) = [k for k in client.keys("newswatch:scheduler-lock:*") if not k.endswith(b":holder")]
        second = newswatch("schedule", config=config, timeout=60)
        assert second.returncode == EXIT_ALREADY_RUNNING, second.stderr
        [line] = second.stderr.strip().splitlines()
        assert re.fullmatch(rf"newswatch: another scheduler of this archive is already running in the cluster "
                            rf"\(pid {first.pid} on \S+, started [0-9-]+ [0-9:]+ UTC\): not starting a second one",
                            line), line
        assert first.poll() is None, "the first scheduler keeps running"
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        assert 0 < client.pttl(key) <= LOCK_SECONDS * 1000, "the lock of a killed scheduler expires by itself"
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait(10)
    assert "Traceback" not in log.read_text()


HOLD = """
import sys, time
from newswatch.config import load_config
from newswatch.operations.cluster import ClusterLock
with ClusterLock(load_config(sys.argv[1]), "scheduler", seconds=1.5):
    print("held", flush=True)
    time.sleep(600)
"""


def test_the_cluster_lock_is_renewed_while_its_holder_lives_and_expires_after_it_was_killed(redis_client, tmp_path):
    from newswatch.operations.cluster import ClusterLock

    config = load_config(lock_config(tmp_path, redis_client[0]))
    with subprocess.Popen([sys.executable, "-c", HOLD, str(config.path)], cwd=REPO, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as holder:
        try:
            assert holder.stdout.readline() == "held\n"
            time.sleep(4.5)  # three times the lock's life: renewed meanwhile
            with pytest.raises(AlreadyRunning, match=rf"another scheduler .* \(pid {holder.pid} on "):
                ClusterLock(config, "scheduler", seconds=1.5).__enter__()
        finally:
            holder.kill()
            _, err = holder.communicate(timeout=10)
        killed = time.monotonic()
        while True:
            try:
                with ClusterLock(config, "scheduler", seconds=1.5):
                    break
            except AlreadyRunning:
                assert time.monotonic() - killed < 3, "the lock outlived its killed holder"
                time.sleep(0.1)
    assert err == ""


def test_a_cluster_lock_found_expired_is_taken_again_and_one_taken_by_another_holder_is_reported(redis_client,
                                                                                                 tmp_path):
    from newswatch.operations.cluster import ClusterLock

    client = redis_client[1]
    config = load_config(lock_config(tmp_path, redis_client[0]))
    lost: list[str] = []
    with ClusterLock(config, "scheduler", on_lost=lost.append, seconds=1.5) as lock:
        client.delete(lock.lock.name)  # as after a restart of Redis (no persistence)
        time.sleep(1.2)  # past a renewal
        assert lock.lock.owned() and not lost, "taken again"
        client.set(lock.lock.name, "another holder's token")
        client.set(lock.holder_key, "pid 4242 on elsewhere, started 2026-01-01 00:00:00 UTC")
        wait_for(lambda: lost, 5, "the lost lock to be reported")
    assert lost == ["another scheduler of this archive took the cluster lock (pid 4242 on elsewhere, started "
                    "2026-01-01 00:00:00 UTC) after this one's expired"]
    assert client.get(lock.lock.name) == b"another holder's token", "the other holder's lock is left alone"

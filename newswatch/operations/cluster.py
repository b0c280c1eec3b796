"""Crawls spread over machines: Celery tasks on a Redis broker, one per source, each running our crawl as a
child process (exactly as `newswatch crawl` does), so one source is never crawled by two processes at once
(politeness per domain holds within a source's crawl; two sources on one domain may run at once).

The crawl that enqueues (`crawl --distributed`, or the scheduler when [cluster] broker is set) holds a Redis
lock, records one run, and finishes it when every source's task has reported; each task records its source
into that run. Tasks are acknowledged late and rejected when their worker is lost: a worker killed
mid-source loses nothing, its source runs again on another worker (the store's upserts make that harmless).
"""

from __future__ import annotations

import ctypes
import hashlib
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from newswatch.config import Config
from newswatch.operations.lock import AlreadyRunning

TASK = "newswatch.crawl_sources"
LOCK_SECONDS = 60  # the cluster lock expires this long after its holder stopped renewing it (killed)
PR_SET_PDEATHSIG = 1

log = logging.getLogger("newswatch.cluster")  # the name a worker's log lines have always carried


class ClusterError(Exception):
    """The broker cannot be reached or is not configured, said in one sentence."""


@dataclass(frozen=True)
class SourceOutcome:
    source: str
    exit_code: int | None  # None: the task never reported (timeout)
    error: str | None


# How often a worker looks for tasks whose worker was lost (past their visibility timeout) to give them out again:
# every 10 s. Kombu's Redis transport scans only every 10th sweep by default, so a killed worker's source waited up
# to 100 s more than source_timeout_seconds.
RESTORE_SWEEP = {"unacked_restore_interval": 10, "unacked_restore_throttle": 1}


def source_timeout(config: Config) -> float:
    """How long one source's task may run before the broker gives it to another worker."""
    return config.cluster.source_timeout_seconds or config.crawl.max_run_seconds + 600


def make_app(config: Config):
    """The Celery app of this cluster, with the crawl task registered (made by a function: no import-time state)."""
    try:
        from celery import Celery
    except ImportError:
        raise ClusterError("crawling over several machines needs Celery and Redis: "
                           "pip install 'newswatch[scale]'") from None
    if not config.cluster.broker:
        raise ClusterError(f"{config.path}: [cluster] broker is not set (redis://host:6379/0)")
    timeout = source_timeout(config)
    app = Celery("newswatch", broker=config.cluster.broker, backend=config.cluster.broker)
    app.conf.update(
        task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
        broker_transport_options={"visibility_timeout": timeout, **RESTORE_SWEEP}, result_expires=7 * 86400,
        task_serializer="json", result_serializer="json", accept_content=["json"],
        broker_connection_retry_on_startup=True, worker_hijack_root_logger=False, enable_utc=True)
    config_path = str(config.path.resolve())

    @app.task(name=TASK, acks_late=True, reject_on_worker_lost=True)
    def crawl_sources(run_id: int, sources: list[str]) -> dict:
        return run_sources(config_path, run_id, sources, timeout)

    return app


def run_sources(config_path: str, run_id: int, sources: list[str], timeout: float) -> dict:
    """Crawl these sources into run `run_id` in a child process (dies with its parent); its exit code and error."""
    command = [sys.executable, "-m", "newswatch", "--config", config_path, "crawl", "--join-run", str(run_id)]
    for name in sources:
        command += ["--source", name]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                preexec_fn=_die_with_parent)
    except subprocess.TimeoutExpired:
        return {"exit_code": None, "error": f"the crawl of {', '.join(sources)} took more than {timeout:.0f} s"}
    lines = result.stderr.strip().splitlines()
    error = lines[-1].removeprefix("newswatch: ") if lines and result.returncode else None
    return {"exit_code": result.returncode, "error": error}


def _die_with_parent() -> None:
    """In the child: the kernel kills it when the worker process running the task dies (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def worker_argv(config: Config, concurrency: int | None = None, loglevel: str = "WARNING") -> list[str]:
    """The Celery worker's arguments: one crawl slot per core unless [cluster] workers says otherwise."""
    slots = concurrency or config.cluster.workers or os.cpu_count() or 1
    return ["worker", "--concurrency", str(slots), "--pool", "prefork", "--loglevel", loglevel,
            "--hostname", f"newswatch-{os.getpid()}@{socket.gethostname()}",
            "--without-gossip", "--without-mingle", "--prefetch-multiplier", "1"]


def run_worker(config: Config, concurrency: int | None = None, loglevel: str = "WARNING") -> None:
    """Serve crawl tasks until stopped (SIGTERM: finish the tasks in hand, then exit)."""
    make_app(config).worker_main(argv=worker_argv(config, concurrency, loglevel))


class ClusterLock:
    """One crawl (or one scheduler, `what`) at a time per archive across the cluster: a Redis lock, renewed
    while held, that expires `seconds` after a holder that was killed stopped renewing it.

    A lock found expired at a renewal (Redis restarted, or this process was paused for longer than `seconds`)
    is taken again; if another process took it meanwhile, `on_lost` is called with a sentence saying so.
    """

    def __init__(self, config: Config, what: str = "crawl", on_lost: Callable[[str], None] | None = None,
                 seconds: float = LOCK_SECONDS):
        import redis

        self.what, self.on_lost, self.seconds = what, on_lost, seconds
        self.client = redis.Redis.from_url(config.cluster.broker, socket_timeout=10, socket_connect_timeout=10)
        key = f"newswatch:{what}-lock:" + hashlib.sha1(config.store.url.encode()).hexdigest()[:12]
        self.lock = self.client.lock(key, timeout=seconds, blocking=False, thread_local=False)
        self.holder_key = key + ":holder"
        self.holder = ""
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    def __enter__(self) -> ClusterLock:
        import redis

        try:
            acquired = self.lock.acquire()
            if not acquired:
                holder = (self.client.get(self.holder_key) or b"holder unknown").decode()
                raise AlreadyRunning(f"another {self.what} of this archive is already running in the cluster "
                                     f"({holder}): not starting a second one")
            self.holder = (f"pid {os.getpid()} on {socket.gethostname()}, started "
                           f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
            self.client.set(self.holder_key, self.holder, px=int(self.seconds * 1000))
        except redis.RedisError as exc:
            self.client.close()
            raise ClusterError(f"cannot reach the broker: {exc}") from None
        except AlreadyRunning:
            self.client.close()
            raise
        self._renewer = threading.Thread(target=self._renew, name=f"cluster {self.what} lock", daemon=True)
        self._renewer.start()
        return self

    def _renew(self) -> None:
        import redis
        from redis.exceptions import LockNotOwnedError

        while not self._stop.wait(self.seconds / 3):
            try:
                try:
                    self.lock.reacquire()
                except LockNotOwnedError:
                    if not self.lock.acquire():
                        self._lost()
                        return
                    log.warning("the cluster %s lock had expired (Redis restarted, or this process was paused): "
                                "taken again", self.what)
                self.client.set(self.holder_key, self.holder, px=int(self.seconds * 1000))
            except redis.RedisError as exc:  # the broker is away: keep trying while the lock has time left
                log.warning("cannot renew the cluster %s lock: %s", self.what, exc)

    def _lost(self) -> None:
        holder = (self.client.get(self.holder_key) or b"holder unknown").decode()
        why = f"another {self.what} of this archive took the cluster lock ({holder}) after this one's expired"
        if self.on_lost is None:
            log.error("%s", why)
        else:
            self.on_lost(why)

    def __exit__(self, *exc) -> None:
        import redis
        from redis.exceptions import LockError

        self._stop.set()
        if self._renewer is not None:
            self._renewer.join()
        try:
            if self.lock.owned():
                self.client.delete(self.holder_key)
                self.lock.release()
        except (LockError, redis.RedisError):  # lost, or the broker is away: the lock expires by itself
            pass
        self.client.close()


def run_distributed(config: Config, sources: list[str], sessions,
                    report: Callable[[str], None] = lambda line: None) -> tuple[int, str, str | None]:
    """Enqueue one task per source into one new run, wait for every task, finish the run: (run id, status,
    what a crawl that could not write the archive said, if one could not).

    A source whose crawl did not end well (killed, stopped, the archive not written) counts as failed, with
    what its crawl said as its last error. `sessions` is the archive's writer sessionmaker. Holds the cluster
    lock throughout (AlreadyRunning if held).
    """
    from newswatch.operations.runs import COUNTERS, EXIT_WRITE_FAILED, run_status
    from store import queries
    from store.db import transaction

    app = make_app(config)
    names = list(sources) or [s.name for s in config.sources]
    with ClusterLock(config):
        with transaction(sessions) as session:
            queries.ensure_sources(session, names)
            run_id = queries.start_run(session, "crawl", pid=os.getpid()).id
        pending = {name: app.send_task(TASK, args=[run_id, [name]]) for name in names}
        report(f"run {run_id}: {len(pending)} sources enqueued on {config.cluster.broker.split('@')[-1]}")
        # A source may wait behind every other one, and run again after its worker was lost: the deadline allows it.
        deadline = time.monotonic() + source_timeout(config) * (2 + len(pending))
        outcomes = []
        for name, result in pending.items():
            try:
                value = result.get(timeout=max(1.0, deadline - time.monotonic()), propagate=False,
                                   disable_sync_subtasks=False)
            except Exception as exc:  # the broker's timeout or connection error: the source is reported failed
                value = {"exit_code": None, "error": f"no answer from the workers: {exc}"}
            if not isinstance(value, dict):
                value = {"exit_code": None, "error": f"the task failed: {value}"}
            outcomes.append(SourceOutcome(name, value.get("exit_code"), value.get("error")))
            result.forget()
        with transaction(sessions) as session:
            run = queries.run_with_sources(session, run_id)
            recorded = {rs.source: {c: getattr(rs, c) for c in COUNTERS} for rs in run.sources}
            for outcome in outcomes:
                if outcome.source not in recorded:  # no crawl of it finished: the source failed
                    counts = dict.fromkeys(COUNTERS, 0) | {"errors": 1, "channel_errors": 1}
                    queries.record_run_source(session, run_id, outcome.source, counts,
                                              outcome.error or "the crawl of this source did not finish")
                    recorded[outcome.source] = counts
                elif outcome.exit_code != 0:  # it recorded its counts, then did not end well: say why
                    queries.record_run_source(session, run_id, outcome.source, recorded[outcome.source],
                                              outcome.error or f"its crawl exited with status {outcome.exit_code}")
            failed = [outcome.source for outcome in outcomes if outcome.exit_code != 0]
            status, message = run_status(recorded, "finished", failed_sources=failed)
            queries.finish_run(session, run_id, status, message)
    write_failed = next((f"{o.source}: {o.error}" for o in outcomes
                         if o.exit_code == EXIT_WRITE_FAILED), None)
    return run_id, status, write_failed

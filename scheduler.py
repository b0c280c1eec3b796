"""Run the [schedule] crawls and digests in one long-lived process (APScheduler 3.x BlockingScheduler)."""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.events import (EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED,
                                EVENT_SCHEDULER_STARTED)
from apscheduler.schedulers import SchedulerNotRunningError
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.combining import OrTrigger
from sqlalchemy.exc import SQLAlchemyError

from newswatch.config import Config, ConfigError, load_config
from newswatch.crontab import cron_trigger
from newswatch.operations.cluster import ClusterError
from newswatch.operations.lock import EXIT_ALREADY_RUNNING, AlreadyRunning, LockUnavailable, scheduler_lock
from store import queries
from store.db import ArchiveError, check_archive, make_engine, session_factory, transaction
from store.migrate import upgrade

log = logging.getLogger("newswatch.scheduler")

MISFIRE_GRACE_SECONDS = 3600  # a run up to an hour late (machine asleep, a long catch-up) still happens, once
STOP_GRACE_SECONDS = 30.0  # how long a child may take to finish after SIGTERM, before SIGKILL
EXIT_CONFIG = 2


@dataclass(frozen=True)
class Job:
    """One scheduled command: its kind (the job id and the run kind), command line, trigger and time limit."""

    kind: str
    command: list[str]
    trigger: BaseTrigger
    time_limit: float
    after: tuple[str, ...] = ()  # kinds this job waits for while they run (the digest waits for a crawl)


def config_jobs(config: Config) -> list[Job]:
    """The [schedule] jobs: the very `newswatch` commands a crontab would run."""
    schedule = config.schedule
    zone = ZoneInfo(schedule.timezone)
    base = [sys.executable, "-m", "newswatch", "--config", str(config.path.resolve())]
    crawl = ["crawl", "--distributed"] if config.cluster.broker else ["crawl"]  # a cluster's workers do the crawling
    specs = [("crawl", schedule.crawl, crawl, schedule.crawl_time_limit_seconds, ()),
             ("digest", schedule.digest, ["digest", "--send"], schedule.digest_time_limit_seconds, ("crawl",))]
    jobs = []
    for kind, exprs, args, limit, after in specs:
        if exprs:
            triggers = [cron_trigger(expr, zone) for expr in exprs]
            trigger = triggers[0] if len(triggers) == 1 else OrTrigger(triggers)
            jobs.append(Job(kind, base + args, trigger, limit, after))
    return jobs


def previous_fire_time(trigger: BaseTrigger, now: datetime) -> datetime | None:
    """The latest time at or before `now` when the trigger fired (None if it never did in the last two years)."""
    window = timedelta(minutes=1)
    while window <= timedelta(days=800):
        fire = trigger.get_next_fire_time(None, now - window)
        if fire is not None and fire <= now:
            while (following := trigger.get_next_fire_time(fire, fire)) is not None and following <= now:
                fire = following
            return fire
        window *= 2
    return None


def is_due(trigger: BaseTrigger, last_success: datetime | None, now: datetime) -> bool:
    """Catch-up rule: due when the last success ended before the trigger's latest fire time."""
    fired = previous_fire_time(trigger, now)
    return fired is not None and (last_success is None or last_success < fired)


class Runner:
    """Runs jobs as child processes in their own process group, each within its time limit; never raises."""

    def __init__(self, sessions, grace: float = STOP_GRACE_SECONDS):
        self.sessions, self.grace = sessions, grace
        self.stopping = threading.Event()
        self._running: dict[str, subprocess.Popen | None] = {}  # kind -> its child (None while starting)
        self._changed = threading.Condition()

    def run(self, job: Job) -> int | None:
        """Run the job's command to its end (or its time limit); return its exit status."""
        try:
            return self._run(job)
        except Exception:  # the scheduler outlives anything a job does
            log.exception("%s: the scheduler failed to run the job", job.kind)
            return None

    def run_all(self, jobs: list[Job]) -> None:
        """Catch-up: run the overdue jobs one after the other (a crawl before the digest)."""
        for job in jobs:
            log.info("%s: catching up, no success since its last scheduled time", job.kind)
            self.run(job)

    def kill_now(self) -> None:
        """SIGKILL every running child at once (a second Ctrl-C)."""
        with self._changed:
            children = [child for child in self._running.values() if child is not None]
        for child in children:
            _signal_group(child, signal.SIGKILL)

    def _run(self, job: Job) -> int | None:
        with self._changed:
            while not self.stopping.is_set() and any(kind in self._running for kind in job.after):
                self._changed.wait(1)
            if self.stopping.is_set():
                return None
            if job.kind in self._running:  # the catch-up and the scheduled run met
                log.warning("%s: skipped, the previous run is still going", job.kind)
                return None
            self._running[job.kind] = None  # reserved until the child is started
        started, clock = datetime.now(UTC), time.monotonic()
        try:
            child = subprocess.Popen(job.command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, start_new_session=True, text=True,
                                     encoding="utf-8", errors="replace", env={**os.environ, "PYTHONUNBUFFERED": "1"})
        except OSError as exc:
            self._release(job.kind)
            log.error("%s: cannot start %s: %s", job.kind, shlex.join(job.command), exc)
            self._record(job.kind, started, None, "failed", f"cannot start the command: {exc}")
            return None
        with self._changed:
            self._running[job.kind] = child
        log.info("%s: started pid %d: %s", job.kind, child.pid, shlex.join(job.command))
        tail: deque[str] = deque(maxlen=3)
        relay = threading.Thread(target=_relay, args=(child.stdout, job.kind, tail), daemon=True)
        relay.start()
        try:
            stopped = self._wait(child, job)
        finally:
            relay.join(5)
            self._release(job.kind)
        self._report(job, child, stopped, time.monotonic() - clock, tail, started)
        return child.returncode

    def _release(self, kind: str) -> None:
        with self._changed:
            del self._running[kind]
            self._changed.notify_all()

    def _wait(self, child: subprocess.Popen, job: Job) -> str | None:
        """Wait for the child; stop it at its time limit or when the scheduler stops. Say why it was stopped."""
        deadline = time.monotonic() + job.time_limit
        while True:
            try:
                child.wait(timeout=0.2)
                return None
            except subprocess.TimeoutExpired:
                pass
            if self.stopping.is_set():
                self._terminate(child, job)
                return "stopped: the scheduler was shutting down"
            if time.monotonic() >= deadline:
                log.error("%s: still running after its time limit of %g s: stopping it", job.kind, job.time_limit)
                self._terminate(child, job)
                return f"stopped after its time limit of {job.time_limit:g} s"

    def _terminate(self, child: subprocess.Popen, job: Job) -> None:
        """SIGTERM to the child (it stops its own helpers), SIGKILL to its whole group after the grace time."""
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(self.grace)
        except subprocess.TimeoutExpired:
            log.warning("%s: pid %d did not stop within %g s: killing it", job.kind, child.pid, self.grace)
            _signal_group(child, signal.SIGKILL)
            child.wait()

    def _report(self, job: Job, child: subprocess.Popen, stopped: str | None, seconds: float, tail: deque,
                started: datetime) -> None:
        code, last = child.returncode, (tail[-1] if tail else "")
        if code == EXIT_ALREADY_RUNNING and not stopped:
            log.warning("%s: skipped, another one is already running (%s)", job.kind, last)
            return
        if stopped:
            status, message = "failed", stopped
        elif code == 0:
            status, message = "ok", None
        else:
            why = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
            status, message = "failed", why + (f": {last}" if last else "")
        level = logging.INFO if status == "ok" else logging.ERROR
        log.log(level, "%s: %s after %.1f s (exit status %s)", job.kind, message or "finished", seconds, code)
        self._record(job.kind, started, child.pid, status, message)

    def _record(self, kind: str, started: datetime, pid: int | None, status: str, message: str | None) -> None:
        """Close the child's unfinished run, or record one when the command records none itself."""
        try:
            with transaction(self.sessions) as session:
                if status != "ok" and pid is not None:
                    queries.close_unfinished_runs(session, kind, message or "failed", pid=pid)
                if pid is None or not queries.run_recorded_since(session, kind, started, pid):
                    queries.record_run(session, kind, started_at=started, finished_at=datetime.now(UTC),
                                       status=status, message=message, pid=pid)
        except SQLAlchemyError as exc:
            log.error("%s: could not record the run in the archive: %s", kind, exc)


def _relay(stream, kind: str, tail: deque) -> None:
    """Copy the child's output into the scheduler's log, keeping the last lines for the run's message."""
    with stream:
        for line in stream:
            line = line.rstrip()
            if line:
                tail.append(line[:300])
                log.info("%s | %s", kind, line)


def _signal_group(child: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(child.pid, signum)  # start_new_session: the child leads its own group
    except (ProcessLookupError, PermissionError):
        pass


class Service:
    """The scheduler process: jobs on their cron triggers, catch-up at start, a clean stop."""

    def __init__(self, config: Config, jobs: list[Job] | None = None, *, grace: float = STOP_GRACE_SECONDS,
                 misfire_grace: int = MISFIRE_GRACE_SECONDS):
        upgrade(config.store.url)
        self.jobs = config_jobs(config) if jobs is None else jobs
        self.sessions = session_factory(make_engine(config.store.url, writer=True,
                                                    busy_timeout=config.store.busy_timeout_seconds))
        self.runner = Runner(self.sessions, grace)
        self.scheduler = BlockingScheduler(timezone=ZoneInfo(config.schedule.timezone))
        self.scheduler.add_listener(self._on_job_event, EVENT_JOB_ERROR | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
        self.scheduler.add_listener(self._on_started, EVENT_SCHEDULER_STARTED)
        for job in self.jobs:
            self.scheduler.add_job(self.runner.run, job.trigger, args=[job], id=job.kind, name=f"newswatch {job.kind}",
                                   coalesce=True, max_instances=1, misfire_grace_time=misfire_grace)

    def due(self, now: datetime | None = None) -> list[Job]:
        """The jobs whose last success is older than their latest scheduled time."""
        now = now or datetime.now(UTC)
        with self.sessions() as session:
            return [job for job in self.jobs if is_due(job.trigger, queries.last_success(session, job.kind), now)]

    def run(self) -> None:
        """Block: run what is overdue at once, then each job on its trigger, until `stop()`."""
        due = self.due()
        if due:
            self.scheduler.add_job(self.runner.run_all, "date", args=[due], id="catch-up", name="catch-up",
                                   max_instances=1, misfire_grace_time=None)
        now = datetime.now(UTC)
        for job in self.jobs:
            log.info("%s: next run at %s", job.kind, job.trigger.get_next_fire_time(None, now))
        self.scheduler.start()

    def stop(self) -> None:
        """Fire nothing more; a running child gets the grace time to finish, then is killed. Blocks until done."""
        self.runner.stopping.set()
        self._shutdown()

    def _shutdown(self) -> None:
        try:
            self.scheduler.shutdown(wait=True)
        except SchedulerNotRunningError:
            pass  # not started yet: _on_started shuts it down as soon as it starts

    def _on_started(self, _event) -> None:
        if self.runner.stopping.is_set():
            threading.Thread(target=self._shutdown, name="newswatch-stop").start()

    def _on_job_event(self, event) -> None:
        if event.code == EVENT_JOB_MISSED:
            log.warning("%s: missed its run of %s (more than %s s late)", event.job_id, event.scheduled_run_time,
                        MISFIRE_GRACE_SECONDS)
        elif event.code == EVENT_JOB_MAX_INSTANCES:
            log.warning("%s: skipped, the previous run is still going", event.job_id)
        else:
            log.error("%s: the job raised %r", event.job_id, event.exception)


def configure_logging(level: int = logging.INFO) -> None:
    """Plain timestamped lines on stderr, for journald or a log file."""
    logging.basicConfig(level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def one_scheduler(config: Config, on_lost):
    """The lock a scheduler holds while it runs, so that a second one of the same archive refuses at start
    (AlreadyRunning): in Redis when [cluster] broker is set (renewed; it expires 60 s after a holder was
    killed; `on_lost(sentence)` if another scheduler took it meanwhile), else a file lock on this machine."""
    if config.cluster.broker:
        from newswatch.operations.cluster import ClusterLock

        return ClusterLock(config, "scheduler", on_lost=on_lost)
    return scheduler_lock(config)


def serve(config: Config, grace: float = STOP_GRACE_SECONDS) -> int:
    """Run the scheduler until SIGTERM or Ctrl-C (a second one kills running jobs at once); return 0, or 75 if
    another scheduler took its cluster lock. Raises AlreadyRunning at once if another scheduler holds it, and
    ArchiveError or LockUnavailable if this user may not write the archive or the lock."""
    check_archive(config.store.url, create=True)  # its crawls and digests write: a user who may not is told now
    lost = threading.Event()
    services: list[Service] = []

    def on_lost(why: str) -> None:
        log.error("%s: stopping", why)
        lost.set()
        for service in services:
            threading.Thread(target=service.stop, name="newswatch-stop").start()

    with one_scheduler(config, on_lost):
        service = Service(config, grace=grace)
        services.append(service)

        def on_signal(signum, _frame):
            name = signal.Signals(signum).name
            if service.runner.stopping.is_set():
                log.warning("%s again: killing the running jobs now", name)
                service.runner.kill_now()
                return
            log.info("%s: stopping; a running job gets up to %g s to finish", name, grace)
            threading.Thread(target=service.stop, name="newswatch-stop").start()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        log.info("scheduler started (pid %d, config %s, time zone %s)", os.getpid(), config.path,
                 config.schedule.timezone)
        if not lost.is_set():
            service.run()
    log.info("scheduler stopped")
    return EXIT_ALREADY_RUNNING if lost.is_set() else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scheduler.py", description="Run newswatch's crawls and digests on the "
                                     "[schedule] of the config until stopped (SIGTERM or Ctrl-C).")
    parser.add_argument("--config", metavar="FILE", help="config file (default ./newswatch.toml, or $NEWSWATCH_CONFIG)")
    args = parser.parse_args(argv)
    configure_logging()
    try:
        return serve(load_config(args.config))
    except (ConfigError, ClusterError, ArchiveError, LockUnavailable) as exc:
        print(f"scheduler.py: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except AlreadyRunning as exc:
        print(f"scheduler.py: {exc}", file=sys.stderr)
        return EXIT_ALREADY_RUNNING


if __name__ == "__main__":
    sys.exit(main())

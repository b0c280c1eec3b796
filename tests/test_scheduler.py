"""The scheduler: fires jobs as child processes, survives failing and hanging ones, catches up, stops cleanly."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger

from newswatch.config import ConfigError, load_config
from newswatch.crontab import cron_trigger
from newswatch.operations.lock import EXIT_ALREADY_RUNNING
from scheduler import Job, Runner, Service, config_jobs, is_due, previous_fire_time
from store import queries
from store.db import transaction
from tests.conftest import REPO, newswatch
from tests.test_lock import wait_until

PY = sys.executable
EVERY_SECOND = CronTrigger(second="*", timezone=UTC)
SHUTDOWN = "stopped: the scheduler was shutting down"


def write_config(folder: Path, extra: str = "", schedule: str = 'timezone = "UTC"\n') -> Path:
    path = folder / "newswatch.toml"
    path.write_text(f'[store]\nurl = "sqlite:///{folder / "nw.db"}"\n\n{extra}\n[schedule]\n{schedule}',
                    encoding="utf-8")
    return path


def python_job(kind: str, code: str, trigger=EVERY_SECOND, time_limit: float = 20.0) -> Job:
    return Job(kind, [PY, "-c", code], trigger, time_limit)


def runs_of(service: Service, kind: str) -> list:
    with service.sessions() as session:
        return queries.recent_runs(session, limit=100, kind=kind)


@contextmanager
def running(service: Service):
    thread = threading.Thread(target=service.run, daemon=True)
    thread.start()
    try:
        yield service
    finally:
        service.stop()
        thread.join(20)
        assert not thread.is_alive(), "the scheduler did not stop"


def group_alive(pgid: int) -> bool:
    """Whether any process is left in this process group (a job's child leads its own group)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_fires_jobs_and_survives_a_failing_and_a_hanging_one(tmp_path):
    ticks = tmp_path / "ticks"
    jobs = [python_job("tick", f"open({str(ticks)!r}, 'a').write('x')"),
            python_job("failing", "import sys; print('something broke'); sys.exit(3)"),
            python_job("hanging", "import time; time.sleep(60)", CronTrigger(second="*/2", timezone=UTC), 1.0)]
    service = Service(load_config(write_config(tmp_path)), jobs, grace=2)
    with running(service):
        wait_until(lambda: len(runs_of(service, "hanging")) >= 2, 20, "two hanging runs stopped at their limit")
        ticked = len(ticks.read_text())
        wait_until(lambda: len(ticks.read_text()) > ticked, 5, "the tick job to go on after a hang")
    failing = runs_of(service, "failing")
    assert {r.status for r in failing} == {"failed"}
    # A run cut short by the scheduler's own stop says so (test_stop_gives_the_running_child_time_to_finish);
    # every other one ended on its own.
    finished = [r for r in failing if r.message != SHUTDOWN]
    assert len(finished) >= 2 and {r.message for r in finished} == {"exit status 3: something broke"}
    assert len(failing) - len(finished) <= 1
    hanging = runs_of(service, "hanging")
    limited = [r for r in hanging if r.message == "stopped after its time limit of 1 s"]
    assert len(limited) >= 2 and {r.status for r in hanging} == {"failed"}
    assert all((r.finished_at - r.started_at).total_seconds() < 4 for r in limited)
    assert not any(group_alive(r.pid) for r in hanging + failing)
    assert {r.status for r in runs_of(service, "tick")} == {"ok"}


def test_a_child_that_ignores_sigterm_is_killed_after_the_grace_time(tmp_path):
    service = Service(load_config(write_config(tmp_path)), [], grace=1)
    stubborn = python_job("stubborn", "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
                                      "print('ready', flush=True); time.sleep(60)", time_limit=1)
    started = time.monotonic()
    assert Runner(service.sessions, grace=1).run(stubborn) == -signal.SIGKILL
    assert time.monotonic() - started < 6
    (run,) = runs_of(service, "stubborn")
    assert run.status == "failed" and "time limit" in run.message and not group_alive(run.pid)


def test_stop_gives_the_running_child_time_to_finish(tmp_path):
    done = tmp_path / "done"
    code = (f"import signal, sys, time\n"
            f"def bye(*_):\n    time.sleep(0.5)\n"
            f"    open({str(done)!r}, 'w').write('finished cleanly')\n    sys.exit(0)\n"
            f"signal.signal(signal.SIGTERM, bye)\nopen({str(done)!r} + '.started', 'w').close()\ntime.sleep(60)")
    job = python_job("graceful", code, DateTrigger(datetime.now(UTC)))
    service = Service(load_config(write_config(tmp_path)), [job], grace=10)
    with running(service):
        wait_until(lambda: Path(str(done) + ".started").exists(), 15, "the job to start")
    assert done.read_text() == "finished cleanly"  # stop() returned only after the child finished
    (run,) = runs_of(service, "graceful")
    assert run.status == "failed" and run.message == SHUTDOWN


def test_a_missed_digest_is_caught_up_at_start(tmp_path):
    marker = tmp_path / "sent"
    config = load_config(write_config(tmp_path))
    digest = python_job("digest", f"open({str(marker)!r}, 'w').write('sent')", cron_trigger("30 7 * * *", UTC))
    service = Service(config, [digest], grace=2)
    long_ago = datetime.now(UTC) - timedelta(days=3)
    with transaction(service.sessions) as session:
        queries.record_run(session, "digest", started_at=long_ago, finished_at=long_ago, status="ok", message=None,
                           pid=None)
    assert service.due() == [digest]
    with running(service):
        wait_until(marker.exists, 15, "the catch-up digest")
        wait_until(lambda: len(runs_of(service, "digest")) == 2, 10, "the digest run to be recorded")
    latest = runs_of(service, "digest")[0]
    assert latest.status == "ok" and latest.pid and latest.started_at > long_ago
    assert service.due() == []  # the catch-up counts as the missed run


def test_previous_fire_time_and_the_catch_up_rule():
    daily = cron_trigger("30 7 * * *", UTC)
    at = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)  # a Sunday
    assert previous_fire_time(daily, at) == datetime(2026, 11, 29, 7, 30, tzinfo=UTC)
    assert previous_fire_time(daily, at.replace(hour=7)) == datetime(2026, 11, 28, 7, 30, tzinfo=UTC)
    monday = cron_trigger("0 6 * * 1", UTC)  # crontab weekday numbers: 1 = Monday, 0 and 7 = Sunday
    assert previous_fire_time(monday, at) == datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    assert previous_fire_time(cron_trigger("0 6 * * 7", UTC), at) == datetime(2026, 11, 29, 6, 0, tzinfo=UTC)
    assert is_due(daily, None, at) and is_due(daily, at - timedelta(hours=1), at)
    assert not is_due(daily, at - timedelta(minutes=20), at)


def test_config_jobs_run_the_same_commands_as_cron(tmp_path):
    config = load_config(write_config(tmp_path, schedule='crawl = ["0 6 * * *", "0 18 * * 1-5"]\n'
                                                         'digest = "30 7 * * *"\ntimezone = "Europe/Paris"\n'))
    crawl, digest = config_jobs(config)
    assert crawl.command == [PY, "-m", "newswatch", "--config", str(config.path.resolve()), "crawl"]
    assert digest.command[-2:] == ["digest", "--send"] and digest.after == ("crawl",)
    friday = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    assert crawl.trigger.get_next_fire_time(None, friday) == datetime(2026, 11, 27, 17, 0, tzinfo=UTC)  # 18:00 Paris
    assert previous_fire_time(crawl.trigger, friday) == datetime(2026, 11, 27, 5, 0, tzinfo=UTC)  # 06:00 Paris
    assert crawl.time_limit == config.schedule.crawl_time_limit_seconds


@pytest.mark.parametrize("schedule,expected", [
    ('crawl = "0 25 * * *"', "[schedule] crawl: '0 25 * * *' is not a usable cron expression"),
    ('digest = ["30 7 * *"]', "[schedule] digest: '30 7 * *' is not a usable cron expression: expected 5 fields"),
    ('crawl = "0 6 * * 8"', "invalid day of week '8'"),
    ('crawl = "0 6 1 * 1"', "restricting both day of month and day of week"),
    ('timezone = "Europe/Pariss"', "[schedule] timezone: unknown time zone 'Europe/Pariss'"),
    ("crawl_time_limit_seconds = 0", "[schedule] crawl_time_limit_seconds: expected more than 0"),
])
def test_schedule_mistakes_are_config_errors_naming_the_key(tmp_path, schedule, expected):
    with pytest.raises(ConfigError, match="newswatch.toml: ") as info:
        load_config(write_config(tmp_path, schedule=schedule + "\n"))
    assert expected in str(info.value)


def demo_schedule_config(site, folder: Path) -> Path:
    from newswatch.demo.run import demo_config

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "newswatch.toml"
    path.write_text(demo_config(site, folder / "newswatch.db")
                    + '\n[schedule]\ncrawl = "0 6 * * *"\ndigest = []\ntimezone = "UTC"\n', encoding="utf-8")
    return path


def test_a_real_crawl_runs_as_a_child_process_on_catch_up(demo_site, tmp_path):
    config = load_config(demo_schedule_config(demo_site, tmp_path))
    service = Service(config, grace=10)
    assert [job.kind for job in service.due()] == ["crawl"]  # never crawled: overdue
    with running(service):
        run = wait_until(lambda: next((r for r in runs_of(service, "crawl") if r.finished_at), None), 60,
                         "the crawl to finish")
    assert (run.status, run.message) == ("ok", None) and run.pid != os.getpid()
    assert {s.source for s in run.sources} == {"courrier-drome", "echo-eco", "nuages-bas", "datacentre-weekly"}
    assert all(s.found > 0 for s in run.sources)
    assert len(runs_of(service, "crawl")) == 1  # the crawl recorded its own run; the scheduler added none


def test_scheduler_py_stops_on_sigterm_and_leaves_no_crawl_behind(demo_site, tmp_path):
    config_path = demo_schedule_config(demo_site, tmp_path)
    service = Service(load_config(config_path), [])  # only to read the runs the scheduler's crawl records
    scheduler = subprocess.Popen([PY, str(REPO / "scheduler.py"), "--config", str(config_path)], cwd=tmp_path,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: runs_of(service, "crawl"), 60, "the catch-up crawl to start")
    finally:
        scheduler.send_signal(signal.SIGTERM)
        out, err = scheduler.communicate(timeout=60)
    assert scheduler.returncode == 0, err
    assert "SIGTERM: stopping" in err and "scheduler stopped" in err and "Traceback" not in err, err
    assert "did not stop within" not in err, err  # the crawl stopped on SIGTERM, it did not need SIGKILL
    (run,) = runs_of(service, "crawl")
    assert run.status != "running" and run.finished_at is not None, err
    # neither the crawl nor its extraction processes are left (once init has reaped the helpers)
    wait_until(lambda: not group_alive(run.pid), 10, "the crawl's process group to be gone")


def test_a_config_error_stops_either_entry_point_with_one_line(tmp_path):
    bad = write_config(tmp_path, schedule='crawl = "0 6 * *"\n')
    result = subprocess.run([PY, str(REPO / "scheduler.py"), "--config", str(bad)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"scheduler.py: {bad}: [schedule] crawl: '0 6 * *' is not a usable "
                                                  "cron expression: expected 5 fields (minute hour day-of-month month "
                                                  "day-of-week), got 4"]
    result = newswatch("schedule", config=bad)
    assert result.returncode == 2 and result.stderr.startswith(f"newswatch: {bad}: [schedule] crawl: ")
    assert len(result.stderr.strip().splitlines()) == 1


NO_JOBS = 'crawl = []\ndigest = []\ntimezone = "UTC"\n'


def start_scheduler(config: Path, log: Path) -> subprocess.Popen:
    """`newswatch schedule` in its own process, its log (stderr) in `log`."""
    with log.open("w") as handle:
        return subprocess.Popen([PY, "-m", "newswatch", "--config", str(config), "schedule"], cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=handle, start_new_session=True)


def stop_scheduler(scheduler: subprocess.Popen) -> int:
    if scheduler.poll() is None:
        scheduler.send_signal(signal.SIGTERM)
    return scheduler.wait(60)


def test_a_second_scheduler_of_the_same_archive_refuses_at_start_and_a_killed_one_leaves_no_lock(tmp_path):
    config = write_config(tmp_path, schedule=NO_JOBS)
    lock_file = tmp_path / "nw.db.scheduler.lock"
    first = start_scheduler(config, tmp_path / "first.log")
    try:
        wait_until(lambda: "scheduler started" in (tmp_path / "first.log").read_text(), 60, "the first scheduler")
        for command in ([PY, "-m", "newswatch", "--config", str(config), "schedule"],
                        [PY, str(REPO / "scheduler.py"), "--config", str(config)]):
            second = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=REPO)
            assert second.returncode == EXIT_ALREADY_RUNNING == 75, second.stderr
            [line] = second.stderr.strip().splitlines()
            assert re.fullmatch(rf"(newswatch|scheduler\.py): another scheduler is already running \(pid {first.pid}, "
                                rf"started [0-9-]+ [0-9:]+ UTC; lock file {re.escape(str(lock_file))}\): not starting "
                                "a second one", line), line
        time.sleep(1)
        assert first.poll() is None, "the first scheduler keeps running"
        os.killpg(first.pid, signal.SIGKILL)  # the kernel drops its flock
        first.wait(10)
        third = start_scheduler(config, tmp_path / "third.log")
        try:
            wait_until(lambda: "scheduler started" in (tmp_path / "third.log").read_text(), 60,
                       "a scheduler after the first was killed")
        finally:
            assert stop_scheduler(third) == 0, (tmp_path / "third.log").read_text()
    finally:
        stop_scheduler(first)
    assert "Traceback" not in (tmp_path / "first.log").read_text() + (tmp_path / "third.log").read_text()

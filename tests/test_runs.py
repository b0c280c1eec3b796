"""Run history and source health after real crawls, and how a crawl reports its progress."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import pty
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta

import pytest

from newswatch.demo.run import demo_config
from newswatch.operations.health import source_health
from newswatch.operations.progress import progress_text
from newswatch.operations.runs import source_verdict
from tests.conftest import REPO, Archive, newswatch

DEMO_SOURCES = {"courrier-drome", "echo-eco", "nuages-bas", "datacentre-weekly"}


@pytest.fixture(scope="module")
def broken_crawl(demo_site, tmp_path_factory):
    """The sample site plus one source whose feed is a 404, crawled once (-v: with the per-source log lines)."""
    folder = tmp_path_factory.mktemp("broken")
    config = folder / "newswatch.toml"
    config.write_text(demo_config(demo_site, folder / "newswatch.db") + '\n[[sources]]\nname = "broken"\n'
                      f'feeds = ["{demo_site.url("courrier", "/no-such-feed.xml")}"]\n', encoding="utf-8")
    result = newswatch("crawl", "-v", config=config)
    assert result.returncode == 0, result.stderr
    return config, result


def test_crawl_ends_with_one_line_per_source_saying_what_happened(broken_crawl):
    _, result = broken_crawl
    verdicts = [line for line in result.stderr.splitlines() if "[newswatch.progress]" in line]
    assert len(verdicts) == 5
    broken = next(line for line in verdicts if "broken:" in line)
    assert "WARNING: broken: FAILED" in broken and "HTTP 404" in broken and "no-such-feed.xml" in broken
    for name in DEMO_SOURCES:
        line = next(line for line in verdicts if f" {name}: " in line)
        assert "INFO" in line and " found, " in line and " new" in line
    assert "\r" not in result.stderr  # not a terminal: plain lines only


def test_runs_lists_the_crawl_with_counts_and_the_failing_source(broken_crawl):
    config, _ = broken_crawl
    table = newswatch("runs", config=config, check=True).stdout
    header, row = table.splitlines()[:2]
    assert header.split()[:5] == ["id", "kind", "started_at", "finished_at", "status"]
    assert "crawl" in row and "partial" in row and "failing sources: broken" in row
    (run,) = json.loads(newswatch("runs", "--json", "--limit", "1", config=config, check=True).stdout)
    assert run["kind"] == "crawl" and run["status"] == "partial" and run["failing"] == "broken"
    assert datetime.fromisoformat(run["finished_at"]) >= datetime.fromisoformat(run["started_at"])
    sources = {s["source"]: s for s in run["sources"]}
    assert set(sources) == DEMO_SOURCES | {"broken"}
    assert all(sources[name]["found"] > 0 and sources[name]["new"] > 0 for name in DEMO_SOURCES)
    assert run["new"] == sum(s["new"] for s in run["sources"]) > 0
    assert sources["broken"]["channel_errors"] == 1 and "HTTP 404" in sources["broken"]["last_error"]
    rows = list(csv.DictReader(io.StringIO(newswatch("runs", "--csv", config=config, check=True).stdout)))
    assert rows[-1]["status"] == "partial" and rows[-1]["failing"] == "broken" and "sources" not in rows[-1]


def test_sources_shows_health_and_flags_the_failing_source(broken_crawl):
    config, _ = broken_crawl
    health = {s["name"]: s for s in json.loads(newswatch("sources", "--json", config=config, check=True).stdout)}
    assert health["broken"]["state"] == "failing" and health["broken"]["consecutive_failures"] >= 1
    assert health["broken"]["last_success"] is None and "HTTP 404" in health["broken"]["last_error"]
    for name in DEMO_SOURCES:
        assert health[name]["state"] == "ok" and health[name]["consecutive_failures"] == 0
        assert health[name]["last_success"] and 0 < health[name]["articles_7d"] <= health[name]["articles_30d"]
    table = newswatch("sources", config=config, check=True).stdout
    assert any(line.startswith("broken") and "failing" in line for line in table.splitlines())


def test_a_source_that_lists_nothing_new_for_long_turns_silent(broken_crawl):
    config, _ = broken_crawl
    db = config.parent / "newswatch.db"
    with Archive(url=f"sqlite:///{db}", path=db).sessions()() as session:
        now = datetime.now(UTC)
        assert source_health(session, "echo-eco", now=now).state == "ok"
        later = source_health(session, "echo-eco", now=now + timedelta(days=8))
        assert later.state == "silent" and later.last_listed is not None
        assert source_health(session, "no-such-source", now=now).state == "never-run"


def on_a_terminal(config, *args: str) -> tuple[int, str, str]:
    """`newswatch args` with its stderr on a terminal: its exit code, what the terminal showed, its stdout."""
    master, slave = pty.openpty()
    command = subprocess.Popen([sys.executable, "-m", "newswatch", "--config", str(config), *args], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the command closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    out, _ = command.communicate(timeout=60)
    return command.returncode, shown.decode("utf-8", "replace"), out.decode()


def test_on_a_terminal_the_crawl_shows_a_live_progress_line(broken_crawl):
    config, _ = broken_crawl
    code, text, _ = on_a_terminal(config, "crawl")
    assert code == 0
    assert "\r\x1b[Kcrawl 00:" in text and " 5 sources · " in text and "queued\r\n" in text


def test_on_a_terminal_rematch_shows_how_far_it_is_then_takes_the_line_away(broken_crawl):
    config, _ = broken_crawl
    articles = len(newswatch("export", "--all", config=config, check=True).stdout.splitlines())
    code, text, out = on_a_terminal(config, "rematch")
    assert code == 0 and articles > 0
    assert text == f"\r\x1b[Kre-matching: {articles} of {articles} articles, 0 changed their topics\r\x1b[K"
    assert out == f"re-matched {articles} articles: 0 changed their topics\n"
    assert newswatch("rematch", config=config, check=True).stderr == ""  # elsewhere (cron, a log): the summary only


def test_on_a_terminal_copy_archive_shows_each_table_s_rows_as_they_go(broken_crawl, tmp_path):
    config, _ = broken_crawl
    db = tmp_path / "grown.db"
    with closing(sqlite3.connect(config.parent / "newswatch.db")) as source, closing(sqlite3.connect(db)) as grown:
        source.backup(grown)
        unique = ("url", "canonical_url")
        columns = [row[1] for row in grown.execute("PRAGMA table_info(articles)") if row[1] not in ("id", *unique)]
        for copy in range(1, 1 + 1200 // grown.execute("SELECT count(*) FROM articles").fetchone()[0] + 1):
            grown.execute(f"INSERT INTO articles (url, canonical_url, {', '.join(columns)}) SELECT url || "
                          f"'?copy={copy}', canonical_url || '?copy={copy}', {', '.join(columns)} FROM articles "
                          "WHERE url NOT LIKE '%?copy=%'")
        grown.commit()
        articles = grown.execute("SELECT count(*) FROM articles").fetchone()[0]
    grown_config = tmp_path / "newswatch.toml"
    grown_config.write_text(config.read_text(encoding="utf-8").replace(str(config.parent / "newswatch.db"), str(db)),
                            encoding="utf-8")
    code, text, out = on_a_terminal(grown_config, "copy-archive", "--to", f"sqlite:///{tmp_path / 'copy.db'}")
    assert code == 0 and articles > 1000, text
    assert f"\r\x1b[Kcopying articles: 1000 rows\r\x1b[Kcopied articles: {articles}\r\n" in text
    assert "every table copied: counts equal" in out


def test_on_a_terminal_an_export_to_a_file_counts_what_it_wrote(broken_crawl, tmp_path):
    config, _ = broken_crawl
    out = tmp_path / "all.jsonl"
    code, text, _ = on_a_terminal(config, "export", "--all", "--out", str(out))
    articles = len(out.read_text(encoding="utf-8").splitlines())
    assert code == 0 and articles > 0
    assert text == f"\r\x1b[Kexporting: 1 written\r\x1b[Kwrote {articles} articles to {out}\r\n"


def test_progress_and_verdict_texts():
    stats = {"newswatch/source/a/found": 10, "newswatch/source/a/fetched": 4, "newswatch/source/a/new": 3,
             "newswatch/source/b/channel_errors": 1, "scheduler/enqueued": 9, "scheduler/dequeued": 4}
    assert progress_text(stats, ["a", "b"], 75.4) == \
        "crawl 01:15  2 sources · 10 found · 4 fetched · 3 new · 1 error · 5 queued"
    counts = {"found": 0, "fetched": 0, "extracted": 0, "matched": 0, "new": 0, "skipped": 0, "errors": 0,
              "channel_errors": 2}
    assert source_verdict("b", counts, "feed x: HTTP 404") == \
        (logging.WARNING, "b: FAILED, none of its channels answered (2 errors; last error: feed x: HTTP 404)")
    ok = {**counts, "channel_errors": 0, "found": 3, "fetched": 3, "extracted": 3, "matched": 1, "new": 1}
    assert source_verdict("a", ok, None) == \
        (logging.INFO, "a: 3 found, 0 already known, 3 fetched, 3 extracted, 1 matched, 1 new")
    assert source_verdict("a", {**ok, "errors": 1}, "u: HTTP 500")[0] == logging.WARNING


def test_digest_send_records_its_own_run_ok_or_failed(demo_crawl, tmp_path):
    """Cron-sent digests appear in `runs` (and so in the scheduler's catch-up), failures with their reason."""
    import shutil
    import sqlite3

    from tests.test_digest import free_port, start_smtp

    folder = tmp_path / "copy"
    folder.mkdir()
    db = folder / "newswatch.db"
    with sqlite3.connect(demo_crawl.archive.path) as source, sqlite3.connect(db) as target:
        source.backup(target)
    dead_port = free_port()
    text = demo_crawl.config_path.read_text(encoding="utf-8").replace(str(demo_crawl.archive.path), str(db))
    config = folder / "newswatch.toml"

    def with_port(port):
        config.write_text(text + f'\n[digest]\nrecipients = ["group@example.org"]\nsmtp_host = "127.0.0.1"\n'
                          f'smtp_port = {port}\nsecurity = "none"\ntimeout_seconds = 5\n', encoding="utf-8")

    with_port(dead_port)
    failed = newswatch("digest", "--send", config=config)
    assert failed.returncode == 1 and "digest not sent" in failed.stderr

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            return "250 OK"

    controller = start_smtp(Sink())
    try:
        with_port(controller.port)
        newswatch("digest", "--send", config=config, check=True)
    finally:
        controller.stop()
    runs = json.loads(newswatch("runs", "--kind", "digest", "--json", config=config, check=True).stdout)
    assert [r["status"] for r in runs] == ["ok", "failed"]
    assert "digest not sent" in runs[1]["message"]
    shutil.rmtree(folder)


def test_failures_in_a_row_are_counted_and_reset_by_any_final_outcome(archive):
    from store import queries
    from store.db import transaction

    def record(outcome, final):
        with transaction(archive.sessions(writer=True)) as session:
            queries.record_fetches(session, [dict(url="https://courrier.example/a", source="courrier", outcome=outcome,
                                                  reason=f"{outcome}!", http_status=None, final=final, run_id=None)],
                                   give_up_after=3)
        with sqlite3.connect(archive.path) as db:
            return db.execute("SELECT outcome, final, failures, reason FROM fetches").fetchone()

    assert record("timeout", False) == ("timeout", 0, 1, "timeout!")
    assert record("network", False) == ("network", 0, 2, "network!")
    assert record("no_topic", True) == ("no_topic", 1, 0, "no_topic!")  # fetched at last: the count starts again
    record("timeout", False)
    record("timeout", False)
    assert record("timeout", False) == ("timeout", 1, 3, "timeout! (given up: it failed on 3 runs in a row)")


def test_a_crawls_summary_is_of_its_own_run_however_many_runs_started_since(archive, tmp_path, capsys):
    """The summary reads the run by its id: 60 digest runs started during a long crawl do not hide it."""
    from newswatch.cli.base import Context
    from newswatch.cli.watch import print_run_summary
    from store import queries
    from store.db import transaction

    with transaction(archive.sessions(writer=True)) as session:
        queries.ensure_sources(session, ["courrier-drome"])
        crawl = queries.start_run(session, "crawl").id
        queries.record_run_source(session, crawl, "courrier-drome", {"found": 7, "fetched": 5, "new": 3}, None)
        for _ in range(60):
            queries.finish_run(session, queries.start_run(session, "digest").id, "ok")
        queries.finish_run(session, crawl, "ok")
    config = tmp_path / "newswatch.toml"
    config.write_text(f'[store]\nurl = "{archive.url}"\n', encoding="utf-8")
    print_run_summary(Context(str(config)), crawl)
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"run {crawl}: ok"
    [row] = [line.split() for line in out if line.startswith("courrier-drome")]
    assert row[1:3] == ["7", "0"] and row[4] == "5" and row[7] == "3"  # found, resumed; fetched; new

"""Quiet, useful logs under cron: a crawl prints its summary and one line per failing source, nothing else."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newswatch.demo.run import demo_config
from tests.conftest import REPO, newswatch

NOISE = ("Traceback", "Warning", "ERROR", "CRITICAL")


@pytest.fixture(scope="module")
def dead_ends():
    """A port that refuses connections (bound, not listening) and one that connects but never answers."""
    refusing, silent = socket.socket(), socket.socket()
    refusing.bind(("127.0.0.1", 0))
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)
    yield refusing.getsockname()[1], silent.getsockname()[1]
    refusing.close()
    silent.close()


def write_config(folder: Path, demo_site, dead_ends) -> Path:
    refusing, silent = dead_ends
    config = folder / "newswatch.toml"
    text = demo_config(demo_site, folder / "newswatch.db").replace("timeout_seconds = 10", "timeout_seconds = 2")
    config.write_text(text + f'\n[[sources]]\nname = "unreachable"\nfeeds = ["http://127.0.0.1:{refusing}/rss.xml"]\n'
                      f'\n[[sources]]\nname = "mute"\nfeeds = ["http://127.0.0.1:{silent}/rss.xml"]\n'
                      '\n[[sources]]\nname = "forbidden"\nfeeds = ["http://10.0.0.1/rss.xml"]\n', encoding="utf-8")
    return config


def test_a_crawl_with_failing_sources_prints_one_line_per_failing_source_and_nothing_else(demo_site, dead_ends,
                                                                                          tmp_path):
    config = write_config(tmp_path, demo_site, dead_ends)
    result = newswatch("crawl", *(f"--source={name}" for name in ("nuages-bas", "unreachable", "mute", "forbidden")),
                       config=config)
    assert result.returncode == 0, result.stderr
    assert not [word for word in NOISE if word in result.stderr], result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, result.stderr
    reasons = {"unreachable": "the connection was refused", "mute": "no complete answer within timeout_seconds",
               "forbidden": "refused: 10.0.0.1 is a private, loopback or link-local address"}
    for name, reason in reasons.items():
        [line] = [line for line in lines if f" {name}: FAILED" in line]
        assert reason in line
    assert result.stdout.splitlines()[0].split()[:3] == ["source", "found", "resumed"]
    assert "run 1: partial (failing sources: forbidden, mute, unreachable)" in result.stdout


def test_scrapy_crawl_with_a_config_applies_allow_hosts_and_logs_failures_in_one_line(demo_site, dead_ends, tmp_path):
    """`scrapy crawl news -s NEWSWATCH_CONFIG=…`, as the README documents, logs at INFO as `newswatch crawl -v`
    does: the details are there, the tracebacks are not."""
    config = write_config(tmp_path, demo_site, dead_ends)
    result = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "news", "-s", f"NEWSWATCH_CONFIG={config}",
                             "-s", "NEWSWATCH_SOURCES=nuages-bas,unreachable"],
                            cwd=REPO, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    assert not [word for word in NOISE if word in result.stderr], result.stderr
    with sqlite3.connect(tmp_path / "newswatch.db") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] > 0, "the local site was crawled"
    refusing, _ = dead_ends
    assert (f"robots.txt of 127.0.0.1:{refusing} could not be downloaded (the connection was refused"
            in result.stderr)
    assert "unreachable: FAILED, none of its channels answered" in result.stderr



def test_a_crawl_keeping_unmatched_pages_prints_its_summary_and_nothing_on_stderr(demo_site, tmp_path):
    config = tmp_path / "newswatch.toml"
    config.write_text(demo_config(demo_site, tmp_path / "newswatch.db", extra_crawl="keep_unmatched = true\n"),
                      encoding="utf-8")
    result = newswatch("crawl", "--source=nuages-bas", config=config)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "a successful run prints its summary on stdout and nothing else"
    assert "run 1: ok" in result.stdout


def test_while_the_engine_runs_records_below_the_log_level_are_not_even_made():
    """LoggerLevels closes the root and `scrapy` loggers below LOG_LEVEL while the engine runs (Scrapy
    opens `scrapy` to DEBUG; each page's DEBUG records cost 3 % of a watch's CPU), and gives their levels back."""
    import logging

    from crawler.logs import LoggerLevels

    scrapy_logger = logging.getLogger("scrapy.core.engine")
    before = {name: logging.getLogger(name).level for name in ("", "scrapy")}
    logging.getLogger("scrapy").setLevel(logging.DEBUG)  # as Scrapy's DEFAULT_LOGGING leaves it
    try:
        extension = LoggerLevels("WARNING")
        extension.engine_started()
        assert not scrapy_logger.isEnabledFor(logging.INFO) and scrapy_logger.isEnabledFor(logging.WARNING)
        assert not logging.getLogger("newswatch.anything").isEnabledFor(logging.INFO)
        extension.engine_stopped()
        assert scrapy_logger.isEnabledFor(logging.DEBUG)
        verbose = LoggerLevels("DEBUG")
        verbose.engine_started()
        assert scrapy_logger.isEnabledFor(logging.DEBUG)
        verbose.engine_stopped()
    finally:
        for name, level in before.items():
            logging.getLogger(name).setLevel(level)


def test_a_very_verbose_crawl_still_logs_each_page_at_debug(demo_site, tmp_path):
    config = tmp_path / "newswatch.toml"
    config.write_text(demo_config(demo_site, tmp_path / "newswatch.db"), encoding="utf-8")
    result = newswatch("crawl", "-vv", "--source=nuages-bas", config=config)
    assert result.returncode == 0, result.stderr
    assert "DEBUG: Crawled (200)" in result.stderr and "run 1: ok" in result.stdout


GC_PROBE = """
import atexit, gc, os, sys

def _said():  # the crawl's own process only: its extraction workers run this too
    if "crawl" in sys.argv:
        with open(os.environ["GC_PROBE_OUT"], "w") as out:
            out.write(str(gc.isenabled()))

atexit.register(_said)
"""


def test_a_crawl_collects_no_garbage_while_it_starts_and_collects_it_once_the_engine_runs(demo_site, tmp_path):
    """`newswatch crawl` holds the garbage collector back while it imports Scrapy, Twisted and SQLAlchemy (three
    full collections over what start-up builds: about 0.1 s of CPU a crawl); StartupHeap freezes what start-up
    made once the engine runs and turns collection back on: a long crawl is never left without it."""
    import gc

    from crawler.startup import StartupHeap

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        StartupHeap().engine_started()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        (gc.enable if was_enabled else gc.disable)()
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "sitecustomize.py").write_text(GC_PROBE, encoding="utf-8")
    config = tmp_path / "newswatch.toml"
    config.write_text(demo_config(demo_site, tmp_path / "newswatch.db"), encoding="utf-8")
    said = tmp_path / "gc.txt"
    newswatch("crawl", "--source", "courrier-drome", config=config, check=True,
              env={"PYTHONPATH": str(probe), "GC_PROBE_OUT": str(said)})
    assert said.read_text() == "True", "the crawl turned collection off while it started, and on again"


HANDLER_PROBE = """
import inspect
from crawler.startup import import_download_handler
stack, findsource, sources_read = inspect.stack, inspect.findsource, []
inspect.findsource = lambda *args: sources_read.append(args) or findsource(*args)  # each source read, counted
import_download_handler()
from scrapy.core.downloader.contextfactory import AcceptableProtocolsContextFactory, ScrapyClientContextFactory
assert inspect.stack is stack, "inspect.stack is given back"
print(len(sources_read), ScrapyClientContextFactory.__module__, AcceptableProtocolsContextFactory.__module__)
"""


def test_scrapy_s_download_handler_is_imported_without_reading_the_stack_s_sources():
    """Importing Scrapy's HTTP download handler made two deprecated aliases, each reading the source of every frame
    on the call stack (inspect.stack: ≈ 0.35 s of CPU a crawl on a 2-core host). The crawl imports it first, with a
    stack that reads no source: the aliases still name the module that made them, and inspect.stack is restored."""
    probe = subprocess.run([sys.executable, "-c", HANDLER_PROBE], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert probe.returncode == 0, probe.stderr
    module = "scrapy.core.downloader.contextfactory"
    assert probe.stdout.split() == ["0", module, module]

"""Shared fixtures: a migrated archive (SQLite, or PostgreSQL where asked), the sample press site, a real crawl of it.

PostgreSQL and Redis are the throw-away servers `./dev test` (and so `.ci/run`) starts: their URLs come in
NEWSWATCH_TEST_PG (an admin URL; each test gets a database of its own) and NEWSWATCH_TEST_REDIS. Run outside
CI without them, the tests that need them are skipped with that reason; in CI (NEWSWATCH_CI=1) they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from newswatch.config import load_config
from store.db import make_engine, session_factory
from store.migrate import upgrade
from tests.warm import wants_fresh, warm_run

REPO = Path(__file__).resolve().parent.parent

# Property tests: `ci` (the default) is fast and still finds a one-character slip in the prefilter's phrase
# separator within seconds; NW_HYPOTHESIS_PROFILE=long (or --hypothesis-profile=long) digs much deeper.
settings.register_profile("ci", max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=30_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("NW_HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session", autouse=True)
def cache_home(tmp_path_factory) -> Path:
    """$XDG_CACHE_HOME for this test process and the crawls it starts: the unpacked language model is made
    once per test process, in a temporary folder rather than in the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    return folder


# The verbs that read or publish the archive run in the test process (`newswatch(…)` below): the same code as the
# command, from `main` on, without a new interpreter importing SQLAlchemy and the library again (≈ 1 s of CPU
# each: about a sixth of the suite's). Crawls and the long-running verbs always run in a child process (Scrapy's
# reactor cannot restart; what a crawl's process prints, imports and leaves running is what many tests test).
IN_PROCESS = frozenset({"export", "search", "show", "runs", "sources", "stats", "deadlines", "evidence", "mark",
                        "rematch", "digest", "feed", "report"})


def newswatch(*args: str, config: Path | None = None, timeout: float = 240, env: dict | None = None,
              check: bool = False) -> subprocess.CompletedProcess:
    """Run the real `newswatch` command and capture its output: in a child process (forked from a warm server with
    Scrapy and the rest already imported: tests/warm.py), or in this one (see IN_PROCESS)."""
    argv = [*(["--config", str(config)] if config else []), *args]
    if args and args[0] in IN_PROCESS:
        result = _newswatch_here(argv, env or {})
    elif not wants_fresh(env or {}):
        result = warm_run(REPO, argv, {**os.environ, **(env or {})}, timeout)
    else:
        result = subprocess.run([sys.executable, "-m", "newswatch", *argv], capture_output=True, text=True,
                                timeout=timeout, cwd=REPO, env={**os.environ, **(env or {})})
    if check and result.returncode != 0:
        raise AssertionError(f"newswatch {argv} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def _newswatch_here(argv: list[str], env: dict) -> subprocess.CompletedProcess:
    """`newswatch argv` run by its entry point (`newswatch.cli.main`) in this process, as its child would: stdout and
    stderr its own, `env` added to the environment, warnings logged to stderr (Python's last-resort handler does
    so in the command's process), an exception that escapes `main` a traceback on stderr and exit 1, and the
    connections of the engines it made closed at its end, as `newswatch.cli.run` does. Then what is left is
    collected, as the child's exit frees it, with ResourceWarning ignored as Python's default filters do there:
    else a psycopg connection left for the collector (one was, after a command that failed on a database without
    an archive; its source is not found yet) made whichever later test the collector ran in fail."""
    import gc
    import logging
    import traceback
    import warnings

    from click.testing import CliRunner

    from newswatch.cli import main
    from store import db

    engines = set(db._ENGINES)
    code = 0
    with CliRunner().isolation(env=env) as (stdout, stderr, _):
        said = logging.StreamHandler(sys.stderr)
        said.setLevel(logging.WARNING)
        logging.getLogger().addHandler(said)
        try:
            main(argv)
        except SystemExit as exc:  # as Python's exit: a number is the code, None 0, anything else printed and 1
            if exc.code is None or isinstance(exc.code, int):
                code = exc.code or 0
            else:
                print(exc.code, file=sys.stderr)
                code = 1
        except Exception:  # noqa: BLE001 - the child would print it and exit 1
            traceback.print_exc()
            code = 1
        finally:
            logging.getLogger().removeHandler(said)
            for engine in set(db._ENGINES) - engines:
                engine.dispose()
            with warnings.catch_warnings():  # what the child leaves is freed at its exit, where Python's default
                warnings.simplefilter("ignore", ResourceWarning)  # filters ignore ResourceWarning: so here
                gc.collect()
            sys.stdout.flush()
            sys.stderr.flush()
        out, err = stdout.getvalue().decode(), stderr.getvalue().decode()
    return subprocess.CompletedProcess(["newswatch", *argv], code, out, err)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # a crawl stopped mid-answer hangs up: expected
        pass


@contextmanager
def serve(answer: Callable[[BaseHTTPRequestHandler], None]) -> Iterator[str]:
    """A test site on 127.0.0.1 (port 0) in a daemon thread, `answer(handler)` answering each GET: its base URL."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            answer(self)

        def log_message(self, format, *args):  # noqa: A002 - quiet: the sites keep their own logs
            pass

    server = _QuietServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class ServedSite:
    """A test site served on 127.0.0.1 within a `with` block, at `base`: subclasses define `answer(handler)`, and
    `let_go()` if they hold answers back (called before the server stops)."""

    def __enter__(self):
        self.serving = ExitStack()
        self.base = self.serving.enter_context(serve(self.answer))
        return self

    def __exit__(self, *exc):
        self.let_go()
        self.serving.close()

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError

    def let_go(self) -> None:
        pass


def server_url(variable: str, what: str) -> str:
    """The URL of a test server from the environment; skip (outside CI) or fail (in CI) without it."""
    url = os.environ.get(variable)
    if not url:
        reason = f"no {what} server for the tests: ${variable} is not set (`./dev test` starts one)"
        if os.environ.get("NEWSWATCH_CI"):
            pytest.fail(f"{reason}; CI must run every test")
        pytest.skip(reason)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # pytest -n: gw0, gw1… each on a Redis database of its own
    if variable == "NEWSWATCH_TEST_REDIS" and worker.startswith("gw"):
        url = f"{url.rsplit('/', 1)[0]}/{int(worker[2:]) + 1}"
    return url


@pytest.fixture(scope="session")
def tesseract():
    """tesseract with its French data, as `.ci/run` installs it; skipped without it (failed in CI)."""
    if shutil.which("tesseract") is None:
        reason = "tesseract is missing: apt-get install tesseract-ocr tesseract-ocr-fra (.ci/run installs it)"
        if os.environ.get("NEWSWATCH_CI"):
            pytest.fail(f"{reason}; CI must run every test")
        pytest.skip(reason)


@contextmanager
def pg_database(template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database on the test server (dropped afterwards), empty or a copy of `template`: its URL."""
    import psycopg
    from sqlalchemy import make_url

    admin = make_url(server_url("NEWSWATCH_TEST_PG", "PostgreSQL"))
    name = f"nw_{uuid.uuid4().hex[:12]}"
    conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    copy = f' TEMPLATE "{make_url(template).database}" STRATEGY FILE_COPY' if template else ""
    with psycopg.connect(conninfo, autocommit=True) as admin_connection:
        admin_connection.execute(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as admin_connection:
            admin_connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Archive:
    url: str
    path: Path | None  # the SQLite file (None on PostgreSQL)

    @property
    def backend(self) -> str:
        return "postgresql" if self.url.startswith("postgresql") else "sqlite"

    engines: list = field(default_factory=list)

    def sessions(self, writer: bool = False):
        engine = make_engine(self.url, writer=writer)
        self.engines.append(engine)
        return session_factory(engine)

    def close(self) -> None:
        """Close the connections the test opened (PostgreSQL's are closed before its database is dropped)."""
        for engine in self.engines:
            engine.dispose()
        self.engines.clear()


@pytest.fixture
def archive(tmp_path) -> Archive:
    """An empty archive built by the real migrations."""
    path = tmp_path / "archive.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    return Archive(url=url, path=path)


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_migrated() -> Iterator[str]:
    """A PostgreSQL database migrated once to head, copied (a file copy, fast) for each test that needs one."""
    with pg_database() as url:
        upgrade(url)
        yield url


@pytest.fixture(params=BACKENDS)
def any_archive(request, tmp_path) -> Iterator[Archive]:
    """An empty archive built by the real migrations, on each backend in turn (for the store's own tests)."""
    if request.param == "sqlite":
        path = tmp_path / "archive.db"
        upgrade(f"sqlite:///{path}")
        archive = Archive(url=f"sqlite:///{path}", path=path)
        yield archive
        archive.close()
        return
    with pg_database(template=request.getfixturevalue("pg_migrated")) as url:
        archive = Archive(url=url, path=None)
        yield archive
        archive.close()


@dataclass
class DemoCrawl:
    site: object
    config_path: Path
    archive: Archive
    stderr: str = ""  # what the first crawl printed on stderr

    @property
    def config(self):
        return load_config(self.config_path)


def crawl_demo(site, folder: Path, extra_crawl: str = "", leads: bool = False,
               store_url: str | None = None) -> DemoCrawl:
    """Write a config for the running sample site into folder and crawl it once, for real (into a SQLite file
    in folder, or into the archive at store_url)."""
    from newswatch.demo.run import demo_config

    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "newswatch.db"
    config_path = folder / "newswatch.toml"
    config_path.write_text(demo_config(site, db_path, extra_crawl, leads=leads, store_url=store_url),
                           encoding="utf-8")
    crawled = newswatch("crawl", config=config_path, check=True)
    archive = Archive(url=store_url, path=None) if store_url else Archive(url=f"sqlite:///{db_path}", path=db_path)
    return DemoCrawl(site=site, config_path=config_path, archive=archive, stderr=crawled.stderr)


@contextmanager
def crawl_on(backend: str, site, folder: Path, extra_crawl: str = "") -> Iterator[DemoCrawl]:
    """`crawl_demo` into a new archive on this backend (a new PostgreSQL database is dropped afterwards)."""
    if backend == "sqlite":
        crawl = crawl_demo(site, folder, extra_crawl)
        try:
            yield crawl
        finally:
            crawl.archive.close()
        return
    with pg_database() as url:  # empty: the crawl itself runs the migrations
        crawl = crawl_demo(site, folder, extra_crawl, store_url=url)
        try:
            yield crawl
        finally:
            crawl.archive.close()  # before the database is dropped, whatever the test found


@pytest.fixture(scope="session")
def demo_site():
    from newswatch.demo.server import DemoSite

    with DemoSite() as site:
        yield site


@pytest.fixture(scope="session")
def demo_crawl(demo_site, tmp_path_factory) -> DemoCrawl:
    """The sample site crawled once with the default topics (shared, read-only: copy it to modify)."""
    return crawl_demo(demo_site, tmp_path_factory.mktemp("demo"))

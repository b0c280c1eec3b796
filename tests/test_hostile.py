"""The fault suite: crawl a hostile server for real; every bad answer gets an outcome and nothing gets out."""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from newswatch.operations.runs import ERROR_OUTCOMES
from tests.conftest import REPO, newswatch
from tests.hostile import BAD, GOOD, REBIND_HOST, UNSAFE, HostileSite

MAX_RSS_MB = 700
# worth another try on the next run: 5xx, 408, 429 (with or without Retry-After), timeouts, resets
TRANSIENT = {"/bad/500", "/bad/502", "/bad/503", "/bad/408", "/bad/429", "/bad/429-bare", "/bad/drip", "/bad/reset",
             "/bad/404-new"}

# Runs the real CLI under an audit hook that logs every outgoing connection and blocks any that is not
# loopback: the fault suite can never send a packet to 169.254.169.254 or 10.0.0.1, even through a bug.
GUARD = """
import ipaddress, sys
log = open(sys.argv.pop(1), "a", buffering=1)
def guard(event, args):
    if event == "socket.connect" and isinstance(args[1], tuple):
        host = str(args[1][0])
        log.write(host + "\\n")
        try:
            loopback = ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise PermissionError(f"fault suite guard: connection to {host} blocked")
sys.addaudithook(guard)
sys.argv[0] = "newswatch"
from newswatch.cli import main
main()
"""


@dataclass
class Child:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float
    connects: list[str]


def run_guarded(folder: Path, config: Path, *args: str, env: dict | None = None, timeout: float = 120,
                prelude: str = "") -> Child:
    """Run `newswatch --config config args…` under the guard (after `prelude`); measure its time and peak memory."""
    folder.mkdir(parents=True, exist_ok=True)
    out, err, log = folder / "stdout.txt", folder / "stderr.txt", folder / "connects.txt"
    log.write_text("")
    with out.open("w") as stdout, err.open("w") as stderr:
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-c", prelude + GUARD, str(log), "--config", str(config), *args],
                                stdout=stdout, stderr=stderr, cwd=REPO, env={**os.environ, **(env or {})})
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return Child(returncode=proc.returncode, stdout=out.read_text(), stderr=err.read_text(),
                 seconds=time.monotonic() - start, peak_rss_mb=usage.ru_maxrss / 1024,
                 connects=log.read_text().split())


@dataclass
class Crawled:
    site: HostileSite
    config: Path
    db: Path
    child: Child
    requests: list[tuple[str, int]]  # what the server saw during this crawl

    def query(self, sql: str, *params) -> list[tuple]:
        with sqlite3.connect(self.db) as db:
            return db.execute(sql, params).fetchall()

    def fetch(self, path: str) -> dict:
        rows = self.query("SELECT outcome, reason, final, http_status FROM fetches WHERE url = ?", self.site.url(path))
        assert rows, f"no outcome recorded for {path}"
        return dict(zip(("outcome", "reason", "final", "http_status"), rows[0]))

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


def crawl(site: HostileSite, folder: Path, *args: str, db: Path | None = None, allow: bool = True) -> Crawled:
    folder.mkdir(parents=True, exist_ok=True)
    db = db or folder / "newswatch.db"
    config = folder / "newswatch.toml"
    config.write_text(site.config_toml(db, allow=allow), encoding="utf-8")
    before = len(site.requests)
    child = run_guarded(folder, config, "crawl", *args)
    return Crawled(site=site, config=config, db=db, child=child, requests=site.requests[before:])


@pytest.fixture(scope="module")
def site():
    with HostileSite() as hostile:
        yield hostile


@pytest.fixture(scope="module")
def crawled(site, tmp_path_factory) -> Crawled:
    return crawl(site, tmp_path_factory.mktemp("hostile"))


# --- the crawl as a whole -----------------------------------------------------------------------

def test_the_crawl_finishes_within_its_limits_in_bounded_memory(crawled):
    child = crawled.child
    print(f"hostile crawl: {child.seconds:.1f} s, peak RSS of the crawl process {child.peak_rss_mb:.0f} MB")
    assert child.returncode == 0, child.stderr
    assert "Traceback" not in child.stderr
    # what cron mails: each source's verdict, and our notes on its channels; no line per page from Scrapy (the
    # pages past the size limit were one each, naming the request)
    said = {re.search(r" \[([\w.]+)\] ", line).group(1) for line in child.stderr.splitlines()}
    assert said == {"newswatch.progress", "news"}, child.stderr
    assert "max size" not in child.stderr and "DOWNLOAD_MAXSIZE" not in child.stderr, child.stderr
    # drip and 5xx: two tries of timeout_seconds = 3 each; the 50,000-link page: extract_timeout_seconds = 5
    assert child.seconds < 60
    assert child.peak_rss_mb < MAX_RSS_MB
    [(status, finished, message)] = crawled.query("SELECT status, finished_at, message FROM runs WHERE kind = 'crawl'")
    assert status == "ok" and finished, message
    integrity = crawled.query("PRAGMA integrity_check")
    assert integrity == [("ok",)]


@pytest.mark.parametrize("path", sorted(BAD))
def test_every_bad_url_gets_an_outcome_with_a_reason(crawled, path):
    fetch = crawled.fetch(path)
    expected = BAD[path] if isinstance(BAD[path], tuple) else (BAD[path],)
    assert fetch["outcome"] in expected, fetch
    if fetch["outcome"] != "stored":
        assert fetch["reason"] and len(fetch["reason"]) < 300
    assert bool(fetch["final"]) == (path not in TRANSIENT), fetch
    assert crawled.hits(path) <= 3, "retried at most once (plus one transparent reconnect)"


def test_specific_reasons(crawled):
    assert crawled.fetch("/bad/404")["http_status"] == 404 and crawled.fetch("/bad/410")["reason"] == "HTTP 410"
    assert crawled.fetch("/bad/404")["reason"] == "HTTP 404"
    assert crawled.fetch("/bad/404-new")["reason"] == "HTTP 404: its item is 2 h old, the page may not be online yet"
    assert "decompressed" in crawled.fetch("/bad/gzip-bomb")["reason"]
    assert "max_page_bytes" in crawled.fetch("/bad/huge-chunked")["reason"]
    assert "redirect" in crawled.fetch("/bad/loop-a")["reason"]
    assert crawled.fetch("/bad/rapport.pdf")["reason"].startswith("not a readable PDF")
    assert crawled.fetch("/bad/photo.jpg")["reason"] == "content type image/jpeg"
    assert crawled.fetch("/bad/reset")["reason"] == "the connection broke before the whole answer arrived"
    assert crawled.fetch("/bad/drip")["reason"] == "no complete answer within timeout_seconds"
    assert crawled.fetch("/bad/redirect-metadata")["reason"].startswith("refused: 169.254.169.254 is a private")
    assert "redirect to 'file:///etc/passwd' not followed" in crawled.fetch("/bad/redirect-file")["reason"]


def test_retry_after_is_not_obeyed_blindly(crawled):
    """500 says come back in a day, 503 in 2098: each is retried once at once, and the crawl did not wait."""
    assert 1 <= crawled.hits("/bad/500") <= 3 and 1 <= crawled.hits("/bad/503") <= 3
    assert crawled.child.seconds < 60


def test_robots_txt_is_obeyed(crawled):
    assert crawled.hits("/private/hidden-by-robots") == 0
    assert crawled.fetch("/private/hidden-by-robots")["reason"] == "disallowed by robots.txt"


# --- the good articles next to the bad ones -----------------------------------------------------

def test_every_good_article_is_archived_with_correct_text(crawled):
    rows = {url: (title, text) for url, title, text in crawled.query("SELECT canonical_url, title, text FROM articles")}
    for good in GOOD.values():
        if good.path_prefix == "/private/":
            continue
        assert crawled.site.url(good.path) in rows, f"{good.slug} was not archived"
        title, text = rows[crawled.site.url(good.path)]
        assert title == good.title and good.sentence in text, good.slug
    assert not any("\ufffd" in text or "Ã" in text for _, text in rows.values()), "mojibake in the archive"


def test_a_page_declared_utf8_but_sent_as_windows_1252_keeps_its_accents(crawled):
    [(title, text)] = crawled.query("SELECT title, text FROM articles WHERE canonical_url LIKE '%windows-1252'")
    assert title == "Ecotox : l'œuvre inachevée d'un bâtiment à 50 M€"
    assert "Élus et riverains" in text and "l'été dernier" in text and "électricité" in text


def test_dates_in_the_future_and_in_1970_are_not_believed(crawled):
    dates = dict(crawled.query("SELECT canonical_url, date_source FROM articles"))
    url = crawled.site.url
    assert dates[url("/articles/date-future")] == "first_seen"  # feed says 2099, page says 1970
    assert dates[url("/articles/date-epoch")] == "page"  # feed says 1970: not "too old", not believed
    assert dates[url("/articles/sitemap-future")] == "first_seen"  # sitemap lastmod 2099
    [(earliest, latest)] = crawled.query("SELECT min(published_at), max(published_at) FROM articles")
    assert earliest > "2000" and latest < "2090"


# --- hostile channels ---------------------------------------------------------------------------

def test_hostile_feeds(crawled):
    channels = {url: (status, error, entries) for url, status, error, entries
                in crawled.query("SELECT url, status, error, entries FROM channels")}
    url = crawled.site.url
    assert channels[url("/feeds/unclosed.rss")] == ("ok", None, 1)
    assert channels[url("/feeds/bom.rss")] == ("ok", None, 1)
    status, error, _ = channels[url("/feeds/error-page.rss")]
    assert status == "error" and error == "not a feed: an HTML page titled '503 Service Unavailable'"
    status, error, _ = channels[url("/feeds/mangled.rss")]
    assert status == "error" and error.startswith("malformed feed, no entry with a link could be read")


def test_a_sitemap_of_100000_urls_is_read_up_to_the_protocol_limit(crawled):
    [(status, entries)] = crawled.query("SELECT status, entries FROM channels WHERE url LIKE '%sitemap-huge.xml'")
    assert status == "ok" and entries == 50_000
    assert "lists more than 50000 URLs (the protocol's limit): only the first 50000 are read" in crawled.child.stderr
    [counts] = crawled.query("SELECT found, fetched, new FROM run_sources WHERE source = 'hostile-sitemap'")
    assert counts == (3, 3, 3), "only the entries within max_age_days are kept"


def test_counts_and_errors_per_source_are_in_the_run_record_and_sources(crawled):
    errors = dict(crawled.query(
        f"SELECT source, count(*) FROM fetches WHERE outcome IN ({', '.join('?' * len(ERROR_OUTCOMES))}) "
        "GROUP BY source", *sorted(ERROR_OUTCOMES)))
    recorded = {row[0]: row[1:] for row in crawled.query(
        "SELECT source, errors, channel_errors, last_error FROM run_sources")}
    assert recorded["hostile-main"][0] == errors["hostile-main"] >= 10
    assert recorded["hostile-unsafe"][0] == errors["hostile-unsafe"] == len(UNSAFE)
    assert recorded["hostile-feeds"][1] == 2 and "feeds/" in recorded["hostile-feeds"][2]
    listed = subprocess.run([sys.executable, "-m", "newswatch", "--config", str(crawled.config), "sources", "--json"],
                            capture_output=True, text=True, cwd=REPO, check=True)
    health = {s["name"]: s for s in json.loads(listed.stdout)}
    assert {s["state"] for s in health.values()} == {"ok"}
    assert all(health[name]["last_error"] for name in ("hostile-main", "hostile-feeds", "hostile-unsafe"))


# --- only where it belongs ----------------------------------------------------------------------

@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_links_are_refused_before_any_connection(crawled, url):
    key = url.replace("file:///", "file://")  # feedparser drops the empty host of a file: URL
    [(outcome, reason)] = crawled.query("SELECT outcome, reason FROM fetches WHERE url = ?", key)
    assert outcome == "refused" and reason.startswith("refused: ")


def test_the_crawl_connected_to_loopback_only(crawled):
    assert crawled.child.connects and set(crawled.child.connects) == {"127.0.0.1"}
    assert "fault suite guard" not in crawled.child.stderr


# A DNS where a public-looking name answers loopback (rebound): what the crawl's resolver gets when connecting.
REBINDING_DNS = f"""
import socket
_gethostbyname = socket.gethostbyname
socket.gethostbyname = lambda host: "127.0.0.1" if host == "{REBIND_HOST}" else _gethostbyname(host)
"""


def test_a_name_that_resolves_to_a_private_address_is_refused_when_connecting(site, tmp_path):
    db, config = tmp_path / "newswatch.db", tmp_path / "newswatch.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{db}"\n\n[crawl]\ndelay_seconds = 0\ntimeout_seconds = 3\n'
                      'extract_workers = 1\nallow_hosts = ["127.0.0.1"]\n\n'
                      "[[topics]]\nname = \"t\"\nquery = 'rovaltain'\n\n"
                      f'[[sources]]\nname = "rebind"\nfeeds = ["{site.url("/feeds/rebind.rss")}"]\n', encoding="utf-8")
    before = len(site.requests)
    child = run_guarded(tmp_path, config, "crawl", prelude=REBINDING_DNS)
    assert child.returncode == 0, child.stderr
    assert "Traceback" not in child.stderr and "CRITICAL" not in child.stderr  # Twisted 26.10: no TypeError
    assert "/articles/rebound" not in [path for path, _ in site.requests[before:]], "the request reached the server"
    [(outcome, reason)] = sqlite3.connect(db).execute("SELECT outcome, reason FROM fetches").fetchall()
    assert outcome == "refused"
    assert reason == (f"refused: {REBIND_HOST} resolves to 127.0.0.1, a private, loopback or link-local address"
                      " (checked when connecting)")


def test_without_allow_hosts_even_loopback_is_refused(site, tmp_path):
    refused = crawl(site, tmp_path, "--source", "hostile-main", allow=False)
    assert refused.requests == [], "nothing may reach the server"
    assert refused.child.returncode == 1  # every source failed
    [(status, error)] = refused.query("SELECT status, error FROM channels")
    assert status == "error" and error == "refused: 127.0.0.1 is a private, loopback or link-local address"
    assert "Traceback" not in refused.child.stderr


# --- the next run -------------------------------------------------------------------------------

def copy_archive(crawled: Crawled, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "copy.db"
    with sqlite3.connect(crawled.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


@pytest.fixture(scope="module")
def recrawled(crawled, tmp_path_factory) -> Crawled:
    """The next run on a copy of the first one's archive, the server answering 304 to what it already sent."""
    folder = tmp_path_factory.mktemp("recrawl")
    return crawl(crawled.site, folder, db=copy_archive(crawled, folder))


def test_feeds_and_sitemaps_answer_the_next_run_304_and_the_channels_say_so(crawled, recrawled):
    assert recrawled.child.returncode == 0, recrawled.child.stderr
    first, second = dict(crawled.requests), dict(recrawled.requests)
    for path in ("/feeds/main.rss", "/feeds/bom.rss", "/feeds/unclosed.rss", "/sitemap-huge.xml"):
        assert (first[path], second[path]) == (200, 304), path
    assert second["/feeds/error-page.rss"] == 200, "an HTML error page has no validators"
    channels = dict(recrawled.query("SELECT url, status FROM channels"))
    assert channels[crawled.site.url("/feeds/main.rss")] == "not_modified"
    assert channels[crawled.site.url("/sitemap-huge.xml")] == "not_modified"
    assert recrawled.query("SELECT count(*) FROM articles") == crawled.query("SELECT count(*) FROM articles")


@pytest.mark.parametrize("feeds", ["answered in full", "answered 304"])
def test_the_next_run_retries_transient_failures_only(crawled, tmp_path, feeds, request):
    if feeds == "answered 304":
        again = request.getfixturevalue("recrawled")
    else:
        with crawled.site.without_validators():
            again = crawl(crawled.site, tmp_path, db=copy_archive(crawled, tmp_path))
    assert again.child.returncode == 0, again.child.stderr
    for path in BAD:
        if path in TRANSIENT:
            assert again.hits(path) >= 1, f"{path} failed for a passing reason: it is tried again"
        else:
            assert again.hits(path) == 0, f"{path} was judged for good: it is not fetched again"
    assert again.query("SELECT count(*) FROM articles") == crawled.query("SELECT count(*) FROM articles")


def test_a_url_that_keeps_failing_is_given_up_after_retry_runs(crawled, tmp_path):
    """The first crawl counted one failed run on each transient URL; with retry_runs = 2 the next run is its last."""
    db = copy_archive(crawled, tmp_path)
    config = tmp_path / "newswatch.toml"
    config.write_text(crawled.site.config_toml(db, extra="retry_runs = 2\n"), encoding="utf-8")
    for run in (1, 2):
        before = len(crawled.site.requests)
        child = run_guarded(tmp_path / f"run{run}", config, "crawl")
        assert child.returncode == 0, child.stderr
        hits = [path for path, _ in crawled.site.requests[before:]]
        for path in TRANSIENT:
            [(outcome, reason, final, failures)] = sqlite3.connect(db).execute(
                "SELECT outcome, reason, final, failures FROM fetches WHERE url = ?", (crawled.site.url(path),)).fetchall()
            if run == 1:
                assert path in hits, f"{path}: its second run tries it again"
                assert final == 1 and failures == 2 and reason.endswith("(given up: it failed on 2 runs in a row)")
                assert outcome in ("http_error", "rate_limited", "timeout", "network")
            else:
                assert path not in hits, f"{path} was given up: it is not fetched again"
        assert "/bad/404" not in hits


def retract_config(site, tmp_path):
    """An archive and a config re-checking every article at each crawl, with the feed of /articles/retracted."""
    db, config = tmp_path / "newswatch.db", tmp_path / "newswatch.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{db}"\n\n[crawl]\ndelay_seconds = 0\ntimeout_seconds = 3\n'
                      'extract_workers = 1\nallow_hosts = ["127.0.0.1"]\nkeep_unmatched = false\n'
                      "recheck_days = 3\nrecheck_interval_hours = 0\n\n"
                      "[[topics]]\nname = \"rovaltain\"\nquery = 'rovaltain'\n\n"
                      f'[[sources]]\nname = "retract"\nfeeds = ["{site.url("/feeds/retract.rss")}"]\n', encoding="utf-8")
    return db, config


def test_an_article_edited_out_of_every_topic_keeps_its_new_text_and_no_match(site, tmp_path):
    """keep_unmatched = false skips new pages that match nothing, never the re-check of an archived article."""
    db, config = retract_config(site, tmp_path)
    archive = lambda sql: sqlite3.connect(db).execute(sql).fetchall()  # noqa: E731
    try:
        newswatch("crawl", config=config, check=True)
        [(article_id, revisions, text)] = archive("SELECT id, revisions, text FROM articles")
        assert revisions == 0 and "Rovaltain" in text and archive("SELECT topic FROM matches") == [("rovaltain",)]
        site.version = 2
        newswatch("crawl", config=config, check=True)
    finally:
        site.version = 1
    assert archive("SELECT id, revisions FROM articles") == [(article_id, 1)]
    [(text,)] = archive("SELECT text FROM articles")
    assert "un parc d'activités de la Drôme" in text and "Rovaltain" not in text
    assert archive("SELECT topic FROM matches") == [], "it matches no topic any more"
    [(old,)] = archive("SELECT text FROM article_revisions")
    assert "le parc de Rovaltain" in old
    assert archive("SELECT outcome FROM fetches") == [("stored",)], "the fetch record of the article stays"


def test_an_archived_article_that_goes_behind_a_login_page_keeps_its_text(site, tmp_path):
    """An article read when it was free is sent to the outlet's login page a day later: its re-check took the login
    page's title and pitch for a material edit, and replaced the archived text with them. It is a wall: the
    archived article stays as it was."""
    db, config = retract_config(site, tmp_path)
    archive = lambda sql: sqlite3.connect(db).execute(sql).fetchall()  # noqa: E731
    try:
        newswatch("crawl", config=config, check=True)
        [before] = archive("SELECT id, title, text, revisions FROM articles")
        site.version = 3
        run = newswatch("crawl", config=config, check=True)
    finally:
        site.version = 1
    assert archive("SELECT id, title, text, revisions FROM articles") == [before]
    assert "Rovaltain" in before[2] and archive("SELECT topic FROM matches") == [("rovaltain",)]
    assert "Traceback" not in run.stderr


# --- config and command-line input --------------------------------------------------------------

VALID = ("[[topics]]\nname = \"t\"\nquery = 'rovaltain'\n\n"
         "[[sources]]\nname = \"s\"\nfeeds = [\"http://127.0.0.1:9/rss\"]\n")
BAD_CONFIGS = {
    "broken-toml": ("[crawl\ndelay_seconds = 1\n", "not valid TOML"),
    "unknown-key": ("[crawl]\nspeed = 3\n", "unknown key 'speed'"),
    "wrong-type": ("[crawl]\ntimeout_seconds = \"soon\"\n", "expected a number"),
    "bad-cron": ("[schedule]\ncrawl = \"61 * * * *\"\n", "'61 * * * *' is not a usable cron expression"),
}


def assert_one_clear_line(result: subprocess.CompletedProcess, expected: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr


@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_a_bad_config_is_one_sentence_and_writes_nothing(tmp_path, case):
    snippet, expected = BAD_CONFIGS[case]
    config = tmp_path / "newswatch.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path}/newswatch.db"\n{snippet}\n{VALID}', encoding="utf-8")
    assert_one_clear_line(newswatch("crawl", config=config), expected)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newswatch.toml"], "no archive, lock or log was written"


def test_a_bad_date_is_one_sentence_and_writes_nothing(tmp_path):
    config = tmp_path / "newswatch.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path}/newswatch.db"\n{VALID}', encoding="utf-8")
    out = tmp_path / "export.jsonl"
    result = newswatch("export", "--since", "2026-13-45", "--out", str(out), config=config)
    assert_one_clear_line(result, "--since: '2026-13-45' is not a date")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newswatch.toml"]


def test_a_bad_fts_query_is_one_sentence(crawled):
    from newswatch.cli import cli

    if "search" not in cli.commands:
        pytest.skip("the search command does not exist yet")
    result = newswatch("search", "--advanced", "a AND", config=crawled.config)
    assert_one_clear_line(result, "the advanced query 'a AND' is not valid")
    assert result.stdout == ""


# --- secrets ------------------------------------------------------------------------------------

def free_port() -> int:
    """A port nothing listens on (bound then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_smtp_password_never_shows(site, tmp_path):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    marker = "nw-secret-marker-7f3a9c"
    tried = []

    class Inbox:
        async def handle_DATA(self, server, session, envelope):
            return "250 OK"

    def authenticator(server, session, envelope, mechanism, auth_data):
        tried.append(auth_data.password)
        return AuthResult(success=False, handled=False)

    smtp = Controller(Inbox(), hostname="127.0.0.1", port=free_port(), authenticator=authenticator,
                      auth_require_tls=False)
    smtp.start()
    try:
        db = tmp_path / "newswatch.db"
        digest = ('\n[digest]\nrecipients = ["team@example.org"]\nsmtp_host = "127.0.0.1"\nuser = "watcher"\n'
                  'password_env = "NW_TEST_PW"\nsend_empty = true\ntimeout_seconds = 5\n')
        up, down = tmp_path / "up.toml", tmp_path / "down.toml"
        up.write_text(site.config_toml(db) + digest + f"smtp_port = {smtp.port}\n", encoding="utf-8")
        down.write_text(site.config_toml(db) + digest + f"smtp_port = {free_port()}\n", encoding="utf-8")
        env = {"NW_TEST_PW": marker}
        crawl_run = run_guarded(tmp_path / "crawl", up, "crawl", "-vv", "--source", "hostile-feeds", env=env)
        assert crawl_run.returncode == 0, crawl_run.stderr
        results = [newswatch(*args, config=config, env=env) for config, args in [
            (up, ("digest", "--send")), (down, ("digest", "--send")), (up, ("sources", "--json")),
            (up, ("crawl", "--source", "nope"))]]
    finally:
        smtp.stop()
    assert marker.encode() in tried, "the password was really used"
    assert [r.returncode for r in results] == [1, 1, 0, 2]
    assert "refused the login of 'watcher'" in results[0].stderr and "cannot reach" in results[1].stderr
    outputs = [crawl_run.stdout, crawl_run.stderr] + [r.stdout + r.stderr for r in results]
    assert "DEBUG" in crawl_run.stderr, "the crawl logged everything it could"
    assert not any(marker in output for output in outputs)
    with sqlite3.connect(db) as archive:
        assert marker not in "\n".join(archive.iterdump()), "the run records do not hold it"
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.suffix not in (".db", ".db-wal", ".db-shm"):
            assert marker not in path.read_text(errors="replace"), path

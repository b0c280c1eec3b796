"""End to end: a real crawl of the sample press site (child process) into a real archive, SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.links import article_links
from newswatch.demo.articles import ARTICLES
from newswatch.demo.site import article_url
from newswatch.outputs.export import FIELDS
from newswatch.text.folding import fold
from store import queries
from sqlalchemy import text
from tests.conftest import BACKENDS, REPO, crawl_demo, crawl_on, newswatch

MAX_AGE = 30  # the demo config keeps the default max_age_days
LISTINGS = ("/news/", "/tag/france/")  # the listing pages the demo config gives for dcw


def _listed_dcw_paths() -> set[str]:
    from newswatch.demo.site import build_site

    base = {o: f"http://127.0.0.1:{8000 + i}" for i, o in enumerate(("courrier", "echo", "nuages", "dcw"))}
    site = build_site(base, datetime.now(UTC))
    return {link.removeprefix(base["dcw"]) for path in LISTINGS
            for link, _ in article_links(site["dcw"][path].body, base["dcw"] + path)}


LISTED = _listed_dcw_paths()


def reachable(article) -> bool:
    """Feed/sitemap entries older than max_age_days are skipped; dcw articles are reached through its listings."""
    if article.outlet == "dcw":
        return any(path in LISTED for path in (f"/news/{article.slug}/",))
    return article.age_days < MAX_AGE


@pytest.fixture(scope="module", params=BACKENDS)
def crawled(request, demo_site, tmp_path_factory):
    """The sample site crawled once into each backend (SQLite: the shared crawl)."""
    if request.param == "sqlite":
        yield request.getfixturevalue("demo_crawl")
        return
    with crawl_on(request.param, demo_site, tmp_path_factory.mktemp("demo-pg")) as crawl:
        yield crawl


@pytest.fixture(scope="module")
def exported(crawled):
    result = newswatch("export", "--format", "jsonl", config=crawled.config_path, check=True)
    return [json.loads(line) for line in result.stdout.splitlines()]


def rows(archive, sql: str) -> list[tuple]:
    with archive.sessions()() as session:
        return [tuple(row) for row in session.execute(text(sql))]


def test_every_planted_relevant_article_is_found_with_exactly_its_topics(crawled, exported):
    by_url = {r["canonical_url"]: r for r in exported}
    expected = [a for a in ARTICLES if a.topics and reachable(a)]
    assert len(expected) >= 15
    for article in expected:
        url = article_url(crawled.site.base_urls, article)
        assert url in by_url, f"{article.slug} ({article.kind}) was not archived"
        assert {t["name"] for t in by_url[url]["topics"]} == set(article.topics), article.slug


def test_no_near_miss_or_ordinary_article_is_matched(crawled, exported):
    matched = {r["canonical_url"] for r in exported}
    for article in ARTICLES:
        if not article.topics:
            assert article_url(crawled.site.base_urls, article) not in matched, f"{article.slug} ({article.kind})"
    assert len(exported) == len({r["canonical_url"] for r in exported}), "each article once"


def test_old_feed_entries_are_skipped(crawled, exported):
    old = [a for a in ARTICLES if a.topics and not reachable(a)]
    urls = {r["canonical_url"] for r in exported}
    assert all(article_url(crawled.site.base_urls, a) not in urls for a in old)


def test_export_follows_the_contract(exported):
    assert exported
    for record in exported:
        assert set(FIELDS) <= set(record)
        assert "utm_" not in record["canonical_url"]
        assert record["found_via"] and all({"channel", "via", "source"} <= set(v) for v in record["found_via"])
        assert record["published_at"] is None or datetime.fromisoformat(record["published_at"]).utcoffset() is not None
        assert record["date_source"] in ("feed", "sitemap", "page", "document", "document_text", "htmldate",
                                         "first_seen")
        assert record["kind"] in ("article", "document") and record["title"]
        assert record["text_status"] in ("full", "teaser", "headline", "no_text")
        if record["text_status"] == "headline":  # what a channel said of a page we could not read: maybe no summary
            assert record["text_missing_reason"]
        elif record["text_status"] == "no_text":  # a scanned document has no text, and says why
            assert record["kind"] == "document" and not record["text"] and record["text_missing_reason"]
        else:
            assert record["text"] and record["language"] in ("fr", "en")
            assert (record["text_missing_reason"] is None) == (record["text_status"] == "full")
        for topic in record["topics"]:
            assert topic["name"] and topic["terms"] and topic["snippet"]
        datetime.fromisoformat(record["first_seen"])
        datetime.fromisoformat(record["fetched_at"])
    channels = {v["channel"] for r in exported for v in r["found_via"]}
    assert {"feed", "sitemap", "page"} <= channels


def test_comments_are_not_part_of_the_text(crawled, exported):
    texts = " ".join(r["text"] for r in exported)
    comments = [c for a in ARTICLES if a.topics and reachable(a) for c in a.comments]
    assert comments and not any(c in texts for c in comments)


def test_csv_export_has_the_same_articles(crawled, exported):
    result = newswatch("export", "--format", "csv", config=crawled.config_path, check=True)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(int(r["id"]) for r in rows) == sorted(r["id"] for r in exported)
    assert all(json.loads(r["topics"]) for r in rows)


def test_every_fetched_url_has_an_outcome_and_the_run_is_recorded(crawled):
    archive = crawled.archive
    outcomes = dict(rows(archive, "SELECT outcome, count(*) FROM fetches GROUP BY outcome"))
    assert outcomes.get("stored", 0) >= 15 and outcomes.get("no_topic", 0) >= 5
    assert rows(archive, "SELECT count(*) FROM fetches WHERE outcome IS NULL OR outcome = ''") == [(0,)]
    [run] = rows(archive, "SELECT status, finished_at FROM runs WHERE kind = 'crawl'")
    assert run[0] == "ok" and run[1]
    sources = {r[0]: r[1:] for r in rows(archive, "SELECT source, found, fetched, new FROM run_sources")}
    assert set(sources) == {"courrier-drome", "echo-eco", "nuages-bas", "datacentre-weekly"}
    assert all(found > 0 and fetched > 0 for found, fetched, _ in sources.values())
    [(articles,)] = rows(archive, "SELECT count(*) FROM articles")
    assert sum(new for _, _, new in sources.values()) == articles == outcomes["stored"], "runs counts every new article"
    assert rows(archive, "SELECT count(*) FROM articles") == rows(archive, "SELECT count(DISTINCT canonical_url) "
                                                                           "FROM articles")
    if archive.backend == "sqlite":
        db = sqlite3.connect(archive.path)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_archive_file_alone_holds_everything_once_a_command_ends(demo_site, tmp_path):
    """Each command closes its connections before its quick exit (cli.run): SQLite folds the write-ahead log back
    into the file and removes it: between two commands, the file alone holds the whole archive. A crawl through
    `python -m newswatch`, then a search through the console script: neither leaves a -wal or -shm file."""
    crawl = crawl_demo(demo_site, tmp_path)
    leftovers = lambda: sorted(p.name for p in tmp_path.glob("newswatch.db-*"))  # noqa: E731
    assert leftovers() == []
    # the file alone: `immutable` makes SQLite read neither a WAL nor a lock
    with closing(sqlite3.connect(f"file:{crawl.archive.path}?immutable=1", uri=True)) as db:
        [(alone,)] = db.execute("SELECT count(*) FROM articles").fetchall()
    assert alone == len(newswatch("export", "--all", config=crawl.config_path, check=True).stdout.splitlines()) > 0
    assert leftovers() == []
    script = subprocess.run([str(Path(sys.executable).parent / "newswatch"), "--config", str(crawl.config_path),
                             "search", "sesterce"], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert script.returncode == 0 and "sesterce" in script.stdout.lower(), script.stderr
    assert leftovers() == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_unmatched_articles_are_archived_with_keep_unmatched(backend, demo_site, tmp_path):
    with crawl_on(backend, demo_site, tmp_path, extra_crawl="keep_unmatched = true\n") as crawl:
        check_keep_unmatched(crawl, demo_site)


def check_keep_unmatched(crawl, demo_site):
    everything = newswatch("export", "--all", config=crawl.config_path, check=True).stdout.splitlines()
    matched = newswatch("export", config=crawl.config_path, check=True).stdout.splitlines()
    assert len(everything) > len(matched) >= 15
    ordinary = [a for a in ARTICLES if a.kind == "ordinary" and reachable(a)]
    urls = {json.loads(line)["canonical_url"] for line in everything}
    assert all(article_url(demo_site.base_urls, a) in urls for a in ordinary)
    captured = {r[0] for r in rows(crawl.archive, "SELECT DISTINCT article_id FROM captures")}
    matching = {json.loads(line)["id"] for line in matched}
    assert captured == matching, "evidence is kept of matching articles only, never of the unmatched ones kept"


@pytest.mark.parametrize("backend", BACKENDS)
def test_second_crawl_fetches_no_article_twice_and_gets_304s(backend, demo_site, tmp_path):
    start = len(demo_site.requests)
    with crawl_on(backend, demo_site, tmp_path) as crawl:
        check_second_crawl(crawl, demo_site, start)


def check_second_crawl(crawl, demo_site, start):
    before = len(demo_site.requests)
    first = {r[2]: r[3] for r in demo_site.requests[start:before]}
    assert first["/sitemap_index.xml"] == 200 and first["/sitemap_news.xml.gz"] == 200
    newswatch("crawl", config=crawl.config_path, check=True)
    second = demo_site.requests[before:]
    assert second, "the second crawl asked for the channels again"
    channel_paths = {"/rss.xml", "/sitemap_news.xml", "/sitemap_index.xml", "/atom.xml", "/news/", "/tag/france/",
                     "/sitemap_news.xml.gz", "/robots.txt"}
    article_requests = [r for r in second if r[2] not in channel_paths]
    assert article_requests == [], article_requests
    statuses = {r[2]: r[3] for r in second}
    assert statuses["/rss.xml"] == 304 and statuses["/atom.xml"] == 304
    # an index is read whole every time (it keeps no validators), so that its sitemaps are always asked for
    assert statuses["/sitemap_index.xml"] == 200 and statuses["/sitemap_news.xml.gz"] == 304


@pytest.mark.parametrize("backend", BACKENDS)
def test_rematch_after_topics_change(backend, demo_site, tmp_path):
    with crawl_on(backend, demo_site, tmp_path) as crawl:
        check_rematch(crawl)


def check_rematch(crawl):
    text = crawl.config_path.read_text(encoding="utf-8")
    crawl.config_path.write_text(text.replace('name = "datacenters"', 'name = "centres"'), encoding="utf-8")
    result = newswatch("rematch", config=crawl.config_path, check=True)
    assert "changed" in result.stdout
    topics = {r[0] for r in rows(crawl.archive, "SELECT DISTINCT topic FROM matches")}
    assert "centres" in topics and "datacenters" not in topics


def test_plain_search_finds_plurals_and_keeps_quoted_phrases_exact(crawled):
    """Issue 13: `datacenter` found 1 article where `datacenter*` finds 3; `centre de données` missed the
    two "centres de données" articles. The same on both backends."""
    def found(*typed: str) -> set[int]:
        hits = newswatch("search", *typed, "--json", "--limit", "100", config=crawled.config_path, check=True)
        return {h["id"] for h in json.loads(hits.stdout)}

    def scan(pattern: str) -> set[int]:
        with crawled.archive.sessions()() as session:
            return {a.id for a in queries.iter_articles(session, matched_only=False)
                    if re.search(pattern, fold(f"{a.title} {a.text}"))}

    assert len(found("datacenter")) >= 3 and found("datacenter") == scan(r"\bdatacenters?\b")
    plural, singular = scan(r"\bcentres de donnees\b"), scan(r"\bcentre de donnees\b")
    assert len(plural - singular) >= 2 and plural | singular <= found("centre de données")
    assert found('"centre de données"') == singular == found("--advanced", '"centre de données"')


def test_unknown_source_is_one_clear_error(demo_crawl):
    result = newswatch("crawl", "--source", "nope", config=demo_crawl.config_path)
    assert result.returncode == 2
    assert "no source named 'nope'" in result.stderr and "Traceback" not in result.stderr

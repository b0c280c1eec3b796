"""End to end: the sample site's planted copies are folded or linked, and a re-crawl records the edited article."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from newswatch.demo.articles import ARTICLES
from newswatch.demo.site import AMP_SLUG, TRACKING, amp_url, article_path, article_url
from sqlalchemy import text as sql_text
from tests.conftest import BACKENDS, REPO, crawl_on, newswatch
from tests.test_crawl_e2e import reachable

WIRE = [a for a in ARTICLES if a.kind == "wire"]
EDITED = next(a for a in ARTICLES if a.kind == "edited")


def records(crawl) -> dict[str, dict]:
    """The exported articles by canonical URL."""
    out = newswatch("export", "--format", "jsonl", config=crawl.config_path, check=True).stdout
    return {r["canonical_url"]: r for r in map(json.loads, out.splitlines())}


@pytest.fixture(scope="module")
def exported(demo_crawl):
    return records(demo_crawl)


def test_the_wire_story_in_two_outlets_is_two_articles_of_one_story(demo_crawl, exported):
    first, second = (exported[article_url(demo_crawl.site.base_urls, a)] for a in WIRE)
    assert first["id"] != second["id"] and first["source"] != second["source"]
    assert first["story_id"] == second["story_id"] is not None
    assert {first["duplicate_of"], second["duplicate_of"]} == {None, min(first["id"], second["id"])}


def test_amp_and_tracking_variants_are_folded_into_one_article_with_all_their_urls(demo_crawl, exported):
    base = demo_crawl.site.base_urls
    amp_article = next(a for a in ARTICLES if a.slug == AMP_SLUG)
    record = exported[article_url(base, amp_article)]
    assert amp_url(base) in record["urls"] and record["urls"][0] == record["canonical_url"]
    courrier = [a for a in ARTICLES if a.outlet == "courrier" and a.topics and reachable(a)]
    assert courrier
    for article in courrier:
        url = article_url(base, article)
        assert url + TRACKING in exported[url]["urls"], article.slug
    assert not any("utm_" in r["canonical_url"] or r["canonical_url"].endswith("/amp/") for r in exported.values())


def test_no_distinct_article_is_merged(demo_crawl, exported):
    expected = {article_url(demo_crawl.site.base_urls, a) for a in ARTICLES if a.topics and reachable(a)}
    assert set(exported) == expected
    db = sqlite3.connect(demo_crawl.archive.path)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == len(expected)
    sizes = sorted(size for (size,) in db.execute("SELECT size FROM stories"))
    assert sizes == [1] * (len(expected) - 2) + [2], "only the wire story has two articles"
    assert db.execute("SELECT count(*) FROM fetches WHERE outcome = 'duplicate'").fetchone()[0] == 0
    per_article = db.execute("SELECT count(*) FROM minhash_bands GROUP BY article_id").fetchall()
    assert len(per_article) == len(expected) and {n for (n,) in per_article} == {32}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_recrawl_records_the_edited_article_as_a_revision(backend, demo_site, tmp_path):
    with crawl_on(backend, demo_site, tmp_path, extra_crawl="recheck_days = 3\nrecheck_interval_hours = 0\n") as crawl:
        check_revision(crawl, demo_site, tmp_path)


def check_revision(crawl, demo_site, tmp_path):
    url = article_url(demo_site.base_urls, EDITED)
    first = records(crawl)
    before = first[url]
    assert before["revisions"] == 0 and before["updated_at"] is None
    start = len(demo_site.requests)
    try:
        demo_site.set_version(2)
        newswatch("crawl", config=crawl.config_path, check=True)
    finally:
        demo_site.set_version(1)
    after = records(crawl)
    edited = after[url]
    assert edited["revisions"] == 1 and edited["updated_at"]
    assert edited["title"] == EDITED.title_at(2) and "450 millions" in edited["text"]
    assert edited["id"] == before["id"] and set(after) == set(first)
    with crawl.archive.sessions()() as session:
        title, text, summary, fetched_at, replaced_at = session.execute(sql_text(
            "SELECT title, text, summary, fetched_at, replaced_at FROM article_revisions WHERE article_id = :id"),
            {"id": edited["id"]}).one()
        revisions = session.scalar(sql_text("SELECT count(*) FROM article_revisions"))
    assert title == EDITED.title_at(1) and "chiffrée à 1,8 milliard" in text
    assert summary.startswith("title: «1,8 milliard» → «450 millions»; text:") and "added" in summary
    assert fetched_at < replaced_at
    assert revisions == 1, "unchanged articles stay so"
    article_paths = {article_path(a) for a in ARTICLES}
    rechecked = {(urlsplit(r.path).path, r.status) for r in demo_site.requests[start:]
                 if urlsplit(r.path).path in article_paths}
    assert (article_path(EDITED), 200) in rechecked
    assert any(status == 304 for _, status in rechecked), "young articles are re-checked with conditional requests"
    old = {article_path(a) for a in ARTICLES if a.age_days > 3}
    assert not {path for path, _ in rechecked} & old, "articles older than recheck_days are left alone"
    _evidence_of_the_edit(crawl, edited["id"], url, tmp_path)


def _evidence_of_the_edit(crawl, article_id: int, url: str, tmp_path) -> None:
    """Two captures whose hashes verify, the second saying what changed; the WARC file reads back with warcio."""
    import hashlib

    from warcio.archiveiterator import ArchiveIterator

    chain = json.loads(newswatch("evidence", str(article_id), "--json", config=crawl.config_path, check=True).stdout)
    assert [link["check"] for link in chain] == ["verified", "verified"]
    assert chain[0]["change"] == "first sight" and chain[1]["change"].startswith("title: «1,8 milliard»")
    assert chain[0]["sha256"] != chain[1]["sha256"] and chain[0]["fetched_at"] < chain[1]["fetched_at"]
    shown = newswatch("show", str(article_id), config=crawl.config_path, check=True).stdout
    assert "changed:    1 time(s) after first sight" in shown
    warc = tmp_path / "evidence.warc.gz"
    newswatch("evidence", "--warc", str(warc), config=crawl.config_path, check=True)
    with warc.open("rb") as stream:
        responses = [(r.rec_headers.get_header("WARC-Newswatch-Article"), r.rec_headers.get_header("WARC-Target-URI"),
                      r.content_stream().read())
                     for r in ArchiveIterator(stream, check_digests="raise") if r.rec_type == "response"]
    bodies = [body for article, _, body in responses if article == str(article_id)]
    assert {target.split("?")[0] for article, target, _ in responses if article == str(article_id)} == {url}
    assert [hashlib.sha256(b).hexdigest() for b in bodies] == [link["sha256"] for link in chain]
    with crawl.archive.sessions()() as session:
        unmatched = session.scalar(sql_text(
            "SELECT count(*) FROM captures JOIN articles ON articles.id = captures.article_id "
            "WHERE articles.id NOT IN (SELECT article_id FROM matches)"))
    assert unmatched == 0, "no raw copy of a page that matches no topic"
    with crawl.archive.sessions()() as session:
        captures = dict(session.execute(sql_text(
            "SELECT article_id, count(*) FROM captures GROUP BY article_id")).all())
        matching = {i for (i,) in session.execute(sql_text("SELECT DISTINCT article_id FROM matches"))}
        unkept = session.scalar(sql_text(
            "SELECT count(*) FROM captures WHERE sha256 NOT IN (SELECT sha256 FROM raw_blobs)"))
    assert set(captures) == matching and captures.pop(article_id) == 2
    assert set(captures.values()) == {1}, "a re-check that finds the article unchanged keeps no second copy"
    assert unkept == 0, "the raw answer of every matching page is kept (store.keep_raw)"


def test_the_benchmark_runs_on_a_small_archive(tmp_path):
    result = subprocess.run([sys.executable, "bench/bench_dedup.py", "--sizes", "200", "400", "--inserts", "20"],
                            capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line.split()[0] in ("200", "400")}
    assert set(rows) == {"200", "400"} and all(float(ms) > 0 for row in rows.values() for ms in row[3:])
    assert result.stdout.splitlines()[-1].startswith("ratio 400 / 200: ")

"""The PostgreSQL archive: two real crawlers writing the same articles at once, and what only this backend has."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import text
from tests.conftest import REPO, Archive, newswatch, pg_database
from tests.hostile import HostileSite

from store import queries
from store.backend import url_lock_key
from store.db import ArchiveError, open_archive

ARTICLES = 60


@pytest.fixture(scope="module")
def bulk_site():
    with HostileSite(bulk=ARTICLES, bulk_delay=0.02) as site:
        yield site


def test_two_crawlers_writing_the_same_articles_at_once_archive_each_once(bulk_site, tmp_path):
    """Two crawl processes (two machines, each with its own config) fetch the same 60 articles into one archive."""
    with pg_database() as url:
        configs = []
        for name in ("one", "two"):
            folder = tmp_path / name
            folder.mkdir()
            config = folder / "newswatch.toml"
            config.write_text(bulk_site.bulk_config_toml(folder / "unused.db").replace(
                f'sqlite:///{folder / "unused.db"}', url), encoding="utf-8")
            configs.append(config)
        crawls = [subprocess.Popen([sys.executable, "-m", "newswatch", "--config", str(c), "crawl"], cwd=REPO,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in configs]
        outputs = [crawl.communicate(timeout=300) for crawl in crawls]
        for crawl, (_, err) in zip(crawls, outputs):
            assert crawl.returncode == 0, err
            assert "ERROR" not in err and "Traceback" not in err, err
        archive = Archive(url=url, path=None)
        try:
            check_one_article_each(archive)
        finally:
            archive.close()


def check_one_article_each(archive) -> None:
    with archive.sessions()() as session:
        assert queries.article_count(session) == ARTICLES
        assert session.scalar(text("SELECT count(DISTINCT canonical_url) FROM articles")) == ARTICLES
        outcomes = queries.fetch_outcomes(session)
        assert sum(outcomes.values()) == ARTICLES and set(outcomes) <= {"stored", "duplicate"}
        print(f"outcomes {outcomes}")
        runs = queries.recent_runs(session, kind="crawl")
        assert [r.status for r in runs] == ["ok", "ok"]
        assert sum(rs.new for r in runs for rs in r.sources) == ARTICLES, "each article stored by one crawler"
        assert session.scalar(text("SELECT count(*) FROM stories")) == ARTICLES


def test_url_lock_keys_are_stable_signed_64_bit_integers():
    key = url_lock_key("https://example.org/a")
    assert key == url_lock_key("https://example.org/a") != url_lock_key("https://example.org/b")
    assert -2**63 <= key < 2**63


def test_a_read_only_command_on_an_empty_database_says_there_is_no_archive(tmp_path):
    with pg_database() as url:
        with pytest.raises(ArchiveError, match="no archive in the database"):
            open_archive(url)
        config = tmp_path / "newswatch.toml"
        config.write_text(f'[store]\nurl = "{url}"\n', encoding="utf-8")
        result = newswatch("search", "rovaltain", config=config)
        assert result.returncode == 2 and "no archive in the database" in result.stderr
        assert "Traceback" not in result.stderr


def test_an_unreachable_server_is_one_sentence(tmp_path):
    config = tmp_path / "newswatch.toml"
    config.write_text('[store]\nurl = "postgresql+psycopg://nobody@127.0.0.1:1/none"\n', encoding="utf-8")
    result = newswatch("search", "rovaltain", config=config)
    assert result.returncode == 2 and "cannot use the archive postgresql+psycopg://nobody@127.0.0.1:1/none" \
        in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def export_all(config) -> list[dict]:
    return [json.loads(line) for line in newswatch("export", "--all", config=config, check=True).stdout.splitlines()]


def test_copy_archive_round_trip_loses_nothing(demo_crawl, tmp_path):
    """SQLite → PostgreSQL → SQLite: the same export, the same runs, digests' tables and ids; search works on each."""
    with pg_database() as url:
        result = newswatch("copy-archive", "--to", url, config=demo_crawl.config_path)
        assert result.returncode == 0, result.stderr
        assert "counts equal" in result.stdout and "differing" in result.stdout
        pg_config = tmp_path / "pg.toml"
        pg_config.write_text(demo_crawl.config_path.read_text(encoding="utf-8").replace(demo_crawl.archive.url, url),
                             encoding="utf-8")
        back = tmp_path / "back.db"
        result = newswatch("copy-archive", "--to", f"sqlite:///{back}", config=pg_config)
        assert result.returncode == 0, result.stderr
        back_config = tmp_path / "back.toml"
        back_config.write_text(demo_crawl.config_path.read_text(encoding="utf-8").replace(
            demo_crawl.archive.url, f"sqlite:///{back}"), encoding="utf-8")
        original = export_all(demo_crawl.config_path)
        assert len(original) >= 15
        for copied in (export_all(pg_config), export_all(back_config)):
            assert len(copied) == len(original)
            for mine, theirs in zip(original, copied):
                assert {k: v for k, v in theirs.items() if v != mine.get(k)} == {}, mine["id"]
        for config in (demo_crawl.config_path, pg_config, back_config):
            hits = json.loads(newswatch("search", "sesterce", "--json", config=config, check=True).stdout)
            assert hits, config
        # the copy's next ids follow the copied ones: a new run gets a new id
        copied = Archive(url=url, path=None)
        try:
            with copied.sessions(writer=True)() as session, session.begin():
                run = queries.start_run(session, "crawl")
                assert run.id > max(r.id for r in queries.recent_runs(session, limit=100) if r.id != run.id)
        finally:
            copied.close()
        again = newswatch("copy-archive", "--to", url, config=demo_crawl.config_path)
        assert again.returncode == 2 and "is not empty" in again.stderr and "Traceback" not in again.stderr


def test_the_sample_site_gives_the_same_archive_on_both_backends_and_every_command_runs_on_postgresql(
        demo_site, tmp_path):
    """The sample site with its official documents and its hard cases (aggregators, walls, a paywall) crawled
    into SQLite and into PostgreSQL: the same export; then every command a group uses, on PostgreSQL."""
    from tests.test_digest import Inbox, digest_toml, start_smtp
    from warcio.archiveiterator import ArchiveIterator

    from newswatch.demo.run import demo_config

    inbox = Inbox()
    smtp = start_smtp(inbox)
    try:
        with pg_database() as url:
            configs = {}
            for backend, store_url in (("sqlite", None), ("postgresql", url)):
                folder = tmp_path / backend
                folder.mkdir()
                configs[backend] = folder / "newswatch.toml"
                configs[backend].write_text(demo_config(demo_site, folder / "newswatch.db", documents=True, leads=True,
                                                        store_url=store_url) + digest_toml(smtp.port), encoding="utf-8")
                crawled = newswatch("crawl", config=configs[backend], check=True)
                assert "Traceback" not in crawled.stderr, crawled.stderr

            def summary(config) -> list[tuple]:
                # not the outlet or the date's source: an article's AMP page and its own page may come first in
                # either crawl, and the first one read gives the metadata
                return sorted((r["title"], r["kind"], r["text_status"], tuple(sorted(t["name"] for t in r["topics"])),
                               len(r["deadlines"])) for r in export_all(config))

            archived = summary(configs["sqlite"])
            assert summary(configs["postgresql"]) == archived
            assert {"document"} <= {kind for _, kind, *_ in archived}
            assert {"full", "teaser", "headline"} <= {status for _, _, status, *_ in archived}

            def found(config, words: str) -> set[str]:
                return {h["title"] for h in json.loads(newswatch("search", words, "--json", config=config,
                                                                 check=True).stdout)}

            for words in ("centre de données", '"centre de données"', "datacenter", "Rovaltain recours"):
                assert found(configs["postgresql"], words) == found(configs["sqlite"], words), words

            pg = configs["postgresql"]
            records = export_all(pg)
            document = next(r for r in records if r["kind"] == "document" and r["deadlines"])
            runs = {
                "digest": ["digest", "--send"], "deadlines": ["deadlines", "--ics", str(tmp_path / "d.ics")],
                "evidence": ["evidence", str(document["id"])],
                "warc": ["evidence", "--warc", str(tmp_path / "e.warc.gz")],
                "mark": ["mark", str(document["id"]), "relevant", "--note", "the prefecture's notice"],
                "stats": ["stats"], "report": ["report", "--out", str(tmp_path / "r.html")],
                "feed": ["feed", "--out", str(tmp_path / "f.xml")], "runs": ["runs"], "sources": ["sources"],
                "outlets": ["sources", "outlets"], "rematch": ["rematch"], "show": ["show", str(document["id"])],
            }
            said = {}
            for name, command in runs.items():
                result = newswatch(*command, config=pg)
                assert result.returncode == 0 and "Traceback" not in result.stderr, (name, result.stderr)
                said[name] = result.stdout
            assert len(inbox.messages) == 1
            sent = inbox.parsed().get_body(("plain",)).get_content()
            assert "DEADLINES" in sent.upper() and "headline only" in sent and "subscribers only" in sent
            assert "BEGIN:VEVENT" in (tmp_path / "d.ics").read_text(encoding="utf-8")
            assert "verified" in said["evidence"] and "MISMATCH" not in said["evidence"]
            with (tmp_path / "e.warc.gz").open("rb") as warc:
                assert sum(1 for record in ArchiveIterator(warc) if record.rec_type == "response") >= len(
                    [r for r in records if r["text_status"] != "headline"])
            assert "p. " in said["show"] or document["title"] in said["show"]
            marked = next(r for r in export_all(pg) if r["id"] == document["id"])
            assert marked["mark"]["mark"] == "relevant" and marked["mark"]["note"] == "the prefecture's notice"
            assert (tmp_path / "r.html").read_text(encoding="utf-8").count("data:image/svg+xml;base64,") == 2
            assert (tmp_path / "f.xml").read_text(encoding="utf-8").count("<entry>") >= 10
    finally:
        smtp.stop()

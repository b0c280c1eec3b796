"""Triage marks: the CLI, the archive's own checks, the digest, export, stats, and marks surviving rematch and re-checks."""

from __future__ import annotations

import json
import sqlite3

import pytest

from newswatch.demo.articles import ARTICLES
from newswatch.demo.site import article_url
from newswatch.outputs.digest import build_digest
from newswatch.outputs.report import coverage_stats
from newswatch.outputs.triage import off_topic_words, words_of
from store.marks import set_mark
from tests.conftest import crawl_demo, newswatch
from tests.test_search import CORPUS, config_for, seed

EDITED = next(a for a in ARTICLES if a.kind == "edited")


@pytest.fixture
def seeded_config(archive, tmp_path):
    ids = seed(archive)
    return archive, ids, config_for(archive, tmp_path)


def mark_of(archive, article_id):
    return sqlite3.connect(archive.path).execute(
        "SELECT mark, note, marked_by FROM article_marks WHERE article_id = ?", (article_id,)).fetchone()


# --- the CLI and the archive's own checks ------------------------------------------------------------

def test_cli_marks_replaces_and_clears(seeded_config):
    archive, ids, config = seeded_config
    done = newswatch("mark", str(ids[1]), "off-topic", "--note", "  the coin, not the company ", config=config,
                     check=True)
    assert done.stdout.strip() == f"article {ids[1]}: off-topic (the coin, not the company)"
    assert mark_of(archive, ids[1]) == ("off-topic", "the coin, not the company", "cli")
    newswatch("mark", str(ids[1]), "relevant", config=config, check=True)
    assert mark_of(archive, ids[1]) == ("relevant", None, "cli"), "a new mark replaces the old one and its note"
    assert newswatch("mark", str(ids[1]), "clear", config=config, check=True).stdout.strip() == \
        f"article {ids[1]}: mark cleared"
    assert mark_of(archive, ids[1]) is None
    assert "had no mark" in newswatch("mark", str(ids[1]), "clear", config=config, check=True).stdout


def test_cli_refuses_unknown_articles_and_marks_in_one_line(seeded_config):
    archive, ids, config = seeded_config
    missing = newswatch("mark", "999", "relevant", config=config)
    assert missing.returncode == 2 and missing.stderr.strip() == "Error: there is no article with id 999 in the archive"
    wrong = newswatch("mark", str(ids[0]), "spam", config=config)
    assert wrong.returncode == 2 and "'spam' is not one of 'relevant', 'off-topic', 'duplicate', 'clear'" in wrong.stderr
    assert "Traceback" not in missing.stderr + wrong.stderr


def test_the_archive_itself_refuses_bad_marks_whoever_writes(seeded_config):
    """Datasette's writable query writes with plain SQL: the triggers give the sentence a person reads."""
    archive, ids, _ = seeded_config
    db = sqlite3.connect(archive.path)
    with pytest.raises(sqlite3.IntegrityError, match="a mark is relevant, off-topic or duplicate"):
        db.execute("INSERT INTO article_marks (article_id, mark, marked_at) VALUES (?, 'spam', '2026-01-01')",
                   (ids[0],))
    with pytest.raises(sqlite3.IntegrityError, match="there is no article with this id in the archive"):
        db.execute("INSERT INTO article_marks (article_id, mark, marked_at) VALUES (999, 'relevant', '2026-01-01')")
    db.execute("INSERT INTO article_marks (article_id, mark, marked_at) VALUES (?, 'relevant', '2026-01-01')",
               (str(ids[0]),))
    with pytest.raises(sqlite3.IntegrityError, match="a mark is relevant"):
        db.execute("UPDATE article_marks SET mark = 'maybe' WHERE article_id = ?", (ids[0],))
    db.execute("DELETE FROM articles WHERE id = ?", (ids[0],))
    db.commit()
    assert db.execute("SELECT count(*) FROM article_marks").fetchone() == (1,), "no cascade without foreign_keys"
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("DELETE FROM articles WHERE id = ?", (ids[2],))


# --- digest, export, stats ---------------------------------------------------------------------------

def test_digest_leaves_out_off_topic_articles_and_shows_notes(seeded_config):
    archive, ids, config = seeded_config
    before = newswatch("digest", "--dry-run", config=config, check=True).stdout
    assert CORPUS[1][5] in before and CORPUS[0][5] in before
    newswatch("mark", str(ids[1]), "off-topic", "--note", "a job advert", config=config, check=True)
    newswatch("mark", str(ids[0]), "relevant", "--note", "ask the mayor about the cooling", config=config, check=True)
    after = newswatch("digest", "--dry-run", config=config, check=True).stdout
    assert CORPUS[1][5] not in after and "a job advert" not in after
    assert CORPUS[0][5] in after and "  note: ask the mayor about the cooling" in after
    with archive.sessions()() as session:
        from newswatch.config import load_config

        built = build_digest(session, load_config(config))
    assert ids[1] not in dict(built.items), "a send would not mark it as carried either"
    assert '<div class="note"' in built.html and "note: ask the mayor about the cooling" in built.html


def test_export_carries_the_marks(seeded_config):
    archive, ids, config = seeded_config
    newswatch("mark", str(ids[2]), "duplicate", "--note", "same as the DCD piece", config=config, check=True)
    records = {r["id"]: r for r in map(json.loads, newswatch("export", config=config, check=True).stdout.splitlines())}
    mark = records[ids[2]]["mark"]
    assert (mark["mark"], mark["note"], mark["marked_by"]) == ("duplicate", "same as the DCD piece", "cli")
    assert mark["marked_at"].endswith("+00:00")
    assert records[ids[0]]["mark"] is None
    csv_out = newswatch("export", "--format", "csv", config=config, check=True).stdout
    assert "mark" in csv_out.splitlines()[0].split(",") and '""mark"": ""duplicate""' in csv_out


def test_off_topic_words_are_shared_by_off_topic_texts_and_absent_from_relevant_ones():
    off = ["Le sesterce de bronze, pièce romaine, vendu aux enchères à Lyon",
           "Une pièce romaine : un sesterce d'Hadrien, numismatique et enchères",
           "Sesterce romain en argent"]
    relevant = ["Sesterce installe ses GPU à Rovaltain, dans l'ancien bâtiment Ecotox",
                "Le bronze des statues de Valence restauré ; Sesterce recrute"]
    words = off_topic_words(off, relevant)
    assert words == [("encheres", 2), ("piece", 2), ("romaine", 2)], "shared by two texts, then alphabetical"
    assert "sesterce" not in dict(words) and "bronze" not in dict(words), "words of relevant texts are never suggested"
    assert "argent" not in dict(words), "a word of one off-topic text out of three is not shared"
    assert off_topic_words(off[:1], relevant)[0][1] == 1, "one off-topic text: its own words"
    assert off_topic_words(off, []) == [], "nothing to compare with: no suggestion"
    assert "dans" not in words_of("dans les données") and "donnees" in words_of("dans les données")


def test_stats_count_marks_per_topic_and_suggest_words(seeded_config):
    archive, ids, config = seeded_config
    plain = json.loads(newswatch("stats", "--json", config=config, check=True).stdout)
    assert plain["marks"] == [] and plain["off_topic_words"] == [], "no mark: no triage section"
    assert "triage marks" not in newswatch("stats", config=config, check=True).stdout
    newswatch("mark", str(ids[4]), "off-topic", "--note", "council agenda", config=config, check=True)
    newswatch("mark", str(ids[0]), "relevant", config=config, check=True)
    stats = json.loads(newswatch("stats", "--json", config=config, check=True).stdout)
    assert stats["marks"] == [{"topic": "datacenters", "mark": "relevant", "articles": 1},
                              {"topic": "datacenters", "mark": "unmarked", "articles": 1},
                              {"topic": "rovaltain", "mark": "off-topic", "articles": 1},
                              {"topic": "rovaltain", "mark": "relevant", "articles": 1},
                              {"topic": "rovaltain", "mark": "unmarked", "articles": 1}]
    words = [r["word"] for r in stats["off_topic_words"]]
    assert {r["topic"] for r in stats["off_topic_words"]} == {"rovaltain"}
    assert {"conseil", "municipal", "dossiers", "semaine"} <= set(words) and "rovaltain" not in words
    table = newswatch("stats", config=config, check=True).stdout
    assert "== triage marks" in table and "== words off-topic articles share (relevant ones do not)" in table
    rows = newswatch("stats", "--csv", config=config, check=True).stdout.splitlines()
    assert "marks,rovaltain,off-topic,1" in rows and "off_topic_words,rovaltain,conseil,1" in rows
    with archive.sessions()() as session:
        assert coverage_stats(session).marks == stats["marks"]


# --- marks survive rematch and re-checks --------------------------------------------------------------

def test_marks_survive_rematch_and_a_recheck_that_records_a_revision(demo_site, tmp_path):
    crawl = crawl_demo(demo_site, tmp_path, extra_crawl="recheck_days = 3\nrecheck_interval_hours = 0\n")
    db = sqlite3.connect(crawl.archive.path)
    (article_id,) = db.execute("SELECT id FROM articles WHERE canonical_url = ?",
                               (article_url(demo_site.base_urls, EDITED),)).fetchone()
    with crawl.archive.sessions(writer=True)() as session, session.begin():
        set_mark(session, article_id, "relevant", "the figure changed: keep both versions", marked_by="test")
    try:
        demo_site.set_version(2)
        newswatch("crawl", config=crawl.config_path, check=True)
    finally:
        demo_site.set_version(1)
    assert db.execute("SELECT revisions FROM articles WHERE id = ?", (article_id,)).fetchone() == (1,)
    newswatch("rematch", config=crawl.config_path, check=True)
    assert db.execute("SELECT mark, note FROM article_marks WHERE article_id = ?", (article_id,)).fetchone() == \
        ("relevant", "the figure changed: keep both versions")

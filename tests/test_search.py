"""Full-text search: the FTS5 migration and triggers, default and advanced queries, filters, show, Datasette."""

from __future__ import annotations

import asyncio
import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import text as sql_text
from datasette.utils import detect_fts
from tests.conftest import REPO, Archive, newswatch

from newswatch.outputs.search import article_details, fts_query, search
from newswatch.text.folding import fold
from newswatch.text.inflection import forms
from newswatch.text.topics import TopicError, TopicMatch
from store import queries
from store.db import transaction
from store.migrate import alembic_config, upgrade
from store.models import Article
from store.search import Window


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# Each article: (source, language, published, first seen, topics, title, text)
CORPUS = [
    ("courrier-drome", "fr", "2026-02-18", "2026-02-18", ["datacenters", "rovaltain"],
     "Le centre de données de Rovaltain présenté aux élus",
     "Sesterce a présenté le projet dans l'ancien bâtiment de l'Ecotox, à Alixan. Ce data-center de 40 000 GPU "
     "utilisera un refroidissement en circuit fermé."),
    ("ricochets", "fr", "2026-03-13", "2026-03-14", ["sesterce"],
     "Sesterce promet un supercalculateur",
     "La société marseillaise Sesterce annonce des centaines d'emplois et un réseau de chaleur."),
    ("dcd", "en", None, "2025-12-01", ["datacenters", "rovaltain"],
     "Water use at Rovaltain",
     "The data center planned near Valence will use closed-loop cooling, its operator says."),
    ("numismatique", "fr", "2026-01-10", "2026-02-20", [],
     "Un sesterce d'Auguste aux enchères",
     "Cette pièce romaine, un sesterce en bronze, a été adjugée à Lyon."),
    ("valence-info", "fr", "2026-02-02", "2026-02-02", ["rovaltain"],
     "Conseil municipal : les dossiers de la semaine",
     "Rovaltain, Rovaltain et encore Rovaltain : la zone de Rovaltain occupe le conseil."),
]
CORPUS_TITLES = [row[5] for row in CORPUS]


def seed(archive, corpus=CORPUS) -> list[int]:
    """Insert the corpus through the store's own functions; return the article ids in corpus order."""
    ids = []
    with transaction(archive.sessions(writer=True)) as session:
        for n, (source, lang, published, seen, topics, title, text) in enumerate(corpus):
            url = f"https://{source}.example/article-{n}"
            article_id = queries.insert_article(
                session, url=url, canonical_url=url, source=source, title=title, text=text, language=lang,
                published_at=day(published) if published else None, date_source="meta" if published else "none",
                first_seen=day(seen), fetched_at=day(seen))
            queries.add_article_urls(session, article_id, [url])
            queries.record_discovery(session, url=url, raw_url=url + "?utm_source=rss", source=source,
                                     channel="feed", via=f"https://{source}.example/feed/", title=title,
                                     published=None, summary=None)
            queries.replace_matches(session, article_id, [TopicMatch(t, [t], f"…{t}…") for t in topics])
            ids.append(article_id)
    return ids


@pytest.fixture
def seeded(any_archive):
    """The corpus on each backend: search must behave the same on SQLite and PostgreSQL."""
    return any_archive, seed(any_archive)


@pytest.fixture
def seeded_sqlite(archive):
    """The corpus in a SQLite archive, for what is about FTS5 itself (its index, Datasette)."""
    return archive, seed(archive)


def titles(archive, text: str, advanced: bool = False, **window) -> list[str]:
    with archive.sessions()() as session:
        return [h["title"] for h in search(session, text, advanced=advanced, window=Window(**window))]


def config_for(archive, tmp_path):
    path = tmp_path / "newswatch.toml"
    path.write_text(f'[store]\nurl = "{archive.url}"\n', encoding="utf-8")
    return path


# --- default mode -----------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, expected", [
    ("donnees", ["Le centre de données de Rovaltain présenté aux élus"]),
    ("DONNÉES", ["Le centre de données de Rovaltain présenté aux élus"]),
    ("data-center", ["Le centre de données de Rovaltain présenté aux élus", "Water use at Rovaltain"]),
    ('"centre de données"', ["Le centre de données de Rovaltain présenté aux élus"]),
    ("l'Ecotox", ["Le centre de données de Rovaltain présenté aux élus"]),
    ("l’ecotox alixan", ["Le centre de données de Rovaltain présenté aux élus"]),
    ("encheres", ["Un sesterce d'Auguste aux enchères"]),
])
def test_default_mode_finds_french_text_whatever_the_accents_and_punctuation(seeded, typed, expected):
    archive, _ = seeded
    assert sorted(titles(archive, typed)) == sorted(expected)


# Plurals and simple inflections, and words that only look like them (issue 13, item 5)
INFLECTED = [
    ("dcd", "en", "2026-02-10", "2026-02-10", [], "Two new datacenters for the Drôme",
     "The datacenters will host 40,000 GPUs near Valence, their operator says."),
    ("courrier-drome", "fr", "2026-02-11", "2026-02-11", [], "Un datacenter à Alixan",
     "Le datacenter de Sesterce sera refroidi en circuit fermé."),
    ("ricochets", "fr", "2026-02-12", "2026-02-12", [], "L'avantage fiscal des centres de données",
     "Les centres de données paient moins cher leur électricité. Les opposants dénoncent une niche fiscale."),
    ("valence-info", "fr", "2026-02-13", "2026-02-13", [], "Le centre de données présenté aux habitants",
     "Une opposante a déposé deux recours contre le permis de construire."),
    ("numismatique", "fr", "2026-02-14", "2026-02-14", [], "La date de la vente est fixée",
     "Le maire donne la parole au ministre ; le minerai attendra. Il faut donner l'avis au centre."),
]


@pytest.fixture
def inflected(any_archive):
    return any_archive, seed(any_archive, INFLECTED)


@pytest.mark.parametrize("typed, expected", [
    ("datacenter", {0, 1}), ("datacenters", {0, 1}), ("gpu", {0}),
    ("centre de données", {2, 3}), ("centres de donnees", {2, 3}), ("données", {2, 3}), ("donnée", {2, 3}),
    ('"centre de données"', {3}), ('"centres de données"', {2}), ('"centre de données" permis', {3}),
    ("opposant", {2, 3}), ("opposants", {2, 3}), ("recours", {3}), ("permis", {3}), ("habitant", {3}),
    ("data", set()), ("mine", set()), ("donne", {4}), ("données maire", set()), ("centres", {2, 3, 4}),
])
def test_plain_search_finds_plurals_and_inflections_and_keeps_quoted_phrases_exact(inflected, typed, expected):
    """The same on both backends: `data` does not find "date", nor `mine` "ministre", nor `données` "donne"."""
    archive, _ = inflected
    assert {INFLECTED.index(next(r for r in INFLECTED if r[5] == t)) for t in titles(archive, typed)} == expected


@pytest.mark.parametrize("word, found, not_found", [
    ("datacenter", {"datacenters"}, {"datacentre"}), ("Données", {"donnée"}, {"donne", "donner"}),
    ("opposants", {"opposant", "opposante", "opposantes"}, {"opposition", "opposer"}),
    ("tribunal", {"tribunaux"}, set()), ("eau", {"eaux"}, set()), ("city", {"cities"}, set()),
    ("appeal", {"appeals", "appealed", "appealing"}, set()), ("data", {"datas"}, {"date", "dated"}),
    ("mine", {"mines"}, {"ministre", "minerai", "miner"}), ("port", {"ports"}, {"porte"}),
    ("not", set(), {"note"}), ("mai", set(), {"mais"}), ("mois", set(), {"moi"}),
])
def test_the_forms_of_a_word(word, found, not_found):
    assert forms(word)[0] == word.lower() and found <= set(forms(word)) and not not_found & set(forms(word))


@pytest.mark.parametrize("word", ["de", "mais", "sous", "our", "2026", "a4"])
def test_short_words_numbers_and_function_words_are_taken_as_typed(word):
    assert forms(word) == (word,)


def test_plain_search_highlights_the_form_it_found(inflected):
    archive, ids = inflected
    with archive.sessions()() as session:
        hits = {h["id"]: h["snippet"] for h in search(session, "opposant")}
    assert set(hits) == {ids[2], ids[3]}
    assert "[opposants]" in hits[ids[2]] and "[opposante]" in hits[ids[3]]


def test_advanced_search_adds_no_forms(inflected):
    """Advanced words are as typed on SQLite; PostgreSQL's stems find a little more (README, "Scaling out")."""
    archive, _ = inflected
    expected = {"sqlite": [INFLECTED[1][5]], "postgresql": sorted([INFLECTED[0][5], INFLECTED[1][5]])}
    assert sorted(titles(archive, "datacenter", advanced=True)) == expected[archive.backend]
    assert sorted(titles(archive, '"centres de données" OR gpus', advanced=True)) == sorted([INFLECTED[0][5],
                                                                                            INFLECTED[2][5]])


def test_every_typed_word_must_appear_and_phrases_keep_their_order(seeded):
    archive, _ = seeded
    assert titles(archive, "sesterce supercalculateur") == ["Sesterce promet un supercalculateur"]
    assert titles(archive, '"données de centre"') == []


SESTERCE = ["Le centre de données de Rovaltain présenté aux élus", "Sesterce promet un supercalculateur",
            "Un sesterce d'Auguste aux enchères"]


@pytest.mark.parametrize("typed, expected", [
    ("data OR", []), ("sesterce OR", []), ("OR sesterce", []), ("NOT sesterce", []), ("sesterce NOT", []),
    ("NEAR(", ["Water use at Rovaltain"]), ("title:x", []), ("*", []), ("a AND AND b", []), ("(", []), ("^", []),
    ('sesterce"', SESTERCE), ("'", []), ("-", []), ("c'est-à-dire", []), ("x:y:z", []), ("sesterce:", SESTERCE),
])
def test_default_mode_reads_fts5_syntax_as_words(seeded, typed, expected):
    """Operators are words like any other (no article says 'or' or 'not'; one says 'near'); nothing raises."""
    archive, _ = seeded
    assert sorted(titles(archive, typed)) == expected


def test_an_empty_search_is_a_clear_error():
    with pytest.raises(TopicError, match="nothing to search for"):
        fts_query('  ""  ')


def test_title_hits_rank_above_text_hits(seeded):
    archive, ids = seeded
    # the fixture's point: with equal weights the text-heavy one wins
    if archive.backend == "sqlite":
        with sqlite3.connect(archive.path) as db:
            plain = [r[0] for r in db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'rovaltain' "
                                              "ORDER BY bm25(articles_fts)")]
    else:
        with archive.sessions()() as session:
            plain = list(session.scalars(sql_text(
                "SELECT id FROM articles WHERE search_fts @@ to_tsquery('newswatch_fr', 'rovaltain') "
                "ORDER BY ts_rank('{1, 1, 1, 1}', search_fts, to_tsquery('newswatch_fr', 'rovaltain')) DESC")))
    assert plain[0] == ids[4]
    ranked = titles(archive, "rovaltain")
    assert set(ranked[:2]) == {CORPUS[0][5], CORPUS[2][5]}
    assert ranked[2] == CORPUS[4][5]


def test_hits_carry_a_snippet_around_the_words_and_their_topics(seeded):
    archive, ids = seeded
    with archive.sessions()() as session:
        [hit] = search(session, "refroidissement")
    assert "[refroidissement]" in hit["snippet"]
    assert hit["topics"] == ["datacenters", "rovaltain"]
    assert hit["id"] == ids[0] and hit["date"] == "2026-02-18" and hit["score"] > 0


# --- advanced mode ------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, expected", [
    ("supercalculateur OR encheres", {1, 3}),
    ("sesterce NOT gpu", {1, 3}),
    ("NEAR(sesterce projet, 3)", {0}),
    ("NEAR(sesterce refroidissement, 3)", set()),
    ("supercalc*", {1}),
    ("data-center NOT valence", {0}),
    ("(l'Ecotox OR encheres) AND alixan", {0}),
    ('"data center" OR "centre de données"', {0, 2}),
])
def test_advanced_mode_takes_the_topic_query_language(seeded, query, expected):
    archive, _ = seeded
    if archive.backend == "postgresql" and query.startswith("NEAR"):  # said plainly, not read as AND
        with pytest.raises(TopicError, match=r"NEAR\(…\) is not available on a PostgreSQL archive"):
            titles(archive, query, advanced=True)
        return
    assert {CORPUS_TITLES.index(t) for t in titles(archive, query, advanced=True)} == expected


@pytest.mark.parametrize("query, says", [
    ("sesterce OR", "ends too early"),
    ('"centre de', "double quote is not closed"),
    ("NEAR(a b", "ends too early"),
    ("a AND AND b", 'error near "AND" (operators are'),
    ("NOT gpu", 'error near "NOT"'),
    ("*", "a lone * or elision is not a word"),
    ("   ", "nothing to search for"),
])
def test_advanced_syntax_errors_are_one_clear_sentence(query, says):
    with pytest.raises(TopicError) as error:
        fts_query(query, advanced=True)
    message = str(error.value)
    assert says in message and "\n" not in message and "fts5" not in message


# --- filters ------------------------------------------------------------------------------------------

def test_filters_restrict_the_hits(seeded):
    archive, _ = seeded
    assert sorted(titles(archive, "rovaltain", topics=("datacenters",))) == sorted([CORPUS[0][5], CORPUS[2][5]])
    assert titles(archive, "sesterce", topics=("sesterce",)) == [CORPUS[1][5]]
    assert titles(archive, "rovaltain", sources=("dcd", "valence-info")) == [CORPUS[2][5], CORPUS[4][5]]
    assert titles(archive, "rovaltain", language="EN") == [CORPUS[2][5]]


def test_dates_are_publication_dates_falling_back_to_first_sighting(seeded):
    archive, _ = seeded
    february = dict(since=day("2026-02-01"), until=day("2026-03-01"))
    # The coin article was first seen in February but published in January: not in February.
    assert titles(archive, "sesterce", **february) == [CORPUS[0][5]]
    # The undated DCD article counts at its first sighting (December 2025).
    assert titles(archive, "rovaltain", until=day("2026-01-01")) == [CORPUS[2][5]]
    assert titles(archive, "rovaltain", since=day("2026-02-02")) == [CORPUS[0][5], CORPUS[4][5]]


def test_limit_keeps_the_best_hits(seeded):
    archive, _ = seeded
    with archive.sessions()() as session:
        assert len(search(session, "rovaltain", limit=2)) == 2
        with pytest.raises(TopicError, match="at least 1"):
            search(session, "rovaltain", limit=0)


# --- the index itself -----------------------------------------------------------------------------------

def fts_checks(path) -> None:
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # rank = 1: also compare the index with the articles table it was built from
        db.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")


def test_triggers_keep_the_index_in_sync_on_update_and_delete(seeded):
    archive, ids = seeded
    with transaction(archive.sessions(writer=True)) as session:
        session.get(Article, ids[1]).title = "Sesterce promet un supercalculateur géant"
        session.get(Article, ids[2]).text = "Nothing left of it."
        session.get(Article, ids[4]).source = "valence-hebdo"  # not indexed: the index is left alone
        session.delete(session.get(Article, ids[3]))
    assert titles(archive, "geant") == ["Sesterce promet un supercalculateur géant"]
    assert titles(archive, "valence") == []
    assert titles(archive, "nothing left") == [CORPUS[2][5]]
    assert titles(archive, "encheres") == []
    assert titles(archive, "rovaltain", sources=("valence-hebdo",)) == [CORPUS[4][5]]
    if archive.backend == "sqlite":  # on PostgreSQL the search column is generated: it cannot fall out of sync
        fts_checks(archive.path)


def test_fts_integrity_check_notices_an_index_out_of_sync(seeded_sqlite):
    archive, _ = seeded_sqlite
    with sqlite3.connect(archive.path) as db:
        db.execute("DROP TRIGGER articles_fts_after_update")
        db.execute("UPDATE articles SET text = 'changed behind the index'")
    with pytest.raises(sqlite3.DatabaseError):
        fts_checks(archive.path)


def test_the_migration_indexes_articles_archived_before_it(tmp_path):
    path = tmp_path / "old.db"
    old = Archive(url=f"sqlite:///{path}", path=path)
    upgrade(old.url, "0001")
    with sqlite3.connect(path) as db:  # the schema of 0001, older than the models: plain SQL
        db.executemany("INSERT INTO articles (url, canonical_url, source, title, date_source, text, text_hash, "
                       "first_seen, fetched_at) VALUES (?, ?, 'old', ?, 'none', ?, ?, ?, ?)",
                       [(f"https://old.example/{n}", f"https://old.example/{n}", row[5], row[6], str(n),
                         "2025-06-01 00:00:00.000000", "2025-06-01 00:00:00.000000") for n, row in enumerate(CORPUS)])
    upgrade(old.url)
    assert titles(old, "donnees") == [CORPUS[0][5]]
    fts_checks(path)


def test_the_migration_goes_down_and_up_again(tmp_path):
    path = tmp_path / "fts.db"
    archive = Archive(url=f"sqlite:///{path}", path=path)
    upgrade(archive.url, "0002")
    command.downgrade(alembic_config(archive.url), "0001")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'articles_fts%'").fetchone() == (0,)
    upgrade(archive.url)
    seed(archive)
    assert titles(archive, "donnees") == [CORPUS[0][5]]


# --- show ---------------------------------------------------------------------------------------------

def test_article_details_include_sightings_and_matches(seeded):
    archive, ids = seeded
    with archive.sessions()() as session:
        record = article_details(session, ids[0])
        assert article_details(session, 999) is None
    assert record["text"] == CORPUS[0][6]
    assert [t["name"] for t in record["topics"]] == ["datacenters", "rovaltain"]
    assert record["sightings"][0]["via"] == "https://courrier-drome.example/feed/"
    assert record["sightings"][0]["raw_url"].endswith("?utm_source=rss")


# --- Datasette ------------------------------------------------------------------------------------------

def test_datasette_detects_the_fts_table_and_searches_it(seeded_sqlite):
    from datasette.app import Datasette

    archive, ids = seeded_sqlite
    with sqlite3.connect(archive.path) as db:
        assert detect_fts(db, "articles") == "articles_fts"

    async def query():
        datasette = Datasette([str(archive.path)])
        await datasette.invoke_startup()
        response = await datasette.client.get("/archive/articles.json?_search=donnees&_shape=array")
        return response.status_code, response.json()

    status, rows = asyncio.run(query())
    assert status == 200
    assert [r["id"] for r in rows] == [ids[0]]


def test_search_agrees_with_a_scan_of_the_crawled_sample_site(demo_crawl):
    hits = json.loads(newswatch("search", "donnees", "--json", "--limit", "1000", config=demo_crawl.config_path,
                                check=True).stdout)
    assert {"donnees", "donnee"} <= set(forms("donnees"))  # and "donneed", which no article has
    with demo_crawl.archive.sessions()() as session:
        expected = {a.id for a in queries.iter_articles(session, matched_only=False)
                    if re.search(r"\bdonnees?\b", fold(a.title + " " + a.text))}
    assert expected and {h["id"] for h in hits} == expected
    with sqlite3.connect(demo_crawl.archive.path) as db:
        assert detect_fts(db, "articles") == "articles_fts"


# --- the CLI --------------------------------------------------------------------------------------------

def test_cli_search_table_json_csv_and_errors(seeded, tmp_path):
    archive, ids = seeded
    config = config_for(archive, tmp_path)
    table = newswatch("search", "l'Ecotox", config=config, check=True).stdout
    assert table.splitlines()[0].split() == ["id", "date", "source", "title", "snippet"]
    assert "courrier-drome" in table and len(table.splitlines()) == 2
    hits = json.loads(newswatch("search", "rovaltain", "--topic", "rovaltain", "--lang", "fr", "--json",
                                config=config, check=True).stdout)
    assert {h["id"] for h in hits} == {ids[0], ids[4]}
    lines = newswatch("search", "--advanced", "sesterce OR ecotox", "--csv", "--since", "2026-02-18",
                      "--until", "2026-02-18", config=config, check=True).stdout.splitlines()
    assert lines[0].startswith("id,date,source,title,snippet,topics") and len(lines) == 2
    assert lines[1].startswith(f"{ids[0]},2026-02-18,courrier-drome,") and "datacenters,rovaltain" in lines[1]
    failed = newswatch("search", "--advanced", "sesterce OR", config=config)
    assert failed.returncode == 2 and "Traceback" not in failed.stderr
    assert failed.stderr.strip() == ("Error: the advanced query 'sesterce OR' is not valid FTS5 syntax: "
                                     "it ends too early (an operator, NEAR or parenthesis lacks what follows it)")
    bad_date = newswatch("search", "x", "--since", "yesterday", config=config)
    assert bad_date.returncode == 2 and "--since" in bad_date.stderr


# One article whose hit comes far into its snippet, under a long title
WIDE = [("courrier-drome", "fr", "2026-02-20", "2026-02-20", [],
         "Réunion publique à Alixan : le collectif ne lâche rien, et la salle est restée pleine jusqu'au bout",
         "Les collectivités territoriales concernées examineront prochainement l'ensemble des conséquences "
         "environnementales, économiques et sociales, notamment la consommation électrique et hydraulique, puis "
         "les opposants rencontreront les représentants préfectoraux avant la délibération définitive du conseil "
         "communautaire.")]


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_the_table_shows_the_hit_within_the_terminal_width(archive, tmp_path, columns):
    seed(archive, WIDE)
    config = config_for(archive, tmp_path)
    snippet = json.loads(newswatch("search", "opposant", "--json", config=config, check=True).stdout)[0]["snippet"]
    assert snippet.index("[opposants]") > 60 and len(snippet) > 120  # what the table used to cut away
    lines = newswatch("search", "opposant", config=config, env={"COLUMNS": str(columns)}, check=True).stdout
    header, row = lines.splitlines()
    assert header.split() == ["id", "date", "source", "title", "snippet"]
    assert len(header) <= columns and len(row) <= columns and "[opposants]" in row
    shown = row[header.index("snippet"):]
    assert shown.strip("…") in snippet and (len(shown) > 60 if columns == 200 else len(shown) < len(snippet))


def test_the_table_prints_whole_snippets_when_it_is_no_terminal(archive, tmp_path):
    seed(archive, WIDE)
    config = config_for(archive, tmp_path)
    snippet = json.loads(newswatch("search", "opposant", "--json", config=config, check=True).stdout)[0]["snippet"]
    no_width = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    piped = subprocess.run([sys.executable, "-m", "newswatch", "--config", str(config), "search", "opposant"],
                           capture_output=True, text=True, cwd=REPO, env=no_width, timeout=120)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.splitlines()[1].endswith(snippet)


def test_cli_show_text_and_json(seeded, tmp_path):
    archive, ids = seeded
    config = config_for(archive, tmp_path)
    shown = newswatch("show", str(ids[0]), config=config, check=True).stdout
    assert shown.startswith(f"#{ids[0]}  {CORPUS[0][5]}")
    assert "feed    https://courrier-drome.example/feed/" in shown
    assert "rovaltain: rovaltain" in shown and shown.rstrip().endswith(CORPUS[0][6])
    record = json.loads(newswatch("show", str(ids[2]), "--json", config=config, check=True).stdout)
    assert record["published_at"] is None and record["language"] == "en"
    assert record["found_via"] == [{"channel": "feed", "via": "https://dcd.example/feed/", "source": "dcd"}]
    missing = newswatch("show", "999", config=config)
    assert missing.returncode == 2 and "no article with id 999" in missing.stderr


# --- the benchmark still runs -------------------------------------------------------------------------

def test_search_benchmark_runs_on_a_small_archive():
    result = subprocess.run([sys.executable, "bench/bench_search.py", "--articles", "500", "--queries", "20"],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "built 500 articles" in result.stdout
    assert "search, with filters" in result.stdout and "stats --by week" in result.stdout
    assert "median search / 20 ms target" in result.stdout


def test_plain_search_benchmark_runs_and_scores_as_the_readme_says(demo_crawl, tmp_path):
    result = subprocess.run([sys.executable, "-m", "bench.bench_plain_search", "--demo", str(demo_crawl.archive.path),
                             "--db", str(tmp_path / "bench.db"), "--articles", "300", "--queries", "10"],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    scores = {line.split()[0]: line.split()[1:3] for line in result.stdout.splitlines()
              if line.split() and line.split()[0] in ("exact", "prefix", "snowball", "snowball+prefix", "forms")
              and "/" in line}
    assert scores == {"exact": ["5/37", "0/32"], "prefix": ["28/37", "19/32"], "snowball": ["33/37", "12/32"],
                      "snowball+prefix": ["35/37", "22/32"], "forms": ["37/37", "2/32"]}
    datacenter = next(line for line in result.stdout.splitlines() if line.startswith("'datacenter'")).split()
    assert datacenter[1:] == ["exact", "1", "prefix", "3", "snowball", "3", "snowball+prefix", "3", "forms", "3"]
    assert "a stemmed index's write cost" in result.stdout

"""Search-feed sources (`search = "…{query}"`): what each topic asks for, and the articles found that way, end to end."""

from __future__ import annotations

import sqlite3
from urllib.parse import parse_qs, urlsplit

import pytest

from crawler.plan import search_url
from newswatch.config import Topic
from newswatch.text.topics import positive_atoms
from tests.conftest import newswatch
from tests.hostile import GOOD, HostileSite

TEMPLATE = "https://news.example/rss/search?q={query}&hl=fr"


@pytest.mark.parametrize("query,atoms", [
    ("sesterce", ["sesterce"]),
    ("sesterce NOT (romain OR empereur)", ["sesterce"]),
    ("rovaltain OR \"centre de données\" NOT sesterce", ["rovaltain", '"centre de données"']),
    ("NEAR(sesterce valence, 10) OR datacent*", ["sesterce", "valence", "datacent*"]),
    ("(gpu OR cloud) AND sesterce NOT numismatique", ["gpu", "cloud", "sesterce"]),
    ("data-center OR l'Ecotox", ['"data-center"', "Ecotox"]),
    ("sesterce NOT romain empereur OR gpu", ["sesterce", "gpu"]),  # implicit AND binds tighter than NOT
    ("sesterce NOT romain AND empereur", ["sesterce", "empereur"]),  # NOT binds tighter than AND
])
def test_positive_atoms_keep_every_word_not_negated(query, atoms):
    assert positive_atoms(query) == atoms


@pytest.mark.parametrize("topic,asked", [
    (Topic(name="t", query="sesterce NOT romain"), "sesterce"),
    (Topic(name="t", query='rovaltain OR "centre de données" NOT sesterce'), "rovaltain OR centre de données"),
    (Topic(name="t", query="NEAR(sesterce valence, 10) OR datacent*"), "sesterce OR valence OR datacent"),
    (Topic(name="t", query="sesterce AND gpu", search="Sesterce & GPU?"), "Sesterce & GPU?"),
])
def test_the_search_url_asks_for_the_topic_search_or_its_positive_words(topic, asked):
    url = search_url(TEMPLATE, topic)
    assert url.startswith("https://news.example/rss/search?q=") and url.endswith("&hl=fr")
    assert parse_qs(urlsplit(url).query) == {"q": [asked], "hl": ["fr"]}, "encoded once, decoded back exactly"


@pytest.fixture(scope="module")
def site():
    with HostileSite() as hostile:
        yield hostile


def test_a_search_feed_source_is_asked_once_per_topic_and_its_articles_archived(site, tmp_path):
    db, config = tmp_path / "newswatch.db", tmp_path / "newswatch.toml"
    config.write_text(
        f'[store]\nurl = "sqlite:///{db}"\n\n[crawl]\ndelay_seconds = 0\ntimeout_seconds = 5\nextract_workers = 1\n'
        'allow_hosts = ["127.0.0.1"]\n\n'
        "[[topics]]\nname = \"rovaltain\"\nquery = 'rovaltain OR \"centre de données\" NOT sesterce'\n\n"
        "[[topics]]\nname = \"gpu\"\nquery = 'sesterce AND gpu*'\nsearch = \"Sesterce GPU\"\n\n"
        f'[[sources]]\nname = "news-search"\nsearch = "{site.url("/search")}?q={{query}}&hl=fr"\n', encoding="utf-8")
    before = len(site.searches)
    result = newswatch("crawl", config=config)
    assert result.returncode == 0, result.stderr
    assert sorted(site.searches[before:]) == ["Sesterce GPU", "rovaltain OR centre de données"]

    archive = sqlite3.connect(db)
    expected = {"rovaltain-chantier": {"rovaltain"}, "ecotox-windows-1252": {"rovaltain"}, "sitemap-first": {"rovaltain"},
                "unsafe-neighbour": {"rovaltain"}, "unclosed-entry": {"gpu"}, "length-overstated": {"rovaltain"}}
    topics = {}
    for url, topic in archive.execute("SELECT a.canonical_url, m.topic FROM articles a JOIN matches m "
                                      "ON m.article_id = a.id"):
        topics.setdefault(url, set()).add(topic)
    assert topics == {site.url(GOOD[slug].path): names for slug, names in expected.items()}
    channels = archive.execute("SELECT DISTINCT channel FROM discoveries").fetchall()
    assert channels == [("search",)], "found through the search feeds"
    [(listed,)] = archive.execute("SELECT count(*) FROM discoveries WHERE url = ?",
                                  (site.url(GOOD["unclosed-entry"].path),)).fetchall()
    assert listed == 2, "listed by both searches: seen twice, archived once"
    statuses = archive.execute("SELECT kind, status, entries FROM channels ORDER BY entries").fetchall()
    assert statuses == [("search", "ok", 1), ("search", "ok", 6)]

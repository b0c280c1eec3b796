"""Mistakes get one sentence and exit 2: wrong archive paths and URLs, unknown filters, empty configs, bad windows."""

from __future__ import annotations

import json

import pytest
from tests.conftest import newswatch

from crawler.links import article_links, looks_like_article
from newswatch.cli import main
from newswatch.operations.health import source_health
from store import queries
from store.db import transaction

READ_ONLY = [  # every command that only reads the archive
    ["search", "sesterce"], ["show", "1"], ["stats"], ["report", "--out", "{tmp}/r.html"], ["export"],
    ["sources"], ["runs"], ["feed"], ["digest", "--dry-run"], ["rematch"],
]


def run(args: list[str], capsys) -> tuple[int, str, str]:
    """The real `newswatch` entry point in this process: exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as exited:
        main(args)
        raise SystemExit(0)
    out, err = capsys.readouterr()
    return exited.value.code or 0, out, err


def one_sentence(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def write_config(tmp_path, url: str, sources: bool = True, topics: bool = True, extra: str = "") -> str:
    text = f'[store]\nurl = "{url}"\n{extra}\n'
    if topics:
        text += '[[topics]]\nname = "sesterce"\nquery = "sesterce"\n'
    if sources:
        text += '[[sources]]\nname = "site"\nfeeds = ["http://127.0.0.1:9/rss.xml"]\n'
    path = tmp_path / "newswatch.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: c[0])
def test_a_read_only_command_never_creates_an_archive(tmp_path, capsys, command):
    missing = tmp_path / "no" / "such" / "folder" / "newswatc.db"
    config = write_config(tmp_path, f"sqlite:///{missing}")
    code, out, err = run(["--config", config, *[a.format(tmp=tmp_path) for a in command]], capsys)
    assert code == 2 and out == ""
    assert one_sentence(err) == (f"newswatch: no archive at {missing}: run `newswatch crawl` first, or check "
                                 "[store] url (and $NEWSWATCH_DATABASE_URL)")
    assert not (tmp_path / "no").exists()


def test_the_environment_url_is_checked_the_same_way(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", f"sqlite:///{tmp_path}/typo/newswatch.db")
    config = write_config(tmp_path, "sqlite:///newswatch.db")
    code, _, err = run(["--config", config, "search", "sesterce"], capsys)
    assert code == 2 and "no archive at" in one_sentence(err)
    assert not (tmp_path / "typo").exists() and not (tmp_path / "newswatch.db").exists()


def _corrupt(tmp_path):
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"this is not an archive\n" * 50)
    return f"sqlite:///{path}"


def _through_a_file(tmp_path):
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    return f"sqlite:///{tmp_path}/plain.txt/newswatch.db"


@pytest.mark.parametrize("make_url, says", [
    (lambda tmp: "postgres://x/y", "'postgres://x/y': a PostgreSQL archive is reached through psycopg 3"),
    (lambda tmp: "nonsense", "'nonsense' is not a database URL"),
    (lambda tmp: f"sqlite:///{tmp}", "is a folder, not a file"),
    (_corrupt, "is not a newswatch archive (not an SQLite database)"),
    (_through_a_file, "plain.txt is a file, not a folder"),
], ids=["postgres", "nonsense", "folder", "corrupt", "through-a-file"])
@pytest.mark.parametrize("command", [["crawl"], ["search", "sesterce"], ["stats"]], ids=lambda c: c[0])
def test_an_unusable_archive_is_one_sentence_and_exit_2(tmp_path, capsys, make_url, says, command):
    config = write_config(tmp_path, make_url(tmp_path))
    code, out, err = run(["--config", config, *command], capsys)
    assert code == 2 and out == "" and says in one_sentence(err)


def test_a_crawl_with_no_sources_or_no_topics_says_so(tmp_path, capsys):
    url = f"sqlite:///{tmp_path}/newswatch.db"
    code, _, err = run(["--config", write_config(tmp_path, url, sources=False), "crawl"], capsys)
    assert code == 2 and "there is no [[sources]] section: nothing to crawl" in one_sentence(err)
    code, _, err = run(["--config", write_config(tmp_path, url, topics=False), "crawl"], capsys)
    assert code == 2 and "there is no [[topics]] section: no article can match" in one_sentence(err)
    assert not (tmp_path / "newswatch.db").exists()



def test_sources_add_refuses_a_private_address_in_one_sentence(tmp_path, capsys):
    url = f"sqlite:///{tmp_path}/newswatch.db"
    config = write_config(tmp_path, url)
    code, _, err = run(["--config", config, "sources", "add", "http://10.0.0.1/feed.xml", "--dry-run"], capsys)
    assert code == 2
    assert one_sentence(err).endswith("refused (not a public http(s) address; see [crawl] allow_hosts)")

@pytest.fixture
def filled(tmp_path, demo_crawl):
    """A config over the crawled sample site's archive (read only here)."""
    return str(demo_crawl.config_path)


@pytest.mark.parametrize("command", [["export", "--out", "{out}.jsonl"], ["report", "--out", "{out}.html"],
                                     ["feed", "--out", "{out}.xml"], ["digest", "--out", "{out}.eml"],
                                     ["deadlines", "--ics", "{out}.ics"], ["evidence", "--warc", "{out}.warc.gz"]],
                         ids=lambda c: c[0])
def test_a_file_that_cannot_be_written_is_one_sentence_and_exit_1(filled, tmp_path, capsys, command):
    out = tmp_path / "no-such-folder" / "out"
    args = [a.replace("{out}", str(out)) for a in command]
    code, _, err = run(["--config", filled, *args], capsys)
    assert (code, one_sentence(err)) == (1, f"Error: cannot write {args[-1]}: No such file or directory")


def test_a_demo_that_cannot_write_its_folder_is_one_sentence(tmp_path, capsys):
    taken = tmp_path / "a-file"
    taken.write_text("not a folder", encoding="utf-8")
    code, _, err = run(["demo", "--dir", str(taken / "demo")], capsys)
    assert (code, one_sentence(err)) == (1, f"Error: the demo cannot write its files in {taken / 'demo'}: Not a "
                                            "directory (choose another folder with --dir)")


def test_init_over_a_folder_is_one_sentence_and_leaves_nothing_behind(tmp_path, capsys):
    folder = tmp_path / "config.d"
    folder.mkdir()
    code, _, err = run(["--config", str(folder), "init", "--force"], capsys)
    assert (code, one_sentence(err)) == (1, f"Error: cannot write {folder}: Is a directory")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.d"]  # no config.d.part left


@pytest.mark.parametrize("command", [["search", "sesterce"], ["stats"], ["report", "--out", "{tmp}/r.html"]],
                         ids=lambda c: c[0])
@pytest.mark.parametrize("option, says", [
    (["--topic", "nosuch"], "--topic: there is no topic named 'nosuch' (known: datacenters, rovaltain, sesterce)"),
    (["--source", "nosuch"], "--source: there is no source named 'nosuch' (known: courrier-drome, "
                             "datacentre-weekly, echo-eco, nuages-bas)"),
    (["--lang", "french"], "--lang: 'french' is not a language code (expected a code such as fr or en; "
                           "the archive has: en, fr)"),
    (["--lang", "de"], "--lang: no archived article is in 'de' (the archive has: en, fr)"),
    (["--since", "2026-12-01", "--until", "2026-11-01"], "--since 2026-12-01 is after --until 2026-11-01"),
], ids=["topic", "source", "lang-word", "lang-absent", "since-after-until"])
def test_unknown_filter_values_are_named(filled, tmp_path, capsys, command, option, says):
    code, out, err = run(["--config", filled, *[a.format(tmp=tmp_path) for a in command], *option], capsys)
    assert code == 2 and out == "" and says in one_sentence(err)
    assert not (tmp_path / "r.html").exists()


def test_topic_names_are_matched_whatever_their_case(filled, capsys):
    code, lower, _ = run(["--config", filled, "search", "rovaltain", "--topic", "sesterce", "--json"], capsys)
    assert code == 0 and json.loads(lower)
    code, upper, _ = run(["--config", filled, "search", "rovaltain", "--topic", "Sesterce", "--json"], capsys)
    assert code == 0 and json.loads(upper) == json.loads(lower)
    code, stats, _ = run(["--config", filled, "stats", "--topic", "SESTERCE", "--json"], capsys)
    assert code == 0 and {r["topic"] for r in json.loads(stats)["coverage"]} == {"sesterce"}
    code, feed, _ = run(["--config", filled, "feed", "--topic", "Sesterce", "--limit", "1"], capsys)
    assert code == 0 and "urn:newswatch:matches:sesterce" in feed


# --- listing pages ----------------------------------------------------------------------------------------

LISTING = """<html><body>
<header><nav><a href="/actu/">Actu</a> <a href="/actu/data-centers.html">Dossier</a></nav></header>
<main>
  <article><h2><a href="/actu/datacenter-europe.html">L'Europe des datacenters</a></h2></article>
  <article><h2><a href="/eco/20261124-sesterce.html">Sesterce recrute</a></h2></article>
  <div class="teaser"><a href="/actu/rovaltain-gpu">Rovaltain et ses GPU</a></div>
  <p>Lire aussi <a href="/actu/">toute l'actu</a></p>
</main>
<footer><a href="/mentions-legales.html">Mentions légales</a> <a href="/plan-du-site.html">Plan du site</a></footer>
</body></html>"""


def test_short_article_links_are_taken_by_their_place_in_the_page():
    assert [url for url, _ in article_links(LISTING, "https://ex.fr/actu/")] == [
        "https://ex.fr/actu/datacenter-europe.html",  # two words, but a heading in <main>: an article
        "https://ex.fr/eco/20261124-sesterce.html",  # a compact date
        "https://ex.fr/actu/rovaltain-gpu",  # in <main>, away from menus
    ]


@pytest.mark.parametrize("url, in_content, article", [
    ("https://ex.fr/actu/datacenter-europe.html", False, False),  # a short slug alone proves nothing…
    ("https://ex.fr/actu/datacenter-europe.html", True, True),  # …as content it is an article
    ("https://ex.fr/mentions-legales.html", True, False),
    ("https://ex.fr/actu/", True, False),
    ("https://ex.fr/2026/11/datacenter.html", False, True),
    ("https://ex.fr/eco/20261124-sesterce.html", False, True),
])
def test_looks_like_article_by_place(url, in_content, article):
    assert looks_like_article(url, in_content) is article


def test_a_listing_page_that_gave_no_link_is_named_in_sources(archive, tmp_path, capsys):
    with transaction(archive.sessions(writer=True)) as session:
        for url, entries in [("https://ex.fr/actu/", 0), ("https://ex.fr/eco/", 4)]:
            queries.record_channel(session, url=url, kind="page", source="site", status="ok", http_status=200,
                                   etag=None, last_modified=None, error=None, entries=entries)
        queries.record_channel(session, url="https://ex.fr/rss.xml", kind="feed", source="site",
                               status="not_modified", http_status=304, etag=None, last_modified=None, error=None,
                               entries=0)
    with archive.sessions()() as session:
        assert source_health(session, "site").note == "no article link taken from https://ex.fr/actu/"
    code, out, _ = run(["--config", write_config(tmp_path, archive.url), "sources", "--json"], capsys)
    assert code == 0 and json.loads(out)[0]["note"] == "no article link taken from https://ex.fr/actu/"


def test_the_installed_command_prints_no_traceback(tmp_path):
    result = newswatch("search", "x", config=write_config(tmp_path, "postgres://x/y"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "newswatch: [store] url: 'postgres://x/y': a PostgreSQL archive is reached through psycopg 3 "
        "(postgresql+psycopg://user@host/dbname)"]

"""`newswatch browse`: the metadata it serves, read-only by default, and a real browser (Playwright driving
Debian's Chromium) searching, listing, running queries and marking an article off-topic.

Screenshots of the main pages land in test-output/screenshots/ (not committed) for a person to look at.
"""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from newswatch.config import load_config
from newswatch.text.folding import fold
from store.browse import datasette_metadata, load_metadata, schema
from tests.conftest import REPO, newswatch
from tests.test_search import config_for, seed

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = REPO / "test-output" / "screenshots"
TOKEN = "a-long-enough-triage-token"
TOKEN_ENV = "NEWSWATCH_TEST_TRIAGE_TOKEN"


# --- the metadata ---------------------------------------------------------------------------------------

def visible_tables(tables: dict, metadata: dict) -> set[str]:
    hidden = {name for name, meta in metadata["tables"].items() if meta.get("hidden")}
    return {t for t in tables if not t.startswith(("articles_fts", "sqlite_")) and t not in hidden}


def test_every_table_a_member_sees_has_a_title_and_a_description(archive):
    metadata, _ = datasette_metadata(archive.path, "archive", ["sesterce"], triage=False)
    database = metadata["databases"]["archive"]
    for table in visible_tables(schema(archive.path), database):
        meta = database["tables"].get(table, {})
        assert meta.get("title") and meta.get("description"), (
            f"table {table!r} has no title or description in store/datasette.yaml: give it both, or hide it")
    assert {"article_fingerprints", "simhash_bands", "minhash_bands", "alembic_version"} <= {
        name for name, meta in database["tables"].items() if meta.get("hidden")}


def prepare_all(path: Path, queries: dict) -> None:
    """Compile every query against the archive (EXPLAIN runs nothing, writes included), with the SQL
    function our plugin adds to Datasette's connections."""
    from newswatch.outputs.browse.plugin import prepare_connection

    db = sqlite3.connect(path)
    prepare_connection(db)
    for name, query in queries.items():
        params = {p: "1" for p in re.findall(r"(?<!:):(\w+)", query["sql"])}
        try:
            db.execute("EXPLAIN " + query["sql"], params)
        except sqlite3.Error as exc:
            raise AssertionError(f"query {name!r} does not compile on the archive: {exc}") from None


def test_queries_compile_and_later_features_appear_when_the_archive_has_them(archive, tmp_path):
    metadata, left_out = datasette_metadata(archive.path, "archive", ["sesterce", "rovaltain"], triage=False)
    queries = metadata["databases"]["archive"]["queries"]
    assert {"latest", "topic_by_week", "story", "found_via", "source_health"} <= set(queries)
    assert left_out["mark"] == ["triage"] and left_out["unmark"] == ["triage"], "read-only by default"
    assert "deadlines" not in left_out and "documents" not in left_out  # the archive has them (issue 14)
    assert "sesterce, rovaltain" in queries["latest"]["description"]
    prepare_all(archive.path, queries)

    # What issues 12 and 14 add (headline leads, documents, deadlines): once there, offered and compiling.
    db = sqlite3.connect(archive.path)
    for column in ("text_status", "text_missing_reason", "outlet", "kind"):
        if column not in schema(archive.path)["articles"]:
            db.execute(f"ALTER TABLE articles ADD COLUMN {column} TEXT")
    if "deadlines" not in schema(archive.path):
        db.execute("CREATE TABLE deadlines (id INTEGER PRIMARY KEY, article_id INTEGER, what TEXT, ends_on TEXT)")
    db.commit()
    metadata, left_out = datasette_metadata(archive.path, "archive", ["sesterce"], triage=True)
    queries = metadata["databases"]["archive"]["queries"]
    assert left_out == {} and set(load_metadata()["database"]["queries"]) == set(queries)
    prepare_all(archive.path, queries)


# --- the command, without a browser -----------------------------------------------------------------------

def test_browse_says_how_to_install_datasette_when_it_is_missing(archive, tmp_path):
    blocker = tmp_path / "no-datasette" / "datasette"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text('raise ImportError("No module named \'datasette\'")\n')
    result = newswatch("browse", config=config_for(archive, tmp_path),
                       env={"PYTHONPATH": f"{blocker.parent}{os.pathsep}{REPO}"})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == ("Error: Datasette is not installed: install it with "
                                     "pip install 'newswatch[browse]' (in newswatch's virtual environment)")


def test_triage_needs_a_token_that_is_set_and_long_enough(archive, tmp_path):
    config = config_for(archive, tmp_path)
    config.write_text(config.read_text() + f'[browse]\ntriage_token_env = "{TOKEN_ENV}"\n')
    unset = newswatch("browse", "--port", "0", config=config, env={TOKEN_ENV: ""})
    assert unset.returncode == 2 and f"names ${TOKEN_ENV}, which is not set" in unset.stderr
    short = newswatch("browse", "--port", "0", config=config, env={TOKEN_ENV: "secret"})
    assert short.returncode == 2 and "too short: use at least 12 characters" in short.stderr


def test_read_only_by_default(archive, tmp_path):
    """No triage key: no writable query, no login, and Datasette's own SQL cannot write."""
    from newswatch.outputs.browse import make_datasette

    ids = seed(archive)
    datasette, left_out, triage, _, _ = make_datasette(load_config(config_for(archive, tmp_path)))
    assert not triage and "mark" in left_out

    async def visit():
        await datasette.invoke_startup()
        pages = {path: (await datasette.client.get(path)).status_code
                 for path in ("/archive/mark", "/archive/unmark", "/-/triage-login", "/archive/latest")}
        write = await datasette.client.get("/archive.json", params={
            "sql": f"insert into article_marks (article_id, mark, marked_at) values ({ids[0]}, 'off-topic', 'x')"})
        return pages, write.status_code, write.json()

    pages, status, answer = asyncio.run(visit())
    assert pages == {"/archive/mark": 404, "/archive/unmark": 404, "/-/triage-login": 404, "/archive/latest": 200}
    assert status == 400 and not answer["ok"]
    assert sqlite3.connect(archive.path).execute("SELECT count(*) FROM article_marks").fetchone() == (0,)


# --- a real browser -----------------------------------------------------------------------------------------

class Served:
    """`newswatch browse --port 0` running as a child process on a copy of the crawled sample site."""

    def __init__(self, demo_crawl, folder: Path):
        self.db = folder / "newswatch.db"
        with sqlite3.connect(demo_crawl.archive.path) as source, sqlite3.connect(self.db) as copy:
            source.backup(copy)
        self.config = folder / "newswatch.toml"
        self.config.write_text(demo_crawl.config_path.read_text(encoding="utf-8")
                               + f'\n[browse]\ntriage_token_env = "{TOKEN_ENV}"\n', encoding="utf-8")
        self.env = {"NEWSWATCH_DATABASE_URL": f"sqlite:///{self.db}", TOKEN_ENV: TOKEN}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newswatch", "--config", str(self.config), "browse", "--port", "0"],
            cwd=REPO, env={**os.environ, **self.env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend([self.process.stdout.readline(),
                                                                self.process.stdout.readline()]))
        reader.start()
        reader.join(60)
        if len(lines) < 2 or not lines[0].startswith("browse the archive at http://127.0.0.1:"):
            self.stop()
            raise AssertionError(f"browse did not start: {lines} {self.process.stderr.read()}")
        self.url = lines[0].split()[4]  # http://127.0.0.1:PORT/newswatch
        self.root = self.url.rsplit("/", 1)[0]
        self.announced = lines

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        self.process.stderr.close()

    def newswatch(self, *args: str) -> str:
        return newswatch(*args, config=self.config, env=self.env, check=True).stdout


@pytest.fixture(scope="module")
def served(demo_crawl, tmp_path_factory):
    server = Served(demo_crawl, tmp_path_factory.mktemp("browse"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = "Debian's Chromium is missing: apt-get install chromium (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    yield context.new_page()
    context.close()


def shoot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def folded_words(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text)))


def test_the_command_prints_the_url_and_says_triage_is_on(served):
    assert served.announced[1].startswith("triage: on")
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/newswatch", served.url)


def search_in(served, page, path: str, field: str, typed: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Type `typed` in the page's `field` and submit: the titles listed, and every article's title and text."""
    page.goto(served.url + path)
    page.fill(f"input[name={field}]", typed)
    page.press(f"input[name={field}]", "Enter")
    page.wait_for_url(re.compile(rf"{field}=[^&]"))
    found = sorted(page.locator("td.col-title").all_inner_texts())
    return found, sqlite3.connect(served.db).execute("SELECT title, text FROM articles").fetchall()


def test_search_finds_the_plural_and_accented_articles(served, page):
    found, rows = search_in(served, page, "/article_list", "_search", "centres de donnees")
    expected = sorted(t for t, x in rows if {"centres", "de", "donnees"} <= folded_words(t + " " + x))
    assert found == expected and len(found) >= 2
    assert all("centres de données" in (t + " " + x) for t, x in rows if t in found), "written plural, accented"
    shoot(page, "articles-search-centres-de-donnees")


def test_the_search_query_finds_what_newswatch_search_finds_singular_and_plural(served, page):
    found, rows = search_in(served, page, "/search", "q", "centre de données")
    expected = sorted(t for t, x in rows if {"de", "donnees"} <= (words := folded_words(t + " " + x))
                      and words & {"centre", "centres"})
    assert found == expected
    assert any("centres de données" in t + " " + x for t, x in rows if t in found), "the plural articles too"
    assert any("centre de données" in t + " " + x for t, x in rows if t in found)
    assert all("[" in snippet for snippet in page.locator("td.col-snippet").all_inner_texts())
    shoot(page, "query-search")


def test_the_list_cuts_long_texts_and_offers_facets_and_links(served, page):
    page.goto(served.url + "/article_list")
    texts = page.locator("td.col-text").all_inner_texts()
    assert texts and all(len(t) <= 241 for t in texts)
    assert sum(t.endswith("…") for t in texts) >= len(texts) - 2, "the demo's texts are longer than 240 characters"
    facets = page.locator(".facet-info").evaluate_all("nodes => nodes.map(n => n.dataset.column)")
    assert sorted(facets) == ["language", "mark", "month", "outlet", "topics"]
    first = page.locator("td.col-links").first
    assert first.locator("a").all_inner_texts() == ["page", "story", "found", "record",
                                                     "relevant", "off-topic", "duplicate"]
    shoot(page, "articles-list")
    first.locator("a", has_text="story").click()
    assert page.locator("h1").inner_text().startswith("A story with all its copies and revisions")
    assert "copy" in page.locator("td.col-what").all_inner_texts()


def test_database_page_and_canned_queries_render(served, page):
    page.goto(served.url)
    body = page.locator("body").inner_text()
    for name in ("article_list", "discoveries", "Source health", "Latest matched articles", "Headline-only leads"):
        assert name in body, name  # headline-only leads: the archive records text_status (issue 12)
    assert "minhash_bands" not in body and "alembic_version" not in body, "internal tables are hidden"
    shoot(page, "database")
    for path, name in [("/latest", "latest"), ("/topic_by_week?topic=datacenters", "topic-by-week"),
                       ("/source_health", "source-health")]:
        page.goto(served.url + path)
        assert page.locator("table.rows-and-columns tbody tr").count() > 0, path
        assert "error" not in (page.locator(".message-error").all_inner_texts() or [""])[0].lower()
        shoot(page, f"query-{name}")
    page.goto(served.url + "/latest")
    assert page.locator("td.col-topics").first.inner_text() in {"sesterce", "rovaltain", "datacenters"} or \
        ", " in page.locator("td.col-topics").first.inner_text()


def test_marking_off_topic_needs_the_token_and_the_next_digest_leaves_it_out(served, page):
    db = sqlite3.connect(served.db)
    article_id, title = db.execute(  # an article alone in its story (a story's copies show under its lead)
        "SELECT id, title FROM articles WHERE id IN (SELECT article_id FROM matches) AND (story_id IS NULL OR "
        "story_id IN (SELECT id FROM stories WHERE size = 1)) ORDER BY first_seen DESC, id DESC LIMIT 1").fetchone()
    assert title in served.newswatch("digest", "--dry-run")

    # Without the token: the form and the endpoint refuse, and nothing is written.
    answer = page.goto(f"{served.url}/mark?article={article_id}&mark=off-topic")
    assert answer.status == 403
    shoot(page, "mark-refused")
    refused = page.request.post(served.url + "/mark", form={"article": str(article_id), "mark": "off-topic"},
                                headers={"Authorization": "Bearer not-the-token", "Accept": "application/json"})
    assert refused.status == 403
    assert db.execute("SELECT count(*) FROM article_marks").fetchone() == (0,)

    # Logging in: a wrong token is refused, the right one lets the member mark from the article's row.
    page.goto(served.url + "/article_list")
    page.click("details.nav-menu > summary")
    page.click("text=Log in to mark articles")
    page.fill("#name", "Camille")
    page.fill("#token", "wrong-token-wrong-token")
    page.click("input[type=submit]")
    assert "That is not the triage token" in page.locator(".message-error").inner_text()
    page.fill("#name", "Camille")
    page.fill("#token", TOKEN)
    page.click("input[type=submit]")
    page.goto(served.url + f"/article_list?id={article_id}")
    page.locator("td.col-links a", has_text="off-topic").click()
    assert page.input_value("input[name=article]") == str(article_id)
    assert page.input_value("input[name=mark]") == "off-topic"
    page.fill("input[name=note]", "a Roman coin sale, not the company")
    shoot(page, "mark-form")
    page.click("input[type=submit]")
    assert "The mark is saved." in page.locator(".message-info").inner_text()
    assert db.execute("SELECT mark, note, marked_by FROM article_marks WHERE article_id = ?",
                      (article_id,)).fetchone() == ("off-topic", "a Roman coin sale, not the company", "Camille")
    page.goto(served.url + f"/article_list?id={article_id}")
    assert page.locator("td.col-mark").inner_text() == "off-topic"
    shoot(page, "article-marked")

    # Scripts: the token as a bearer token.
    other = db.execute("SELECT id FROM articles WHERE id != ? AND id IN (SELECT article_id FROM matches) LIMIT 1",
                       (article_id,)).fetchone()[0]
    done = page.request.post(served.url + "/mark?_json=1", headers={"Authorization": f"Bearer {TOKEN}"},
                             form={"article": str(other), "mark": "relevant", "note": "keep"})
    assert done.status == 200 and done.json()["ok"] is True
    bad = page.request.post(served.url + "/mark?_json=1", headers={"Authorization": f"Bearer {TOKEN}"},
                            form={"article": str(other), "mark": "maybe", "note": ""})
    assert bad.json() == {"ok": False, "message": "a mark is relevant, off-topic or duplicate", "redirect": None}
    assert db.execute("SELECT mark, marked_by FROM article_marks WHERE article_id = ?", (other,)).fetchone() == \
        ("relevant", "token")

    digest = served.newswatch("digest", "--dry-run")
    assert title not in digest and "note: keep" in digest

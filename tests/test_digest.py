"""The digest against a real SMTP server (aiosmtpd on 127.0.0.1): delivery, marking, grouping, hostile input."""

from __future__ import annotations

import json
import re
import socket
import sqlite3
import tomllib
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from html import escape
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from newswatch.config import parse_config
from newswatch.defaults import TOPICS_TOML
from newswatch.outputs.digest import Digest, build_digest, group, highlight, render, story_key, updated_articles
from newswatch.outputs.mail import MailError, deliver
from newswatch.text.topics import Matcher
from store import queries
from store.db import transaction
from store.models import Article, Match, Story
from tests.conftest import newswatch

RECIPIENTS = ["campaign@example.org", "press@example.org"]
SOURCE_TOML = '[[sources]]\nname = "courrier"\nfeeds = ["http://127.0.0.1:9/feed.xml"]\n'


class Inbox:
    """An aiosmtpd handler that keeps what it accepts, and can refuse recipients or the message."""

    def __init__(self):
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.refuse_rcpt: set[str] = set()
        self.refuse_data: str | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_rcpt:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_data:
            return self.refuse_data
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"

    def parsed(self, index: int = -1):
        return message_from_bytes(self.messages[index][2], policy=policy.default)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_smtp(handler, **smtp_options) -> Controller:
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **smtp_options)
    controller.start()
    return controller


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = start_smtp(inbox)
    inbox.port = controller.port
    yield inbox
    controller.stop()


def digest_toml(port: int, **extra) -> str:
    values = {"recipients": RECIPIENTS, "sender": "newswatch@example.org", "smtp_host": "127.0.0.1",
              "smtp_port": port, "timeout_seconds": 5, **extra}
    return "\n[digest]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in values.items())


def config_text(archive, port: int, **extra) -> str:
    return f'[store]\nurl = "{archive.url}"\n\n{TOPICS_TOML}\n{SOURCE_TOML}{digest_toml(port, **extra)}'


def make_config(archive, port: int, **extra):
    return parse_config(tomllib.loads(config_text(archive, port, **extra)), archive.path.parent / "newswatch.toml")


def write_config(archive, port: int, **extra) -> Path:
    path = archive.path.parent / "newswatch.toml"
    path.write_text(config_text(archive, port, **extra), encoding="utf-8")
    return path


def add_article(archive, title: str, text: str, *, site_name: str = "Le Courrier de la Drôme", language: str = "fr",
                url: str | None = None, days_ago: float = 0, source: str = "courrier") -> int:
    """Archive one article through the store's queries, with the matches the real topics give it."""
    config = make_config(archive, 25)
    matcher = Matcher(config.topics)
    now = datetime.now(UTC)
    with transaction(archive.sessions(writer=True)) as session:
        count = queries.article_count(session)
        url = url or f"https://courrier.example/article-{count + 1}.html"
        article_id = queries.insert_article(session, url=url, canonical_url=url, source=source, title=title,
                                            date_source="feed", language=language, site_name=site_name, text=text,
                                            published_at=now - timedelta(days=days_ago), first_seen=now)
        queries.replace_matches(session, article_id, matcher.match(title, text))
    matcher.close()
    return article_id


def add_sample(archive) -> list[int]:
    return [
        add_article(archive, "Le projet drômois double sa puissance",
                    "La société Sesterce annonce que son centre de DONNÉES d'Alixan, sur le parc de Rovaltain, "
                    "passera à 80 000 GPU.", days_ago=1),
        add_article(archive, "Water becomes the new battleground in Europe",
                    "Across Europe, datacenters compete with farmers for water.", site_name="DataCentre Weekly",
                    language="en", url="https://dcw.example/news/water/"),
    ]


def build(archive, config, since=None) -> Digest:
    with archive.sessions()() as session:
        return build_digest(session, config, since=since)


def body(message, subtype: str) -> str:
    return message.get_body((subtype,)).get_content().replace("\r\n", "\n")


def sent_counts(archive) -> dict[int, int]:
    with archive.sessions()() as session:
        return queries.times_sent(session)


# --- pure parts ----------------------------------------------------------------------------------

def test_highlight_ignores_case_and_accents_and_keeps_the_original_characters():
    text = "Le Centre de Données d'ALIXAN, datacenters, data-center, sesterces romains"
    segments = highlight(text, ["centre de donnees", "alixan", "datacenter*", "data center", "sesterce"])
    assert "".join(piece for piece, _ in segments) == text
    assert [piece for piece, hit in segments if hit] == ["Centre de Données", "ALIXAN", "datacenters", "data-center"]


def test_highlight_without_terms_or_text():
    assert highlight("plain", []) == [("plain", False)]
    assert highlight("", ["x"]) == []


def article(id_, title, outlet, topic="sesterce", story_id=None, days_ago=0):
    when = datetime(2026, 11, 20, tzinfo=UTC) - timedelta(days=days_ago)
    item = Article(id=id_, url=f"https://{outlet.lower().replace(' ', '')}.example/{id_}", canonical_url=f"c{id_}",
                   source=outlet, title=title, site_name=outlet, language="fr", published_at=when, first_seen=when,
                   date_source="feed", text="", text_hash="")
    item.matches = [Match(topic=topic, terms=["sesterce"], snippet=f"{title} Sesterce")]
    if story_id is not None:
        item.story_id = story_id  # what the deduplication issue will store
    return item


def test_copies_of_one_story_make_one_entry_that_names_the_other_outlets():
    articles = [article(1, "Sesterce: the permit", "Outlet A", story_id=9, days_ago=2),
                article(2, "Sesterce: the permit (copy)", "Outlet B", story_id=9, days_ago=1),
                article(3, "Sesterce: the permit (again)", "Outlet C", story_id=9),
                article(4, "Sesterce: something else", "Outlet B")]
    assert story_key(articles[0]) == story_key(articles[2]) != story_key(articles[3])
    sections = group({a.id: a for a in articles}, dict.fromkeys(range(1, 5), "new"), ["sesterce"], UTC)
    assert [(s.topic, s.count, len(s.entries)) for s in sections] == [("sesterce", 4, 2)]
    story = next(e for e in sections[0].entries if e.also_in)
    assert story.title == "Sesterce: the permit"
    assert [name for name, _ in story.also_in] == ["Outlet B", "Outlet C"]
    digest = Digest(created_at=datetime.now(UTC), date="2026-11-20", since=None, sections=sections,
                    items=[(i, "new") for i in range(1, 5)], summary="4 new articles in 2 stories.",
                    counts={"new": 4, "updated": 0, "stories": 2, "topics": {"sesterce": 4}},
                    sources={"ok": 1, "failing": 0, "silent": 0, "never-run": 0, "problems": []})
    render(digest)
    assert "also in: Outlet B, Outlet C" in digest.text
    assert 'also in: <a href="https://outletb.example/2"' in digest.html


def test_articles_without_story_id_are_their_own_story():
    assert story_key(article(5, "x", "A")) == ("article", 5)
    assert story_key(article(5, "x", "A", story_id=5)) == ("story", 5)


# --- delivery ------------------------------------------------------------------------------------

def test_send_delivers_one_multipart_message_with_links_and_highlights(archive, smtp):
    ids = add_sample(archive)
    config = make_config(archive, smtp.port)
    digest = build(archive, config)
    delivery = deliver(digest, config.digest, archive.sessions(writer=True))
    assert len(smtp.messages) == 1
    sender, rcpt_tos, _ = smtp.messages[0]
    assert (sender, rcpt_tos) == ("newswatch@example.org", RECIPIENTS)
    message = smtp.parsed()
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["Subject"] == f"[newswatch] {digest.date}: 2 new articles (sesterce 1, datacenters 1)"
    text, html = body(message, "plain"), body(message, "html")
    assert "* Le projet drômois double sa puissance\n" in text
    assert "https://dcw.example/news/water/" in text
    assert "*centre de DONNÉES*" in text and "*Alixan*" in text and "*datacenters*" in text
    assert ('<a href="https://courrier.example/article-1.html" style="color: #0b4f8a;text-decoration: none;">'
            "Le projet drômois double sa puissance</a>") in html
    assert '>centre de DONNÉES</mark>' in html and "<style" not in html and "<img" not in html.lower()
    assert "DataCentre Weekly · " in text and " · en" in text
    assert delivery.refused == {}
    assert sent_counts(archive) == dict.fromkeys(ids, 1)


def test_a_second_digest_does_not_repeat_articles(archive, smtp):
    first = add_sample(archive)
    config = make_config(archive, smtp.port)
    deliver(build(archive, config), config.digest, archive.sessions(writer=True))
    later = add_article(archive, "Alixan : réunion publique sur le data center", "Le collectif d'Alixan se réunit.")
    second = build(archive, config)
    assert second.items == [(later, "new")]
    deliver(second, config.digest, archive.sessions(writer=True))
    assert "Le projet drômois" not in body(smtp.parsed(1), "plain")
    assert build(archive, config).empty
    assert sent_counts(archive) == dict.fromkeys([*first, later], 1)
    with archive.sessions()() as session:
        assert updated_articles(session) == []  # nothing revised since it was sent (none until updated_at exists)


def test_an_article_revised_after_it_was_sent_comes_back_once_as_updated(archive, smtp):
    ids = add_sample(archive)
    config = make_config(archive, smtp.port)
    deliver(build(archive, config), config.digest, archive.sessions(writer=True))
    with transaction(archive.sessions(writer=True)) as session:
        session.get(Article, ids[0]).updated_at = datetime.now(UTC)  # what a re-check that found an edit records
    with archive.sessions()() as session:
        assert [a.id for a in updated_articles(session)] == [ids[0]]
    digest = build(archive, config)
    assert digest.items == [(ids[0], "updated")] and digest.subject.endswith(": 1 updated article (sesterce 1)")
    assert "* [updated] Le projet drômois double sa puissance" in digest.text
    deliver(digest, config.digest, archive.sessions(writer=True))
    assert build(archive, config).empty
    with archive.sessions()() as session:
        assert [(i.article_id, i.kind) for i in queries.recent_digests(session)[0].items] == [(ids[0], "updated")]


def test_copies_of_a_story_in_the_archive_make_one_entry_and_are_all_marked(archive, smtp):
    text = "Des riverains attaquent le permis du data center de Sesterce à Alixan."
    first = add_article(archive, "Recours contre le data center", text, days_ago=1)
    copy = add_article(archive, "Data center : recours des riverains", text, site_name="L'Écho de l'Éco",
                       url="https://echo.example/recours")
    with transaction(archive.sessions(writer=True)) as session:
        story = Story()
        session.add(story)
        session.flush()
        session.get(Article, first).story_id = session.get(Article, copy).story_id = story.id
        session.get(Article, copy).duplicate_of = first
    config = make_config(archive, smtp.port)
    digest = build(archive, config)
    assert digest.counts["stories"] == 1 and digest.text.count("\n* ") == 1
    assert "* Recours contre le data center\n" in digest.text and "  also in: L'Écho de l'Éco\n" in digest.text
    assert 'also in: <a href="https://echo.example/recours"' in digest.html
    deliver(digest, config.digest, archive.sessions(writer=True))
    assert sent_counts(archive) == {first: 1, copy: 1}


@pytest.mark.parametrize("refusal", ["data", "every-recipient"])
def test_a_refusing_server_marks_nothing_and_the_next_send_carries_everything_once(archive, smtp, refusal):
    ids = add_sample(archive)
    config = make_config(archive, smtp.port)
    if refusal == "data":
        smtp.refuse_data = "550 5.7.1 message content rejected"
    else:
        smtp.refuse_rcpt = set(RECIPIENTS)
    with pytest.raises(MailError, match="refused the message: 550 5.7.1|refused every recipient: campaign@"):
        deliver(build(archive, config), config.digest, archive.sessions(writer=True))
    assert sent_counts(archive) == {}
    smtp.refuse_data, smtp.refuse_rcpt = None, set()
    more = add_article(archive, "Rovaltain : le parking s'agrandit", "Le parking de Rovaltain gagne 400 places.")
    deliver(build(archive, config), config.digest, archive.sessions(writer=True))
    assert sent_counts(archive) == dict.fromkeys([*ids, more], 1)
    with archive.sessions()() as session:
        assert [d.status for d in queries.recent_digests(session)] == ["sent", "failed"]


def test_a_server_that_is_down_marks_nothing(archive):
    add_sample(archive)
    config = make_config(archive, free_port())  # nothing listens there
    with pytest.raises(MailError, match=r"cannot reach the SMTP server 127\.0\.0\.1:\d+: Connection refused"):
        deliver(build(archive, config), config.digest, archive.sessions(writer=True))
    assert sent_counts(archive) == {}
    assert len(build(archive, config).items) == 2


def test_refused_recipients_are_reported_and_the_others_get_it(archive, smtp):
    ids = add_sample(archive)
    smtp.refuse_rcpt = {"press@example.org"}
    config = make_config(archive, smtp.port)
    delivery = deliver(build(archive, config), config.digest, archive.sessions(writer=True))
    assert delivery.refused == {"press@example.org": "550 5.1.1 mailbox unavailable"}
    assert smtp.messages[0][1] == ["campaign@example.org"]
    assert sent_counts(archive) == dict.fromkeys(ids, 1)


@pytest.mark.parametrize("security,error", [("ssl", "cannot reach the SMTP server"),
                                            ("starttls", "STARTTLS extension not supported")])
def test_security_modes_are_used(archive, smtp, security, error):
    add_sample(archive)
    config = make_config(archive, smtp.port, security=security)
    with pytest.raises(MailError, match=error):
        deliver(build(archive, config), config.digest, archive.sessions(writer=True))
    assert smtp.messages == [] and sent_counts(archive) == {}


def test_the_password_comes_from_the_environment_and_never_shows(archive, monkeypatch):
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"right horse battery", handled=False)

    inbox = Inbox()
    controller = start_smtp(inbox, authenticator=authenticator, auth_require_tls=False)
    try:
        add_sample(archive)
        config = make_config(archive, controller.port, user="watcher", password_env="NW_TEST_SMTP_PASSWORD")
        with pytest.raises(MailError, match="holds no password"):
            deliver(build(archive, config), config.digest, archive.sessions(writer=True))
        monkeypatch.setenv("NW_TEST_SMTP_PASSWORD", "wrong staple")
        with pytest.raises(MailError, match="refused the login of 'watcher'") as failure:
            deliver(build(archive, config), config.digest, archive.sessions(writer=True))
        assert "staple" not in str(failure.value)
        monkeypatch.setenv("NW_TEST_SMTP_PASSWORD", "right horse battery")
        deliver(build(archive, config), config.digest, archive.sessions(writer=True))
    finally:
        controller.stop()
    assert set(logins) == {(b"watcher", b"wrong staple"), (b"watcher", b"right horse battery")}  # smtplib tries 2 ways
    assert logins[-1] == (b"watcher", b"right horse battery")
    assert len(inbox.messages) == 1


def test_a_hostile_title_stays_inert(archive, smtp):
    add_article(archive, "Evil\r\nBcc: x@y <script>alert('Sesterce')</script>",
                "Sesterce <img src=https://tracker.example/p.gif> GPU\r\nBcc: z@y", site_name="Bad <b>Outlet</b>",
                url="javascript:alert(1)")
    config = make_config(archive, smtp.port, subject_prefix="[nw]\r\nBcc: a@b")
    deliver(build(archive, config), config.digest, archive.sessions(writer=True))
    _, rcpt_tos, raw = smtp.messages[0]
    assert rcpt_tos == RECIPIENTS
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert b"\nBcc" not in head and b"\rBcc" not in head
    message = smtp.parsed()
    assert message["Bcc"] is None and "\n" not in message["Subject"] and "\r" not in message["Subject"]
    html = body(message, "html")
    assert "<script" not in html and "<img" not in html and "<b>Outlet" not in html
    assert "Evil Bcc: x@y &lt;script&gt;alert('Sesterce')&lt;/script&gt;</div>" in html
    assert "Bad &lt;b&gt;Outlet&lt;/b&gt;" in html and "javascript:" not in html
    text = body(message, "plain")
    assert "* Evil Bcc: x@y <script>alert('Sesterce')</script>\n" in text
    assert all(not line.startswith("Bcc") for line in text.splitlines())


def test_the_footer_reports_failing_sources(archive, smtp):
    add_sample(archive)
    with transaction(archive.sessions(writer=True)) as session:
        run = queries.start_run(session, "crawl")
        queries.record_run_source(session, run.id, "courrier", {"channel_errors": 1}, "feed http://127.0.0.1:9/feed.xml: 503")
        queries.finish_run(session, run.id, "failed", "every source failed: courrier")
    digest = build(archive, make_config(archive, smtp.port))
    assert "Sources: 0 ok, 1 failing." in digest.text
    assert "failing: courrier (1 failed run(s) in a row; last error: feed http://127.0.0.1:9/feed.xml: 503)" in digest.text
    assert '<span class="failing"' in digest.html


def test_a_source_whose_writes_the_archive_refused_is_failing_in_the_footer_and_the_health_query(archive, smtp):
    from newswatch.operations.runs import write_failed
    from store.browse import datasette_metadata

    add_sample(archive)
    refused = write_failed("database is locked")
    with transaction(archive.sessions(writer=True)) as session:
        queries.ensure_sources(session, ["courrier", "echo"])
        ok = queries.start_run(session, "crawl")
        for name in ("courrier", "echo"):
            queries.record_run_source(session, ok.id, name, {"found": 4, "new": 2}, None)
        queries.finish_run(session, ok.id, "ok")
        run = queries.start_run(session, "crawl")  # it found and stored some, then a write was refused
        queries.record_run_source(session, run.id, "courrier", {"found": 6, "fetched": 3, "new": 3}, refused)
        queries.finish_run(session, run.id, "failed", refused)
    digest = build(archive, make_config(archive, smtp.port))
    assert "Sources: 0 ok, 1 failing." in digest.text
    assert "failing: courrier (1 failed run(s) in a row; last error: the archive could not be written (database is " \
           "locked): the crawl stopped at its first failed write, and the next crawl fetches what was not stored)" \
           in digest.text
    metadata, _ = datasette_metadata(archive.path, "archive", ["sesterce"], triage=False)
    db = sqlite3.connect(archive.path)
    db.row_factory = sqlite3.Row
    rows = {r["source"]: r for r in db.execute(metadata["databases"]["archive"]["queries"]["source_health"]["sql"])}
    db.close()
    assert (rows["courrier"]["state"], rows["courrier"]["failures_in_a_row"]) == ("failing", 1)
    assert rows["courrier"]["last_error"] == refused
    assert rows["echo"]["state"] != "failing", "a source without an error is not failing"


# --- the command ---------------------------------------------------------------------------------

def test_cli_dry_run_prints_the_text_and_marks_nothing_then_send_and_since(archive, smtp):
    ids = add_sample(archive)
    config_path = write_config(archive, smtp.port)
    dry = newswatch("digest", "--dry-run", config=config_path)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith("NEWSWATCH DIGEST · ") and "== sesterce (1) ==" in dry.stdout
    assert smtp.messages == [] and sent_counts(archive) == {}
    sent = newswatch("digest", "--send", config=config_path)
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.startswith("sent digest 1 to 2 of 2 recipients: [newswatch] ")
    assert sent_counts(archive) == dict.fromkeys(ids, 1)
    again = newswatch("digest", "--send", config=config_path)
    assert (again.returncode, again.stdout.split(":")[0]) == (0, "nothing new since the last digest")
    out = archive.path.parent / "rebuilt.eml"
    since = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%d")
    rebuilt = newswatch("digest", "--since", since, "--out", str(out), config=config_path)
    assert rebuilt.returncode == 0, rebuilt.stderr
    eml = message_from_bytes(out.read_bytes(), policy=policy.default)
    assert eml.get_content_type() == "multipart/alternative" and "2 new articles" in eml["Subject"]
    assert len(smtp.messages) == 1 and sent_counts(archive) == dict.fromkeys(ids, 1)


def test_cli_send_failure_is_one_line_exit_1_and_an_empty_digest_is_skipped(archive, smtp):
    config_path = write_config(archive, free_port())
    empty = newswatch("digest", "--send", config=config_path)
    assert empty.returncode == 0 and empty.stdout.startswith("nothing new since the last digest: no digest sent")
    add_sample(archive)
    failed = newswatch("digest", "--send", config=config_path)
    assert failed.returncode == 1
    assert failed.stderr.count("\n") == 1 and "digest not sent, nothing marked: cannot reach" in failed.stderr
    assert sent_counts(archive) == {}
    html = archive.path.parent / "preview.html"
    assert newswatch("digest", "--out", str(html), config=config_path).returncode == 0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_send_empty_sends_a_nothing_new_message(archive, smtp):
    config_path = write_config(archive, smtp.port, send_empty=True)
    result = newswatch("digest", "--send", config=config_path)
    assert result.returncode == 0, result.stderr
    assert smtp.parsed()["Subject"].endswith(": nothing new")
    assert "Nothing new since the last digest." in body(smtp.parsed(), "plain")


def test_digest_send_on_the_demo_archive_carries_every_matched_article_once(demo_crawl, smtp, tmp_path):
    from newswatch.demo.run import demo_config

    db_path = tmp_path / "newswatch.db"
    with sqlite3.connect(demo_crawl.archive.path) as source, sqlite3.connect(db_path) as copy:
        source.backup(copy)
    config_path = tmp_path / "newswatch.toml"
    config_path.write_text(demo_config(demo_crawl.site, db_path) + digest_toml(smtp.port), encoding="utf-8")
    result = newswatch("digest", "--send", config=config_path)
    assert result.returncode == 0, result.stderr
    assert len(smtp.messages) == 1
    message = smtp.parsed()
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    text, html = body(message, "plain"), body(message, "html")
    with sqlite3.connect(db_path) as db:
        matched = db.execute("SELECT id, url FROM articles WHERE id IN (SELECT article_id FROM matches)").fetchall()
        carried = db.execute("SELECT article_id, COUNT(*) FROM digest_items GROUP BY article_id").fetchall()
        stories = db.execute("SELECT COUNT(DISTINCT coalesce('s' || story_id, 'a' || id)) FROM articles"
                             " WHERE id IN (SELECT article_id FROM matches)").fetchone()[0]
    assert len(matched) >= 10
    html = re.sub(r'<div class="deadlines".*?</div>', "", html, flags=re.S)  # the box links documents again
    text = re.sub(r"\n\+-- DEADLINES.*?\n\+--\n", "\n", text, flags=re.S)
    for _, url in matched:  # each article linked once: as its story's entry, or in the entry's "also in"
        assert html.count(f'href="{escape(url)}"') == 1  # a feed's URL may carry &utm_…: &amp; in HTML
    assert text.count("\n* ") == stories and sum(text.count(url + "\n") for _, url in matched) == stories
    assert sorted(carried) == sorted((article_id, 1) for article_id, _ in matched)
    assert f"{len(matched)} new articles" in message["Subject"]
    again = newswatch("digest", "--send", config=config_path)
    assert again.returncode == 0 and "nothing new" in again.stdout and len(smtp.messages) == 1


def test_a_scan_nobody_could_read_is_listed_apart_once(archive, smtp):
    """A documents listing's scan kept without its text, matching no topic (its link named none, there was no OCR):
    in no topic's section, so the digest lists it apart, with why and its link, once; not in the subject's counts.
    A picture OCR found no words in was read: it is not listed."""
    ids = add_sample(archive)
    reason = "no text layer: the PDF holds only images (a scan?); page 1 not read: tesseract is not installed"
    with transaction(archive.sessions(writer=True)) as session:
        url = "https://prefecture.example/actes/arrete-2026-112.pdf"
        scan = queries.insert_article(session, url=url, canonical_url=url, source="prefecture", title="Acte n° 112",
                                      date_source="first_seen", text="", kind="document", text_status="no_text",
                                      text_missing_reason=reason, first_seen=datetime.now(UTC))
        photo = "https://prefecture.example/actes/photo-du-site.pdf"
        queries.insert_article(session, url=photo, canonical_url=photo, source="prefecture", title="Une photo",
                               date_source="first_seen", text="", kind="document", text_status="no_text",
                               text_missing_reason="no text layer: the PDF holds only images (a scan?); OCR found "
                                                   "no words on page 1", first_seen=datetime.now(UTC))
    config_path = write_config(archive, smtp.port)
    sent = newswatch("digest", "--send", config=config_path)
    assert sent.returncode == 0, sent.stderr
    [(_, _, raw)] = smtp.messages
    message = message_from_bytes(raw, policy=policy.default)
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "2 new articles" in message["Subject"] and "not read" not in message["Subject"]
    assert "2 new articles in 2 stories. 1 document could not be read." in text
    listed = text[text.index("== documents not read (1) =="):]
    assert "* Acte n° 112\n" in listed and f"[{reason}]" in listed and url in listed
    assert "documents not read" in message.get_body(("html",)).get_content()
    assert sent_counts(archive) == dict.fromkeys([*ids, scan], 1)  # not the picture OCR found no words in
    assert "Une photo" not in text
    again = newswatch("digest", "--send", config=config_path)
    assert (again.returncode, again.stdout.split(":")[0]) == (0, "nothing new since the last digest")
    with transaction(archive.sessions(writer=True)) as session:  # archived before that digest, never carried
        url = "https://prefecture.example/actes/arrete-2025-007.pdf"
        queries.insert_article(session, url=url, canonical_url=url, source="prefecture", title="Acte n° 7",
                               date_source="first_seen", text="", kind="document", text_status="no_text",
                               text_missing_reason=reason, first_seen=datetime.now(UTC) - timedelta(days=90))
    later = newswatch("digest", "--dry-run", config=config_path).stdout
    assert "Acte n° 7" not in later  # an upgraded archive's old scans are not all listed at once

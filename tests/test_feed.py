"""The Atom feed of matched articles: valid XML and Atom, per topic, hostile text kept as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import feedparser

from newswatch.outputs.feed import build_feed
from newswatch.text.topics import TopicMatch
from store import queries
from store.db import transaction
from tests.conftest import newswatch
from tests.test_digest import add_article, add_sample, write_config

NS = {"a": "http://www.w3.org/2005/Atom"}


def feed_of(archive, topic=None, limit=100) -> bytes:
    with archive.sessions()() as session:
        return build_feed(session, topic=topic, limit=limit)


def test_the_feed_is_atom_with_one_entry_per_matched_article(archive):
    add_sample(archive)
    add_article(archive, "La fête du village", "Rien à voir avec le sujet.")  # matches no topic
    data = feed_of(archive)
    root = ET.fromstring(data)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert [e.findtext("a:title", namespaces=NS) for e in root.findall("a:entry", NS)] == [
        "Water becomes the new battleground in Europe", "Le projet drômois double sa puissance"]
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    water, projet = parsed.entries
    assert water.link == "https://dcw.example/news/water/" and water.author == "DataCentre Weekly"
    assert projet.id == "https://courrier.example/article-1.html"
    assert [t.term for t in projet.tags] == ["datacenters", "rovaltain", "sesterce"]
    assert "centre de DONNÉES" in projet.summary and projet.published_parsed and projet.updated_parsed


def test_a_topic_feed_has_only_that_topic_and_the_limit_holds(archive):
    add_sample(archive)
    parsed = feedparser.parse(feed_of(archive, topic="rovaltain"))
    assert parsed.feed.title == "newswatch: rovaltain" and parsed.feed.id == "urn:newswatch:matches:rovaltain"
    assert [e.title for e in parsed.entries] == ["Le projet drômois double sa puissance"]
    assert parsed.entries[0].tags[0].term == "rovaltain"
    assert len(feedparser.parse(feed_of(archive, limit=1)).entries) == 1
    assert feedparser.parse(feed_of(archive, topic="nope")).entries == []


def test_hostile_text_stays_text_in_the_feed(archive):
    add_article(archive, "Evil\r\n<script>alert('Sesterce GPU')</script>\x00\x1b ]]>", "Sesterce GPU <b>x</b> \x0c",
                url="javascript:alert(1)")
    data = feed_of(archive)
    entry = ET.fromstring(data).find("a:entry", NS)
    assert entry.findtext("a:title", namespaces=NS) == "Evil <script>alert('Sesterce GPU')</script> ]]>"
    assert entry.find("a:link", NS) is None
    assert b"<script" not in data
    assert not feedparser.parse(data).bozo


def test_cli_feed_writes_the_file_and_rejects_an_unknown_topic(archive):
    add_sample(archive)
    config_path = write_config(archive, 25)
    out = archive.path.parent / "matches.xml"
    result = newswatch("feed", "--out", str(out), "--topic", "datacenters", config=config_path)
    assert result.returncode == 0, result.stderr
    assert len(ET.parse(out).getroot().findall("a:entry", NS)) == 2
    unknown = newswatch("feed", "--topic", "numismatics", config=config_path)
    assert unknown.returncode == 2 and "no topic named 'numismatics'" in unknown.stderr


def test_entries_are_newest_published_first_whatever_their_ids(archive):
    """Ids follow the order articles were archived in, which is not the order they were published in: an old
    article found today comes after yesterday's; an undated one is dated by its first sighting; same date, the
    higher id first."""
    now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    rows = [("published last week, archived today", now - timedelta(days=7), now),
            ("published yesterday", now - timedelta(days=1), now - timedelta(days=1)),
            ("no date, first seen two days ago", None, now - timedelta(days=2)),
            ("published yesterday too, archived later", now - timedelta(days=1), now),
            ("published an hour ago", now - timedelta(hours=1), now - timedelta(hours=1))]
    with transaction(archive.sessions(writer=True)) as session:
        for n, (title, published, seen) in enumerate(rows, 1):
            url = f"https://courrier.example/{n}.html"
            article_id = queries.insert_article(session, url=url, canonical_url=url, source="courrier", title=title,
                                                text=f"{title}. Sesterce.", language="fr", published_at=published,
                                                date_source="meta" if published else "none", first_seen=seen)
            assert article_id == n
            queries.replace_matches(session, article_id, [TopicMatch("sesterce", ["sesterce"], "")])
    entries = ET.fromstring(feed_of(archive)).findall("a:entry", NS)
    assert [e.findtext("a:id", namespaces=NS).split("/")[-1] for e in entries] == [
        "5.html", "4.html", "2.html", "3.html", "1.html"]
    assert [e.title for e in feedparser.parse(feed_of(archive, limit=2)).entries] == [
        "published an hour ago", "published yesterday too, archived later"]

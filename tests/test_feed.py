"""The Atom feed of matched articles: valid XML and Atom, per topic, hostile text kept as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser

from newswatch.feed import build_feed
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

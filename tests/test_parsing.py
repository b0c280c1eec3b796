"""Feeds, sitemaps, robots.txt, listing links, URLs and dates: the pure parsing functions."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta

import pytest

from crawler.documents import document_links, is_notice
from crawler.feedgaps import next_page, scrolled_past
from crawler.feeds import FeedEntry, FeedError, escaped_ampersands, parse_feed
from crawler.frames import MAX_FRAMES, listing_frames
from crawler.links import article_links, looks_like_article, viewed_document
from crawler.pagination import next_listing_page
from crawler.parts import _second_part_needles, next_part, part_addresses
from crawler.sitemaps import SitemapError, _is_utf8, maybe_gunzip, parse_sitemap, sitemaps_from_robots
from crawler.unlinked import unlinked_items
from newswatch.config import Topic
from newswatch.operations.outlets import feed_links
from newswatch.text.dates import choose_date, parse_feed_date, parse_w3c_date, url_date
from newswatch.text.hosts import host_is_private
from newswatch.text.markup import looks_like_html
from newswatch.text.prefilter import Prefilter
from newswatch.text.urls import (clean_url, declared_key, is_item_address, item_address, joined, listed_key, rehosted,
                                 slug_words)

RSS2 = b"""\n  \xef\xbb\xbf<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Le Courrier</title>
<item><title>Sesterce &lt;em&gt;arrive&lt;/em&gt; &amp;amp; recrute</title><link>https://ex.fr/a?utm_source=rss</link>
<pubDate>Tue, 24 Nov 2026 10:00:00 +0100</pubDate><description>&lt;p&gt;Le r\xc3\xa9sum\xc3\xa9&lt;/p&gt;</description></item>
<item><title>Sans date</title><link>https://ex.fr/b</link></item>
</channel></rss>"""

RDF = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://ex.fr/"><title>X</title></channel>
<item rdf:about="https://ex.fr/rdf1"><title>Un</title><link>https://ex.fr/rdf1</link><dc:date>2026-11-20T08:00:00Z</dc:date></item>
</rdf:RDF>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Nuages</title>
<entry><title type="html">Les &lt;b&gt;données&lt;/b&gt;</title><link rel="alternate" href="https://blog.fr/x"/>
<updated>2026-11-21T09:30:00+01:00</updated><summary>court</summary></entry></feed>""".encode()

WRONG_CHARSET = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><item><title>Données à Valence</title><link>https://ex.fr/c</link></item></channel></rss>'.encode("cp1252")


def test_rss2_with_bom_whitespace_and_html_in_title():
    entries = parse_feed(RSS2)
    assert [e.url for e in entries] == ["https://ex.fr/a?utm_source=rss", "https://ex.fr/b"]
    assert entries[0].title == "Sesterce arrive & recrute"
    assert entries[0].published == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert entries[0].summary == "Le résumé"
    assert entries[1].published is None


def test_rss1_rdf_and_atom():
    [rdf] = parse_feed(RDF)
    assert rdf.url == "https://ex.fr/rdf1" and rdf.published == datetime(2026, 11, 20, 8, tzinfo=UTC)
    [atom] = parse_feed(ATOM)
    assert atom.title == "Les données" and atom.url == "https://blog.fr/x"
    assert atom.published == datetime(2026, 11, 21, 8, 30, tzinfo=UTC)


NO_LINK = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Radio Drôme</title>
<item><title>Sesterce : le conseil municipal d'Alixan vote</title><guid isPermaLink="false">https://ex.fr/?p=412</guid>
</item>
<item><title>Le journal du 2 décembre : le data center de Rovaltain</title>
  <enclosure url="https://ex.fr/podcasts/journal-2-12.mp3" type="audio/mpeg" length="4200000"/></item>
<item><title>Avis d'enquête publique, Alixan</title><guid isPermaLink="false">avis-2026-77</guid>
  <enclosure url="https://ex.fr/docs/avis-2026-77.pdf" type="application/pdf" length="90000"/></item>
<item><title>Sans adresse</title><guid isPermaLink="false">note-3</guid>
  <source url="https://ex.fr/rss">Ex</source></item>
</channel></rss>""".encode()
RDF_ABOUT = """<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://ex.fr/"><title>Ex</title><link>https://ex.fr/</link>
</channel><item rdf:about="https://ex.fr/drome/sesterce"><title>Sesterce à Rovaltain</title></item></rdf:RDF>""".encode()


def test_an_item_without_a_link_is_found_at_its_web_id_or_its_enclosure():
    """No <link>: a guid that is a web address (isPermaLink="false"), an RSS 1.0 item's rdf:about, or else the
    enclosure (a podcast episode, a PDF notice) says where the item is; one with none of them has no address."""
    assert [(e.url, e.title) for e in parse_feed(NO_LINK)] == [
        ("https://ex.fr/?p=412", "Sesterce : le conseil municipal d'Alixan vote"),
        ("https://ex.fr/podcasts/journal-2-12.mp3", "Le journal du 2 décembre : le data center de Rovaltain"),
        ("https://ex.fr/docs/avis-2026-77.pdf", "Avis d'enquête publique, Alixan")]
    [about] = parse_feed(RDF_ABOUT)
    assert (about.url, about.title) == ("https://ex.fr/drome/sesterce", "Sesterce à Rovaltain")


ATTACHED = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Mairie d'Alixan</title>
<item><title>Enquête publique : le centre de données</title><link>https://alixan.example/actualites/enquete</link>
  <enclosure url="https://alixan.example/IMG/pdf/arrete-2026-112.pdf" type="application/pdf" length="90000"/>
  <enclosure url="https://alixan.example/IMG/doc/pv-conseil.doc" type="" length="30000"/>
  <enclosure url="https://alixan.example/IMG/jpg/affiche-photo.jpg" type="image/jpeg" length="90000"/>
  <enclosure url="https://alixan.example/telecharger/77" type="application/pdf" length="1000"/></item>
<item><title>Le journal</title><link>https://radio.example/journal</link>
  <enclosure url="https://radio.example/journal.mp3" type="audio/mpeg" length="4200000"/></item>
</channel></rss>""".encode()


def test_the_documents_an_item_attaches_are_items_of_their_own():
    """A town's news item attaches the prefect's order and the council's minutes: they were never read (only an
    item without a link is found at its enclosure), and the order naming Sesterce was lost when the page showed it
    outside its article. Each document is an entry of its own (by its type or its address), dated as the item; a
    picture and a podcast's audio are not."""
    entries = parse_feed(ATTACHED)
    assert [(e.url, e.title) for e in entries] == [
        ("https://alixan.example/actualites/enquete", "Enquête publique : le centre de données"),
        ("https://alixan.example/IMG/pdf/arrete-2026-112.pdf", None),
        ("https://alixan.example/IMG/doc/pv-conseil.doc", None),
        ("https://alixan.example/telecharger/77", None),
        ("https://radio.example/journal", "Le journal")]
    assert entries[1].published == entries[0].published
    assert [e.url for e in parse_feed(NO_LINK)][-1] == "https://ex.fr/docs/avis-2026-77.pdf"  # its address: once
    json_feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": "1", "url": "https://alixan.example/actualites/enquete", "title": "Enquête publique",
         "date_published": "2026-12-01T09:00:00+01:00", "attachments": [
             {"url": "https://alixan.example/IMG/pdf/arrete.pdf", "mime_type": "application/pdf"},
             {"url": "https://alixan.example/son.mp3", "mime_type": "audio/mpeg"}, "not an attachment"]}]})
    assert [(e.url, e.published) for e in parse_feed(json_feed.encode())] == [
        ("https://alixan.example/actualites/enquete", datetime(2026, 12, 1, 8, 0, tzinfo=UTC)),
        ("https://alixan.example/IMG/pdf/arrete.pdf", datetime(2026, 12, 1, 8, 0, tzinfo=UTC))]


HOME_LINKS = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Mairie</title>
<item><title>Avis sur le centre de données</title><link>https://ville.fr/</link>
  <guid isPermaLink="true">https://ville.fr/actualite/102</guid></item>
<item><title>Travaux</title><link>https://ville.fr</link><guid isPermaLink="false">actu-101</guid></item>
<item><title>Billet</title><link>https://ville.fr/?p=77</link><guid>https://ville.fr/billet-77</guid></item>
<item><title>Autre</title><link>https://ville.fr/</link><guid>https://ville.fr/</guid></item>
<item><title>Conseil</title><link>https://ville.fr/actualites</link><guid>https://ville.fr/actualites/7</guid></item>
<item><title>Vœux</title><link>https://ville.fr/actualites</link><guid>https://ville.fr/actualites/8</guid></item>
<item><title>Marché</title><link>https://ville.fr/marche</link><guid>https://ville.fr/actualites/9</guid></item>
<item><title>Épisode 1</title><link>https://radio.fr/emission</link><guid>https://radio.fr/ep-1.mp3</guid></item>
<item><title>Épisode 2</title><link>https://radio.fr/emission</link><guid>https://radio.fr/ep-2.MP3</guid></item>
</channel></rss>""".encode()


def test_an_item_linked_to_the_home_page_is_found_at_its_web_id():
    """A CMS that links every item to the site's home page, or to its news page: the item is at its guid, when
    that is a web address other than a home page or a media file; a link with a query (WordPress's `/?p=77`) is
    no home page, and a link of one item only stays the item's. An item linking a home page with no such guid, and
    a podcast's episodes (their guids are audio files, no pages), have no page of their own: each is an item of
    its own on the page it links, named by its guid (`item_address`), where the home page or the show's page was
    read once for the first of them and the others were never seen."""
    assert [e.url for e in parse_feed(HOME_LINKS)] == [
        "https://ville.fr/actualite/102", item_address("https://ville.fr", "actu-101"), "https://ville.fr/?p=77",
        item_address("https://ville.fr/", "https://ville.fr/"), "https://ville.fr/actualites/7",
        "https://ville.fr/actualites/8", "https://ville.fr/marche",
        item_address("https://radio.fr/emission", "https://radio.fr/ep-1.mp3"),
        item_address("https://radio.fr/emission", "https://radio.fr/ep-2.MP3")]
    assert len({e.url for e in parse_feed(HOME_LINKS)}) == 9


NEWS_PAGE = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Mairie d'Alixan</title>
<link>https://alixan.example/</link>
<item><title>Conseil municipal du 3 mars</title><link>https://alixan.example/actualites</link>
  <guid isPermaLink="false">41</guid><pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate></item>
<item><title>Réunion publique sur le centre de données</title><link>https://alixan.example/actualites</link>
  <guid isPermaLink="false">42</guid><description>Sesterce présente son projet salle des fêtes.</description></item>
<item><description>Flash info : la réunion publique sur le data center est reportée au 20 mars.</description></item>
<item><title>Même guid</title><guid isPermaLink="false">1</guid><description>un</description></item>
<item><title>Même guid, autre</title><guid isPermaLink="false">1</guid><description>deux</description></item>
</channel></rss>""".encode()


def test_an_item_with_no_page_of_its_own_is_an_item_of_its_own():
    """A town hall's CMS links every item to its news page and gives plain numbers as guids; a flash item has no
    link at all: the first item was read as that page and the second, the meeting on the data center, was never
    seen; the flash item was dropped. Each is now an item of its own at an address of newswatch's making: the page
    it links (else the feed's site) with a fragment named by its guid, or by its words when the guid is shared or
    missing. The same on every read of the feed; its key keeps that fragment."""
    entries = parse_feed(NEWS_PAGE, "https://alixan.example/rss.xml")
    assert [(e.url, e.title) for e in entries][:2] == [
        (item_address("https://alixan.example/actualites", "41"), "Conseil municipal du 3 mars"),
        (item_address("https://alixan.example/actualites", "42"), "Réunion publique sur le centre de données")]
    assert [e.title for e in entries[2:]] == [None, "Même guid", "Même guid, autre"]
    assert entries[2].summary == "Flash info : la réunion publique sur le data center est reportée au 20 mars."
    assert len({e.url for e in entries}) == 5 and item_address("https://alixan.example/", "1") not in {
        e.url for e in entries}  # a guid two items give names neither
    assert entries[1].summary == "Sesterce présente son projet salle des fêtes."
    assert [e.url for e in parse_feed(NEWS_PAGE, "https://alixan.example/rss.xml")] == [e.url for e in entries]
    assert all(is_item_address(e.url) and e.url.startswith("https://alixan.example/") for e in entries)
    assert not is_item_address("https://alixan.example/actualites#item-42")  # a site's own anchor is a page's
    fragment = entries[1].url[entries[1].url.index("#"):]
    assert listed_key(f"https://ALIXAN.example:443/actualites?utm_source=rss{fragment}") == (
        f"https://alixan.example/actualites{fragment}")  # cleaned as any address, its fragment kept
    assert listed_key("https://alixan.example/actualites?utm_source=x#top") == "https://alixan.example/actualites"
    # the feed's site unknown (no channel link, no feed address): no address can be made, the item is left out
    assert [e.url for e in parse_feed(NEWS_PAGE.replace(b"<link>https://alixan.example/</link>", b""))] == [
        item_address("https://alixan.example/actualites", "41"), item_address("https://alixan.example/actualites", "42")]
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Mairie", "home_page_url": "https://alixan.example/",
            "items": [{"id": "77", "content_text": "Le data center de Sesterce au conseil."},
                      {"id": "https://alixan.example/a/78", "title": "Vœux"}]}
    assert [e.url for e in parse_feed(json.dumps(feed).encode())] == [
        item_address("https://alixan.example/", "77"), "https://alixan.example/a/78"]
    shared = {**feed, "items": [{"id": "41", "url": "https://alixan.example/actualites", "title": "Conseil"},
                                {"id": "42", "url": "https://alixan.example/actualites", "title": "Réunion publique",
                                 "external_url": "https://journal.example/2026/03/reunion-publique-sesterce"},
                                {"id": "43", "url": "https://alixan.example/actualites", "title": "Registre"}]}
    assert [e.url for e in parse_feed(json.dumps(shared).encode())] == [  # a url every item gives: no item's page
        item_address("https://alixan.example/actualites", "41"),
        "https://journal.example/2026/03/reunion-publique-sesterce",
        item_address("https://alixan.example/actualites", "43")]


FULL_TEXT = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"
xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Le Courrier</title>
<item><title>Conseil municipal : les dossiers de décembre</title><link>https://ex.fr/conseil</link>
<description>Budget, voirie et écoles au menu de la séance.</description>
<content:encoded><![CDATA[<p>Le conseil a voté le budget
de la voirie.</p><p>Il a aussi débattu du <b>data center</b> de Sesterce &amp; de ses groupes électrogènes.</p>
<ul><li>Budget</li><li>Voirie</li></ul>]]></content:encoded></item>
<item><title>Le seul texte</title><link>https://ex.fr/seul</link>
<content:encoded><![CDATA[<p>Rovaltain en un paragraphe.</p>]]></content:encoded></item>
</channel></rss>""".encode()
ATOM_FULL = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Nuages</title>
<entry><title>Note</title><link href="https://blog.fr/n"/><updated>2026-11-21T09:30:00Z</updated>
<summary>Une note courte.</summary><content type="html">&lt;p&gt;Sesterce à Alixan.&lt;/p&gt;&lt;p&gt;Suite.&lt;/p&gt;</content>
</entry></feed>""".encode()


def test_an_item_s_full_text_is_read_besides_its_summary_one_paragraph_a_line():
    """content:encoded (RSS), <content> (Atom), content_html or content_text (JSON Feed): the item's full text, which
    may name what its summary does not. Kept only when it says more than the summary."""
    council, alone = parse_feed(FULL_TEXT)
    assert council.summary == "Budget, voirie et écoles au menu de la séance."
    assert council.text == ("Le conseil a voté le budget de la voirie.\n"
                            "Il a aussi débattu du data center de Sesterce & de ses groupes électrogènes.\n"
                            "Budget\nVoirie")
    assert (alone.summary, alone.text) == ("Rovaltain en un paragraphe.", None)  # feedparser made it the summary
    [atom] = parse_feed(ATOM_FULL)
    assert (atom.summary, atom.text) == ("Une note courte.", "Sesterce à Alixan.\nSuite.")
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [
        {"url": "https://ex.fr/h", "title": "H", "summary": "Court.", "content_html": "<p>Un</p><p>Sesterce</p>"},
        {"url": "https://ex.fr/t", "title": 7, "content_text": "Ligne un\n\nLigne  deux"}]}).encode()
    html, plain = parse_feed(body)
    assert (html.summary, html.text) == ("Court.", "Un\nSesterce")
    assert (plain.title, plain.summary, plain.text) == (None, "Ligne un Ligne deux", None)  # the summary says it


def test_an_item_s_categories_are_a_line_of_its_summary():
    """RSS <category> (and SPIP's dc:subject), Atom's <category> (its label, else its term unless a web address), JSON
    Feed's tags: once each, not the title again, a line after the summary (or the summary when there is none)."""
    rss = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
           "<channel><title>T</title><item><title>Alixan : le permis validé</title><link>https://ex.fr/a</link>"
           "<description>Le conseil a voté.</description><category>Drôme</category><category><![CDATA[Sesterce]]>"
           "</category><category>drôme</category><category>Data center</category><category>Alixan : le permis "
           "validé</category></item><item><title>B</title><link>https://ex.fr/b</link><dc:subject>Rovaltain"
           "</dc:subject></item></channel></rss>").encode()
    tagged, subject = parse_feed(rss)
    assert tagged.summary == "Le conseil a voté.\nDrôme, Sesterce, Data center" and subject.summary == "Rovaltain"
    atom = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><entry><title>C</title><link href="https://'
            'ex.fr/c"/><id>https://ex.fr/c</id><category term="https://ex.fr/tags/sesterce" label="Sesterce"/>'
            '<category scheme="http://www.blogger.com/atom/ns#" term="Data center"/><category term="https://ex.fr/x"/>'
            "<summary>Court.</summary></entry></feed>").encode()
    assert parse_feed(atom)[0].summary == "Court.\nSesterce, Data center"
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [
        {"url": "https://ex.fr/d", "title": "D", "tags": ["Sesterce", 3, "GPU"]}]}).encode()
    assert parse_feed(body)[0].summary == "Sesterce, GPU"


def test_a_feed_scrolled_past_its_last_read_and_where_its_next_page_is():
    """Every item newer than the last read (by more than GAP_MARGIN): the ones in between may be gone. The next
    page is the feed's rel="next" link, else WordPress's `paged` query, else unknown."""
    read = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    items = [FeedEntry(url=f"https://ex.fr/{h}", title="t", published=read + timedelta(hours=h), summary=None)
             for h in (4, 9, 20)]
    assert scrolled_past(items, read) == read + timedelta(hours=4)
    assert scrolled_past(items, read + timedelta(hours=2)) is None, "within the margin: a clock, not a gap"
    assert scrolled_past([*items, FeedEntry("https://ex.fr/u", "u", None, None)], read) is None, "an undated item"
    assert scrolled_past(items, None) is None and scrolled_past(items[:1], read) is None
    stamped = [FeedEntry(url=f"https://ex.fr/s{i}", title="t", published=read + timedelta(hours=20), summary=None)
               for i in range(5)]
    assert scrolled_past(stamped, read) is None, "every item stamped with the time the feed was made"
    wordpress = b'<?xml version="1.0"?><rss><channel><generator>https://wordpress.org/?v=6.7</generator>'
    assert next_page(wordpress, "https://ex.fr/feed/", 1) == "https://ex.fr/feed/?paged=2"
    assert next_page(wordpress, "https://ex.fr/feed/?cat=3&paged=2", 2) == "https://ex.fr/feed/?cat=3&paged=3"
    atom = b'<feed xmlns="http://www.w3.org/2005/Atom"><link rel="self" href="/a"/><link href="/a?p=2" rel="next"/>'
    assert next_page(atom, "https://ex.fr/a", 1) == "https://ex.fr/a?p=2"
    assert next_page(b"<rss><channel><link>https://ex.fr/</link>", "https://ex.fr/rss", 1) is None


def test_a_feed_gzipped_twice_is_read_and_a_broken_one_is_an_error():
    rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Sesterce à Alixan</title>'
           "<link>https://ex.fr/a</link></item></channel></rss>").encode()
    assert [e.title for e in parse_feed(gzip.compress(rss))] == ["Sesterce à Alixan"]
    with pytest.raises(FeedError, match="gzipped twice and not readable"):
        parse_feed(b"\x1f\x8b" + b"garbage" * 5)


def test_a_hand_made_feed_s_bare_ampersands_leave_its_links_as_written():
    """A town's hand-made feed writes its links' queries with bare ampersands: not XML, so feedparser read it as
    HTML, where `&lang` and `&sect` are characters: the item's page was asked at `?id=12〈=fr§=3`. Its links are
    read as written; a CDATA section's text, and an entity the feed spells, are read as before."""
    rss = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title><item><title>Eau & '
           "data center &eacute;t&eacute;</title><link>https://ex.fr/index.php?id=12&lang=fr&sect=3&amp;p=1</link>"
           "<description><![CDATA[<p>Sesterce & Rovaltain &amp; Alixan</p>]]></description></item></channel></rss>"
           ).encode()
    [item] = parse_feed(rss)
    assert (item.url, item.title, item.summary) == ("https://ex.fr/index.php?id=12&lang=fr&sect=3&p=1",
                                                    "Eau & data center été", "Sesterce & Rovaltain & Alixan")
    well_formed = rss.replace(b"& ", b"&amp; ").replace(b"&lang", b"&amp;lang").replace(b"&sect", b"&amp;sect")
    assert escaped_ampersands(well_formed) is well_formed


def test_what_an_item_s_text_links_is_what_it_cites_not_an_aggregator_s():
    """A collective's Mastodon post links the daily's article and the prefect's notice (and its own hashtag page):
    those are what the item cites. An aggregator's item links its own article: it cites nothing."""
    said = ('&lt;p&gt;Le Dauphiné parle du recours : &lt;a href="https://www.ledauphine.example/economie/2026/12/04/'
            'sesterce-le-recours-des-riverains"&gt;ledauphine.example/economie&lt;/a&gt; et l\'avis : &lt;a '
            'href="https://www.drome.example/avis.pdf"&gt;avis&lt;/a&gt; &lt;a href="https://mastodon.example/tags/'
            'Sesterce"&gt;#Sesterce&lt;/a&gt;&lt;/p&gt;')
    rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>@collectif</title><item><link>https://mastodon.'
           f"example/@collectif/1134</link><description>{said}</description></item><item><title>Sesterce - Le Dauphiné"
           "</title><link>https://www.bing.com/news/apiclick.aspx?url=https%3A%2F%2Fwww.ledauphine.example%2Fa</link>"
           f"<description>{said}</description></item></channel></rss>").encode()
    prefilter = Prefilter([Topic(name="sesterce", query="recours")])
    post, relayed = parse_feed(rss, may_match=lambda *words: prefilter.might_match("", *words))
    assert post.cites == (("documents", "https://www.drome.example/avis.pdf", "avis"), (
        "page", "https://www.ledauphine.example/economie/2026/12/04/sesterce-le-recours-des-riverains",
        "ledauphine.example/economie"))
    assert relayed.cites == ()
    # an item no topic can match is not read for them (the crawl's parent parses every changed feed), nor is any
    # when no test is given (a probe for a Google lead's outlet)
    other = Prefilter([Topic(name="autre", query="vendanges")])
    assert [e.cites for e in parse_feed(rss, may_match=lambda *words: other.might_match("", *words))] == [(), ()]
    assert [e.cites for e in parse_feed(rss)] == [(), ()]


def test_what_a_json_feed_item_s_text_links_is_what_it_cites():
    """The same post on a collective's micro-blog, whose feed is a JSON Feed: its `content_html` links the daily's
    article and the notice, what the item cites, as an RSS item's text does; its hashtag page is no article."""
    post = {"id": "https://collectif.example/2026/12/04/recours.html", "url": "https://collectif.example/2026/12/04/"
            "recours.html", "content_html": '<p>Le Dauphiné parle du recours : <a href="https://www.ledauphine.example/'
            'economie/2026/12/04/sesterce-le-recours-des-riverains">ledauphine.example/economie</a> et l\'avis : '
            '<a href="/docs/avis.pdf">avis</a> <a href="https://collectif.example/tags/sesterce">#Sesterce</a></p>',
            "date_published": "2026-12-04T09:30:00+01:00"}
    feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Collectif",
                       "home_page_url": "https://collectif.example/", "items": [post]}).encode()
    prefilter = Prefilter([Topic(name="sesterce", query="recours")])
    [item] = parse_feed(feed, may_match=lambda *words: prefilter.might_match("", *words))
    assert item.cites == (("documents", "https://collectif.example/docs/avis.pdf", "avis"), (
        "page", "https://www.ledauphine.example/economie/2026/12/04/sesterce-le-recours-des-riverains",
        "ledauphine.example/economie"))
    other = Prefilter([Topic(name="autre", query="vendanges")])
    assert [e.cites for e in parse_feed(feed, may_match=lambda *words: other.might_match("", *words))] == [()]
    assert [e.cites for e in parse_feed(feed)] == [()]


def test_a_feedburner_item_is_at_the_publisher_s_address():
    rss = ('<?xml version="1.0"?><rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">'
           "<channel><title>T</title><item><title>Sesterce à Alixan</title><link>https://feedproxy.google.com/~r/"
           "drome/~3/x1/</link><feedburner:origLink>https://ex.fr/a/sesterce-a-alixan</feedburner:origLink></item>"
           "</channel></rss>").encode()
    assert [e.url for e in parse_feed(rss)] == ["https://ex.fr/a/sesterce-a-alixan"]


def test_a_news_sitemap_s_keywords_are_what_it_says_of_its_page_and_a_php_notice_before_it_is_skipped():
    body = ('<br />\n<b>Warning</b>: Cannot modify header information in /var/www/s.php<br />\n<?xml version="1.0"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/'
            "sitemap-news/0.9\"><url><loc>https://ex.fr/a/1</loc><news:news><news:title>Conseil : le vote</news:title>"
            "<news:keywords>Sesterce, data  center, sesterce, Conseil : le vote,Rovaltain &amp; Alixan</news:keywords>"
            "</news:news></url><url><loc>https://ex.fr/a/2</loc></url></urlset>").encode()
    first, second = parse_sitemap(body).entries
    assert first.info()["feed_summary"] == "Sesterce, data center, Rovaltain & Alixan"  # once each, no title again
    assert (first.news_title, second.url, second.info()["feed_summary"]) == ("Conseil : le vote", "https://ex.fr/a/2",
                                                                            None)


def test_invisible_characters_inside_words_are_dropped_from_feed_and_sitemap_texts():
    """A soft hyphen or a zero-width space inside a word of an item's title, summary or full text, or of a news
    sitemap's title, written as a character or an entity: dropped, as the extraction drops it from a page's text
    (FTS5 would read two words: a lead whose title says "Ses&#173;terce" matched no topic)."""
    rss = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/'
           'modules/content/"><channel><title>T</title><item><title>Ses&#173;terce : le centre de don\u00adnées'
           '</title><link>https://ex.fr/a</link><description>Ali&amp;shy;xan et Ro\u200bvaltain.</description>'
           '<content:encoded><![CDATA[<p>Le data&#8203;center</p><p>de Ses&shy;terce.</p>]]></content:encoded>'
           '</item></channel></rss>').encode()
    [item] = parse_feed(rss)
    assert (item.title, item.summary, item.text) == ("Sesterce : le centre de données", "Alixan et Rovaltain.",
                                                     "Le datacenter\nde Sesterce.")
    sitemap = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/'
               'schemas/sitemap-news/0.9"><url><loc>https://ex.fr/b</loc><news:news><news:title>Rechen\u00adzentrum '
               'von Ses&amp;shy;terce</news:title></news:news></url></urlset>').encode()
    [entry] = parse_sitemap(sitemap).entries
    assert entry.news_title == "Rechenzentrum von Sesterce"


@pytest.mark.parametrize("head,html", [
    (b"<!DOCTYPE html><html lang='fr'>", True),
    (b"\xef\xbb\xbf\n  <!-- cache 12 ms --><html>", True),
    (b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">', True),
    (b"<head><title>Mairie</title>", True),
    (b'<?xml version="1.0"?><rss version="2.0">', False),
    (b"%PDF-1.7", False),
    (b"<htmlx>", False),
    (b"Bonjour <html>", False),
])
def test_a_document_is_told_html_by_how_it_begins(head, html):
    assert looks_like_html(head) is html


def test_json_feed():
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [
        {"url": "https://ex.fr/j", "title": "J", "date_published": "2026-11-22T10:00:00+02:00"}]}).encode()
    [entry] = parse_feed(body)
    assert entry.url == "https://ex.fr/j" and entry.published == datetime(2026, 11, 22, 8, tzinfo=UTC)


def test_a_json_feed_item_without_url_is_at_its_id_or_its_attachment():
    """A JSON Feed item needs an id, not a url: an item whose id is its address, or a notice with its PDF attached,
    was left out; an id that is no address (a number) is none."""
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": " https://ex.fr/actu/sesterce-recours ", "title": "Le recours"},
        {"id": "77", "title": "Avis", "attachments": [{"url": "https://ex.fr/docs/avis-77.pdf",
                                                       "mime_type": "application/pdf"}]},
        {"id": "78", "title": "Sans adresse", "content_text": "Un texte sans page."}]}).encode()
    assert [(e.url, e.title) for e in parse_feed(body)] == [("https://ex.fr/actu/sesterce-recours", "Le recours"),
                                                            ("https://ex.fr/docs/avis-77.pdf", "Avis")]


def test_declared_charset_that_is_wrong_still_gives_the_accents():
    [entry] = parse_feed(WRONG_CHARSET)
    assert entry.title == "Données à Valence"


@pytest.mark.parametrize("body", [b"<html><body><h1>500 Internal error</h1></body></html>", b"", b"{}", b"not xml"])
def test_not_a_feed_is_an_error(body):
    with pytest.raises(FeedError):
        parse_feed(body)


NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://ex.fr/eco/sesterce</loc><lastmod>2026-11-25</lastmod>
<news:news><news:publication><news:name>Echo</news:name><news:language>fr</news:language></news:publication>
<news:publication_date>2026-11-24T18:00:00+01:00</news:publication_date><news:title>Sesterce &amp; Valence</news:title></news:news></url>
<url><loc>https://ex.fr/eco/other</loc></url></urlset>"""


def test_news_sitemap_with_news_tags_gzipped():
    sitemap = parse_sitemap(maybe_gunzip(gzip.compress(NEWS_SITEMAP), 1_000_000))
    assert not sitemap.is_index
    first, second = sitemap.entries
    assert first.news_title == "Sesterce & Valence"
    assert first.news_date == datetime(2026, 11, 24, 17, tzinfo=UTC)
    assert first.lastmod == datetime(2026, 11, 25, tzinfo=UTC)
    assert second.url == "https://ex.fr/eco/other" and second.lastmod is None


IMAGES_FIRST = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
        xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">
<url><loc>https://ex.fr/drome/recours</loc>
  <image:image><image:loc>https://ex.fr/img/parc.jpg</image:loc><image:title>Vue du parc</image:title></image:image>
  <video:video><video:title>Le parc vu du ciel</video:title><video:content_loc>https://ex.fr/v.mp4</video:content_loc>
  </video:video>
  <news:news><news:publication><news:name>La Gazette</news:name><news:language>fr</news:language></news:publication>
  <news:publication_date>2026-12-01T08:00:00+01:00</news:publication_date>
  <news:title>Sesterce : un recours contre le permis</news:title></news:news></url>
<url><image:image><image:loc>https://ex.fr/img/gpu.jpg</image:loc></image:image><loc>https://ex.fr/drome/gpu</loc>
  <lastmod>2026-12-02</lastmod></url>
<url><loc>https://ex.fr/drome/bref</loc><news:title>Rovaltain en bref</news:title></url>
</urlset>"""


def test_a_sitemap_entry_is_read_by_place_whatever_the_pictures_and_videos_before_its_news():
    """An <image:image> or <video:video> has its own <loc> and <title>: neither is the page's URL or headline,
    even written before the entry's own <loc> or <news:news>."""
    recours, gpu, bref = parse_sitemap(IMAGES_FIRST).entries
    assert recours.url == "https://ex.fr/drome/recours"
    assert recours.news_title == "Sesterce : un recours contre le permis"
    assert recours.news_date == datetime(2026, 12, 1, 7, tzinfo=UTC)
    assert (gpu.url, gpu.news_title) == ("https://ex.fr/drome/gpu", None)
    assert gpu.lastmod == datetime(2026, 12, 2, tzinfo=UTC)
    assert (bref.url, bref.news_title) == ("https://ex.fr/drome/bref", "Rovaltain en bref")  # no <news:news> around it


SLOPPY_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://ex.fr/article.php?id=412&rubrique=drome&amp;page=1&#38;v=2&copy=3</loc></url>
<url><loc>https://ex.fr/article.php?id=413</loc><news:news><news:publication><news:name>Ex</news:name>
  <news:language>fr</news:language></news:publication><news:publication_date>2026-12-01</news:publication_date>
  <news:title>Sesterce & Alixan : le centre de donn&eacute;es&nbsp;en <b>questions</b> &foo;</news:title></news:news></url>
<url><loc>https://ex.fr/article.php?id=414&amp;rubrique=drome</loc><news:news>
  <news:title><![CDATA[Rovaltain & Alixan : l&#039;eau du data center]]></news:title></news:news></url>
</urlset>""".encode()


def test_a_sloppy_sitemap_keeps_its_urls_and_titles_as_their_authors_meant():
    """A bare `&` in a URL's query, an HTML entity or markup in a title: an XML parser that recovers drops them
    (`?id=412=drome`, another page; "donnes", which no topic matches; "le centre … en"). A CDATA title keeps its
    `&` as one."""
    article, other, cdata = parse_sitemap(SLOPPY_SITEMAP).entries
    assert article.url == "https://ex.fr/article.php?id=412&rubrique=drome&page=1&v=2&copy=3"
    assert other.news_title == "Sesterce & Alixan : le centre de données\xa0en questions &foo;"
    # a CDATA section is read as written (its `&` is a character), then its entities decoded
    assert (cdata.url, cdata.news_title) == ("https://ex.fr/article.php?id=414&rubrique=drome",
                                             "Rovaltain & Alixan : l'eau du data center")


@pytest.mark.parametrize("declaration,encoding", [
    ('<?xml version="1.0" encoding="ISO-8859-1"?>', "utf-8"),  # an old generator's default, UTF-8 written
    ("<?xml version='1.0' encoding='windows-1252' standalone='yes'?>", "utf-8"),
    ('<?xml version="1.0" encoding="UTF-8"?>', "latin-1"),  # Latin-1 bytes from a database, said to be UTF-8
    ("", "cp1252"),  # no declaration (UTF-8 then), not UTF-8
    ('<?xml version="1.0" encoding="ISO-8859-1"?>', "latin-1"),  # as declared
    ('<?xml version="1.0" encoding="UTF-8"?>', "utf-8"),
])
def test_a_sitemap_in_another_charset_than_it_declares_keeps_its_accents(declaration, encoding):
    """A news title read in the wrong charset said "donnÃ©es" or "donn\ufffdes" and matched no topic."""
    body = (f'{declaration}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google'
            '.com/schemas/sitemap-news/0.9"><url><loc>https://ex.fr/b</loc><news:news><news:title>Drôme : le centre '
            "de données à l'enquête</news:title></news:news></url></urlset>").encode(encoding)
    [entry] = parse_sitemap(body).entries
    assert entry.news_title == "Drôme : le centre de données à l'enquête"


def test_utf8_is_checked_a_chunk_at_a_time_across_characters_cut_between_chunks():
    text = "données ’ 𝄞 " * 50
    assert _is_utf8(text.encode(), chunk=7) and not _is_utf8(text.encode()[:-15] + b"\xe9t\xe9", chunk=7)


def test_sitemap_index():
    body = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://ex.fr/s1.xml.gz</loc></sitemap></sitemapindex>'
    sitemap = parse_sitemap(body)
    assert sitemap.is_index and [e.url for e in sitemap.entries] == ["https://ex.fr/s1.xml.gz"]


def test_gzip_bomb_is_refused():
    with pytest.raises(SitemapError, match="inflates past"):
        maybe_gunzip(gzip.compress(b"<" * 5_000_000), 1_000_000)


def test_gzip_that_does_not_inflate_is_a_sitemap_error_not_a_zlib_one():
    """The sitemap channel, the outlet probe and `discover` catch SitemapError: a zlib.error escaped them."""
    with pytest.raises(SitemapError, match="does not inflate"):
        maybe_gunzip(b"\x1f\x8b" + b"garbage" * 5, 1_000_000)


@pytest.mark.parametrize("body", [b"<html><body>nope</body></html>", b"garbage"])
def test_not_a_sitemap_is_an_error(body):
    with pytest.raises(SitemapError):
        parse_sitemap(body)


def test_robots_sitemap_lines():
    robots = "User-agent: *\nDisallow: /admin\nSitemap: https://ex.fr/sitemap_index.xml\nsitemap:https://ex.fr/news.xml\n"
    assert sitemaps_from_robots(robots) == ["https://ex.fr/sitemap_index.xml", "https://ex.fr/news.xml"]


@pytest.mark.parametrize("url,article", [
    ("https://ex.fr/economie/2026/11/24/sesterce-double-la-puissance.html", True),
    ("https://ex.fr/news/2026/03/some-slug/", True),
    ("https://ex.fr/actu/sesterce-installe-ses-gpu-a-alixan", True),
    ("https://ex.fr/article123456.html", True),
    ("https://ex.fr/tag/france/", False),
    ("https://ex.fr/news/?page=2", False),
    ("https://ex.fr/about/", False),
    ("https://ex.fr/", False),
    ("https://ex.fr/images/une-grande-photo-de-nuit.jpg", False),
    # a CMS without rewritten addresses names its articles in the query (or, Drupal, by node)
    ("https://ex.fr/spip.php?article88", True),
    ("https://ex.fr/spip.php?page=article&id_article=88", True),
    ("https://ex.fr/spip.php?page=rubrique&id_rubrique=3", False),
    ("https://ex.fr/spip.php?page=backend", False),
    ("https://ex.fr/?p=4521", True),
    ("https://ex.fr/actualites/?p=2", False),  # a page number
    ("https://ex.fr/?page_id=12", False),
    ("https://ex.fr/index.php?option=com_content&view=article&id=12:reunion&catid=8", True),
    ("https://ex.fr/index.php?option=com_content&view=category&id=8", False),
    ("https://ex.fr/node/123", True),
    ("https://ex.fr/tag/france/?p=2", False),
    # a news script's number; TYPO3's news extension; not a number any script is given, nor a news list's page
    ("https://ex.fr/actualites/detail.php?id=123", True),
    ("https://ex.fr/actualite.php?idactu=45&lang=fr", True),
    ("https://ex.fr/index.php?id=42&tx_news_pi1%5Bnews%5D=12&cHash=ab12", True),
    ("https://ex.fr/index.php?id=42", False),  # TYPO3's page 42: a section
    ("https://ex.fr/photos.php?id=3", False),
    ("https://ex.fr/actualites.php?id=7&page=2", False),
])
def test_looks_like_article(url, article):
    assert looks_like_article(url) is article


@pytest.mark.parametrize("listing, item", [
    ("/actualites.html", "/actualites/reunion-publique.html"),  # a listing named as a file: below its name
    ("/Actualites/Pages/default.aspx", "/Actualites/Pages/Reunion-publique.aspx"),  # its folder's index: beside it
    ("/news/index.php", "/news/reunion-publique"),
    ("/actualites", "/Actualites/reunion-publique"),  # in any case (IIS reads both)
])
def test_a_listing_s_short_addressed_items_sit_below_its_folder(listing, item):
    """A town's listing page named as a file (`/actualites.html`, SharePoint's `default.aspx`) lists its news at
    short addresses beside or below it: none was below its path (`/actualites.html/`), none was taken."""
    page = (f"<html><body><div><h1>Actualités</h1><div class='list'><a href='{item}'>Réunion publique</a>"
            "<a href='/contact-mairie'>Contact mairie</a></div></div></body></html>")
    assert article_links(page, f"https://mairie.example{listing}", listing=True) == [
        (f"https://mairie.example{item}", "")]


def test_article_links_same_site_only():
    html = """<html><body><a href="/2026/11/24/sesterce-a-valence.html">a</a>
    <a href="https://other.fr/2026/11/24/autre-article-ici.html">x</a><a href="/tag/ia/">t</a>
    <a href="/2026/11/24/sesterce-a-valence.html#comments">dup</a><a href="mailto:a@b">m</a></body></html>"""
    assert article_links(html, "https://ex.fr/economie/") == [("https://ex.fr/2026/11/24/sesterce-a-valence.html",
                                                                 "")]  # "a", "dup": no headline


SCRIPTED_SECTION = """<html><head><script type="application/ld+json">{"@context": "https://schema.org",
"@type": "CollectionPage", "mainEntity": {"@type": "ItemList", "itemListElement": [
 {"@type": "ListItem", "position": 1, "url": "https://radio.example/infos/sesterce-le-chantier-demarre",
  "name": "Sesterce : le chantier démarre à Rovaltain"},
 {"@type": "ListItem", "position": 2, "item": {"@id": "/infos/alixan-reunion-publique",
  "headline": "Alixan : réunion publique sur le data center"}},
 {"@type": "ListItem", "position": 3, "item": "https://ailleurs.example/infos/autre"},
 {"@type": "ListItem", "position": 4, "item": {"name": "sans adresse"}}]}}</script>
<script type="application/ld+json">{"@type": "BreadcrumbList", "itemListElement": [
 {"@type": "ListItem", "item": {"@id": "https://radio.example/", "name": "Accueil"}}]}</script></head>
<body><div id="cards"></div><nav><a href="/contact">Contact</a></nav></body></html>"""


def test_a_section_page_whose_cards_a_script_draws_gives_the_articles_of_its_item_list():
    """A radio's section page draws its cards with a script: no link to an article in its HTML, only a JSON-LD
    ItemList. A listing's articles are the list's items of its own site, each titled with its name; a breadcrumb
    is no list of articles, and a page that is no listing is not read for one."""
    assert article_links(SCRIPTED_SECTION, "https://radio.example/infos/", listing=True) == [
        ("https://radio.example/infos/sesterce-le-chantier-demarre", "Sesterce : le chantier démarre à Rovaltain"),
        ("https://radio.example/infos/alixan-reunion-publique", "Alixan : réunion publique sur le data center")]
    assert article_links(SCRIPTED_SECTION, "https://radio.example/infos/") == []
    assert article_links(SCRIPTED_SECTION.replace('"ItemList"', '"Thing"'), "https://radio.example/infos/",
                         listing=True) == []


def hydrated_section(state: str, script: str = '<script id="__NEXT_DATA__" type="application/json">') -> str:
    """A section page a front end draws from its JSON `state`: only its menu in the HTML."""
    return (f'<html><body><header><a href="/">Accueil</a><a href="/drome/">Drôme</a></header><div id="__next"></div>'
            f'{script}{state}</script></body></html>')


NEXT_STATE = json.dumps({"props": {"pageProps": {"section": {"title": "Drôme", "path": "/drome/"}, "articles": [
    {"id": 41, "title": "Alixan : le data center de Sesterce devant le tribunal administratif",
     "path": "/drome/alixan-le-data-center-de-sesterce-devant-le-tribunal-412233", "image": {"url": "/img/a.jpg"},
     "author": {"name": "Claire M.", "url": "/auteur/claire-m"}},
    {"id": 42, "title": {"rendered": "Valence &amp; Romans : la foire <em>revient</em>"},
     "link": "https://gazette.example/drome/valence-romans-la-foire-revient-412234"},
    {"id": 43, "title": "Un partenaire", "url": "https://ailleurs.example/drome/un-article-d-un-partenaire-9"}]}}})


def test_a_section_page_a_front_end_draws_from_its_state_gives_the_articles_its_state_names():
    """A section page drawn by a JavaScript front end links no article in its HTML and has no JSON-LD list: its
    articles are only in the state the script starts from (Next.js's `__NEXT_DATA__`, a Nuxt payload, a
    `window.__INITIAL_STATE__`). Those of its own site that look like articles are its items, titled as the state
    titles them; pictures, authors and other sites are not. A listing with links of its own is read from them."""
    url = "https://gazette.example/drome/"
    expected = [("https://gazette.example/drome/alixan-le-data-center-de-sesterce-devant-le-tribunal-412233",
                 "Alixan : le data center de Sesterce devant le tribunal administratif"),
                ("https://gazette.example/drome/valence-romans-la-foire-revient-412234",
                 "Valence & Romans : la foire revient")]
    assert article_links(hydrated_section(NEXT_STATE), url, listing=True) == expected
    assert article_links(hydrated_section(NEXT_STATE), url) == []  # an article page is not read for one
    assigned = hydrated_section(f"window.__INITIAL_STATE__ = {NEXT_STATE};window.ready = true;", "<script>")
    assert article_links(assigned, url, listing=True) == expected
    nuxt = json.dumps([["ShallowReactive", 1], {"data": 2}, {"news": 3}, [4, 7], {"title": 5, "path": 6},
                       "Rovaltain : le chantier avance", "/drome/rovaltain-le-chantier-avance-412235",
                       {"title": 8, "path": 9}, "Le marché de Noël ouvre samedi", "/drome/le-marche-de-noel-412236"])
    nuxt_script = '<script type="application/json" id="__NUXT_DATA__">'
    assert article_links(hydrated_section(nuxt, nuxt_script), url, listing=True) == [
        ("https://gazette.example/drome/rovaltain-le-chantier-avance-412235", "Rovaltain : le chantier avance"),
        ("https://gazette.example/drome/le-marche-de-noel-412236", "Le marché de Noël ouvre samedi")]
    linked = hydrated_section(NEXT_STATE).replace(
        '<div id="__next"></div>', '<main><h2><a href="/drome/la-une-du-jour-412230">La une du jour à Valence</a>'
                                   '</h2></main>')
    assert article_links(linked, url, listing=True) == [("https://gazette.example/drome/la-une-du-jour-412230",
                                                          "La une du jour à Valence")]
    assert article_links(hydrated_section("{not json"), url, listing=True) == []
    for looped in ([["Reactive", 0]], [{"news": 1}, [0, 1]], [["Ref", 1], ["Ref", 0]]):  # a payload naming itself
        assert article_links(hydrated_section(json.dumps(looped), nuxt_script), url, listing=True) == []


def test_relative_links_follow_the_page_s_base():
    """SPIP writes <base href> into every page: `article412.html` listed at /actualites/ is at the site's root."""
    html = """<html><head><base href="https://ex.fr/"></head><body><main>
    <h2><a href="article412.html">Sesterce : le recours</a></h2><a href="http://[oops">cassé</a>
    <a href="IMG/pdf/avis-enquete.pdf">Avis d'enquête publique</a></main></body></html>"""
    assert article_links(html, "https://ex.fr/actualites/") == [("https://ex.fr/article412.html",
                                                                 "Sesterce : le recours")]
    assert document_links(html, "https://ex.fr/actualites/", notices="none") == [
        ("https://ex.fr/IMG/pdf/avis-enquete.pdf", "Avis d'enquête publique")]  # the broken link is left
    unreadable = html.replace('href="https://ex.fr/"', 'href="http://[oops"')
    assert article_links(unreadable, "https://ex.fr/actualites/")[0][0] == "https://ex.fr/actualites/article412.html"


def test_a_listing_s_links_below_it_need_only_a_short_slug():
    """A town hall's Drupal listing lays its news out in views rows, with no <main>, <article> or heading: a link
    with a short slug (`/actualites/conseil-municipal`) was no article, and its news lost. Below the listing's own
    path, two words will do; elsewhere (`/services/etat-civil`), in a menu or below the root, they still do not."""
    html = """<html><body><div id="content"><div class="view-content">
    <div class="views-row"><span class="field-content"><a href="/actualites/conseil-municipal">Conseil
      municipal</a></span></div>
    <div class="views-row"><span class="field-content"><a href="/actualites/reunion-publique-data-center">Réunion
      publique</a></span></div></div></div>
    <div id="sidebar"><a href="/services/etat-civil">État civil</a><a href="/actualites/">Actualités</a></div>
    <nav><a href="/actualites/nos-dossiers">Dossiers</a></nav>
    </body></html>"""
    assert [url for url, _ in article_links(html, "https://ex.fr/actualites")] == [
        "https://ex.fr/actualites/conseil-municipal", "https://ex.fr/actualites/reunion-publique-data-center"]
    assert [url for url, _ in article_links(html, "https://ex.fr/")] == [
        "https://ex.fr/actualites/reunion-publique-data-center"]  # a long slug, as before


def test_a_listing_s_items_at_a_bare_number_or_word_below_it_are_known_by_their_headline():
    """A small town's site numbers its news (`/actualites/42`: a few hundred, no five-digit id) or names one by a
    word (`/actualites/sesterce`): the address said nothing, the listing gave its other news, and the public
    meeting on the data center was lost without a word. Below the listing, outside its menus, such a link is an
    item when its words are a headline (in a heading, or four words or more) or a teaser's "Lire la suite"; a
    pager's number or "Page 4", a section's word, a menu's link, a feed's, are not."""
    html = """<html><body><nav><a href="/actualites/agenda">Agenda des manifestations de la commune</a></nav>
    <main><h1>Actualités</h1>
    <div class="item"><h2><a href="/actualites/42">Réunion publique</a></h2></div>
    <div class="item"><a href="/actualites/sesterce.html">Sesterce présente son projet aux habitants</a></div>
    <div class="item"><a href="/actualites/43">Travaux</a> <a href="/actualites/44/">Lire la suite</a></div>
    <p><a href="/actualites/culture">Culture</a> <a href="/actualites/2">2</a> <a href="/actualites/3">Page suivante
    </a> <a href="/actualites/rss">Le fil RSS des actualités de la commune</a></p><h3><a href="/actualites/4">Page
    4</a></h3><h2><a href="/actualites/?page=5">Les actualités plus anciennes</a></h2></main>
    <p><a href="/services/45">Inscriptions à la cantine scolaire</a></p></body></html>"""
    assert article_links(html, "https://mairie.example/actualites", listing=True) == [
        ("https://mairie.example/actualites/42", "Réunion publique"),
        ("https://mairie.example/actualites/sesterce.html", "Sesterce présente son projet aux habitants"),
        ("https://mairie.example/actualites/44/", "")]  # "Lire la suite": known by its page's own title


def test_a_press_review_s_links_to_other_sites_are_its_articles():
    """A collective's press review links the articles of the outlets that wrote about the project: no link was of
    its own site, the page gave nothing. A listing that links more articles of other sites than of its own (outside
    its menus and footer) gives them, and its scans of print articles (PDFs); an outlet's section page, with a
    partner's link or two, still does not."""
    review = """<html><body><div class="main"><h1>Revue de presse</h1><ul>
    <li><a href="https://www.ledauphine.example/economie/2026/02/18/alixan-recours-contre-le-permis">Le Dauphiné :
      recours contre le permis du data center</a></li>
    <li><a href="https://france3.example/auvergne-rhone-alpes/drome/sesterce-ecotox-rovaltain-3012345.html">France 3
      </a></li><li><a href="https://reporterre.example/data-center">Reporterre</a></li>
    <li><a href="/2026/03/01/notre-communique-sur-le-permis">Notre communiqué</a></li>
    <li><a href="/uploads/dauphine-2026-03-12.pdf">Le Dauphiné du 12 mars (PDF)</a></li></ul></div>
    <footer><a href="https://www.facebook.com/2026/01/01/page-du-collectif-stop-datacenter">Facebook</a>
    <a href="https://www.facebook.com/sharer/sharer.php?u=x">Partager</a></footer></body></html>"""
    assert [url for url, _ in article_links(review, "https://collectif.example/revue-de-presse/", listing=True)] == [
        "https://www.ledauphine.example/economie/2026/02/18/alixan-recours-contre-le-permis",
        "https://france3.example/auvergne-rhone-alpes/drome/sesterce-ecotox-rovaltain-3012345.html",
        "https://collectif.example/2026/03/01/notre-communique-sur-le-permis",
        "https://collectif.example/uploads/dauphine-2026-03-12.pdf"]  # a scan of the print article
    assert [url for url, _ in article_links(review, "https://collectif.example/revue-de-presse/")] == [
        "https://collectif.example/2026/03/01/notre-communique-sur-le-permis"]  # an article's links: its own only
    own = "".join(f'<li><a href="/2026/03/0{day}/un-article-du-{day}-mars">Article</a></li>' for day in (2, 3))
    section = review.replace("</ul>", f"{own}</ul>")  # three of its own, two of other sites
    assert all("collectif.example" in url for url, _ in article_links(section, "https://collectif.example/drome/",
                                                                          listing=True))


def test_a_press_review_s_shortened_links_are_its_articles():
    """A collective's press review pastes the links its posts gave: `bit.ly/…`, `urlz.fr/…`. Their address says
    nothing of an article, so none was taken; a shortener's link with a code is one (asked, it redirects to it).
    Not a shortener's home page, nor one in the page's menus."""
    page = ("<html><body><nav><a href='https://bit.ly/menu42'>Notre page</a></nav><main><h1>Revue de presse</h1><ul>"
            "<li><a href='https://bit.ly/3xYzAbc'>Le Dauphiné : le permis attaqué</a></li>"
            "<li><a href='https://urlz.fr/qW3e'>France 3 : les riverains inquiets</a></li>"
            "<li><a href='https://bit.ly/'>Bitly</a></li></ul></main></body></html>")
    assert [url for url, _ in article_links(page, "https://collectif.example/revue-de-presse", listing=True)] == [
        "https://bit.ly/3xYzAbc", "https://urlz.fr/qW3e"]


def test_article_links_read_the_cards_a_script_opens():
    """A town's news page draws its items as cards a script opens: `data-href`, `data-url`, an `onclick` that sets
    the location or opens a window, a link whose address is `#`. Each is a link, in the page's order, its heading
    its headline. A share button's address of another site, a handler that goes nowhere written: nothing."""
    cards = [
        '<div class="card" data-href="/actus/reunion-publique-data-center"><h3>Réunion publique</h3><p>Le 14.</p></div>',
        "<article onclick=\"window.location = '/actus/permanence-du-commissaire'\"><h2>Permanence</h2></article>",
        '<a href="#" onclick="window.open(\'/actus/avis-de-l-enquete-publique\')">Avis de l\'enquête publique ici</a>',
        '<a href="/actus/vote-du-conseil-municipal">Lire</a>',  # a short link first: the card's headline wins
        '<li data-url="https://ex.fr/actus/vote-du-conseil-municipal"><h4>Vote</h4><p>Le conseil a voté.</p></li>',
        '<div class="share" data-url="https://facebook.example/sharer/actus-un-article-partage"><span>Partager</span></div>',
        '<div class="card" onclick="openCard(12)"><h3>Sans adresse écrite</h3></div>',
        '<a href="/actus/lien-ordinaire-vers-un-article">Un lien ordinaire vers un article</a>']
    page = f"<html><body><main><h1>Actualités</h1>{''.join(cards)}</main></body></html>"
    assert article_links(page.encode(), "https://ex.fr/actus", listing=True) == [
        ("https://ex.fr/actus/reunion-publique-data-center", "Réunion publique"),
        ("https://ex.fr/actus/permanence-du-commissaire", "Permanence"),
        ("https://ex.fr/actus/avis-de-l-enquete-publique", "Avis de l'enquête publique ici"),
        ("https://ex.fr/actus/vote-du-conseil-municipal", "Vote"),
        ("https://ex.fr/actus/lien-ordinaire-vers-un-article", "Un lien ordinaire vers un article")]


def test_article_links_carry_the_headline_of_each_teaser():
    """A walled article is known by its listing's words: the link in a heading, else the longest link text."""
    html = """<html><body><main>
    <div class="teaser"><a href="/drome/le-permis-attaque-123456"><img alt=""></a>
      <h3><a href="/drome/le-permis-attaque-123456">Sesterce : le permis de Ses&shy;terce
        attaqué</a></h3>
      <p><a href="/drome/le-permis-attaque-123456">Les riverains du parc de Rovaltain ont déposé un recours devant
        le tribunal administratif de Grenoble contre le permis de construire.</a></p></div>
    <div class="teaser"><a href="/drome/la-foire-revient-234567">Lire</a>
      <a href="/drome/la-foire-revient-234567">Chabeuil : la foire revient</a></div>
    <div class="teaser"><a href="/drome/sans-mots-du-tout-345678"><img alt="photo"></a></div>
    <p>Le projet de <a href="/drome/un-autre-sujet-456789">data center</a> avance.</p>
    </main></body></html>"""
    assert article_links(html, "https://ex.fr/drome/") == [
        ("https://ex.fr/drome/le-permis-attaque-123456", "Sesterce : le permis de Sesterce attaqué"),
        ("https://ex.fr/drome/la-foire-revient-234567", "Chabeuil : la foire revient"),
        ("https://ex.fr/drome/sans-mots-du-tout-345678", ""),
        ("https://ex.fr/drome/un-autre-sujet-456789", ""),  # a keyword the text links, not a headline
    ]


def test_a_news_sitemap_s_gap_is_bridged_by_the_pages_dated_since_its_last_read_only():
    from crawler.sitemapgaps import dated_since
    from crawler.sitemaps import SitemapEntry

    read = datetime(2026, 12, 1, 12, tzinfo=UTC)
    entries = [SitemapEntry("https://ex.fr/news", news_date=read + timedelta(days=1)),
               SitemapEntry("https://ex.fr/modified", lastmod=read - timedelta(hours=2)),  # within the margin
               SitemapEntry("https://ex.fr/old", lastmod=read - timedelta(days=2)),
               SitemapEntry("https://ex.fr/undated")]
    assert [e.url for e in dated_since(entries, read)] == ["https://ex.fr/news", "https://ex.fr/modified"]


def test_links_nested_past_libxml2_s_depth_limit_are_read():
    """Past 256 nested elements libxml2 drops the rest of a page, silently: an old site's listing laid out in
    tables inside tables gave no links, its home page no feed."""
    nest, unnest = "<table><tr><td>" * 90, "</td></tr></table>" * 90
    html = (f'<html><head>{nest}<link rel="alternate" type="application/rss+xml" href="/rss.xml">{unnest}</head>'
            f'<body>{nest}<h2><a href="/actu/sesterce-le-recours-est-depose">Le recours est déposé</a></h2>'
            f'<a href="/docs/avis-sesterce.pdf">Avis</a><link rel="next" href="/actu/?page=2">{unnest}</body></html>')
    assert article_links(html, "https://ex.fr/actu/") == [("https://ex.fr/actu/sesterce-le-recours-est-depose",
                                                          "Le recours est déposé")]
    assert document_links(html, "https://ex.fr/actu/", notices="none") == [("https://ex.fr/docs/avis-sesterce.pdf",
                                                                           "Avis")]
    assert next_listing_page(html, "https://ex.fr/actu/") == "https://ex.fr/actu/?page=2"
    assert feed_links(html, "https://ex.fr/", guess=False) == ["https://ex.fr/rss.xml"]


DOCUMENTS_LISTING = """<html><body><nav><a href="/contact">Contact</a> <a href="/actualites/">Actualités</a></nav>
<main><h1>Consultations du public</h1><ul>
<li><a href="/index.php?option=com_docman&task=doc_download&gid=77">Avis de participation du public –
  Sesterce</a></li>
<li><a href="/telecharger.php?fichier=arrete-2026-112">Arrêté préfectoral n° 2026-112</a></li>
<li><a href="/documents/avis-enquete-reseau-chaleur.pdf">Avis d'enquête</a></li>
<li><a href="/consultations-du-public/sesterce-alixan">Demande d'enregistrement ICPE, société Sesterce</a></li>
</ul></main></body></html>"""


def test_a_documents_listing_gives_its_pdfs_notices_and_download_links():
    """A download address (`doc_download&gid=77`, `telecharger.php?fichier=…`) is neither a PDF by its name nor a
    notice by its path: such links were left, however their text named the project. Menus stay out."""
    found = document_links(DOCUMENTS_LISTING, "https://pref.example/consultations-du-public/")
    assert [text for _, text in found] == ["Avis de participation du public – Sesterce",
                                           "Arrêté préfectoral n° 2026-112", "Avis d'enquête",
                                           "Demande d'enregistrement ICPE, société Sesterce"]
    assert found[0][0] == "https://pref.example/index.php?option=com_docman&task=doc_download&gid=77"
    hyphenated = '<html><body><a href="/avis-12.pdf">Avis – Ses&shy;terce, Ali&#8203;xan</a></body></html>'
    assert document_links(hyphenated, "https://pref.example/avis/") == [("https://pref.example/avis-12.pdf",
                                                                          "Avis – Sesterce, Alixan")]


def test_a_documents_listing_drawn_as_an_image_map_gives_its_hotspots():
    """A village's notice board is a picture whose notices are its hotspots (`<map><area href alt>`): only `<a>` was
    read, and the board gave nothing. An area is a link, its `alt` its words; one without an address is not."""
    board = """<html><body><main><h1>Panneau d'affichage</h1>
    <img src="/img/panneau.jpg" usemap="#panneau" alt="">
    <map name="panneau">
      <area shape="rect" coords="0,0,200,280" href="/docs/avis-enquete-sesterce.pdf" alt="Avis d'enquête publique">
      <area shape="rect" coords="210,0,410,280" href="/affichage/deliberation-2026-41" alt="Délibération 2026-41">
      <area shape="rect" coords="420,0,620,280" href="/up/affiche-reunion-publique.jpg" alt="Affiche">
      <area shape="rect" coords="0,300,200,580" href="/up/IMG_2041.jpg" alt="Le chantier">
      <area shape="rect" coords="210,300,410,580" href="#haut" alt="Haut de page">
      <area shape="rect" coords="420,300,620,580" nohref alt="Emplacement libre">
    </map></main></body></html>"""
    assert document_links(board, "https://alixan.example/affichage/") == [
        ("https://alixan.example/docs/avis-enquete-sesterce.pdf", "Avis d'enquête publique"),
        ("https://alixan.example/affichage/deliberation-2026-41", "Délibération 2026-41"),
        ("https://alixan.example/up/affiche-reunion-publique.jpg", "Affiche")]


def test_a_documents_listing_drawn_by_script_gives_the_documents_its_state_names():
    """A prefecture's page of public consultations drawn by its front end: its HTML is a menu, its notices' files
    are named only in the state its script starts from. It gave nothing, and the notice of the inquiry into
    Sesterce's data center was lost. The documents the state names (of any site) are its documents now; its
    pictures and pages are not, and a listing that links its documents is read from its links only."""
    state = json.dumps({"props": {"pageProps": {"consultations": [
        {"titre": "Avis d'enquête publique : centre de données Sesterce", "fichier": {
            "url": "/content/download/41/avis-enquete-sesterce.pdf", "title": "Avis d'enquête publique"}},
        {"title": "Arrêté d'ouverture", "url": "https://www.registre.example/docs/arrete-ouverture.odt"},
        {"title": "Carte du site", "url": "/img/carte-rovaltain.jpg"},
        {"title": "Toutes les consultations", "path": "/Publications/Consultations"}]}}})
    drawn = hydrated_section(state)
    assert document_links(drawn, "https://www.drome.gouv.fr/Publications/Consultations/ICPE") == [
        ("https://www.drome.gouv.fr/content/download/41/avis-enquete-sesterce.pdf", "Avis d'enquête publique"),
        ("https://www.registre.example/docs/arrete-ouverture.odt", "Arrêté d'ouverture")]
    linked = drawn.replace("<div id=\"__next\"></div>", '<div id="__next"><a href="/docs/bilan.pdf">Bilan</a></div>')
    assert document_links(linked, "https://www.drome.gouv.fr/Publications/Consultations/ICPE") == [
        ("https://www.drome.gouv.fr/docs/bilan.pdf", "Bilan")]


def test_a_notice_s_pdf_shown_in_a_frame_is_one_of_its_documents():
    """A town hall shows its council's minutes in the page, in pdf.js's viewer, Google's, an <embed> or an
    <object>, with no link to the file: the notice gave no document, and the minutes were lost. The PDF a frame
    shows is a document, titled with the frame's title (or a link's text to it); a video or a map frame is not."""
    notice = """<html><head><base href="https://mairie.example/"></head><body><main>
    <iframe title="PV du conseil du 2 décembre"
      src="/libraries/pdfjs/web/viewer.html?file=%2Fsites%2Fdefault%2Ffiles%2Fpv-2-decembre.pdf"></iframe>
    <iframe
      src="https://docs.google.com/viewer?url=https%3A%2F%2Fmairie.example%2Fdocs%2Fbulletin.pdf&embedded=true">
    </iframe>
    <embed src="docs/arrete-112.PDF" type="application/pdf"><object data="/docs/avis" type="application/pdf"></object>
    <iframe src="https://www.youtube.com/embed/abc?file=x"></iframe><iframe src="/carte.html?url=/plan.png"></iframe>
    <iframe src="http://[oops/a.pdf"></iframe><iframe src="/viewer.html?file=http://[oops/b.pdf"></iframe><embed>
    <a href="/docs/arrete-112.PDF">Arrêté 112</a>
    <iframe src="about:blank" title="Modification du PLU : zone de Rovaltain"
      data-lazy-src="/libraries/pdfjs/web/viewer.html?file=%2Fdocs%2Fplu-modification.pdf"></iframe>
    <iframe data-src="/docs/registre-observations.pdf" title="Registre"></iframe>
    </main></body></html>"""
    assert document_links(notice, "https://mairie.example/actualites/pv", notices="none") == [
        ("https://mairie.example/sites/default/files/pv-2-decembre.pdf", "PV du conseil du 2 décembre"),
        ("https://mairie.example/docs/bulletin.pdf", ""), ("https://mairie.example/docs/arrete-112.PDF", "Arrêté 112"),
        ("https://mairie.example/docs/avis", ""),
        # a lazy frame (a script sets its address once scrolled to): the PDF is in its data-src or data-lazy-src
        ("https://mairie.example/docs/plu-modification.pdf", "Modification du PLU : zone de Rovaltain"),
        ("https://mairie.example/docs/registre-observations.pdf", "Registre")]


def test_the_pages_a_listing_shows_in_frames_are_its_own_and_no_video_map_tracker_or_document_frame():
    """A town hall shows its notices in a widget's frame from another site, lazily (`data-src`), and an old site
    its news in a frameset: the pages they show are read as the listing's. Google Tag Manager's frame (on most
    pages), a video's, a map's, a picture's and a document's (read as a document) are not, nor the page itself;
    each page once, four at most."""
    listing = b"""<html><head><base href="https://mairie.example/"></head><body>
    <noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-AB12"></iframe></noscript>
    <iframe src="https://widget.example/commune/alixan/annonces" title="Annonces"></iframe>
    <iframe src="about:blank" data-src="//agenda.example/alixan"></iframe><iframe></iframe><iframe src=" "></iframe>
    <iframe src="https://www.youtube-nocookie.com/embed/abc"></iframe>
    <iframe src="https://www.google.com/maps/embed?pb=1"></iframe>
    <iframe src="https://player.vimeo.com/video/7"></iframe>
    <iframe src="/libraries/pdfjs/web/viewer.html?file=%2Fpv.pdf"></iframe><iframe src="/docs/avis.pdf"></iframe>
    <iframe src="about:blank" data-src="/libraries/pdfjs/web/viewer.html?file=%2Fplu.pdf"></iframe>
    <iframe src="/images/plan.PNG"></iframe><iframe src="javascript:void(0)"></iframe><iframe src="http://[oops/">
    </iframe><iframe src="https://widget.example/commune/alixan/annonces"></iframe><iframe src="/actualites#haut">
    </iframe></body></html>"""
    assert listing_frames(listing, "https://mairie.example/actualites") == [
        "https://widget.example/commune/alixan/annonces", "https://agenda.example/alixan"]
    frameset = b"""<html><head><title>Mairie</title></head><frameset cols="20%,80%"><frame src="menu.html">
    <frame src="actus.html" name="principal"><noframes>Votre navigateur ne lit pas les cadres.</noframes></frameset>
    </html>"""
    assert listing_frames(frameset, "https://vieux.example/index.html") == ["https://vieux.example/menu.html",
                                                                           "https://vieux.example/actus.html"]
    many = "".join(f'<iframe src="/widget/{n}"></iframe>' for n in range(MAX_FRAMES + 2)).encode()
    assert listing_frames(many, "https://mairie.example/") == [f"https://mairie.example/widget/{n}"
                                                               for n in range(MAX_FRAMES)]
    assert listing_frames(b"<html><body><p>Rien dans un cadre.</p></body></html>", "https://mairie.example/") == []


def test_minutes_a_viewer_shows_or_links_are_documents_and_a_download_script_stays_itself():
    """A small town shows its minutes (.docx, .odt) in Microsoft's or Google's viewer, in a frame or behind a link
    "Consulter le PV": the link is no PDF by its name or text, on another site, and the minutes were lost. The
    document a viewer names is read (a link only when its path says a viewer: `download.php?file=x.pdf` is the
    file itself)."""
    listing = """<html><body><main><ul>
    <li><a href="https://view.officeapps.live.com/op/view.aspx?src=https%3A%2F%2Fmairie.example%2Fpv%2Fpv-12-11.docx">
      Consulter le procès-verbal du 12 novembre</a></li>
    <li><a href="https://docs.google.com/gview?url=https://mairie.example/pv/pv-08-10.odt&amp;embedded=true">PV du
      8 octobre</a></li>
    <li><a href="/outils/download.php?file=ordre-du-jour.pdf">Ordre du jour</a></li>
    <li><a href="https://view.officeapps.live.com/op/view.aspx?src=https%3A%2F%2Fmairie.example%2Fplan.png">Plan</a>
    </li></ul>
    <iframe src="https://view.officeapps.live.com/op/embed.aspx?src=https%3A%2F%2Fmairie.example%2Fpv%2Fpv-03-09.docx">
    </iframe></main></body></html>"""
    assert document_links(listing, "https://mairie.example/conseil-municipal/") == [
        ("https://mairie.example/pv/pv-12-11.docx", "Consulter le procès-verbal du 12 novembre"),
        ("https://mairie.example/pv/pv-08-10.odt", "PV du 8 octobre"),
        ("https://mairie.example/outils/download.php?file=ordre-du-jour.pdf", "Ordre du jour"),
        ("https://mairie.example/pv/pv-03-09.docx", "")]
    assert viewed_document("https://mairie.example/outils/download.php") is None
    assert viewed_document("https://v.example/viewer?file=http://[oops/b.docx") is None


def test_a_notice_s_own_documents_include_its_site_s_download_addresses():
    """A town's notice links its order at its download manager's address ("Arrêté préfectoral n° 2026-112", no PDF
    by its name or words): a notice's documents were its PDFs only, and the order was lost. Its site's download
    addresses are documents too; its other pages and another site's downloads are not."""
    notice = """<html><body><nav><a href="/actualites/agenda-du-maire">Agenda</a></nav><main>
    <p><a href="/index.php?option=com_docman&amp;task=doc_download&amp;gid=77">Arrêté préfectoral n° 2026-112</a></p>
    <p><a href="/telechargements/avis-mrae-sesterce">Avis de l'autorité environnementale</a></p>
    <p><a href="/actualites/enquete/annexe">Annexe</a><a href="https://autre.example/download/x">Ailleurs</a></p>
    </main></body></html>"""
    assert document_links(notice, "https://mairie.example/actualites/enquete", notices="none") == [
        ("https://mairie.example/index.php?option=com_docman&task=doc_download&gid=77",
         "Arrêté préfectoral n° 2026-112"),
        ("https://mairie.example/telechargements/avis-mrae-sesterce", "Avis de l'autorité environnementale")]


def test_a_notice_s_sub_pages_are_the_pages_filed_below_it_at_most_thirty():
    """A prefecture's site files its notices by procedure: the listing links `/ICPE`, whose page links its
    sub-pages `/ICPE/Enregistrement/…`, which link the documents. A notice's pages below its own path are notices
    too (`below`), thirty at most; its menus' other pages are not."""
    links = "".join(f'<li><a href="/ICPE/Enregistrement/dossier-{n}">Dossier {n}</a></li>' for n in range(40))
    category = f"""<html><body><nav><a href="/Actualites/le-prefet-en-visite-a-valence">Actualité</a>
    <a href="/ICPE">Retour</a></nav><main><a href="/ICPE/avis-general.pdf">Avis</a><ul>{links}</ul></main>
    </body></html>"""
    below = document_links(category, "https://pref.example/ICPE", notices="below")
    assert below[0] == ("https://pref.example/ICPE/avis-general.pdf", "Avis")
    assert [url for url, _ in below[1:]] == [f"https://pref.example/ICPE/Enregistrement/dossier-{n}" for n in range(30)]
    assert document_links(category, "https://pref.example/ICPE", notices="none") == below[:1]
    assert len(document_links(category, "https://pref.example/ICPE")) == 42  # a listing: its article-like news too


def test_a_home_page_listed_as_documents_has_no_sub_pages_read():
    """Every page of a site is below its home page: listed as documents, its links' documents are read, not their
    sub-pages (thirty a link, on every link of the home page)."""
    from crawler.documents import DOCUMENT_DEPTH, listing_depth

    assert listing_depth("https://pref.example/consultations/") == listing_depth("https://pref.example/a?b=1") == 3
    assert listing_depth("https://mairie.example/") == listing_depth("https://mairie.example") == DOCUMENT_DEPTH - 1


@pytest.mark.parametrize("url,notice", [
    ("https://pref.example/enquetes/reseau-de-chaleur-rovaltain", True),
    ("https://mairie.example/index.php?option=com_content&view=article&id=77", True),
    ("https://pref.example/enquetes/reseau-de-chaleur-rovaltain/avis.PDF", False),
    ("https://mairie.example/pv/pv-12-11.docx?v=2", False),
    ("https://pref.example/enquetes/dossier-complet.ZIP", False),
    ("https://pref.example/telecharger.php?fichier=arrete-2026-112", False),
    ("https://pref.example/index.php?option=com_docman&task=doc_download&gid=77", False),
])
def test_a_notice_is_a_documents_listing_s_link_that_is_no_file(url, notice):
    assert is_notice(url) is notice


def test_a_press_review_s_links_to_documents_are_taken_whatever_their_file():
    """A collective's press review links its copies of print articles as PDFs, and the town's minutes as a .docx,
    directly or through Microsoft's viewer: each is one of its links, with its text."""
    review = """<html><body><main><h1>Revue de presse</h1><ul>
    <li><a href="/uploads/article-dauphine-18-02.pdf">Le Dauphiné, 18 février : le recours des riverains</a></li>
    <li><a href="https://mairie.example/pv/pv-12-11.docx">Le procès-verbal du conseil du 12 novembre</a></li>
    <li><a href="https://view.officeapps.live.com/op/view.aspx?src=https%3A%2F%2Fmairie.example%2Fpv%2Fpv-08-10.odt">
      Le procès-verbal du conseil du 8 octobre</a></li>
    <li><a href="https://autre.example/2026/02/18/recours-des-riverains-contre-le-data-center">Autre journal : le
      recours des riverains contre le data center</a></li></ul></main></body></html>"""
    found = dict(article_links(review, "https://collectif.example/revue-de-presse/", listing=True))
    assert set(found) == {"https://collectif.example/uploads/article-dauphine-18-02.pdf",
                          "https://mairie.example/pv/pv-12-11.docx", "https://mairie.example/pv/pv-08-10.odt",
                          "https://autre.example/2026/02/18/recours-des-riverains-contre-le-data-center"}
    assert found["https://mairie.example/pv/pv-08-10.odt"] == "Le procès-verbal du conseil du 8 octobre"


@pytest.mark.parametrize("raw,clean", [
    ("HTTPS://Ex.FR:443/a/b?utm_source=rss&utm_medium=feed&id=3#top", "https://ex.fr/a/b?id=3"),
    ("https://ex.fr/x?fbclid=1&gclid=2&xtor=RSS-3&q=1", "https://ex.fr/x?q=1"),
    ("https://ex.fr/art/amp/", "https://ex.fr/art/"),
    ("https://amp.ex.fr/art?outputType=amp", "https://ex.fr/art"),
    ("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a"),
    ("https://ex.fr/a?at_medium=rss&pk_campaign=x&mtm_source=y&_gl=1&b=2&a=1", "https://ex.fr/a?a=1&b=2"),
    # what identifies an article stays, whatever its name holds (courlan's cleaning removed all of these)
    ("https://asso.fr/spip.php?article412", "https://asso.fr/spip.php?article412"),
    ("https://ex.fr/article.php?12345&utm_source=rss", "https://ex.fr/article.php?12345"),
    ("https://ex.fr/avis.php?ref=2026-77", "https://ex.fr/avis.php?ref=2026-77"),
    ("https://ex.fr/a.php?cid=412", "https://ex.fr/a.php?cid=412"),
    ("https://ex.fr/a.php?uid=9&eid=3", "https://ex.fr/a.php?eid=3&uid=9"),
    ("https://ex.fr/justice.php?affaire=77", "https://ex.fr/justice.php?affaire=77"),
    ("https://ex.fr/photos?galerie=5", "https://ex.fr/photos?galerie=5"),
    ("https://ex.fr/a?source=afp&id=3", "https://ex.fr/a?id=3&source=afp"),
    ("https://ex.fr/a?ref=rss&from=Twitter&source=newsletter&id=3", "https://ex.fr/a?id=3"),  # where one came from
    ("https://ex.fr/a?id=&x=1", "https://ex.fr/a?id=&x=1"),
])
def test_clean_url(raw, clean):
    assert clean_url(raw) == clean


@pytest.mark.parametrize("declared,page,key", [
    ("https://ex.fr/a?utm_source=x", "https://ex.fr/a/amp/", "https://ex.fr/a"),  # the canonical, cleaned
    (None, "https://ex.fr/b?xtor=RSS-1", "https://ex.fr/b"),  # none declared: the page's own
    ("https://ex.fr/", "https://ex.fr/breves/alixan-vote", "https://ex.fr/breves/alixan-vote"),  # a theme's og:url
    ("https://ex.fr", "https://ex.fr/breves/alixan-vote", "https://ex.fr/breves/alixan-vote"),
    ("https://ex.fr/?id=4", "https://ex.fr/?id=4&utm_source=x", "https://ex.fr/?id=4"),  # a query names a page
    ("https://ex.fr/", "https://ex.fr/?utm_source=rss", "https://ex.fr/"),  # the home page itself
    ("https://partner.fr/original", "https://ex.fr/copie", "https://partner.fr/original"),  # syndicated
])
def test_declared_key(declared, page, key):
    assert declared_key(declared, page) == key


@pytest.mark.parametrize("host,private", [
    ("127.0.0.1", True), ("localhost", True), ("10.1.2.3", True), ("192.168.1.1", True), ("169.254.169.254", True),
    ("::1", True), ("fd00::1", True), ("93.184.216.34", False), ("0.0.0.0", True),
])
def test_private_hosts(host, private):
    assert host_is_private(host) is private


def test_date_choice_order_and_plausibility():
    seen = datetime(2026, 11, 29, 12, tzinfo=UTC)
    feed, page = datetime(2026, 11, 20, tzinfo=UTC), datetime(2026, 11, 19, tzinfo=UTC)
    assert choose_date({"feed": feed, "page": page}, seen) == (page, "page")
    assert choose_date({"feed": feed, "htmldate": page, "page_meta": page}, seen) == (feed, "feed")
    assert choose_date({"sitemap": None, "jsonld": page, "url": feed}, seen) == (page, "jsonld")
    assert choose_date({"feed": datetime(1970, 1, 1, tzinfo=UTC), "htmldate": page}, seen) == (page, "htmldate")
    assert choose_date({"page_meta": page, "modified": feed, "sitemap_lastmod": feed}, seen) == (page, "page_meta")
    assert choose_date({"feed": seen + timedelta(days=30)}, seen) == (seen, "first_seen")


@pytest.mark.parametrize("url,day", [
    ("https://a.example/drome/2025/03/13/titre", "2025-03-13"),
    ("https://a.example/depeches/2025-02-10/titre", "2025-02-10"),
    ("https://a.example/economie/20250211/titre.html", "2025-02-11"),
    ("https://a.example/2025/13/40/titre", None),
    ("https://a.example/2025/02/30/titre", None),
    ("https://a.example/article/6543210_3234.html", None),
    ("https://a.example/titre?date=2025/03/13", None),
])
def test_url_date(url, day):
    found = url_date(url)
    assert (found.date().isoformat() if found else None) == day


def test_w3c_dates():
    assert parse_w3c_date("2026-11-24") == datetime(2026, 11, 24, tzinfo=UTC)
    assert parse_w3c_date("2026-11-24T10:00:00Z") == datetime(2026, 11, 24, 10, tzinfo=UTC)
    assert parse_w3c_date("yesterday") is None


@pytest.mark.parametrize("spelled,utc", [
    ("mar., 01 déc. 2026 10:00:00 +0100", "2026-12-01T09:00:00"),  # a French WordPress
    ("Mardi 1er décembre 2026 - 10h00", "2026-12-01T10:00:00"),  # no zone: UTC
    ("lun. 30 nov. 2026 23:59:59 -0500", "2026-12-01T04:59:59"),
    ("Di, 01 Dez 2026 10:00:00 MEZ", "2026-12-01T09:00:00"),
    ("martes, 1 de diciembre de 2026", "2026-12-01T00:00:00"),
    ("1 dicembre 2026 ore 10:15", "2026-12-01T10:15:00"),
    ("1 mrt 2026", "2026-03-01T00:00:00"),
    ("Dec 1st, 2026 10:30 GMT", "2026-12-01T10:30:00"),
    ("2026-12-01 10:00:00", "2026-12-01T10:00:00"),
    ("01/12/2026 10:00", None),  # 1 December or 12 January: left unread rather than read wrong
    ("31 février 2026", None),
    ("1 brumaire 2026", None),
    ("mar., 01 déc.", None),
    ("", None),
])
def test_a_feed_date_feedparser_cannot_read_is_read_in_the_press_s_languages(spelled, utc):
    found = parse_feed_date(spelled)
    assert (found.astimezone(UTC).replace(tzinfo=None).isoformat() if found else None) == utc


BLOG = "https://blog.example/2026/12/01/sesterce-le-dossier/"


@pytest.mark.parametrize("body,page_url,first_url,number,found", [
    # WordPress: Yoast's <link rel="next">, then core's pager (its current page unlinked, the others linked)
    (f'<link rel="next" href="{BLOG}2/"><a href="/autre-billet/" rel="next">Billet suivant</a>', BLOG, BLOG, 2,
     f"{BLOG}2/"),
    (f'<a href="{BLOG}" class="post-page-numbers">1</a> <span>2</span> <a href="{BLOG}3/">3</a>', f"{BLOG}2/", BLOG,
     3, f"{BLOG}3/"),
    (f'<a href="{BLOG}">1</a> <a href="{BLOG}2/">2</a> <span>3</span>', f"{BLOG}3/", BLOG, 4, None),
    (f'<a href="{BLOG}">1</a>', BLOG, BLOG, 11, None),  # MAX_PARTS
    # Drupal counts from 0, in a relative or an unquoted link; its part 3 is ?page=2, not ?page=3
    ('<a href="?page=1" title="Go to next page">›</a>', "https://mairie.example/node/123",
     "https://mairie.example/node/123", 2, "https://mairie.example/node/123?page=1"),
    ("<a href=/node/123?page=1>2</a>", "https://mairie.example/node/123", "https://mairie.example/node/123", 2,
     "https://mairie.example/node/123?page=1"),
    ('<a href="?page=0">1</a><a href="?page=3">4</a><a href="?page=2">3</a>', "https://mairie.example/node/123?page=1",
     "https://mairie.example/node/123", 3, "https://mairie.example/node/123?page=2"),
    ('<a href="?page=2">3</a> <a href="?page=1">2</a>', "https://mairie.example/node/123",
     "https://mairie.example/node/123", 2, "https://mairie.example/node/123?page=1"),  # Drupal's 2 before its 3
    (f'<a href="{BLOG}?paged=2">2</a>', BLOG, BLOG, 2, None),  # WordPress's page of a listing, never of a post
    # an unrewritten WordPress address, its query in any order; another post's page is no part
    ('<a href="https://w.example/?p=4521&amp;page=2">2</a>', "https://w.example/?p=4521", "https://w.example/?p=4521",
     2, "https://w.example/?p=4521&page=2"),
    ('<a href="https://w.example/?page=2&p=4521">2</a>', "https://w.example/?p=4521", "https://w.example/?p=4521", 2,
     "https://w.example/?page=2&p=4521"),
    ('<a href="https://w.example/?p=9999&amp;page=2">2</a>', "https://w.example/?p=4521", "https://w.example/?p=4521",
     2, None),
    (f'<a href="{BLOG[:-1]}-2/">La suite du dossier</a>', BLOG, BLOG, 2, None),  # another article's address
    (f'<a href="{BLOG}2/#comments">2</a>', BLOG, BLOG, 2, f"{BLOG}2/"),
])
def test_the_next_part_of_an_article_split_over_pages(body, page_url, first_url, number, found):
    assert next_part(body.encode(), page_url, first_url, number) == found


@pytest.mark.parametrize("first_url", [BLOG, BLOG[:-1], "https://mairie.example/node/123", "https://w.example/?p=4521",
                                       "https://w.example/", "https://w.example", "https://w.example/a/b.html?x=1"])
def test_a_page_is_searched_for_its_second_part_with_the_needles_of_its_addresses(first_url):
    # next_part looks for these before it builds the addresses: they must be what the addresses hold
    assert set(_second_part_needles(first_url)) == {held.encode() for held in part_addresses(first_url, 2).values()}


# --- meta refresh -----------------------------------------------------------------------------------

def _refresh_middleware():
    from scrapy.utils.test import get_crawler

    from crawler.middlewares import CheapMetaRefreshMiddleware

    return CheapMetaRefreshMiddleware.from_crawler(get_crawler())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_meta_refresh_is_followed_in_any_encoding(encoding):
    from scrapy import Request
    from scrapy.http import HtmlResponse

    html = ('<html><head><META HTTP-EQUIV="Refresh" CONTENT="0; URL=/articles/ici">'
            "</head><body>L'article a déménagé.</body></html>")
    request = Request("http://courrier.example/vieux")
    response = HtmlResponse(request.url, body=html.encode(encoding), encoding=encoding, request=request)
    redirected = _refresh_middleware().process_response(request, response)
    # (Scrapy encodes the target in the page's encoding: a UTF-16 byte-order mark ends up in its query)
    assert isinstance(redirected, Request) and redirected.url.startswith("http://courrier.example/articles/ici")


def test_a_page_without_meta_refresh_is_passed_on_undecoded():
    from scrapy import Request
    from scrapy.http import HtmlResponse

    request = Request("http://courrier.example/a")
    body = ("<html><head><title>Rafraîchir la salle</title></head><body>" + "<p>Texte.</p>" * 2000
            + '<meta http-equiv="refresh" content="0; url=/trop-loin"></body></html>').encode()
    response = HtmlResponse(request.url, body=body, encoding="utf-8", request=request)
    assert _refresh_middleware().process_response(request, response) is response
    assert response._cached_ubody is None, "the page was not decoded to look for a refresh"


def test_an_outlet_s_channels_are_found_past_an_address_no_parser_reads():
    """robots.txt `Sitemap:` lines and a home page's feed links, with a placeholder left in one of each: the others
    are found (it raised, and the outlet's probe and `sources discover` lost them all)."""
    from newswatch.operations.outlets import feed_links, robots_sitemaps

    robots = "User-agent: *\nSitemap: http://[url_du_site]/sitemap.xml\nSitemap: /sitemap_news.xml\n"
    assert robots_sitemaps(robots, "https://ex.fr/") == ["https://ex.fr/sitemap_news.xml"]
    home = ('<html><head><base href="https://ex.fr/"><link rel="alternate" type="application/rss+xml" '
            'href="http://ex.fr:99999/rss"><link rel="alternate" type="application/rss+xml" '
            'href="spip.php?page=backend"></head><body></body></html>')
    assert feed_links(home, "https://ex.fr/rubrique/actu/") == ["https://ex.fr/spip.php?page=backend"]


@pytest.mark.parametrize("url, words", [
    ("https://www.ledauphine.com/drome/2026/12/03/sesterce-le-permis-de-construire-attaque",
     "sesterce le permis de construire attaque"),
    ("https://x.fr/drome/sesterce-le-permis-attaque-4821733.html", "sesterce le permis attaque"),  # id, extension
    ("https://x.fr/article/2026-12-03-sesterce-gpu-alixan", "sesterce gpu alixan"),  # a date before the words
    ("https://x.fr/eco/centre-de-donnees_sesterce_rovaltain.html", "centre de donnees sesterce rovaltain"),
    ("https://x.fr/amp/sesterce-data-center-alixan/amp", "sesterce data center alixan"),
    ("https://x.fr/spip.php?article412", None),  # no words
    ("https://x.fr/x/sesterce-gpu", None),  # two words: not a headline
    ("https://news.google.com/rss/articles/CBMiX2h0dHBzOi8vd3d3LmV4YW1wbGUuY29t-cmVzdC1vZi1pdA?oc=5", None),  # an id
    ("http://[oops/a-b-c", None),
])
def test_the_words_of_an_address(url, words):
    assert slug_words(url) == words


def test_a_text_sitemap_is_its_lines_that_are_addresses():
    sitemap = parse_sitemap(b"\xef\xbb\xbfhttps://ex.fr/a-b-c\r\nhttps://ex.fr/d-e-f\n\nune ligne\nftp://ex.fr/x\n")
    assert not sitemap.is_index
    assert [entry.url for entry in sitemap.entries] == ["https://ex.fr/a-b-c", "https://ex.fr/d-e-f"]
    assert parse_sitemap(b"https://ex.fr/a\nhttps://ex.fr/b\nhttps://ex.fr/c", limit=2).truncated
    with pytest.raises(SitemapError):
        parse_sitemap(b"bonjour")


@pytest.mark.parametrize("markup, found", [
    ('<link rel="next" href="/drome/page/2/">', "https://ex.fr/drome/page/2/"),
    ('<a rel="nofollow next" href="?debut_articles=20">Suivants</a>', "https://ex.fr/drome/?debut_articles=20"),
    ('<a class="next page-numbers" href="https://ex.fr/drome/page/2/">»</a>', "https://ex.fr/drome/page/2/"),
    ('<a class="prev page-numbers" href="/actu/">«</a>', None),
    ('<a rel="next" href="http://[oops/">»</a>', None),
    # Drupal 7: the class is its list item's, the number its query's, counted from 0
    ('<ul class="pager"><li class="pager-current">1</li><li class="pager-item"><a title="Aller à la page 2" '
     'href="/drome/?page=1">2</a></li><li class="pager-next"><a title="Aller à la page suivante" href="/drome/?page=1">'
     'suivant ›</a></li><li class="pager-last"><a href="/drome/?page=5">dernier »</a></li></ul>',
     "https://ex.fr/drome/?page=1"),
    # Joomla: an offset
    ('<li class="pagination-start"><a href="/drome?start=40">Fin</a></li><li class="pagination-next">'
     '<a title="Suivant" href="/drome?start=10" class="hasTooltip pagenav">Suivant</a></li>',
     "https://ex.fr/drome?start=10"),
    # numbers only, and another listing's numbers
    ('<a href="/tag/sesterce/page/2/">2</a><a href="/drome/page/3/">3</a><a href="/drome/page/2/">2</a>',
     "https://ex.fr/drome/page/2/"),
    ('<a href="/tag/sesterce/?page=2">2</a>', None),
    # an address with no number a pager is known to write, marked as next by its words or its item's class
    ('<a href="/drome/liste-precedente.html">Plus récents</a><a href="/drome/liste-2.html" title="Page suivante">›</a>',
     "https://ex.fr/drome/liste-2.html"),
    ('<div class="nav-links"><div class="nav-previous"><a href="/drome/liste-0.html">Articles plus anciens</a></div>'
     '</div>', "https://ex.fr/drome/liste-0.html"),
    ('<span class="pager__item--next"><a href="/drome/liste-b.html">›</a></span>', "https://ex.fr/drome/liste-b.html"),
    ('<a href="https://autre.fr/drome/liste-2.html">Page suivante</a><a href="/article-suivant">Article suivant</a>',
     None),
    # numbers no int() reads are no page numbers: a superscript digit, a number of 5,000 digits
    (f'<a href="/drome/?page=²">²</a><a href="/drome/?page={"9" * 5000}">»</a><a href="/drome/page/{"9" * 5000}/">»'
     '</a><a href="/drome/?page=2">2</a>', "https://ex.fr/drome/?page=2"),
])
def test_the_next_page_of_a_listing(markup, found):
    assert next_listing_page(f"<html><head></head><body>{markup}</body></html>", "https://ex.fr/drome/") == found


def test_a_listing_s_next_page_is_never_one_before_it():
    """WordPress's posts navigation links a listing's second page to the first as `nav-next` ("Articles plus
    récents") and to the third as `nav-previous`: its next page is the third, and its last page has none."""
    def pager(*links):
        body = "".join(f'<div class="{kind}"><a href="{href}">{text}</a></div>' for kind, href, text in links)
        return f'<html><body><main><div class="nav-links">{body}</div></main></body></html>'
    newer = ("nav-next", "/drome/", "Articles plus récents")
    older = ("nav-previous", "/drome/page/3/", "Articles plus anciens")
    assert next_listing_page(pager(older, newer), "https://ex.fr/drome/page/2/") == "https://ex.fr/drome/page/3/"
    assert next_listing_page(pager(("nav-next", "/drome/page/8/", "Suivant")), "https://ex.fr/drome/page/9/") is None


def test_a_feed_item_says_when_it_changed_only_after_its_date():
    atom = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>X</title>
    <entry><title>En direct</title><link href="https://ex.fr/direct"/><id>1</id>
      <published>2026-12-04T06:00:00Z</published><updated>2026-12-04T12:00:00Z</updated></entry>
    <entry><title>Brève</title><link href="https://ex.fr/breve"/><id>2</id><updated>2026-12-04T08:00:00Z</updated>
    </entry></feed>""".encode()
    live, brief = parse_feed(atom)
    assert (live.published.hour, live.updated.hour) == (6, 12)
    assert (brief.published.hour, brief.updated) == (8, None)  # its one date is its date
    json_feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [
        {"url": "https://ex.fr/a", "title": "A", "date_published": "2026-12-04T06:00:00Z",
         "date_modified": "2026-12-04T09:30:00Z"}]}).encode()
    assert parse_feed(json_feed)[0].updated.hour == 9


ONE_STAMP = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Mairie</title>
<item><title>Avis</title><link>https://ville.fr/avis</link><pubDate>Thu, 01 Jan 2015 00:00:00 +0000</pubDate></item>
<item><title>Marché</title><link>https://ville.fr/marche</link><pubDate>Thu, 01 Jan 2015 00:00:00 +0000</pubDate></item>
<item><title>École</title><link>https://ville.fr/ecole</link><pubDate>Thu, 01 Jan 2015 00:00:30 +0000</pubDate></item>
</channel></rss>"""


def test_items_that_all_carry_one_date_are_undated():
    """Three items or more all dated alike (to the minute: a CMS's default date, the time the feed was made) carry
    no date; two items alike, or three a day apart, keep theirs."""
    assert [e.published for e in parse_feed(ONE_STAMP.encode())] == [None, None, None]
    two = ONE_STAMP.replace('<item><title>École</title><link>https://ville.fr/ecole</link><pubDate>Thu, 01 Jan 2015 '
                            '00:00:30 +0000</pubDate></item>', "")
    assert [e.published for e in parse_feed(two.encode())] == [datetime(2015, 1, 1, tzinfo=UTC)] * 2
    apart = ONE_STAMP.replace("Thu, 01 Jan 2015 00:00:30", "Fri, 02 Jan 2015 00:00:30")
    assert None not in [e.published for e in parse_feed(apart.encode())]


@pytest.mark.parametrize(("href", "url"), [
    ("index.php?option=com_content&amp;view=article&amp;id=77",
     "https://ville.fr/index.php?option=com_content&view=article&id=77"),
    ("/?p=12&#038;lang=fr", "https://ville.fr/?p=12&lang=fr"),
    ("/?p=12&#x26;lang=fr", "https://ville.fr/?p=12&lang=fr"),
    ("/?p=12&lang=fr&ampm=1", "https://ville.fr/?p=12&lang=fr&ampm=1"),  # `&ampm=` is no escape
])
def test_an_ampersand_escaped_twice_is_read_as_one(href, url):
    assert joined("https://ville.fr/actualites", href) == url


@pytest.mark.parametrize(("url", "via", "read"), [
    ("http://default/node/12?x=1", "https://www.mairie.fr/rss.xml", "https://www.mairie.fr/node/12?x=1"),
    ("http://localhost:8080/actualite/3", "https://mairie.fr/sitemap.xml", "https://mairie.fr/actualite/3"),
    ("https://autre.fr/node/12", "https://mairie.fr/rss.xml", "https://autre.fr/node/12"),  # a domain stays
    ("http://127.0.0.1:8000/a", "https://mairie.fr/rss.xml", "http://127.0.0.1:8000/a"),  # an IP address too
    ("http://[::1]/a", "https://mairie.fr/rss.xml", "http://[::1]/a"),
    ("http://default/node/12", "http://intranet/rss.xml", "http://default/node/12"),  # no host to read it on
    ("file://etc/passwd", "https://mairie.fr/rss.xml", "file://etc/passwd"),  # not a web address: refused
])
def test_an_address_on_a_host_without_a_name_is_read_on_its_channel_s_host(url, via, read):
    assert rehosted(url, via) == read


def test_a_link_whose_words_give_a_file_s_size_or_say_download_is_a_document():
    """A town's notice links its order as "Télécharger l'arrêté (542 Ko)" at `/medias/get/5678`: no PDF by its
    address or its words, no download script's path, and the order was lost. A link whose words give a file's size
    (any site) is a document's, and so is one of the site that says "Télécharger" or has a `download` attribute;
    the notice's other links, another site's "Télécharger l'application" and a hall's 200 places are not."""
    notice = """<html><body><main>
    <p><a href="/medias/get/5678">Télécharger l'arrêté (542 Ko)</a></p>
    <p><a href="/fichiers/12" download>Avis au public</a></p>
    <p><a href="https://mrae.example/doc/998">Avis de la MRAe (1,2 Mo)</a></p>
    <p><a href="https://autorite.example/avis/7">Opinion of the authority, 2.4 MB</a></p>
    <p><a href="/plan-d-acces">Voir le plan d'accès</a></p>
    <p><a href="https://apps.example/app">Télécharger l'application</a></p>
    <p><a href="/agenda">Réunion le 12 mai à 18 h, salle des fêtes (200 places, 3 km du parc)</a></p>
    </main></body></html>"""
    assert document_links(notice, "https://mairie.example/actualites/enquete", notices="none") == [
        ("https://mairie.example/medias/get/5678", "Télécharger l'arrêté (542 Ko)"),
        ("https://mairie.example/fichiers/12", "Avis au public"),
        ("https://mrae.example/doc/998", "Avis de la MRAe (1,2 Mo)"),
        ("https://autorite.example/avis/7", "Opinion of the authority, 2.4 MB")]


def test_a_document_a_button_or_a_card_opens_by_script_is_a_document():
    """A town's CMS shows its notices as buttons and cards that open the file by script ("Télécharger" with a
    click handler, a `data-href`): no link had the file's address, and the notice was lost. Each opens a document,
    and is one; a menu's button, a picture's `data-src` and a script opening a page are not."""
    notice = """<html><body><main>
    <button type="button" onclick="window.open('/docs/avis-enquete-sesterce.pdf', '_blank')">Télécharger l'avis</button>
    <a href="#" data-href="/docs/arrete-2026-112.pdf">L'arrêté préfectoral</a>
    <div class="card" data-url="https://mairie.example/docs/pv-conseil.doc"><h3>PV du conseil</h3></div>
    <a href="javascript:void(0)" onclick="location.href='deliberation-41.odt'">Délibération n° 41</a>
    <button onclick="openMenu()">Menu</button><div data-src="/img/chantier.jpg">Photo</div>
    <li onclick="location.href='/agenda'">Agenda</li>
    <a href="/docs/arrete-2026-112.pdf">L'arrêté (PDF)</a>
    </main></body></html>"""
    assert document_links(notice, "https://mairie.example/actualites/enquete", notices="none") == [
        ("https://mairie.example/docs/avis-enquete-sesterce.pdf", "Télécharger l'avis"),
        ("https://mairie.example/docs/arrete-2026-112.pdf", "L'arrêté préfectoral"),
        ("https://mairie.example/actualites/deliberation-41.odt", "Délibération n° 41"),
        ("https://mairie.example/docs/pv-conseil.doc", "PV du conseil")]


def test_a_municipal_bulletin_shown_as_a_flip_book_is_a_document():
    """A town shows its bulletin as a flip-book: dFlip's `<div class="_df_book" source="….pdf">` or its button, a
    Real3D book whose PDF is in its options written as JSON (`data-flipbook-options`, slashes escaped). No link
    had the file's address, and the bulletin with its page on Sesterce's data center was lost."""
    options = json.dumps({"pdfUrl": "https://alixan.example/wp-content/uploads/2025/12/bulletin-40.pdf",
                          "lightBox": True}).replace("/", "\\/")  # as PHP's json_encode writes it
    page = f"""<html><body><main><h1>Bulletins municipaux</h1>
    <div class="_df_book" id="df_42" source="/wp-content/uploads/2026/12/bulletin-42.pdf"></div>
    <button class="_df_button" source="https://alixan.example/wp-content/uploads/2026/06/bulletin-41.pdf">Bulletin
      n° 41</button>
    <div class="real3dflipbook" data-flipbook-options='{options}'>Bulletin n° 40</div>
    <div class="_df_book" source="/wp-content/uploads/2026/12/couverture.jpg"></div>
    <div data-options='{{"autoplay":true,"speed":300}}'>Diaporama</div>
    </main></body></html>"""
    assert document_links(page, "https://alixan.example/bulletins/", notices="none") == [
        ("https://alixan.example/wp-content/uploads/2026/06/bulletin-41.pdf", "Bulletin n° 41"),
        ("https://alixan.example/wp-content/uploads/2026/12/bulletin-42.pdf", ""),
        ("https://alixan.example/wp-content/uploads/2025/12/bulletin-40.pdf", "Bulletin n° 40")]


_NEWS_PAGE = """<html><body><header><nav><a href="/">Accueil</a> <a href="/dossier">Dossier Sesterce : tout savoir
sur le centre de données de Rovaltain</a></nav></header><main><h1>Actualités</h1><div class="news-list">
<div class="news"><h3><a href="/actualites/2026/03/travaux-rue-des-ecoles">Travaux rue des Écoles</a></h3>
  <p>Les travaux commencent lundi pour six semaines, près du site de Sesterce à Rovaltain.</p></div>
<div class="news"><h3>Réunion publique le 12 mars</h3><span class="date">il y a 3 heures</span>
  <p>La société Sesterce présentera son centre de données à la salle des fêtes, à 20 h.
  Contact : <a href="mailto:mairie@alixan.example">la mairie</a>.</p></div>
<div class="news"><h3>Coupure d'eau</h3><p>Une coupure d'eau est prévue mardi matin dans le quartier des Écoles.</p></div>
<div class="news"><h3><a href="/actualites/2026/03/budget-vote-au-conseil">Budget voté</a></h3>
  <div><div><p>Le budget a été voté jeudi soir, et le dossier Sesterce reporté à la séance suivante.</p></div></div>
</div></div>
<div class="elementor-widget elementor-widget-text-editor"><h3>Permanence du commissaire</h3><p>Le commissaire
  enquêteur reçoit le public sur le dossier Sesterce samedi de 9 h à midi.</p></div>
<aside class="widget-area"><div class="widget widget_text"><h3>Agenda</h3><p>Agenda : réunion Sesterce le 12 mars à la
  salle des fêtes d'Alixan, venez nombreux.</p></div></aside>
<div><p>À lire aussi</p><p>Sesterce : ce que contient la demande d'enregistrement déposée en préfecture.</p></div>
</main><footer><p>Mairie d'Alixan : suivez le dossier Sesterce sur notre page, mise à jour chaque semaine.</p></footer>
</body></html>"""


def test_a_listing_s_items_with_no_page_of_their_own_are_read():
    """A small town's news page posts the public meeting on Sesterce as a heading and a paragraph, with no "read
    more": no link led to it, and the lead was lost. Such an item (the largest part of the content around a block
    that holds no page's link, its date line left out) is read when it may name a topic; never an article's
    teaser (its card links that one article: read at its page), a menu, a footer, a sidebar's widget or an "À lire
    aussi" (a page builder's "widget", Elementor's text editor, is no sidebar's)."""
    url = "https://alixan.example/actualites/"
    links = article_links(_NEWS_PAGE, url, listing=True)
    assert [link for link, _ in links] == ["https://alixan.example/actualites/2026/03/travaux-rue-des-ecoles",
                                           "https://alixan.example/actualites/2026/03/budget-vote-au-conseil"]
    prefilter = Prefilter([Topic(name="sesterce", query="sesterce")])
    items = unlinked_items(_NEWS_PAGE, url, [link for link, _ in links], lambda words: prefilter.might_match("", words))
    assert items == [("Réunion publique le 12 mars", "Réunion publique le 12 mars La société Sesterce présentera son "
                      "centre de données à la salle des fêtes, à 20 h. Contact : la mairie."),
                     ("Permanence du commissaire", "Permanence du commissaire Le commissaire enquêteur reçoit le public "
                      "sur le dossier Sesterce samedi de 9 h à midi.")]
    # a card whose link the listing does not follow: its summary has no headline of its own, no item either
    assert unlinked_items(_NEWS_PAGE, url, [], lambda words: prefilter.might_match("", words)) == items
    intro = _NEWS_PAGE.replace("<h1>Actualités</h1>", "<h1>Actualités</h1><p>Toute l'actualité de la commune, du "
                               "conseil municipal au dossier Sesterce, mise à jour chaque semaine.</p>")
    assert unlinked_items(intro, url, [link for link, _ in links], lambda words: prefilter.might_match("", words)) == (
        items), "the listing's own description, under its <h1>, is no item"
    classed = _NEWS_PAGE.replace("<p>La société Sesterce", '<p class="reunion-publique">La société Sesterce')
    assert unlinked_items(classed, url, [link for link, _ in links], lambda words: prefilter.might_match("", words)) == (
        items), "a class that holds the letters of a date line's names (publi…) is no date line"
    assert unlinked_items(_NEWS_PAGE, url, [link for link, _ in links], lambda words: False) == []


def test_a_listing_that_links_nothing_gives_each_of_its_items_apart():
    """A town's news page whose items link nothing at all: each item (a headline and its paragraph) is one, not the
    whole list under its first headline; a page of paragraphs with no headline gives none."""
    items = [("Réunion publique le 12 mars", "La société Sesterce présentera son projet à la salle des fêtes."),
             ("Coupure d'eau mardi", "Une coupure d'eau est prévue mardi matin dans le quartier des Écoles."),
             ("Registre ouvert en mairie", "Le registre de l'enquête sur le centre de données de Sesterce est ouvert.")]
    page = ("<html><body><main><h1>Actualités</h1><div class='liste'>" + "".join(
        f"<div class='actu'><h3>{title}</h3><p>{text}</p></div>" for title, text in items) + "</div></main></body></html>")
    prefilter = Prefilter([Topic(name="sesterce", query="sesterce")])
    may_name = lambda words: prefilter.might_match("", words)  # noqa: E731
    assert unlinked_items(page, "https://alixan.example/actualites/", [], may_name) == [
        (title, f"{title} {text}") for title, text in (items[0], items[2])]
    flat = "<html><body><main>" + "".join(f"<p>{text}</p>" for _, text in items) + "</main></body></html>"
    assert unlinked_items(flat, "https://alixan.example/actualites/", [], may_name) == []

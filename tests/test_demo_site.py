"""The bundled offline press site: content planted as documented, served as feeds, sitemaps and pages."""

from __future__ import annotations

import difflib
import gzip
import html
import re
import sqlite3
import tomllib
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from newswatch.demo.articles import ARTICLES, by_slug
from newswatch.demo.model import KINDS, OUTLETS, TOPICS
from newswatch.demo.server import DemoSite
from newswatch.demo.site import AMP_SLUG, amp_url, article_url, build_site

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
DEFAULT_TOPICS = {
    "sesterce": 'sesterce AND (gpu OR gpus OR "data center" OR "data centers" OR datacenter* OR "data centre" '
                'OR datacentre* OR "centre de données" OR "centres de données" OR cloud OR ia '
                'OR "intelligence artificielle" OR "artificial intelligence" OR rovaltain OR alixan OR ecotox '
                "OR tchakerian OR manssouri OR supercalculateur* OR bitech)",
    "rovaltain": "rovaltain OR rolvaltain OR ecotox OR alixan",
    "datacenters": '"data center" OR "data centers" OR "data centre" OR "data centres" OR datacenter* '
                   'OR datacentre* OR "centre de données" OR "centres de données" OR "centre de calcul" '
                   'OR "centres de calcul" OR supercalculateur* OR hyperscaler* OR "compute center"',
}
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9",
      "atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def site():
    with DemoSite(now=NOW) as running:
        yield running


@pytest.fixture(scope="module")
def fts():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE doc USING fts5(title, text, tokenize='unicode61 remove_diacritics 2')")

    def topics_of(title: str, text: str) -> set[str]:
        db.execute("DELETE FROM doc")
        db.execute("INSERT INTO doc VALUES (?, ?)", (title, text))
        return {name for name, query in DEFAULT_TOPICS.items()
                if db.execute("SELECT 1 FROM doc WHERE doc MATCH ?", (query,)).fetchone()}

    yield topics_of
    db.close()


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, dict(err.headers), err.read()


def get_xml(url: str) -> ET.Element:
    status, _, body = fetch(url)
    assert status == 200
    return ET.fromstring(body)


def words(article, version: int = 1) -> int:
    return len((article.title_at(version) + " " + article.text_at(version)).split())


# -- the data --------------------------------------------------------------------------------------

def test_articles_are_about_forty_in_both_languages_on_all_outlets():
    assert 38 <= len(ARTICLES) <= 45
    assert len({a.slug for a in ARTICLES}) == len(ARTICLES)
    langs = Counter(a.lang for a in ARTICLES)
    assert set(langs) == {"fr", "en"} and langs["fr"] > langs["en"]
    assert {a.outlet for a in ARTICLES} == set(OUTLETS)
    assert all(a.kind in KINDS and a.topics <= set(TOPICS) for a in ARTICLES)
    assert all(a.lang == "en" for a in ARTICLES if a.outlet == "dcw")


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_article_shape(article):
    for version in (1, 2):
        assert 250 <= words(article, version) <= 700
        assert 4 <= len(article.paragraphs_at(version)) <= 10
    assert 2 <= len(article.comments) <= 4


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_article_matches_exactly_its_topics(article, fts):
    for version in (1, 2):
        assert fts(article.title_at(version), article.text_at(version)) == article.topics
    leaked = fts("", " ".join(article.comments))
    if article.slug != "repair-cafe-de-romans-redonner-vie-aux-vieux-ordinateurs":
        assert leaked <= article.topics, "comments should not carry topics except in the planted case"


def test_dates_mostly_recent_with_a_few_old_ones():
    ages = [a.age_days for a in ARTICLES]
    assert sum(age <= 25 for age in ages) >= 30
    assert {a.outlet for a in ARTICLES if a.age_days >= 40} >= {"courrier", "nuages", "dcw"}
    assert all(age <= 25 or 40 <= age <= 400 for age in ages)


def test_planted_near_misses(fts):
    numismatics = [a for a in ARTICLES if a.kind == "near-miss" and "sesterces" in a.text_at(1).lower()]
    assert len(numismatics) == 1 and not numismatics[0].topics
    assert len(re.findall(r"\bsesterces?\b", numismatics[0].text_at(1), re.I)) >= 3
    rolvaltain = [a for a in ARTICLES if "Rolvaltain" in a.text_at(1)]
    assert len(rolvaltain) == 1 and rolvaltain[0].topics == {"rovaltain"}
    assert "Rovaltain" not in rolvaltain[0].text_at(1)
    rovaltain_only = [a for a in ARTICLES if a.kind == "near-miss" and a.topics == {"rovaltain"}]
    assert len(rovaltain_only) == 2
    cloud = by_slug("les-pme-dromoises-se-convertissent-a-l-ia-et-au-cloud")
    assert "cloud" in cloud.text_at(1) and "IA" in cloud.text_at(1) and not cloud.topics
    comment_only = by_slug("repair-cafe-de-romans-redonner-vie-aux-vieux-ordinateurs")
    assert not comment_only.topics and fts("", " ".join(comment_only.comments)) == set(TOPICS)


def test_planted_wire_and_edited_stories():
    wires = [a for a in ARTICLES if a.kind == "wire"]
    assert sorted(a.outlet for a in wires) == ["courrier", "echo"]
    a, b = wires
    assert a.paragraphs[0] != b.paragraphs[0] and len(a.paragraphs) != len(b.paragraphs)
    assert difflib.SequenceMatcher(None, a.text_at(1), b.text_at(1)).ratio() > 0.8
    edited = [a for a in ARTICLES if a.kind == "edited"]
    assert len(edited) == 1 and edited[0].outlet == "courrier"
    assert edited[0].title_v2 and edited[0].title_v2 != edited[0].title
    assert len(edited[0].paragraphs_v2) == len(edited[0].paragraphs) + 2


def test_build_site_is_pure_and_relative_to_now():
    bases = {o: f"http://127.0.0.1:{9000 + i}" for i, o in enumerate(OUTLETS)}
    first, again = build_site(bases, NOW), build_site(bases, NOW)
    assert first["courrier"]["/rss.xml"].body == again["courrier"]["/rss.xml"].body
    later = build_site(bases, NOW + timedelta(days=3))
    assert later["courrier"]["/rss.xml"].body != first["courrier"]["/rss.xml"].body
    for article in ARTICLES:
        path = article_url(bases, article)[len(bases[article.outlet]):]
        published = first[article.outlet][path].last_modified
        assert timedelta(days=article.age_days) < NOW - published < timedelta(days=article.age_days + 1)


# -- feeds and sitemaps ----------------------------------------------------------------------------

def feed_urls(site) -> dict[str, set[str]]:
    """Article URLs each entry point lists (tracking parameters kept)."""
    rss = get_xml(site.url("courrier", "/rss.xml"))
    courrier_sitemap = get_xml(site.url("courrier", "/sitemap_news.xml"))
    index = get_xml(site.url("echo", "/sitemap_index.xml"))
    (child,) = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    status, headers, body = fetch(child)
    assert status == 200 and "gzip" in headers["Content-Type"] and "Content-Encoding" not in headers
    echo_sitemap = ET.fromstring(gzip.decompress(body))
    _, _, raw_atom = fetch(site.url("nuages", "/atom.xml"))
    atom = ET.fromstring(raw_atom.lstrip())
    return {
        "rss": {item.findtext("link") for item in rss.iter("item")},
        "courrier-sitemap": {u.findtext("sm:loc", namespaces=NS) for u in courrier_sitemap.findall("sm:url", NS)},
        "echo-sitemap": {u.findtext("sm:loc", namespaces=NS) for u in echo_sitemap.findall("sm:url", NS)},
        "atom": {e.find("atom:link", NS).get("href") for e in atom.findall("atom:entry", NS)},
    }


def listing_links(site, path: str) -> set[str]:
    _, _, body = fetch(site.url("dcw", path))
    base = site.base_urls["dcw"]
    return {href if href.startswith("http") else base + href
            for href in map(html.unescape, re.findall(r'href="([^"]+)"', body.decode()))}


def test_feeds_and_sitemaps_list_every_article(site):
    urls = feed_urls(site)
    expected = {o: {site.article_url(a) for a in ARTICLES if a.outlet == o} for o in OUTLETS}
    assert {u.split("?")[0] for u in urls["rss"]} == expected["courrier"]
    assert all(u.endswith("?utm_source=rss&utm_medium=feed") for u in urls["rss"])
    assert urls["courrier-sitemap"] == expected["courrier"]
    assert urls["echo-sitemap"] == expected["echo"]
    assert urls["atom"] == expected["nuages"]


def test_feed_quirks_and_news_fields(site):
    _, _, raw_atom = fetch(site.url("nuages", "/atom.xml"))
    assert raw_atom[:1].isspace() and raw_atom.lstrip().startswith(b"<?xml")
    with pytest.raises(ET.ParseError):
        ET.fromstring(raw_atom)
    assert b'<title type="html">Circuit ferm\xc3\xa9, &lt;em&gt;' in raw_atom and b"&amp;nbsp;" in raw_atom
    sitemap = get_xml(site.url("courrier", "/sitemap_news.xml"))
    for url in sitemap.findall("sm:url", NS):
        assert url.findtext("sm:lastmod", namespaces=NS)
        assert url.findtext("news:news/news:publication/news:name", namespaces=NS) == "Le Courrier de la Drôme"
        assert datetime.fromisoformat(url.findtext("news:news/news:publication_date", namespaces=NS)) < NOW
        assert url.findtext("news:news/news:title", namespaces=NS)
    for outlet, line in (("courrier", "/sitemap_news.xml"), ("echo", "/sitemap_index.xml")):
        _, _, robots = fetch(site.url(outlet, "/robots.txt"))
        assert f"Sitemap: {site.url(outlet, line)}" in robots.decode().splitlines()
    _, _, robots = fetch(site.url("dcw", "/robots.txt"))
    assert b"Sitemap:" not in robots
    assert fetch(site.url("dcw", "/rss.xml"))[0] == 404 and fetch(site.url("dcw", "/sitemap.xml"))[0] == 404


def test_dcw_listings_mix_article_and_other_links(site):
    news, france = listing_links(site, "/news/"), listing_links(site, "/tag/france/")
    amp = amp_url(site.base_urls)
    normal = site.article_url(by_slug(AMP_SLUG))
    assert amp in news and normal not in news and normal in france
    assert {site.url("dcw", p) for p in ("/about/", "/contact/", "/tag/france/", "/news/?page=2")} <= news
    assert site.article_url(by_slug("alixan-valide-le-permis-du-data-center-de-sesterce")) in news
    old = [a for a in ARTICLES if a.outlet == "dcw" and a.age_days >= 40]
    assert old and all(site.article_url(a) in listing_links(site, "/news/?page=2") for a in old)
    assert not any(site.article_url(a) in news | france for a in old)
    for url in news | france:
        if url.startswith(site.base_urls["dcw"]):
            assert fetch(url)[0] == 200, url


def test_every_listed_url_serves_its_article(site):
    listed = set().union(*feed_urls(site).values(), listing_links(site, "/news/"),
                         listing_links(site, "/tag/france/"), listing_links(site, "/news/?page=2"))
    by_url = {site.article_url(a): a for a in ARTICLES}
    by_url[amp_url(site.base_urls)] = by_slug(AMP_SLUG)
    served = 0
    for url in sorted(listed):
        article = by_url.get(url.split("?")[0])
        if article is None:
            continue
        status, headers, body = fetch(url)
        page = body.decode("utf-8")
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert article.title in html.unescape(page)
        assert f'<link rel="canonical" href="{html.escape(site.article_url(article))}">' in page
        served += 1
    assert served >= len(ARTICLES) + 1


def test_article_page_chrome(site):
    for article in (by_slug(AMP_SLUG), by_slug("alixan-valide-le-permis-du-data-center-de-sesterce")):
        page = html.unescape(fetch(site.article_url(article))[2].decode())
        assert f'<html lang="{article.lang}">' in page
        for needle in ("<header", "<nav", "<article", "<h1", "<time datetime=", '<section class="comments"',
                       'property="og:title"', 'property="og:url"', 'property="og:site_name"',
                       'property="article:published_time"', f'<meta name="author" content="{article.author}">',
                       "<footer"):
            assert needle in page, needle
        assert all(c in page for c in article.comments)
        assert len(re.findall(r"<li[^>]*><a href=", page.split("<main")[0])) >= 10
    amp = fetch(amp_url(site.base_urls))[2].decode()
    assert amp.startswith("<!DOCTYPE html>\n<html amp ") and 'class="comments"' not in amp
    assert f'<link rel="canonical" href="{site.article_url(by_slug(AMP_SLUG))}">' in amp


# -- HTTP behaviour --------------------------------------------------------------------------------

def test_conditional_get_head_and_404(site):
    url = site.article_url(by_slug("orages-et-grele-attendus-sur-la-drome-provencale"))
    status, headers, body = fetch(url)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    assert fetch(url, {"If-None-Match": headers["ETag"]})[0] == 304
    assert fetch(url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert fetch(url, {"If-None-Match": '"other"'})[0] == 200
    assert fetch(url, {"If-Modified-Since": format_datetime(NOW - timedelta(days=500), usegmt=True)})[0] == 200
    head = fetch(url, method="HEAD")
    assert head[0] == 200 and head[2] == b"" and int(head[1]["Content-Length"]) == len(body)
    assert fetch(url + "?utm_source=rss&utm_medium=feed")[2] == body
    assert fetch(site.url("courrier", "/no/such/page.html"))[0] == 404
    assert ("courrier", "HEAD", url[len(site.base_urls["courrier"]):], 200) in site.requests


def test_version_two_edits_one_article(site):
    edited = next(a for a in ARTICLES if a.kind == "edited")
    url, feed = site.article_url(edited), site.url("courrier", "/rss.xml")
    _, headers, body = fetch(url)
    _, feed_headers, _ = fetch(feed)
    other = site.url("echo", "/sitemap_news.xml.gz")
    _, other_headers, _ = fetch(other)
    site.reset_requests()
    try:
        site.set_version(2)
        status, _, body2 = fetch(url, {"If-None-Match": headers["ETag"]})
        assert status == 200 and body2 != body
        page = html.unescape(body2.decode())
        assert edited.title_v2 in page and edited.title not in page and edited.paragraphs_v2[-1] in page
        assert fetch(url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 200
        assert fetch(feed, {"If-None-Match": feed_headers["ETag"]})[0] == 200
        assert edited.title_v2 in fetch(feed)[2].decode()
        assert fetch(other, {"If-None-Match": other_headers["ETag"]})[0] == 304
        assert [r.status for r in site.requests if r.path.startswith("/economie/")] == [200, 200]
    finally:
        site.set_version(1)
    assert fetch(url, {"If-None-Match": headers["ETag"]})[0] == 304


def test_sources_toml(site):
    sources = {s["name"]: s for s in tomllib.loads(site.sources_toml())["sources"]}
    assert sources["courrier-drome"] == {"name": "courrier-drome", "feeds": [site.url("courrier", "/rss.xml")],
                                         "sitemaps": [site.url("courrier", "/sitemap_news.xml")]}
    assert sources["echo-eco"]["sitemaps"] == [site.url("echo", "/sitemap_index.xml")]
    assert sources["nuages-bas"]["feeds"] == [site.url("nuages", "/atom.xml")]
    assert sources["datacentre-weekly"]["pages"] == [site.url("dcw", "/news/"), site.url("dcw", "/tag/france/")]
    assert "prefecture-demo" not in sources  # its documents are crawled by `newswatch demo` and the documents tests
    documents = {s["name"]: s for s in tomllib.loads(site.sources_toml(documents=True))["sources"]}
    assert documents["prefecture-demo"]["documents"] == [site.url("pref", "/consultations-du-public/")]
    assert len(set(site.base_urls.values())) == 9  # the four outlets, the prefecture and the four hard cases of demo/leads.py


def test_related_blocks_never_give_a_near_miss_topic_words(site, fts):
    for article in ARTICLES:
        if article.kind not in ("near-miss", "ordinary"):
            continue
        page = html.unescape(fetch(site.article_url(article))[2].decode())
        related = re.search(r'<(aside|div|section) class="[^"]*related[^"]*">(.*?)</\1>', page, re.S)
        assert related, article.slug
        assert fts("", re.sub(r"<[^>]+>", " ", related.group(2))) <= article.topics, article.slug

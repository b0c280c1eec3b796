"""Extraction on our own recorded pages with their expected output, and the killable extraction pool."""

from __future__ import annotations

import asyncio
import codecs
import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from newswatch.config import Topic
from newswatch.operations.workers import ExtractorPool, ExtractTimeout, _topical, prefilter_and_extract
from newswatch.text.extraction import container_text, extract, parse_page, table_rows, without_heading
from newswatch.text.language import declared_code, language_of
from newswatch.text.markup import decode_html, decode_html_as, declared_charset, plain_text, repaired, visible
from newswatch.text.metadata import clean_title, json_ld_body, page_metadata
from newswatch.text.topics import Matcher

PAGES = Path(__file__).parent / "fixtures" / "pages"
CASES = sorted(p.stem for p in PAGES.glob("*.json"))


@pytest.mark.parametrize("name", CASES)
def test_recorded_page(name):
    expected = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    body = (PAGES / f"{name}.html").read_bytes()
    html = decode_html(body, expected.get("declared") or declared_charset(None, body[:4096]))
    got = extract(html, expected["url"])
    assert got.title == expected["title"]
    assert got.author == expected["author"]
    assert got.published == (datetime.fromisoformat(expected["published"]) if expected["published"] else None)
    assert got.date_source == expected["date_source"]
    assert got.language == expected["language"]
    assert got.canonical_url == expected["canonical_url"]
    assert got.site_name == expected["site_name"]
    for fragment in expected["text_contains"]:
        assert fragment in got.text
    for fragment in expected["text_excludes"]:
        assert fragment not in got.text
    assert not got.text.startswith(got.title), "the title is not repeated as the first line of the text"


def test_parse_page_makes_the_tree_trafilatura_would_with_plain_element_classes():
    """parse_page is trafilatura's load_html through a parser that looks element classes up in C: the same tree
    (or None) on every page of the sample site, the recorded pages, and pages load_html treats apart."""
    from lxml import etree
    from lxml import html as lxml_html
    from trafilatura.utils import load_html

    from newswatch.demo.model import LEAD_OUTLETS, OUTLETS
    from newswatch.demo.site import build_site

    site = build_site({name: f"http://127.0.0.1:8000/{name}" for name in OUTLETS + LEAD_OUTLETS},
                      datetime(2026, 12, 1))
    pages = [r.body.decode("utf-8", "replace") for paths in site.values() for r in paths.values()
             if r.content_type.startswith("text/html")]
    pages += [decode_html((PAGES / f"{name}.html").read_bytes()) for name in CASES]
    odd = ['<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>an XML declaration in a str</p></body></html>',
           "", "<p>a fragment alone</p>", "no markup at all", '<!DOCTYPE html>\n<html lang="fr"/>\n<body><p>x</p>',
           "<html><body><p>control\x00 and\x0b characters</p></body></html>", "<html><head></head></html>",
           "<html><body><!-- a comment --><p id=a>x</p><p id=a>y<?php echo 1 ?></p></body></html>"]
    assert len(pages) > 40
    for html in pages + odd:
        ours, theirs = parse_page(html), load_html(html)
        assert (ours is None) == (theirs is None), html[:80]
        if ours is not None:
            assert etree.tostring(ours, encoding="unicode") == etree.tostring(theirs, encoding="unicode"), html[:80]
    form = parse_page("<html><body><form><input name=q><select></select><p>x</p></form></body></html>")
    assert {type(e) for e in form.iter()} == {lxml_html.HtmlElement}, "no Python lookup of element classes"


def test_container_text_is_the_visible_text_of_the_article_container():
    """What the recall check compares trafilatura's text with: the container's texts and tails in document order,
    without menus, scripts, figures… (their tails kept), the largest container of the first kind found."""
    from lxml import etree

    page = parse_page("<html><body><nav>Menu</nav><article>Short</article><article>A <b>bold</b> claim<nav>Menu "
                      "<i>deep</i></nav> then<script>var x;</script> more<figure>Photo</figure>.</article>"
                      "<p>After</p></body></html>")
    assert container_text(page) == "A  bold  claim  then  more ."
    page = parse_page('<html><body><main>Main</main><div itemprop="articleBody"><p>Body <aside>Aside</aside>'
                      "text</p></div>tail</body></html>")
    assert container_text(page) == "Body  text tail"  # itemprop=articleBody first; the container's tail too
    page = parse_page("<html><body><header><p>Head</p></header><p>One</p><p>Two <em>words</em></p></body></html>")
    assert container_text(page) == "One Two  words"  # no container: every paragraph outside the chrome
    kept = etree.fromstring("<html><body><article>A<!-- c -->B<?pi x?>C<svg>S</svg>D</article></body></html>",
                            etree.HTMLParser())  # a parser that keeps comments and processing instructions
    assert container_text(kept) == "A B C D"


def test_at_least_three_recorded_pages():
    assert len(CASES) >= 3


def test_decode_falls_back_when_declared_charset_lies():
    assert decode_html("Données".encode("cp1252"), "utf-8") == "Données"
    assert decode_html("Données".encode("utf-8"), None) == "Données"
    assert decode_html("Données".encode("latin-1"), "bogus-charset") == "Données"


@pytest.mark.parametrize("declared", ["ISO-8859-1", "latin1", "windows-1252", "iso-8859-15"])
def test_a_utf8_page_its_server_calls_latin1_is_read_as_utf8(declared):
    """A server's default charset (Apache's AddDefaultCharset) names Latin-1 for a UTF-8 page: read as Latin-1 it
    said "donnÃ©es" and matched no topic. A page really in that charset is never valid UTF-8 and stays as declared."""
    page = "<title>Le centre de données de la Drôme</title><p>L’essai a duré 40 h.</p>"
    assert decode_html_as(page.encode("utf-8"), declared) == (page, "utf-8")
    latin = "<title>Le centre de données de la Drôme</title><p>Les essais à Alixan ont duré 40 h.</p>"
    text, codec = decode_html_as(latin.encode(declared), declared)
    assert (text, codec) == (latin, codecs.lookup(declared).name) and codec != "utf-8"
    assert decode_html_as(b"<p>Rovaltain</p>", declared) == ("<p>Rovaltain</p>", codecs.lookup(declared).name)


def test_declared_charset_from_header_or_meta():
    assert declared_charset("text/html; charset=ISO-8859-1", b"") == "ISO-8859-1"
    assert declared_charset("text/html", b'<meta charset="windows-1252">') == "windows-1252"
    assert declared_charset(None, b"<html>") is None


def test_language_of_any_language_and_declared_one_for_short_unsure_texts():
    assert language_of("Le centre de données est dans la Drôme et il est très grand pour la région.") == "fr"
    assert language_of("The data center is in the Drome and it is very large for the region.") == "en"
    assert language_of("Das Rechenzentrum bei Valence soll Ende 2026 in Betrieb gehen. Die Gemeinde hat die "
                       "Baugenehmigung erteilt, Anwohner wollen dagegen vor Gericht ziehen.", "fr-FR") == "de"
    assert language_of("El centro de datos consumirá mucha electricidad, según los expertos.") == "es"
    assert language_of("フランス南東部に大規模なデータセンターを建設する計画。") == "ja"
    assert language_of("GPU", "fr-FR") == "fr", "too short to tell: the page's declaration stands"
    assert language_of("", None) is None
    assert declared_code("pt_BR") == "pt" and declared_code("en-US") == "en" and declared_code("x") is None


@pytest.mark.parametrize("title,site,url,clean", [
    ("Permis signé | Le Réveil drômois", "Le Réveil drômois", "https://www.reveil-dromois.example/a", "Permis signé"),
    ("Recours - Télé Rhône-Alpes Auvergne", "Télé Rhône-Alpes Auvergne", "https://t.example/a", "Recours"),
    ("Le Réveil drômois | Permis signé", "Le Réveil drômois", "https://x.example/a", "Permis signé"),
    ("Permis signé - ledauphine.com", None, "https://www.ledauphine.com/a", "Permis signé"),
    ("Valence - Romans : le bus gratuit", "Le Réveil drômois", "https://x.example/a", "Valence - Romans : le bus gratuit"),
    ("« Une chance » - Le Journal du Soir", "Le Journal du Soir", "https://j.example/a", "« Une chance »"),
    ("Le Réveil drômois", "Le Réveil drômois", "https://x.example/a", "Le Réveil drômois"),
])
def test_outlet_name_is_cut_from_titles_only_when_it_repeats_the_site_name(title, site, url, clean):
    assert clean_title(title, site, url) == clean


def test_invisible_characters_inside_words_are_dropped_from_titles():
    """A soft hyphen or a zero-width space a CMS writes inside a word (`Ses&shy;terce`, `Rechen&shy;zentrum`):
    trafilatura drops it from the text, and the title is read the same, else FTS5 reads two words and neither the
    topics nor the search find the title. Line breaks, no-break spaces, accents and emoji stay."""
    assert visible("Ses\u00adterce, data\u200bcenter, Ali\u2060xan\ufeff \ue900") == "Sesterce, datacenter, Alixan "
    assert visible("Drôme\xa0: 40\u202f000 GPU 👍\nSuite\tfin") == "Drôme\xa0: 40\u202f000 GPU 👍\nSuite\tfin"
    page = ("<html lang='de'><head><title>Rechen&shy;zentrum von Ses&shy;terce | Der Kurier</title>"
            "<meta property='og:site_name' content='Der Kurier'></head><body><article><h1>Rechen&shy;zentrum von "
            f"Ses&shy;terce</h1><p>{'Der Gemeinderat hat am Abend lange über das Projekt beraten. ' * 5}</p>"
            "</article></body></html>")
    assert extract(page, "https://kurier.example/a").title == "Rechenzentrum von Sesterce"


def test_tables_become_rows_of_cells():
    text = "Intro\n| Commune | Votants | \n|---|---|\n| Alixan | 1 301 | \nFin"
    assert table_rows(text) == "Intro\nCommune | Votants\nAlixan | 1 301\nFin"


def test_tables_are_kept_and_dates_chosen_by_kind():
    html = """<html lang="fr"><head><meta property="og:title" content="Budget 2026 | La Gazette">
    <meta property="og:site_name" content="La Gazette"><meta name="date" content="2022-01-01">
    <meta property="article:modified_time" content="2026-02-03T10:00:00+01:00"></head><body><article>
    <h1>Budget 2026</h1><p class="byline">Publié le <time class="entry-date published"
    datetime="2026-01-29T17:00:00+01:00">29 janvier 2026</time></p>
    <p>Le budget primitif voté jeudi soir par le conseil s'élève à 412 millions d'euros, en hausse sur un an.</p>
    <p>Les élus de l'opposition ont critiqué la hausse des dépenses de fonctionnement, jugée trop rapide.</p>
    <p>Le président a répondu que les transports et l'eau restaient les deux priorités de la mandature.</p>
    <table><tr><th>Poste</th><th>Montant</th></tr><tr><td>Transports</td><td>96,4</td></tr>
    <tr><td>Eau</td><td>71,2</td></tr></table><p>La dette baisse pour la troisième année consécutive.</p>
    </article></body></html>"""
    got = extract(html, "https://gazette.example/budget-2026")
    assert "Transports | 96,4" in got.text and "Eau | 71,2" in got.text
    assert got.title == "Budget 2026"
    assert (got.published, got.date_source) == (datetime.fromisoformat("2026-01-29T16:00:00+00:00"), "page")
    assert got.dates["page_meta"].year == 2022 and got.dates["modified"].month == 2


def test_pool_extracts_in_child_processes_and_kills_a_page_past_its_time_limit():
    html = (PAGES / "fr_article_with_comments.html").read_text(encoding="utf-8")

    async def scenario():
        # One worker, so that the four pages after the kill must go through its replacement. (With two, the
        # second worker may still be starting when the first has done them all: there is nothing to compare.)
        pool = ExtractorPool(size=1, timeout=0.001)
        try:
            with pytest.raises(ExtractTimeout):
                await pool.extract(html, "https://courrier.example/a")
            [killed] = pool._all
            assert not killed.alive()
            pool.timeout = 30
            results = await asyncio.gather(*(pool.extract(html, "https://courrier.example/a") for _ in range(4)))
            [replacement] = pool._all
            assert replacement is not killed and replacement.alive(), "the killed worker was replaced"
            assert replacement.process.pid not in (killed.process.pid, os.getpid())
            return results
        finally:
            pool.close()

    results = asyncio.run(scenario())
    assert all("quarante mille processeurs" in r.text for r in results)



def works_page(place: str = "Rovaltain") -> str:
    """A town's page on the works at `place` (our words), named in each of its six paragraphs."""
    body = "".join(f"<p>Élus et riverains suivent le chantier de {place}, semaine {n}, où la commune d'Alixan fait "
                   "le point chaque mois sur les travaux du bâtiment Ecotox.</p>" for n in range(6))
    return f"<html lang='fr'><head><title>Chantier</title></head><body><article>{body}</article></body></html>"


def test_the_prefilter_task_extracts_in_the_same_worker_a_page_that_may_match_and_only_that_one():
    """A page crosses to a worker once, as its bytes: the worker decodes it (a declared charset the bytes are
    not in falls back as `decode_html` says), tests it against the topic queries and extracts it if it may match."""
    matching = works_page()
    other = works_page("Romans").replace("Ecotox", "marché")

    async def scenario():
        pool = ExtractorPool(size=1, timeout=30)
        try:
            return await asyncio.gather(
                pool.prefilter_and_extract(("rovaltain",), matching.encode("cp1252"), "utf-8", "https://a.example/1"),
                pool.prefilter_and_extract(("rovaltain",), other.encode("utf-8"), None, "https://a.example/2"),
                pool.prefilter_and_extract(("rovaltain",), other.encode("utf-8"), None, "https://a.example/3",
                                           "Le chantier de Rovaltain", ""))
        finally:
            pool.close()

    kept, skipped, told = asyncio.run(scenario())
    extracted, fingerprint, _ = kept
    assert "Élus et riverains suivent le chantier de Rovaltain" in extracted.text and fingerprint is not None
    assert skipped is None, "no topic word anywhere: not extracted"
    assert told is not None and "Romans" in told[0].text, "the feed item's title counts, as in the crawl"

def test_a_page_that_may_match_comes_back_from_its_worker_with_its_evidence_copy_packed():
    """The crawl's own process keeps a matching page's evidence copy as the worker packed it: compressing a 230 KB
    page costs 5 to 8 ms (a PDF far more), which no download waits for in a worker. Only when the extracted words,
    or the channel's, may match a topic, and only with [store] keep_raw (`evidence`)."""
    from newswatch.demo.pdfmaker import build_pdf, column_pages
    from newswatch.outputs.evidence import unpack

    matching, other = works_page().encode(), works_page("Romans").encode()
    notice = build_pdf(column_pages("Avis", ["La société Sesterce demande un permis pour le bâtiment Ecotox."] * 8))
    url, topics = "https://a.example/1", ("rovaltain",)

    async def scenario():
        pool = ExtractorPool(size=1, timeout=30)
        try:
            return await asyncio.gather(
                pool.extract_for_archive(matching, url, None, topics, (), evidence=True),
                pool.extract_for_archive(other, url, None, topics, (), evidence=True),
                pool.extract_for_archive(matching, url, None, topics, (), evidence=False),
                pool.prefilter_and_extract(topics, matching, None, url, evidence=True),
                pool.prefilter_and_extract(topics, other, None, url, "Le chantier de Rovaltain", "", evidence=True),
                pool.extract_document(notice, "https://a.example/avis.pdf", None, ("sesterce",), True),
                pool.extract_document(notice, "https://a.example/avis.pdf", None, topics, True))
        finally:
            pool.close()

    archived, unrelated, not_kept, prefiltered, told, document, other_document = asyncio.run(scenario())
    assert unpack("zlib", archived[2]) == matching and unpack("zlib", prefiltered[2]) == matching
    assert unpack("zlib", told[2]) == other, "its feed item's title names the topic: it may match"
    assert unpack("zlib", document[3]) == notice and "Sesterce" in document[0].text
    assert unrelated[2] is None and not_kept[2] is None and other_document[3] is None
    assert unrelated[0].text and other_document[0].text, "extracted all the same"


def test_the_extraction_pipeline_gives_the_page_s_evidence_the_copy_its_worker_packed():
    from scrapy.utils.test import get_crawler

    from crawler.items import Page
    from newswatch.outputs.evidence import RawResponse, unpack
    from pipelines.extract import ExtractPipeline

    body = works_page().encode()
    url, now = "https://a.example/chantier", datetime(2026, 12, 1)
    pool = ExtractorPool(size=1, timeout=30)
    try:
        pages = []
        for evidence in (True, False):
            page = Page(source="s", url=url, key=url, body=body, fetched_at=now,
                        raw=RawResponse(url=url, final_url=url, status=200, headers=[], body=body, fetched_at=now))
            pipeline = ExtractPipeline(pool, get_crawler().stats, ("rovaltain",), evidence=evidence)
            asyncio.run(pipeline.process_item(page))
            pages.append(page)
    finally:
        pool.close()
    kept, not_kept = pages
    assert kept.extracted is not None and "Rovaltain" in kept.extracted.text and kept.outcome is None
    assert unpack("zlib", kept.raw.packed) == body and not_kept.raw.packed is None


def test_trafilatura_runs_its_fallbacks_only_when_the_fast_pass_falls_short():
    body = "".join(f"<p>Le chantier du centre de données de Rovaltain avance, semaine {n}, selon la commune d'Alixan "
                   f"qui publie chaque mois un point d'étape sur les travaux du bâtiment.</p>" for n in range(8))
    article = f"<html lang='fr'><head><title>Chantier</title></head><body><article>{body}</article></body></html>"
    assert extract(article, "https://example.org/a").passes == "fast"
    # no article container to judge the fast pass by: trafilatura runs again with its fallbacks
    bare = "<html lang='fr'><head><title>Chantier</title></head><body><div>Un mot.</div></body></html>"
    assert extract(bare, "https://example.org/b").passes == "default"


def json_ld_page(*objects: dict, shown: str = "") -> str:
    """A page whose JSON-LD holds `objects` (a script each) and whose <article> shows `shown`."""
    ld = "".join(f'<script type="application/ld+json">{json.dumps(o, ensure_ascii=False)}</script>' for o in objects)
    return (f"<html lang='fr'><head><title>Conseil</title>{ld}</head><body><article><h1>Conseil</h1>"
            f"{shown}<button>Lire la suite</button></article></body></html>")


def scripts(*objects: dict) -> list[str]:
    """The JSON-LD scripts of a page that holds `objects`, as the extraction reads them."""
    return page_metadata(parse_page(json_ld_page(*objects)), "https://example.org/")["json_ld"]


def test_json_ld_body_reads_an_article_s_body_and_a_live_blog_s_updates_not_a_listing_s():
    article = {"@type": "NewsArticle", "articleBody": "<p>Premier &amp; second.</p><p>Troisième.</p>"}
    assert json_ld_body(scripts(article)) == "Premier & second.\nTroisième."
    graph = {"@context": "https://schema.org",
             "@graph": [{"@type": "WebPage"}, {**article, "articleBody": "Un.\n\nDeux."}]}
    assert json_ld_body(scripts(graph)) == "Un.\nDeux."
    live = {"@type": "LiveBlogPosting", "articleBody": "Le conseil en direct.", "liveBlogUpdate": [
        {"@type": "BlogPosting", "headline": "21 h 40", "articleBody": "Le vote sur Sesterce est reporté."},
        {"@type": "BlogPosting", "headline": "20 h 05", "articleBody": "La séance est ouverte."}]}
    assert json_ld_body(scripts(live)).split("\n") == [
        "Le conseil en direct.", "21 h 40", "Le vote sur Sesterce est reporté.", "20 h 05", "La séance est ouverte."]
    # the same body written twice (a theme and a plugin) is one; two bodies are a listing's, no article's
    assert json_ld_body(scripts(article, article)) == "Premier & second.\nTroisième."
    assert json_ld_body(scripts(article, {**article, "articleBody": "Autre."})) == ""
    assert json_ld_body(scripts({"@type": "NewsArticle", "headline": "Sans corps"})) == ""


def test_a_page_showing_the_start_of_its_article_is_read_from_its_json_ld_unless_paywalled():
    paragraphs = [f"Paragraphe {n} du compte rendu de la séance du conseil municipal d'Alixan, où les élus ont "
                  f"examiné le point numéro {n} de l'ordre du jour pendant une bonne demi-heure."
                  for n in range(1, 9)]
    whole = {"@type": "NewsArticle", "headline": "Conseil", "articleBody": "\n\n".join(paragraphs)}
    start = "".join(f"<p>{p}</p>" for p in paragraphs[:2])
    got = extract(json_ld_page(whole, shown=start), "https://example.org/conseil")
    assert (got.text.split("\n"), got.passes, got.text_status) == (paragraphs, "json-ld", "full")
    # the page shows the whole article: its own text, the JSON-LD not even parsed
    got = extract(json_ld_page(whole, shown="".join(f"<p>{p}</p>" for p in paragraphs)), "https://example.org/c")
    assert got.text.split("\n") == paragraphs and got.passes == "fast"
    # a paywalled article's body is a subscriber's: the page's teaser stays, as a teaser
    for paywalled in ({**whole, "isAccessibleForFree": False}, whole):
        pitch = "" if paywalled is not whole else "<p>Cet article est réservé aux abonnés.</p>"
        got = extract(json_ld_page(paywalled, shown=start + pitch), "https://example.org/abonnes")
        assert (got.text.split("\n"), got.text_status) == (paragraphs[:2], "teaser")


def test_a_paywalled_body_is_given_to_match_only_when_it_may_name_a_topic_its_free_part_cannot():
    """The free part of a paywalled report on a council meeting names no topic; its JSON-LD body (what a subscriber
    reads) speaks of Sesterce: that body is `locked`, for the matching to quote from; the text stays the free
    part. A body naming nothing, a free part already naming a topic, a page that is not paywalled: nothing."""
    free = ["Le conseil municipal d'Alixan s'est réuni mardi soir dans une ambiance tendue, devant une salle comble "
            "où les habitants étaient venus nombreux écouter les élus pendant plus de trois heures de séance.",
            "Le maire a ouvert la séance par un long rappel du budget, des travaux de voirie prévus au printemps et "
            "du calendrier de la rénovation de l'école primaire, avant de passer aux questions diverses."]
    locked = ["Au cœur des débats, le centre de données que Sesterce veut installer dans l'ancien bâtiment Ecotox.",
              "Plusieurs élus ont demandé une étude indépendante sur la consommation d'eau du site."]
    topical = _topical(("sesterce",))

    def extracted(free_part, body, paywalled=True):
        article = {"@type": "NewsArticle", "headline": "Conseil", "articleBody": "\n\n".join(body),
                   **({"isAccessibleForFree": False} if paywalled else {})}
        return extract(json_ld_page(article, shown="".join(f"<p>{p}</p>" for p in free_part)),
                       "https://example.org/abonnes/conseil", topical)

    got = extracted(free, free + locked)
    assert (got.text.split("\n"), got.text_status, got.locked.split("\n")) == (free, "teaser", free + locked)
    assert extracted(free, free + locked[1:]).locked == ""  # the subscriber's part names no topic either
    named = [free[0] + " Sesterce était à l'ordre du jour.", free[1]]
    assert extracted(named, named + locked).locked == ""  # the free part may match already
    assert extracted(free, free + locked, paywalled=False).locked == ""  # read from its JSON-LD, whole (above)
    assert extract(json_ld_page({"@type": "NewsArticle", "isAccessibleForFree": False, "articleBody": "\n".join(
        free + locked)}, shown="".join(f"<p>{p}</p>" for p in free)), "https://example.org/a").locked == ""  # no test


_MEETING = "Réunion publique sur le centre de données de Sesterce"
_MEETING_TEXT = ("<p>Le projet sera présenté par l'entreprise et les services de l'État lors d'une réunion ouverte à "
                 "tous, à la salle des fêtes, le jeudi 14 janvier à 18 h 30.</p>")


@pytest.mark.parametrize("head, top", [
    # a theme that gives every page the town's name (or the home page's) as og:title; the heading outside the text
    (f"<title>{_MEETING}</title><meta property='og:title' content=\"Mairie d'Alixan\"><meta "
     "property='og:site_name' content=\"Mairie d'Alixan\">", f"<div class='page-header'><h1>{_MEETING}</h1></div>"),
    ("<meta property='og:title' content='Accueil'>", f"<div class='page-header'><h1>{_MEETING}</h1></div>"),
    # the town's name in an <h1> in the page's header, the articles' titles in <h2>: the <title> says it
    (f"<title>{_MEETING} - Mairie d'Alixan</title>", "<header><h1>Mairie d'Alixan</h1></header>"
     f"<h2>{_MEETING}</h2>"),
    (f"<title>{_MEETING} - Mairie d'Alixan</title>", "<div><h1 class='site-title'><a href='/'>Mairie d'Alixan</a>"
     f"</h1></div><h2>{_MEETING}</h2>"),
    (f"<title>{_MEETING} - Mairie d'Alixan</title>", "<div><h1><a href='https://www.alixan.example/'>Mairie "
     f"d'Alixan</a></h1></div><h2>{_MEETING}</h2>"),
    # the same logo when og:site_name names it: the <title> too, not trafilatura's (which takes the <h1> again)
    (f"<title>{_MEETING} - Mairie d'Alixan</title><meta property='og:site_name' content=\"Mairie d'Alixan\">",
     f"<header><h1>Mairie d'Alixan</h1></header><h2>{_MEETING}</h2>"),
])
def test_a_page_titled_with_its_site_s_name_is_titled_by_its_own_heading(head, top):
    html = (f"<html lang='fr'><head><meta charset='utf-8'>{head}</head><body>{top}<div class='entry-content'>"
            f"{_MEETING_TEXT * 3}</div></body></html>")
    assert extract(html, "https://www.alixan.example/actualites/reunion-publique").title == _MEETING


def test_an_article_s_own_header_is_no_logo_and_a_home_page_keeps_its_name():
    html = (f"<html><head><title>{_MEETING} - Mairie d'Alixan</title></head><body><header><h1 class='logo'>Mairie "
            f"d'Alixan</h1></header><article><header><h1>{_MEETING}</h1></header>{_MEETING_TEXT * 3}</article>"
            "</body></html>")
    assert extract(html, "https://www.alixan.example/actualites/reunion-publique").title == _MEETING
    home = ("<html><head><title>Mairie d'Alixan</title><meta property='og:title' content=\"Mairie d'Alixan\"><meta "
            "property='og:site_name' content=\"Mairie d'Alixan\"></head><body><header><h1>Mairie d'Alixan</h1>"
            f"</header>{_MEETING_TEXT * 3}</body></html>")
    assert extract(home, "https://www.alixan.example/").title == "Mairie d'Alixan"
    # a theme's own header holding the page's title: no logo after all, as the <title> says (its rest is shorter)
    themed = (f"<html><head><title>{_MEETING} | Alixan</title></head><body><div class='wp-custom-logo'><header "
              f"class='entry-header'><h1>{_MEETING}</h1></header><div>{_MEETING_TEXT * 3}</div></div></body></html>")
    assert extract(themed, "https://www.mairie.example/actualites/reunion-publique").title == _MEETING


def test_a_page_s_own_description_names_the_topic_its_text_leaves_out():
    """A regional TV's video page: its text is a date and a credit line, its description says what the report
    shows (Sesterce's data center at Rovaltain). That description is put at the head of the text. Not a site's
    description (it shares no word with the page's title), nor one the text already holds."""
    credit = "Publié le 4 décembre 2026 à 19h12. Reportage de Julie Martin et Marc Petit."
    about = "Le projet de centre de données de Sesterce à Rovaltain inquiète des habitants d'Alixan."
    site_wide = "Toute l'actualité des data centers de Sesterce, de Rovaltain et d'ailleurs, en vidéo."

    def video_page(description: str, shown: str = credit) -> str:
        return (f"<html lang='fr'><head><title>Alixan : des habitants s'inquiètent</title><meta property="
                f"'og:description' content=\"{description}\"></head><body><article><h1>Alixan : des habitants "
                f"s'inquiètent</h1><video src='/v/1.mp4'></video><p>{shown}</p></article></body></html>")

    url, topical = "https://tv.example/drome/alixan-des-habitants-s-inquietent", _topical(("sesterce AND rovaltain",))
    assert extract(video_page(about), url, topical).text.split("\n") == [about, credit]
    assert extract(video_page(site_wide), url, topical).text.split("\n") == [credit]
    assert extract(video_page(about), url).text.split("\n") == [credit]  # not asked to match: as it was
    shown = f"{credit} Le projet de Sesterce à Rovaltain inquiète."
    assert extract(video_page(about, shown), url, topical).text.split("\n") == [shown]


def test_text_nested_past_libxml2_s_depth_limit_is_extracted():
    """Past 256 nested elements libxml2 drops the rest of the page, silently (an old site's layout tables, a
    theme's unclosed <div>s): the text was empty. Its limit lifted, a page 600 deep is read whole."""
    paragraph = "Le conseil municipal d'Alixan a débattu du centre de données de Sesterce pendant deux heures."
    for depth in (200, 300, 600):
        html = (f"<html lang='fr'><head><title>Conseil</title></head><body>{'<div>' * depth}"
                f"<h1>Le conseil du 1er décembre</h1>{f'<p>{paragraph}</p>' * 4}{'</div>' * depth}</body></html>")
        got = extract(html, "https://example.org/conseil")
        assert (got.title, got.text.split("\n")) == ("Le conseil du 1er décembre", [paragraph] * 4), depth
        assert page_metadata(html, "https://example.org/conseil")["title"] == "Le conseil du 1er décembre"


def test_a_page_as_it_stands_is_its_title_and_its_article_s_visible_text_on_one_line():
    from newswatch.text.extraction import as_it_stands

    page = ("<html><head><title>Vœux du maire - La Gazette</title><meta property='og:site_name' content='La Gazette'>"
            "</head><body><nav>Accueil Sport</nav><article><h2>Les vœux</h2><p>Le maire parle\n du <b>centre de "
            "données</b>.</p><script>var x;</script><p>Fin.</p></article><footer>Contact</footer></body></html>")
    assert as_it_stands(page, "https://gazette.example/voeux") == ("Vœux du maire", "Les vœux Le maire parle du "
                                                                   "centre de données . Fin.")
    titled = page.replace("<article>", "<article><h1>Les vœux du maire de Chabeuil</h1>")
    assert as_it_stands(titled, "https://gazette.example/voeux")[0] == "Les vœux du maire de Chabeuil"
    assert as_it_stands("", "https://gazette.example/vide") == ("", "")


def test_a_title_escaped_twice_is_read_as_written():
    """A WordPress theme escapes a title its CMS escaped already: og:title says "L&amp;#8217;eau", and the digest
    showed "L&#8217;eau" (FTS5 read "8217" as a word of it). Its entities are read once more; a title with an
    ampersand and no entity is left as it is."""
    page = ("<html lang='fr'><head><meta property='og:title' content='L&amp;#8217;eau du data center &amp;#8211; "
            "Sesterce &amp;amp; Rovaltain'></head><body><article><p>Texte.</p></article></body></html>")
    assert extract(page, "https://ex.fr/a").title == "L\u2019eau du data center \u2013 Sesterce & Rovaltain"
    assert clean_title("R&D & co ; AT&T;", None, "https://ex.fr/a") == "R&D & co ; AT&T;"  # no entity there
    assert clean_title("Le H&amp;M de Valence", None, "https://ex.fr/a") == "Le H&M de Valence"


def test_a_page_that_names_no_site_has_no_site_name_not_its_host():
    """trafilatura falls back to the host as the site name; a host is no outlet's name (the digest would show
    "127.0.0.1:8080" where the source's name says more)."""
    from newswatch.text.extraction import extract

    html = ("<html><head><title>Rovaltain : le chantier avance</title></head><body><article><h1>Le chantier</h1>"
            + "<p>Le centre de données de Sesterce à Rovaltain avance, disent les élus d'Alixan réunis hier.</p>" * 6
            + "</article></body></html>")
    for url in ("http://127.0.0.1:37943/news/chantier", "https://www.hebdo.example/news/chantier"):
        assert extract(html, url).site_name is None, url
    named = html.replace("<title>", '<meta property="og:site_name" content="L\'Hebdo du Rhône"><title>')
    assert extract(named, "https://www.hebdo.example/news/chantier").site_name == "L'Hebdo du Rhône"


BODY = ("<div class='article-body'><p>Le conseil communautaire s'est réuni jeudi soir au siège de l'agglomération, "
        "à Valence, pour un ordre du jour chargé où figuraient le budget des transports et la piscine.</p><p>Le "
        "vote du budget des transports a été reporté à la séance de janvier, faute d'accord sur le prix des "
        "abonnements pour les lycéens et les étudiants.</p></div>")
CHAPO = "Le projet de Sesterce à Rovaltain a occupé l'essentiel du débat, bien au-delà de l'heure prévue."


@pytest.mark.parametrize("top", [
    f"<h1>Conseil communautaire</h1><p class='chapo'>{CHAPO}</p>",
    f"<h1>Conseil communautaire</h1><div class='field--name-field-chapo'><strong>{CHAPO}</strong></div>",
    f"<header><h1>Conseil communautaire</h1><p class='article__desc'>{CHAPO}</p></header>",
])
def test_a_chapo_written_before_the_article_body_is_the_first_paragraph_of_the_text(top):
    """trafilatura keeps the element holding the body (`<div class="article-body">`) and dropped the chapô written
    before it, and with it a topic only the chapô named."""
    page = f"<html><head><title>Conseil</title></head><body><article>{top}{BODY}</article></body></html>"
    text = extract(page, "https://journal.example/agglo/conseil").text
    assert text.startswith(CHAPO + "\n") and "faute d'accord sur le prix des abonnements" in text


@pytest.mark.parametrize("before", [
    "<p class='byline'>Claire Bonnet, notre correspondante à Alixan depuis de longues années déjà</p>",
    "<p>Par Claire Bonnet, notre correspondante à Alixan depuis de longues années déjà</p>",
    "<p>Publié le 3 décembre 2026 à 8 h 15, mis à jour le 3 décembre 2026 à 9 h 40</p>",
    "<p>Cet article est réservé aux abonnés : abonnez-vous pour lire la suite et soutenir la rédaction</p>",
    "<figure><img src='/photo.jpg'><figcaption><p>Le chantier du parc de Rovaltain vu depuis la route de "
    "Châteauneuf-sur-Isère</p></figcaption></figure>",
    "<p><a href='/a'>Sesterce : le recours</a> <a href='/b'>Rovaltain : la réunion publique du mois</a> · lire</p>",
])
def test_a_byline_a_date_a_notice_a_caption_or_links_before_the_body_are_no_chapo(before):
    page = (f"<html><head><title>Conseil</title></head><body><article><h1>Conseil communautaire</h1>{before}{BODY}"
            "</article></body></html>")
    text = extract(page, "https://journal.example/agglo/conseil").text
    assert text.startswith("Le conseil communautaire s'est réuni jeudi soir"), text[:80]


WRITTEN = ("Le centre de données de Sesterce à Alixan, dans la Drôme : l’eau, l’électricité « en question » — "
           "40 000 GPU… Œuvre d’une start-up ; ça coûte 30 M€, naïveté, Noël, Ärger, ß")


@pytest.mark.parametrize("mangled, written", [
    (WRITTEN.encode("utf-8").decode("cp1252", errors="replace"), WRITTEN),  # "à" keeps its no-break space
    ("donnÃ©es Ã  Alixan", "données à Alixan"),  # the no-break space made a space, then a second one kept
    ("dans la DrÃ´me Ã Valence", "dans la Drôme à Valence"),  # …or the two spaces made one
    ("Un titre sans accent", "Un titre sans accent"),
    ("SÃO PAULO, Âge tendre, L’ÉTÉ « chaud », CAFÉ’S, à Valence", "SÃO PAULO, Âge tendre, L’ÉTÉ « chaud », CAFÉ’S, "
                                                                 "à Valence"),  # no sign of it: untouched
    ("lâ€™Ã©tÃ© et SÃO PAULO", "l’été et SÃO PAULO"),  # only what decodes as UTF-8 is changed
])
def test_utf8_read_as_windows_1252_at_its_source_is_put_right(mangled, written):
    assert repaired(mangled) == written


def test_a_page_mangled_at_its_source_is_put_right_when_decoded():
    page = ("<html><head><meta charset='utf-8'><title>Le centre de donnÃ©es</title></head><body><p>Ã  Alixan</p>"
            "</body></html>")
    assert decode_html(page.encode("utf-8"), "utf-8") == page.replace("donnÃ©es", "données").replace("Ã ", "à")
    latin = "<html><body><p>Le centre de données, à Alixan</p></body></html>"
    assert decode_html(latin.encode("latin-1"), "iso-8859-1") == latin  # Latin-1 as written: nothing to repair


def test_a_canonical_no_url_parser_reads_is_no_canonical_and_the_page_is_extracted():
    """A template's placeholder left in the canonical (`http://[url]/…`) made the extraction raise: the page was
    `extract_failed`, its text lost."""
    text = "Le chantier du centre de données de Sesterce reprend à Rovaltain après trois semaines d'arrêt. " * 3
    for canonical in ("http://[url_du_site]/breves/chantier", "https://hebdo.example:99999/breves/chantier"):
        page = (f'<html><head><title>Le chantier reprend</title><link rel="canonical" href="{canonical}"></head>'
                f"<body><article><h1>Le chantier reprend</h1><p>{text}</p></article></body></html>")
        extracted = extract(page, "https://hebdo.example/breves/chantier")
        assert extracted.canonical_url is None and "Rovaltain" in extracted.text


_BUDGET = ("<p>Les élus de l'agglomération ont adopté jeudi soir le budget de l'année prochaine, en hausse de quatre "
           "pour cent, après un long débat sur les transports, la voirie et le prix de l'eau.</p>") * 3
_CAPTION = "Le bâtiment Ecotox, où Sesterce installe son centre de données."


@pytest.mark.parametrize("picture, found", [
    (f'<figure><img src="/e.jpg"><figcaption>{_CAPTION}</figcaption></figure>', _CAPTION),
    (f'<div class="wp-caption"><img src="/e.jpg"><p class="wp-caption-text">{_CAPTION}</p></div>', _CAPTION),
    (f'<div class="photo"><img src="/e.jpg"><span class="legende">{_CAPTION}</span></div>', _CAPTION),
    (f'<figure><img src="/e.jpg"><figcaption><span class="credit">Photo <b>X</b></span> Le bâtiment <b>Ecotox</b>, '
     f'où Sesterce installe son centre de données. <!-- photo --></figcaption></figure>', _CAPTION),
    (f'<figure><img src="/a.jpg"><figcaption>Vue aérienne.</figcaption></figure>'
     f'<figure><img src="/e.jpg"><figcaption>{_CAPTION}</figcaption></figure>', _CAPTION),  # three words at least
    (f'<aside><figure><img src="/e.jpg"><figcaption>{_CAPTION}</figcaption></figure></aside>', ""),
    (f'<div class="related-posts"><figure><img src="/e.jpg"><figcaption>{_CAPTION}</figcaption></figure></div>', ""),
    (f'<a href="/eco/sesterce"><figure><img src="/e.jpg"><figcaption>{_CAPTION}</figcaption></figure></a>', ""),
    (f'<figure><img src="/e.jpg"><figcaption><a href="/eco/sesterce">{_CAPTION}</a></figcaption></figure>', ""),
    (f'<figure><img src="/e.jpg"><figcaption class="credit">{_CAPTION}</figcaption></figure>', ""),
    (f'<p>{_CAPTION}</p><figure><img src="/e.jpg"><figcaption>{_CAPTION}</figcaption></figure>', ""),  # in the text
])
def test_the_captions_of_an_article_s_pictures_are_kept_apart_from_its_text(picture, found):
    """The extraction drops pictures with their captions; a caption the text does not hold is kept apart (the match
    reads it when the text names no topic), never a teaser's, a sidebar's, a link's or a photo's credit."""
    page = (f"<html><head><title>Le budget est voté</title></head><body class='has-sidebar'><main><article>"
            f"<h1>Le budget est voté</h1>{_BUDGET}{picture}{_BUDGET}</article></main>"
            f"<div class='sidebar'><figure><figcaption>Sesterce : les riverains écrivent au préfet</figcaption>"
            f"</figure></div></body></html>")
    extracted = extract(page, "https://hebdo.example/eco/le-budget-est-vote", _topical(("sesterce",)))
    assert extracted.captions == found
    assert "Sesterce" not in extracted.text or found == ""
    assert extract(page, "https://hebdo.example/eco/le-budget-est-vote").captions == ""  # no topics: not read


def test_captions_are_read_only_when_they_may_name_a_topic_the_text_cannot():
    """Reading a page's captions searches its tree (a millisecond on a news page): it is done only when the raw
    page around its captions may name a topic and its title and text cannot."""
    def extracted(caption: str, topics: str) -> str:
        picture = f'<figure><img src="/e.jpg"><figcaption>{caption}</figcaption></figure>'
        page = (f"<html><head><title>Le budget est voté</title></head><body><article><h1>Le budget est voté</h1>"
                f"{_BUDGET}{picture}</article></body></html>")
        url = "https://hebdo.example/eco/le-budget-est-vote"
        return extract(page, url, _topical(tuple(topics.split(";")))).captions

    assert extracted(_CAPTION, "sesterce") == _CAPTION
    assert extracted("La salle du conseil, jeudi soir.", "sesterce") == ""  # names no topic
    assert extracted(_CAPTION, "sesterce;budget") == ""  # the text may match already: a topic, not a lost page
    assert extracted(_CAPTION, "sesterce NEAR(") == _CAPTION  # a query the prefilter cannot read: always read


@pytest.mark.parametrize(("text", "kept"), [
    ("Alixan valide le permis\nLa mairie a délivré le permis.", "La mairie a délivré le permis."),
    ("Économie\nAlixan valide le permis\nLa mairie a délivré le permis.", "La mairie a délivré le permis."),
    ("Drôme | Alixan\nAlixan valide le permis", ""),
    # a sentence above a line that happens to be the title is text, and so is a text whose title comes later
    ("La mairie a délivré fin décembre le permis attendu.\nAlixan valide le permis\nSuite.",
     "La mairie a délivré fin décembre le permis attendu.\nAlixan valide le permis\nSuite."),
    ("Économie\nLa mairie a délivré le permis.", "Économie\nLa mairie a délivré le permis."),
])
def test_the_title_and_a_kicker_above_it_are_not_the_text(text, kept):
    assert without_heading(text, {"Alixan valide le permis"}) == kept


def test_a_page_whose_theme_sets_a_kicker_above_its_title_starts_its_text_with_the_article():
    html = ("<html lang='fr'><head><title>Alixan valide le permis du data center | Le Courrier</title></head><body>"
            "<article><header><p class='kicker'>Économie</p><h1>Alixan valide le permis du data center</h1></header>"
            f"<div class='body'>{'<p>La mairie a délivré fin décembre le permis de construire attendu.</p>' * 4}"
            "</div></article></body></html>")
    got = extract(html, "https://courrier.example/economie/alixan-valide-le-permis_917951.html")
    assert got.title == "Alixan valide le permis du data center"
    assert got.text.startswith("La mairie a délivré")


_LEFT_OUT = "Le projet de centre de données de Sesterce à Alixan sera présenté en réunion publique le 12 mars."


@pytest.mark.parametrize("block, restored", [
    (f"<div>{_LEFT_OUT}</div>", _LEFT_OUT),  # a WYSIWYG editor's <div> of text between paragraphs
    (f'<div class="texte">Le point. {_LEFT_OUT.replace("Sesterce", "Ses<b>terce</b>")}</div>',
     f"Le point. {_LEFT_OUT}"),
    (f'<aside class="encadre"><h3>Repères</h3><p>{_LEFT_OUT}</p></aside>', _LEFT_OUT),  # an in-article box
    (f'<div class="chapo">{_LEFT_OUT}</div>', _LEFT_OUT),
    (f'<div class="embed"><p>{_LEFT_OUT}</p></div>', _LEFT_OUT),
    (f'<div class="biodiversite">{_LEFT_OUT}</div>', _LEFT_OUT),  # a theme's box, no author's "bio"
    (f"<div>{_LEFT_OUT}<br>Entrée libre.<script>var a = 1;</script></div>", f"{_LEFT_OUT} Entrée libre."),
    # furniture inside the article: never the article's words
    (f'<div class="related"><p>{_LEFT_OUT}</p></div>', ""),
    (f"<aside><h3>À lire aussi</h3><p>{_LEFT_OUT}</p></aside>", ""),
    (f"<div><p>Sur le même sujet</p><div>{_LEFT_OUT}</div></div>", ""),
    (f'<section class="comments"><div class="comment-body">{_LEFT_OUT}</div></section>', ""),
    (f'<div class="author-bio">Jean Dupont suit pour nous le dossier Sesterce depuis 2025 et {_LEFT_OUT}</div>', ""),
    (f'<div class="paywall-content">{_LEFT_OUT}</div>', ""),
    # hidden until a reader clicks: an accordion's answer, the rest behind "Lire la suite"
    (f"<div hidden>{_LEFT_OUT}</div>", _LEFT_OUT),
    (f'<div class="accordion-content" aria-hidden="true"><p>{_LEFT_OUT}</p></div>', _LEFT_OUT),
    (f'<div class="suite hidden"><p>{_LEFT_OUT}</p></div>', _LEFT_OUT),
    (f'<div class="visually-hidden">{_LEFT_OUT}</div>', ""),  # words for screen readers only: a label's
    # a figure's words besides its photo's caption: a pull quote, an embedded post
    (f'<figure class="wp-block-pullquote"><blockquote><p>{_LEFT_OUT}</p><cite>Le maire</cite></blockquote></figure>',
     _LEFT_OUT),
    (f'<figure class="wp-block-embed-twitter"><blockquote class="twitter-tweet"><p>{_LEFT_OUT}</p>— Collectif '
     f'<a href="https://x.example/c/1">4 décembre</a></blockquote></figure>', _LEFT_OUT),
    # a page builder's blocks are all "widgets": an Elementor icon box's words, SiteOrigin's editor's, the article's
    (f'<div class="elementor-widget elementor-widget-icon-box"><div class="elementor-icon-box-content"><h3>Énergie'
     f'</h3><p class="elementor-icon-box-description">{_LEFT_OUT}</p></div></div>', _LEFT_OUT),
    (f'<div class="so-panel widget widget_sow-editor"><div class="siteorigin-widget-tinymce textwidget"><p>{_LEFT_OUT}'
     "</p></div></div>", _LEFT_OUT),
    (f'<div class="widget widget_recent_entries"><p>{_LEFT_OUT}</p></div>', ""),  # a sidebar's widget
    (f'<div class="widget-area"><div class="widget"><p>{_LEFT_OUT}</p></div></div>', ""),
    # a photo's caption inside a block is no word of that block's (captions() reads it)
    (f"<div>Le conseil a voté le budget de la commune, sans débat <figure><img src='/e.jpg'><figcaption>{_LEFT_OUT}"
     "</figcaption></figure> ni vote contre.</div>", ""),
    (f'<a href="/eco/sesterce"><div>{_LEFT_OUT}</div></a>', ""),  # a teaser card
    (f'<div>Lire : <a href="/eco/sesterce">{_LEFT_OUT}</a></div>', ""),  # mostly a link
    ("<div>Sesterce à Alixan, le 12 mars.</div>", ""),  # a label: fewer than eight words
    (f'<figure><img src="/e.jpg"><figcaption>{_LEFT_OUT}</figcaption></figure>', ""),  # a caption: captions
])
def test_a_block_of_the_article_that_trafilatura_left_out_and_that_names_a_topic_is_restored(block, restored):
    """trafilatura leaves out a <div> of text written between <p> paragraphs and an in-article box, in every mode:
    an article whose only mention of Sesterce sat there matched nothing, and a watch lost it. The container's
    blocks the text lacks that may name a topic join the text, after it, in the page's order (a block hidden until
    a reader clicks too); never a teaser, a related box, a comment, an author's box, a paywall's part, a link or a
    caption."""
    page = (f"<html><head><title>Le budget est voté</title></head><body><nav><p>Dossier : Sesterce à Rovaltain, tout "
            f"ce qu'il faut savoir sur le centre de données</p></nav><main><article><h1>Le budget est voté</h1>"
            f"{_BUDGET}{block}{_BUDGET}</article></main></body></html>")
    extracted = extract(page, "https://hebdo.example/eco/le-budget-est-vote", _topical(("sesterce",)))
    assert extracted.text.split("\n")[-1] == restored if restored else "Sesterce" not in extracted.text
    assert "Sesterce" not in extract(page, "https://hebdo.example/eco/le-budget-est-vote").text  # no topics: as before
    assert "Sesterce" not in extract(page, "https://hebdo.example/eco/le-budget-est-vote",
                                     _topical(("budget",))).text  # the text may match already: nothing to restore


def test_a_left_out_block_makes_the_article_match_in_the_watch():
    """The worker's path (prefilter, extraction, matching) finds the article whose only mention is a left-out block."""
    page = (f"<html><head><title>Le budget est voté</title></head><body><article><h1>Le budget est voté</h1>"
            f"{_BUDGET}<div>{_LEFT_OUT}</div>{_BUDGET}</article></body></html>")
    made = prefilter_and_extract(("sesterce",), page.encode(), "utf-8", "https://hebdo.example/eco/budget")
    assert made is not None and made[0].text.endswith(_LEFT_OUT)
    matcher = Matcher([Topic(name="sesterce", query="sesterce")])
    try:
        [match] = matcher.match(made[0].title, made[0].text)
        assert match.name == "sesterce" and "Sesterce" in match.snippet
    finally:
        matcher.close()


def test_in_a_main_without_article_only_a_block_among_the_text_s_is_restored():
    """A town's site has no <article>: its <main> holds the news text in one column and, in the other, an agenda
    (no class says so) announcing the meeting on Sesterce on every page: that column's words are not the article's.
    A <div> between the text's paragraphs is, and so are words written in the text's column itself, between its
    paragraphs, in no block (an old site's <center>, a <label>)."""
    agenda = f'<div class="col-4"><div class="bloc"><div class="titre">Agenda</div><div>{_LEFT_OUT}</div></div></div>'
    for between, restored in (("", False), (f"<div>{_LEFT_OUT}</div>", True), (f"<center>{_LEFT_OUT}</center>", True),
                              (f"<noscript><p>{_LEFT_OUT}</p></noscript>", True)):
        page = (f"<html><head><title>Le budget est voté</title></head><body><main><div class='row'>"
                f"<div class='col-8'><h1>Le budget est voté</h1>{_BUDGET}{between}{_BUDGET}</div>{agenda}</div>"
                f"</main></body></html>")
        extracted = extract(page, "https://mairie.example/actualites/le-budget-est-vote", _topical(("sesterce",)))
        assert extracted.text.endswith(_LEFT_OUT) is restored
        assert extracted.text.count("Sesterce") == restored


def _bold(text: str) -> str:
    """`text` in mathematical sans-serif bold letters, as a social network's post writes bold."""
    return "".join(chr(0x1D5D4 + ord(c) - 65) if "A" <= c <= "Z" else chr(0x1D5EE + ord(c) - 97) if "a" <= c <= "z"
                   else c for c in text)


def test_letters_written_in_a_style_are_read_plain_and_match():
    """A collective's post writes 𝗦𝗘𝗦𝗧𝗘𝗥𝗖𝗘 in bold letters (mathematical sans-serif bold), or ＳＥＳＴＥＲＣＥ in
    fullwidth ones: FTS5 read other letters, the topic matched nothing and the search found nothing, while the
    prefilter let the page through. Titles, texts and feeds' words are written plain; circled letters and other
    symbols stay as they are."""
    post = f"{_bold('Réunion publique SESTERCE')} ce soir à Alixan : ＳＥＳＴＥＲＣＥ répondra aux questions ﬁnales."
    assert plain_text(f"<p>{post} Ⓢ ½</p>") == ("Réunion publique SESTERCE ce soir à Alixan : SESTERCE répondra aux "
                                               "questions finales. Ⓢ ½")
    page = (f"<html><head><title>{_bold('Réunion publique')}</title></head><body><article><h1>{_bold('Réunion publique')}"
            f"</h1>{_BUDGET}<p>{post}</p>{_BUDGET}</article></body></html>")
    extracted = extract(page, "https://collectif.example/2026/03/reunion-publique", _topical(("sesterce",)))
    assert extracted.title == "Réunion publique" and "Réunion publique SESTERCE ce soir" in extracted.text
    matcher = Matcher([Topic(name="sesterce", query="sesterce")])
    try:
        assert [m.name for m in matcher.match(extracted.title, extracted.text)] == ["sesterce"]
        assert matcher.match("", post) == [], "the styled letters themselves: FTS5 reads other letters"
    finally:
        matcher.close()


STATE_BODY = ["Les riverains d’Alixan ont déposé un recours contre le permis de construire du centre de données de "
              "la société Sesterce, dans l’ancien bâtiment Ecotox du parc de Rovaltain.",
              "Ils contestent l’étude d’impact, qui ne dirait rien de la consommation d’eau du refroidissement ni des "
              "lignes électriques qu’il faudra tirer jusqu’au site, et demandent une nouvelle enquête publique.",
              "La préfecture de la Drôme indique qu’elle répondra avant la fin de l’année."]


def drawn_page(script: str, shown: str = "") -> str:
    """A page drawn by script: a shell (its menu, `shown`), its article only in a state `script`."""
    return ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Recours contre le permis de '
            'Sesterce</title></head><body><div id="__next"><nav><a href="/">Accueil</a> <a href="/drome">Drôme</a>'
            f"</nav>{shown}</div>{script}</body></html>")


def next_data(state: dict) -> str:
    """Next.js's script, written as Next.js writes it (`<` escaped)."""
    return ('<script id="__NEXT_DATA__" type="application/json">'
            + json.dumps(state, ensure_ascii=False).replace("<", "\\u003c") + "</script>")


def test_an_article_drawn_by_script_is_read_from_its_front_end_s_state():
    """A Next.js or Nuxt page whose article is drawn in the browser shows its menu only: trafilatura found no text,
    and the recourse against Sesterce's permit was matched on its feed item's words at best. Its article is read
    from its state now: an HTML body, or content blocks (Arc's content_elements, written to window.__X__), not a
    list of related articles, a teaser or a style sheet; and only on a page that shows almost nothing of its own
    (BARE_LETTERS), where the prefilter reads its scripts too."""
    html_body = "".join(f"<p>{paragraph}</p>" for paragraph in STATE_BODY)
    related = [{"url": f"/drome/{n}", "title": f"Autre article {n}",
                "summary": "Un résumé d’un autre article de la rubrique, qui parle de tout autre chose. " * 2}
               for n in range(6)]
    state = {"props": {"pageProps": {"article": {"headline": "Recours contre le permis", "body": html_body},
                                     "related": related, "css": ".a{color:#fff;margin:0 auto;padding:2px} " * 60}}}
    extracted = extract(drawn_page(next_data(state)), "https://journal.example/drome/recours")
    assert extracted.passes == "state" and extracted.text.split("\n") == STATE_BODY
    blocks = {"content_elements": [{"type": "text", "_id": "A1", "content": paragraph} for paragraph in STATE_BODY]
              + [{"type": "image", "url": "/photo.jpg", "caption": "Le bâtiment"}]}
    assigned = f"<script>window.__FUSION_STATE__ = {json.dumps(blocks)};window.ready = 1;</script>"
    extracted = extract(drawn_page(assigned), "https://journal.example/drome/recours")
    assert extracted.passes == "state" and extracted.text.split("\n")[:3] == STATE_BODY
    without = {"props": {"pageProps": {"related": related, "css": state["props"]["pageProps"]["css"]}}}
    extracted = extract(drawn_page(next_data(without)), "https://journal.example/drome/recours")
    assert extracted.passes != "state" and "résumé" not in extracted.text and "color" not in extracted.text
    shown = "".join(f"<p>{paragraph}</p>" for paragraph in ["Une autre histoire, écrite dans la page."] * 20)
    extracted = extract(drawn_page(next_data(state), shown), "https://journal.example/drome/recours")
    assert extracted.passes != "state" and "Sesterce" not in extracted.text  # a page that shows its own text


def test_the_prefilter_reads_the_scripts_of_a_page_drawn_by_script_only():
    """The prefilter lets through a page drawn by script whose article, in its state, names a topic; a page that
    shows its own text is read as before, its scripts left out, as the extraction leaves its state."""
    from newswatch.text.prefilter import BARE_LETTERS, Prefilter, shown_letters

    prefilter = Prefilter([Topic(name="s", query="sesterce AND rovaltain")])
    body = "".join(f"<p>{paragraph}</p>" for paragraph in STATE_BODY)
    drawn = drawn_page(next_data({"props": {"pageProps": {"article": {"body": body}}}}))
    assert shown_letters(drawn) < BARE_LETTERS and prefilter.might_match(drawn)
    escaped = drawn_page('<script id="__NEXT_DATA__" type="application/json">{"body": "Ses\\u0074erce, Rovaltain"}'
                         "</script>")
    assert prefilter.might_match(escaped)
    shown = "".join(f"<p>{paragraph}</p>" for paragraph in ["Une autre histoire, écrite dans la page."] * 20)
    assert shown_letters(drawn_page("", shown)) >= BARE_LETTERS
    assert not prefilter.might_match(drawn_page(next_data({"body": body}), shown))

"""Leads, as pure functions: aggregator links and titles, walls, paywalls, and what feeds say of outlets."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import escape

import pytest
from lxml import html as lxml_html

from crawler.feeds import parse_feed
from crawler.items import Page
from newswatch.demo.leads import CHALLENGE, consent_page, google_id
from newswatch.text.aggregators import (is_opaque_aggregator_link, outlet_domain, same_headline, split_outlet,
                                        title_key, unwrap_redirector)
from newswatch.text.walls import detect_wall, is_paywalled, strip_pitch, teaser_text
from crawler.relisted import with_words
from pipelines.records import headline_title, opening

BING = ("https://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=6F1E&url=https%3a%2f%2fwww.ledauphine.com"
        "%2feconomie%2f2026%2f02%2f18%2frecours&c=4851&mkt=fr-fr")


@pytest.mark.parametrize("link, target", [
    (BING, "https://www.ledauphine.com/economie/2026/02/18/recours"),
    ("https://www.google.com/url?rct=j&sa=t&url=https://www.lemagit.fr/actualites/sesterce&ct=ga",
     "https://www.lemagit.fr/actualites/sesterce"),
    ("http://127.0.0.1:8080/news/apiclick.aspx?url=http%3A%2F%2F127.0.0.1%3A9090%2Fa", "http://127.0.0.1:9090/a"),
    ("https://www.ledauphine.com/economie/2026/02/18/recours", None),  # an ordinary article link
    ("https://example.org/out?url=javascript:alert(1)", None),  # only http(s) targets
    ("https://news.google.com/rss/articles/CBMiswFBVV95cUxP?oc=5", None),  # opaque: nothing to unwrap
    # an AMP copy, as a link shared from a phone gives it: the publisher's address is in its path
    ("https://www.google.com/amp/s/www.ledauphine.com/economie/2026/02/18/recours/amp",
     "https://www.ledauphine.com/economie/2026/02/18/recours/amp"),
    ("https://www.google.fr/amp/s/www.ledauphine.com/economie/recours?id=3&usqp=mq331AQ",
     "https://www.ledauphine.com/economie/recours?id=3"),
    ("https://www-ledauphine-com.cdn.ampproject.org/c/s/www.ledauphine.com/economie/recours?amp_js_v=0.1",
     "https://www.ledauphine.com/economie/recours"),
    ("http://www.google.com/amp/mairie-alixan.fr/actus/reunion", "http://mairie-alixan.fr/actus/reunion"),
    ("https://www.google.com/amp/", None),
    ("https://www.google.com/search?q=sesterce", None),
])
def test_redirectors_are_unwrapped_only_when_they_carry_an_http_target(link, target):
    assert unwrap_redirector(link) == target


def test_google_news_ids_are_recognised_as_opaque_and_publisher_links_are_not():
    assert is_opaque_aggregator_link("https://news.google.com/rss/articles/CBMiswFBVV95cUxQbm9?oc=5")
    assert is_opaque_aggregator_link("https://news.google.com/articles/CBMiswFBVV95cUxQbm9")
    assert is_opaque_aggregator_link(f"http://127.0.0.1:5000/rss/articles/{google_id('x')}?oc=5")
    assert not is_opaque_aggregator_link("https://news.google.com/rss/search?q=sesterce")
    assert not is_opaque_aggregator_link("https://www.ledauphine.com/articles/2026/sesterce-recours")


def test_the_outlet_suffix_is_split_off_titles():
    title = "Data center de Rovaltain : les opposants à Sesterce déposent un recours - Le Dauphiné Libéré"
    assert split_outlet(title, "Le Dauphiné Libéré") == (title.rsplit(" - ", 1)[0], "Le Dauphiné Libéré")
    assert split_outlet(title, None) == (title.rsplit(" - ", 1)[0], "Le Dauphiné Libéré")
    # a known outlet that is not the suffix leaves the title alone (a dash inside a title is not an outlet)
    assert split_outlet("Sesterce - le recours", "Les Echos") == ("Sesterce - le recours", "Les Echos")


def test_titles_meet_across_accents_case_punctuation_and_outlet_suffix():
    a = title_key("Data center de Rovaltain : les opposants à Sesterce déposent un recours - Le Dauphiné Libéré",
                  "Le Dauphiné Libéré")
    b = title_key("DATA CENTER DE ROVALTAIN – LES OPPOSANTS A SESTERCE DEPOSENT UN RECOURS")
    assert a == b == "data center de rovaltain les opposants a sesterce deposent un recours"
    assert same_headline(a, title_key("Data center de Rovaltain : les opposants à Sesterce déposent leur recours"))
    assert not same_headline(title_key("Sesterce recrute"), title_key("Sesterce recule"))
    assert not same_headline(a, title_key("Data center de Rovaltain : la mairie d'Alixan répond aux opposants"))


def test_outlet_domains_drop_www_and_keep_ports():
    assert outlet_domain("https://www.ledauphine.com/") == outlet_domain("https://ledauphine.com/x") == "ledauphine.com"
    assert outlet_domain("http://127.0.0.1:8080/a") == "127.0.0.1:8080"
    assert outlet_domain("javascript:alert(1)") is None


def test_a_google_news_feed_says_outlet_publisher_and_a_plain_summary():
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>
<title>Data center de Rovaltain : recours - Le Dauphiné Libéré</title>
<link>https://news.google.com/rss/articles/{google_id('a')}?oc=5</link>
<pubDate>Wed, 18 Feb 2026 10:00:00 GMT</pubDate>
<description>&lt;a href="x"&gt;Data center de Rovaltain : recours&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;Le Dauphiné Libéré&lt;/font&gt;</description>
<source url="https://www.ledauphine.com">Le Dauphiné Libéré</source></item></channel></rss>""".encode()
    (entry,) = parse_feed(feed)
    assert (entry.title, entry.outlet, entry.outlet_url) == ("Data center de Rovaltain : recours",
                                                             "Le Dauphiné Libéré", "https://www.ledauphine.com")
    assert entry.summary is None  # it only repeated the title and the outlet
    assert entry.published.isoformat() == "2026-02-18T10:00:00+00:00"


def test_a_google_news_item_s_coverage_is_an_item_per_outlet():
    """A story's item lists its coverage in its description: each other article is an entry of its own, under its
    headline and outlet, dated as the item; "View Full Coverage" is no article; the item keeps no summary made of
    the others' headlines (glued: "Lyon CapitaleAlixan")."""
    def listed(key: str, title: str, outlet: str) -> str:
        return (f'<li><a href="https://news.google.com/rss/articles/{google_id(key)}?oc=5" target="_blank">{title}'
                f'</a>&nbsp;&nbsp;<font color="#6f6f6f">{outlet}</font></li>')

    coverage = (listed("a", "Le chantier avance", "Lyon Capitale") + listed("b", "Alixan : recours", "Le Dauphiné")
                + listed("a", "Le chantier avance", "Lyon Capitale") + '<li><strong><a href="https://news.google.com/'
                'stories/CAAqNggKIjBDQklTSGpv?oc=5">View Full Coverage on Google News</a></strong></li>'
                '<li><a href="http://[oops/rss/articles/CBMiQWxpeGFuLWNoYW50aWVy">no URL parser reads it</a></li>')
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>
<title>Le chantier avance - Lyon Capitale</title><link>https://news.google.com/rss/articles/{google_id('a')}?oc=5</link>
<pubDate>Wed, 18 Feb 2026 10:00:00 GMT</pubDate><description>{escape(f"<ol>{coverage}</ol>")}</description>
<source url="https://www.lyoncapitale.fr">Lyon Capitale</source></item></channel></rss>""".encode()
    first, second = parse_feed(feed)
    assert (first.title, first.outlet, first.summary) == ("Le chantier avance", "Lyon Capitale", None)
    assert (second.url, second.title, second.outlet, second.outlet_url) == (
        f"https://news.google.com/rss/articles/{google_id('b')}?oc=5", "Alixan : recours", "Le Dauphiné", None)
    assert second.published == first.published


def test_a_bing_feed_names_its_outlet_in_news_source():
    feed = f"""<?xml version="1.0"?><rss version="2.0" xmlns:News="https://www.bing.com/news/search"><channel>
<title>t</title><item><title>Sesterce double son compute center</title><link>{BING.replace('&', '&amp;')}</link>
<description>Le projet de Rovaltain change d'échelle.</description><News:Source>Le Dauphiné Libéré</News:Source>
</item></channel></rss>""".encode()
    (entry,) = parse_feed(feed)
    assert entry.outlet == "Le Dauphiné Libéré" and entry.summary == "Le projet de Rovaltain change d'échelle."


@pytest.mark.parametrize("status, headers, body, outcome, final", [
    (403, {"x-datadome": "protected"}, CHALLENGE, "blocked", True),
    (403, {}, CHALLENGE, "blocked", True),
    (503, {"cf-mitigated": "challenge"}, b"<html><title>Just a moment...</title></html>", "blocked", True),
    (403, {}, b"<html><title>Interdit</title></html>", "blocked", True),
    (429, {"retry-after": "120"}, b"slow down", "rate_limited", False),
    (429, {}, b"", "rate_limited", False),
    (200, {}, consent_page("Radio Valence Drôme"), "consent_wall", True),
])
def test_walls_are_told_apart(status, headers, body, outcome, final):
    wall = detect_wall(status, headers, body, "https://www.ledauphine.com/a")
    assert (wall.outcome, wall.final) == (outcome, final)
    if status == 429 and headers:
        assert "120 s" in wall.reason


def test_a_redirect_to_a_consent_host_is_a_consent_wall_and_ordinary_pages_are_no_wall():
    wall = detect_wall(200, {}, b"<html><body>Cookies</body></html>", "https://news.example.fr/a",
                       "https://consent.google.com/ml?continue=https://news.example.fr/a")
    assert wall.outcome == "consent_wall" and "consent.google.com" in wall.reason
    assert detect_wall(200, {}, b"<html><body><p>Un article.</p></body></html>", "https://a.fr/x") is None
    assert detect_wall(404, {}, b"<html><body>introuvable</body></html>", "https://a.fr/x") is None
    assert detect_wall(500, {}, b"oops", "https://a.fr/x") is None


@pytest.mark.parametrize("url, landed, login", [
    ("https://x.fr/drome/a", "https://x.fr/connexion?redirect=/drome/a", "x.fr/connexion"),
    ("https://x.fr/drome/a", "https://compte.x.fr/se-connecter", "compte.x.fr/se-connecter"),
    ("https://x.fr/drome/a", "https://x.fr/abonnement/offres", "x.fr/abonnement/offres"),
    ("https://x.fr/drome/a", "https://x.fr/login.php?next=1", "x.fr/login.php"),
    ("https://x.fr/drome/a", "https://x.fr/drome/a", None),  # not redirected
    ("https://x.fr/ancien-lien", "https://x.fr/actu/l-inscription-sur-les-listes", None),  # a word of a slug
    ("https://x.fr/ancien-lien", "https://x.fr/compte-rendu-du-conseil", None),
    ("http://x.fr/abonnement/a", "https://x.fr/abonnement/a", None),  # the article's own URL says it already
])
def test_a_redirect_to_a_login_or_subscription_page_is_a_login_wall(url, landed, login):
    wall = detect_wall(200, {}, b"<html><body><p>Connectez-vous.</p></body></html>", url, landed)
    assert (wall.outcome, wall.final, login in wall.reason) == ("login_wall", True, True) if login else wall is None


def page(body: str):
    return lxml_html.document_fromstring(f"<html><head>{body}</head><body><p>Texte.</p></body></html>")


def test_paywalls_are_read_from_json_ld_microdata_and_containers():
    assert is_paywalled(page('<script type="application/ld+json">{"@type":"NewsArticle",'
                             '"isAccessibleForFree":false}</script>'))
    assert is_paywalled(page('<script type="application/ld+json">[{"@graph":[{"isAccessibleForFree":"False"}]}]'
                             '</script>'))
    assert is_paywalled(page('<meta itemprop="isAccessibleForFree" content="false">'))
    assert is_paywalled(lxml_html.document_fromstring('<html><body><div class="article-premium">x</div></body></html>'))
    assert not is_paywalled(page('<script type="application/ld+json">{"isAccessibleForFree":true}</script>'))
    assert not is_paywalled(page('<script type="application/ld+json">not json</script>'))
    assert not is_paywalled(page('<script type="text/plain">{"isAccessibleForFree":false}</script>'))
    # itemprop in any case, its value in content or in the text; class names and ids in any case, ASCII or not
    assert is_paywalled(page('<meta itemprop="IsAccessibleForFree" content=" False ">'))
    assert is_paywalled(lxml_html.document_fromstring('<html><body><span itemprop="isaccessibleforfree">no</span>'
                                                      '<p>x</p></body></html>'))
    assert not is_paywalled(page('<meta itemprop="isAccessibleForFree headline" content="false">'))
    for names in ('class="Paywall-Box"', 'id="TP-MODAL"', 'class="mise-en-page PAYWALL"',
                  'class="édito Reserve-Abonnes"'):
        assert is_paywalled(lxml_html.document_fromstring(f'<html><body><div {names}>x</div></body></html>')), names
    assert not is_paywalled(lxml_html.document_fromstring('<html><body><div class="paywalls-explained '
                                                          'élégant">x</div></body></html>'))


def test_the_subscription_pitch_is_not_part_of_a_teaser():
    text = ("Le permis compte 240 pages.\nTrois points posent question.\n"
            "Cet article est réservé aux abonnés. Abonnez-vous pour lire la suite.")
    assert strip_pitch(text) == ("Le permis compte 240 pages.\nTrois points posent question.", True)
    glued = "Le permis compte 240 pages. Il vous reste 80 % de l'article à lire."
    assert strip_pitch(glued) == ("Le permis compte 240 pages.", True)
    assert strip_pitch("Un article entier.") == ("Un article entier.", False)
    free = lxml_html.document_fromstring("<html><body><p>x</p></body></html>")
    assert teaser_text(free, "Un texte.\nLa suite est réservée aux abonnés.") == ("Un texte.", True)
    assert teaser_text(free, "Un texte.\nAbonnez-vous à notre lettre.") == ("Un texte.\nAbonnez-vous à notre lettre.",
                                                                           False)



def test_rematch_keeps_the_topics_an_article_was_archived_for_through_its_feed_item(archive):
    """An article archived because its feed item names the topic (its text does not) keeps its topics when the
    archive is matched again; topics its feed item no longer names are dropped as for any other article."""
    import tomllib
    from types import SimpleNamespace

    from scrapy.statscollectors import MemoryStatsCollector
    from scrapy.utils.test import get_crawler
    from sqlalchemy import text

    from crawler.items import Discoveries, Discovery
    from newswatch.config import Topic
    from newswatch.defaults import TOPICS_TOML
    from newswatch.operations.rematch import rematch_archive
    from newswatch.text.topics import Matcher
    from pipelines.match import MatchPipeline
    from pipelines.saving import Saver
    from store.db import transaction
    from store.models import utcnow

    topics = [Topic(**t) for t in tomllib.loads(TOPICS_TOML)["topics"]]
    interview = " ".join(["L'entreprise cherche des techniciens de maintenance, des électriciens et des",
                          "spécialistes du refroidissement ; les candidats seront formés sur place."] * 4)
    page = _page_with_text("Recrutement : 120 postes ouverts", interview)
    page.final_url, page.fetched_at, page.date_source = page.url, utcnow(), "first_seen"
    matcher = Matcher(topics)
    MatchPipeline(matcher, keep_unmatched=False, stats=MemoryStatsCollector(get_crawler())).process_item(page)
    matcher.close()
    archived_for = {m.name for m in page.matches}
    assert archived_for >= {"sesterce", "datacenters"} and page.outcome is None
    sighting = Discovery(source="s", channel="feed", via="https://hebdo.example/rss.xml", url=page.url, key=page.key,
                         title=page.feed_title, summary=page.feed_summary)
    with transaction(archive.sessions(writer=True)) as session:
        saver = Saver(run_id=None, retry_runs=3, keep_raw=False)
        saver.save_batch(session, [Discoveries([sighting])])
        saver.save(session, page)

    def topics_now() -> set[str]:
        with archive.sessions()() as session:
            return set(session.scalars(text("SELECT topic FROM matches")))

    assert topics_now() == archived_for
    assert rematch_archive(SimpleNamespace(topics=topics), archive.sessions(writer=True)) == (0, 1)
    assert topics_now() == archived_for, "the feed item's topics were lost by the rematch"
    only = [t for t in topics if t.name == "datacenters"]
    assert rematch_archive(SimpleNamespace(topics=only), archive.sessions(writer=True)) == (1, 1)
    assert topics_now() == {"datacenters"}
    unnamed = [Topic(name="hydrogene", query="hydrogène OR électrolyseur")]
    assert rematch_archive(SimpleNamespace(topics=unnamed), archive.sessions(writer=True)) == (1, 1)
    assert topics_now() == set(), "a topic neither the text nor the feed item names does not match"

def test_rematch_matches_a_document_as_the_crawl_does_with_its_link_s_words_and_its_pages(archive):
    """A council's deliberation (a PDF titled "Extrait du registre") names the data center on its second page and
    Sesterce nowhere; the listing's link does ("Délibération n° 2026-41 – projet Sesterce (PDF)"). The crawl
    matched it on both, its snippets giving their page. Matched again (`rematch`, after a topic changed), it lost
    its Sesterce topic and its snippets their page: it keeps both."""
    import tomllib
    from types import SimpleNamespace

    from scrapy.statscollectors import MemoryStatsCollector
    from scrapy.utils.test import get_crawler
    from sqlalchemy import text

    from crawler.items import Discoveries, Discovery
    from newswatch.config import Topic
    from newswatch.defaults import TOPICS_TOML
    from newswatch.operations.rematch import rematch_archive
    from newswatch.text.topics import Matcher
    from pipelines.match import MatchPipeline
    from pipelines.saving import Saver
    from store.db import transaction
    from store.models import utcnow

    topics = [Topic(**t) for t in tomllib.loads(TOPICS_TOML)["topics"]]
    link = "Délibération n° 2026-41 – projet Sesterce (PDF)"
    pages = ["Extrait du registre des délibérations du conseil municipal. Séance du 11 novembre 2026.",
             "Le maire rend compte de l'avancement du centre de données du parc d'activités, dont le permis de "
             "construire a été délivré en septembre."]
    page = _page_with_text("Extrait du registre", "\f".join(pages))
    page.kind, page.pages, page.feed_title, page.feed_summary = "document", 2, link, None
    page.url = page.key = "https://mairie.example/deliberations/2026-41.pdf"
    page.final_url, page.fetched_at, page.date_source = page.url, utcnow(), "first_seen"
    matcher = Matcher(topics)
    MatchPipeline(matcher, keep_unmatched=False, stats=MemoryStatsCollector(get_crawler())).process_item(page)
    matcher.close()
    crawled = {m.name: m.snippet[:6] for m in page.matches}
    assert crawled == {"sesterce": "p. 2: ", "datacenters": "p. 2: "}, crawled
    sighting = Discovery(source="s", channel="documents", via="https://mairie.example/deliberations/",
                         url=page.url, key=page.key, title=link)
    with transaction(archive.sessions(writer=True)) as session:
        saver = Saver(run_id=None, retry_runs=3, keep_raw=False)
        saver.save_batch(session, [Discoveries([sighting])])
        saver.save(session, page)

    def matches_now() -> dict[str, str]:
        with archive.sessions()() as session:
            return {topic: snippet[:6] for topic, snippet in session.execute(text("SELECT topic, snippet FROM matches"))}

    assert matches_now() == crawled
    assert rematch_archive(SimpleNamespace(topics=topics), archive.sessions(writer=True)) == (0, 1)
    wider = [Topic(name="datacenters", query='"centre de données" OR permis')] + [
        t for t in topics if t.name == "sesterce"]
    assert rematch_archive(SimpleNamespace(topics=wider), archive.sessions(writer=True)) == (1, 1)
    assert matches_now() == crawled, "the link's topic or the snippets' page was lost by the rematch"


def _page_with_text(title: str, text: str):
    from crawler.items import Page
    from newswatch.text.extraction import Extracted

    return Page(source="s", url="https://hebdo.example/a/1", key="https://hebdo.example/a/1",
                feed_title="Rovaltain : Sesterce recrute 120 techniciens pour son centre de données",
                feed_summary="Les premiers postes du data center d'Alixan seront ouverts au printemps.",
                extracted=Extracted(title=title, text=text, author=None, published=None, date_source=None,
                                    language="fr", canonical_url=None, site_name=None))


def test_a_page_whose_text_does_not_show_what_its_feed_item_says_is_not_lost():
    """A feed item names the topic; its page's text does not: a few words (a menu) make a headline record,
    a real text is archived matched on it and on the feed item."""
    import tomllib

    from scrapy.statscollectors import MemoryStatsCollector
    from scrapy.utils.test import get_crawler

    from newswatch.config import Topic
    from newswatch.defaults import TOPICS_TOML
    from newswatch.text.topics import Matcher
    from pipelines.match import MIN_TEXT_WORDS, MatchPipeline

    matcher = Matcher([Topic(**t) for t in tomllib.loads(TOPICS_TOML)["topics"]])
    pipeline = MatchPipeline(matcher, keep_unmatched=False, stats=MemoryStatsCollector(get_crawler()))
    menu = pipeline.process_item(_page_with_text("Accueil", "Accueil Actualités Économie Sports Contact"))
    assert (menu.outcome, menu.final) == ("no_text", True)
    assert menu.reason == "the page's text (5 words) does not show what its feed item says"
    assert {m.name for m in menu.matches} >= {"sesterce", "datacenters"}

    interview = " ".join(["L'entreprise cherche des techniciens de maintenance, des électriciens et des",
                          "spécialistes du refroidissement ; les candidats seront formés sur place."] * 4)
    assert len(interview.split()) >= MIN_TEXT_WORDS
    article = pipeline.process_item(_page_with_text("Recrutement : 120 postes ouverts", interview))
    assert article.outcome is None and {m.name for m in article.matches} >= {"sesterce", "datacenters"}

    unrelated = _page_with_text("Recrutement : 120 postes ouverts", interview)
    unrelated.feed_title, unrelated.feed_summary = "Recrutement : 120 postes ouverts", None
    assert pipeline.process_item(unrelated).outcome == "no_topic", "a feed item naming no topic changes nothing"
    matcher.close()


def test_a_lead_is_resolved_by_its_headline_only_to_an_article_of_about_its_date(archive):
    """A Google News lead names no URL: it is resolved to a URL of its outlet with the same headline, seen in this
    crawl's channels or archived, only when that one dates from within HEADLINE_DAYS of it (titles recur: last
    month's "Conseil municipal d'Alixan" took this month's lead, which was then folded into it as the same URL)."""
    from datetime import UTC, datetime, timedelta

    from crawler.leads import Lead, LeadSpider
    from store import queries
    from store.db import transaction

    now = datetime(2026, 12, 3, 9, tzinfo=UTC)
    title = "Conseil municipal d'Alixan : le point sur Sesterce"
    with transaction(archive.sessions(writer=True)) as session:
        queries.insert_article(session, url="https://journal.fr/alixan/conseil-octobre",
                               canonical_url="https://journal.fr/alixan/conseil-octobre", source="s", title=title,
                               text="Le conseil a demandé une étude de bruit.", date_source="feed",
                               published_at=now - timedelta(days=40), first_seen=now - timedelta(days=40),
                               fetched_at=now - timedelta(days=40), outlet_domain="journal.fr",
                               title_key=title_key(title))
    spider = LeadSpider.__new__(LeadSpider)
    spider.titles = {}
    lead = Lead("google-actus", "search", "https://agg/rss", "https://news.google.com/rss/articles/CBMi1", "k",
                {"feed_title": title, "feed_date": now, "feed_outlet_url": "https://journal.fr"})
    with archive.sessions()() as session:
        assert spider.resolve(session, lead) is None, "last month's article of the same title"
        spider.remember_title("https://journal.fr/alixan/conseil-septembre", title, now - timedelta(days=70))
        assert spider.resolve(session, lead) is None, "an old one listed in this crawl's channels"
        spider.remember_title("https://journal.fr/alixan/conseil-novembre", title, now - timedelta(days=1))
        assert spider.resolve(session, lead) == "https://journal.fr/alixan/conseil-novembre"
        undated = Lead(**{**lead.__dict__, "info": {**lead.info, "feed_date": None}})
        assert spider.resolve(session, undated) == "https://journal.fr/alixan/conseil-septembre", "no date: any"
    # a feed's item with no page of its own under that headline, here or archived: no page to resolve it to
    from newswatch.text.urls import item_address

    item = item_address("https://journal.fr/actus", "77")
    with transaction(archive.sessions(writer=True)) as session:
        queries.record_discoveries(session, [dict(url=item, raw_url=item, source="s", channel="feed",
                                                  via="https://journal.fr/rss", title=title, published_at=now,
                                                  summary=None, outlet=None, outlet_url=None,
                                                  title_key=title_key(title))])
    spider.titles = {}
    with archive.sessions()() as session:
        assert spider.resolve(session, lead) is None, "archived"
        spider.remember_title(item, title, now)
        assert spider.resolve(session, lead) is None, "listed in this crawl"


@pytest.mark.parametrize("text,title", [
    ("Réunion publique jeudi sur le data center de Sesterce à Alixan, salle des fêtes, 20 h. Venez nombreux !",
     "Réunion publique jeudi sur le data center de Sesterce à Alixan, salle des fêtes, 20 h."),
    ("  Le recours est déposé.\n", "Le recours est déposé."),  # short: all of it
    ("Selon M. Dupont, le maire, la réunion publique sur le projet de Sesterce aura lieu jeudi. Puis le conseil.",
     "Selon M. Dupont, le maire, la réunion publique sur le projet de Sesterce aura lieu jeudi."),
    ("Le recours contre le permis du centre de données de Rovaltain est déposé au tribunal administratif de "
     "Grenoble ce matin par trois associations", "Le recours contre le permis du centre de données de Rovaltain "
     "est déposé au tribunal administratif…"),
    ("https://" + "x" * 120, "https://" + "x" * 92 + "…"),
])
def test_a_post_without_title_is_listed_under_its_first_sentence_or_words(text, title):
    assert opening(text) == title and len(title) <= 101


def test_a_bare_listing_takes_the_words_of_a_later_one_its_own_values_first():
    bare = {"sitemap_lastmod": "2026-12-01", "feed_outlet": "La Voix", "channel_raw": "sitemap answer"}
    later = {"feed_title": "Sesterce à Alixan", "feed_summary": "Le permis.", "feed_outlet": "Autre",
             "feed_date": "2026-12-02", "channel_raw": "feed answer", "via_link": "https://agg.example/x"}
    assert with_words(bare, later) == {"sitemap_lastmod": "2026-12-01", "feed_outlet": "La Voix",
                                       "channel_raw": "feed answer", "feed_title": "Sesterce à Alixan",
                                       "feed_summary": "Le permis.", "feed_date": "2026-12-02"}


def test_a_headline_without_title_is_named_by_the_first_line_of_what_its_feed_said():
    """Not by its categories (the summary's last line) nor by the full text's later paragraphs."""
    def page(**said) -> Page:
        return Page(source="s", url="https://ex.fr/p/1", key="https://ex.fr/p/1", fetched_at=datetime.now(UTC),
                    **said)
    assert headline_title(page(feed_summary="Réunion jeudi à Alixan\nDrôme, Sesterce")) == "Réunion jeudi à Alixan"
    assert headline_title(page(feed_text="Le permis est attaqué.\nLa suite.")) == "Le permis est attaqué."
    assert headline_title(page(feed_title="Titre", feed_summary="Résumé")) == "Titre"
    assert headline_title(page()) == "https://ex.fr/p/1"


def test_a_caption_adds_the_topics_it_names_and_never_takes_one_away():
    """A page whose caption names a topic its text does not is matched on both, the caption after its text; a
    caption that would only take a topic away (its NOT words) changes nothing."""
    from scrapy.statscollectors import MemoryStatsCollector
    from scrapy.utils.test import get_crawler

    from crawler.items import Page
    from newswatch.config import Topic
    from newswatch.text.extraction import Extracted
    from newswatch.text.topics import Matcher
    from pipelines.match import MatchPipeline

    matcher = Matcher([Topic(name="rovaltain", query="rovaltain NOT numismatique"),
                       Topic(name="datacenters", query='"centre de données"')])
    pipeline = MatchPipeline(matcher, keep_unmatched=False, stats=MemoryStatsCollector(get_crawler()))

    def matched(text: str, captions: str) -> Page:
        page = Page(source="s", url="https://hebdo.example/a/2", key="https://hebdo.example/a/2",
                    extracted=Extracted(title="Le budget est voté", text=text, author=None, published=None,
                                        date_source=None, language="fr", canonical_url=None, site_name=None,
                                        captions=captions))
        return pipeline.process_item(page)

    budget = "Les élus ont voté le budget au parc de Rovaltain. " * 10
    page = matched(budget, "Le centre de données d'Alixan, vu du ciel.")
    assert [m.name for m in page.matches] == ["rovaltain", "datacenters"] and page.outcome is None
    assert page.extracted.text == f"{budget}\nLe centre de données d'Alixan, vu du ciel."
    page = matched(budget, "Une pièce de la collection numismatique du musée.")
    assert [m.name for m in page.matches] == ["rovaltain"] and page.extracted.text == budget
    page = matched("Les élus ont voté le budget. " * 10, "Une pièce de la collection numismatique du musée.")
    assert (page.matches, page.outcome) == ([], "no_topic") and "musée" not in page.extracted.text

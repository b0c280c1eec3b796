"""No lead lost, end to end: the sample site's aggregator feeds, bot wall, consent redirect and paywall crawled
for real; every matching item ends in the export with the right text status, once."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import text as sql_text

from newswatch.demo.articles import by_slug
from newswatch.demo.leads import (BING_SLUG, CHALLENGE, CHALLENGE_HEADERS, ECHO_SLUG, STORIES, WALL_STORIES, WALLS_FEED,
                                  wall_resources)
from newswatch.demo.site import HTML, XML, Resource, article_url
from newswatch.text.urls import item_address
from store import queries
from store.db import transaction
from tests.conftest import crawl_demo, newswatch
from tests.test_digest import Inbox, digest_toml, start_smtp


def exported(config) -> list[dict]:
    return [json.loads(line) for line in newswatch("export", config=config, check=True).stdout.splitlines()]


def export(config) -> dict[str, dict]:
    return {r["title"]: r for r in exported(config)}


def rfc822(when: datetime) -> str:
    return when.strftime("%a, %d %b %Y %H:%M:%S +0000")


def french_date(when: datetime) -> str:
    """An RFC 822 date as a French WordPress prints it: "mar., 01 déc. 2026 10:00:00 +0000"."""
    day = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")[when.weekday()]
    month = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
             "déc.")[when.month - 1]
    return f"{day}, {when:%d} {month} {when:%Y %H:%M:%S} +0000"


def rss_feed(site, outlet: str, items, channel: str = "Actu", generator: str = "", delay: float = 0.0,
             spell=rfc822) -> Resource:
    """An RSS 2.0 feed on an outlet's site: items (path, title, date[, more of the item's XML]), as listed, their
    dates as `spell` writes them."""
    entries = "".join(f"<item><title>{title}</title><link>{site.url(outlet, path).replace('&', '&amp;')}</link>"
                      f"<pubDate>{spell(when)}</pubDate>{''.join(more)}</item>"
                      for path, title, when, *more in items)
    made_by = f"<generator>{generator}</generator>" if generator else ""
    body = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{channel}</title>{made_by}'
            f"{entries}</channel></rss>")
    return Resource(body.encode(), "application/rss+xml", site.now, delay=delay)


def article_page(title: str, paragraphs: list[str], when: datetime | None = None, head: str = "",
                 kind: str = HTML) -> Resource:
    """An article's page: `title` in its <title> (after `head`, more of its <head>) and <h1>, then `paragraphs`."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")
    return Resource(page.encode(), kind, when or datetime.now(UTC))


def bare_sitemap(site, path: str, titles: dict, when: datetime) -> dict[str, str]:
    """A sitemap without titles on the walled daily's site listing the paths of `titles`, dated `when`: their URLs."""
    site.replace("vercors", path, listing(site, "urlset", list(titles), dict.fromkeys(titles, when), "vercors"))
    return {page: site.url("vercors", page) for page in titles}


@pytest.fixture(scope="module")
def leads_crawl(tmp_path_factory):
    """A fresh sample site (this module changes it) crawled once, with an SMTP server for its digests."""
    from newswatch.demo.server import DemoSite

    inbox = Inbox()
    smtp = start_smtp(inbox)
    with DemoSite() as site:
        crawl = crawl_demo(site, tmp_path_factory.mktemp("leads"), leads=True)
        with crawl.config_path.open("a", encoding="utf-8") as config:
            config.write(digest_toml(smtp.port))
        yield crawl, inbox
    smtp.stop()


def test_every_matching_lead_is_exported_with_its_text_status(leads_crawl):
    crawl, _ = leads_crawl
    listed = exported(crawl.config_path)
    records = {r["title"]: r for r in listed}
    expected = {  # title -> (text_status, outlet, words of the reason)
        # its own feed (which names no outlet), page behind a bot wall; the Google item resolved to it names it
        STORIES["recours"].title: ("headline", "La Voix du Vercors", "DataDome"),
        STORIES["eau"].title: ("headline", None, "DataDome"),  # its own feed only: no channel names the outlet
        STORIES["reunion"].title: ("headline", "Radio Valence Drôme", "consent wall"),  # via Bing, consent redirect
        STORIES["emplois"].title: ("headline", "Radio Valence Drôme", "Google News link"),  # opaque, unresolvable
        STORIES["permis"].title: ("teaser", "L'Hebdo du Rhône", "subscribers only"),  # paywalled
        by_slug(ECHO_SLUG).title: ("full", "L'Écho de l'Éco", None),  # Google item resolved by the news sitemap
        by_slug(BING_SLUG).title: ("full", "Nuages Bas", None),  # Bing redirector unwrapped
    }
    for title, (status, outlet, reason) in expected.items():
        record = records[title]
        assert record["text_status"] == status, title
        assert record["outlet"] == outlet, (title, record["outlet"])
        assert (record["text_missing_reason"] is None) if reason is None else reason in record["text_missing_reason"]
        assert record["topics"], title
    assert STORIES["foire"].title not in records  # walled too, but it matches no topic: no lead
    # a headline is dated as an article is: by the day its address spells before its channel's date (an update's)
    dated = {title: (records[title]["published_at"][:10], records[title]["date_source"]) for title in expected}
    assert dated[STORIES["recours"].title] == ("2026-02-18", "url") and dated[STORIES["eau"].title][1] == "url"
    assert dated[STORIES["emplois"].title][1] == "feed"  # an unresolved Google link spells no day
    assert sorted(r["title"] for r in listed if r["title"] in expected) == sorted(expected), "one article each"
    teaser = records[STORIES["permis"].title]["text"]
    assert teaser.startswith("Nous avons lu les 240 pages") and "abonn" not in teaser.lower()


def test_headlines_are_searchable_and_counted_per_source(leads_crawl):
    crawl, _ = leads_crawl
    found = json.loads(newswatch("search", "opposants", "--json", config=crawl.config_path, check=True).stdout)
    assert STORIES["recours"].title in [r["title"] for r in found]
    (run,) = json.loads(newswatch("runs", "--json", "--limit", "1", "--kind", "crawl", config=crawl.config_path, check=True).stdout)
    counts = {s["source"]: s for s in run["sources"]}
    assert counts["voix-du-vercors"]["headlines"] == 2 and counts["google-actus"]["headlines"] == 1
    assert counts["bing-actus"]["headlines"] == 1 and counts["hebdo-rhone"]["headlines"] == 0
    # every page behind the bot wall is an error of its source, kept as a headline (2) or not (the fair, no topic)
    assert counts["voix-du-vercors"]["errors"] == 3 and "DataDome" in counts["voix-du-vercors"]["last_error"]


def test_the_google_item_of_an_outlet_with_a_sitemap_is_the_full_article_at_the_publisher(leads_crawl):
    crawl, _ = leads_crawl
    record = export(crawl.config_path)[by_slug(ECHO_SLUG).title]
    assert record["url"] == article_url(crawl.site.base_urls, by_slug(ECHO_SLUG))
    channels = {(v["channel"], v["source"]) for v in record["found_via"]}
    assert {("sitemap", "echo-eco"), ("search", "google-actus")} <= channels
    assert any("/rss/articles/CBMi" in url for url in record["urls"])  # the aggregator's link is kept
    vercors = export(crawl.config_path)[STORIES["recours"].title]
    assert {("feed", "voix-du-vercors"), ("search", "google-actus")} <= {(v["channel"], v["source"])
                                                                         for v in vercors["found_via"]}


def test_aggregators_are_never_asked_for_articles_and_the_run_says_who_blocks(leads_crawl):
    crawl, _ = leads_crawl
    asked = [r for r in crawl.site.requests if r.outlet == "agg"]
    assert asked and not [r for r in asked if "apiclick" in r.path or "/rss/articles/" in r.path]
    assert [r for r in crawl.site.requests if r.outlet == "nuages" and BING_SLUG in r.path]  # fetched at the source
    health = {s["name"]: s for s in json.loads(newswatch("sources", "--json", config=crawl.config_path,
                                                          check=True).stdout)}
    assert "blocks automated readers on 3 of 3 pages" in health["voix-du-vercors"]["walls"]
    assert "consent wall 1" in health["bing-actus"]["walls"]
    assert health["hebdo-rhone"]["walls"] is None
    outlets = {o["outlet"]: o for o in json.loads(newswatch("sources", "outlets", "--json", config=crawl.config_path,
                                                            check=True).stdout)}
    assert outlets["Radio Valence Drôme"]["matching"] == 2 and outlets["Radio Valence Drôme"]["headline_only"] == 2
    assert "L'Écho de l'Éco" not in outlets  # configured


def test_the_crawl_prints_one_line_per_failing_source_and_nothing_else(leads_crawl):
    crawl, _ = leads_crawl
    lines = crawl.stderr.strip().splitlines()
    # the walled and consent-walled sources each say why; nothing else (no Scrapy warning, no traceback)
    assert lines and all(re.search(r"\[newswatch\.progress\] WARNING: [\w-]+: .* last error: ", line) for line in lines), \
        crawl.stderr


def test_the_digest_marks_headlines_and_teasers_and_a_second_crawl_adds_and_sends_nothing(leads_crawl):
    crawl, inbox = leads_crawl
    newswatch("digest", "--send", config=crawl.config_path, check=True)
    text = inbox.parsed().get_body(("plain",)).get_content()
    recours = text[text.index(STORIES["recours"].title):][:400]
    assert "headline only, La Voix du Vercors: " in recours and "DataDome" in recours  # named by Google News
    eau = text[text.index(STORIES["eau"].title):][:400]  # no channel names its outlet: the source's name
    assert "voix-du-vercors" in eau and "headline only: HTTP 403" in eau
    permis = text[text.index(STORIES["permis"].title):][:300]
    assert "subscribers only" in permis
    before = sorted(r["id"] for r in exported(crawl.config_path))
    second = newswatch("crawl", config=crawl.config_path, check=True)
    assert "Traceback" not in second.stderr, second.stderr
    assert sorted(r["id"] for r in exported(crawl.config_path)) == before
    assert "nothing new" in newswatch("digest", "--send", config=crawl.config_path, check=True).stdout
    assert len(inbox.messages) == 1


def test_a_headline_is_completed_in_place_when_its_article_surfaces(leads_crawl):
    """The Google-only radio story appears in a feed the radio opens; the same outlet, the same title: the
    headline record becomes the full article, same id, no new digest entry."""
    crawl, inbox = leads_crawl
    site = crawl.site
    story = STORIES["emplois"]
    newswatch("digest", "--send", config=crawl.config_path, check=True)  # the headline record goes out (if not yet)
    before = export(crawl.config_path)[story.title]
    page = (f"<html lang='fr'><head><title>{story.title}</title><meta property='og:title' content=\"{story.title}\">"
            f"</head><body><article><h1>{story.title}</h1>" + "".join(
                f"<p>{story.summary} Paragraphe {i} : les chiffres du projet de Sesterce à Rovaltain se précisent, "
                "et la Drôme attend les premières offres d'emploi du centre de données.</p>" for i in range(4))
            + "</article></body></html>").encode()
    url = site.url("radio", story.path + "-2")
    feed = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Radio</title><item><title>{story.title}</title>"
            f"<link>{url}</link></item></channel></rss>").encode()
    site.replace("radio", story.path + "-2", Resource(page, HTML, site.now))
    site.replace("radio", "/rss.xml", Resource(feed, "application/rss+xml", site.now))
    with crawl.config_path.open("a", encoding="utf-8") as config:
        config.write(f'\n[[sources]]\nname = "radio"\nfeeds = ["{site.url("radio", "/rss.xml")}"]\n')
    newswatch("crawl", "--source", "radio", config=crawl.config_path, check=True)
    after = export(crawl.config_path)[story.title]
    assert after["id"] == before["id"] and after["text_status"] == "full" and "Paragraphe 3" in after["text"]
    chain = json.loads(newswatch("evidence", str(after["id"]), "--json", config=crawl.config_path, check=True).stdout)
    assert [(c["url"].split("?")[0], c["check"]) for c in chain] == [(site.url("agg", "/rss/search"), "verified"),
                                                                      (url, "verified")]
    assert chain[1]["sha256"] == hashlib.sha256(page).hexdigest(), "the headline's feed item, then the full page"
    assert after["url"] == url and {url, before["url"]} <= set(after["urls"])
    assert {"search", "feed"} <= {v["channel"] for v in after["found_via"]}
    assert "nothing new" in newswatch("digest", "--send", config=crawl.config_path, check=True).stdout


def test_a_matching_item_without_a_title_behind_a_wall_is_kept_under_its_link(leads_crawl):
    """RSS lets an item have only a description (a Mastodon or Bluesky account's feed gives only the post): one that
    matches a topic is a lead all the same, listed under the post's first sentence (it was listed under its link)."""
    crawl, _ = leads_crawl
    site = crawl.site
    link = site.url("vercors", "/drome/2026/02/22/breve-sans-titre")
    post = ("Sesterce fait visiter aux élus d'Alixan le chantier de son centre de données de Rovaltain. Les travaux "
            "du réseau de chaleur commenceront au printemps, selon l'entreprise.")
    feed = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Brèves</title><item><link>{link}</link>"
            f"<description>{post}</description></item></channel></rss>").encode()
    site.replace("vercors", "/breves.xml", Resource(feed, "application/rss+xml", site.now))
    [record] = [r for r in crawl_feed(crawl, "breves", "vercors", "/breves.xml").values() if r["url"] == link]
    assert (record["title"], record["text_status"], record["text"]) == (post[:post.index(" Les travaux")], "headline",
                                                                       post)
    assert {"sesterce", "rovaltain", "datacenters"} <= {topic["name"] for topic in record["topics"]}
    assert "DataDome" in record["text_missing_reason"]
    # its proof of publication: the feed's answer that listed it, kept whole and verified
    [capture] = json.loads(newswatch("evidence", str(record["id"]), "--json", config=crawl.config_path,
                                     check=True).stdout)
    assert (capture["url"], capture["http_status"], capture["check"]) == (site.url("vercors", "/breves.xml"), 200,
                                                                          "verified")
    assert capture["sha256"] == hashlib.sha256(feed).hexdigest() and capture["change"].startswith("the channel's")


def test_google_items_resolve_through_robots_and_sitemaps_of_an_outlet_not_configured(demo_site, tmp_path):
    config = tmp_path / "newswatch.toml"
    from newswatch.defaults import TOPICS_TOML

    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "a.db"}"\n[crawl]\nallow_hosts = ["127.0.0.1"]\n'
                      f'delay_seconds = 0\n\n{TOPICS_TOML}\n[[sources]]\nname = "google"\n'
                      f'search = "{demo_site.url("agg", "/rss/search")}?q={{query}}"\n', encoding="utf-8")
    newswatch("crawl", config=config, check=True)
    records = export(config)
    echo = records[by_slug(ECHO_SLUG).title]
    assert echo["text_status"] == "full" and echo["url"] == article_url(demo_site.base_urls, by_slug(ECHO_SLUG))
    recours = records[STORIES["recours"].title]  # resolved through the daily's news sitemap, then walled
    assert recours["text_status"] == "headline" and urlsplit(recours["url"]).path == STORIES["recours"].path
    assert recours["outlet"] == "La Voix du Vercors"


def test_sources_add_writes_a_block_that_the_next_crawl_uses(demo_site, tmp_path):
    config = tmp_path / "newswatch.toml"
    from newswatch.defaults import TOPICS_TOML

    config.write_text(f'# our watch\n[store]\nurl = "sqlite:///{tmp_path / "a.db"}"\n[crawl]\n'
                      f'allow_hosts = ["127.0.0.1"]  # the sample site\ndelay_seconds = 0\n\n{TOPICS_TOML}',
                      encoding="utf-8")
    added = newswatch("sources", "add", demo_site.url("vercors", "/"), "--name", "vercors", config=config, check=True)
    assert "rss.xml: 3 entries" in added.stdout and STORIES["recours"].title in added.stdout
    text = config.read_text(encoding="utf-8")
    assert "# our watch" in text and "# the sample site" in text and 'name = "vercors"' in text
    again = newswatch("sources", "add", demo_site.url("vercors", "/"), "--name", "vercors", config=config)
    assert again.returncode == 2 and "already exists" in again.stderr
    blocked = tmp_path / "newswatch.toml.part"
    blocked.mkdir()  # where the new config is written first: it cannot be
    unwritten = newswatch("sources", "add", demo_site.url("vercors", "/"), "--name", "other", config=config)
    assert unwritten.returncode == 2, unwritten.stderr
    assert unwritten.stderr == f"Error: cannot write {config}: Is a directory (nothing was added)\n"
    assert config.read_text(encoding="utf-8") == text
    blocked.rmdir()
    nothing = newswatch("sources", "add", demo_site.url("radio", "/"), config=config)
    assert nothing.returncode == 2 and "no readable feed or sitemap" in nothing.stderr
    newswatch("crawl", config=config, check=True)
    assert export(config)[STORIES["eau"].title]["text_status"] == "headline"


def test_a_matching_item_behind_any_wall_or_empty_answer_is_a_headline_with_its_reason(leads_crawl):
    """One crawl of a feed whose matching items answer a 429 with Retry-After, a Cloudflare 503 challenge, a
    picture, an empty page, a page without text and one whose text is only its menu: each is a headline record
    saying why; a scanned PDF is a
    document (archived with why its text is missing), not a headline."""
    crawl, _ = leads_crawl
    site = crawl.site
    for path, resource in wall_resources(site.base_urls, site.now).items():
        site.replace("hebdo", path, resource)
    with crawl.config_path.open("a", encoding="utf-8") as config:
        config.write(f'\n[[sources]]\nname = "murs"\nfeeds = ["{site.url("hebdo", WALLS_FEED)}"]\n')
    result = newswatch("crawl", "--source", "murs", config=crawl.config_path, check=True)
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr, result.stderr
    records = export(crawl.config_path)
    expected = {  # case -> (outcome, final, words of the reason)
        "rate_limited": ("rate_limited", False, "HTTP 429: the outlet limits automated readers (asks to wait 120 s)"),
        "cloudflare": ("blocked", True, "HTTP 503: the outlet blocks automated readers (a Cloudflare challenge page)"),
        "image": ("not_html", True, "content type image/jpeg"),
        "empty": ("no_text", True, "empty response body"),
        "no_text": ("no_text", True, "no extractable text in the page"),
        "navigation": ("no_text", True, "the page's text (6 words) does not show what its feed item says"),
    }
    with crawl.archive.sessions()() as session:
        fetches = {url: (outcome, bool(final), reason) for url, outcome, final, reason in session.execute(sql_text(
            "SELECT url, outcome, final, reason FROM fetches WHERE source = 'murs'"))}
    for case, (outcome, final, reason) in expected.items():
        story = WALL_STORIES[case]
        record = records[story.title]
        assert (record["text_status"], record["kind"], record["outlet"]) == ("headline", "article", None), case
        assert record["text_missing_reason"] == reason, case
        assert record["text"] == f"{story.summary}\nActualité", case  # its summary, then its category
        assert record["topics"] and record["url"] == site.url("hebdo", story.path), case
        assert fetches[record["url"]] == (outcome, final, reason), case
    scan = records[WALL_STORIES["scan"].title]
    assert (scan["kind"], scan["text_status"], scan["text"]) == ("document", "no_text", "") and scan["topics"]
    assert scan["text_missing_reason"].startswith("no text layer")
    assert len([r for r in exported(crawl.config_path) if r["source"] == "murs"]) == len(WALL_STORIES), "one each"


def test_a_news_sitemap_whose_pictures_come_first_still_gives_each_page_with_its_headline(leads_crawl):
    """A news sitemap whose <image:image> comes before an entry's <news:news>, or even before its <loc>: each page
    behind the bot wall is a headline record under its own URL and its news title (the picture has a <loc> and a
    <title> of its own: read as the entry's, one lead had the picture's title and matched nothing, the other was
    the picture)."""
    crawl, _ = leads_crawl
    site = crawl.site
    when = (site.now - timedelta(hours=3)).isoformat()
    chantier, photos = "/drome/sesterce-le-chantier-vu-du-ciel", "/drome/alixan-le-data-center-en-images"
    titles = {chantier: "Sesterce : le chantier de Rovaltain vu du ciel",
              photos: "Alixan : les premières images du data center de Sesterce"}

    def picture(name: str) -> str:
        return (f"<image:image><image:loc>{site.url('vercors', '/img/' + name)}</image:loc>"
                f"<image:title>Vue aérienne du parc d'activités</image:title></image:image>")

    def news(path: str) -> str:
        return (f"<news:news><news:publication><news:name>La Voix du Vercors</news:name><news:language>fr"
                f"</news:language></news:publication><news:publication_date>{when}</news:publication_date>"
                f"<news:title>{titles[path]}</news:title></news:news>")

    sitemap = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" '
               'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n'
               f"<url><loc>{site.url('vercors', chantier)}</loc>{picture('chantier.jpg')}{news(chantier)}</url>\n"
               f"<url>{picture('photos.jpg')}<loc>{site.url('vercors', photos)}</loc>{news(photos)}</url>\n</urlset>\n")
    site.replace("vercors", "/sitemap_images.xml", Resource(sitemap.encode(), XML, site.now))
    listing = site.url("vercors", "/sitemap_images.xml")
    with crawl.config_path.open("a", encoding="utf-8") as config:
        config.write(f'\n[[sources]]\nname = "vercors-images"\nsitemaps = ["{listing}"]\n')
    result = newswatch("crawl", "--source", "vercors-images", config=crawl.config_path, check=True)
    assert "Traceback" not in result.stderr, result.stderr
    mine = [r for r in exported(crawl.config_path) if r["source"] == "vercors-images"]
    expected = sorted((title, site.url("vercors", path)) for path, title in titles.items())
    assert sorted((r["title"], r["url"]) for r in mine) == expected
    for record in mine:
        assert record["text_status"] == "headline" and "DataDome" in record["text_missing_reason"], record["title"]
        assert "sesterce" in {topic["name"] for topic in record["topics"]}, record["title"]
    with crawl.archive.sessions()() as session:
        asked = [url for (url,) in session.execute(sql_text("SELECT url FROM fetches WHERE source = 'vercors-images'"))]
    assert sorted(asked) == sorted(site.url("vercors", p) for p in titles), "the pictures are not pages"


def test_a_walled_article_whose_news_sitemap_keywords_name_the_topic_is_a_lead(leads_crawl):
    """The daily behind the bot wall lists an article in its news sitemap as "Alixan : le conseil vote contre",
    tagged "Sesterce, data center, Rovaltain" (<news:keywords>); its site's PHP prints a notice before the XML.
    The notice made the sitemap unreadable, and the title alone names no topic: the article was lost. The
    sitemap is read from its XML on, and the keywords are what the sitemap says of it, as a feed's categories:
    a headline record, matched."""
    crawl, _ = leads_crawl
    site = crawl.site
    path, title = "/drome/alixan-le-conseil-vote-contre", "Alixan : le conseil vote contre"
    sitemap = ("<br />\n<b>Notice</b>: Undefined index: lang in /var/www/sitemap-news.php on line 12<br />\n"
               '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
               f"<url><loc>{site.url('vercors', path)}</loc><news:news><news:publication><news:name>La Voix du "
               f"Vercors</news:name><news:language>fr</news:language></news:publication><news:publication_date>"
               f"{(site.now - timedelta(hours=2)).isoformat()}</news:publication_date><news:title>{title}</news:title>"
               "<news:keywords>Sesterce, data center, Rovaltain, Alixan</news:keywords></news:news></url></urlset>")
    site.replace("vercors", "/sitemap-news-mots.xml", Resource(sitemap.encode(), XML, site.now))
    add_source(crawl, "vercors-mots", sitemaps=[site.url("vercors", "/sitemap-news-mots.xml")])
    newswatch("crawl", "--source", "vercors-mots", config=crawl.config_path, check=True)
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "vercors-mots"]
    assert (record["title"], record["url"], record["text_status"]) == (title, site.url("vercors", path), "headline")
    assert {"sesterce", "rovaltain", "datacenters"} <= {topic["name"] for topic in record["topics"]}


def listing(site, root: str, paths: list, dates: dict | None = None, outlet: str = "hebdo") -> Resource:
    """A sitemap (root "urlset") or a sitemap index ("sitemapindex") on an outlet's site (the weekly's) listing
    these paths, each with its <lastmod> from `dates` (path -> datetime) if there."""
    entry = "url" if root == "urlset" else "sitemap"
    entries = "".join(f"<{entry}><loc>{site.url(outlet, path)}</loc>"
                      + (f"<lastmod>{dates[path].isoformat()}</lastmod>" if path in (dates or {}) else "")
                      + f"</{entry}>" for path in paths)
    body = f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</{root}>'
    return Resource(body.encode(), XML, site.now)


LOOPING_ARTICLE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Sesterce : les riverains de Rovaltain écrivent au préfet</title></head><body><article>
<h1>Sesterce : les riverains de Rovaltain écrivent au préfet</h1>
<p>Une quarantaine d'habitants d'Alixan ont signé une lettre au préfet de la Drôme au sujet du centre de données
que Sesterce installe dans l'ancien bâtiment Ecotox du parc de Rovaltain.</p>
<p>Ils demandent que l'étude sur le bruit des groupes électrogènes soit rendue publique avant la fin de la
consultation, et que la consommation d'eau du refroidissement soit chiffrée site par site.</p>
<p>La préfecture indique avoir reçu le courrier et promet une réponse écrite dans le mois.</p>
</article></body></html>"""


def test_a_sitemap_index_that_lists_itself_is_read_once_and_the_run_ends_ok(leads_crawl):
    """A sitemap index that lists itself, and another index that lists it back: each is asked once, the article of
    their child sitemap is archived and the run ends ok (the index was asked again and again until the run's time
    limit, an hour by default, and the run failed)."""
    crawl, _ = leads_crawl
    site = crawl.site
    index, back, child = "/sitemap-boucle.xml", "/sitemap-retour.xml", "/sitemap-articles.xml"
    article = "/economie/sesterce-les-riverains-de-rovaltain-ecrivent-au-prefet"

    site.replace("hebdo", index, listing(site, "sitemapindex", [index, back, child]))
    site.replace("hebdo", back, listing(site, "sitemapindex", [index]))
    site.replace("hebdo", child, listing(site, "urlset", [article]))
    site.replace("hebdo", article, Resource(LOOPING_ARTICLE.encode(), HTML, site.now))
    with crawl.config_path.open("a", encoding="utf-8") as config:
        config.write(f'\n[[sources]]\nname = "boucle"\nsitemaps = ["{site.url("hebdo", index)}"]\n')
    before = len(site.requests)
    result = newswatch("crawl", "--source", "boucle", config=crawl.config_path, timeout=90, check=True)
    assert re.search(r"^run \d+: ok;", result.stdout, re.MULTILINE), result.stdout
    asked = [r.path for r in site.requests[before:] if r.outlet == "hebdo"]
    assert {path: asked.count(path) for path in (index, back, child, article)} == {index: 1, back: 1, child: 1,
                                                                                  article: 1}
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "boucle"]
    assert (record["url"], record["text_status"]) == (site.url("hebdo", article), "full")


def add_source(crawl, source: str, **channels: list[str]) -> None:
    """Add a source to the crawl's config: its channels by kind (feeds=[…], sitemaps=[…]), as URLs."""
    lists = "".join(f"{kind} = [{', '.join(f'{url!r}' for url in urls)}]\n" for kind, urls in channels.items())
    with crawl.config_path.open("a", encoding="utf-8") as config:
        config.write(f'\n[[sources]]\nname = "{source}"\n{lists}')


def crawl_feed(crawl, source: str, outlet: str, feed_path: str) -> dict:
    """Add the feed at `feed_path` on `outlet`'s site as a new source and crawl it: its exported records, by URL."""
    add_source(crawl, source, feeds=[crawl.site.url(outlet, feed_path)])
    newswatch("crawl", "--source", source, config=crawl.config_path, check=True)
    return {r["url"]: r for r in exported(crawl.config_path) if r["source"] == source}


def crawl_listing(crawl, source: str, path: str, title: str, content: str) -> dict:
    """Serve on the weekly's site a listing page at `path` (titled `title`, `content` its body's), add it as a new
    source's `pages` and crawl it: the source's exported records, by URL."""
    page = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f"{content}</body></html>")
    crawl.site.replace("hebdo", path, Resource(page.encode(), HTML, crawl.site.now))
    add_source(crawl, source, pages=[crawl.site.url("hebdo", path)])
    newswatch("crawl", "--source", source, config=crawl.config_path, check=True)
    return {r["url"]: r for r in exported(crawl.config_path) if r["source"] == source}


def publish_and_crawl(crawl, source: str, feed_path: str, pages: dict, heads: list[str] | None = None,
                      types: list[str] | None = None) -> dict:
    """Serve on the weekly's site an RSS feed of `pages` (path -> (title, paragraphs)), each page with its <head>
    extra (`heads`, in order) and content type (`types`, in order; text/html by default), crawl it as a new
    source: the source's exported records, by URL."""
    site = crawl.site
    when = site.now - timedelta(hours=5)
    items = [(path, title, when) for path, (title, _) in pages.items()]
    site.replace("hebdo", feed_path, rss_feed(site, "hebdo", items, channel=source))
    for head, kind, (path, (title, paragraphs)) in zip(heads or [""] * len(pages), types or [HTML] * len(pages),
                                                       pages.items()):
        site.replace("hebdo", path, article_page(title, paragraphs, when, head, kind))
    return crawl_feed(crawl, source, "hebdo", feed_path)


def test_an_article_split_over_pages_is_read_whole_and_matched_on_its_later_pages(leads_crawl):
    """A blog splits its long posts over pages (WordPress's `<!--nextpage-->`: `/slug/2/`, `/slug/3/`). A post
    whose first page tells of the county's water plan, and only its second of Sesterce's data center, matched
    nothing and was lost. Its later pages are read before it is matched: its text is all of them, its first
    page's `<link rel="next">` and its second page's pager are followed once each. A `<link rel="next">` to the
    next post is no part of a post: not asked for."""
    crawl, _ = leads_crawl
    site = crawl.site
    post, single, next_post = "/blog/le-plan-eau-de-la-drome/", "/blog/la-reunion-d-alixan/", "/blog/la-foire/"
    first = site.url("hebdo", post)
    title = "Le plan eau de la Drôme, en trois épisodes"
    pages = {
        post: ("Le département présente son plan pour l'eau potable : douze captages à protéger, trois nappes "
               "suivies chaque semaine et des restrictions plus tôt dans l'été.", f'<link rel="next" href="{first}2/">'),
        f"{post}2/": ("Le chantier de Sesterce au parc de Rovaltain pèse dans le débat : son centre de données devra "
                      "dire combien d'eau ses tours de refroidissement prélèveront chaque été.",
                      f'Pages : <a href="{first}">1</a> 2 <a href="{first}3/" class="post-page-numbers">3</a>'),
        f"{post}3/": ("La commission locale de l'eau rendra son avis en février, après une réunion publique à la "
                      "salle des fêtes.", f'Pages : <a href="{first}">1</a> <a href="{first}2/">2</a> 3'),
    }
    for number, (path, (paragraph, link)) in enumerate(pages.items()):
        head, pager = (link, "") if number == 0 else ("", link)
        site.replace("hebdo", path, article_page(title, [paragraph, pager] if pager else [paragraph], head=head))
    site.replace("hebdo", single, article_page("Alixan : réunion publique sur le data center de Sesterce", [
        "La mairie d'Alixan réunit les habitants jeudi soir au sujet du centre de données de Sesterce à Rovaltain.",
        "Le commissaire enquêteur tiendra une permanence le lendemain.",
        f'Pages : 1 <a href="{site.url("hebdo", single)}2/">2</a>'],  # a stale pager: its "2" redirects back here
        head=f'<link rel="next" href="{site.url("hebdo", next_post)}">'))
    site.replace("hebdo", f"{single}2/", Resource(b"", HTML, site.now, status=301,
                                                   headers=(("Location", site.url("hebdo", single)),)))
    when = site.now - timedelta(hours=5)
    site.replace("hebdo", "/blog/feed/", rss_feed(site, "hebdo", [(post, title, when), (single, "Réunion", when)]))
    site.reset_requests()
    records = crawl_feed(crawl, "blog-en-pages", "hebdo", "/blog/feed/")
    asked = [r.path for r in site.requests if r.outlet == "hebdo"]
    assert [asked.count(path) for path in pages] == [1, 1, 1] and next_post not in asked
    text = records[first]["text"]
    assert all(paragraph[:40] in text for paragraph, _ in pages.values()), text
    assert records[first]["topics"] and records[first]["title"] == title
    alone = records[site.url("hebdo", single)]["text"]
    assert "commission locale" not in alone and alone.count("La mairie d'Alixan réunit") == 1, alone
    assert asked.count(f"{single}2/") == 1
    # its evidence is every page it was read from, each verified: a first page alone proves no second page's words
    chain = json.loads(newswatch("evidence", str(records[first]["id"]), "--json", config=crawl.config_path,
                                 check=True).stdout)
    assert [(link["url"], link["change"], link["check"]) for link in chain] == [
        (first, "first sight", "verified"), (f"{first}2/", "first sight: its page 2", "verified"),
        (f"{first}3/", "first sight: its page 3", "verified")]
    assert len({link["text_sha256"] for link in chain}) == 1  # the one text they gave together


SPIP_PAGES = {  # path and query -> (title, paragraphs): a SPIP site's articles and a notice, each at its query
    "/spip.php?article412": ("Rovaltain : l'association des riverains demande une réunion publique", [
        "L'association des riverains du parc de Rovaltain a écrit au maire d'Alixan pour obtenir une réunion "
        "publique sur le centre de données de Sesterce avant la fin de la consultation.",
        "Elle veut connaître le nombre de groupes électrogènes prévus et les heures de leurs essais mensuels."]),
    "/spip.php?article413": ("Sesterce : le collectif publie ses questions sur l'eau du data center", [
        "Le collectif a mis en ligne vingt questions sur le refroidissement des 40 000 GPU que Sesterce veut "
        "installer dans l'ancien bâtiment Ecotox.",
        "Il demande notamment le volume d'eau prélevé chaque été et l'origine de cette eau."]),
    "/avis.php?ref=2026-77": ("Avis : consultation sur l'enregistrement du centre de données de Rovaltain", [
        "Le public peut consulter le dossier de la société Sesterce en mairie d'Alixan et donner son avis sur le "
        "registre ouvert à cet effet.",
        "Les observations sont reçues jusqu'au dernier jour de la consultation, à dix-sept heures."]),
}


def test_articles_told_apart_only_by_their_query_are_each_fetched_once(leads_crawl):
    """SPIP writes its articles `spip.php?article412`, other sites `avis.php?ref=2026-77`: each is an article of
    its own (every article of such a site had the identity of the first, and only that one was ever fetched),
    and a second crawl fetches none of them again."""
    crawl, _ = leads_crawl
    site = crawl.site
    mine = publish_and_crawl(crawl, "asso-spip", "/spip-backend.xml", SPIP_PAGES)
    assert sorted(mine) == sorted(site.url("hebdo", path) for path in SPIP_PAGES)
    for path, (title, paragraphs) in SPIP_PAGES.items():
        record = mine[site.url("hebdo", path)]
        assert (record["title"], record["text_status"]) == (title, "full")
        assert paragraphs[1] in record["text"]
    before = len(site.requests)
    newswatch("crawl", "--source", "asso-spip", config=crawl.config_path, check=True)
    again = [r.path for r in site.requests[before:] if r.outlet == "hebdo" and r.path in SPIP_PAGES]
    assert again == [], "a second crawl fetches no article again"


def test_a_hand_made_feed_with_bare_ampersands_in_its_links_gives_each_page_at_its_address(leads_crawl):
    """A town's hand-made feed links its notices as `index.php?id=12&lang=fr`, the ampersand bare: feedparser
    read `&lang` as a character and the notice was asked, and archived, at `?id=12%E2%8C%A9=fr`: an address the
    town's site does not know (a site that reads its query strictly answers it with an error or its home page).
    Each is read at its own address."""
    crawl, _ = leads_crawl
    site = crawl.site
    when = site.now - timedelta(hours=2)
    path, title = "/index.php?id=12&lang=fr", "Avis d'enquête publique : centre de données de Rovaltain"
    feed = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Avis & actualités</title>'
            f"<item><title>{title}</title><link>{site.url('hebdo', path)}</link><pubDate>"
            f"{when.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item></channel></rss>")
    site.replace("hebdo", "/avis-mairie.xml", Resource(feed.encode(), "application/rss+xml", when))
    site.replace("hebdo", path, article_page(title, [
        "Une enquête publique sur la demande d'autorisation environnementale de la société Sesterce pour son centre "
        "de données de Rovaltain est ouverte en mairie d'Alixan du 4 au 29 janvier.",
        "Le commissaire enquêteur tiendra quatre permanences ; le dossier est consultable aux heures d'ouverture."],
        when))
    mine = crawl_feed(crawl, "avis-mairie", "hebdo", "/avis-mairie.xml")
    assert list(mine) == [site.url("hebdo", path)]
    assert mine[site.url("hebdo", path)]["text_status"] == "full"


def test_what_a_collective_s_post_links_is_fetched_when_the_post_matches(leads_crawl):
    """A residents' collective posts on Mastodon: "Nuages Bas parle de notre recours contre Sesterce", with the
    link to the article, and the prefecture's notice as a PDF. The post's page is an application's, with no words:
    the post was kept as a headline, and the article and the notice it links were never read. What a matching
    item's text links is fetched as what a matching article cites (other sites' articles, documents)."""
    from newswatch.demo.documents import consultation_notice

    crawl, _ = leads_crawl
    site = crawl.site
    when = site.now - timedelta(hours=1)
    article = "/2026/12/05/le-collectif-de-rovaltain-depose-un-second-recours"
    notice = "/prefecture/avis-consultation-sesterce.pdf"
    site.replace("nuages", article, article_page("Le collectif de Rovaltain dépose un second recours", [
        "Les riverains du parc de Rovaltain contestent l'enregistrement du centre de données de Sesterce devant "
        "le tribunal administratif de Grenoble.", "Le préfet a deux mois pour répondre."], when))
    site.replace("hebdo", notice, Resource(consultation_notice(site.now).pdf(), "application/pdf", site.now))
    post = "/@collectif/113456789"
    site.replace("hebdo", post, Resource(b'<!DOCTYPE html><html><head><title>Mastodon</title></head><body>'
                                         b'<div id="mastodon"></div><script src="/app.js"></script></body></html>',
                                         HTML, when))
    said = (f'&lt;p&gt;Nuages Bas parle de notre recours contre Sesterce : &lt;a href="{site.url("nuages", article)}"'
            f'&gt;nuages.example/2026/12/05/le-collectif&lt;/a&gt; et l\'avis du préfet : &lt;a href="'
            f'{site.url("hebdo", notice)}"&gt;avis&lt;/a&gt; &lt;a href="{site.url("hebdo", "/tags/rovaltain")}"&gt;'
            "#Rovaltain&lt;/a&gt;&lt;/p&gt;")
    feed = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Collectif</title><item><guid>'
            f'{site.url("hebdo", post)}</guid><link>{site.url("hebdo", post)}</link><pubDate>'
            f"{when.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate><description>{said}</description></item>"
            "</channel></rss>")
    site.replace("hebdo", "/@collectif.rss", Resource(feed.encode(), "application/rss+xml", when))
    mine = crawl_feed(crawl, "collectif-masto", "hebdo", "/@collectif.rss")
    assert mine[site.url("hebdo", post)]["text_status"] in ("headline", "no_text")
    assert mine[site.url("nuages", article)]["text_status"] == "full"
    assert mine[site.url("hebdo", notice)]["kind"] == "document"
    assert site.url("hebdo", "/tags/rovaltain") not in mine  # the instance's own hashtag page is no article


SHARED_OG_URL = {  # path -> (title, paragraphs): a small outlet whose theme writes one URL as every og:url
    "/breves/alixan-le-conseil-vote-contre-le-data-center": (
        "Alixan : le conseil municipal vote contre le data center", [
        "Par quinze voix contre quatre, le conseil municipal d'Alixan a émis un avis défavorable au projet de "
        "centre de données de Sesterce au parc de Rovaltain.",
        "Le maire rappelle que cet avis est consultatif et que la décision appartient au préfet."]),
    "/breves/sesterce-repond-aux-elus-d-alixan": ("Sesterce répond aux élus d'Alixan sur le bruit", [
        "Dans un communiqué, Sesterce assure que les groupes électrogènes de Rovaltain ne tourneront que lors "
        "des essais et des coupures de courant.",
        "L'entreprise propose une visite du chantier aux conseillers municipaux au début de l'année."]),
    "/breves/rovaltain-une-petition-en-ligne": (
        "Rovaltain : une pétition en ligne contre les groupes électrogènes", [
        "Une pétition demande que les essais des groupes électrogènes du data center de Sesterce aient lieu en "
        "semaine et en journée.",
        "Elle a recueilli trois cents signatures en deux jours, surtout à Alixan et à Châteauneuf-sur-Isère."]),
    "/breves/ecotox-le-batiment-change-de-mains": ("Ecotox : le bâtiment de Rovaltain change de mains", [
        "L'ancien bâtiment Ecotox a été vendu à une société liée à Sesterce, selon l'acte publié au service "
        "de la publicité foncière.",
        "Le prix n'a pas été communiqué par les parties."]),
}


def test_pages_whose_canonical_is_the_home_page_or_their_section_are_each_an_article(leads_crawl):
    """A theme that writes the home page (or the section) as every page's og:url or rel=canonical: each page is
    still an article of its own, under its own URL (all but the first were folded into it as "same URL", and
    lost)."""
    crawl, _ = leads_crawl
    site = crawl.site
    home, section = site.url("hebdo", "/"), site.url("hebdo", "/breves/")
    heads = [f'<link rel="canonical" href="{home}">', f'<meta property="og:url" content="{home}">',
             f'<link rel="canonical" href="{section}">', f'<meta property="og:url" content="{section}">']
    mine = publish_and_crawl(crawl, "meme-og-url", "/breves/rss.xml", SHARED_OG_URL, heads)
    assert sorted(mine) == sorted(site.url("hebdo", path) for path in SHARED_OG_URL)
    for path, (title, paragraphs) in SHARED_OG_URL.items():
        record = mine[site.url("hebdo", path)]
        assert record["title"] == title and paragraphs[1] in record["text"]


NOTICE = ("Par arrêté préfectoral du {date}, une consultation du public est ouverte sur la demande "
          "d'enregistrement présentée par la société {company} pour l'exploitation {activity}, dans le parc "
          "d'activités de Rovaltain, sur le territoire de la commune d'Alixan. Le dossier est consultable en "
          "mairie d'Alixan aux jours et heures habituels d'ouverture, ainsi que sur le site internet des "
          "services de l'État dans la Drôme.|Le public peut formuler ses observations sur le registre ouvert à "
          "cet effet en mairie ou par voie électronique, pendant toute la durée de la consultation, du {start} "
          "au {end} inclus. À l'issue de la consultation, le préfet de la Drôme statuera sur la demande par un "
          "arrêté d'enregistrement, éventuellement assorti de prescriptions particulières, ou par un arrêté de "
          "refus.")
NOTICES = {  # path -> (title, paragraphs): two notices of one template, for two companies
    "/avis/entrepot-logistique-rovaltain": (
        "Avis de consultation du public : entrepôt logistique à Rovaltain",
        NOTICE.format(date="12 novembre 2026", company="Logistique Rhône Sud", start="1er décembre",
                      end="29 décembre 2026",
                      activity="d'un entrepôt de stockage de produits combustibles").split("|")),
    "/avis/centre-de-donnees-rovaltain": (
        "Avis de consultation du public : centre de données à Rovaltain",
        NOTICE.format(date="25 novembre 2026", company="Sesterce", start="4 décembre", end="2 janvier 2027",
                      activity="d'un centre de données et de ses groupes électrogènes de secours").split("|")),
}


def test_two_notices_of_one_template_are_two_articles_each_with_its_topics(leads_crawl):
    """Two notices of one outlet written on one template (71 % of their word triples shared) are near copies of
    each other, but not the same article: other titles, and the second names Sesterce. Each is archived with its
    own topics, and a story of its own (the second was folded into the first, and its Sesterce match lost)."""
    crawl, _ = leads_crawl
    site = crawl.site
    mine = publish_and_crawl(crawl, "avis-rovaltain", "/avis.xml", NOTICES)
    assert sorted(mine) == sorted(site.url("hebdo", path) for path in NOTICES)
    logistics, sesterce = (mine[site.url("hebdo", path)] for path in NOTICES)
    assert "Logistique Rhône Sud" in logistics["text"] and "Sesterce" in sesterce["text"]
    assert "sesterce" not in {t["name"] for t in logistics["topics"]}
    assert {"sesterce", "rovaltain"} <= {t["name"] for t in sesterce["topics"]}
    assert logistics["story_id"] != sesterce["story_id"] and sesterce["duplicate_of"] is None


def test_a_title_that_recurs_each_month_gives_a_lead_each_month(leads_crawl):
    """Two items of a walled outlet with one recurring title, eleven days apart: two headline records (the later
    one was filed under the earlier, as its URL, and never reached the digest)."""
    crawl, _ = leads_crawl
    site = crawl.site
    title = "Conseil municipal d'Alixan : où en est le dossier Sesterce ?"
    items = {"/drome/conseil-municipal-alixan-novembre": (12, "Le conseil a demandé une étude de bruit."),
             "/drome/conseil-municipal-alixan-decembre": (1, "Le conseil a voté un avis défavorable.")}
    feed = "".join(f"<item><title>{title}</title><link>{site.url('vercors', path)}</link><description>{summary}"
                   f"</description><pubDate>{(site.now - timedelta(days=days)).strftime('%a, %d %b %Y %H:%M:%S +0000')}"
                   "</pubDate></item>" for path, (days, summary) in items.items())
    body = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Conseils</title>{feed}'
    site.replace("vercors", "/conseils.xml", Resource(f"{body}</channel></rss>".encode(), "application/rss+xml",
                                                      site.now))
    with crawl.config_path.open("a", encoding="utf-8") as config:
        config.write(f'\n[[sources]]\nname = "conseils"\nfeeds = ["{site.url("vercors", "/conseils.xml")}"]\n')
    newswatch("crawl", "--source", "conseils", config=crawl.config_path, check=True)
    mine = {r["url"]: r for r in exported(crawl.config_path) if r["source"] == "conseils"}
    assert sorted(mine) == sorted(site.url("vercors", path) for path in items)
    for path, (_, summary) in items.items():
        record = mine[site.url("vercors", path)]
        assert (record["title"], record["text_status"], record["text"]) == (title, "headline", summary)


def test_an_index_s_old_sitemaps_are_not_read_when_its_dates_are_kept(leads_crawl):
    """A sitemap index whose sitemaps carry their <lastmod>: one older than max_age_days can list no URL recent
    enough to fetch, and is not asked (a large site lists one per month for twenty years: all were asked on every
    crawl); one without a date is. An index whose every sitemap is old keeps its dates badly: all are read."""
    crawl, _ = leads_crawl
    site = crawl.site
    old, recent, undated = "/plan/2015-03.xml", "/plan/recent.xml", "/plan/sans-date.xml"
    stale, stale_child = "/plan-fige.xml", "/plan/fige-1.xml"
    articles = {recent: "/economie/sesterce-plan-recent", undated: "/economie/sesterce-plan-sans-date",
                old: "/archives/2015/vieux-article", stale_child: "/economie/sesterce-plan-fige"}
    long_ago, yesterday = datetime(2015, 3, 31, tzinfo=UTC), site.now - timedelta(days=1)
    site.replace("hebdo", "/plan.xml", listing(site, "sitemapindex", [old, recent, undated],
                                               {old: long_ago, recent: yesterday}))
    site.replace("hebdo", stale, listing(site, "sitemapindex", [stale_child], {stale_child: long_ago}))
    for child, article in articles.items():
        site.replace("hebdo", child, listing(site, "urlset", [article]))
        site.replace("hebdo", article, Resource(LOOPING_ARTICLE.encode(), HTML, site.now))
    with crawl.config_path.open("a", encoding="utf-8") as config:
        config.write(f'\n[[sources]]\nname = "plan"\nsitemaps = ["{site.url("hebdo", "/plan.xml")}", '
                     f'"{site.url("hebdo", stale)}"]\n')
    before = len(site.requests)
    newswatch("crawl", "--source", "plan", config=crawl.config_path, check=True)
    asked = {r.path for r in site.requests[before:] if r.outlet == "hebdo"}
    assert {recent, undated, stale_child, articles[recent], articles[undated], articles[stale_child]} <= asked
    assert not {old, articles[old]} & asked


def test_a_feed_item_that_names_the_topic_only_in_its_full_text_is_a_lead(leads_crawl):
    """A feed whose items carry their full text (content:encoded) besides a summary: a page behind the bot wall,
    and an open page whose text is the same council report without the paragraph on the data center (the outlet's
    page and feed differ). The topic is named only in the feed's full text: both were lost (the walled one matched
    on its title and summary only, the open one skipped by the prefilter); now the first is a headline record whose
    text is the feed's, searchable, and the second an article matched with its feed item."""
    crawl, _ = leads_crawl
    site = crawl.site
    when = (site.now - timedelta(hours=2)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    walled, open_page = "/drome/alixan-le-conseil-de-decembre", "/drome/chateauneuf-le-conseil-de-decembre"
    report = ("Le conseil a d'abord voté le budget de la voirie et la rénovation de la cantine scolaire, après un "
              "long débat sur le prix des repas et le nombre d'agents. Les élus ont ensuite adopté le plan de "
              "circulation du centre-bourg, qui sera mis à l'essai au printemps, puis la convention avec le "
              "syndicat des eaux pour le renouvellement des canalisations de la rue principale.")
    sesterce = ("En fin de séance, le maire a lu la réponse de Sesterce sur les essais des groupes électrogènes "
                "du centre de données de Rovaltain.")
    items = {walled: "Alixan : ce qu'il faut retenir du conseil municipal de décembre",
             open_page: "Châteauneuf-sur-Isère : ce qu'il faut retenir du conseil municipal"}
    feed = "".join(f"<item><title>{title}</title><link>{site.url('vercors', path)}</link><pubDate>{when}</pubDate>"
                   "<description>Budget, voirie, cantine : les décisions de la séance.</description>"
                   f"<content:encoded><![CDATA[<p>{report}</p>\n<p>{sesterce}</p>]]></content:encoded></item>"
                   for path, title in items.items())
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Conseils</title>'
            f"{feed}</channel></rss>")
    site.replace("vercors", "/conseils-complets.xml", Resource(body.encode(), "application/rss+xml", site.now))
    # an open page of the walled site
    site.replace("vercors", open_page, article_page(items[open_page], [report], site.now))
    mine = crawl_feed(crawl, "conseils-complets", "vercors", "/conseils-complets.xml")
    assert sorted(mine) == sorted(site.url("vercors", path) for path in items)
    headline, article = mine[site.url("vercors", walled)], mine[site.url("vercors", open_page)]
    assert (headline["title"], headline["text_status"]) == (items[walled], "headline")
    assert "DataDome" in headline["text_missing_reason"]
    assert headline["text"] == f"{report}\n{sesterce}"  # the outlet's own words, from its feed
    assert (article["title"], article["text_status"], article["text"]) == (items[open_page], "full", report)
    for record in (headline, article):
        assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in record["topics"]}, record["title"]
    found = json.loads(newswatch("search", "groupes électrogènes Alixan", "--json", config=crawl.config_path,
                                 check=True).stdout)
    assert items[walled] in [r["title"] for r in found]


def test_a_title_with_soft_hyphens_inside_its_words_is_a_lead(leads_crawl):
    """Soft hyphens and zero-width spaces inside the words of a headline (a CMS's hyphenation): in the feed's title
    of a page behind the bot wall, and in an open page's <title> and <h1>. FTS5 read "Ses\u00adterce" as two words:
    neither matched a topic, both were lost. Both are leads now, their titles stored and searchable whole."""
    crawl, _ = leads_crawl
    site = crawl.site
    when = site.now - timedelta(hours=2)
    walled, open_page = "/drome/ses-terce-en-commission", "/drome/les-essais-repousses"
    feed_titles = {walled: "Ses&#173;terce : le centre de don&#173;nées d'Ali&#173;xan passe en commission",
                   open_page: "Ses&#8203;terce : les essais du centre de don&#8203;nées repoussés"}
    site.replace("vercors", "/drome-coupes.xml",
                 rss_feed(site, "vercors", [(path, title, when) for path, title in feed_titles.items()], "Drôme"))
    heading = "Ses&shy;terce : les essais du centre de don&shy;nées repoussés"
    site.replace("vercors", open_page, article_page(heading, [
        "Les essais prévus cette semaine sont repoussés au mois prochain, a fait savoir l'exploitant, sans en donner "
        "la raison.", "La mairie dit ne pas avoir été prévenue et demande un calendrier écrit avant la prochaine "
        "séance du conseil."], site.now))
    mine = crawl_feed(crawl, "drome-coupes", "vercors", "/drome-coupes.xml")
    assert sorted(mine) == sorted(site.url("vercors", path) for path in feed_titles)
    headline, article = mine[site.url("vercors", walled)], mine[site.url("vercors", open_page)]
    assert (headline["title"], headline["text_status"]) == (
        "Sesterce : le centre de données d'Alixan passe en commission", "headline")
    assert (article["title"], article["text_status"]) == ("Sesterce : les essais du centre de données repoussés",
                                                          "full")
    assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in headline["topics"]}
    assert "sesterce" in {topic["name"] for topic in article["topics"]}
    found = json.loads(newswatch("search", "Sesterce commission", "--json", config=crawl.config_path,
                                 check=True).stdout)
    assert headline["title"] in [r["title"] for r in found]


def test_a_page_listed_before_it_is_online_is_asked_again_and_completes_its_headline(leads_crawl):
    """A feed lists an item before its page is online (a scheduled post, a cache): the page answers 404. An item
    dated within two days is a headline record meanwhile and its URL is asked again on the next run, which finds
    the page and completes the record in place (the 404 was final: the article was never read). An item three
    days old that answers 404 is final at once."""
    crawl, _ = leads_crawl
    site = crawl.site
    fresh, old = "/actu/sesterce-la-date-de-la-reunion-publique", "/actu/sesterce-un-article-retire"
    items = {fresh: ("Data center de Rovaltain : la date de la réunion publique", site.now - timedelta(hours=3)),
             old: ("Data center de Rovaltain : un article retiré", site.now - timedelta(days=3))}
    site.replace("hebdo", "/actu.xml", rss_feed(site, "hebdo", [(path, title, when)
                                                                for path, (title, when) in items.items()]))
    with crawl.config_path.open("a", encoding="utf-8") as config:
        config.write(f'\n[[sources]]\nname = "actu-avance"\nfeeds = ["{site.url("hebdo", "/actu.xml")}"]\n')
    newswatch("crawl", "--source", "actu-avance", config=crawl.config_path, check=True)
    first = {r["url"]: r for r in exported(crawl.config_path) if r["source"] == "actu-avance"}
    fresh_url, old_url = site.url("hebdo", fresh), site.url("hebdo", old)
    assert first[fresh_url]["text_status"] == "headline"
    assert first[fresh_url]["text_missing_reason"] == "HTTP 404: its item is 3 h old, the page may not be online yet"
    assert (first[old_url]["text_status"], first[old_url]["text_missing_reason"]) == ("headline", "HTTP 404")
    with crawl.archive.sessions()() as session:
        final = dict(session.execute(sql_text("SELECT url, final FROM fetches WHERE source = 'actu-avance'")).all())
    assert (bool(final[fresh_url]), bool(final[old_url])) == (False, True)
    site.replace("hebdo", fresh, article_page(items[fresh][0], [
        "La réunion publique sur le centre de données de Sesterce aura lieu le 15 décembre à la salle des fêtes "
        "d'Alixan, à vingt heures.", "Le préfet, la mairie et l'entreprise y répondront aux questions des habitants "
        "sur le bruit et sur l'eau."], site.now))
    site.replace("hebdo", old, Resource(LOOPING_ARTICLE.encode(), HTML, site.now))
    before = len(site.requests)
    newswatch("crawl", "--source", "actu-avance", config=crawl.config_path, check=True)
    asked = [r.path for r in site.requests[before:] if r.outlet == "hebdo" and r.path in items]
    assert asked == [fresh], "the page not yet online is asked again, the old 404 is not"
    second = {r["url"]: r for r in exported(crawl.config_path) if r["source"] == "actu-avance"}
    assert second[fresh_url]["id"] == first[fresh_url]["id"] and second[fresh_url]["text_status"] == "full"
    assert "salle des fêtes d'Alixan" in second[fresh_url]["text"] and second[fresh_url]["text_missing_reason"] is None
    assert second[old_url]["text_status"] == "headline"


MISLABELLED = {  # path -> (title, paragraphs): a town hall's pages, sent under the wrong content type
    "/mairie/actualites.php?id=88": ("Alixan : permanence sur le projet de data center", [
        "La mairie d'Alixan tiendra une permanence sur le centre de données de Sesterce au parc de Rovaltain, "
        "chaque samedi matin jusqu'à la fin de la consultation.",
        "Les habitants pourront y consulter le dossier et poser leurs questions aux élus."]),
    "/mairie/actualites.php?id=89": ("Alixan : le registre de la consultation est ouvert", [
        "Le registre de la consultation sur le data center de Rovaltain est ouvert en mairie, aux heures "
        "d'ouverture habituelles.",
        "Les observations peuvent aussi être envoyées par courrier au commissaire enquêteur."]),
}


def test_a_page_sent_under_another_content_type_is_read_as_the_html_it_is(leads_crawl):
    """A small site's server sends its pages as text/plain or application/octet-stream: a page that begins as
    HTML does (a doctype, <html>) is read as one (each was a headline record, "content type text/plain")."""
    crawl, _ = leads_crawl
    site = crawl.site
    mine = publish_and_crawl(crawl, "mairie-alixan", "/mairie/rss.php", MISLABELLED,
                             types=["text/plain; charset=utf-8", "application/octet-stream"])
    assert sorted(mine) == sorted(site.url("hebdo", path) for path in MISLABELLED)
    for path, (title, paragraphs) in MISLABELLED.items():
        record = mine[site.url("hebdo", path)]
        assert (record["title"], record["text_status"]) == (title, "full") and paragraphs[1] in record["text"]


LATIN1_HEADER = {  # path -> (title, paragraphs): UTF-8 pages whose server's default charset says Latin-1
    "/energie/centre-de-donnees-chateauneuf": ("Châteauneuf : le centre de données à l'enquête publique", [
        "Le projet de centre de données au nord de la commune sera soumis à enquête publique dès lundi.",
        "Le dossier détaille la puissance électrique demandée et le réseau de chaleur prévu pour les écoles."]),
}


def test_a_utf8_page_whose_server_says_latin1_is_read_with_its_accents(leads_crawl):
    """A UTF-8 page (its <meta> says so) sent with `charset=iso-8859-1` in its HTTP header, as a server's default
    charset often has it: read as Latin-1, its title and text said "donnÃ©es" and matched no topic. It was a
    headline record, saved by its feed's title; a lead whose feed gives no title (a sitemap) was lost."""
    crawl, _ = leads_crawl
    site = crawl.site
    mine = publish_and_crawl(crawl, "energie", "/energie/rss.xml", LATIN1_HEADER,
                             types=["text/html; charset=iso-8859-1"])
    [(path, (title, paragraphs))] = LATIN1_HEADER.items()
    record = mine[site.url("hebdo", path)]
    assert (record["title"], record["text_status"]) == (title, "full") and paragraphs[1] in record["text"]
    assert "datacenters" in {topic["name"] for topic in record["topics"]}


def test_an_item_whose_categories_name_the_topic_is_a_lead(leads_crawl):
    """A daily's feed tags its items (<category>): behind its bot wall, an item whose title and summary name no topic
    but whose tags say "Sesterce" and "Data center" was lost; it is a headline record now, its tags a line of its
    text. An open page tagged so, whose text says only "the company", is matched with its feed item."""
    crawl, _ = leads_crawl
    site = crawl.site
    when = site.now - timedelta(hours=2)
    walled, open_page = "/drome/alixan-le-permis-est-valide", "/drome/alixan-la-commission-d-enquete"
    items = {walled: ("Alixan : le permis de construire est validé", "Le maire a signé l'arrêté jeudi."),
             open_page: ("Alixan : la commission d'enquête rend son avis", "Un avis favorable, avec réserves.")}
    tags = "<category>Drôme</category><category>Sesterce</category><category>Data center</category>"
    site.replace("vercors", "/drome-tags.xml", rss_feed(site, "vercors", [
        (path, title, when, f"<description>{summary}</description>{tags}") for path, (title, summary) in items.items()],
        "Drôme"))
    text = ("La commission d'enquête a rendu un avis favorable au projet de l'entreprise, assorti de trois réserves "
            "sur le bruit, l'eau et la chaleur rejetée. Le préfet a désormais trois mois pour statuer. Les "
            "riverains, qui avaient déposé plus de deux cents observations au registre, disent étudier le rapport "
            "ligne par ligne avant de décider d'un éventuel nouveau recours devant le tribunal administratif.")
    site.replace("vercors", open_page, article_page(items[open_page][0], [text], site.now))
    mine = crawl_feed(crawl, "drome-tags", "vercors", "/drome-tags.xml")
    assert sorted(mine) == sorted(site.url("vercors", path) for path in items)
    headline, article = mine[site.url("vercors", walled)], mine[site.url("vercors", open_page)]
    assert (headline["title"], headline["text_status"], headline["text"]) == (
        items[walled][0], "headline", "Le maire a signé l'arrêté jeudi.\nDrôme, Sesterce, Data center")
    assert (article["title"], article["text_status"], article["text"]) == (items[open_page][0], "full", text)
    for record in (headline, article):
        assert {"sesterce", "rovaltain", "datacenters"} <= {topic["name"] for topic in record["topics"]}


def test_a_known_url_listed_again_with_words_of_a_topic_is_fetched_again(leads_crawl):
    """A daily's general sitemap (no titles) lists a page behind its bot wall and an open page whose text names no
    topic: neither is recorded. Its feed then lists both, the walled one with a title that names the topic: that URL
    was skipped as known and the lead lost; it is fetched again and becomes a headline record. The other, whose
    feed title names no topic either, is not asked for again."""
    crawl, _ = leads_crawl
    site = crawl.site
    when = site.now - timedelta(hours=2)
    walled, open_page = "/drome/le-permis-est-attaque", "/drome/la-foire-de-printemps"
    titles = {walled: "Data center de Rovaltain : le permis de Sesterce attaqué",
              open_page: "Chabeuil : la foire de printemps revient en avril"}
    urls = bare_sitemap(site, "/plan-general.xml", titles, when)
    text = ("La foire de printemps revient sur la place du village avec une centaine d'exposants, des animations "
            "pour les enfants et un marché de producteurs. ") * 3
    site.replace("vercors", open_page, article_page(titles[open_page], [text], site.now))
    add_source(crawl, "vercors-plan", sitemaps=[site.url("vercors", "/plan-general.xml")])
    newswatch("crawl", "--source", "vercors-plan", config=crawl.config_path, check=True)
    assert not set(urls.values()) & {r["url"] for r in exported(crawl.config_path)}
    items = [(path, title, when) for path, title in titles.items()]
    site.replace("vercors", "/une.xml", rss_feed(site, "vercors", items, "Une"))
    site.reset_requests()
    mine = crawl_feed(crawl, "vercors-une", "vercors", "/une.xml")
    asked = {r.path for r in site.requests if r.outlet == "vercors"}
    assert walled in asked and open_page not in asked
    [record] = mine.values()
    assert (record["url"], record["title"], record["text_status"]) == (urls[walled], titles[walled], "headline")
    assert {"sesterce", "rovaltain", "datacenters"} <= {topic["name"] for topic in record["topics"]}
    assert "DataDome" in record["text_missing_reason"]


def test_a_url_listed_bare_then_with_words_in_the_same_crawl_gets_them(leads_crawl):
    """One source, a general sitemap (no titles) and two feeds of a daily behind its bot wall. Its two pages were
    scheduled bare from the sitemap and the feeds' titles, which name the topic, never reached them: both leads
    were lost. A page answered after its feed was read is built with the feed's words; one answered before (its
    feed answers 3 s late) is asked for again once every channel is read. Both are headline records now."""
    crawl, _ = leads_crawl
    site = crawl.site
    when = site.now - timedelta(hours=2)
    early, late = "/drome/le-prefet-saisi", "/drome/la-commission-reunie"
    titles = {early: "Sesterce : les riverains de Rovaltain saisissent le préfet",
              late: "Data center d'Alixan : la commission d'enquête réunie"}
    urls = bare_sitemap(site, "/plan-mixte.xml", titles, when)
    for name, path, delay in (("/une-tot.xml", early, 0.0), ("/une-tard.xml", late, 3.0)):
        site.replace("vercors", name, rss_feed(site, "vercors", [(path, titles[path], when)], "Une", delay=delay))
    site.replace("vercors", early, Resource(CHALLENGE, "text/html; charset=utf-8", site.now, status=403,
                                            headers=CHALLENGE_HEADERS, delay=1.0))  # answered after its feed
    add_source(crawl, "vercors-mixte", sitemaps=[site.url("vercors", "/plan-mixte.xml")],
               feeds=[site.url("vercors", "/une-tot.xml"), site.url("vercors", "/une-tard.xml")])
    site.reset_requests()
    newswatch("crawl", "--source", "vercors-mixte", config=crawl.config_path, check=True)
    asked = [r.path for r in site.requests if r.outlet == "vercors"]
    assert (asked.count(early), asked.count(late)) == (1, 2)
    mine = {r["url"]: r for r in exported(crawl.config_path) if r["source"] == "vercors-mixte"}
    assert sorted(mine) == sorted(urls.values())
    for path, url in urls.items():
        record = mine[url]
        assert (record["title"], record["text_status"]) == (titles[path], "headline")
        assert "rovaltain" in {topic["name"] for topic in record["topics"]}, path


WORDPRESS = "https://wordpress.org/?v=6.7.1"


def test_a_feed_that_scrolled_past_its_last_read_is_read_on_its_next_pages(leads_crawl):
    """A busy WordPress site's feed, read daily: by the next read, all of its items are newer than the last one,
    and the lead published in between had left it, lost. Its next pages (`?paged=2`, then 3) are read until they
    reach the last read. A feed that says no next page is said to have a gap, on stderr, once."""
    crawl, _ = leads_crawl
    site = crawl.site
    now = datetime.now(UTC)
    for path in ("/wp/feed/", "/court.xml"):
        site.replace("hebdo", path, rss_feed(site, "hebdo", [("/wp/ancien", "Valence : le marché de Noël", now)],
                                             generator=WORDPRESS))
    add_source(crawl, "wp-chargé", feeds=[site.url("hebdo", "/wp/feed/")])
    add_source(crawl, "sans-pages", feeds=[site.url("hebdo", "/court.xml")])
    newswatch("crawl", "--source", "wp-chargé", "--source", "sans-pages", config=crawl.config_path, check=True)
    with crawl.archive.sessions()() as session:  # a day goes by
        session.execute(sql_text("UPDATE channels SET checked_at = :when WHERE url LIKE '%/wp/feed/' "
                                 "OR url LIKE '%/court.xml'"), {"when": now - timedelta(days=1)})
        session.commit()
    recent = [(f"/wp/breve-{h}", f"Chabeuil : brève numéro {h}", now - timedelta(hours=h)) for h in (1, 2, 3)]
    lead = ("/wp/le-recours-depose", "Rovaltain : le recours contre le data center de Sesterce déposé",
            now - timedelta(hours=12))
    pages = {"/wp/feed/": recent, "/wp/feed/?paged=2": [lead, *recent[:1]],  # one repeated
             "/wp/feed/?paged=3": [("/wp/vieux", "Vieux", now - timedelta(days=3))],
             "/wp/feed/?paged=4": [("/wp/tres-vieux", "Très vieux", now)]}
    for path, items in pages.items():
        site.replace("hebdo", path, rss_feed(site, "hebdo", items, generator=WORDPRESS))
    site.replace("hebdo", "/court.xml", rss_feed(site, "hebdo", recent, generator="https://example.org/cms"))
    site.replace("hebdo", lead[0], Resource(LOOPING_ARTICLE.encode(), HTML, site.now))
    site.reset_requests()
    result = newswatch("crawl", "--source", "wp-chargé", "--source", "sans-pages", config=crawl.config_path,
                       check=True)
    asked = [r.path for r in site.requests if r.outlet == "hebdo"]
    assert {"/wp/feed/?paged=2", "/wp/feed/?paged=3", lead[0]} <= set(asked) and "/wp/feed/?paged=4" not in asked
    assert asked.count(f"{recent[0][0]}") == 1
    [record] = [r for r in exported(crawl.config_path) if r["url"] == site.url("hebdo", lead[0])]
    assert record["source"] == "wp-chargé" and record["text_status"] == "full"
    [gap] = [line for line in result.stderr.splitlines() if "may have dropped items" in line]
    assert "sans-pages" in gap and "/court.xml" in gap and "Crawl it more often" in gap


RECOURS_ARTICLE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Rovaltain : le collectif dépose son recours contre le centre de données</title></head><body><article>
<h1>Rovaltain : le collectif dépose son recours contre le centre de données</h1>
<p>Le collectif des riverains d'Alixan a déposé mardi au tribunal administratif de Grenoble un recours contre
l'arrêté préfectoral qui autorise Sesterce à exploiter son centre de données dans l'ancien bâtiment Ecotox.</p>
<p>Ses membres contestent l'étude d'impact, qu'ils jugent muette sur la consommation d'eau des tours de
refroidissement en été, et demandent la suspension des travaux le temps que le juge se prononce.</p>
</article></body></html>"""


def test_a_feed_dated_in_french_that_scrolled_past_its_last_read_is_read_on_its_next_pages(leads_crawl):
    """A French WordPress feed prints its items' dates in French ("mar., 01 déc. 2026 10:00:00 +0000"), which
    feedparser does not read: undated, its items could not tell that the feed had scrolled past its last read,
    and the lead published in between was lost. Read now (newswatch.text.dates.parse_feed_date), they do: the
    feed's next page is read, the lead is found, and dated as the feed dates it."""
    crawl, _ = leads_crawl
    site = crawl.site
    now = datetime.now(UTC).replace(microsecond=0)
    market = ("/fr/wp/marche-de-noel", "Valence : le marché de Noël ouvre", now - timedelta(hours=30))
    site.replace("hebdo", "/fr/wp/feed/", rss_feed(site, "hebdo", [market], generator=WORDPRESS, spell=french_date))
    add_source(crawl, "wp-en-français", feeds=[site.url("hebdo", "/fr/wp/feed/")])
    newswatch("crawl", "--source", "wp-en-français", config=crawl.config_path, check=True)
    with crawl.archive.sessions()() as session:  # a day goes by
        session.execute(sql_text("UPDATE channels SET checked_at = :when WHERE url LIKE '%/fr/wp/feed/'"),
                        {"when": now - timedelta(days=1)})
        session.commit()
    recent = [(f"/fr/wp/breve-{h}", f"Chabeuil : brève numéro {h}", now - timedelta(hours=h)) for h in (1, 2)]
    lead = ("/fr/wp/le-collectif-depose-son-recours",
            "Rovaltain : le collectif dépose son recours contre le centre de données", now - timedelta(hours=10))
    for path, items in {"/fr/wp/feed/": recent, "/fr/wp/feed/?paged=2": [lead, market]}.items():
        site.replace("hebdo", path, rss_feed(site, "hebdo", items, generator=WORDPRESS, spell=french_date))
    site.replace("hebdo", lead[0], Resource(RECOURS_ARTICLE.encode(), HTML, site.now))
    site.reset_requests()
    newswatch("crawl", "--source", "wp-en-français", config=crawl.config_path, check=True)
    assert "/fr/wp/feed/?paged=2" in [r.path for r in site.requests if r.outlet == "hebdo"]
    [record] = [r for r in exported(crawl.config_path) if r["url"] == site.url("hebdo", lead[0])]
    assert (record["source"], record["text_status"]) == ("wp-en-français", "full")
    assert (record["published_at"][:19], record["date_source"]) == (lead[2].isoformat()[:19], "feed")


def test_a_feed_and_a_page_gzipped_twice_are_read(leads_crawl):
    """A server that compresses what its CMS already compressed sends gzip inside gzip: Scrapy undoes one layer.
    The feed was "not a feed" (a channel error, its leads lost) and the page no text; both are read now."""
    crawl, _ = leads_crawl
    site = crawl.site
    path, title = "/compresse/rovaltain-la-reunion", "Rovaltain : la réunion sur le data center reportée"
    feed = rss_feed(site, "hebdo", [(path, title, site.now - timedelta(hours=3))])
    site.replace("hebdo", "/compresse.xml", Resource(gzip.compress(feed.body), feed.content_type, site.now))
    site.replace("hebdo", path, Resource(gzip.compress(LOOPING_ARTICLE.encode()), HTML, site.now))
    [record] = crawl_feed(crawl, "compresse", "hebdo", "/compresse.xml").values()
    assert (record["url"], record["text_status"]) == (site.url("hebdo", path), "full")
    assert "groupes électrogènes" in record["text"]


def test_a_url_whose_categories_come_late_in_the_crawl_is_asked_again(leads_crawl):
    """A daily behind its bot wall, with a news sitemap (titles only) and a feed that answers 3 s late with the same
    title, a summary and categories: its page was built with the title alone, which names no topic, and the lead
    was lost. It is asked for again once every channel is read, and is a headline record with the feed's words."""
    crawl, _ = leads_crawl
    site = crawl.site
    when = site.now - timedelta(hours=2)
    path, title = "/drome/l-arrete-est-signe", "Alixan : le maire signe l'arrêté du permis de construire"
    url = site.url("vercors", path)
    sitemap = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/'
               f'schemas/sitemap-news/0.9"><url><loc>{url}</loc><news:news><news:publication_date>{when.isoformat()}'
               f"</news:publication_date><news:title>{title}</news:title></news:news></url></urlset>")
    site.replace("vercors", "/plan-news.xml", Resource(sitemap.encode(), XML, site.now))
    said = ("<description>Le maire a signé l'arrêté.</description><category>Sesterce</category>"
            "<category>Data center</category>")
    site.replace("vercors", "/une-lente.xml", rss_feed(site, "vercors", [(path, title, when, said)], "Une", delay=3.0))
    add_source(crawl, "vercors-lent", sitemaps=[site.url("vercors", "/plan-news.xml")],
               feeds=[site.url("vercors", "/une-lente.xml")])
    site.reset_requests()
    newswatch("crawl", "--source", "vercors-lent", config=crawl.config_path, check=True)
    assert [r.path for r in site.requests if r.outlet == "vercors"].count(path) == 2
    [record] = [r for r in exported(crawl.config_path) if r["url"] == url]
    assert (record["title"], record["text_status"], record["text"]) == (
        title, "headline", "Le maire a signé l'arrêté.\nSesterce, Data center")
    assert {"sesterce", "rovaltain", "datacenters"} <= {topic["name"] for topic in record["topics"]}


MORNING = ["Le marché de la place des Clercs est avancé à sept heures à cause des travaux de la rue "
           "Madier-de-Montjau.",
           "La piscine Jean-Pommier rouvre ses bassins extérieurs samedi après deux semaines de réparations.",
           "Les bus de la ligne 4 sont déviés par l'avenue Victor-Hugo jusqu'à nouvel ordre."]
NOON = ("Le conseil d'agglomération a voté ce midi l'avis demandé sur le centre de données que Sesterce installe "
        "dans l'ancien bâtiment Ecotox du parc de Rovaltain : 41 voix pour, 12 contre.")


def test_a_page_that_changed_since_it_matched_no_topic_is_fetched_again(leads_crawl):
    """A live page ("the day's news") is read in the morning, when it names no topic; at noon it reports the vote
    on Sesterce's data center, and its sitemap's <lastmod> says it changed. It was known, skipped for good, the lead
    lost; it is fetched again and archived. A page whose <lastmod> did not move is not asked again, nor are the
    pages of a sitemap that stamps every URL with the time it was made (its dates say nothing of a change)."""
    crawl, _ = leads_crawl
    site = crawl.site
    live, quiet = "/direct/valence-au-fil-du-jour", "/sport/le-derby-de-rugby"
    stamped = ["/direct/romans-au-fil-du-jour", "/direct/crest-au-fil-du-jour"]
    site.replace("hebdo", live, article_page("Valence au fil du jour", MORNING))
    site.replace("hebdo", quiet, article_page("Rugby : le derby se joue dimanche", MORNING[1:]))
    for path in stamped:
        site.replace("hebdo", path, article_page("Au fil du jour", MORNING[:2]))
    morning = datetime.now(UTC) - timedelta(hours=1)
    site.replace("hebdo", "/plan-direct.xml", listing(site, "urlset", [live, quiet], {live: morning, quiet: morning
                                                                                       - timedelta(hours=1)}))
    site.replace("hebdo", "/plan-tampon.xml", listing(site, "urlset", stamped, dict.fromkeys(stamped, morning)))
    add_source(crawl, "direct", sitemaps=[site.url("hebdo", "/plan-direct.xml"), site.url("hebdo", "/plan-tampon.xml")])
    newswatch("crawl", "--source", "direct", config=crawl.config_path, check=True)
    assert not [r for r in exported(crawl.config_path) if r["source"] == "direct"]

    noon = datetime.now(UTC) + timedelta(seconds=1)
    site.replace("hebdo", live, article_page("Valence au fil du jour", [NOON, *MORNING]))
    for path in stamped:
        site.replace("hebdo", path, article_page("Au fil du jour", [NOON, *MORNING[:2]]))
    site.replace("hebdo", "/plan-direct.xml", listing(site, "urlset", [live, quiet], {live: noon, quiet: morning
                                                                                       - timedelta(hours=1)}))
    site.replace("hebdo", "/plan-tampon.xml", listing(site, "urlset", stamped, dict.fromkeys(stamped, noon)))
    site.reset_requests()
    run = newswatch("crawl", "--source", "direct", config=crawl.config_path, check=True)
    asked = [r.path for r in site.requests if r.outlet == "hebdo"]
    assert asked.count(live) == 1 and quiet not in asked and not set(stamped) & set(asked)
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "direct"]
    assert (record["url"], record["title"], record["text_status"]) == (
        site.url("hebdo", live), "Valence au fil du jour", "full")
    assert "41 voix pour" in record["text"]
    assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in record["topics"]}
    assert run.stderr == ""


SECTION = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Drôme - Le Vercors</title></head><body>
<nav><a href="/drome/">Drôme</a> <a href="/ardeche/">Ardèche</a></nav><main>
<div class="une"><a href="{walled}"><img src="/photo.jpg" alt=""></a>
<h2><a href="{walled}">Data center de Rovaltain : les riverains attaquent le permis de Sesterce</a></h2>
<p><a href="{walled}">Le recours a été déposé vendredi devant le tribunal administratif de Grenoble.</a></p></div>
<div class="une"><h2><a href="{other}">Chabeuil : la foire de printemps revient en avril</a></h2></div>
</main></body></html>"""


def test_an_article_behind_a_wall_listed_on_a_section_page_is_a_headline_with_its_link_text(leads_crawl):
    """A daily's section page is open, its articles are behind its bot wall. The page's links were followed with
    no words, so the walled article about the permit appeal was lost; its link's text is its headline now: a
    headline record, titled so. The other walled article, whose headline names no topic, leaves no record."""
    crawl, _ = leads_crawl
    site = crawl.site
    walled, other = "/drome/rovaltain-le-permis-attaque-4821733", "/drome/chabeuil-la-foire-revient-4821740"
    page = SECTION.format(walled=site.url("vercors", walled), other=site.url("vercors", other))
    site.replace("vercors", "/drome/", Resource(page.encode(), HTML, site.now))
    add_source(crawl, "vercors-drome", pages=[site.url("vercors", "/drome/")])
    site.reset_requests()
    newswatch("crawl", "--source", "vercors-drome", config=crawl.config_path, check=True)
    assert {walled, other} <= {r.path for r in site.requests if r.outlet == "vercors"}
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "vercors-drome"]
    assert (record["url"], record["title"], record["text_status"]) == (
        site.url("vercors", walled), "Data center de Rovaltain : les riverains attaquent le permis de Sesterce",
        "headline")
    assert {"sesterce", "rovaltain", "datacenters"} <= {topic["name"] for topic in record["topics"]}
    assert "DataDome" in record["text_missing_reason"]


def mangled(text: str) -> str:
    """The text as a CMS that reads its UTF-8 as Windows-1252 stores it, and sends it again in UTF-8."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def test_a_page_whose_text_was_mangled_at_its_source_is_read_as_written(leads_crawl):
    """A small site's CMS stores UTF-8 read as Windows-1252 and serves "centre de donnÃ©es": FTS5 read "donna" and
    "es", the only words naming a topic missed, and the page was `no_topic`. It is read as written now, and
    archived with its text put right."""
    crawl, _ = leads_crawl
    title = "Romans : un projet présenté au conseil municipal"
    paragraphs = ["Une société lyonnaise a présenté lundi au conseil municipal son projet de centre de données de "
                  "vingt mégawatts sur la zone des Allobroges, à Romans-sur-Isère.",
                  "L’opposition demande d’où viendra l’électricité, et combien d’emplois seront créés."]
    mine = publish_and_crawl(crawl, "mangled", "/mangled.xml",
                             {"/economie/romans-un-projet-presente": (title, [mangled(p) for p in paragraphs])})
    [record] = mine.values()
    assert [topic["name"] for topic in record["topics"]] == ["datacenters"]
    assert record["text"].split("\n") == paragraphs


LOGIN_PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Connexion - Le Vercors</title>
<link rel="canonical" href="{canonical}"></head><body><main><h1>Connectez-vous</h1>
<p>Pour lire cet article, connectez-vous à votre compte ou créez-en un : l'inscription est gratuite et ne prend
qu'une minute. Vous pourrez ensuite lire trois articles par mois, recevoir nos lettres d'information du matin et
du soir, et commenter l'actualité de votre commune avec les autres lecteurs de notre journal régional.</p>
<p>Déjà inscrit ? Saisissez votre adresse électronique et votre mot de passe. Mot de passe oublié ? Nous vous
envoyons un lien pour en choisir un nouveau. Vous n'avez pas encore de compte ? Découvrez nos offres d'abonnement
numérique, à partir d'un euro le premier mois, sans engagement, résiliable à tout moment depuis votre espace.</p>
<form action="/connexion" method="post"><input name="email"><input name="password" type="password"></form>
</main></body></html>"""


def redirected_leads(crawl, source: str, outlet: str, titles: dict, landing: str, landing_page: Resource,
                     reason: str) -> None:
    """Serve on `outlet`'s site a feed of `titles` (path -> title) whose pages each redirect to `landing` (a path,
    `{path}` standing for the article's), which answers `landing_page`; crawl it as a new source: each item is a
    headline record, with its own title and a reason that says `reason`."""
    site = crawl.site
    when = site.now - timedelta(hours=2)
    site.replace(outlet, urlsplit(site.url(outlet, landing)).path, landing_page)
    for path in titles:
        site.replace(outlet, path, Resource(b"", HTML, site.now, status=302, headers=(
            ("Location", site.url(outlet, landing.format(path=path))),)))
    site.replace(outlet, f"/{source}.xml", rss_feed(site, outlet, [(p, t, when) for p, t in titles.items()]))
    records = crawl_feed(crawl, source, outlet, f"/{source}.xml")
    assert sorted(records) == sorted(site.url(outlet, path) for path in titles)
    for path, title in titles.items():
        record = records[site.url(outlet, path)]
        assert (record["title"], record["text_status"]) == (title, "headline")
        assert reason in record["text_missing_reason"]


def test_articles_that_redirect_to_a_login_page_are_each_a_headline(leads_crawl):
    """A daily sends its readers without an account to its login page (302 to /connexion?redirect=…), whose long
    pitch was archived as the article's text, and whose title made the second article the same as the first:
    folded into it, the lead lost. A redirect to a login or subscription page is a wall: each is a headline."""
    crawl, _ = leads_crawl
    login = LOGIN_PAGE.format(canonical=crawl.site.url("vercors", "/connexion")).encode()
    redirected_leads(crawl, "vercors-premium", "vercors",
                     {"/drome/sesterce-le-recours-depose": "Sesterce : le recours des riverains de Rovaltain déposé",
                      "/drome/alixan-la-reunion-publique": "Data center d'Alixan : la réunion publique fixée au 12"},
                     "/connexion?redirect={path}", Resource(login, HTML, crawl.site.now), "connexion")


HOME_PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>L'Hebdo de la Drôme</title></head>
<body><main><h1>L'Hebdo de la Drôme</h1>
<article><h2>Rovaltain : Sesterce présente son data center aux élus</h2><p>Les élus de l'agglomération ont visité
l'ancien bâtiment Ecotox, où Sesterce veut installer ses serveurs de calcul d'ici la fin de l'année prochaine.</p>
</article><article><h2>Valence : le marché de Noël ouvre samedi</h2><p>Une soixantaine de chalets s'installent sur
le Champ-de-Mars jusqu'au 24 décembre, avec une patinoire et des animations chaque soir de la semaine.</p></article>
<article><h2>Crest : la tour rouvre ses portes</h2><p>Après dix-huit mois de travaux, le donjon accueille de nouveau
les visiteurs, avec un parcours repensé et une exposition sur l'histoire de la vallée de la Drôme.</p></article>
</main></body></html>"""


def test_articles_that_redirect_to_the_home_page_are_each_a_headline(leads_crawl):
    """A weekly sends a removed article, and one not public yet, to its home page: the home page's text was taken
    for the first article's, and its title made the second the same article, folded, the lead lost. Each is a
    headline record now, asked again on the next runs (`soft_404`, not final): the page may come."""
    crawl, _ = leads_crawl
    redirected_leads(crawl, "hebdo-retires", "hebdo",
                     {"/economie/sesterce-retire": "Sesterce : l'article retiré sur la levée de fonds",
                      "/economie/rovaltain-pas-encore": "Rovaltain : la visite du chantier du data center annoncée"},
                     "/", Resource(HOME_PAGE.encode(), HTML, crawl.site.now), "redirected to the home page")
    with crawl.archive.sessions()() as session:
        judged = session.execute(sql_text("SELECT outcome, final FROM fetches WHERE source = 'hebdo-retires'")).all()
    assert [(outcome, bool(final)) for outcome, final in judged] == [("soft_404", False)] * 2


NOT_FOUND_PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Page introuvable - L'Hebdo</title>
</head><body><main><h1>Page introuvable</h1><p>La page que vous cherchez a peut-être été déplacée ou supprimée, ou
son adresse a changé. Vérifiez l'adresse saisie, ou revenez à la page d'accueil pour retrouver nos derniers articles
sur l'actualité de la Drôme et de l'Ardèche.</p><p>Vous pouvez aussi consulter nos rubriques économie, société,
sport et culture, ou utiliser le moteur de recherche en haut de chaque page pour trouver un article par ses mots.
</p></main></body></html>"""


def test_articles_answered_by_a_not_found_page_are_each_a_headline(leads_crawl):
    """A weekly answers 200 with its "Page introuvable" page for two articles its feed lists: each was archived as a
    full article titled "Page introuvable", with that page's text, and the digest said so twice, the headlines
    nowhere. Each is a headline record now, asked again on the next runs (`soft_404`): the page may come."""
    crawl, _ = leads_crawl
    site = crawl.site
    titles = {"/societe/sesterce-la-petition": "Sesterce : la pétition contre le data center dépasse mille signatures",
              "/societe/rovaltain-le-debat": "Rovaltain : le débat sur le data center fixé en janvier"}
    for path in titles:
        site.replace("hebdo", path, Resource(NOT_FOUND_PAGE.encode(), HTML, site.now))
    when = site.now - timedelta(hours=2)
    site.replace("hebdo", "/introuvables.xml", rss_feed(site, "hebdo", [(p, t, when) for p, t in titles.items()]))
    records = crawl_feed(crawl, "hebdo-introuvables", "hebdo", "/introuvables.xml")
    assert sorted(records) == sorted(site.url("hebdo", path) for path in titles)
    for path, title in titles.items():
        record = records[site.url("hebdo", path)]
        assert (record["title"], record["text_status"]) == (title, "headline")
        assert "the page says it is not found ('Page introuvable')" in record["text_missing_reason"]


def test_a_channel_with_an_address_no_parser_reads_gives_its_other_items(leads_crawl):
    """A feed and a sitemap each list, beside their good items, an address no URL parser reads (a port out of
    range, a bracket where a host should be: a template's placeholder left in). It raised out of the channel's
    callback: a traceback on stderr, and every item of the channel lost. They are left out now, the rest read."""
    crawl, _ = leads_crawl
    site = crawl.site
    when = site.now - timedelta(hours=2)
    good = {"/breves/sesterce-le-chantier-reprend": "Sesterce : le chantier du data center de Rovaltain reprend",
            "/breves/alixan-le-transformateur-livre": "Alixan : le transformateur du data center livré"}
    for path, title in good.items():
        body = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head><body>'
                f"<article><h1>{title}</h1><p>{title}. {LOOPING_ARTICLE.split('<p>')[1]}</article></body></html>")
        site.replace("hebdo", path, Resource(body.encode(), HTML, site.now))
    broken = ["http://[url_du_site]/breves/le-gabarit", "http://127.0.0.1:99999/breves/le-port"]
    items = "".join(f"<item><title>Sesterce : un lien cassé</title><link>{url}</link></item>" for url in broken)
    feed = rss_feed(site, "hebdo", [(path, good[path], when) for path in list(good)[:1]])
    site.replace("hebdo", "/casse.xml", Resource(feed.body.replace(b"<item>", items.encode() + b"<item>", 1),
                                                 feed.content_type, site.now))
    entries = "".join(f"<url><loc>{url}</loc></url>" for url in [*broken, site.url("hebdo", list(good)[1])])
    site.replace("hebdo", "/casse-plan.xml", Resource(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode(), XML, site.now))
    add_source(crawl, "casse", feeds=[site.url("hebdo", "/casse.xml")], sitemaps=[site.url("hebdo", "/casse-plan.xml")])
    run = newswatch("crawl", "--source", "casse", config=crawl.config_path)
    assert (run.returncode, run.stderr) == (0, "")
    mine = {r["url"]: r for r in exported(crawl.config_path) if r["source"] == "casse"}
    assert sorted(mine) == sorted(site.url("hebdo", path) for path in good)


def test_a_walled_article_listed_bare_is_a_headline_when_its_address_names_the_topic(leads_crawl):
    """A daily behind its bot wall lists its articles in a sitemap without titles: nothing was said of them, and
    the one about the permit appeal was lost. Its address spells its headline: a headline record, titled with
    those words, whose reason says so. An address whose words name no topic leaves no record."""
    crawl, _ = leads_crawl
    site = crawl.site
    appeal = "/drome/2026/12/03/sesterce-le-permis-du-data-center-attaque-4821733.html"
    fair = "/drome/2026/12/03/chabeuil-la-foire-de-printemps-revient-4821740.html"
    urls = bare_sitemap(site, "/plan-adresses.xml", {appeal: "", fair: ""}, site.now - timedelta(hours=2))
    add_source(crawl, "vercors-adresses", sitemaps=[site.url("vercors", "/plan-adresses.xml")])
    newswatch("crawl", "--source", "vercors-adresses", config=crawl.config_path, check=True)
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "vercors-adresses"]
    assert (record["url"], record["title"], record["text_status"]) == (
        urls[appeal], "Sesterce le permis du data center attaque", "headline")
    assert {"sesterce", "datacenters"} <= {topic["name"] for topic in record["topics"]}
    assert record["text_missing_reason"].endswith("(titled with the words of its address)")
    assert "DataDome" in record["text_missing_reason"]


def test_a_headline_titled_with_its_address_takes_the_title_a_channel_gives_it_later(leads_crawl):
    """A walled daily's sitemap without titles listed the permit appeal: a headline record titled with the words
    of its address ("Sesterce recours permis data center"). When its feed lists it the next day with its headline,
    the record keeps that slug title for good: the archive, the search and the exports showed it, and a search
    for the headline's words did not find it. It takes the feed's title now, and its reason no longer says it
    was titled with its address."""
    crawl, _ = leads_crawl
    site = crawl.site
    appeal = "/drome/2026/12/04/sesterce-recours-permis-data-center-4821790.html"
    urls = bare_sitemap(site, "/plan-recours.xml", {appeal: ""}, site.now - timedelta(hours=2))
    add_source(crawl, "vercors-recours", sitemaps=[site.url("vercors", "/plan-recours.xml")],
               feeds=[site.url("vercors", "/recours.xml")])
    site.replace("vercors", "/recours.xml", rss_feed(site, "vercors", []))
    newswatch("crawl", "--source", "vercors-recours", config=crawl.config_path, check=True)
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "vercors-recours"]
    assert record["title"] == "Sesterce recours permis data center"
    headline = "Les riverains portent le permis de Sesterce devant le tribunal administratif de Grenoble"
    listed = [(appeal, headline, site.now - timedelta(hours=1))]
    site.replace("vercors", "/recours.xml", rss_feed(site, "vercors", listed))
    newswatch("crawl", "--source", "vercors-recours", config=crawl.config_path, check=True)
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "vercors-recours"]
    assert (record["url"], record["title"], record["text_status"]) == (urls[appeal], headline, "headline")
    assert "DataDome" in record["text_missing_reason"] and "address" not in record["text_missing_reason"]
    found = json.loads(newswatch("search", "tribunal administratif", "--json", config=crawl.config_path,
                                 check=True).stdout)
    assert headline in [r["title"] for r in found]


def test_a_text_sitemap_gives_its_articles(leads_crawl):
    """A small site's sitemap is the protocol's text form, one address a line: it was "not a sitemap", a channel
    error, and its article about the riverains' letter lost."""
    crawl, _ = leads_crawl
    site = crawl.site
    paths = ["/textes/sesterce-les-riverains-ecrivent-au-prefet", "/textes/une-page-sans-rapport-avec-le-sujet"]
    site.replace("hebdo", paths[0], Resource(LOOPING_ARTICLE.encode(), HTML, site.now))
    site.replace("hebdo", paths[1], article_page("Au fil du jour", MORNING))
    lines = "".join(f"{site.url('hebdo', path)}\n" for path in paths)
    site.replace("hebdo", "/sitemap.txt", Resource(lines.encode(), "text/plain; charset=utf-8", site.now))
    add_source(crawl, "texte", sitemaps=[site.url("hebdo", "/sitemap.txt")])
    run = newswatch("crawl", "--source", "texte", config=crawl.config_path, check=True)
    assert run.stderr == ""
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "texte"]
    assert (record["url"], record["text_status"]) == (site.url("hebdo", paths[0]), "full")


def test_a_feed_that_now_answers_the_home_page_is_read_from_the_feed_it_announces(leads_crawl):
    """A weekly redid its site: its old feed address sends to its home page, which announces the new feed. The
    feed was a channel error on every run, and its items lost until someone changed the config. The announced
    feed is read in its place; the error stays, and says which address to put in the source."""
    crawl, _ = leads_crawl
    site = crawl.site
    path = "/nouveau/sesterce-les-riverains-ecrivent"
    site.replace("hebdo", path, Resource(LOOPING_ARTICLE.encode(), HTML, site.now))
    site.replace("hebdo", "/nouveau-flux.xml", rss_feed(site, "hebdo", [(path, "Sesterce : les riverains de "
                                                                         "Rovaltain écrivent", site.now)]))
    home = HOME_PAGE.replace("</head>", f'<link rel="alternate" type="application/rss+xml" title="Actualités" '
                                        f'href="{site.url("hebdo", "/nouveau-flux.xml")}"></head>')
    site.replace("hebdo", "/accueil", Resource(home.encode(), HTML, site.now))
    site.replace("hebdo", "/ancien-flux.rss", Resource(b"", HTML, site.now, status=301, headers=(
        ("Location", site.url("hebdo", "/accueil")),)))
    add_source(crawl, "refait", feeds=[site.url("hebdo", "/ancien-flux.rss")])
    run = newswatch("crawl", "--source", "refait", config=crawl.config_path)
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "refait"]
    assert (record["url"], record["text_status"]) == (site.url("hebdo", path), "full")
    assert f"it announces the feed {site.url('hebdo', '/nouveau-flux.xml')}, read instead" in run.stdout + run.stderr


def test_a_recurring_title_of_the_outlet_s_own_feed_is_a_lead_each_day(leads_crawl):
    """A daily behind its bot wall publishes its readers' letters under one title, "Courrier des lecteurs", each
    at its own address. Two letters about Sesterce three days apart: the second was taken for the first under
    another URL (same outlet, same title, within 7 days) and folded into its record, the lead lost. A title
    shared by two of the outlet's own addresses is one article only when they are dated within a day."""
    crawl, _ = leads_crawl
    site = crawl.site
    letters = {
        "/opinions/courrier-des-lecteurs-4821901": (site.now - timedelta(days=3, hours=2),
                                                    "Une lectrice d'Alixan craint le bruit du data center de Sesterce."),
        "/opinions/courrier-des-lecteurs-4823377": (site.now - timedelta(hours=2),
                                                    "Un lecteur de Chabeuil défend les emplois du data center de Sesterce."),
    }
    items = [(path, "Courrier des lecteurs", when, f"<description>{said}</description>")
             for path, (when, said) in letters.items()]
    site.replace("vercors", "/opinions.xml", rss_feed(site, "vercors", items))
    records = crawl_feed(crawl, "vercors-opinions", "vercors", "/opinions.xml")
    assert sorted(records) == sorted(site.url("vercors", path) for path in letters)
    assert {record["text"] for record in records.values()} == {said for _, said in letters.values()}


WORDPRESS_PAGER = '<a class="next page-numbers" href="{href}">Suivant</a>'
# Drupal 7, as many town halls' sites still run it: no rel="next", the class on the list item, pages counted from 0
DRUPAL_PAGER = ('<ul class="pager"><li class="pager-current first">1</li><li class="pager-item"><a title="Aller à la '
                'page 2" href="{href}">2</a></li><li class="pager-next"><a title="Aller à la page suivante" '
                'href="{href}">suivant ›</a></li></ul>')


def section(site, paths: list[str], next_path: str | None = None, pager: str = WORDPRESS_PAGER) -> Resource:
    """A section page of the weekly's site: a teaser per path (its headline a link in a heading), and a link to
    its next page if any, as WordPress writes it (or as `pager` does)."""
    teasers = "".join(f'<article><h2><a href="{site.url("hebdo", path)}">{path.rsplit("/", 1)[-1].replace("-", " ")}'
                      f"</a></h2></article>" for path in paths)
    more = pager.format(href=site.url("hebdo", next_path)) if next_path else ""
    page = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Drôme</title></head>'
            f"<body><main>{teasers}</main>{more}</body></html>")
    return Resource(page.encode(), HTML, datetime.now(UTC))


def listed_articles(site, old: str, new: str, lead: str, *listings: str) -> tuple[list[str], list[str], str]:
    """Two articles listed on the last read (paths `old` 1 and 2), two since (`new` 1 and 2) that name no topic,
    and the lead, on the weekly's site; each of `listings` a section page showing the first two."""
    old_paths, new_paths = [f"{old}{n}" for n in (1, 2)], [f"{new}{n}" for n in (1, 2)]
    for path in [*old_paths, *new_paths]:
        site.replace("hebdo", path, article_page("Au fil du jour", MORNING))
    site.replace("hebdo", lead, Resource(LOOPING_ARTICLE.encode(), HTML, site.now))
    for listing in listings:
        site.replace("hebdo", listing, section(site, old_paths))
    return old_paths, new_paths, lead


def test_a_listing_page_that_scrolled_past_its_last_read_is_read_on_its_next_pages(leads_crawl):
    """A section page lists its last articles only: by the next daily read it shows none of those it showed, and
    the lead published in between had left it, lost. Its next pages are read until one shows a link seen before;
    a listing that names no next page is said to have a gap, on stderr."""
    crawl, _ = leads_crawl
    site = crawl.site
    old, new, lead = listed_articles(site, "/section/breve-ancienne-numero-", "/section/breve-nouvelle-numero-",
                                     "/section/sesterce-les-riverains-ecrivent-au-prefet")
    for name in ("/section/", "/rubrique-courte/"):
        site.replace("hebdo", name, section(site, old))
    add_source(crawl, "section", pages=[site.url("hebdo", "/section/")])
    add_source(crawl, "rubrique-courte", pages=[site.url("hebdo", "/rubrique-courte/")])
    newswatch("crawl", "--source", "section", "--source", "rubrique-courte", config=crawl.config_path, check=True)
    site.replace("hebdo", "/section/", section(site, new, "/section/page/2/"))
    site.replace("hebdo", "/section/page/2/", section(site, [lead], "/section/page/3/"))
    site.replace("hebdo", "/section/page/3/", section(site, old, "/section/page/4/"))
    site.replace("hebdo", "/rubrique-courte/", section(site, new))
    site.reset_requests()
    result = newswatch("crawl", "--source", "section", "--source", "rubrique-courte", config=crawl.config_path,
                       check=True)
    asked = [r.path for r in site.requests if r.outlet == "hebdo"]
    assert {"/section/page/2/", "/section/page/3/", lead} <= set(asked) and "/section/page/4/" not in asked
    [record] = [r for r in exported(crawl.config_path) if r["url"] == site.url("hebdo", lead)]
    assert record["source"] == "section" and record["text_status"] == "full"
    [gap] = [line for line in result.stderr.splitlines() if "may have dropped links" in line]
    assert "rubrique-courte" in gap and "it names no next page" in gap


def paged_by_drupal(site, listing: str, pages: list[list[str]]) -> None:
    """The listing's pages on the weekly's site, each showing its paths, paged as Drupal pages (`?page=1` is the
    second), each naming a next page (the last one's is never asked for)."""
    for number, paths in enumerate(pages):
        site.replace("hebdo", f"{listing}?page={number}" if number else listing,
                     section(site, paths, f"{listing}?page={number + 1}", DRUPAL_PAGER))


def test_a_town_listing_whose_pager_names_no_next_page_in_rel_or_class_is_read_on_its_next_pages(leads_crawl):
    """A town hall's Drupal site marks its pager's next link on the list item, not the link, and numbers its pages
    in the query (`?page=1` is the second): after days unread, its news page showed only what came since, and the
    town's notice on the data center, on its second page, was lost, said on stderr as a listing without a next
    page. The pager's numbers name the next page now."""
    crawl, _ = leads_crawl
    site = crawl.site
    old, new, lead = listed_articles(site, "/mairie/actualites/travaux-rue-numero-",
                                     "/mairie/actualites/marche-de-noel-numero-",
                                     "/mairie/actualites/sesterce-avis-de-la-commune-sur-le-permis",
                                     "/mairie/actualites")
    add_source(crawl, "mairie-drupal", pages=[site.url("hebdo", "/mairie/actualites")])
    newswatch("crawl", "--source", "mairie-drupal", config=crawl.config_path, check=True)
    paged_by_drupal(site, "/mairie/actualites", [new, [lead], old])
    site.reset_requests()
    result = newswatch("crawl", "--source", "mairie-drupal", config=crawl.config_path, check=True)
    asked = [r.path for r in site.requests if r.outlet == "hebdo"]
    assert {"/mairie/actualites?page=1", "/mairie/actualites?page=2", lead} <= set(asked)
    assert "/mairie/actualites?page=3" not in asked
    [record] = [r for r in exported(crawl.config_path) if r["url"] == site.url("hebdo", lead)]
    assert record["source"] == "mairie-drupal" and record["text_status"] == "full"
    assert "may have dropped links" not in result.stderr


def test_a_documents_listing_that_scrolled_past_its_last_read_is_read_on_its_next_pages(leads_crawl):
    """A prefecture's "consultations du public" page lists its last notices: after days unread it showed only
    those since, and the notice of the consultation on Sesterce's data center, on its second page, was lost,
    unsaid (only listing pages had next pages read). Its next pages are read as a listing's are, and a documents
    listing that names no next page is said to have a gap."""
    crawl, _ = leads_crawl
    site = crawl.site
    old, new, lead = listed_articles(site, "/prefecture/consultations/avis-carriere-numero-",
                                     "/prefecture/consultations/avis-elevage-numero-",
                                     "/prefecture/consultations/avis-enregistrement-sesterce-alixan",
                                     "/prefecture/consultations", "/prefecture/arretes")
    add_source(crawl, "prefecture-avis", documents=[site.url("hebdo", "/prefecture/consultations"),
                                                    site.url("hebdo", "/prefecture/arretes")])
    newswatch("crawl", "--source", "prefecture-avis", config=crawl.config_path, check=True)
    site.replace("hebdo", "/prefecture/arretes", section(site, new))  # no next page: the gap is said
    paged_by_drupal(site, "/prefecture/consultations", [new, [lead], old])
    site.reset_requests()
    result = newswatch("crawl", "--source", "prefecture-avis", config=crawl.config_path, check=True)
    asked = {r.path for r in site.requests if r.outlet == "hebdo"}
    assert {"/prefecture/consultations?page=1", "/prefecture/consultations?page=2", lead} <= asked
    assert "/prefecture/consultations?page=3" not in asked
    [record] = [r for r in exported(crawl.config_path) if r["url"] == site.url("hebdo", lead)]
    assert record["source"] == "prefecture-avis" and record["topics"]
    [gap] = [line for line in result.stderr.splitlines() if "may have dropped" in line]
    assert "documents listing" in gap and "/prefecture/arretes" in gap and "it names no next page" in gap


def test_a_town_listing_s_news_with_short_addresses_are_read(leads_crawl):
    """A town hall's Drupal site lists its news in views rows, without <main>, <article> or headings, at short
    addresses (`/mairie/infos/conseil-municipal`): no link looked like an article, the listing gave nothing, and
    the council's report on the data center was lost. A link below the listing needs two words of slug only."""
    crawl, _ = leads_crawl
    site = crawl.site
    report = "/mairie/infos/conseil-municipal"
    site.replace("hebdo", report, Resource(LOOPING_ARTICLE.encode(), HTML, site.now))
    rows = "".join(f'<div class="views-row"><span class="field-content"><a href="{site.url("hebdo", path)}">{text}'
                   f"</a></span></div>" for path, text in [(report, "Conseil municipal"), ("/mairie/plan-du-site",
                                                                                            "Plan du site")])
    page = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Infos</title></head><body>'
            f'<div id="content"><div class="view-content">{rows}</div></div></body></html>')
    site.replace("hebdo", "/mairie/infos", Resource(page.encode(), HTML, site.now))
    add_source(crawl, "mairie-infos", pages=[site.url("hebdo", "/mairie/infos")])
    site.reset_requests()
    newswatch("crawl", "--source", "mairie-infos", config=crawl.config_path, check=True)
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "mairie-infos"]
    assert record["url"] == site.url("hebdo", report) and record["topics"]
    assert "/mairie/plan-du-site" not in [r.path for r in site.requests]  # not below the listing


def test_a_town_listing_whose_cards_open_their_articles_by_script_gives_them(leads_crawl):
    """A town's news page draws each item as a card that a script opens (`<div class="card" data-href="…">`, or
    `onclick="location.href='…'"`), with no link: the listing gave nothing, and the public meeting on the data
    center was never read. Each card's address is read as a link's, its heading as its headline."""
    crawl, _ = leads_crawl
    site = crawl.site
    cards = {"/mairie/actus/reunion-publique-data-center": ("data-href", "Réunion publique sur le data center"),
             "/mairie/actus/permanence-du-commissaire": ("onclick", "Permanence du commissaire enquêteur")}
    for path, (_, title) in cards.items():
        site.replace("hebdo", path, article_page(title, [
            f"{title} : la mairie d'Alixan accueille les habitants sur le projet de Sesterce à Rovaltain, salle des "
            f"fêtes, le {len(path)} janvier à 18 heures.", "Le dossier complet est consultable en mairie."],
            site.now))
    drawn = "".join(f'<div class="card" data-href="{site.url("hebdo", path)}"><h3>{title}</h3></div>'
                    if how == "data-href" else
                    f'<div class="card" onclick="location.href=\'{path}\'"><h3>{title}</h3></div>'
                    for path, (how, title) in cards.items())
    records = crawl_listing(crawl, "mairie-cartes", "/mairie/actus", "Actualités",
                            f"<main><h1>Actualités</h1>{drawn}</main>")
    assert {url: r["title"] for url, r in records.items()} == {site.url("hebdo", path): title
                                                              for path, (_, title) in cards.items()}
    assert all(r["topics"] and r["text_status"] == "full" for r in records.values())


def test_a_town_listing_whose_news_are_hotspots_of_a_picture_gives_them(leads_crawl):
    """A village's news page is the picture of its bulletin board, each notice a hotspot of its image map
    (`<map><area href="…" alt="…">`), with no other link: the listing gave nothing, and the notice of the public
    meeting on the data center was never read. An area's address is read as a link's, its `alt` as its words:
    the notice behind a bot wall is a headline record under them."""
    crawl, _ = leads_crawl
    site = crawl.site
    notices = {"/village/affichage/enquete-publique-rovaltain": "Enquête publique sur le parc de Rovaltain",
               "/village/affichage/reunion-sesterce": "Réunion publique sur le centre de données de Sesterce"}
    inquiry, meeting = notices
    town_notices(site, {inquiry: notices[inquiry]})
    site.replace("hebdo", meeting, Resource(CHALLENGE, "text/html; charset=utf-8", site.now, status=403,
                                            headers=CHALLENGE_HEADERS))
    areas = "".join(f'<area shape="rect" coords="0,{100 * n},400,{100 * n + 90}" href="{path}" alt="{title}">'
                    for n, (path, title) in enumerate(notices.items()))
    records = crawl_listing(crawl, "village-panneau", "/village/affichage", "Panneau d'affichage",
                            f'<main><h1>Panneau d\'affichage</h1><img src="/village/panneau.jpg" usemap="#panneau" '
                            f'alt="Le panneau de la mairie"><map name="panneau">{areas}</map></main>')
    assert {url: r["title"] for url, r in records.items()} == {site.url("hebdo", p): t for p, t in notices.items()}
    assert records[site.url("hebdo", inquiry)]["text_status"] == "full"
    assert records[site.url("hebdo", meeting)]["text_status"] == "headline"
    assert all(r["topics"] for r in records.values())


def test_a_town_listing_whose_news_are_in_a_frame_gives_them_on_every_read(leads_crawl):
    """A town hall's news page shows the town's notices in a widget's frame, from another site (the page itself
    links nothing but its menu), and an old site's news page is a frameset: neither listing gave a link, and the
    notice of the consultation on Sesterce's data center was lost (said only as a listing that gave no article
    link, in `sources`). A listing's frames are read with it, on every read: the widget shows the town's first
    notices while the page around it has not changed, and would answer 304."""
    crawl, _ = leads_crawl
    site = crawl.site
    notices = {"/annonces/consultation-sur-le-centre-de-donnees-de-rovaltain":
               "Consultation sur le centre de données de Rovaltain",
               "/annonces/reunion-publique-sur-les-groupes-electrogenes":
               "Réunion publique sur les groupes électrogènes",
               "/vieux-site/2026/conseil-municipal-et-permis-de-sesterce.html": "Le conseil et le permis de Sesterce"}
    consultation, meeting, old_site = notices
    urls = {path: site.url("hebdo" if path == old_site else "courrier", path) for path in notices}
    town_notices(site, {path: notices[path] for path in (consultation, meeting)}, "courrier")
    town_notices(site, {old_site: notices[old_site]})

    def widget(*paths: str) -> Resource:
        items = "".join(f'<li><a href="{urls[path]}" target="_top">{notices[path]}</a></li>' for path in paths)
        return Resource(f'<!DOCTYPE html><html><body><ul class="annonces">{items or "<li>Aucune annonce</li>"}</ul>'
                        f"</body></html>".encode(), HTML, datetime.now(UTC))

    site.replace("courrier", "/widget/alixan", widget())
    framed = (f'<nav><a href="/mairie-alixan/">Accueil</a> <a href="/mairie-alixan/contact">Contact</a></nav><main>'
              f'<h1>Actualités</h1><iframe src="{site.url("courrier", "/widget/alixan")}" title="Annonces">'
              f"</iframe></main>")
    page = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Alixan</title></head><body>{framed}'
            f"</body></html>")
    unchanged = site.now - timedelta(days=3)
    site.replace("hebdo", "/mairie-alixan/actualites", Resource(page.encode(), HTML, unchanged))
    site.replace("hebdo", "/vieux-site/index.html", Resource(
        b'<html><head><title>Mairie</title></head><frameset cols="25%,75%"><frame src="menu.html">'
        b'<frame src="actus.html" name="principal"></frameset></html>', HTML, unchanged))
    site.replace("hebdo", "/vieux-site/menu.html", Resource(b'<html><body><a href="index.html">Accueil</a></body>'
                                                            b"</html>", HTML, unchanged))
    site.replace("hebdo", "/vieux-site/actus.html", Resource(
        f'<html><body><h2>Actualités</h2><p><a href="{old_site[len("/vieux-site/"):]}">{notices[old_site]}</a></p>'
        f"</body></html>".encode(), HTML, unchanged))
    add_source(crawl, "mairie-cadre", pages=[site.url("hebdo", "/mairie-alixan/actualites")])
    add_source(crawl, "mairie-cadres", pages=[site.url("hebdo", "/vieux-site/index.html")])
    sources = ("--source", "mairie-cadre", "--source", "mairie-cadres")
    newswatch("crawl", *sources, config=crawl.config_path, check=True)
    [record] = [r for r in exported(crawl.config_path) if r["source"] in ("mairie-cadre", "mairie-cadres")]
    assert (record["url"], record["title"], record["source"]) == (urls[old_site], notices[old_site], "mairie-cadres")
    site.replace("courrier", "/widget/alixan", widget(meeting, consultation))
    site.reset_requests()
    result = newswatch("crawl", *sources, config=crawl.config_path, check=True)
    assert not result.stderr
    asked = [(r.outlet, r.path, r.status) for r in site.requests]
    assert ("hebdo", "/mairie-alixan/actualites", 200) in asked and ("hebdo", old_site, 200) not in asked
    records = {r["url"]: r for r in exported(crawl.config_path) if r["source"] == "mairie-cadre"}
    assert {url: r["title"] for url, r in records.items()} == {urls[meeting]: notices[meeting],
                                                              urls[consultation]: notices[consultation]}
    assert all(r["topics"] and r["text_status"] == "full" for r in records.values())
    health = {s["name"]: s for s in json.loads(newswatch("sources", "--json", config=crawl.config_path,
                                                         check=True).stdout)}
    assert health["mairie-cadre"]["note"] is None and health["mairie-cadres"]["note"] is None
    # a frame that fails, on a listing that shows nothing else, is the listing's failure, said
    site.replace("courrier", "/widget/panne", Resource(b"Service indisponible", "text/plain", site.now, status=503))
    site.replace("hebdo", "/mairie-panne/actualites", Resource(page.replace(
        site.url("courrier", "/widget/alixan"), site.url("courrier", "/widget/panne")).encode(), HTML, unchanged))
    add_source(crawl, "mairie-panne", pages=[site.url("hebdo", "/mairie-panne/actualites")])
    result = newswatch("crawl", "--source", "mairie-panne", config=crawl.config_path)
    [said] = result.stderr.splitlines()
    assert result.returncode == 1 and "mairie-panne: FAILED" in said
    assert f"its frame {site.url('courrier', '/widget/panne')} failed: HTTP 503" in said


def town_notices(site, items: dict[str, str], outlet: str = "hebdo") -> None:
    """A town's news on `outlet`'s site, each at its path (`items`: path -> title), naming the data center."""
    for path, title in items.items():
        site.replace(outlet, path, article_page(title, [
            f"{title} : le projet de Sesterce au parc de Rovaltain, présenté aux habitants d'Alixan "
            f"({len(path)} places à la salle des fêtes).", "Le dossier est consultable en mairie."], site.now))


def test_a_town_listing_named_as_a_file_gives_its_short_and_numbered_news(leads_crawl):
    """A town's news page is `/ville/actus.html`; it links its items at `/ville/actus/reunion-data-center.html`
    (a short slug, below the page's name, not below `/ville/actus.html/`) and at `/ville/actualite.php?id=12`
    (its news script's number): no link looked like an article, and the notices on the data center were never
    read. Both are read."""
    crawl, _ = leads_crawl
    site = crawl.site
    items = {"/ville/actus/reunion-data-center.html": "Réunion publique sur le data center",
             "/ville/actualite.php?id=12": "Ouverture de l'enquête publique"}
    town_notices(site, items)
    links = "".join(f'<li><a href="{path}">{title}</a></li>' for path, title in items.items())
    records = crawl_listing(crawl, "ville-actus", "/ville/actus.html", "Actualités",
                            f'<div id="contenu"><h1>Actualités</h1><ul>{links}</ul></div>')
    assert {url: r["title"] for url, r in records.items()} == {site.url("hebdo", path): title
                                                              for path, title in items.items()}


def test_a_small_town_s_news_numbered_or_named_by_one_word_are_read(leads_crawl):
    """A small town's site numbers its news (`/bourg/actualites/42`) or names one by a word
    (`/bourg/actualites/sesterce`): no address looked like an article, the listing gave its slugged news only, and
    the public meeting on the data center was lost without a word. Below the listing, a link whose words are a
    headline is an item; the pager's next page is not one."""
    crawl, _ = leads_crawl
    site = crawl.site
    items = {"/bourg/actualites/42": "Réunion publique sur le data center",
             "/bourg/actualites/sesterce": "Sesterce présente son projet aux habitants d'Alixan"}
    town_notices(site, items)
    site.replace("hebdo", "/bourg/actualites/2", article_page("Actualités, page 2", MORNING, site.now))
    teasers = "".join(f'<div class="actu"><h3><a href="{path}">{title}</a></h3></div>'
                      for path, title in items.items())
    site.reset_requests()
    records = crawl_listing(crawl, "bourg-actus", "/bourg/actualites", "Actualités",
                            f'<main><h1>Actualités</h1>{teasers}<p class="pager"><a href="/bourg/actualites/2">2</a>'
                            f"</p></main>")
    assert {url: r["title"] for url, r in records.items()} == {site.url("hebdo", path): title
                                                              for path, title in items.items()}
    assert "/bourg/actualites/2" not in [r.path for r in site.requests]


def test_a_council_s_minutes_shown_in_a_pdf_viewer_are_archived(leads_crawl):
    """A town hall's deliberations page links each sitting's notice, which shows the minutes in pdf.js's viewer
    (an <iframe>), with no link to the file: the notice named no topic and gave no document, and the minutes,
    whose second page reports on Sesterce's data center, were lost. The PDF the frame shows is read."""
    from newswatch.demo.documents import council_deliberation

    crawl, _ = leads_crawl
    site = crawl.site
    minutes = council_deliberation(site.now)
    pdf = "/sites/default/files/pv-seance-2-decembre.pdf"
    site.replace("hebdo", pdf, Resource(minutes.pdf(), "application/pdf", site.now))
    notice = "/mairie/deliberations/seance-du-2-decembre"
    viewer = f"/libraries/pdfjs/web/viewer.html?file={pdf.replace('/', '%2F')}"
    site.replace("hebdo", notice, Resource((
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Séance du 2 décembre</title></head>'
        f'<body><main><h1>Séance du 2 décembre</h1><iframe title="Procès-verbal" src="{viewer}" width="100%">'
        "</iframe></main></body></html>").encode(), HTML, site.now))
    listing = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Délibérations</title></head>'
               f'<body><main><ul><li><a href="{site.url("hebdo", notice)}">Séance du 2 décembre</a></li></ul></main>'
               f"</body></html>")
    site.replace("hebdo", "/mairie/deliberations/", Resource(listing.encode(), HTML, site.now))
    add_source(crawl, "mairie-pv", documents=[site.url("hebdo", "/mairie/deliberations/")])
    newswatch("crawl", "--source", "mairie-pv", config=crawl.config_path, check=True)
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "mairie-pv"]
    assert record["url"] == site.url("hebdo", pdf) and record["title"] == minutes.heading
    assert {"sesterce", "rovaltain", "datacenters"} <= {topic["name"] for topic in record["topics"]}


def test_a_collective_s_press_review_gives_the_articles_it_links_on_other_sites(leads_crawl):
    """A collective's press review page lists the outlets' articles on the project, each a link to the outlet: no
    link was of the collective's own site, the listing gave nothing (as `sources` noted), and the articles it
    pointed to were lost. Those of other sites are read now, a walled daily's kept as a headline under the link's
    words, and so are the PDFs it links (its copies of notices and print articles)."""
    from newswatch.demo.documents import consultation_notice

    crawl, _ = leads_crawl
    site = crawl.site
    read = "/2026/12/04/sesterce-les-elus-demandent-une-etude-sur-l-eau"
    walled = "/drome/2026/12/04/rovaltain-le-collectif-saisit-la-prefecture-4821800.html"
    scan = "/collectif/uploads/avis-enquete-sesterce.pdf"
    site.replace("nuages", read, Resource(LOOPING_ARTICLE.encode(), HTML, site.now))  # the daily walls every page
    site.replace("hebdo", scan, Resource(consultation_notice(site.now).pdf(), "application/pdf", site.now))
    # a link the collective copied from a phone: Google's AMP viewer, the publisher's address in its path
    shared = "/2026/12/05/rovaltain-le-chantier-du-data-center-vu-par-les-riverains"
    site.replace("nuages", shared, article_page("Rovaltain : le chantier du data center vu par les riverains", [
        "Les riverains du parc de Rovaltain racontent les camions et les grues du chantier de Sesterce, à Alixan.",
        "Ils demandent que les livraisons cessent avant sept heures du matin."], site.now))
    amp = "http://www.google.com/amp/" + site.url("nuages", shared).removeprefix("http://")
    items = "".join(f'<li><a href="{url}">{text}</a></li>' for url, text in [
        (site.url("nuages", read), "Nuages Bas : les élus demandent une étude sur l'eau du data center"),
        (amp, "Nuages Bas : le chantier du data center vu par les riverains"),
        (site.url("vercors", walled), "La Voix du Vercors : le collectif saisit la préfecture sur le data center de "
                                      "Rovaltain"),
        (site.url("hebdo", scan), "L'avis d'enquête (PDF)"),
        (site.url("hebdo", "/collectif/qui-sommes-nous"), "Qui sommes-nous")])
    mine = crawl_listing(crawl, "revue-de-presse", "/collectif/revue-de-presse/", "Revue de presse",
                         f'<div class="main"><h1>Revue de presse</h1><ul>{items}</ul></div>')
    assert mine[site.url("nuages", read)]["text_status"] == "full"
    record = mine[site.url("vercors", walled)]
    assert record["text_status"] == "headline" and "DataDome" in record["text_missing_reason"]
    assert record["title"] == "La Voix du Vercors : le collectif saisit la préfecture sur le data center de Rovaltain"
    assert mine[site.url("hebdo", scan)]["kind"] == "document"  # a copy it keeps of a notice or a print article
    assert mine[site.url("nuages", shared)]["text_status"] == "full"  # read at the publisher, not Google's viewer
    assert not [url for url in mine if "google.com" in url]


def test_the_coverage_a_google_news_item_lists_gives_each_outlet_s_article(leads_crawl):
    """A Google News item stands for a story: its description lists the story's coverage, one article per outlet
    (`<ol><li><a>headline</a>&nbsp;<font>outlet</font></li>…`). Only the item's own article was kept: the daily's
    article on the permit appeal, second in the list, was lost, its headline read only as words of the first one's
    summary. Each listed article is a lead of its own now, under its headline and its outlet."""
    from xml.sax.saxutils import escape

    from newswatch.demo.leads import google_id

    crawl, _ = leads_crawl
    site = crawl.site
    story = [(google_id("couverture-lyon"), "Le chantier de Rovaltain avance", "Lyon Capitale"),
             (google_id("couverture-dauphine"), "Alixan : les riverains attaquent le permis du data center de "
                                                "Sesterce", "Le Dauphiné Libéré")]
    coverage = "".join(f'<li><a href="{site.url("agg", "/rss/articles/" + key)}?oc=5" target="_blank">{title}</a>'
                       f'&nbsp;&nbsp;<font color="#6f6f6f">{outlet}</font></li>' for key, title, outlet in story)
    coverage += f'<li><strong><a href="{site.url("agg", "/stories/CAAqNggKIjBDQklT")}">Voir la couverture complète'
    coverage += "</a></strong></li>"
    item = (f"<item><title>Le chantier de Rovaltain avance - Lyon Capitale</title>"
            f'<link>{site.url("agg", "/rss/articles/" + story[0][0])}?oc=5</link>'
            f"<pubDate>{(site.now - timedelta(hours=3)).strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
            f"<description>{escape(f'<ol>{coverage}</ol>')}</description>"
            f'<source url="https://www.lyoncapitale.example">Lyon Capitale</source></item>')
    feed = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>« Rovaltain » - Google '
            f"Actualités</title>{item}</channel></rss>")
    site.replace("agg", "/rss/couverture", Resource(feed.encode(), XML, site.now))
    mine = {r["title"]: r for r in crawl_feed(crawl, "google-couverture", "agg", "/rss/couverture").values()}
    appeal = mine["Alixan : les riverains attaquent le permis du data center de Sesterce"]
    assert (appeal["outlet"], appeal["text_status"]) == ("Le Dauphiné Libéré", "headline")
    assert "Google News link" in appeal["text_missing_reason"]
    assert mine["Le chantier de Rovaltain avance"]["outlet"] == "Lyon Capitale"
    assert "Voir la couverture complète" not in mine


def atom_feed(site, entries: list[tuple[str, str, datetime, datetime]]) -> Resource:
    """An Atom feed on the weekly's site: entries (path, title, published, updated)."""
    body = "".join(f'<entry><title>{title}</title><link href="{site.url("hebdo", path)}"/><id>{path}</id>'
                   f"<published>{published.isoformat()}</published><updated>{updated.isoformat()}</updated></entry>"
                   for path, title, published, updated in entries)
    feed = (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Direct</title>'
            f"<id>direct</id><updated>{datetime.now(UTC).isoformat()}</updated>{body}</feed>")
    return Resource(feed.encode(), "application/atom+xml", datetime.now(UTC))


def test_a_page_whose_atom_entry_says_it_changed_since_it_matched_no_topic_is_fetched_again(leads_crawl):
    """The live page of the noon vote again, listed by an Atom feed: its entry's <updated> moves past the morning's
    read, as a sitemap's <lastmod> does. It was known and skipped, the lead lost; it is fetched again."""
    crawl, _ = leads_crawl
    site = crawl.site
    live = "/direct/valence-au-fil-de-la-journee"
    published = datetime.now(UTC) - timedelta(hours=2)
    site.replace("hebdo", live, article_page("Valence au fil de la journée", MORNING))
    site.replace("hebdo", "/direct.atom", atom_feed(site, [(live, "Valence au fil de la journée", published,
                                                            published)]))
    add_source(crawl, "direct-atom", feeds=[site.url("hebdo", "/direct.atom")])
    newswatch("crawl", "--source", "direct-atom", config=crawl.config_path, check=True)
    assert not [r for r in exported(crawl.config_path) if r["source"] == "direct-atom"]
    site.replace("hebdo", live, article_page("Valence au fil de la journée", [NOON, *MORNING]))
    site.replace("hebdo", "/direct.atom", atom_feed(site, [(live, "Valence au fil de la journée", published,
                                                            datetime.now(UTC) + timedelta(seconds=1))]))
    newswatch("crawl", "--source", "direct-atom", config=crawl.config_path, check=True)
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "direct-atom"]
    assert record["url"] == site.url("hebdo", live) and "41 voix pour" in record["text"]


def test_an_open_article_under_a_recurring_title_does_not_complete_an_older_headline(leads_crawl):
    """The daily's readers' forum, under one title: Monday's, behind its wall, is a headline record; Thursday's, at
    its own address, is open. Thursday's completed Monday's record (same outlet, same title, within 7 days):
    Monday's words were replaced and Thursday's lead never announced. Each is a record of its own. (A title of
    its own in this module's archive: the letters of the test above are dated like these.)"""
    crawl, _ = leads_crawl
    site = crawl.site
    monday, thursday = "/opinions/libre-expression-4830001", "/opinions/libre-expression-4831999"
    said = "Une lectrice d'Alixan craint le bruit du data center de Sesterce."
    item = (monday, "Libre expression", site.now - timedelta(days=3), f"<description>{said}</description>")
    site.replace("vercors", "/lettres.xml", rss_feed(site, "vercors", [item]))
    crawl_feed(crawl, "vercors-lettres", "vercors", "/lettres.xml")
    letter = ("Un lecteur de Chabeuil écrit que le data center de Sesterce à Rovaltain créera moins d'emplois que "
              "promis, et demande que la commune publie la convention signée avec l'entreprise. ") * 3
    site.replace("vercors", thursday, article_page("Libre expression", [letter], site.now))
    site.replace("vercors", "/lettres.xml", rss_feed(site, "vercors", [item, (thursday, "Libre expression",
                                                                             site.now - timedelta(hours=1))]))
    newswatch("crawl", "--source", "vercors-lettres", config=crawl.config_path, check=True)
    records = {r["url"]: r for r in exported(crawl.config_path) if r["source"] == "vercors-lettres"}
    assert {url: r["text_status"] for url, r in records.items()} == {site.url("vercors", monday): "headline",
                                                                     site.url("vercors", thursday): "full"}
    assert records[site.url("vercors", monday)]["text"] == said


def test_an_article_whose_page_shows_its_first_paragraphs_only_is_read_from_its_json_ld(leads_crawl):
    """An outlet's page shows an article's first two paragraphs and a "Lire la suite" button; a script fetches the
    rest in the browser. Its JSON-LD holds the whole text. The data center comes in the fifth paragraph: the page
    was `no_topic` (the two paragraphs are over the 250 characters below which trafilatura reads the JSON-LD
    itself). It is archived with the whole text, matched."""
    crawl, _ = leads_crawl
    title = "Alixan : ce qu'il faut retenir du conseil de mardi"
    paragraphs = [
        "Le conseil municipal s'est réuni mardi soir pour une séance de trois heures, la plus longue de l'année, "
        "devant une salle comble où des habitants avaient pris place dès dix-neuf heures.",
        "Les élus ont d'abord adopté le budget annexe de l'eau, puis la convention avec l'agglomération pour le "
        "ramassage des déchets verts, sans débat.",
        "La rénovation de la cantine scolaire a fait l'objet d'un long échange sur le prix des repas, qui passera "
        "de 3,80 à 4,10 euros à la rentrée de janvier, et sur le nombre d'agents de service.",
        "Le plan de circulation du centre-bourg sera mis à l'essai au printemps : la rue principale passera en sens "
        "unique entre la place de la mairie et l'école, pendant trois mois.",
        "Vint ensuite le point que beaucoup attendaient : l'avis de la commune sur le projet de Sesterce dans "
        "l'ancien bâtiment Ecotox de Rovaltain.",
        "Le maire a rappelé que le permis relève de l'État et que la commune sera consultée sur le raccordement."]
    body = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                       "articleBody": "\n\n".join(paragraphs)}, ensure_ascii=False)
    head = f'<script type="application/ld+json">{body}</script>'
    path = "/drome/alixan-ce-qu-il-faut-retenir-du-conseil"
    mine = publish_and_crawl(crawl, "suite", "/suite.xml", {path: (title, paragraphs[:2])}, heads=[head])
    [record] = mine.values()
    assert record["text"].split("\n") == paragraphs
    assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in record["topics"]}


def test_a_paywalled_article_whose_subscribers_part_alone_names_the_topic_is_a_teaser_quoting_it(leads_crawl):
    """A daily's report on the council meeting: its free part (two paragraphs) names neither Sesterce nor the
    park; its JSON-LD holds the whole article, for subscribers, and speaks of the data center in its third. It was
    `no_topic`: the daily wrote about the project and the campaign never knew. It is archived as the teaser it is,
    matched, with the sentence naming the project quoted after the free part, and no other of the locked part."""
    crawl, _ = leads_crawl
    title = "Alixan : une séance sous tension au conseil municipal"
    free = ["Le conseil municipal s'est réuni mardi soir dans une ambiance tendue, devant une salle comble où les "
            "habitants étaient venus nombreux écouter les élus pendant plus de trois heures de séance.",
            "Le maire a ouvert la séance par un long rappel du budget, des travaux de voirie prévus au printemps et "
            "du calendrier de la rénovation de l'école primaire, avant de passer aux questions diverses."]
    naming = "Au cœur des débats, le centre de données que Sesterce installe dans l'ancien bâtiment Ecotox."
    locked = [f"{naming} Trois élus ont demandé une étude indépendante sur l'eau du refroidissement.",
              "La séance a été levée peu avant minuit, sans vote sur ce point."]
    body = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                       "isAccessibleForFree": False, "articleBody": "\n\n".join(free + locked)}, ensure_ascii=False)
    head = f'<script type="application/ld+json">{body}</script>'
    path = "/drome/alixan-une-seance-sous-tension"
    [record] = publish_and_crawl(crawl, "abonnes", "/abonnes.xml", {path: (title, free)}, heads=[head]).values()
    assert record["text"].split("\n") == [*free, naming]
    assert record["text_status"] == "teaser" and "quoted after the free part" in record["text_missing_reason"]
    assert {"sesterce", "rovaltain", "datacenters"} <= {topic["name"] for topic in record["topics"]}
    found = json.loads(newswatch("search", "Ecotox", "--json", config=crawl.config_path, check=True).stdout)
    assert title in [r["title"] for r in found]


def test_a_town_s_pages_titled_with_its_name_are_matched_on_their_own_headings(leads_crawl):
    """A town's theme gives every page the town's name as og:title, its heading above the text; another writes
    the town's name in an <h1> in its header and each article's title in an <h2>. Titled "Mairie de Chabeuil",
    both pages were `no_topic`: only their headings name the project. Each is archived under its own title."""
    crawl, _ = leads_crawl
    site, when = crawl.site, crawl.site.now - timedelta(hours=4)
    texts = ["".join(f"<p>{p}</p>" for p in paragraphs) for paragraphs in (
        ("Le projet sera présenté par l'entreprise et les services de l'État lors d'une réunion ouverte à tous, à "
         "la salle des fêtes, le jeudi 14 janvier à 18 h 30.",
         "Les habitants pourront poser leurs questions sur le chantier, le bruit, l'eau et l'électricité."),
        ("Un élu tiendra une permanence chaque samedi matin de janvier, de 9 h à midi, dans la salle du conseil.",
         "Le dossier déposé par l'entreprise y sera consultable, ainsi que les avis des services de l'État."))]
    titles = {"/chabeuil/reunion-publique-rovaltain": "Réunion publique sur le data center de Rovaltain",
              "/chabeuil/permanence-ecotox": "Permanence en mairie sur le projet Ecotox"}
    first, second = titles
    pages = {
        first: (f"<title>{titles[first]}</title><meta property='og:title' content=\"Mairie de Chabeuil\"><meta "
                f"property='og:site_name' content=\"Mairie de Chabeuil\">", f"<div class='page-header'><h1>"
                f"{titles[first]}</h1></div>"),
        second: (f"<title>{titles[second]} - Mairie de Chabeuil</title>", "<header><h1><a href='/'>Mairie de "
                 f"Chabeuil</a></h1></header><h2>{titles[second]}</h2>")}
    for (path, (head, top)), text in zip(pages.items(), texts):
        page = (f"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>{head}</head><body>{top}"
                f"<div class='entry-content'>{text}</div></body></html>")
        site.replace("hebdo", path, Resource(page.encode(), HTML, when))
    site.replace("hebdo", "/plan-chabeuil.xml", listing(site, "urlset", list(pages), dict.fromkeys(pages, when)))
    add_source(crawl, "chabeuil", sitemaps=[site.url("hebdo", "/plan-chabeuil.xml")])
    newswatch("crawl", "--source", "chabeuil", config=crawl.config_path, check=True)
    records = {r["url"]: r for r in exported(crawl.config_path) if r["source"] == "chabeuil"}
    assert {url: r["title"] for url, r in records.items()} == {site.url("hebdo", path): titles[path] for path in pages}
    assert all({"rovaltain"} <= {topic["name"] for topic in r["topics"]} for r in records.values())


def test_a_video_page_whose_description_alone_names_the_topic_is_archived_with_it(leads_crawl):
    """A regional TV's report is a video: the page's text is its credit line, and only its description (its
    `og:description`, the page's own summary) says it shows Sesterce's project at Rovaltain. The page was
    `no_topic`. It is archived, matched, its description at the head of its text."""
    crawl, _ = leads_crawl
    title = "Alixan : des habitants s'inquiètent du projet"
    about = "Le centre de données que Sesterce installe à Rovaltain inquiète des habitants d'Alixan, réunis en collectif."
    credit = "Reportage de Julie Martin et Marc Petit, diffusé dans le journal régional de 19 heures."
    head = f'<meta property="og:description" content="{about}"><meta property="og:type" content="video.other">'
    path = "/drome/alixan-des-habitants-s-inquietent-du-projet"
    [record] = publish_and_crawl(crawl, "videos", "/videos.xml", {path: (title, [credit])}, heads=[head]).values()
    assert record["text"].split("\n") == [about, credit]
    assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in record["topics"]}


def test_an_article_whose_topic_only_a_picture_s_caption_names_is_archived_with_that_caption(leads_crawl):
    """An article on the agglomeration's budget is illustrated with a photo of the Ecotox building, captioned
    "where Sesterce is installing its data center": the only place the page names the project. The extraction
    drops pictures with their captions: the page was `no_topic`, lost. It is archived, the caption after its
    text. A teaser's caption in an "À lire aussi" box names another article, and still matches nothing."""
    crawl, _ = leads_crawl
    budget = [
        "Les élus de l'agglomération ont adopté jeudi soir le budget de l'année prochaine, en hausse de quatre pour "
        "cent, après un débat de deux heures sur les transports et la voirie.",
        "La part des bus grimpe nettement : deux lignes nouvelles desserviront les zones d'activité à partir du "
        "printemps, avec un passage toutes les vingt minutes aux heures de pointe.",
        "L'opposition a voté contre, jugeant la hausse des tarifs de l'eau trop forte pour les ménages modestes, "
        "et a demandé un audit des contrats de délégation."]
    caption = ("L'ancien bâtiment Ecotox, au parc de Rovaltain, où Sesterce installe son centre de données de 40 000 "
               "GPU.")
    pictured = (f'{budget[-1]}</p><figure class="wp-block-image"><img src="/images/ecotox.jpg" alt="">'
                f'<figcaption>{caption} <span class="credit">Photo d\'archives</span></figcaption></figure><p>')
    teaser = (f'{budget[-1]}</p><aside class="a-lire"><h3>À lire aussi</h3><figure><img src="/images/ecotox.jpg" '
              f'alt=""><figcaption>{caption}</figcaption></figure></aside><p>')
    budget_path, other_path = "/eco/l-agglomeration-vote-son-budget", "/eco/les-tarifs-de-l-eau-augmentent"
    mine = publish_and_crawl(crawl, "legendes", "/legendes.xml", {
        budget_path: ("L'agglomération vote son budget", [*budget[:-1], pictured]),
        other_path: ("Les tarifs de l'eau augmentent", [*budget[:-1], teaser])})
    [record] = mine.values()
    assert record["url"] == crawl.site.url("hebdo", budget_path)
    assert record["text"].split("\n") == [*budget, caption]
    assert {"sesterce", "rovaltain", "datacenters"} <= {topic["name"] for topic in record["topics"]}


def test_a_page_whose_feed_item_is_dated_anew_since_it_matched_no_topic_is_fetched_again(leads_crawl):
    """A town's news page lists its news one under the other, and its feed gives each item the page's address
    with a fragment (`/actualites#actu-2`). In the morning the page names no topic; at noon it announces the
    public meeting on Sesterce's data center, and the feed a new item, dated noon, at the same page. The page was
    known, skipped for good, the lead lost (the item's words name no topic either); it is fetched again and
    archived. An event's page, its item dated tomorrow, is not asked again: nothing changed yet."""
    crawl, _ = leads_crawl
    site = crawl.site
    news, agenda = "/actualites", "/agenda"
    morning = datetime.now(UTC) - timedelta(hours=1)
    concert = (f"{agenda}#concert", "Concert de Noël à l'église", datetime.now(UTC) + timedelta(days=1))
    soup = (f"{news}#actu-1", "Fête de la soupe samedi", morning)
    site.replace("hebdo", news, article_page("Actualités de la commune", MORNING, morning))
    site.replace("hebdo", agenda, article_page("Agenda de la commune", MORNING[1:], morning))
    site.replace("hebdo", "/mairie.xml", rss_feed(site, "hebdo", [soup, concert]))
    add_source(crawl, "mairie", feeds=[site.url("hebdo", "/mairie.xml")])
    newswatch("crawl", "--source", "mairie", config=crawl.config_path, check=True)
    assert not [r for r in exported(crawl.config_path) if r["source"] == "mairie"]

    noon = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)  # after the morning's fetch, RSS's precision
    while datetime.now(UTC) <= noon:  # and past: a date to come says nothing yet
        time.sleep(0.05)
    meeting = (f"{news}#actu-2", "Réunion publique le 12 décembre", noon)
    site.replace("hebdo", news, article_page("Actualités de la commune", [NOON, *MORNING], noon))
    site.replace("hebdo", "/mairie.xml", rss_feed(site, "hebdo", [meeting, soup, concert]))
    site.reset_requests()
    run = newswatch("crawl", "--source", "mairie", config=crawl.config_path, check=True)
    asked = [r.path for r in site.requests if r.outlet == "hebdo"]
    assert asked.count(news) == 1 and agenda not in asked
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "mairie"]
    assert (record["url"], record["title"]) == (site.url("hebdo", news), "Actualités de la commune")
    assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in record["topics"]}
    assert run.stderr == ""


def test_an_article_nested_in_an_old_site_s_layout_tables_is_read(leads_crawl):
    """A town hall's old CMS lays its pages out in tables inside tables: the article's paragraphs sit 300 elements
    deep. libxml2 drops, silently, whatever is nested deeper than 256: the page was `no_text`, and a section
    page laid out so gave no links. Both are read now: the listed article is archived, matched."""
    crawl, _ = leads_crawl
    site = crawl.site
    nest = "<table><tbody><tr><td>" * 75
    unnest = "</td></tr></tbody></table>" * 75
    title = "Compte rendu du conseil municipal du 1er décembre"
    text = ("Le conseil municipal a pris connaissance du courrier de la préfecture sur le centre de données de "
            "Sesterce au parc de Rovaltain, et demande la tenue d'une réunion publique avant la fin de l'année.")
    path = "/mairie/compte-rendu-conseil-1er-decembre.html"
    page = (f'<html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head><body>{nest}<h1>{title}</h1>'
            f"<p>{text}</p><p>{text.replace('Le conseil', 'Par ailleurs, le conseil')}</p>{unnest}</body></html>")
    site.replace("hebdo", path, Resource(page.encode(), HTML, site.now))
    section = (f'<html lang="fr"><head><meta charset="utf-8"><title>Comptes rendus</title></head><body>{nest}'
               f'<h2><a href="{path}">{title}</a></h2>{unnest}</body></html>')
    site.replace("hebdo", "/mairie/comptes-rendus.html", Resource(section.encode(), HTML, site.now))
    add_source(crawl, "mairie-tables", pages=[site.url("hebdo", "/mairie/comptes-rendus.html")])
    newswatch("crawl", "--source", "mairie-tables", config=crawl.config_path, check=True)
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "mairie-tables"]
    assert (record["url"], record["title"], record["text_status"]) == (site.url("hebdo", path), title, "full")
    assert text in record["text"]
    assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in record["topics"]}


def hurried_config(crawl, source: str, feed_path: str):
    """The crawl's config with a source of its own reading the weekly's `feed_path`, where every extraction runs
    past its time limit (a thousandth of a second)."""
    hurried = crawl.config_path.with_name(f"hurried-{source}.toml")
    hurried.write_text(crawl.config_path.read_text(encoding="utf-8").replace(
        "[crawl]\n", "[crawl]\nextract_timeout_seconds = 0.001\n", 1) + f'\n[[sources]]\nname = "{source}"\n'
        f'feeds = ["{crawl.site.url("hebdo", feed_path)}"]\n', encoding="utf-8")
    return hurried


def test_a_page_whose_extraction_runs_past_its_time_limit_is_matched_on_its_text_as_it_stands(leads_crawl):
    """A page whose extraction runs past `extract_timeout_seconds` (here all do: a thousandth of a second) was
    `extract_timeout`, kept only when its feed item named a topic: this one's does not, its text does, and the
    lead was lost. Its text as it stands (its article container's, no extraction) is matched now: a headline
    record with that text, saying why."""
    crawl, _ = leads_crawl
    site = crawl.site
    hurried = hurried_config(crawl, "voeux", "/voeux.xml")
    path, title = "/drome/chabeuil-les-voeux-du-maire", "Chabeuil : les vœux du maire"
    said = ("Dans ses vœux, le maire de Chabeuil a dit son inquiétude devant la consommation d'eau du centre de "
            "données que Sesterce installe à Rovaltain, et demandé que la commune soit associée au suivi.")
    site.replace("hebdo", path, article_page(title, [said, "La cérémonie s'est achevée par un verre de l'amitié."]))
    site.replace("hebdo", "/voeux.xml", rss_feed(site, "hebdo", [(path, title, site.now - timedelta(hours=1))]))
    run = newswatch("crawl", "--source", "voeux", config=hurried, check=True)
    [record] = [r for r in exported(hurried) if r["source"] == "voeux"]
    assert (record["url"], record["title"], record["text_status"]) == (site.url("hebdo", path), title, "headline")
    assert said in record["text"]
    assert record["text_missing_reason"] == ("extraction took more than 0.001 s (its text is the page's as it "
                                             "stands, not extracted)")
    assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in record["topics"]}
    with crawl.archive.sessions()() as session:  # its evidence: the feed that listed it, and the page it was read in
        captured = sorted(url for (url,) in session.execute(
            sql_text("SELECT url FROM captures WHERE article_id = :id"), {"id": record["id"]}))
    assert captured == sorted([site.url("hebdo", "/voeux.xml"), site.url("hebdo", path)])
    # still an error of the source's, as every page the extraction could not read: the line names it
    [line] = run.stderr.splitlines()
    assert "voeux: 1 found" in line and "1 error; last error:" in line and line.endswith("not extracted)")


def test_an_article_in_parts_whose_extraction_runs_past_its_time_limit_is_matched_on_every_part_as_it_stands(
        leads_crawl):
    """Kept as it stands (above), an article read in parts kept its first page's words only: a post that names
    Sesterce on its second page only was lost again. Each part's text as it stands follows the first page's."""
    crawl, _ = leads_crawl
    site = crawl.site
    hurried = hurried_config(crawl, "conseil", "/conseil.xml")
    post, title = "/blog/le-conseil-de-decembre/", "Le conseil municipal de décembre"
    first = site.url("hebdo", post)
    opening = "Le conseil municipal de Montélier a voté le budget de la cantine et le nouveau plan de circulation."
    later = ("Au point divers, le maire a lu la lettre de Sesterce sur les essais des groupes électrogènes de son "
             "centre de données à Rovaltain.")
    site.replace("hebdo", post, article_page(title, [opening, f'Pages : 1 <a href="{first}2/">2</a>']))
    site.replace("hebdo", f"{post}2/", article_page(title, [later, f'Pages : <a href="{first}">1</a> 2']))
    site.replace("hebdo", "/conseil.xml", rss_feed(site, "hebdo", [(post, title, site.now - timedelta(hours=1))]))
    newswatch("crawl", "--source", "conseil", config=hurried, check=True)
    [record] = [r for r in exported(hurried) if r["source"] == "conseil"]
    assert (record["url"], record["text_status"]) == (first, "headline")
    assert opening in record["text"] and later in record["text"]
    assert record["text"].index(opening) < record["text"].index(later)
    assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in record["topics"]}


def news_sitemap(site, items: list[tuple[str, str, datetime]]) -> Resource:
    """A news sitemap on the weekly's site: (path, title, publication date) a page."""
    entries = "".join(f"<url><loc>{site.url('hebdo', path)}</loc><news:news><news:publication_date>"
                      f"{when.isoformat()}</news:publication_date><news:title>{title}</news:title></news:news></url>"
                      for path, title, when in items)
    return Resource(('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/'
                     f'schemas/sitemap-news/0.9">{entries}</urlset>').encode(), XML, site.now)


def test_a_news_sitemap_read_after_days_without_a_crawl_says_its_gap_when_nothing_bridges_it(leads_crawl):
    """A news sitemap lists the last two days: when the crawl did not run for three, every page it lists is newer
    than its last read and those published in between left it, unread and unsaid. The site's robots.txt names no
    other sitemap to find them in: the gap is said, on stderr, with what would keep them; a sitemap read the day
    before says nothing."""
    crawl, _ = leads_crawl
    site = crawl.site
    now = datetime.now(UTC)
    site.replace("hebdo", "/breves/le-marche", article_page("Le marché de Noël", MORNING, now))
    for path in ("/news-absent.xml", "/news-quotidien.xml"):
        site.replace("hebdo", path, news_sitemap(site, [("/breves/le-marche", "Le marché de Noël", now)]))
    add_source(crawl, "news-absent", sitemaps=[site.url("hebdo", "/news-absent.xml")])
    add_source(crawl, "news-quotidien", sitemaps=[site.url("hebdo", "/news-quotidien.xml")])
    newswatch("crawl", "--source", "news-absent", "--source", "news-quotidien", config=crawl.config_path, check=True)
    with crawl.archive.sessions()() as session:  # the server was down three days; the other crawl ran yesterday
        for path, days in (("/news-absent.xml", 3), ("/news-quotidien.xml", 1)):
            session.execute(sql_text("UPDATE channels SET checked_at = :when WHERE url LIKE :url"),
                            {"when": now - timedelta(days=days), "url": f"%{path}"})
        session.commit()
    recent = [(f"/breves/breve-{h}", f"Chabeuil : brève numéro {h}", now - timedelta(hours=h)) for h in (1, 30)]
    for path, title, when in recent:
        site.replace("hebdo", path, article_page(title, MORNING[1:], when))
    for path in ("/news-absent.xml", "/news-quotidien.xml"):
        site.replace("hebdo", path, news_sitemap(site, recent))
    result = newswatch("crawl", "--source", "news-absent", "--source", "news-quotidien", config=crawl.config_path,
                       check=True)
    [gap] = result.stderr.splitlines()
    assert gap.split(": news sitemap ")[0].endswith("news-absent") and "/news-absent.xml may have dropped pages" in gap
    assert (f"its oldest page is from {now - timedelta(hours=30):%Y-%m-%d %H:%M} UTC, and its robots.txt names no "
            "other sitemap; a sitemap of the site's that keeps them") in gap and gap.endswith("Crawl it more often.")


def test_the_pages_a_news_sitemap_dropped_while_the_crawl_did_not_run_are_read_in_the_site_s_sitemaps(leads_crawl):
    """Three days without a crawl: the permit appeal, published the day after the last read, had left the news
    sitemap, and was lost. The site's robots.txt names its sitemap index: its sitemaps dated since the last read
    are read, and of them the pages dated since: the appeal is archived; an older page, an undated one and a
    month's sitemap of October are not asked for. Nothing on stderr."""
    crawl, _ = leads_crawl
    site = crawl.site
    now = datetime.now(UTC)
    site.replace("hebdo", "/breves/le-depot", article_page("Le dépôt de bus", MORNING, now))
    site.replace("hebdo", "/news-pont.xml", news_sitemap(site, [("/breves/le-depot", "Le dépôt de bus", now)]))
    add_source(crawl, "news-pont", sitemaps=[site.url("hebdo", "/news-pont.xml")])
    newswatch("crawl", "--source", "news-pont", config=crawl.config_path, check=True)
    with crawl.archive.sessions()() as session:  # the server was down three days
        session.execute(sql_text("UPDATE channels SET checked_at = :when WHERE url LIKE '%/news-pont.xml'"),
                        {"when": now - timedelta(days=3)})
        session.commit()
    appeal, old, undated = "/drome/le-recours-contre-le-permis", "/drome/la-foire", "/drome/sans-date"
    site.replace("hebdo", appeal, Resource(LOOPING_ARTICLE.encode(), HTML, site.now))
    recent = [(f"/breves/pont-{h}", f"Chabeuil : brève numéro {h}", now - timedelta(hours=h)) for h in (1, 20)]
    for path, title, when in recent:
        site.replace("hebdo", path, article_page(title, MORNING[1:], when))
    site.replace("hebdo", "/news-pont.xml", news_sitemap(site, recent))
    site.replace("hebdo", "/plan-index.xml", listing(site, "sitemapindex", ["/plan-2026-12.xml", "/plan-2026-10.xml"],
                                                     {"/plan-2026-12.xml": now, "/plan-2026-10.xml": now
                                                      - timedelta(days=40)}))
    site.replace("hebdo", "/plan-2026-12.xml", listing(site, "urlset", [appeal, old, undated], {
        appeal: now - timedelta(hours=40), old: now - timedelta(days=5)}))
    robots = site.lookup("hebdo", "/robots.txt").resource
    site.replace("hebdo", "/robots.txt", Resource(
        f"User-agent: *\nAllow: /\nSitemap: {site.url('hebdo', '/news-pont.xml')}\n"
        f"Sitemap: {site.url('hebdo', '/plan-index.xml')}\n".encode(), "text/plain", site.now))
    site.reset_requests()
    try:
        result = newswatch("crawl", "--source", "news-pont", config=crawl.config_path, check=True)
    finally:
        site.replace("hebdo", "/robots.txt", robots)
    asked = [r.path for r in site.requests if r.outlet == "hebdo"]
    assert appeal in asked and not {old, undated, "/plan-2026-10.xml"} & set(asked)
    [record] = [r for r in exported(crawl.config_path) if r["url"] == site.url("hebdo", appeal)]
    assert record["source"] == "news-pont" and record["text_status"] == "full"
    assert result.stderr == ""


def test_a_listing_page_of_a_site_without_rewritten_addresses_gives_its_articles(leads_crawl):
    """A collective's SPIP site keeps SPIP's own addresses: its news page links `spip.php?article88`. No such
    link looked like an article (no date, no slug, no id in the path): the listing gave nothing (only `sources`
    noted it). Its articles are read now; its sections' links (`?page=rubrique`) still are not."""
    crawl, _ = leads_crawl
    site = crawl.site
    title = "Réunion publique sur le data center de Rovaltain"
    listing_page = ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Actualités</title></head>'
                    '<body><nav><a href="spip.php?page=rubrique&amp;id_rubrique=3">Nos actions</a></nav><main>'
                    f'<h2><a href="spip.php?article88">{title}</a></h2>'
                    '<h2><a href="spip.php?page=article&amp;id_article=89">La fête du collectif</a></h2>'
                    "</main></body></html>")
    site.replace("hebdo", "/collectif/actus.html", Resource(listing_page.encode(), HTML, site.now))
    said = ("Le collectif invite les habitants d'Alixan à une réunion publique sur le projet de Sesterce dans "
            "l'ancien bâtiment Ecotox, le jeudi 10 décembre à la salle des fêtes.")
    site.replace("hebdo", "/collectif/spip.php?article88", article_page(title, [said]))
    site.replace("hebdo", "/collectif/spip.php?page=article&id_article=89",
                 article_page("La fête du collectif", MORNING))
    add_source(crawl, "collectif", pages=[site.url("hebdo", "/collectif/actus.html")])
    site.reset_requests()
    newswatch("crawl", "--source", "collectif", config=crawl.config_path, check=True)
    asked = [r.path for r in site.requests if r.outlet == "hebdo"]
    assert "/collectif/spip.php?article88" in asked and "/collectif/spip.php?page=article&id_article=89" in asked
    assert not [path for path in asked if "rubrique" in path]
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "collectif"]
    assert (record["url"], record["title"]) == (site.url("hebdo", "/collectif/spip.php?article88"), title)
    assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in record["topics"]}


def test_a_feed_item_dated_before_max_age_days_but_listed_for_the_first_time_is_read(leads_crawl):
    """A town hall puts its council's minutes in its feed weeks after the sitting, dated by it: older than
    max_age_days, the item was skipped with the feed's backlog, and the minutes (Sesterce's data center on the
    agenda) lost. The items a feed lists too old are now remembered from a read on; one listed later for the
    first time is read, whatever its date. The backlog of the first read is not; nor, that once, an item new to a
    feed last read before the archive remembered them (an archive upgraded from 0014)."""
    crawl, _ = leads_crawl
    site = crawl.site
    now = datetime.now(UTC)
    said = ("Le conseil a débattu de l'installation par Sesterce d'un centre de données dans l'ancien bâtiment Ecotox "
            "du parc de Rovaltain, et de l'avis de la commune sur la demande d'enregistrement.")
    items = {}  # town -> (backlog, news, minutes): (path, title, date)
    for town in ("alixan", "chateauneuf"):
        items[town] = ((f"/{town}/cr-2-octobre", "Compte rendu du conseil municipal du 2 octobre",
                        now - timedelta(days=60)),
                       (f"/{town}/horaires-fetes", "Les horaires de la mairie pendant les fêtes",
                        now - timedelta(hours=3)),
                       (f"/{town}/cr-25-septembre", "Compte rendu du conseil municipal du 25 septembre",
                        now - timedelta(days=70)))
        for path, title, when in items[town]:
            site.replace("hebdo", path, article_page(title, [MORNING[0] if "horaires" in path else said], when))
        site.replace("hebdo", f"/{town}/feed.xml", rss_feed(site, "hebdo", items[town][:2], channel=town))
    sources = {"conseil-tardif": "alixan", "conseil-avant-0015": "chateauneuf"}
    for source, town in sources.items():
        add_source(crawl, source, feeds=[site.url("hebdo", f"/{town}/feed.xml")])
    arguments = [arg for source in sources for arg in ("--source", source)]
    site.reset_requests()
    newswatch("crawl", *arguments, config=crawl.config_path, check=True)
    asked = [r.path for r in site.requests if r.outlet == "hebdo"]
    for backlog, news, _ in items.values():
        assert news[0] in asked and backlog[0] not in asked  # the backlog is not read
    with crawl.archive.sessions()() as session:  # the second feed's last read as an archive from before 0015 knows it
        session.execute(sql_text("UPDATE channels SET keeps_old = false WHERE url LIKE '%/chateauneuf/feed.xml'"))
        session.execute(sql_text("DELETE FROM old_entries WHERE via LIKE '%/chateauneuf/feed.xml'"))
        session.commit()
    for town, (backlog, news, minutes) in items.items():
        site.replace("hebdo", f"/{town}/feed.xml", rss_feed(site, "hebdo", [minutes, news, backlog], channel=town))
    site.reset_requests()
    result = newswatch("crawl", *arguments, config=crawl.config_path, check=True)
    asked = [r.path for r in site.requests if r.outlet == "hebdo"]
    (backlog, news, minutes), (old_backlog, _, old_minutes) = items["alixan"], items["chateauneuf"]
    assert asked.count(minutes[0]) == 1 and not {backlog[0], news[0], old_backlog[0], old_minutes[0]} & set(asked)
    [record] = [r for r in exported(crawl.config_path) if r["url"] == site.url("hebdo", minutes[0])]
    assert record["source"] == "conseil-tardif" and record["text_status"] == "full"
    assert record["published_at"].startswith(minutes[2].strftime("%Y-%m-%d"))
    assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in record["topics"]}
    assert result.stderr == ""
    site.reset_requests()  # the feeds unchanged, read again: the minutes are known, the backlogs still unread
    newswatch("crawl", *arguments, config=crawl.config_path, check=True)
    asked = [r.path for r in site.requests if r.outlet == "hebdo"]
    assert not {minutes[0], backlog[0], old_minutes[0], old_backlog[0]} & set(asked)


def test_feed_items_that_all_link_the_home_page_are_read_at_their_guid(leads_crawl):
    """A town hall's CMS writes its home page as every item's <link> and the item's page as its permalink
    <guid>: every item was the home page, fetched once, and the council's notice on Sesterce's data center
    lost. An item whose link is a home page is read at its guid, when that is a web address."""
    crawl, _ = leads_crawl
    site = crawl.site
    now = datetime.now(UTC)
    notices = {"/ville/actualite/101": ("Travaux rue de la Mairie", MORNING),
               "/ville/actualite/102": ("Avis de la commune sur le centre de données de Sesterce", [
                   "Le conseil municipal a rendu son avis sur la demande d'enregistrement déposée par Sesterce pour "
                   "son centre de données de l'ancien bâtiment Ecotox, au parc de Rovaltain."])}
    items = [("/", title, now - timedelta(hours=2),
              f'<guid isPermaLink="true">{site.url("hebdo", path)}</guid>') for path, (title, _) in notices.items()]
    site.replace("hebdo", "/ville/rss.xml", rss_feed(site, "hebdo", items, channel="Ville"))
    for path, (title, paragraphs) in notices.items():
        site.replace("hebdo", path, article_page(title, paragraphs, now - timedelta(hours=2)))
    site.reset_requests()
    records = crawl_feed(crawl, "ville-accueil", "hebdo", "/ville/rss.xml")
    asked = [r.path for r in site.requests if r.outlet == "hebdo"]
    assert set(notices) <= set(asked) and "/" not in asked
    assert list(records) == [site.url("hebdo", "/ville/actualite/102")]
    assert records[site.url("hebdo", "/ville/actualite/102")]["text_status"] == "full"


def test_a_feed_that_dates_every_item_alike_is_read_as_undated(leads_crawl):
    """A town hall's CMS dates every item of its feed 1 January 2015, its default: all were too old, skipped,
    and the council's notice on Sesterce's data center with them, from the feed's first read to its last. A feed
    whose items (three or more) all carry one date gives no item's date: they are read as undated ones are, and
    each record is dated by its page."""
    crawl, _ = leads_crawl
    site = crawl.site
    stamp, when = datetime(2015, 1, 1, tzinfo=UTC), datetime.now(UTC) - timedelta(days=2)
    notices = {"/bourg/avis-sesterce": ("Avis du conseil sur le centre de données de Sesterce", [
                   "Le conseil municipal a débattu de la demande d'enregistrement du centre de données de Sesterce "
                   "dans l'ancien bâtiment Ecotox, au parc de Rovaltain, et rendu un avis réservé."]),
               "/bourg/marche-de-noel": ("Le marché de Noël revient place de la Mairie", MORNING),
               "/bourg/travaux-ecole": ("Travaux à l'école pendant les vacances", MORNING)}
    site.replace("hebdo", "/bourg/flux.xml", rss_feed(site, "hebdo", [(path, title, stamp)
                                                                      for path, (title, _) in notices.items()]))
    dated = f'<meta property="article:published_time" content="{when.isoformat()}">'
    for path, (title, paragraphs) in notices.items():
        site.replace("hebdo", path, article_page(title, paragraphs, when, dated))
    site.reset_requests()
    records = crawl_feed(crawl, "bourg-date-unique", "hebdo", "/bourg/flux.xml")
    asked = {r.path for r in site.requests if r.outlet == "hebdo"}
    assert set(notices) <= asked
    [record] = records.values()
    assert record["title"] == notices["/bourg/avis-sesterce"][0] and record["text_status"] == "full"
    assert record["published_at"].startswith(when.strftime("%Y-%m-%d")) and record["date_source"] == "page"


def test_addresses_whose_ampersands_were_escaped_twice_are_read(leads_crawl):
    """A town hall's Joomla sitemap writes `&amp;amp;` in its addresses, its theme `&amp;amp;` in its links: read
    once, `&amp;` stayed in the address, and `?option=com_content&amp;view=article&amp;id=77` asked for another
    page (here: none), the council's notice lost. An ampersand escaped twice is read as one."""
    crawl, _ = leads_crawl
    site = crawl.site
    said = {77: "Le conseil municipal a voté une motion sur le centre de données de Sesterce, au parc de Rovaltain.",
            78: "La commune demande une étude indépendante sur l'eau et le bruit des groupes électrogènes du data "
                "center de Sesterce à Rovaltain, avant la fin de la consultation du public."}
    pages = {77: "Motion du conseil sur le centre de données de Sesterce",
             78: "Rovaltain : la commune demande une étude sur le data center de Sesterce"}
    for number, title in pages.items():
        site.replace("hebdo", f"/joomla/index.php?option=com_content&view=article&id={number}",
                     article_page(title, [said[number]]))
    site.replace("hebdo", "/joomla/plan.xml", listing(site, "urlset", [
        "/joomla/index.php?option=com_content&amp;amp;view=article&amp;amp;id=77"]))
    news = ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Actualités</title></head><body><main>'
            f'<h2><a href="index.php?option=com_content&amp;amp;view=article&amp;amp;id=78">{pages[78]}</a></h2>'
            "</main></body></html>")
    site.replace("hebdo", "/joomla/actualites.html", Resource(news.encode(), HTML, site.now))
    add_source(crawl, "joomla-bourg", sitemaps=[site.url("hebdo", "/joomla/plan.xml")],
               pages=[site.url("hebdo", "/joomla/actualites.html")])
    newswatch("crawl", "--source", "joomla-bourg", config=crawl.config_path, check=True)
    records = {r["title"]: r for r in exported(crawl.config_path) if r["source"] == "joomla-bourg"}
    assert set(records) == set(pages.values())
    assert {r["url"] for r in records.values()} == {
        site.url("hebdo", f"/joomla/index.php?option=com_content&view=article&id={n}") for n in pages}


def test_a_drupal_feed_and_sitemap_that_name_their_host_default_are_read_on_their_own_host(leads_crawl):
    """A town hall's Drupal builds its feed and its sitemap from cron, which knows no host name: every address is
    `http://default/node/12`. Each was a network error (a headline at best, with a link nobody can open), the
    council's notice lost. An address on a host without a dot is read on the host of the channel listing it."""
    crawl, _ = leads_crawl
    site = crawl.site
    now = datetime.now(UTC)
    notices = {"/node/4812": ("Le conseil donne son avis sur le centre de données de Sesterce", [
                   "Réuni lundi, le conseil municipal a rendu un avis défavorable à la demande d'enregistrement du "
                   "centre de données de Sesterce dans l'ancien bâtiment Ecotox du parc de Rovaltain."]),
               "/node/4813": ("Rovaltain : une réunion publique sur le data center de Sesterce", [
                   "La mairie organise une réunion publique sur le data center de Sesterce à Rovaltain, jeudi à "
                   "dix-huit heures, salle des fêtes, en présence des services de l'État."])}
    for path, (title, paragraphs) in notices.items():
        site.replace("hebdo", path, article_page(title, paragraphs, now - timedelta(hours=3)))
    (feed_path, feed_title), (sitemap_path, _) = notices.items()
    feed = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Mairie</title>'
            f"<link>http://default/</link><item><title>{feed_title[0]}</title><link>http://default{feed_path}</link>"
            f"<pubDate>{(now - timedelta(hours=3)).strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>"
            "</channel></rss>")
    site.replace("hebdo", "/drupal/rss.xml", Resource(feed.encode(), "application/rss+xml", site.now))
    sitemap = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f"<url><loc>http://default{sitemap_path}</loc></url></urlset>")
    site.replace("hebdo", "/drupal/sitemap.xml", Resource(sitemap.encode(), XML, site.now))
    add_source(crawl, "drupal-cron", feeds=[site.url("hebdo", "/drupal/rss.xml")],
               sitemaps=[site.url("hebdo", "/drupal/sitemap.xml")])
    result = newswatch("crawl", "--source", "drupal-cron", config=crawl.config_path, check=True)
    records = {r["url"]: r for r in exported(crawl.config_path) if r["source"] == "drupal-cron"}
    assert set(records) == {site.url("hebdo", path) for path in notices}
    assert {r["text_status"] for r in records.values()} == {"full"} and result.stderr == ""


@pytest.mark.parametrize("sends", ["header", "script"])
def test_a_redirect_page_of_a_town_s_cms_is_read_where_it_points(leads_crawl, sends):
    """A town's CMS answers a news item's address with a redirect page that sends the reader on to the notice: in
    its `Refresh` header (as a meta refresh would, but in the header), or in a small page's script
    (`window.location.href = "…"`). The page showed nothing to read, was `no_text`, and the notice on Sesterce's
    data center lost. Both are followed; nothing else of a script is run."""
    crawl, _ = leads_crawl
    site = crawl.site
    said = (f"Le conseil municipal d'Alixan examinera le 18 décembre ({sends}) l'avis de la commune sur l'extension "
            "du centre de données de Sesterce au parc de Rovaltain, puis la réunion publique à la salle des fêtes.")
    page, sent_to = f"/index.php?id=977&{sends}", f"/vie-municipale/conseil-du-18-decembre-{sends}"
    site.replace("hebdo", sent_to, article_page(f"Conseil municipal du 18 décembre ({sends})", [said]))
    if sends == "header":
        redirect = Resource(b"", HTML, site.now, headers=(("Refresh", f"0; url={sent_to}"),))
    else:
        redirect = Resource((f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Redirection</title><script>'
                             f'window.location.href = "{sent_to}";</script></head><body>Redirection en cours…</body>'
                             "</html>").encode(), HTML, site.now)
    site.replace("hebdo", page, redirect)
    when = site.now - timedelta(hours=2)
    site.replace("hebdo", f"/redirige-{sends}.xml", rss_feed(site, "hebdo", [(page, "Conseil municipal", when)]))
    records = crawl_feed(crawl, f"mairie-{sends}", "hebdo", f"/redirige-{sends}.xml")
    [record] = records.values()
    assert record["text_status"] == "full" and "salle des fêtes" in record["text"]
    assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in record["topics"]}


def test_a_section_page_whose_cards_a_script_draws_gives_the_articles_its_structured_data_lists(leads_crawl):
    """A radio's section page draws its cards with a script: its HTML links no article, only its JSON-LD ItemList
    names them. The listing gave nothing, and its report on Sesterce's data center was lost. A listing's articles
    are its ItemList's items of its own site too (each known by the list's name for it, as by a link's text)."""
    crawl, _ = leads_crawl
    site = crawl.site
    read, other = "/infos/drome/le-chantier-du-centre-de-donnees-demarre", "/infos/drome/la-foire-de-romans"
    items = [{"@type": "ListItem", "position": n, "url": site.url("hebdo", path), "name": name}
             for n, (path, name) in enumerate([(read, "Rovaltain : le chantier du centre de données démarre"),
                                               (other, "La foire de Romans ouvre ses portes")], start=1)]
    ld = json.dumps({"@context": "https://schema.org", "@type": "CollectionPage",
                     "mainEntity": {"@type": "ItemList", "itemListElement": items}})
    section = ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Infos Drôme</title>'
               f'<script type="application/ld+json">{ld}</script></head><body><nav><a href="/">Accueil</a></nav>'
               '<main><div id="cartes"></div><script src="/app.js"></script></main></body></html>')
    site.replace("hebdo", "/infos/drome/", Resource(section.encode(), HTML, site.now))
    said = ("Les premiers engins sont arrivés sur le site de l'ancien bâtiment Ecotox, où Sesterce installe son "
            "centre de données : la radio a suivi la première journée de chantier au parc de Rovaltain.")
    site.replace("hebdo", read, article_page("Rovaltain : le chantier du centre de données démarre", [said]))
    site.replace("hebdo", other, article_page("La foire de Romans ouvre ses portes", MORNING))
    add_source(crawl, "radio-infos", pages=[site.url("hebdo", "/infos/drome/")])
    site.reset_requests()
    newswatch("crawl", "--source", "radio-infos", config=crawl.config_path, check=True)
    asked = [r.path for r in site.requests if r.outlet == "hebdo"]
    assert read in asked and other in asked
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "radio-infos"]
    assert record["url"] == site.url("hebdo", read) and record["text_status"] == "full"
    assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in record["topics"]}


def test_a_section_page_a_front_end_draws_gives_the_articles_its_state_names(leads_crawl):
    """A daily's section page is drawn by its JavaScript front end (Next.js): its HTML is a menu and an empty
    root, its articles are named only in the JSON state the script starts from (`__NEXT_DATA__`), with no
    JSON-LD list. The listing gave nothing and the appeal against the permit was lost; the state's articles of
    its own site are the listing's items now, each known by its title there."""
    crawl, _ = leads_crawl
    site = crawl.site
    read, other = "/drome/recours-contre-le-permis-du-data-center-2611", "/drome/la-foire-de-romans-ouvre-2612"
    title = "Recours contre le permis du data center de Rovaltain"
    state = json.dumps({"props": {"pageProps": {"articles": [
        {"title": title, "path": read, "image": {"url": "/img/recours.jpg"}},
        {"title": "La foire de Romans ouvre ses portes", "path": other}]}}, "page": "/[section]"})
    section = ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Drôme</title></head><body>'
               '<nav><a href="/">Accueil</a></nav><div id="__next"></div>'
               f'<script id="__NEXT_DATA__" type="application/json">{state}</script></body></html>')
    site.replace("hebdo", "/drome/", Resource(section.encode(), HTML, site.now))
    said = ("Une association de riverains a déposé un recours contre le permis de construire du centre de données "
            "que Sesterce installe au parc de Rovaltain, dans l'ancien bâtiment Ecotox.")
    site.replace("hebdo", read, article_page(title, [said]))
    site.replace("hebdo", other, article_page("La foire de Romans ouvre ses portes", MORNING))
    add_source(crawl, "quotidien-drome", pages=[site.url("hebdo", "/drome/")])
    site.reset_requests()
    newswatch("crawl", "--source", "quotidien-drome", config=crawl.config_path, check=True)
    asked = [r.path for r in site.requests if r.outlet == "hebdo"]
    assert read in asked and other in asked and "/img/recours.jpg" not in asked
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "quotidien-drome"]
    assert (record["url"], record["title"], record["text_status"]) == (site.url("hebdo", read), title, "full")
    assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in record["topics"]}


def test_an_article_a_front_end_draws_is_read_from_its_state(leads_crawl):
    """A daily's article page is drawn by its front end: its HTML is a menu and an empty root, its article only in
    the state the script starts from (`__NEXT_DATA__`, its `<` escaped). Its link's words name no topic, so the
    appeal against Sesterce's permit was lost (the prefilter read no script, the extraction no state). Its text is
    read from the state now: archived whole and matched."""
    crawl, _ = leads_crawl
    site = crawl.site
    path, title = "/drome/un-recours-contre-le-permis-2613", "Un recours déposé contre le permis de construire"
    paragraphs = ["Une association de riverains a déposé un recours contre le permis de construire du centre de "
                  "données que Sesterce installe au parc de Rovaltain, dans l'ancien bâtiment Ecotox.",
                  "Elle conteste l'étude d'impact, muette selon elle sur l'eau du refroidissement et sur les lignes "
                  "électriques à tirer jusqu'au site, et demande une nouvelle enquête publique avant tout chantier."]
    state = json.dumps({"props": {"pageProps": {"article": {"headline": title, "body": "".join(
        f"<p>{paragraph}</p>" for paragraph in paragraphs)}}}}).replace("<", "\\u003c")
    page = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            '<nav><a href="/">Accueil</a></nav><div id="__next"></div>'
            f'<script id="__NEXT_DATA__" type="application/json">{state}</script></body></html>')
    site.replace("hebdo", path, Resource(page.encode(), HTML, site.now))
    section = ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Drôme</title></head><body><main>'
               f'<h1>Drôme</h1><ul><li><a href="{path}">{title}</a></li></ul></main></body></html>')
    site.replace("hebdo", "/drome-soir/", Resource(section.encode(), HTML, site.now))
    add_source(crawl, "quotidien-drome-soir", pages=[site.url("hebdo", "/drome-soir/")])
    newswatch("crawl", "--source", "quotidien-drome-soir", config=crawl.config_path, check=True)
    [record] = [r for r in exported(crawl.config_path) if r["source"] == "quotidien-drome-soir"]
    assert (record["url"], record["title"], record["text_status"]) == (site.url("hebdo", path), title, "full")
    assert record["text"].split("\n") == paragraphs
    assert {"sesterce", "rovaltain"} <= {topic["name"] for topic in record["topics"]}


def test_a_town_s_feed_items_with_no_page_of_their_own_are_each_a_lead(leads_crawl):
    """A town hall's CMS links every item of its feed to its news page, with plain numbers as guids, and posts a
    flash item with no link at all. The news page was read once, for the first item (the council's agenda), and
    the next item, the public meeting on Sesterce's data center, was never seen; the flash item was dropped. Each
    matching item is a headline record now, kept with what the feed says, at the news page's address with a
    fragment naming it (or the site's, for the flash item); nothing is fetched for them, the next crawl adds the
    new item only, and the digest links them."""
    crawl, inbox = leads_crawl
    site = crawl.site
    news, when = "/village/actualites", site.now - timedelta(hours=3)
    site.replace("hebdo", news, article_page("Actualités de la mairie", [
        "Conseil municipal le 3 mars à 20 h : ordre du jour, budget et voirie. " * 6], when))
    agenda = (f'<item><title>Conseil municipal du 3 mars</title><link>{site.url("hebdo", news)}</link>'
              '<guid isPermaLink="false">41</guid><description>Budget et voirie.</description></item>')
    meeting = (f'<item><title>Réunion publique le 12 mars</title><link>{site.url("hebdo", news)}</link>'
               f'<guid isPermaLink="false">42</guid><pubDate>{when:%a, %d %b %Y %H:%M:%S} +0000</pubDate>'
               "<description>Sesterce présentera son centre de données à la salle des fêtes.</description></item>")
    flash = ("<item><description>Flash info : la réunion sur le data center de Rovaltain est reportée au 20 mars."
             "</description></item>")

    def feed(*items: str) -> Resource:
        return Resource((f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Mairie</title>'
                         f'<link>{site.url("hebdo", "/village/")}</link>{"".join(items)}</channel></rss>').encode(),
                        "application/rss+xml", site.now)

    site.replace("hebdo", "/village/rss.xml", feed(agenda, meeting))
    before = len(site.requests)
    mine = crawl_feed(crawl, "mairie-flash", "hebdo", "/village/rss.xml")
    assert news not in [r.path for r in site.requests[before:] if r.outlet == "hebdo"]  # nothing fetched for them
    [record] = mine.values()
    assert record["url"].startswith(site.url("hebdo", news) + "#newswatch-item-")
    assert (record["title"], record["text_status"], record["text"]) == (
        "Réunion publique le 12 mars", "headline", "Sesterce présentera son centre de données à la salle des fêtes.")
    assert "has no page of its own" in record["text_missing_reason"]
    assert "sesterce" in {topic["name"] for topic in record["topics"]}

    site.replace("hebdo", "/village/rss.xml", feed(flash, agenda, meeting))
    before = len(site.requests)
    second = newswatch("crawl", "--source", "mairie-flash", config=crawl.config_path, check=True)
    assert second.stderr == ""
    assert news not in [r.path for r in site.requests[before:] if r.outlet == "hebdo"]  # nothing fetched for them
    now = {r["url"]: r for r in exported(crawl.config_path) if r["source"] == "mairie-flash"}
    assert len(now) == 2 and now[record["url"]]["id"] == record["id"]
    [added] = [r for url, r in now.items() if url != record["url"]]
    assert added["url"].startswith(site.url("hebdo", "/village/#newswatch-item-"))
    assert added["title"] == "Flash info : la réunion sur le data center de Rovaltain est reportée au 20 mars."
    newswatch("digest", "--send", config=crawl.config_path, check=True)
    text = inbox.parsed().get_body(("plain",)).get_content()
    assert record["url"] in text and added["url"] in text

    # a crawl stopped after the sighting of a third item was written, before the item was judged: the next crawl
    # judges it from the words its sighting kept, without fetching anything, though the feed no longer lists it
    site.replace("hebdo", "/village/rss.xml", feed(agenda, meeting))
    stopped = item_address(site.url("hebdo", news), "43")
    with transaction(crawl.archive.sessions(writer=True)) as session:
        queries.record_discoveries(session, [dict(
            url=stopped, raw_url=stopped, source="mairie-flash", channel="feed",
            via=site.url("hebdo", "/village/rss.xml"),
            title="Enquête publique : le registre est ouvert", published_at=when, outlet=None, outlet_url=None,
            summary="Le registre de l'enquête sur le centre de données de Sesterce est en mairie.", title_key=None)])
    crawl.archive.close()
    before = len(site.requests)
    assert newswatch("crawl", "--source", "mairie-flash", config=crawl.config_path, check=True).stderr == ""
    assert news not in [r.path for r in site.requests[before:] if r.outlet == "hebdo"]
    resumed = {r["url"]: r for r in exported(crawl.config_path) if r["source"] == "mairie-flash"}[stopped]
    assert (resumed["title"], resumed["text_status"]) == ("Enquête publique : le registre est ouvert", "headline")


def test_an_article_whose_topic_only_a_block_trafilatura_drops_names_is_archived(leads_crawl):
    """A town's news site writes one paragraph as a `<div>` between its `<p>` paragraphs (its editor's habit), and a
    weekly puts its "Repères" box in an `<aside>` inside the article: trafilatura drops both, and with them the only
    mention of Sesterce's data center; the pages were `no_topic`, lost. Each is archived, the block after its text.
    A teaser paragraph in an unclassed "À lire aussi" box names another article, and still matches nothing."""
    crawl, _ = leads_crawl
    works = [
        "Les travaux de la rue des Écoles commencent lundi et dureront six semaines, avec une circulation "
        "alternée aux heures de pointe et un accès maintenu pour les riverains.",
        "Le conseil a aussi voté les subventions aux associations sportives, en légère hausse, et la création "
        "d'un poste d'animateur pour le centre de loisirs pendant les vacances.",
        "La prochaine séance se tiendra en janvier, avec au menu le plan local d'urbanisme et le budget annexe "
        "de l'eau, dont les tarifs pourraient évoluer.",
        "Les élus ont enfin rendu hommage à l'ancien secrétaire de mairie, parti à la retraite après trente ans "
        "au service de la commune et de ses habitants.",
        "Une minute de silence a été observée en mémoire des victimes des inondations de l'automne dernier dans "
        "la vallée voisine, avant la levée de séance."]
    said = ("Le maire a annoncé une réunion publique sur le centre de données de Sesterce à Rovaltain, le 12 mars "
            "à la salle des fêtes.")
    box = ("Repères : Sesterce prévoit 40 000 GPU dans l'ancien bâtiment Ecotox, mis en service par tranches à "
           "partir de l'été.")
    div_page, box_page, teaser_page = "/mairie/conseil-du-lundi", "/eco/la-rentree-du-conseil", "/eco/les-travaux"
    mine = publish_and_crawl(crawl, "blocs", "/blocs.xml", {
        div_page: ("Ce qu'il faut retenir du conseil", [*works[:2], f"{works[2]}</p><div>{said}</div><p>{works[3]}",
                                                         works[4]]),
        box_page: ("La rentrée du conseil", [*works[:4], f'{works[4]}</p><aside class="encadre"><p>{box}</p>'
                                                          "</aside><p>Fin."]),
        teaser_page: ("Les travaux commencent", [*works[:4], f"{works[4]}</p><aside><h3>À lire aussi</h3>"
                                                             f"<p>{said}</p></aside><p>Fin."])})
    site = crawl.site
    assert sorted(mine) == sorted([site.url("hebdo", div_page), site.url("hebdo", box_page)])
    assert mine[site.url("hebdo", div_page)]["text"].split("\n") == [*works, said]
    assert mine[site.url("hebdo", box_page)]["text"].split("\n")[-1] == box
    for record in mine.values():
        assert "sesterce" in {topic["name"] for topic in record["topics"]}


def test_a_collective_s_posts_in_bold_letters_are_leads_read_plain(leads_crawl):
    """A residents' collective relays its social network's posts through a feed (items with no page of their own)
    and its blog, both writing in bold letters (mathematical sans-serif bold, 𝗦𝗘𝗦𝗧𝗘𝗥𝗖𝗘): FTS5 read other letters,
    and the posts matched no topic. They are archived matched, their titles and texts written plain, and found
    by a search for "Sesterce"."""
    from tests.test_extraction import _bold

    crawl, _ = leads_crawl
    site = crawl.site
    post = f"{_bold('SESTERCE')} : réunion publique le 12 mars à Alixan, venez poser vos questions sur l'eau."
    site.replace("hebdo", "/collectif/posts.xml", Resource((
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Collectif</title>'
        f'<link>{site.url("hebdo", "/collectif/")}</link><item><description>{post}</description>'
        f'<guid isPermaLink="false">post-1</guid></item></channel></rss>').encode(), "application/rss+xml", site.now))
    when = site.now - timedelta(hours=2)
    blog = "/collectif/2026/03/pourquoi-nous-serons-la"
    site.replace("hebdo", blog, article_page(_bold("Pourquoi nous serons là"), [
        "Les habitants du quartier se retrouveront jeudi devant la mairie, avec leurs questions écrites à l'avance "
        "sur le bruit des groupes électrogènes et sur l'eau du refroidissement.",
        f"Le projet de {_bold('Sesterce')} à Rovaltain sera présenté par la préfecture, qui promet des réponses "
        "détaillées avant la fin de la consultation du public."], when))
    site.replace("hebdo", "/collectif/blog.xml", rss_feed(site, "hebdo", [(blog, _bold("Pourquoi nous serons là"),
                                                                          when)]))
    add_source(crawl, "collectif-gras", feeds=[site.url("hebdo", "/collectif/posts.xml"),
                                               site.url("hebdo", "/collectif/blog.xml")])
    assert newswatch("crawl", "--source", "collectif-gras", config=crawl.config_path, check=True).stderr == ""
    mine = {r["title"]: r for r in exported(crawl.config_path) if r["source"] == "collectif-gras"}
    assert set(mine) == {"SESTERCE : réunion publique le 12 mars à Alixan, venez poser vos questions sur l'eau.",
                         "Pourquoi nous serons là"}
    assert "Le projet de Sesterce à Rovaltain" in mine["Pourquoi nous serons là"]["text"]
    for record in mine.values():
        assert "sesterce" in {topic["name"] for topic in record["topics"]}
    found = newswatch("search", "Sesterce", "--source", "collectif-gras", "--json", config=crawl.config_path,
                      check=True).stdout
    assert "Pourquoi nous serons là" in found and "SESTERCE : réunion publique" in found


def test_a_town_s_news_page_item_with_no_page_of_its_own_is_a_lead(leads_crawl):
    """A small town's news page (a `pages` source) posts the public meeting on Sesterce's data center as a heading
    and a paragraph, with no page of its own; its other item links its article. Only the article was read: the
    meeting was lost. It is a headline record now, at the news page's address with a fragment naming it; the
    article is archived as before and its teaser is no item; the next crawl adds nothing."""
    crawl, _ = leads_crawl
    site = crawl.site
    listing, article = "/commune/actualites/", "/commune/actualites/2026/03/le-chantier-de-rovaltain-reprend"
    when = site.now - timedelta(hours=4)
    site.replace("hebdo", article, article_page("Le chantier de Rovaltain reprend", [
        "Le chantier du centre de données de Sesterce reprend lundi dans l'ancien bâtiment Ecotox, après trois "
        "semaines d'arrêt dues aux intempéries, annonce la préfecture dans un communiqué."] * 2, when))
    page = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Actualités</title></head><body>'
        '<nav><a href="/commune/">Accueil</a></nav><main><h1>Actualités de la commune</h1>'
        f'<div class="actu"><h2><a href="{article}">Le chantier de Rovaltain reprend</a></h2><p>Le chantier de '
        "Sesterce reprend lundi, après trois semaines d'arrêt.</p></div>"
        '<div class="actu"><h2>Réunion de chantier le 19 mars</h2><p class="date">Publié il y a 2 heures</p><p>La '
        "société Sesterce présentera son centre de données à la salle des fêtes, à 20 h, en présence du préfet.</p>"
        "</div><div class=\"actu\"><h2>Coupure d'eau</h2><p>Une coupure d'eau est prévue mardi matin dans le "
        "quartier des Écoles, de 8 h à 12 h.</p></div></main></body></html>")
    site.replace("hebdo", listing, Resource(page.encode(), HTML, site.now))
    add_source(crawl, "commune-actus", pages=[site.url("hebdo", listing)])
    assert newswatch("crawl", "--source", "commune-actus", config=crawl.config_path, check=True).stderr == ""
    mine = {r["url"]: r for r in exported(crawl.config_path) if r["source"] == "commune-actus"}
    [item] = [url for url in mine if "#newswatch-item-" in url]
    assert item.startswith(site.url("hebdo", listing)) and set(mine) == {item, site.url("hebdo", article)}
    assert (mine[item]["title"], mine[item]["text_status"]) == ("Réunion de chantier le 19 mars", "headline")
    assert "Sesterce présentera son centre de données" in mine[item]["text"] and "il y a" not in mine[item]["text"]
    assert "sesterce" in {topic["name"] for topic in mine[item]["topics"]}
    site.replace("hebdo", listing, Resource(page.replace("il y a 2 heures", "il y a 1 jour").encode(), HTML,
                                            site.now))
    assert newswatch("crawl", "--source", "commune-actus", config=crawl.config_path, check=True).stderr == ""
    assert {r["url"] for r in exported(crawl.config_path) if r["source"] == "commune-actus"} == set(mine)

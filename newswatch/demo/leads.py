"""The sample site's hard cases: aggregator feeds (Google News- and Bing-style), a daily behind a bot wall, an
article behind a consent redirect, and a paywalled teaser. Every text here is ours; the outlets are fictional."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from urllib.parse import quote

from newswatch.demo.articles import by_slug
from newswatch.demo.documents import scanned_decision
from newswatch.demo.feeds import Entry, news_sitemap, robots, rss, x
from newswatch.demo.model import LEAD_OUTLETS
from newswatch.demo.site import HTML, TEXT, XML, Resource, article_url, published_at

LEAD_SOURCE_NAMES = {"agg": "actus-agregees", "vercors": "voix-du-vercors", "hebdo": "hebdo-rhone"}
RSS = "application/rss+xml; charset=utf-8"
VERCORS, HEBDO, RADIO = "La Voix du Vercors", "L'Hebdo du Rhône", "Radio Valence Drôme"


@dataclass(frozen=True)
class Story:
    """An article of a lead outlet: only its feed/sitemap entry is readable by a crawler (or its teaser)."""

    outlet: str
    path: str
    title: str
    summary: str
    age_hours: int


STORIES = {
    "recours": Story("vercors", "/drome/2026/02/18/data-center-de-rovaltain-les-opposants-deposent-un-recours",
                     "Data center de Rovaltain : les opposants à Sesterce déposent un recours",
                     "Un collectif d'habitants d'Alixan a saisi le tribunal administratif de Grenoble contre le "
                     "permis de construire du centre de données que Sesterce installe à Rovaltain.", 5),
    "eau": Story("vercors", "/drome/2026/02/20/rovaltain-l-eau-du-centre-de-donnees-en-question",
                 "Rovaltain : l'eau du centre de données de Sesterce en question",
                 "Combien d'eau consommera le centre de données de Sesterce à Rovaltain ? Les élus d'Alixan "
                 "demandent des chiffres précis sur le refroidissement des 40 000 GPU.", 9),
    "foire": Story("vercors", "/drome/2026/02/21/valence-la-foire-de-printemps-ouvre-ses-portes",
                   "Valence : la foire de printemps ouvre ses portes",
                   "Trois cents exposants et un manège géant : la foire de printemps revient au parc des expositions.",
                   3),
    "permis": Story("hebdo", "/economie/sesterce-ce-que-contient-le-permis-de-construire",
                    "Sesterce à Rovaltain : ce que contient le permis de construire",
                    "Nous avons lu les 240 pages du dossier de permis du data center de Sesterce.", 11),
    "reunion": Story("radio", "/infos/alixan-reunion-publique-houleuse-sur-le-data-center-de-sesterce",
                     "Alixan : réunion publique houleuse autour du data center de Sesterce",
                     "Près de deux cents personnes ont interpellé les représentants de Sesterce sur le bruit et "
                     "l'eau du futur centre de données de Rovaltain.", 7),
    "emplois": Story("radio", "/infos/rovaltain-combien-d-emplois-au-centre-de-donnees",
                     "Rovaltain : combien d'emplois au centre de données de Sesterce ?",
                     "Sesterce promet plusieurs centaines d'emplois à Rovaltain ; les syndicats de la Drôme "
                     "attendent de voir les premières embauches du data center.", 13),
}
# A Google News item resolved through the outlet's own news sitemap, and one resolved through a blog's feed.
ECHO_SLUG = "sesterce-un-recours-depose-contre-le-permis-du-data-center"
BING_SLUG = "reunion-publique-a-alixan-le-collectif-ne-lache-rien"

TEASER = (
    "Nous avons lu les 240 pages du dossier de permis de construire déposé par Sesterce pour son centre de "
    "données de Rovaltain, à Alixan. On y trouve le plan des groupes électrogènes, la puissance raccordée "
    "demandée à RTE et une note sur le refroidissement en circuit fermé des 40 000 GPU. Trois points "
    "soulèvent des questions que la mairie n'a pas encore tranchées.")
PITCH = "Cet article est réservé aux abonnés. Abonnez-vous pour lire la suite, ou connectez-vous si vous êtes déjà abonné."

CHALLENGE = (b"<!DOCTYPE html><html lang=\"fr\"><head><title>voixduvercors.example</title>"
             b"<style>#cmsg{animation:A 1.5s;}</style></head><body style=\"margin:0\"><p id=\"cmsg\">"
             b"Please enable JS and disable any ad blocker</p><script data-cfasync=\"false\">var dd={'rt':'c',"
             b"'cid':'AHrlqAAAAAMA','hsh':'2F0C', 'host':'geo.captcha-delivery.com'}</script>"
             b"<script src=\"https://ct.captcha-delivery.com/c.js\"></script></body></html>")
CHALLENGE_HEADERS = (("X-DataDome", "protected"), ("Set-Cookie", "datadome=demo; Path=/; SameSite=Lax"))
INTERSTITIAL = (b"<!DOCTYPE html><html><head><title>Google News</title><script>window.location.replace("
                b"c_wiz_data_redirect())</script></head><body><c-wiz></c-wiz></body></html>")


# Answers a matching feed item may meet besides a bot wall: only the tests serve them (DemoSite.replace), on the
# weekly's site under WALLS_FEED, so that the demo's own figures stay as they are.
WALLS_FEED = "/murs.xml"
WALL_STORIES = {  # case -> the item; its page answers as the case says
    "rate_limited": Story("hebdo", "/economie/alixan-les-riverains-reclament-une-etude-de-bruit",
                          "Alixan : les riverains réclament une étude de bruit sur le data center de Sesterce",
                          "Les groupes électrogènes du centre de données de Rovaltain inquiètent le voisinage.", 2),
    "cloudflare": Story("hebdo", "/economie/rovaltain-la-chaleur-du-centre-de-donnees-promise-a-valence",
                        "Rovaltain : la chaleur du centre de données de Sesterce promise au réseau de Valence",
                        "Le réseau de chaleur récupérerait la chaleur fatale des 40 000 GPU de Sesterce.", 4),
    "image": Story("hebdo", "/photos/chantier-du-data-center-de-sesterce.jpg",
                   "En images : le chantier du data center de Sesterce à Rovaltain",
                   "Les premiers bâtiments du centre de données sortent de terre à Alixan.", 6),
    "empty": Story("hebdo", "/economie/sesterce-la-puissance-du-site-de-rovaltain-doublerait",
                   "Sesterce : la puissance du data center de Rovaltain doublerait",
                   "Le « compute center » d'Alixan demanderait deux fois plus d'électricité que prévu.", 8),
    "no_text": Story("hebdo", "/economie/sesterce-presente-ses-gpu-aux-elus-de-l-agglomeration",
                     "Rovaltain : Sesterce présente ses GPU aux élus de l'agglomération",
                     "Visite du futur centre de données pour les élus de Valence Romans Agglo.", 10),
    "navigation": Story("hebdo", "/economie/sesterce-signe-avec-un-lycee-de-valence",
                        "Sesterce signe avec un lycée de Valence pour former aux métiers du data center",
                        "Une formation aux métiers du centre de données de Rovaltain ouvrira à la rentrée.", 11),
    "scan": Story("hebdo", "/documents/permis-de-construire-sesterce-signe.pdf",
                  "Permis de construire du centre de données de Sesterce à Rovaltain (PDF signé)",
                  "L'arrêté du maire d'Alixan, scanné.", 12),
}
CLOUDFLARE = (b'<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta name="robots" '
              b'content="noindex,nofollow"></head><body><div class="main-wrapper" role="main"><h1>hebdo.example</h1>'
              b"<p>Verifying you are human. This may take a few seconds.</p><noscript>Enable JavaScript and cookies "
              b'to continue</noscript></div><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?'
              b'ray=demo"></script></body></html>')
NAVIGATION_ONLY = ("<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>L'Hebdo du Rhône</title></head>"
                   "<body><header><nav><ul><li><a href='/'>Accueil</a></li><li><a href='/economie/'>Économie</a></li>"
                   "<li><a href='/sports/'>Sports</a></li></ul></nav></header><main><div class='article-placeholder'>"
                   "<p>Chargement de l'article…</p></div></main><footer><p>© L'Hebdo du Rhône</p></footer></body>"
                   "</html>").encode()
PICTURE = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"  # a JPEG's first bytes
           + bytes(range(256)) * 8 + b"\xff\xd9")


def wall_resources(base_urls: dict[str, str], now: datetime) -> dict[str, Resource]:
    """Path -> Resource on the weekly's site: a feed of WALL_STORIES and each item's answer."""
    home = base_urls["hebdo"]
    entries = [_entry(home + s.path, home + s.path, s.title, s.summary, now - timedelta(hours=s.age_hours))
               for s in WALL_STORIES.values()]
    answers = {
        "rate_limited": Resource(b"<html><body><h1>Too Many Requests</h1></body></html>", HTML, now, status=429,
                                 headers=(("Retry-After", "120"),)),
        "cloudflare": Resource(CLOUDFLARE, "text/html; charset=UTF-8", now, status=503,
                               headers=(("cf-mitigated", "challenge"), ("Server", "cloudflare"))),
        "image": Resource(PICTURE, "image/jpeg", now),
        "empty": Resource(b"", HTML, now),
        "no_text": Resource(b"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><div id='app'></div>"
                            b"<script src='/static/app.js'></script></body></html>", HTML, now),  # JavaScript only
        "navigation": Resource(NAVIGATION_ONLY, HTML, now),  # the article is loaded later by a script
        "scan": Resource(scanned_decision(now).pdf(), "application/pdf", now),
    }
    return {WALLS_FEED: Resource(rss(HEBDO, home + "/", home + WALLS_FEED, "Brèves", "fr", entries), RSS, now),
            **{WALL_STORIES[case].path: answer for case, answer in answers.items()}}


def google_id(key: str) -> str:
    """An opaque, Google-shaped article id (protobuf in base64): it carries no URL."""
    return "CBMi" + base64.urlsafe_b64encode(f"newswatch-demo:{key}".encode()).decode().rstrip("=")


def consent_page(outlet: str) -> bytes:
    return (f"<!DOCTYPE html><html lang=\"fr\"><head><title>Avant d'accéder à {x(outlet)}</title></head><body>"
            f"<h1>Avant d'accéder à {x(outlet)}</h1><p>Nous et nos partenaires utilisons des cookies.</p>"
            "<form action=\"/consent/save\" method=\"post\"><button>Tout refuser</button>"
            "<button>Tout accepter</button></form></body></html>").encode()


def paywalled_page(story: Story, url: str, published: datetime) -> bytes:
    ld = ('{"@context":"https://schema.org","@type":"NewsArticle","headline":"' + story.title + '",'
          '"datePublished":"' + published.isoformat() + '","isAccessibleForFree":false,'
          '"hasPart":{"@type":"WebPageElement","isAccessibleForFree":false,"cssSelector":".reserve"}}')
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{x(story.title)} | {HEBDO}</title>
<link rel="canonical" href="{x(url)}"><meta property="og:site_name" content="{HEBDO}">
<meta property="og:title" content="{x(story.title)}"><meta name="author" content="Claire Bonnet">
<meta property="article:published_time" content="{published.isoformat()}">
<script type="application/ld+json">{ld}</script></head><body>
<header><a href="/">{HEBDO}</a> · <a href="/abonnement/">S'abonner</a></header>
<main><article><h1>{x(story.title)}</h1><p class="chapo">{TEASER}</p>
<div class="reserve"><p>{PITCH}</p></div></article></main>
<footer>© {HEBDO} · Mentions légales</footer></body></html>""".encode()


def _entry(url: str, link: str, title: str, summary: str, when: datetime) -> Entry:
    return Entry(url=url, link=link, guid=link, title=title, title_html=None, author="Rédaction", summary=summary,
                 published=when, modified=when, section="Actualité", lang="fr")


def aggregator_feed(title: str, items: list[tuple[str, str, str, str, datetime]], google: bool) -> bytes:
    """A search feed: (link, title, outlet, outlet home, date); Google's shape has <source> and an HTML description."""
    blocks = []
    for link, headline, outlet, home, when in items:
        description = (f'<a href="{link}" target="_blank">{headline}</a>&nbsp;&nbsp;<font color="#6f6f6f">{outlet}</font>'
                       if google else f"{headline} — vu sur {outlet}")
        blocks.append(f"""  <item>
    <title>{x(headline + ' - ' + outlet) if google else x(headline)}</title>
    <link>{x(link)}</link>
    <guid isPermaLink="false">{x(link[-24:])}</guid>
    <pubDate>{format_datetime(when)}</pubDate>
    <description>{x(description)}</description>
    {f'<source url="{x(home)}">{x(outlet)}</source>' if google else f'<News:Source>{x(outlet)}</News:Source>'}
  </item>""")
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:News="https://www.bing.com/news/search"><channel><generator>NFE/5.0</generator>
<title>{x(title)}</title><link>https://news.example/</link><language>fr</language>
<description>{x(title)}</description>
{chr(10).join(blocks)}
</channel></rss>
""".encode()


def build_leads(base_urls: dict[str, str], now: datetime) -> dict[str, dict[str, Resource]]:
    """Every lead outlet's resources: outlet -> path -> Resource (status and headers where not a plain 200)."""
    def url(story: str) -> str:
        return base_urls[STORIES[story].outlet] + STORIES[story].path

    def when(story: str) -> datetime:
        return now - timedelta(hours=STORIES[story].age_hours)

    old = now - timedelta(days=400)
    out: dict[str, dict[str, Resource]] = {o: {} for o in LEAD_OUTLETS}
    # La Voix du Vercors: feed, news sitemap and robots.txt readable; every page behind a DataDome challenge.
    vercors = [_entry(url(k), url(k), STORIES[k].title, STORIES[k].summary, when(k)) for k in ("recours", "eau", "foire")]
    out["vercors"]["/rss.xml"] = Resource(rss(VERCORS, base_urls["vercors"] + "/", base_urls["vercors"] + "/rss.xml",
                                              "L'actualité de la Drôme", "fr", vercors), RSS, now)
    out["vercors"]["/sitemap_news.xml"] = Resource(news_sitemap(VERCORS, vercors), XML, now)
    out["vercors"]["/robots.txt"] = Resource(robots([], [base_urls["vercors"] + "/sitemap_news.xml"]), TEXT, old)
    out["vercors"]["*"] = Resource(CHALLENGE, "text/html; charset=utf-8", now, status=403, headers=CHALLENGE_HEADERS)
    # L'Hebdo du Rhône: a paywalled article, in its feed.
    permis = STORIES["permis"]
    out["hebdo"][permis.path] = Resource(paywalled_page(permis, url("permis"), when("permis")), HTML, when("permis"))
    out["hebdo"]["/rss.xml"] = Resource(rss(HEBDO, base_urls["hebdo"] + "/", base_urls["hebdo"] + "/rss.xml",
                                            "L'hebdomadaire de la vallée du Rhône", "fr",
                                            [_entry(url("permis"), url("permis"), permis.title, permis.summary,
                                                    when("permis"))]), RSS, when("permis"))
    out["hebdo"]["/robots.txt"] = Resource(robots([], []), TEXT, old)
    # Radio Valence Drôme: no feed anywhere, articles behind a consent redirect.
    out["radio"]["/"] = Resource(f"<!DOCTYPE html><html><head><title>{RADIO}</title></head><body><h1>{RADIO}</h1>"
                                 "<p>La radio de la Drôme et de l'Ardèche.</p></body></html>".encode(), HTML, old)
    out["radio"]["/robots.txt"] = Resource(robots([], []), TEXT, old)
    for key in ("reunion", "emplois"):
        target = base_urls["agg"] + "/consent?continue=" + quote(url(key), safe="")
        out["radio"][STORIES[key].path] = Resource(b"", HTML, old, status=302, headers=(("Location", target),))
    # The aggregator: Google News-style and Bing-style search feeds, the interstitial, the consent page.
    echo = by_slug(ECHO_SLUG)
    blog = by_slug(BING_SLUG)
    agg = base_urls["agg"]
    google = [(f"{agg}/rss/articles/{google_id(k)}?oc=5", STORIES[k].title, {"vercors": VERCORS, "radio": RADIO}[
        STORIES[k].outlet], base_urls[STORIES[k].outlet], when(k)) for k in ("recours", "emplois")]
    google.append((f"{agg}/rss/articles/{google_id(ECHO_SLUG)}?oc=5", echo.title, "L'Écho de l'Éco",
                   base_urls["echo"], published_at(echo, now)))
    out["agg"]["/rss/search"] = Resource(aggregator_feed("« Sesterce » - Google Actualités", google, True), XML, now)

    def bing(target: str) -> str:
        return f"{agg}/news/apiclick.aspx?ref=FexRss&aid=&tid=demo&url={quote(target, safe='')}&c=1&mkt=fr-fr"

    bing_items = [(bing(article_url(base_urls, blog)), blog.title, "Nuages Bas", base_urls["nuages"],
                   published_at(blog, now)),
                  (bing(url("reunion")), STORIES["reunion"].title, RADIO, base_urls["radio"], when("reunion"))]
    out["agg"]["/news/search"] = Resource(aggregator_feed("Bing Actualités : Sesterce", bing_items, False), XML, now)
    for link, *_ in google:
        out["agg"][link[len(agg):].split("?")[0]] = Resource(INTERSTITIAL, HTML, now)
    out["agg"]["/consent"] = Resource(consent_page(RADIO), HTML, old)
    out["agg"]["/robots.txt"] = Resource(robots(["/search"], []), TEXT, old)
    return out


def leads_sources_toml(url) -> str:
    """The [[sources]] blocks of the lead outlets a campaign would configure (the radio is found via Bing only)."""
    return (f'[[sources]]\nname = "google-actus"\nsearch = "{url("agg", "/rss/search")}?q={{query}}&hl=fr&gl=FR&ceid=FR:fr"\n\n'
            f'[[sources]]\nname = "bing-actus"\nsearch = "{url("agg", "/news/search")}?q={{query}}&format=rss"\n\n'
            f'[[sources]]\nname = "{LEAD_SOURCE_NAMES["vercors"]}"\nfeeds = ["{url("vercors", "/rss.xml")}"]\n\n'
            f'[[sources]]\nname = "{LEAD_SOURCE_NAMES["hebdo"]}"\nfeeds = ["{url("hebdo", "/rss.xml")}"]\n')

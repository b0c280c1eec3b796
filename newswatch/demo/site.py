"""Render the sample press site: every outlet's pages, feeds, sitemaps and robots.txt, as bytes."""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from newswatch.demo.articles import ARTICLES, DemoArticle, by_slug
from newswatch.demo.chrome import ArticlePage, Comment, Link, ListingPage
from newswatch.demo.feeds import Entry, atom, news_sitemap, robots, rss, sitemap_index
from newswatch.demo.model import LEAD_OUTLETS, OUTLETS
from newswatch.demo.skins import SKINS

HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
XML = "application/xml; charset=utf-8"
GZIP = "application/x-gzip"

TRACKING = "?utm_source=rss&utm_medium=feed"
ATOM_LEAD = "\n  \r\n"  # whitespace before <?xml, as some blog engines emit
ATOM_HTML_TITLES = {
    "refroidissement-circuit-ferme-pue-1-1-les-promesses-de-sesterce":
        "Circuit fermé, <em>PUE de 1,1</em>&nbsp;: on a décortiqué les promesses de Sesterce",
}
AMP_SLUG = "sesterce-bets-on-former-research-lab-for-40000-gpu-ai-data-centre"
EXTERNAL_SLUG = "alixan-valide-le-permis-du-data-center-de-sesterce"
DCW_TAGS = {
    "/tag/france/": ("France", (AMP_SLUG, "residents-take-sesterce-rovaltain-permit-to-court",
                                "grand-est-emerges-as-france-s-next-data-centre-hotspot")),
    "/tag/ai/": ("AI", (AMP_SLUG, "residents-take-sesterce-rovaltain-permit-to-court",
                        "grand-est-emerges-as-france-s-next-data-centre-hotspot")),
    "/tag/cooling/": ("Cooling", ("water-becomes-the-new-battleground-for-european-data-centers", AMP_SLUG)),
    "/tag/europe/": ("Europe", ("water-becomes-the-new-battleground-for-european-data-centers",
                                "grand-est-emerges-as-france-s-next-data-centre-hotspot")),
}
OLD_DAYS = 40  # dcw puts stories this old on /news/?page=2 only
NAMES = {"fr": ("Bernard26", "Sylvie M.", "Le Romanais", "Jean-Luc", "Fanny D.", "Citoyen drômois", "Max V."),
         "en": ("GridWatcher", "J. Keane", "coolingguy", "Maarten", "Aoife R.", "ex-colo ops")}
STATIC_PAGES = {  # besides the footer's legal pages
    "courrier": {"/abonnement/": "Abonnez-vous"},
    "echo": {"/abonnement/": "Je m'abonne"},
    "nuages": {"/le-collectif/": "Le collectif"},
    "dcw": {"/about/": "About DataCentre Weekly"},
}


@dataclass(frozen=True)
class Resource:
    body: bytes
    content_type: str
    last_modified: datetime
    status: int = 200  # other statuses (a 403 challenge, a 302) are sent as they are, without validators
    headers: tuple[tuple[str, str], ...] = ()  # sent with it (a redirect's Location, a Refresh…)
    delay: float = 0.0  # seconds before it is answered (tests: a channel or a page that comes late)


def _hash(slug: str) -> int:
    return zlib.crc32(slug.encode("utf-8"))


def article_id(article: DemoArticle) -> int:
    """A stable six-digit id, used in URLs and feed guids."""
    return 100000 + _hash(article.slug) % 900000


def is_topical(article: DemoArticle) -> bool:
    return bool(article.topics) or article.kind in ("relevant", "wire", "edited", "general")


def _on_topic(article: DemoArticle) -> bool:
    return article.kind in ("relevant", "wire", "edited", "general")


def article_path(article: DemoArticle) -> str:
    """The path of an article's canonical URL, in its outlet's URL convention."""
    section = SKINS[article.outlet].section_for(is_topical(article), "").url.rstrip("/")
    if article.outlet == "courrier":
        return f"{section}/{article.slug}_{article_id(article)}.html"
    if article.outlet == "echo":
        return f"{section}/{article.slug}-{article_id(article)}"
    if article.outlet == "nuages":
        return f"/billets/{article.slug}/"
    return f"/news/{article.slug}/"


def article_url(base_urls: dict[str, str], article: DemoArticle) -> str:
    """The canonical URL of an article on the running site."""
    return base_urls[article.outlet] + article_path(article)


def amp_url(base_urls: dict[str, str]) -> str:
    """The AMP URL that DataCentre Weekly's /news/ page links instead of the article itself."""
    return article_url(base_urls, by_slug(AMP_SLUG)) + "amp/"


def published_at(article: DemoArticle, now: datetime) -> datetime:
    """now minus age_days, minus 1-9 hours and some minutes (stable per article)."""
    n = _hash(article.slug)
    return _utc(now) - timedelta(days=article.age_days, hours=1 + n % 9, minutes=n % 60)


def modified_at(article: DemoArticle, now: datetime, version: int) -> datetime:
    """The publication time, or 20 minutes before now for an article edited in this version."""
    if version >= 2 and article.title_v2:
        return _utc(now) - timedelta(minutes=20)
    return published_at(article, now)


def _utc(now: datetime) -> datetime:
    now = now.replace(tzinfo=timezone.utc) if now.tzinfo is None else now.astimezone(timezone.utc)
    return now.replace(microsecond=0)


def _outlet_articles(outlet: str) -> list[DemoArticle]:
    return sorted((a for a in ARTICLES if a.outlet == outlet), key=lambda a: (a.age_days, a.slug))


class _Builder:
    """Builds one outlet's resources for one version of the site."""

    def __init__(self, outlet: str, base_urls: dict[str, str], now: datetime, version: int):
        self.outlet, self.base_urls, self.now, self.version = outlet, base_urls, now, version
        self.base = base_urls[outlet]
        self.skin = SKINS[outlet]
        self.articles = _outlet_articles(outlet)
        self.static_time = now - timedelta(days=400)
        self.out: dict[str, Resource] = {}

    def build(self) -> dict[str, Resource]:
        for article in self.articles:
            self.out[article_path(article)] = self.article_resource(article)
        self.listings()
        self.feeds()
        return self.out

    # -- articles -------------------------------------------------------------------------------
    def page(self, article: DemoArticle) -> ArticlePage:
        published = published_at(article, self.now)
        return ArticlePage(
            article=article, url=article_url(self.base_urls, article), base=self.base,
            site_name=self.skin.name, title=article.title_at(self.version),
            paragraphs=article.paragraphs_at(self.version), published=published,
            modified=modified_at(article, self.now, self.version),
            section=self.skin.section_for(is_topical(article), self.base),
            related=tuple(self.link(a) for a in self.related(article)),
            comments=self.comments(article, published),
            amp_url=amp_url(self.base_urls) if article.slug == AMP_SLUG else None)

    def article_resource(self, article: DemoArticle) -> Resource:
        page = self.page(article)
        if article.slug == AMP_SLUG:
            self.out[article_path(article) + "amp/"] = Resource(self.skin.render_amp(page), HTML, page.modified)
        return Resource(self.skin.render_article(page), HTML, page.modified)

    def related(self, article: DemoArticle) -> list[DemoArticle]:
        """Up to three articles of the same outlet, closest in time: on-topic ones for on-topic stories.

        Near-misses and ordinary news only get ordinary news as related links, so their topics never
        change when a crawler mistakes the "related" block for article text.
        """
        wanted = _on_topic if _on_topic(article) else (lambda a: a.kind == "ordinary")
        same = [a for a in self.articles if a is not article and wanted(a)]
        return sorted(same, key=lambda a: (abs(a.age_days - article.age_days), a.slug))[:3]

    def comments(self, article: DemoArticle, published: datetime) -> tuple[Comment, ...]:
        names = NAMES[article.lang]
        start = _hash(article.slug) % len(names)
        span = self.now - published
        return tuple(Comment(names[(start + i) % len(names)], published + span * (i + 1) / (len(article.comments) + 1),
                             text) for i, text in enumerate(article.comments))

    def link(self, article: DemoArticle, url: str | None = None) -> Link:
        teaser = " ".join(article.paragraphs_at(self.version)[0].split()[:24]) + " …"
        return Link(article.title_at(self.version), url or article_url(self.base_urls, article),
                    published_at(article, self.now), teaser)

    # -- listings -------------------------------------------------------------------------------
    def listing(self, path: str, title: str, articles: list[DemoArticle], intro: str = "",
                extra: tuple[Link, ...] = (), urls: dict[str, str] | None = None) -> None:
        urls = urls or {}
        items = tuple(self.link(a, urls.get(a.slug)) for a in articles)
        page = ListingPage(title=title, url=self.base + path, base=self.base, site_name=self.skin.name,
                           lang=self.skin.lang, intro=intro, items=items, extra=extra)
        when = max((modified_at(a, self.now, self.version) for a in articles), default=self.static_time)
        self.out[path] = Resource(self.skin.render_listing(page), HTML, when)

    def listings(self) -> None:
        self.listing("/", self.skin.name, self.articles[:12])
        static = {**{p: t for t, p in self.skin.footer_items if p.endswith("/")}, **STATIC_PAGES[self.outlet]}
        for path, title in static.items():
            if path not in self.out:
                self.listing(path, title, [], intro=f"{self.skin.name} — {title}.")
        sections = [self.skin.section_for(flag, "") for flag in (True, False)]
        for label, path in [*self.skin.nav_items, *((s.title, s.url) for s in sections)]:
            if path not in self.out and not path.startswith("/tag/"):
                self.listing(path, label, self.section_articles(path))
        if self.outlet == "dcw":
            self.dcw_listings()

    def section_articles(self, path: str) -> list[DemoArticle]:
        topical = self.skin.section_for(True, "").url == path
        local = self.skin.section_for(False, "").url == path
        if topical or local:
            return [a for a in self.articles if is_topical(a) == topical]
        return self.articles[:5]

    def dcw_listings(self) -> None:
        recent = [a for a in self.articles if a.age_days < OLD_DAYS]
        older = [a for a in self.articles if a.age_days >= OLD_DAYS]
        external = by_slug(EXTERNAL_SLUG)
        extra = tuple(Link(label, self.base + path) for path, (label, _) in DCW_TAGS.items()) + (
            Link("About DCW", self.base + "/about/"), Link("Contact", self.base + "/contact/"),
            Link("Older stories", self.base + "/news/?page=2"),
            Link("From our partners: " + external.title, article_url(self.base_urls, external)))
        self.listing("/news/", "News", recent, intro="The latest data centre news from France and Europe.",
                     extra=extra, urls={AMP_SLUG: amp_url(self.base_urls)})
        self.listing("/news/?page=2", "News — page 2", older, extra=(Link("Newer stories", self.base + "/news/"),))
        for path, (label, slugs) in DCW_TAGS.items():
            self.listing(path, f"Tag: {label}", [by_slug(s) for s in slugs])

    # -- feeds, sitemaps, robots ----------------------------------------------------------------
    def entry(self, article: DemoArticle, tracking: str = "") -> Entry:
        url = article_url(self.base_urls, article)
        guid = (f"tag:nuages-bas.example,2025:post-{article_id(article)}" if self.outlet == "nuages"
                else f"{self.outlet}-{article_id(article)}")
        return Entry(url=url, link=url + tracking, guid=guid, title=article.title_at(self.version),
                     title_html=ATOM_HTML_TITLES.get(article.slug), author=article.author,
                     summary=article.paragraphs_at(self.version)[0], published=published_at(article, self.now),
                     modified=modified_at(article, self.now, self.version),
                     section=self.skin.section_for(is_topical(article), "").title, lang=article.lang)

    def feeds(self) -> None:
        entries = [self.entry(a) for a in self.articles]
        newest = max((en.modified for en in entries), default=self.static_time)
        disallow = {"courrier": ["/recherche/", "/connexion/"], "echo": ["/compte/", "/recherche"],
                    "nuages": ["/wp-admin/"], "dcw": ["/search/"]}[self.outlet]
        sitemaps = []
        if self.outlet == "courrier":
            feed = rss("Le Courrier de la Drôme - À la une", self.base + "/", self.base + "/rss.xml",
                       "Toute l'actualité de la Drôme et de l'Ardèche", "fr",
                       [self.entry(a, TRACKING) for a in self.articles])
            self.out["/rss.xml"] = Resource(feed, "application/rss+xml; charset=utf-8", newest)
            self.out["/sitemap_news.xml"] = Resource(news_sitemap(self.skin.name, entries), XML, newest)
            sitemaps = [self.base + "/sitemap_news.xml"]
        elif self.outlet == "echo":
            child = self.base + "/sitemap_news.xml.gz"
            self.out["/sitemap_news.xml.gz"] = Resource(
                gzip.compress(news_sitemap(self.skin.name, entries), mtime=0), GZIP, newest)
            self.out["/sitemap_index.xml"] = Resource(sitemap_index([(child, newest)]), XML, newest)
            sitemaps = [self.base + "/sitemap_index.xml"]
        elif self.outlet == "nuages":
            feed = atom("Nuages Bas", self.base + "/", self.base + "/atom.xml", self.base + "/", entries, ATOM_LEAD)
            self.out["/atom.xml"] = Resource(feed, "application/atom+xml; charset=utf-8", newest)
        self.out["/robots.txt"] = Resource(robots(disallow, sitemaps), TEXT, self.static_time)


def build_site(base_urls: dict[str, str], now: datetime, version: int = 1) -> dict[str, dict[str, Resource]]:
    """Every outlet's resources: outlet -> path (with query for paginated listings) -> Resource."""
    missing = set(OUTLETS) - set(base_urls)
    if missing:
        raise ValueError(f"base_urls lacks {sorted(missing)}")
    now = _utc(now)
    site = {outlet: _Builder(outlet, base_urls, now, version).build() for outlet in OUTLETS}
    if all(outlet in base_urls for outlet in LEAD_OUTLETS):
        from newswatch.demo.leads import build_leads

        site.update(build_leads(base_urls, now))
    return site

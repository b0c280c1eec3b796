"""A hostile web server for the fault suite: every bad answer the open web gives, next to good articles."""

from __future__ import annotations

import hashlib
import random
import socket
import struct
import threading
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from newswatch.demo.server import not_modified

HTML = "text/html; charset=utf-8"
BIG_PAGE_BYTES = 50_000_000
BOMB_INFLATED_BYTES = 200_000_000
SITEMAP_URLS = 100_000
LINKS = 50_000
DRIP_MAX_SECONDS = 300  # the drip stops on its own at last, so a broken client cannot keep a thread forever


@dataclass(frozen=True)
class Good:
    """A well-formed article that must be archived: where it is listed and what its text must say."""

    slug: str
    title: str
    sentence: str  # a sentence of the text, with accents, checked in the archive
    cp1252: bool = False  # sent as windows-1252 bytes while the header declares UTF-8
    page_date: str | None = None  # the page's own article:published_time
    path_prefix: str = "/articles/"

    @property
    def path(self) -> str:
        return f"{self.path_prefix}{self.slug}"


GOOD = {g.slug: g for g in [
    Good("rovaltain-chantier", "Le chantier de Rovaltain avance",
         "Les engins de terrassement sont arrivés à Alixan, près de la gare de Valence TGV."),
    Good("ecotox-windows-1252", "Ecotox : l'œuvre inachevée d'un bâtiment à 50 M€",
         "Élus et riverains s'interrogent : l'été dernier, la facture d'électricité a doublé à Rovaltain.",
         cp1252=True),
    Good("date-future", "Une date venue du futur",
         "Le flux annonce une date en 2099 et la page une date en 1970 : aucune des deux n'est crue."),
    Good("date-epoch", "Une date au premier janvier 1970",
         "Le flux donne l'époque Unix comme date de publication ; la page, elle, donne la vraie date.",
         page_date="recent"),
    Good("unclosed-entry", "Sesterce et les GPU de Valence",
         "Quarante mille processeurs graphiques sont promis au centre de données de la Drôme."),
    Good("bom-entry", "Le permis de construire validé à Alixan",
         "La mairie d'Alixan a validé le permis fin décembre, après six mois d'instruction."),
    Good("sitemap-first", "Rovaltain vu du ciel",
         "La zone d'activités de Rovaltain s'étend entre Valence et Romans-sur-Isère."),
    Good("sitemap-middle", "Le recours des riverains déposé à Grenoble",
         "Un collectif d'habitants a déposé un recours contre le permis au tribunal administratif."),
    Good("sitemap-future", "Chaleur fatale : la promesse d'un réseau",
         "La chaleur des serveurs devrait chauffer des bâtiments voisins grâce à un réseau local."),
    Good("unsafe-neighbour", "Le refroidissement en circuit fermé",
         "Le refroidissement en boucle fermée doit limiter la consommation d'eau du site de Rovaltain."),
    Good("meta-refreshed", "Sesterce déménage son article",
         "La page annoncée par le flux renvoie ici par une balise meta refresh, que le robot suit."),
    Good("cookie-checked", "Une mairie vérifie les cookies de ses visiteurs",
         "Le site redirige un premier visiteur vers la même page en posant un cookie, qu'il vérifie ensuite."),
    Good("length-overstated", "La mairie d'Alixan publie l'avis sur Rovaltain",
         "Le serveur de la mairie annonce une longueur plus grande que la page, qui arrive pourtant entière."),
    Good("hidden-by-robots", "Un article que robots.txt interdit",
         "Ce texte ne doit jamais être téléchargé : robots.txt interdit le dossier /private/.",
         path_prefix="/private/"),
]}

# Bad URLs of the main feed: path -> the outcome the archive must record for it.
BAD = {
    "/bad/500": "http_error",
    "/bad/503": "http_error",
    "/bad/502": "http_error",
    "/bad/408": "http_error",
    "/bad/429": "rate_limited",  # a wall of its own (newswatch.text.walls), asked again next run
    "/bad/429-bare": "rate_limited",
    "/bad/404": "http_error",  # its item is five days old: the page is gone
    "/bad/404-new": "http_error",  # its item is two hours old: the page may not be online yet, asked again
    "/bad/410": "http_error",
    "/bad/loop-a": "redirect_loop",
    "/bad/redirect-metadata": "refused",
    "/bad/redirect-file": "refused",
    "/bad/gzip-bomb": "too_large",
    "/bad/huge": "too_large",
    "/bad/huge-chunked": "too_large",
    "/bad/drip": "timeout",
    "/bad/reset": "network",
    "/bad/rapport.pdf": "extract_failed",  # read as a PDF, which it is not really
    "/bad/photo.jpg": "not_html",
    "/bad/episode.mp3": "not_html",  # 50 MB of audio: read no further than its headers (it was too_large)
    "/bad/links-50000": ("stored", "no_text", "extract_timeout"),
    "/bad/empty": "no_text",
    "/private/hidden-by-robots": "robots",
}
UNSAFE = ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/x", "http://192.168.1.1/admin",
          "http://[::1]/x", "file:///etc/passwd", "ftp://127.0.0.1/pub/file.txt"]
REBIND_HOST = "rebind.example"  # the DNS-rebinding test makes this name public for the check, loopback to connect
SITEMAP_RECENT = {5: "sitemap-first", 30_000: "sitemap-middle", 49_000: "sitemap-future"}


class HostileSite:
    """The hostile server on 127.0.0.1 (port 0) in a daemon thread; use as a context manager."""

    def __init__(self, bulk: int = 0, bulk_delay: float = 0.0, validators: bool = True):
        self.bulk, self.bulk_delay = bulk, bulk_delay  # /bulk/feed.rss: that many good articles, each that slow
        self.validators = validators  # feeds and sitemaps carry ETag and Last-Modified and answer 304, as real ones do
        self.version = 1  # 2: /articles/retracted is edited and no longer mentions Rovaltain; 3: it redirects to
        # the login page
        self.now = datetime.now(UTC).replace(microsecond=0)
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._requests: list[tuple[str, int]] = []
        self.searches: list[str] = []  # the q= of every /search request, decoded
        self._bomb: bytes | None = None
        self._bomb_lock = threading.Lock()  # not the requests' lock: compressing takes a second
        self._server: ThreadingHTTPServer | None = None

    def __enter__(self) -> HostileSite:
        self._server = _Server(self)
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="hostile-site", daemon=True)
        self._thread.start()
        if not self.bulk:  # compress the bomb now, in the background, so no request waits for it
            threading.Thread(target=self.gzip_bomb, name="hostile-bomb", daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def url(self, path: str) -> str:
        return self.base_url + path

    @contextmanager
    def without_validators(self):
        """Answer every feed and sitemap in full meanwhile (no ETag, no 304), as some servers do."""
        self.validators = False
        try:
            yield self
        finally:
            self.validators = True

    def record(self, path: str, status: int) -> None:
        with self._lock:
            self._requests.append((path, status))

    @property
    def requests(self) -> list[tuple[str, int]]:
        """Every request so far: (path, status)."""
        with self._lock:
            return list(self._requests)

    def gzip_bomb(self) -> bytes:
        """A gzip stream of zeros that inflates to BOMB_INFLATED_BYTES (compressed once, in 1 MB steps)."""
        with self._bomb_lock:
            if self._bomb is None:
                packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
                zeros = bytes(1 << 20)
                parts = [packer.compress(zeros) for _ in range(BOMB_INFLATED_BYTES >> 20)]
                self._bomb = b"".join(parts) + packer.flush()
            return self._bomb

    def sources_toml(self) -> str:
        blocks = [("hostile-main", "feeds", ["/feeds/main.rss"]),
                  ("hostile-feeds", "feeds", ["/feeds/unclosed.rss", "/feeds/mangled.rss", "/feeds/bom.rss",
                                             "/feeds/error-page.rss"]),
                  ("hostile-sitemap", "sitemaps", ["/sitemap-huge.xml"]),
                  ("hostile-unsafe", "feeds", ["/feeds/unsafe.rss"])]
        return "\n".join(f'[[sources]]\nname = "{name}"\n{key} = [' + ", ".join(f'"{self.url(p)}"' for p in paths)
                         + "]\n" for name, key, paths in blocks)

    def bulk_article(self, number: int) -> str:
        return self.article_html(Good(f"{number}", f"Rovaltain, épisode {number}",
                                      f"Épisode {number} du feuilleton de Rovaltain.", path_prefix="/bulk/"))

    def bulk_config_toml(self, db_path) -> str:
        """A config crawling only /bulk/feed.rss, every article matching the topic (none kept unmatched)."""
        return (f'[store]\nurl = "sqlite:///{db_path}"\n\n[crawl]\ndelay_seconds = 0\nconcurrency_per_domain = 4\n'
                'timeout_seconds = 10\nextract_workers = 2\nallow_hosts = ["127.0.0.1"]\n\n'
                "[[topics]]\nname = \"rovaltain\"\nquery = 'rovaltain'\n\n"
                f'[[sources]]\nname = "bulk"\nfeeds = ["{self.url("/bulk/feed.rss")}"]\n')

    def config_toml(self, db_path, allow: bool = True, extra: str = "") -> str:
        """A config with small limits for crawling this server into db_path (`allow`: 127.0.0.1 allowed)."""
        return (f'[store]\nurl = "sqlite:///{db_path}"\n\n[crawl]\nuser_agent = "newswatch-faults/0.1"\n'
                "delay_seconds = 0\nconcurrency_per_domain = 8\ntimeout_seconds = 3\nmax_page_bytes = 2_000_000\n"
                "extract_timeout_seconds = 5\nextract_workers = 2\nkeep_unmatched = true\nmax_run_seconds = 120\n"
                + ('allow_hosts = ["127.0.0.1"]\n' if allow else "") + extra
                + "\n[[topics]]\nname = \"rovaltain\"\nquery = 'rovaltain OR alixan OR sesterce'\n\n"
                + self.sources_toml())

    # --- documents -------------------------------------------------------------------------------

    def article_html(self, good: Good) -> str:
        dates = {"recent": (self.now - timedelta(days=3)).isoformat(), None: "1970-01-01T00:00:00+00:00"}
        paragraphs = "".join(f"<p>{good.sentence} {text}</p>\n" for text in prose(good.slug))
        return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{good.title}</title>'
                f'<meta property="article:published_time" content="{dates[good.page_date]}">'
                f'<link rel="canonical" href="{self.url(good.path)}"></head><body>'
                f'<nav><a href="/">Accueil</a></nav><article><h1>{good.title}</h1>\n{paragraphs}</article>'
                "<footer>Le Courrier hostile, 2026</footer></body></html>")

    def login_html(self) -> str:
        """A login page: a title and a pitch long enough to pass for an article's text."""
        paragraphs = "".join(f"<p>{text}</p>\n" for text in prose("login", paragraphs=3))
        return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Connexion</title></head>'
                f"<body><main><h1>Connectez-vous</h1>{paragraphs}</main></body></html>")

    def retracted_html(self) -> str:
        """An article about Rovaltain that version 2 rewrites without naming it (a topic no longer matches)."""
        place = "le parc de Rovaltain, à Alixan," if self.version == 1 else "un parc d'activités de la Drôme"
        paragraphs = "".join(f"<p>{text}</p>\n" for text in prose("retracted", paragraphs=3))
        return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Le chantier</title></head>'
                f"<body><article><h1>Le chantier</h1>\n<p>Les travaux continuent sur {place} malgré la pluie "
                f"de la semaine.</p>\n{paragraphs}</article></body></html>")

    def rss(self, items: list[tuple[str, str, str | None]], preamble: bytes = b"", broken: str = "") -> bytes:
        """An RSS 2.0 feed of (link, title, RFC 822 date or None for two hours ago).

        broken="unclosed": <item>s never closed, raw unclosed HTML in <description>, the document cut short.
        broken="mangled": <title> never closed, so it swallows the <link>: nothing can be read.
        """
        lines = []
        for link, title, date in items:
            stamp = date or format_datetime(self.now - timedelta(hours=2), usegmt=True)
            if broken == "unclosed":
                lines.append(f"<item><title>{title}</title><link>{link}</link><pubDate>{stamp}</pubDate>"
                             "<description><p>Résumé <br><b>en gras</description>")
            elif broken == "mangled":
                lines.append(f"<item><title>{title}<link>{link}</link><pubDate>{stamp}</pubDate></item>")
            else:
                lines.append(f"<item><title>{title}</title><link>{link}</link><pubDate>{stamp}</pubDate></item>")
        body = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Flux hostile</title>'
                f"<link>{self.base_url}/</link>\n" + "\n".join(lines) + ("" if broken else "</channel></rss>"))
        return preamble + body.encode("utf-8")

    def search_feed(self, query: str) -> bytes:
        """What a news search feed answers: the good articles holding one of the OR-ed phrases (all their words)."""
        with self._lock:
            self.searches.append(query)
        wanted = [phrase.lower().split() for phrase in query.split(" OR ")]
        hits = [g for g in GOOD.values() if g.path_prefix == "/articles/"
                and any(all(w in f"{g.title} {g.sentence}".lower() for w in words) for words in wanted if words)]
        return self.rss([(self.url(g.path), g.title, None) for g in hits])

    def feed(self, path: str) -> bytes | None:
        good = lambda slug: (self.url(GOOD[slug].path), GOOD[slug].title, None)  # noqa: E731
        if path == "/feeds/main.rss":
            items = [good("rovaltain-chantier"), good("ecotox-windows-1252"), good("cookie-checked"),
                     good("length-overstated"),
                     (self.url("/articles/date-future"), GOOD["date-future"].title, "Fri, 01 Jan 2099 00:00:00 GMT"),
                     (self.url("/articles/date-epoch"), GOOD["date-epoch"].title, "Thu, 01 Jan 1970 00:00:00 GMT")]
            moved = (self.url("/moved/meta-refresh"), GOOD["meta-refreshed"].title, None)
            dated = {"/bad/404": format_datetime(self.now - timedelta(days=5), usegmt=True)}
            return self.rss(items + [moved] + [(self.url(p), f"Page piégée {p}", dated.get(p)) for p in BAD])
        if path == "/feeds/unclosed.rss":
            return self.rss([good("unclosed-entry")], broken="unclosed")
        if path == "/feeds/mangled.rss":
            return self.rss([(self.url("/articles/swallowed"), "Titre sans fin", None)], broken="mangled")
        if path == "/feeds/bom.rss":
            return self.rss([good("bom-entry")], preamble=b"\xef\xbb\xbf \r\n\t\n")
        if path == "/bulk/feed.rss":
            return self.rss([(self.url(f"/bulk/{i}"), f"Rovaltain, épisode {i}", None) for i in range(self.bulk)])
        if path == "/feeds/retract.rss":
            return self.rss([(self.url("/articles/retracted"), "Le chantier", None)])
        if path == "/feeds/rebind.rss":
            port = self.base_url.rsplit(":", 1)[1]
            return self.rss([(f"http://{REBIND_HOST}:{port}/articles/rebound", "Rovaltain, par un détour", None)])
        if path == "/feeds/unsafe.rss":
            return self.rss([(u, f"Lien interdit {u}", None) for u in UNSAFE] + [good("unsafe-neighbour")])
        return None


_WORDS = ("projet centre données vallée Rhône habitants étape préfecture enquête publique observations mairie "
          "associations chiffres consommation électricité eau calendrier récupération chaleur serveurs réseau "
          "permis chantier élus riverains recours tribunal emplois promesse refroidissement circuit fermé "
          "puissance mégawatts terrain zone activités gare Valence Romans Drôme département région budget "
          "investissement millions euros entreprise cloud calcul processeurs graphiques énergie nucléaire "
          "réunion conseil municipal vote opposition collectif pétition bâtiment surface hectares bruit "
          "nuisances transformateur ligne haute tension raccordement délai été hiver année mois semaine").split()


def prose(seed: str, paragraphs: int = 4, words: int = 45) -> list[str]:
    """Paragraphs of French words drawn from a seed: distinct per article, so no two are near copies."""
    pick = random.Random(seed)
    return [" ".join(pick.choice(_WORDS) for _ in range(words)).capitalize() + "." for _ in range(paragraphs)]


def serial_feed(base: str, chapters: int, published: datetime) -> bytes:
    """An RSS feed of the first chapters of the Rovaltain serial, at base/a/<number>, all published then."""
    items = "".join(f"<item><title>Rovaltain, chapitre {i}</title><link>{base}/a/{i}</link>"
                    f"<pubDate>{format_datetime(published, usegmt=True)}</pubDate></item>" for i in range(chapters))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feuilleton</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()


def serial_chapter(number: int) -> bytes:
    """The page of one chapter of the Rovaltain serial: an article matching 'rovaltain', distinct from the others."""
    paragraphs = "".join(f"<p>{p}</p>" for p in prose(f"chapitre-{number}"))
    return (f"<!doctype html><html lang='fr'><head><title>Rovaltain, chapitre {number}</title></head><body>"
            f"<article><h1>Rovaltain, chapitre {number}</h1><p>Le chantier de Rovaltain, semaine {number}.</p>"
            f"{paragraphs}</article></body></html>").encode()


ERROR_PAGE = (b"<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body>"
              b"<h1>Service temporairement indisponible</h1><p>Merci de r\xc3\xa9essayer plus tard.</p></body></html>")
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: HostileSite):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = site

    def handle_error(self, request, client_address) -> None:
        pass  # clients hanging up mid-answer is the point of this server


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "Hostile/1.0"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet; tests read site.requests
        pass

    def do_GET(self) -> None:
        site, path = self.server.site, urlsplit(self.path).path
        special = _SPECIAL.get(path)
        if special is not None:
            if path in _STREAMED_SITEMAPS and self.unchanged(site, streamed_etag(site, path)):
                return
            site.record(path, 200)
            special(self, site)
            return
        status, content_type, body, extra = self._static(site, path, urlsplit(self.path).query)
        if status == 200 and content_type in _CHANNEL_TYPES:
            etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
            if self.unchanged(site, etag):
                return
            extra = {**extra, **self.validators(site, etag)}
        site.record(path, status)
        self.answer(status, content_type, body, extra)

    def validators(self, site: HostileSite, etag: str) -> dict:
        return {"ETag": etag, "Last-Modified": format_datetime(site.now, usegmt=True)} if site.validators else {}

    def unchanged(self, site: HostileSite, etag: str) -> bool:
        """Answer 304 (and True) when the client already holds this version of a feed or sitemap."""
        if not site.validators or not not_modified(self.headers, etag, site.now):
            return False
        site.record(urlsplit(self.path).path, 304)
        self.send_response(304)
        for name, value in self.validators(site, etag).items():
            self.send_header(name, value)
        self.end_headers()
        return True

    def _static(self, site: HostileSite, path: str, query: str = ""):
        slug = path.rsplit("/", 1)[-1]
        if path == "/search":
            return 200, "application/rss+xml; charset=utf-8", site.search_feed(parse_qs(query).get("q", [""])[0]), {}
        if path.startswith("/bulk/") and slug.isdigit() and int(slug) < site.bulk:
            time.sleep(site.bulk_delay)
            return 200, HTML, site.bulk_article(int(slug)).encode(), {}
        checked = "AspxAutoDetectCookieSupport=1" in self.headers.get("Cookie", "")
        if path == GOOD["cookie-checked"].path and not checked:
            # ASP.NET's cookie check: a visitor without the cookie is sent back to the page, with it
            return 302, HTML, b"", {"Location": f"{path}?AspxAutoDetectCookieSupport=1",
                                    "Set-Cookie": "AspxAutoDetectCookieSupport=1; path=/"}
        if slug in GOOD and path == GOOD[slug].path:
            good = GOOD[slug]
            html = site.article_html(good).encode("cp1252" if good.cp1252 else "utf-8")
            if slug == "length-overstated":  # a proxy that counts wrong: the whole page, then the connection closes
                return 200, HTML, html, {"Content-Length": str(len(html) + 300), "Connection": "close"}
            return 200, HTML, html, {}
        if path == "/articles/retracted" and site.version == 3:  # now for subscribers: sent to the login page
            return 302, HTML, b"", {"Location": "/connexion?redirect=/articles/retracted"}
        if path == "/articles/retracted":
            return 200, HTML, site.retracted_html().encode(), {}
        if path == "/connexion":
            return 200, HTML, site.login_html().encode(), {}
        if (feed := site.feed(path)) is not None:
            return 200, "application/rss+xml; charset=utf-8", feed, {}
        simple = {
            "/robots.txt": (200, "text/plain", ROBOTS, {}),
            "/feeds/error-page.rss": (200, HTML, ERROR_PAGE, {}),
            "/bad/500": (500, HTML, ERROR_PAGE, {"Retry-After": "86400"}),
            "/bad/503": (503, HTML, ERROR_PAGE, {"Retry-After": "Wed, 01 Jan 2098 00:00:00 GMT"}),
            "/bad/502": (502, HTML, ERROR_PAGE, {}),
            "/bad/408": (408, HTML, b"<html><body>trop lent</body></html>", {"Connection": "close"}),
            "/bad/429": (429, HTML, b"<html><body>trop de requ\xc3\xaates</body></html>", {"Retry-After": "120"}),
            "/bad/429-bare": (429, HTML, b"<html><body>trop de requ\xc3\xaates</body></html>", {}),
            "/bad/404": (404, HTML, b"<html><body>introuvable</body></html>", {}),
            "/bad/404-new": (404, HTML, b"<html><body>introuvable</body></html>", {}),
            "/bad/410": (410, HTML, b"<html><body>parti pour toujours</body></html>", {}),
            "/bad/loop-a": (302, HTML, b"", {"Location": "/bad/loop-b"}),
            "/bad/loop-b": (302, HTML, b"", {"Location": "/bad/loop-a"}),
            "/bad/redirect-metadata": (302, HTML, b"", {"Location": "http://169.254.169.254/latest/meta-data/"}),
            "/bad/redirect-file": (301, HTML, b"", {"Location": "file:///etc/passwd"}),
            "/bad/rapport.pdf": (200, "application/pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", {}),
            "/bad/photo.jpg": (200, "image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(2000) + b"\xff\xd9", {}),
            "/bad/empty": (200, HTML, b"", {}),
            "/moved/meta-refresh": (200, HTML, b'<html><head><META HTTP-EQUIV="Refresh" CONTENT="0; '
                                    b'URL=/articles/meta-refreshed"></head><body>D\xc3\xa9m\xc3\xa9nag\xc3\xa9.'
                                    b"</body></html>", {}),
        }
        return simple.get(path, (404, HTML, b"<html><body>404</body></html>", {}))

    def head(self, status: int, content_type: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()

    def answer(self, status: int, content_type: str, body: bytes, extra: dict | None = None) -> None:
        self.head(status, content_type, {"Content-Length": str(len(body)), **(extra or {})})
        self.wfile.write(body)

    def chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    # --- the answers that are streamed, dripped or cut --------------------------------------------

    def huge(self, site: HostileSite) -> None:
        """50 MB announced in Content-Length and streamed (never held in memory)."""
        self.head(200, HTML, {"Content-Length": str(BIG_PAGE_BYTES)})
        block = b"<p>" + b"lourd " * 10_000 + b"</p>\n"
        sent = 0
        while sent < BIG_PAGE_BYTES and not site.stopping.is_set():
            part = block[:BIG_PAGE_BYTES - sent]
            self.wfile.write(part)
            sent += len(part)

    def huge_chunked(self, site: HostileSite) -> None:
        """50 MB with no announced length (chunked): only counting the bytes stops it."""
        self.head(200, HTML, {"Transfer-Encoding": "chunked"})
        block = b"<p>" + b"lourd " * 10_000 + b"</p>\n"
        for _ in range(BIG_PAGE_BYTES // len(block)):
            if site.stopping.is_set():
                return
            self.chunk(block)
        self.wfile.write(b"0\r\n\r\n")

    def audio(self, site: HostileSite) -> None:
        """A podcast episode: 50 MB of audio announced and streamed, until the client goes away."""
        self.head(200, "audio/mpeg", {"Content-Length": str(BIG_PAGE_BYTES)})
        block = b"\xff\xfb\x90\x00" * 16_384
        sent = 0
        try:
            while sent < BIG_PAGE_BYTES and not site.stopping.is_set():
                self.wfile.write(block[:BIG_PAGE_BYTES - sent])
                sent += len(block)
        except (BrokenPipeError, ConnectionResetError):  # the reader stopped at the headers
            self.close_connection = True

    def drip(self, site: HostileSite) -> None:
        """One byte a second until the client goes away."""
        self.head(200, HTML, {"Content-Length": str(DRIP_MAX_SECONDS)})
        for _ in range(DRIP_MAX_SECONDS):
            self.wfile.write(b" ")
            if site.stopping.wait(1):
                return
        self.close_connection = True

    def reset(self, site: HostileSite) -> None:
        """Announce 100 kB, send 5 kB, then reset the connection (SO_LINGER 0 makes close() send RST)."""
        self.head(200, HTML, {"Content-Length": "100000"})
        self.wfile.write(b"<html><body><p>" + b"coupure " * 625)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def bomb(self, site: HostileSite) -> None:
        """A small gzip body (Content-Encoding: gzip) that inflates to 200 MB."""
        self.answer(200, HTML, site.gzip_bomb(), {"Content-Encoding": "gzip"})

    def links(self, site: HostileSite) -> None:
        """A page of 50,000 links: pathological for extraction."""
        head = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Tous les liens</title></head>'
                f"<body><h1>Plan du site</h1><p>{prose('links', 1)[0]}</p><div>").encode()
        anchors = "".join(f"<a href=/l/{i}>{i}</a> " for i in range(LINKS)).encode()
        self.answer(200, HTML, head + anchors + b"</div></body></html>")

    def sitemap(self, site: HostileSite) -> None:
        """100,000 URLs, generated while sending: all dated 2015 but a few recent ones."""
        etag = streamed_etag(site, urlsplit(self.path).path)
        self.head(200, "application/xml", {"Transfer-Encoding": "chunked", **self.validators(site, etag)})
        self.chunk(b'<?xml version="1.0" encoding="UTF-8"?>\n'
                   b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
        recent = (site.now - timedelta(days=1)).isoformat()
        future = "2099-01-01T00:00:00+00:00"
        batch = []
        for i in range(SITEMAP_URLS):
            if i in SITEMAP_RECENT:
                slug = SITEMAP_RECENT[i]
                batch.append(f"<url><loc>{site.url(GOOD[slug].path)}</loc>"
                             f"<lastmod>{future if slug == 'sitemap-future' else recent}</lastmod></url>\n")
            else:
                batch.append(f"<url><loc>{site.base_url}/archives/2015/{i}</loc><lastmod>2015-06-01</lastmod></url>\n")
            if len(batch) == 2000:
                self.chunk("".join(batch).encode())
                batch = []
        self.chunk("".join(batch).encode() + b"</urlset>\n")
        self.wfile.write(b"0\r\n\r\n")


_SPECIAL = {"/bad/huge": _Handler.huge, "/bad/huge-chunked": _Handler.huge_chunked, "/bad/drip": _Handler.drip,
            "/bad/episode.mp3": _Handler.audio, "/bad/reset": _Handler.reset, "/bad/gzip-bomb": _Handler.bomb,
            "/bad/links-50000": _Handler.links, "/sitemap-huge.xml": _Handler.sitemap}
_STREAMED_SITEMAPS = {"/sitemap-huge.xml"}  # generated while sent: the ETag names the version, not a hash


def streamed_etag(site: HostileSite, path: str) -> str:
    return f'"{path.strip("/")}-{site.now.timestamp():.0f}"'


_CHANNEL_TYPES = {"application/rss+xml; charset=utf-8", "application/xml"}

"""The synthetic press site: a deterministic catalogue of article pages written to disk, plus sitemaps and feeds."""

from __future__ import annotations

import hashlib
import random
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

from bench.pages import PageSpec, article_paragraphs, render
from bench.realistic import render_realistic, skin_of
from bench.words import EN, FR, NEAR_MISS, PLANTED, PLANTED_TITLES, title

START = datetime(2026, 1, 5, 6, 0, tzinfo=UTC)
PLACEHOLDER = "http://press.invalid"  # pages on disk name this host; the server puts its own address instead
BLOCK = 20  # one planted article in every block of 20 consecutive pages: any aligned range holds exactly 5 %
SITE_NAMES = {"fr": "Le Courrier du Rhône", "en": "Rhone Valley Post"}


@dataclass(frozen=True)
class ArticleInfo:
    index: int
    path: str
    lang: str
    section: str
    title: str
    published: datetime
    planted: bool
    near_miss: bool


@dataclass(frozen=True)
class Resource:
    body: bytes | None  # sitemaps and feeds live in memory, pages on disk
    file: Path | None
    content_type: str
    etag: str
    last_modified: datetime


KINDS = ("realistic", "synthetic")  # CMS skins matched to real news pages; the older, lighter pages


class SyntheticSite:
    """Pages 0…n-1 of one seed and kind; `publish(name, indices)` makes a news sitemap and an RSS feed listing them."""

    def __init__(self, folder: Path, seed: int = 7, kind: str = "synthetic"):
        if kind not in KINDS:
            raise ValueError(f"unknown kind of site {kind!r}: {', '.join(KINDS)}")
        self.folder, self.seed, self.kind = Path(folder), seed, kind
        self.resources: dict[str, Resource] = {}
        self.resources["/robots.txt"] = _memory(b"User-agent: *\nAllow: /\n", "text/plain", START)

    def info(self, index: int) -> ArticleInfo:
        """The catalogue entry of page `index` (cheap: no rendering)."""
        rng = random.Random(f"{self.seed}:meta:{index}")
        lang = "fr" if rng.random() < 0.7 else "en"
        words = FR if lang == "fr" else EN
        section = rng.choice(words["sections"])
        block = index // BLOCK
        planted = index == block * BLOCK + random.Random(f"{self.seed}:block:{block}").randrange(BLOCK)
        near_miss = not planted and index % 100 == 37
        heading = title(rng, words)
        if planted and rng.random() < 0.5:
            heading = rng.choice(PLANTED_TITLES[lang])
        published = START + timedelta(minutes=8 * index)
        folded = unicodedata.normalize("NFKD", section.lower()).encode("ascii", "ignore").decode()
        slug = "".join(c if c.isalnum() else "-" for c in folded).strip("-")
        path = f"/{slug}/{published:%Y/%m/%d}/article-{index}.html"
        return ArticleInfo(index, path, lang, section, heading, published, planted, near_miss)

    def related(self, info: ArticleInfo, base: str) -> list[tuple[str, str]]:
        """Four nearby articles on the same subject: topic articles for a topic article, same section otherwise."""
        found, step = [], 1
        while len(found) < 4 and step < 400:
            for index in (info.index - step, info.index + step):
                if index >= 0:
                    other = self.info(index)
                    same = other.planted if info.planted else (not other.planted and other.section == info.section)
                    if same and other.lang == info.lang and len(found) < 4:
                        found.append((other.title, base + other.path))
            step += 1
        return found

    def page(self, index: int, base: str = PLACEHOLDER) -> str:
        """The HTML of page `index` when the site is served at `base`."""
        info = self.info(index)
        rng = random.Random(f"{self.seed}:body:{index}")
        words = FR if info.lang == "fr" else EN
        paragraphs = article_paragraphs(rng, info.lang)
        if info.planted:
            for sentence in rng.sample(PLANTED[info.lang], rng.randint(1, 3)):
                at = rng.randrange(1, len(paragraphs))
                paragraphs[at] = f"{paragraphs[at]} {sentence}"
        if info.near_miss:
            paragraphs[1] = f"{NEAR_MISS[info.lang]} {paragraphs[1]}"
        spec = PageSpec(url=base + info.path, lang=info.lang, site_name=SITE_NAMES[info.lang], section=info.section,
                        title=info.title, author=rng.choice(words["people"]), published=info.published,
                        paragraphs=paragraphs, related=self.related(info, base))
        if self.kind == "realistic":
            return render_realistic(spec, rng, skin_of(random.Random(f"{self.seed}:skin:{index % 97}")))
        return render(spec, rng)

    def file(self, index: int) -> Path:
        return self.folder / "pages" / f"{index}.html"

    def write(self, indices) -> None:
        """Render the pages to disk (once: an existing file is kept) and register them for serving."""
        self.file(0).parent.mkdir(parents=True, exist_ok=True)
        for index in indices:
            info = self.info(index)
            file = self.file(index)
            if not file.exists():
                partial = file.with_suffix(".tmp")
                partial.write_bytes(self.page(index).encode("utf-8"))
                partial.rename(file)
            etag = '"' + hashlib.sha1(f"{self.seed}:{index}:{file.stat().st_size}".encode()).hexdigest()[:16] + '"'
            self.resources[info.path] = Resource(None, file, "text/html; charset=utf-8", etag, info.published)

    def publish(self, name: str, indices, base: str) -> tuple[str, str]:
        """A news sitemap and an RSS feed (the 50 newest) for these pages; return their URLs."""
        infos = sorted((self.info(i) for i in indices), key=lambda a: a.published, reverse=True)
        newest = infos[0].published if infos else START
        urls = "".join(
            f"<url><loc>{base}{a.path}</loc><lastmod>{a.published.isoformat()}</lastmod><news:news>"
            f"<news:publication><news:name>{escape(SITE_NAMES[a.lang])}</news:name><news:language>{a.lang}"
            f"</news:language></news:publication><news:publication_date>{a.published.isoformat()}"
            f"</news:publication_date><news:title>{escape(a.title)}</news:title></news:news></url>\n" for a in infos)
        sitemap = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                   'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + urls + "</urlset>\n")
        items = "".join(f"<item><title>{escape(a.title)}</title><link>{base}{a.path}</link>"
                        f"<pubDate>{format_datetime(a.published, usegmt=True)}</pubDate></item>\n" for a in infos[:50])
        feed = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Synthetic</title>'
                f"<link>{base}/</link><description>bench</description>\n{items}</channel></rss>\n")
        self.resources[f"/{name}/sitemap_news.xml"] = _memory(sitemap.encode(), "application/xml", newest)
        self.resources[f"/{name}/rss.xml"] = _memory(feed.encode(), "application/rss+xml", newest)
        return f"{base}/{name}/sitemap_news.xml", f"{base}/{name}/rss.xml"

    def url(self, base: str, index: int) -> str:
        return base + self.info(index).path

    def html(self, index: int, base: str) -> bytes:
        """The bytes the server sends for page `index`."""
        return self.file(index).read_bytes().replace(PLACEHOLDER.encode(), base.encode())


def _memory(body: bytes, content_type: str, modified: datetime) -> Resource:
    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
    return Resource(body, None, content_type, etag, modified.replace(microsecond=0))

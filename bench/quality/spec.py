"""What one evaluation page is: its article (our own words), how its outlet marks it up, what a reader sees."""

from __future__ import annotations

from dataclasses import dataclass, field

Block = str | tuple  # a paragraph, or ("h2" | "quote" | "div", text), ("ul" | "br", [texts]), ("table", [[cells]])


@dataclass
class Page:
    slug: str
    cls: str  # the class it is scored in: regional, national, trade, blog, wire, tables, dates, teaser, languages
    skin: str  # the outlet's chrome (bench/quality/skins.py)
    lang: str  # the language of the article's text (what the page should be filed under)
    url: str
    site: str
    title: str  # the article's title as a reader would quote it (no outlet name)
    published: str  # the true publication time, ISO 8601 with offset
    blocks: list[Block]
    author: str | None = None
    section: str = "Actualité"
    html_lang: str = ""  # <html lang>; the text's language unless the template says otherwise
    chrome_lang: str = ""  # language of menus and bylines, when the outlet's differs from the article's
    og_suffix: str = ""  # appended to og:title, as outlets do (" | Le Réveil drômois")
    head_title: str = ""  # <title>, when it differs from og:title
    modified: str | None = None
    date_markup: str = "full"  # full: article:published_time + JSON-LD; jsonld; none (the byline only)
    metas: list[tuple[str, str, str]] = field(default_factory=list)  # extra (attribute, key, value) metas
    jsonld_extra: dict = field(default_factory=dict)
    show_published: bool = True  # the byline shows the publication date
    show_modified: bool = True
    feed_date: str | None = None  # what the feed or sitemap that listed the page said, if one did
    sitemap_date: str | None = None
    sitemap_lastmod: str | None = None
    teaser: int | None = None  # a paywalled teaser: only the first n blocks are in the page
    inline_related: str = ""
    related: list[str] = field(default_factory=list)
    most_read: list[str] = field(default_factory=list)
    comments: list[tuple[str, str]] = field(default_factory=list)
    description: str = ""
    canonical: bool = True
    opengraph: bool = True
    site_meta: bool = True  # og:site_name present
    footer_note: str = ""
    author_bio: str = ""
    promo: str = ""
    lead_class: str = ""  # the class of the first paragraph, when the outlet names it its own way ("teaser")
    split_body: bool = False  # the body is cut in two containers around an ad

    def __post_init__(self):
        self.html_lang = self.html_lang or self.lang

    @property
    def og_title(self) -> str:
        return self.title + self.og_suffix

    @property
    def shown_published(self) -> str | None:
        return self.published if self.show_published else None

    @property
    def shown_modified(self) -> str | None:
        return self.modified if self.show_modified else None

    @property
    def all_metas(self) -> list[tuple[str, str, str]]:
        own = []
        if self.date_markup == "full":
            own.append(("property", "article:published_time", self.published))
            if self.modified:
                own.append(("property", "article:modified_time", self.modified))
        return own + self.metas

    @property
    def jsonld(self) -> dict | None:
        if self.date_markup not in ("full", "jsonld") and not self.jsonld_extra:
            return None
        data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": self.title}
        if self.date_markup in ("full", "jsonld"):
            data["datePublished"] = self.published
            if self.modified:
                data["dateModified"] = self.modified
        data.update(self.jsonld_extra)
        if self.author:
            data["author"] = {"@type": "Person", "name": self.author}
        data["publisher"] = {"@type": "Organization", "name": self.site}
        return data

    def visible_blocks(self) -> list[Block]:
        return self.blocks if self.teaser is None else self.blocks[:self.teaser]

    def expected_text(self) -> str:
        """The article as a reader sees it: paragraphs, subheads, quotes, list items, table rows (cells by ' | ')."""
        lines = []
        for block in self.visible_blocks():
            kind, value = block if isinstance(block, tuple) else ("p", block)
            if kind in ("ul", "br"):
                lines.extend(value)
            elif kind == "table":
                lines.extend(" | ".join(row) for row in value)
            else:
                lines.append(value)
        return "\n".join(lines)

    def expected(self) -> dict:
        return {"url": self.url, "class": self.cls, "title": self.title, "date": self.published[:10],
                "published": self.published,
                "language": self.lang, "text": self.expected_text(),
                "channel": {k: v for k, v in (("feed", self.feed_date), ("sitemap", self.sitemap_date),
                                              ("sitemap_lastmod", self.sitemap_lastmod)) if v}}

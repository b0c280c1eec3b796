"""Feed and sitemap documents: RSS 2.0, Atom 1.0, Google news sitemaps, sitemap indexes, robots.txt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Entry:
    """One article as feeds and sitemaps see it."""

    url: str
    link: str
    guid: str
    title: str
    title_html: str | None
    author: str
    summary: str
    published: datetime
    modified: datetime
    section: str
    lang: str


def x(text: str) -> str:
    """Escape text for XML element content and double-quoted attributes."""
    return escape(text, {'"': "&quot;"})


def w3c(when: datetime) -> str:
    return when.isoformat(timespec="seconds")


def rss(title: str, home: str, self_url: str, description: str, lang: str, entries: list[Entry]) -> bytes:
    """An RSS 2.0 channel with dc:creator and atom:link self."""
    items = "\n".join(
        f"""  <item>
    <title>{x(en.title)}</title>
    <link>{x(en.link)}</link>
    <guid isPermaLink="false">{x(en.guid)}</guid>
    <pubDate>{format_datetime(en.published)}</pubDate>
    <dc:creator>{x(en.author)}</dc:creator>
    <category>{x(en.section)}</category>
    <description>{x(en.summary)}</description>
  </item>""" for en in entries)
    built = max((en.modified for en in entries), default=None)
    doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>{x(title)}</title>
  <link>{x(home)}</link>
  <atom:link href="{x(self_url)}" rel="self" type="application/rss+xml"/>
  <description>{x(description)}</description>
  <language>{lang}</language>
  <lastBuildDate>{format_datetime(built) if built else ""}</lastBuildDate>
  <ttl>15</ttl>
{items}
</channel>
</rss>
"""
    return doc.encode("utf-8")


def atom(title: str, home: str, self_url: str, feed_id: str, entries: list[Entry], lead: str = "") -> bytes:
    """An Atom 1.0 feed; an entry with title_html gets a type="html" title; lead is put before <?xml."""
    blocks = []
    for en in entries:
        title_el = (f'<title type="html">{x(en.title_html)}</title>' if en.title_html
                    else f"<title>{x(en.title)}</title>")
        blocks.append(f"""  <entry>
    {title_el}
    <link rel="alternate" type="text/html" href="{x(en.link)}"/>
    <id>{x(en.guid)}</id>
    <published>{w3c(en.published)}</published>
    <updated>{w3c(en.modified)}</updated>
    <author><name>{x(en.author)}</name></author>
    <category term="{x(en.section)}"/>
    <summary type="text">{x(en.summary)}</summary>
  </entry>""")
    updated = max((en.modified for en in entries), default=None)
    doc = f"""{lead}<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>{x(title)}</title>
  <subtitle>Carnet d'un collectif drômois face au béton numérique</subtitle>
  <link rel="alternate" type="text/html" href="{x(home)}"/>
  <link rel="self" type="application/atom+xml" href="{x(self_url)}"/>
  <id>{x(feed_id)}</id>
  <updated>{w3c(updated) if updated else ""}</updated>
  <generator>WordPress</generator>
{chr(10).join(blocks)}
</feed>
"""
    return doc.encode("utf-8")


def news_sitemap(publication: str, entries: list[Entry]) -> bytes:
    """A Google news sitemap: <url> with loc, lastmod and news:news (publication, date, title)."""
    urls = "\n".join(
        f"""  <url>
    <loc>{x(en.url)}</loc>
    <lastmod>{w3c(en.modified)}</lastmod>
    <news:news>
      <news:publication>
        <news:name>{x(publication)}</news:name>
        <news:language>{en.lang}</news:language>
      </news:publication>
      <news:publication_date>{w3c(en.published)}</news:publication_date>
      <news:title>{x(en.title)}</news:title>
    </news:news>
  </url>""" for en in entries)
    doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{urls}
</urlset>
"""
    return doc.encode("utf-8")


def sitemap_index(children: list[tuple[str, datetime]]) -> bytes:
    """A sitemap index listing child sitemaps with their lastmod."""
    items = "\n".join(f"  <sitemap>\n    <loc>{x(loc)}</loc>\n    <lastmod>{w3c(when)}</lastmod>\n  </sitemap>"
                      for loc, when in children)
    doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{items}
</sitemapindex>
"""
    return doc.encode("utf-8")


def robots(disallow: list[str], sitemaps: list[str]) -> bytes:
    """robots.txt allowing everyone except the given paths, with Sitemap: lines."""
    lines = ["User-agent: *", *(f"Disallow: {p}" for p in disallow), ""]
    lines += [f"Sitemap: {s}" for s in sitemaps]
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")

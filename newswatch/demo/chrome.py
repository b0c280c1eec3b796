"""Shared HTML building blocks for the outlets' page templates."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from newswatch.demo.model import DemoArticle

MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


@dataclass(frozen=True)
class Comment:
    author: str
    when: datetime
    text: str


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    when: datetime | None = None
    teaser: str = ""


@dataclass(frozen=True)
class ArticlePage:
    """Everything an outlet template needs to render one article page."""

    article: DemoArticle
    url: str
    base: str
    site_name: str
    title: str
    paragraphs: tuple[str, ...]
    published: datetime
    modified: datetime
    section: Link
    related: tuple[Link, ...] = ()
    comments: tuple[Comment, ...] = ()
    amp_url: str | None = None


@dataclass(frozen=True)
class ListingPage:
    """A home, section, tag or static page: a heading, an intro and a list of links."""

    title: str
    url: str
    base: str
    site_name: str
    lang: str
    intro: str = ""
    items: tuple[Link, ...] = ()
    extra: tuple[Link, ...] = field(default_factory=tuple)


def e(text: str) -> str:
    """HTML-escape text for an element body or an attribute value."""
    return escape(text, quote=True)


def iso(when: datetime) -> str:
    return when.isoformat(timespec="seconds")


def date_fr(when: datetime, with_time: bool = True) -> str:
    day = f"{when.day} {MONTHS_FR[when.month - 1]} {when.year}"
    return f"{day} à {when:%Hh%M}" if with_time else day


def date_en(when: datetime) -> str:
    return f"{when.day} {MONTHS_EN[when.month - 1]} {when.year}"


def when_label(lang: str, when: datetime) -> str:
    return date_en(when) if lang == "en" else date_fr(when)


def meta_tags(page: ArticlePage, locale: str) -> str:
    """The <head> tags a news article carries: description, author, Open Graph, canonical, JSON-LD."""
    art = page.article
    description = page.paragraphs[0][:157].rsplit(" ", 1)[0] + "…"
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": page.title,
        "datePublished": iso(page.published), "dateModified": iso(page.modified),
        "author": {"@type": "Person", "name": art.author}, "inLanguage": art.lang,
        "mainEntityOfPage": page.url, "publisher": {"@type": "Organization", "name": page.site_name},
    }
    tags = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(page.title)} | {e(page.site_name)}</title>",
        f'<meta name="description" content="{e(description)}">',
        f'<meta name="author" content="{e(art.author)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{e(page.title)}">',
        f'<meta property="og:description" content="{e(description)}">',
        f'<meta property="og:url" content="{e(page.url)}">',
        f'<meta property="og:site_name" content="{e(page.site_name)}">',
        f'<meta property="og:locale" content="{locale}">',
        f'<meta property="article:published_time" content="{iso(page.published)}">',
        f'<meta property="article:modified_time" content="{iso(page.modified)}">',
        f'<meta property="article:section" content="{e(page.section.title)}">',
        f'<link rel="canonical" href="{e(page.url)}">',
    ]
    if page.amp_url:
        tags.append(f'<link rel="amphtml" href="{e(page.amp_url)}">')
    tags.append('<script type="application/ld+json">'
                + json.dumps(ld, ensure_ascii=False).replace("</", "<\\/") + "</script>")
    return "\n".join(tags)


def nav(items: tuple[tuple[str, str], ...], ul_class: str, current: str = "") -> str:
    active = ' class="active"'
    lis = "".join(f'<li{active if path == current else ""}><a href="{e(path)}">{e(label)}</a></li>'
                  for label, path in items)
    return f'<ul class="{ul_class}">{lis}</ul>'


def link_list(links: tuple[Link, ...], ul_class: str, lang: str, dated: bool = False) -> str:
    lis = []
    for link in links:
        date = (f' <time datetime="{iso(link.when)}">{e(when_label(lang, link.when))}</time>'
                if dated and link.when else "")
        teaser = f"<p>{e(link.teaser)}</p>" if link.teaser else ""
        lis.append(f'<li><a href="{e(link.url)}">{e(link.title)}</a>{date}{teaser}</li>')
    return f'<ul class="{ul_class}">{"".join(lis)}</ul>'


def paragraphs(paras: tuple[str, ...]) -> str:
    return "\n".join(f"<p>{e(p)}</p>" for p in paras)


def comments_block(page: ArticlePage, heading: str, item_class: str, lang: str) -> str:
    """The reader comments, always in <section class="comments">."""
    items = "\n".join(
        f'<li class="{item_class}" id="comment-{i + 1}"><p class="{item_class}-author">{e(c.author)}</p>'
        f'<time datetime="{iso(c.when)}">{e(when_label(lang, c.when))}</time>'
        f'<div class="{item_class}-text"><p>{e(c.text)}</p></div></li>'
        for i, c in enumerate(page.comments))
    return (f'<section class="comments" id="comments"><h2>{e(heading)}</h2>'
            f'<ol class="{item_class}-list">\n{items}\n</ol></section>')


def document(lang: str, head: str, body_class: str, body: str) -> bytes:
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n{head}\n</head>\n'
            f'<body class="{body_class}">\n{body}\n</body>\n</html>\n').encode("utf-8")


def listing_head(page: ListingPage) -> str:
    return "\n".join([
        '<meta charset="utf-8">',
        f"<title>{e(page.title)} | {e(page.site_name)}</title>",
        f'<meta property="og:site_name" content="{e(page.site_name)}">',
        '<meta property="og:type" content="website">',
        f'<link rel="canonical" href="{e(page.url)}">',
    ])

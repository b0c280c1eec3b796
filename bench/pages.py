"""Render one synthetic article page with the chrome of a real news site (menus, CSS, scripts, comments)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from bench.words import EN, FR, paragraph, title

_CSS_PROPS = ["display:flex", "align-items:center", "justify-content:space-between", "padding:4px 8px",
              "margin:0 auto", "color:#1a1a1a", "background:#fff", "border-bottom:1px solid #e5e5e5",
              "font-size:.875rem", "line-height:1.4", "text-align:center", "text-transform:uppercase",
              "position:relative", "z-index:10", "transition:opacity .2s ease-in-out", "gap:12px",
              "grid-template-columns:repeat(3,1fr)", "max-width:1180px", "font-weight:700", "overflow:hidden"]
_JS_WORDS = ["config", "slot", "sizes", "targeting", "consent", "vendor", "pageview", "section", "premium",
             "refresh", "lazy", "viewport", "observer", "queue", "push", "event", "callback", "timeout"]


@dataclass(frozen=True)
class PageSpec:
    """What one article page shows; `related` are (title, url) pairs of other articles."""

    url: str
    lang: str
    site_name: str
    section: str
    title: str
    author: str
    published: datetime
    paragraphs: list[str]
    related: list[tuple[str, str]]


def render(spec: PageSpec, rng: random.Random) -> str:
    """The full HTML of an article page; the chrome's size varies with rng (about 100 to 250 KB in all)."""
    words = FR if spec.lang == "fr" else EN
    out: list[str] = [f'<!DOCTYPE html>\n<html lang="{spec.lang}" class="no-js">\n<head>\n']
    out.append(_head(spec, rng))
    out.append('</head>\n<body class="page-article" data-section="' + escape(spec.section) + '">\n')
    out.append(f'<div id="cookie-banner" class="cmp" role="dialog"><p>{escape(words["cookie"])}</p>'
               '<button data-action="accept">OK</button><button data-action="settings">⚙</button></div>\n')
    out.append(_header(spec, words, rng))
    out.append('<div class="layout"><main id="content" class="layout__main">\n')
    out.append(_article(spec, words, rng))
    out.append(_comments(spec, words, rng))
    out.append(_section_feed(spec, words, rng))
    out.append('</main>\n')
    out.append(_sidebar(words, rng))
    out.append('</div>\n')
    out.append(_footer(spec, words, rng))
    out.append(_script_blob(rng, rng.randint(5, 30)))
    out.append("</body>\n</html>\n")
    return "".join(out)


def _head(spec: PageSpec, rng: random.Random) -> str:
    t, site, date = escape(spec.title), escape(spec.site_name), spec.published.isoformat()
    lead = escape(spec.paragraphs[0][:160])
    jsonld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": spec.title,
              "datePublished": date, "dateModified": date, "author": {"@type": "Person", "name": spec.author},
              "publisher": {"@type": "Organization", "name": spec.site_name}, "mainEntityOfPage": spec.url}
    parts = [
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{t} | {site}</title>\n<meta name=\"description\" content=\"{lead}\">\n",
        f'<link rel="canonical" href="{spec.url}">\n<meta property="og:type" content="article">\n',
        f'<meta property="og:title" content="{t}"><meta property="og:url" content="{spec.url}">\n',
        f'<meta property="og:site_name" content="{site}"><meta property="og:description" content="{lead}">\n',
        f'<meta property="article:published_time" content="{date}">\n',
        f'<meta property="article:section" content="{escape(spec.section)}">\n',
        f'<meta name="author" content="{escape(spec.author)}"><meta name="twitter:card" content="summary_large_image">\n',
        '<link rel="preload" href="/static/fonts/serif-regular.woff2" as="font" crossorigin>\n',
        '<link rel="preconnect" href="https://cdn.example.invalid">\n',
        "<style>" + _css(rng, rng.randint(150, 450)) + "</style>\n",
        '<script type="application/ld+json">' + json.dumps(jsonld, ensure_ascii=False) + "</script>\n",
        _script_blob(rng, rng.randint(5, 25)),
    ]
    return "".join(parts)


def _css(rng: random.Random, rules: int) -> str:
    blocks = ["c-nav", "c-card", "o-grid", "c-article", "c-comment", "c-footer", "c-ad", "u-hide", "c-btn"]
    out = []
    for i in range(rules):
        props = ";".join(rng.sample(_CSS_PROPS, rng.randint(2, 6)))
        out.append(f".{rng.choice(blocks)}__el-{i}--{rng.choice(['sm', 'md', 'lg', 'dark'])}{{{props}}}")
        if i % 40 == 0:
            out.append(f"@media (min-width:{rng.choice([480, 768, 1024])}px){{.o-grid-{i}{{display:grid}}}}")
    return "".join(out)


def _script_blob(rng: random.Random, kilobytes: int) -> str:
    out, size = ["<script>(function(w,d){var q=w.__q=w.__q||[];"], 0
    while size < kilobytes * 1024:
        a, b = rng.choice(_JS_WORDS), rng.choice(_JS_WORDS)
        piece = (f"w.{a}_{rng.randint(0, 9999)}=function(e,t){{if(!e||!t.{b})return null;"
                 f"var n=d.createElement('div');n.setAttribute('data-{a}','{rng.randint(0, 10**9):x}');"
                 f"q.push({{k:'{b}',v:{rng.randint(0, 10**6)},ts:Date.now()}});return n}};")
        out.append(piece)
        size += len(piece)
    out.append("})(window,document);</script>\n")
    return "".join(out)


def _icon(rng: random.Random, points: int = 0) -> str:
    path = " ".join(f"L{rng.randint(0, 24)}.{rng.randint(0, 99)} {rng.randint(0, 24)}.{rng.randint(0, 99)}"
                    for _ in range(points or rng.randint(8, 30)))
    return f'<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M0 0 {path}Z"/></svg>'


def _header(spec: PageSpec, words: dict, rng: random.Random) -> str:
    out = ['<header class="site-header"><div class="topbar">']
    out += [f'<a class="topbar__link" href="/{i}">{escape(m)}</a>' for i, m in enumerate(words["menu"][:6])]
    out.append(f'</div><a class="logo" href="/">{_icon(rng)}<span>{escape(spec.site_name)}</span></a>\n')
    out.append('<nav class="mega-menu" aria-label="menu"><ul>')
    for s, section in enumerate(words["sections"]):
        out.append(f'<li class="mega-menu__item"><a href="/{s}/">{escape(section)}</a><ul class="mega-menu__sub">')
        for town in rng.sample(words["towns"], min(len(words["towns"]), rng.randint(5, 12))):
            out.append(f'<li><a href="/{s}/{escape(town.lower())}/" data-track="menu">{escape(town)}</a></li>')
        out.append("</ul></li>")
    out.append('</ul></nav><form class="search" action="/recherche"><input name="q" type="search"></form>\n')
    out.append('<div class="ticker" aria-live="polite">')
    out += [f'<a href="/flash/{rng.randint(1, 99999)}">{escape(title(rng, words))}</a>' for _ in range(5)]
    out.append("</div></header>\n")
    return "".join(out)


def _article(spec: PageSpec, words: dict, rng: random.Random) -> str:
    date = spec.published
    out = [f'<nav class="breadcrumb"><a href="/">{escape(words["menu"][0])}</a> › '
           f'<a href="/s/">{escape(spec.section)}</a></nav>\n<article class="c-article">\n',
           f'<h1 class="c-article__title">{escape(spec.title)}</h1>\n',
           f'<div class="c-article__byline">{words["by"]} <a rel="author" href="/auteur/">{escape(spec.author)}</a>'
           f' · <time datetime="{date.isoformat()}">{date:%d/%m/%Y %H:%M}</time></div>\n',
           f'<figure class="c-article__media"><img src="/img/{rng.randint(1, 10**6)}.jpg" alt="" width="1200" '
           f'height="675" loading="lazy"><figcaption>{escape(spec.section)} · DR</figcaption></figure>\n',
           '<div class="c-article__body">\n']
    middle = len(spec.paragraphs) // 2
    for i, text in enumerate(spec.paragraphs):
        tag = "p class=\"c-article__lead\"" if i == 0 else "p"
        out.append(f"<{tag}>{_inline_links(escape(text), words)}</p>\n")
        if i == middle and spec.related:
            rel_title, rel_url = spec.related[0]
            out.append(f'<aside class="read-also"><span>{words["related"]}</span> '
                       f'<a href="{rel_url}">{escape(rel_title)}</a></aside>\n')
        if i % 4 == 3:
            out.append(f'<div class="c-ad" data-slot="mid-{i}" data-sizes="300x250,728x90"></div>\n')
    out.append('</div>\n<ul class="tags">')
    out += [f'<li><a href="/tag/{escape(t.lower())}/">{escape(t)}</a></li>' for t in rng.sample(words["towns"], 3)]
    out.append(f'</ul>\n<div class="share"><span>{words["share"]}</span>')
    out += [f'<button class="share__btn" data-network="{n}">{_icon(rng)}</button>'
            for n in ("facebook", "x", "linkedin", "mail", "whatsapp")]
    out.append("</div>\n</article>\n")
    if spec.related:
        out.append(f'<section class="related"><h2>{words["related"]}</h2><ul>')
        for rel_title, rel_url in spec.related:
            out.append(f'<li class="c-card"><a href="{rel_url}"><img src="/img/t{rng.randint(1, 10**6)}.jpg" '
                       f'alt=""><span class="c-card__title">{escape(rel_title)}</span></a></li>')
        out.append("</ul></section>\n")
    return "".join(out)


def _inline_links(text: str, words: dict) -> str:
    """Link the first town named in a paragraph, as newsrooms do with tag pages."""
    for town in words["towns"]:
        town = escape(town)
        if town in text:
            return text.replace(town, f'<a href="/tag/{town.lower()}/">{town}</a>', 1)
    return text


def _card(words: dict, rng: random.Random, section: str) -> str:
    n = rng.randint(1, 10**6)
    return (f'<article class="c-card c-card--h"><a class="c-card__link" href="/{n}.html"><div class="c-card__media">'
            f'<picture><source srcset="/img/{n}.avif" type="image/avif"><source srcset="/img/{n}.webp" '
            f'type="image/webp"><img src="/img/{n}.jpg" alt="" loading="lazy"></picture></div><div class="c-card__body">'
            f'<span class="c-card__kicker">{escape(section)}</span><h3 class="c-card__title">'
            f'{escape(title(rng, words))}</h3><p class="c-card__teaser"><span>{escape(rng.choice(words["tails"]))}'
            f'</span></p><div class="c-card__meta"><time>{rng.randint(1, 23)} h</time><span class="c-card__icon">'
            f'{_icon(rng, 3)}</span></div></div></a></article>\n')


def _section_feed(spec: PageSpec, words: dict, rng: random.Random) -> str:
    """The grid of teaser cards most news sites put under an article ("more from the section")."""
    out = [f'<section class="o-feed"><div class="o-feed__inner"><h2>{escape(spec.section)}</h2><div class="o-grid">']
    for _ in range(rng.randint(40, 150)):
        out.append('<div class="o-grid__cell"><div class="o-grid__wrap">' + _card(words, rng, spec.section)
                   + "</div></div>")
    out.append("</div></div></section>\n")
    return "".join(out)


def _comments(spec: PageSpec, words: dict, rng: random.Random) -> str:
    count = rng.randint(0, 40)
    out = [f'<section id="comments" class="comments"><h2>{words["comments_title"]} ({count})</h2>\n']
    when = spec.published
    for i in range(count):
        when += timedelta(minutes=rng.randint(3, 300))
        author = rng.choice(words["people"]).split()[0] + str(rng.randint(1, 99))
        depth = "comment--reply" if i and rng.random() < 0.3 else ""
        out.append(f'<div class="comment {depth}" id="c{i}"><div class="comment__meta">{_icon(rng)}'
                   f'<span class="comment__author">{escape(author)}</span> <time>{when:%d/%m/%Y %H:%M}</time></div>'
                   f'<div class="comment__text"><p>{escape(rng.choice(words["comments"]))}</p></div>'
                   '<div class="comment__actions"><button>↩</button><button>♥ '
                   f"{rng.randint(0, 50)}</button></div></div>\n")
    out.append("</section>\n")
    return "".join(out)


def _sidebar(words: dict, rng: random.Random) -> str:
    out = ['<aside class="layout__side"><div class="newsletter"><form action="/newsletter">'
           '<input type="email" name="email"><button>OK</button></form></div><ol class="most-read">']
    out += [f'<li><a href="/service/{i}">{escape(m)}</a></li>' for i, m in enumerate(rng.sample(words["menu"], 6))]
    out.append("</ol>")
    out += [f'<div class="c-ad" data-slot="side-{i}" data-sizes="300x600"></div>' for i in range(3)]
    out.append("</aside>\n")
    return "".join(out)


def _footer(spec: PageSpec, words: dict, rng: random.Random) -> str:
    out = ['<footer class="site-footer"><div class="site-footer__cols">']
    for group in (words["menu"], words["sections"], words["towns"]):
        out.append("<ul>" + "".join(f'<li><a href="/f/{i}">{escape(x)}</a></li>' for i, x in enumerate(group)) + "</ul>")
    out.append(f'</div><div class="apps">{_icon(rng)}{_icon(rng)}</div>'
               f'<p class="copyright">© {spec.published.year} {escape(spec.site_name)}</p></footer>\n')
    return "".join(out)


def article_paragraphs(rng: random.Random, lang: str) -> list[str]:
    words = FR if lang == "fr" else EN
    return [paragraph(rng, words) for _ in range(rng.randint(7, 16))]

"""Render one article page as the CMSs of real news sites do: WordPress, React SSR (Next.js/Arc), Drupal, in-house.

What the old synthetic pages lacked, and real article pages carry (see "Benchmarks" in the README for the
figures and where they come from): deep `<div>` nesting with long class lists, a large inline JSON state
that repeats the article (Next.js `__NEXT_DATA__`, Arc's `Fusion.globalContent`, Drupal settings), JSON-LD
graphs with `articleBody`, kilobytes of inline CSS and of third-party script, inline SVG icons, threaded
comments and teaser rails several times larger than the article itself.
"""

from __future__ import annotations

import json
import random
from html import escape

from bench.pages import PageSpec, _card, _css, _icon, _inline_links, _script_blob
from bench.words import EN, FR, title

SKINS = ("wordpress", "nextjs", "drupal", "inhouse")
SKIN_SHARE = (0.45, 0.25, 0.15, 0.15)  # WordPress leads among news CMSs; the rest split between the others
_UTILITY = ["flex", "items-center", "justify-between", "gap-2", "gap-4", "px-4", "py-2", "md:px-6", "lg:px-8",
            "text-sm", "text-base", "md:text-lg", "font-semibold", "leading-tight", "text-neutral-700", "mx-auto",
            "max-w-screen-xl", "grid", "grid-cols-1", "md:grid-cols-3", "relative", "overflow-hidden", "rounded",
            "border-b", "border-neutral-200", "hidden", "md:block", "w-full", "h-auto", "space-y-4", "mt-6"]


def skin_of(rng: random.Random) -> str:
    return rng.choices(SKINS, SKIN_SHARE)[0]


def render_realistic(spec: PageSpec, rng: random.Random, skin: str) -> str:
    """The full HTML of an article page in one CMS's skin (about 90 to 600 KB, mean about 230 KB)."""
    words = FR if spec.lang == "fr" else EN
    heavy = rng.lognormvariate(0, 0.45)  # how much chrome this outlet piles on: a long-tailed spread
    article = _article_body(spec, words, rng, skin)
    chrome = {
        "head": _head(spec, rng, skin, heavy),
        "header": _deep(_header(spec, words, rng, heavy), rng, 6, skin),
        "article": _deep(article, rng, 9 if skin == "nextjs" else 5, skin),
        "rails": _deep(_rails(spec, words, rng, heavy), rng, 7, skin),
        "comments": _comments(spec, words, rng, heavy),
        "footer": _deep(_footer(words, rng), rng, 4, skin),
        "state": _state(spec, words, rng, skin, heavy),
        "scripts": "".join(_script_blob(rng, int(rng.randint(3, 12) * heavy)) for _ in range(rng.randint(2, 4))),
    }
    body_class = {"wordpress": "post-template-default single single-post single-format-standard wp-embed-responsive",
                  "nextjs": "__className_a1b2c3 antialiased", "drupal": "path-node page-node-type-article",
                  "inhouse": "page article-page"}[skin]
    return (f'<!DOCTYPE html>\n<html lang="{spec.lang}" dir="ltr">\n<head>\n{chrome["head"]}</head>\n'
            f'<body class="{body_class}">\n<div id="{"__next" if skin == "nextjs" else "page"}" class="site">\n'
            f'{chrome["header"]}<main id="main" class="site-main">{chrome["article"]}{chrome["comments"]}'
            f'{chrome["rails"]}</main>\n{chrome["footer"]}</div>\n{chrome["state"]}{chrome["scripts"]}</body>\n</html>\n')


def _classes(rng: random.Random, skin: str) -> str:
    if skin == "nextjs":
        hashed = f"styles_{rng.choice(['wrap', 'col', 'box', 'inner', 'stack'])}__{rng.randint(0, 16**5):05x}"
        return hashed + " " + " ".join(rng.sample(_UTILITY, rng.randint(3, 9)))
    if skin == "wordpress":
        return rng.choice(["wp-block-group", "wp-block-columns", "wp-block-column", "is-layout-flow",
                           "is-layout-constrained", "has-global-padding", "alignwide"]) + f" wp-container-{rng.randint(1, 99)}"
    if skin == "drupal":
        return rng.choice(["layout-content", "region region-content", "block block-system", "field field--type-text",
                           "clearfix", "views-element-container", "layout__region"])
    return rng.choice(["row", "col-md-8", "container", "wrapper", "inner", "box", "clearfix"])


def _deep(html: str, rng: random.Random, depth: int, skin: str) -> str:
    """Wrap markup in `depth` nested containers, as component trees and layout builders do."""
    opened = "".join(f'<div class="{_classes(rng, skin)}">' for _ in range(depth))
    return opened + html + "</div>" * depth + "\n"


def _head(spec: PageSpec, rng: random.Random, skin: str, heavy: float) -> str:
    t, date = escape(spec.title), spec.published.isoformat()
    lead = escape(spec.paragraphs[0][:160])
    graph = [{"@type": "NewsArticle", "headline": spec.title, "datePublished": date, "dateModified": date,
              "author": [{"@type": "Person", "name": spec.author, "url": f"{spec.url}#author"}],
              "publisher": {"@type": "Organization", "name": spec.site_name,
                            "logo": {"@type": "ImageObject", "url": "/logo.png", "width": 600, "height": 60}},
              "mainEntityOfPage": {"@type": "WebPage", "@id": spec.url}, "articleSection": spec.section,
              "inLanguage": spec.lang, "isAccessibleForFree": True,
              "image": [{"@type": "ImageObject", "url": f"/img/{rng.randint(1, 10**6)}-{w}.jpg", "width": w}
                        for w in (1200, 800, 400)]},
             {"@type": "BreadcrumbList", "itemListElement": [
                 {"@type": "ListItem", "position": i + 1, "name": n, "item": f"/{i}/"}
                 for i, n in enumerate(("Home", spec.section, spec.title))]}]
    if rng.random() < 0.6:  # many outlets put the whole text in their JSON-LD
        graph[0]["articleBody"] = "\n".join(spec.paragraphs)
    parts = ['<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\n',
             f"<title>{t} - {escape(spec.site_name)}</title>\n<meta name=\"description\" content=\"{lead}\">\n",
             f'<link rel="canonical" href="{spec.url}">\n<meta property="og:title" content="{t}">\n',
             f'<meta property="og:url" content="{spec.url}"><meta property="og:type" content="article">\n',
             f'<meta property="og:site_name" content="{escape(spec.site_name)}">\n',
             f'<meta property="article:published_time" content="{date}">\n',
             f'<meta name="author" content="{escape(spec.author)}">\n']
    parts += [f'<link rel="preload" as="script" href="/_static/chunks/{rng.randint(0, 16**8):08x}.js">\n'
              for _ in range(rng.randint(5, 30))]
    parts.append(f'<style id="{skin}-inline-css">' + _css(rng, int(rng.randint(120, 400) * heavy)) + "</style>\n")
    parts.append('<script type="application/ld+json">'
                 + json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False) + "</script>\n")
    parts.append(_script_blob(rng, int(rng.randint(6, 25) * heavy)))
    return "".join(parts)


def _header(spec: PageSpec, words: dict, rng: random.Random, heavy: float) -> str:
    out = [f'<header class="site-header"><a class="logo" href="/">{_icon(rng, 60)}<span>{escape(spec.site_name)}'
           '</span></a><nav class="main-navigation" aria-label="menu"><ul class="menu">']
    for s, section in enumerate(words["sections"]):
        out.append(f'<li class="menu-item menu-item-has-children"><a href="/{s}/">{escape(section)}</a>'
                   '<ul class="sub-menu">')
        for town in rng.sample(words["towns"], min(len(words["towns"]), int(rng.randint(4, 10) * heavy) or 1)):
            out.append(f'<li class="menu-item"><a href="/{s}/{escape(town.lower())}/"><span>{escape(town)}</span>'
                       f'{_icon(rng, 4)}</a></li>')
        out.append("</ul></li>")
    out.append("</ul></nav>")
    out.append('<div class="breaking">' + "".join(f'<a href="/flash/{rng.randint(1, 99999)}">'
                                                   f"{escape(title(rng, words))}</a>" for _ in range(6)) + "</div>")
    return "".join(out) + "</header>"


def _article_body(spec: PageSpec, words: dict, rng: random.Random, skin: str) -> str:
    date = spec.published
    paragraph_class = {"wordpress": ' class="wp-block-paragraph"', "nextjs": ' class="body-paragraph"',
                       "drupal": "", "inhouse": ' class="txt"'}[skin]
    out = [f'<article class="post type-post status-publish"><header class="entry-header"><nav class="breadcrumb">'
           f'<a href="/">{escape(words["menu"][0])}</a> › <a href="/s/">{escape(spec.section)}</a></nav>'
           f'<h1 class="entry-title">{escape(spec.title)}</h1><div class="entry-meta"><span class="byline">'
           f'{words["by"]} <a rel="author" href="/auteur/">{escape(spec.author)}</a></span> <time class="published" '
           f'datetime="{date.isoformat()}">{date:%d/%m/%Y %H:%M}</time></div></header>',
           f'<figure class="wp-block-image size-large"><picture><source srcset="/img/{rng.randint(1, 10**6)}.webp 1x,'
           f' /img/{rng.randint(1, 10**6)}@2x.webp 2x"><img src="/img/{rng.randint(1, 10**6)}.jpg" alt="" width="1200"'
           f' height="675"></picture><figcaption>{escape(spec.section)} · DR</figcaption></figure>',
           '<div class="entry-content">']
    for i, text in enumerate(spec.paragraphs):
        wrapped = f"<p{paragraph_class}>{_inline_links(escape(text), words)}</p>"
        if skin == "drupal":
            wrapped = f'<div class="field__item">{wrapped}</div>'
        out.append(wrapped)
        if i % 3 == 2:
            out.append(f'<div class="ad-slot ad-slot--inread" id="ad-{i}"><div class="ad-slot__inner" data-sizes='
                       f'"300x250,728x90"><span class="ad-label">Publicité</span></div></div>')
        if i == 4:
            out.append(f'<div class="newsletter-inline"><p>{escape(rng.choice(words["tails"]))}</p><form><input '
                       'type="email"><button>OK</button></form></div>')
    out.append('</div><footer class="entry-footer"><ul class="tags">')
    out += [f'<li><a rel="tag" href="/tag/{escape(t.lower())}/">{escape(t)}</a></li>' for t in rng.sample(words["towns"], 4)]
    out.append('</ul><div class="share">' + "".join(f'<a class="share-{n}" href="#">{_icon(rng, 12)}</a>'
                                                     for n in ("fb", "x", "li", "mail", "wa", "copy")))
    return "".join(out) + "</div></footer></article>"


def _rails(spec: PageSpec, words: dict, rng: random.Random, heavy: float) -> str:
    """Related stories, "most read", the section's teaser grid and partner links: several times the article."""
    out = ['<section class="related">']
    out += [f'<div class="c-card"><a href="{url}"><span>{escape(rel)}</span></a></div>' for rel, url in spec.related]
    out.append('</section><section class="rail">')
    for _ in range(int(rng.randint(70, 160) * heavy)):
        out.append('<div class="rail__cell"><div class="rail__wrap"><div class="rail__inner"><div><div>'
                   + _card(words, rng, spec.section) + "</div></div></div></div></div>")
    out.append('</section><aside class="partners"><ul>')
    out += [f'<li><a href="https://partner.invalid/{rng.randint(1, 10**6)}" rel="sponsored nofollow"><img '
            f'src="/p/{i}.jpg" alt=""><span>{escape(title(rng, words))}</span></a></li>' for i in range(rng.randint(6, 18))]
    return "".join(out) + "</ul></aside>"


def _comments(spec: PageSpec, words: dict, rng: random.Random, heavy: float) -> str:
    count = int(rng.randint(0, 50) * heavy)
    out = [f'<section id="comments" class="comments-area"><h2>{words["comments_title"]} ({count})</h2><ol class="comment-list">']
    for i in range(count):
        author = rng.choice(words["people"]).split()[0] + str(rng.randint(1, 99))
        reply = '<ol class="children"><li class="comment depth-2"><article class="comment-body"><div class="comment-content">' \
                f'<p>{escape(rng.choice(words["comments"]))}</p></div></article></li></ol>' if rng.random() < 0.3 else ""
        out.append(f'<li class="comment depth-1" id="comment-{i}"><article class="comment-body"><footer class="comment-meta">'
                   f'<div class="comment-author vcard">{_icon(rng, 6)}<b class="fn">{escape(author)}</b></div>'
                   f'</footer><div class="comment-content"><p>{escape(rng.choice(words["comments"]))}</p></div>'
                   f'<div class="reply"><a class="comment-reply-link" href="#c{i}">↩</a></div></article>{reply}</li>')
    return "".join(out) + "</ol></section>"


def _footer(words: dict, rng: random.Random) -> str:
    out = ['<footer class="site-footer">']
    for group in (words["menu"], words["sections"], words["towns"], words["menu"]):
        out.append("<ul>" + "".join(f'<li><a href="/f/{i}">{escape(x)}</a></li>' for i, x in enumerate(group)) + "</ul>")
    return "".join(out) + f'<div class="apps">{_icon(rng)}{_icon(rng)}{_icon(rng)}</div></footer>'


def _state(spec: PageSpec, words: dict, rng: random.Random, skin: str, heavy: float) -> str:
    """The inline state a JavaScript front end hydrates from: the article again, its rails, the site's config."""
    teasers = [{"id": rng.randint(1, 10**7), "headline": title(rng, words), "url": f"/{rng.randint(1, 10**6)}.html",
                "kicker": spec.section, "image": {"src": f"/img/{rng.randint(1, 10**6)}.jpg", "w": 400, "h": 225}}
               for _ in range(int(rng.randint(10, 40) * heavy))]
    if skin == "nextjs":
        body = [{"type": "paragraph", "content": p, "_id": f"{rng.randint(0, 16**10):010x}"} for p in spec.paragraphs]
        data = {"props": {"pageProps": {"article": {"headline": spec.title, "content_elements": body,
                                                    "taxonomy": {"section": spec.section}}, "rails": teasers}},
                "page": "/[...slug]", "buildId": f"{rng.randint(0, 16**12):012x}"}
        return ('<script id="__NEXT_DATA__" type="application/json">' + json.dumps(data, ensure_ascii=False)
                + "</script>\n")
    if skin == "drupal":
        data = {"path": {"baseUrl": "/", "currentPath": f"node/{rng.randint(1, 10**6)}"}, "views": {"ajaxViews": {
            f"views_dom_id:{rng.randint(0, 16**16):016x}": t for t in teasers}}}
        return ('<script type="application/json" data-drupal-selector="drupal-settings-json">'
                + json.dumps(data, ensure_ascii=False) + "</script>\n")
    if skin == "wordpress":
        return ("<script id='wp-emoji-settings' type='application/json'>" + json.dumps({"baseUrl": "/s.w.org/"})
                + "</script>\n<script>var jnews_ajax = " + json.dumps({"rails": teasers[:20]}, ensure_ascii=False)
                + ";</script>\n")
    return "<script>window.__PRELOADED_STATE__ = " + json.dumps({"teasers": teasers}, ensure_ascii=False) + ";</script>\n"

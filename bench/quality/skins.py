"""The chrome of the evaluation pages: how each kind of outlet wraps an article (our own markup, in the
idioms of the CMSs the press uses: a regional daily's Drupal, a national daily, a trade site, WordPress, SPIP,
a wire portal)."""

from __future__ import annotations

import json
from datetime import datetime
from html import escape

from bench.quality.spec import Page

CHROME = {
    "fr": {"menu": ["Accueil", "Actualité", "Faits divers", "Économie", "Sports", "Loisirs", "Annonces"],
           "towns": ["Valence", "Romans-sur-Isère", "Crest", "Die", "Montélimar", "Tain-l'Hermitage", "Privas"],
           "read": "Lire aussi", "share": "Partager", "newsletter": "Recevez chaque matin l'essentiel de l'actualité",
           "subscribe": "Je m'inscris", "comments": "Commentaires", "by": "Par", "most": "Les plus lus",
           "legal": ["Mentions légales", "Politique de confidentialité", "Gestion des cookies", "Contact"],
           "cookie": "Nous utilisons des cookies pour mesurer l'audience et personnaliser les publicités.",
           "published": "Publié le", "updated": "Mis à jour le", "wall": "Cet article est réservé aux abonnés.",
           "pitch": "Abonnez-vous pour lire la suite : 1 € le premier mois, sans engagement.",
           "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                      "octobre", "novembre", "décembre"]},
    "en": {"menu": ["Home", "News", "Business", "Technology", "Energy", "Events", "Jobs"],
           "towns": ["London", "Paris", "Frankfurt", "Amsterdam", "Dublin", "Marseille", "Madrid"],
           "read": "Read more", "share": "Share", "newsletter": "Get the daily briefing in your inbox",
           "subscribe": "Sign up", "comments": "Comments", "by": "By", "most": "Most read",
           "legal": ["Terms", "Privacy policy", "Cookie settings", "Contact us"],
           "cookie": "We use cookies to measure our audience and show relevant ads.",
           "published": "Published", "updated": "Updated", "wall": "This article is for subscribers only.",
           "pitch": "Subscribe to keep reading: your first month for 1 dollar.",
           "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]},
    "de": {"menu": ["Startseite", "Politik", "Wirtschaft", "Digital", "Energie", "Kultur", "Sport"],
           "towns": ["Berlin", "Frankfurt", "Hamburg", "München", "Köln", "Leipzig", "Stuttgart"],
           "read": "Mehr zum Thema", "share": "Teilen", "newsletter": "Der Newsletter am Morgen",
           "subscribe": "Anmelden", "comments": "Kommentare", "by": "Von", "most": "Meistgelesen",
           "legal": ["Impressum", "Datenschutz", "Cookie-Einstellungen", "Kontakt"],
           "cookie": "Wir verwenden Cookies, um die Nutzung unserer Seite zu messen.",
           "published": "Veröffentlicht am", "updated": "Aktualisiert am", "wall": "Dieser Artikel ist nur für Abonnenten.",
           "pitch": "Jetzt abonnieren und weiterlesen: der erste Monat für einen Euro.",
           "months": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                      "Oktober", "November", "Dezember"]},
    "es": {"menu": ["Portada", "Nacional", "Economía", "Tecnología", "Cultura", "Deportes", "Opinión"],
           "towns": ["Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao", "Zaragoza", "Málaga"],
           "read": "Lea también", "share": "Compartir", "newsletter": "Suscríbase al boletín diario",
           "subscribe": "Suscribirme", "comments": "Comentarios", "by": "Por", "most": "Lo más leído",
           "legal": ["Aviso legal", "Privacidad", "Configuración de cookies", "Contacto"],
           "cookie": "Utilizamos cookies propias y de terceros para analizar el tráfico.",
           "published": "Publicado el", "updated": "Actualizado el", "wall": "Este artículo es exclusivo para suscriptores.",
           "pitch": "Suscríbase para seguir leyendo: el primer mes por un euro.",
           "months": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                      "octubre", "noviembre", "diciembre"]},
    "it": {"menu": ["Home", "Cronaca", "Economia", "Tecnologia", "Cultura", "Sport", "Opinioni"],
           "towns": ["Milano", "Roma", "Torino", "Bologna", "Napoli", "Genova", "Firenze"],
           "read": "Leggi anche", "share": "Condividi", "newsletter": "Iscriviti alla newsletter del mattino",
           "subscribe": "Iscriviti", "comments": "Commenti", "by": "Di", "most": "I più letti",
           "legal": ["Note legali", "Privacy", "Preferenze cookie", "Contatti"],
           "cookie": "Usiamo i cookie per misurare il pubblico del sito.",
           "published": "Pubblicato il", "updated": "Aggiornato il", "wall": "Articolo riservato agli abbonati.",
           "pitch": "Abbonati per continuare a leggere: il primo mese a un euro.",
           "months": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
                      "ottobre", "novembre", "dicembre"]},
    "pt": {"menu": ["Início", "Política", "Economia", "Tecnologia", "Cultura", "Desporto", "Opinião"],
           "towns": ["Lisboa", "Porto", "Coimbra", "Braga", "Sines", "Faro", "Aveiro"],
           "read": "Leia também", "share": "Partilhar", "newsletter": "Receba a newsletter da manhã",
           "subscribe": "Subscrever", "comments": "Comentários", "by": "Por", "most": "Mais lidas",
           "legal": ["Aviso legal", "Privacidade", "Definições de cookies", "Contactos"],
           "cookie": "Utilizamos cookies para medir a audiência do site.",
           "published": "Publicado a", "updated": "Atualizado a", "wall": "Artigo exclusivo para assinantes.",
           "pitch": "Assine para continuar a ler: o primeiro mês por um euro.",
           "months": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
                      "outubro", "novembro", "dezembro"]},
    "ja": {"menu": ["トップ", "国内", "経済", "テクノロジー", "国際", "スポーツ", "特集"],
           "towns": ["東京", "大阪", "福岡", "札幌", "名古屋", "パリ", "ロンドン"],
           "read": "関連記事", "share": "共有", "newsletter": "朝のニュースレターを受け取る",
           "subscribe": "登録", "comments": "コメント", "by": "記者", "most": "よく読まれている記事",
           "legal": ["利用規約", "プライバシー", "クッキー設定", "お問い合わせ"],
           "cookie": "当サイトはアクセス解析のためにクッキーを使用しています。",
           "published": "公開", "updated": "更新", "wall": "この記事は有料会員限定です。",
           "pitch": "続きを読むには会員登録が必要です。",
           "months": [f"{m}月" for m in range(1, 13)]},
}


def words(page: Page) -> dict:
    return CHROME.get(page.chrome_lang or page.lang, CHROME["en"])


def human_date(value: str, lang: str) -> str:
    """A date as a reader sees it in a byline ("13 mars 2025 à 18h02", "March 13, 2025 6:02 pm"…)."""
    when = datetime.fromisoformat(value)
    month = CHROME.get(lang, CHROME["en"])["months"][when.month - 1]
    if lang == "en":
        return f"{month} {when.day}, {when.year} {when:%H:%M}"
    if lang == "de":
        return f"{when.day}. {month} {when.year}, {when:%H:%M} Uhr"
    if lang == "ja":
        return f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}"
    if lang == "fr":
        return f"{when.day} {month} {when.year} à {when.hour}h{when.minute:02d}"
    return f"{when.day} de {month} de {when.year} {when:%H:%M}" if lang in ("es", "pt") else f"{when.day} {month} {when.year}"


def body_html(page: Page, container: str, lead_class: str = "") -> str:
    """The article's blocks in their container (only the visible ones for a teaser), with the outlet's inline
    boxes; a page with `split_body` has its body cut in two containers around an ad, as some CMSs do."""
    tag = container.split()[0]
    out = [f"<{container}>"]
    blocks = page.visible_blocks()
    lead_class = page.lead_class or lead_class
    for i, block in enumerate(blocks):
        if page.split_body and i == (len(blocks) + 1) // 2:
            out.append(f'</{tag}><div class="ad-slot" data-slot="mid"><iframe src="/ads/mid.html"></iframe></div>'
                       f'<{container}>')
        kind, value = block if isinstance(block, tuple) else ("p", block)
        if kind == "p":
            cls = f' class="{lead_class}"' if i == 0 and lead_class else ""
            out.append(f"<p{cls}>{escape(value)}</p>")
        elif kind == "h2":
            out.append(f"<h2>{escape(value)}</h2>")
        elif kind == "quote":
            out.append(f"<blockquote><p>{escape(value)}</p></blockquote>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in value) + "</ul>")
        elif kind == "table":
            head, *rows = value
            out.append('<table class="data"><thead><tr>' + "".join(f"<th>{escape(c)}</th>" for c in head)
                       + "</tr></thead><tbody>"
                       + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
                       + "</tbody></table>")
        elif kind == "div":  # a paragraph some CMSs write as a bare <div>
            out.append(f'<div class="paragraph">{escape(value)}</div>')
        elif kind == "br":  # wire portals: paragraphs separated by <br><br> in one block
            out.append('<div class="depeche-texte">' + "<br><br>".join(escape(v) for v in value) + "</div>")
        if i == 1 and page.inline_related:
            out.append(f'<aside class="inline-related"><strong>{escape(words(page)["read"])}</strong> '
                       f'<a href="/a/{i}">{escape(page.inline_related)}</a></aside>')
    if page.teaser is not None:
        w = words(page)
        out.append(f'<div class="paywall-box"><p class="paywall-title">{escape(w["wall"])}</p>'
                   f'<p>{escape(w["pitch"])}</p><a class="btn" href="/abonnement">{escape(w["subscribe"])}</a></div>')
    out.append(f"</{tag}>")
    return "\n".join(out)


def head(page: Page) -> str:
    """<head>: title, description, Open Graph, date metas and JSON-LD as the page's spec asks."""
    title = page.og_title or page.title
    parts = ['<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{escape(page.head_title or title)}</title>"]
    if page.description:
        parts.append(f'<meta name="description" content="{escape(page.description)}">')
    if page.canonical:
        parts.append(f'<link rel="canonical" href="{escape(page.url)}">')
    if page.opengraph:
        parts.append(f'<meta property="og:title" content="{escape(title)}">'
                     f'<meta property="og:type" content="article"><meta property="og:url" content="{escape(page.url)}">')
        if page.site_meta:
            parts.append(f'<meta property="og:site_name" content="{escape(page.site)}">')
    for attr, key, value in page.all_metas:
        parts.append(f'<meta {attr}="{escape(key)}" content="{escape(value)}">')
    if page.author and page.opengraph:
        parts.append(f'<meta name="author" content="{escape(page.author)}">')
    if page.jsonld:
        parts.append('<script type="application/ld+json">' + json.dumps(page.jsonld, ensure_ascii=False) + "</script>")
    parts.append("<style>body{font-family:serif}.paywall-box{border:1px solid #ccc}.c-ad{min-height:250px}</style>")
    parts.append("<script>window.dataLayer=window.dataLayer||[];dataLayer.push({pageType:'article'});</script>")
    return "\n".join(parts)


def byline(page: Page, css: str = "byline", markup: str = "text") -> str:
    """Author and dates as the outlet shows them: plain text, <time datetime> elements, WordPress's
    `entry-date published` / `updated` times, or SPIP's <abbr class="published" title>."""
    w, lang = words(page), page.chrome_lang or page.lang
    out = [f'<div class="{css}">']
    if page.author:
        out.append(f'<span class="author">{escape(w["by"])} {escape(page.author)}</span>')
    for value, label, kind in ((page.shown_published, w["published"], "entry-date published"),
                               (page.shown_modified, w["updated"], "updated")):
        if not value:
            continue
        shown = f"{escape(label)} {escape(human_date(value, lang))}"
        if markup == "time":
            out.append(f'<time datetime="{value}">{shown}</time>')
        elif markup == "wordpress":
            out.append(f'<time class="{kind}" datetime="{value}">{shown}</time>')
        elif markup == "spip":
            out.append(f'<abbr class="{kind.split()[-1]}" title="{value}">{shown}</abbr>')
        else:
            out.append(f'<span class="date">{shown}</span>')
    out.append("</div>")
    return " ".join(out)


def _menu(page: Page) -> str:
    w = words(page)
    items = "".join(f'<li><a href="/{i}/">{escape(m)}</a><ul class="sub">'
                    + "".join(f'<li><a href="/{i}/{j}/">{escape(t)}</a></li>' for j, t in enumerate(w["towns"]))
                    + "</ul></li>" for i, m in enumerate(w["menu"]))
    return f'<nav class="main-menu"><ul>{items}</ul></nav>'


def _footer(page: Page) -> str:
    w = words(page)
    links = "".join(f'<li><a href="/legal/{i}">{escape(x)}</a></li>' for i, x in enumerate(w["legal"]))
    return (f'<footer class="site-footer"><ul>{links}</ul><p class="copyright">© {escape(page.site)} — '
            f'{escape(page.footer_note or "")}</p></footer>')


def _most_read(page: Page) -> str:
    if not page.most_read:
        return ""
    items = "".join(f'<li><a href="/m/{i}">{escape(t)}</a></li>' for i, t in enumerate(page.most_read))
    return f'<aside class="sidebar"><h3>{escape(words(page)["most"])}</h3><ol class="most-read">{items}</ol></aside>'


def _comments(page: Page) -> str:
    if not page.comments:
        return ""
    w = words(page)
    items = "".join(f'<li class="comment"><p class="comment-author">{escape(who)}</p><p>{escape(text)}</p></li>'
                    for who, text in page.comments)
    return f'<section id="comments" class="comments"><h3>{escape(w["comments"])}</h3><ol>{items}</ol></section>'


def _newsletter(page: Page) -> str:
    w = words(page)
    return (f'<div class="newsletter-box"><p>{escape(w["newsletter"])}</p><form><input type="email">'
            f'<button>{escape(w["subscribe"])}</button></form></div>')


def _related(page: Page) -> str:
    if not page.related:
        return ""
    items = "".join(f'<li class="card"><a href="/r/{i}"><span class="card-title">{escape(t)}</span></a></li>'
                    for i, t in enumerate(page.related))
    return f'<section class="related"><h2>{escape(words(page)["read"])}</h2><ul>{items}</ul></section>'


def regional(page: Page) -> str:
    """A regional daily on Drupal: heavy menus, a chapo, inline 'Lire aussi' boxes, comments, most-read."""
    w = words(page)
    return f"""<!DOCTYPE html><html lang="{page.html_lang}"><head>{head(page)}</head>
<body class="node-type-article"><div id="cmp">{escape(w["cookie"])}<button>OK</button></div>
<header><a class="logo" href="/">{escape(page.site)}</a>{_menu(page)}</header>
<div class="breadcrumb"><a href="/">{escape(w["menu"][0])}</a> › <a href="/{escape(page.section)}/">{escape(page.section)}</a></div>
<main><article class="node node--article">
<h1 class="node__title">{escape(page.title)}</h1>
{byline(page)}
<div class="field field--name-body">
{body_html(page, 'div class="field__item"', "chapo")}
</div>
<div class="share">{escape(w["share"])} <a href="#fb">Facebook</a> <a href="#x">X</a> <a href="#mail">E-mail</a></div>
</article>
{_newsletter(page)}{_related(page)}{_comments(page)}</main>
{_most_read(page)}
{_footer(page)}</body></html>
"""


def national(page: Page) -> str:
    """A national daily: a section kicker, a lead paragraph, subheads and quotes, a sidebar of most-read."""
    w = words(page)
    return f"""<!DOCTYPE html><html lang="{page.html_lang}"><head>{head(page)}</head>
<body><div class="cookie-banner" role="dialog">{escape(w["cookie"])}</div>
<header class="header"><div class="logo">{escape(page.site)}</div>{_menu(page)}</header>
<div class="container"><section class="zone zone--article">
<p class="article__kicker">{escape(page.section)}</p>
<h1 class="article__title">{escape(page.title)}</h1>
{byline(page, "meta meta__publisher", "time")}
{body_html(page, 'section class="article__content"', "article__paragraph article__lead")}
<footer class="article__footer"><ul class="tags">{"".join(f'<li><a href="/t/{escape(t)}">{escape(t)}</a></li>' for t in w["towns"][:4])}</ul></footer>
</section>
{_most_read(page)}</div>
{_related(page)}{_comments(page)}{_newsletter(page)}
{_footer(page)}</body></html>
"""


def trade(page: Page) -> str:
    """A trade site: a post with an author card, tags, a table now and then, a white-paper promo and related posts."""
    w = words(page)
    author = (f'<div class="author-card"><p class="author-name">{escape(page.author)}</p><p class="author-bio">'
              f'{escape(page.author_bio or "")}</p></div>') if page.author else ""
    return f"""<!DOCTYPE html><html lang="{page.html_lang}"><head>{head(page)}</head>
<body class="single-post"><header class="site-header"><span class="brand">{escape(page.site)}</span>{_menu(page)}</header>
<div id="content"><div class="post">
<ul class="categories"><li><a href="/c/">{escape(page.section)}</a></li></ul>
<h1 class="post-title">{escape(page.title)}</h1>
{byline(page, "post-meta")}
{body_html(page, 'div class="post-body"', "intro")}
{author}
<div class="promo-whitepaper"><h4>Livre blanc</h4><p>{escape(page.promo or w["newsletter"])}</p><a href="/wp">{escape(w["subscribe"])}</a></div>
</div>{_related(page)}</div>
{_most_read(page)}{_footer(page)}</body></html>
"""


def wordpress(page: Page) -> str:
    """A WordPress blog: entry-content, widgets in a sidebar, a long comment thread with a reply form."""
    w = words(page)
    return f"""<!DOCTYPE html><html lang="{page.html_lang}"><head>{head(page)}</head>
<body class="post-template-default single single-post">
<div id="page" class="site"><header id="masthead" class="site-header"><p class="site-title"><a href="/">{escape(page.site)}</a></p>
<p class="site-description">{escape(page.footer_note or "")}</p></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article class="post type-post status-publish format-standard hentry">
<header class="entry-header"><h1 class="entry-title">{escape(page.title)}</h1>
<div class="entry-meta">{byline(page, "posted-on", "wordpress")}</div></header>
{body_html(page, 'div class="entry-content"')}
<footer class="entry-footer"><span class="cat-links">{escape(page.section)}</span></footer>
</article>
{_comments(page)}
<div id="respond" class="comment-respond"><h3>{escape(w["comments"])}</h3><form><textarea></textarea></form></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Archives</h2><ul><li><a href="/2025/">2025</a></li><li><a href="/2024/">2024</a></li></ul></section>
{_most_read(page)}</aside></div>
{_footer(page)}</div></body></html>
"""


def spip(page: Page) -> str:
    """An activist site on SPIP: a plain article with 'texte' and 'chapo' divs, a forum, a site-wide date meta."""
    return f"""<!DOCTYPE html><html lang="{page.html_lang}" dir="ltr"><head>{head(page)}</head>
<body class="page_article"><div class="page"><div class="header"><a href="/" class="logo">{escape(page.site)}</a></div>
<div class="nav"><ul><li><a href="spip.php?rubrique1">Luttes locales</a></li><li><a href="spip.php?rubrique2">Agenda</a></li><li><a href="spip.php?rubrique3">Brèves</a></li></ul></div>
<div class="main"><div class="wrapper hfeed"><div class="content hentry" id="content">
<p class="arbo"><a href="/">Accueil</a> &gt; <a href="spip.php?rubrique1">{escape(page.section)}</a></p>
<div class="cartouche"><h1 class="titre entry-title">{escape(page.title)}</h1>
{byline(page, "info-publi", "spip")}</div>
{body_html(page, 'div class="texte entry-content"')}
{_comments(page)}
</div></div>
<div class="aside">{_most_read(page)}</div></div>
{_footer(page)}</div></body></html>
"""


def wire(page: Page) -> str:
    """An agency wire on a portal: a dateline, short paragraphs, the agency's copyright, a list of other wires."""
    w = words(page)
    return f"""<!DOCTYPE html><html lang="{page.html_lang}"><head>{head(page)}</head>
<body><header><div class="portal">{escape(page.site)}</div>{_menu(page)}</header>
<div class="page-depeche"><h1>{escape(page.title)}</h1>
{byline(page, "depeche-date")}
{body_html(page, 'div class="depeche"')}
<p class="agency-copyright">{escape(page.footer_note or "")}</p>
</div>
{_related(page)}{_most_read(page)}
<div class="ticker">{"".join(f'<a href="/w/{i}">{escape(t)}</a>' for i, t in enumerate(w["towns"]))}</div>
{_footer(page)}</body></html>
"""


SKINS = {"regional": regional, "national": national, "trade": trade, "wordpress": wordpress, "spip": spip,
         "wire": wire}

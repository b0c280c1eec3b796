"""The four outlets' looks: each skin renders article and listing pages with its own markup."""

from __future__ import annotations

import unicodedata

from newswatch.demo.chrome import (ArticlePage, Link, ListingPage, comments_block, date_en, date_fr, document, e,
                                   iso, link_list, listing_head, meta_tags, nav, paragraphs)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text).split())


def newsletter(tag: str, css: str, heading: str, text: str, action: str, button: str) -> str:
    return (f'<{tag} class="{css}"><h2>{e(heading)}</h2><p>{e(text)}</p>'
            f'<form action="{action}" method="post"><input type="email" name="email">'
            f'<button type="submit">{e(button)}</button></form></{tag}>')


def time_tag(when, label: str, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f'<time{cls} datetime="{iso(when)}">{e(label)}</time>'


class Skin:
    """Base skin: subclasses give the outlet's identity, menus, header, footer and article layout."""

    key = ""
    name = ""
    lang = "fr"
    locale = "fr_FR"
    nav_items: tuple[tuple[str, str], ...] = ()
    footer_items: tuple[tuple[str, str], ...] = ()
    topical_section = ("", "")
    local_section = ("", "")

    def section_for(self, topical: bool, base: str) -> Link:
        label, path = self.topical_section if topical else self.local_section
        return Link(label, base + path)

    def header(self, current: str) -> str:
        raise NotImplementedError

    def footer(self, year: int) -> str:
        raise NotImplementedError

    def render_article(self, page: ArticlePage) -> bytes:
        raise NotImplementedError

    def render_listing(self, page: ListingPage) -> bytes:
        """A listing page: the outlet's header and footer around a heading and a list of links."""
        current = page.url[len(page.base):] or "/"
        parts = [self.header(current), f'<main class="listing"><h1>{e(page.title)}</h1>']
        if page.intro:
            parts.append(f'<p class="intro">{e(page.intro)}</p>')
        if page.items:
            parts.append(link_list(page.items, "teasers", page.lang, dated=True))
        if page.extra:
            parts.append(f'<aside class="more-links">{link_list(page.extra, "links", page.lang)}</aside>')
        parts.append("</main>")
        parts.append(self.footer(max((i.when.year for i in page.items if i.when), default=2026)))
        return document(page.lang, listing_head(page), f"{self.key}-listing", "\n".join(parts))


class CourrierSkin(Skin):
    key = "courrier"
    name = "Le Courrier de la Drôme"
    nav_items = (("Accueil", "/"), ("Drôme", "/drome/"), ("Ardèche", "/ardeche/"), ("Valence", "/valence/"),
                 ("Économie", "/economie/"), ("Environnement", "/environnement/"), ("Sport", "/sport/"),
                 ("Culture", "/culture/"), ("Faits divers", "/faits-divers/"), ("Services", "/services/"))
    footer_items = (("Mentions légales", "/mentions-legales/"), ("Conditions générales", "/cgu/"),
                    ("Données personnelles", "/donnees-personnelles/"), ("Cookies", "/cookies/"),
                    ("Nous contacter", "/contact/"), ("Annonces légales", "/annonces-legales/"))
    topical_section = ("Économie", "/economie/")
    local_section = ("Drôme", "/drome/")

    def header(self, current: str) -> str:
        return ('<div class="cdd-topbar"><a href="/abonnement/">S\'abonner dès 1 €</a>'
                '<a href="/connexion/">Se connecter</a><a href="/edition-numerique/">Le journal du jour</a></div>\n'
                '<header class="cdd-header"><a class="cdd-logo" href="/">Le Courrier <small>de la Drôme</small></a>'
                f'<nav class="cdd-nav" aria-label="Rubriques">{nav(self.nav_items, "cdd-menu", current)}</nav>'
                "</header>")

    def footer(self, year: int) -> str:
        return (f'<footer class="cdd-footer"><nav>{nav(self.footer_items, "cdd-legal")}</nav>'
                f"<p>© {year} Le Courrier de la Drôme. Tous droits réservés. Toute reproduction, même partielle, "
                "est interdite sans autorisation.</p></footer>")

    def render_article(self, page: ArticlePage) -> bytes:
        art, section = page.article, page.section
        byline = (f'Par <a rel="author" class="cdd-author" href="/auteurs/{slugify(art.author)}/">{e(art.author)}</a>'
                  f" · {time_tag(page.published, 'Le ' + date_fr(page.published))}")
        if page.modified > page.published:
            byline += f' · <span class="cdd-updated">Mis à jour le {e(date_fr(page.modified))}</span>'
        parts = [
            self.header(section.url[len(page.base):]),
            '<main id="contenu" class="cdd-main">',
            '<nav class="cdd-breadcrumb" aria-label="Fil d\'Ariane"><ol><li><a href="/">Accueil</a></li>'
            f'<li><a href="{e(section.url)}">{e(section.title)}</a></li>'
            f'<li aria-current="page">{e(page.title)}</li></ol></nav>',
            '<article class="cdd-article">',
            f'<header class="cdd-article-head"><p class="cdd-kicker">{e(section.title)}</p>'
            f'<h1 class="cdd-title">{e(page.title)}</h1><p class="cdd-byline">{byline}</p></header>',
            f'<div class="cdd-body">\n{paragraphs(page.paragraphs)}\n</div>',
            '<div class="cdd-share"><span>Partager cet article</span><a href="#facebook">Facebook</a>'
            '<a href="#x">X</a><a href="#mail">E-mail</a></div>',
            "</article>",
            f'<aside class="cdd-related"><h2>À lire aussi</h2>{link_list(page.related, "cdd-related-list", "fr")}'
            "</aside>",
            comments_block(page, f"{len(page.comments)} commentaires", "cdd-comment", "fr"),
            newsletter("aside", "cdd-newsletter", "La lettre du Courrier", "Chaque matin à 7 heures, "
                       "l'essentiel de l'actualité drômoise dans votre boîte mail.", "/newsletter/", "Je m'inscris"),
            "</main>",
            self.footer(page.published.year),
        ]
        return document(art.lang, meta_tags(page, self.locale), "page-article", "\n".join(parts))


class EchoSkin(Skin):
    key = "echo"
    name = "L'Écho de l'Éco"
    nav_items = (("À la une", "/"), ("Entreprises", "/entreprises/"), ("Tech & médias", "/tech-medias/"),
                 ("Énergie", "/energie/"), ("Industrie", "/industrie/"), ("Régions", "/regions/"),
                 ("Finance", "/finance/"), ("Politique", "/politique/"), ("Idées", "/idees/"),
                 ("Patrimoine", "/patrimoine/"))
    footer_items = (("Mentions légales", "/mentions-legales/"), ("CGU", "/cgu/"),
                    ("Politique de confidentialité", "/confidentialite/"), ("Gestion des cookies", "/cookies/"),
                    ("Publicité", "/publicite/"), ("Contact", "/contact/"))
    topical_section = ("Tech & médias", "/tech-medias/")
    local_section = ("Régions", "/regions/")

    def header(self, current: str) -> str:
        return ('<header class="ee-masthead"><div class="ee-brand"><a href="/">L\'Écho <em>de l\'Éco</em></a>'
                '<span class="ee-baseline">Le quotidien de l\'économie réelle</span></div>'
                f'<nav class="ee-menu">{nav(self.nav_items, "ee-menu-list", current)}</nav>'
                '<div class="ee-account"><a href="/abonnement/">Je m\'abonne</a>'
                '<a href="/compte/">Mon compte</a></div></header>')

    def footer(self, year: int) -> str:
        return (f'<footer class="ee-footer"><div class="ee-footer-links">{nav(self.footer_items, "ee-legal")}</div>'
                f'<p class="ee-copyright">L\'Écho de l\'Éco © {year} — Groupe Écho Médias. '
                "Reproduction et diffusion interdites.</p></footer>")

    def render_article(self, page: ArticlePage) -> bytes:
        art, section = page.article, page.section
        stamp = f"Publié le {page.published:%d/%m/%Y à %H:%M}"
        if page.modified > page.published:
            stamp += f" - mis à jour le {page.modified:%d/%m/%Y à %H:%M}"
        chapo, *rest = page.paragraphs
        parts = [
            '<div id="page" class="ee-page">',
            self.header(section.url[len(page.base):]),
            '<ul class="ee-ariane"><li><a href="/">L\'Écho de l\'Éco</a></li>'
            f'<li><a href="{e(section.url)}">{e(section.title)}</a></li></ul>',
            '<div class="ee-columns">',
            '<article class="ee-story">',
            f'<h1 class="ee-headline">{e(page.title)}</h1>',
            f'<div class="ee-meta"><span class="ee-signature">Par <span class="ee-author">{e(art.author)}</span>'
            f"</span> {time_tag(page.published, stamp, 'ee-date')}</div>",
            f'<p class="ee-chapo">{e(chapo)}</p>',
            f'<div class="ee-content">\n{paragraphs(tuple(rest))}\n</div>',
            "</article>",
            '<aside class="ee-sidebar"><div class="ee-mostread"><h2>Les plus lus</h2>'
            f'{link_list(page.related[:2], "ee-top", "fr")}</div></aside>',
            "</div>",
            f'<section class="ee-related"><h2>Sur le même sujet</h2>{link_list(page.related, "ee-related-list", "fr")}'
            "</section>",
            comments_block(page, f"Réactions ({len(page.comments)})", "ee-reaction", "fr"),
            newsletter("div", "ee-newsletter", "Recevez L'Écho du matin",
                       "Toute l'actualité économique, du lundi au vendredi, gratuitement.", "/newsletters/",
                       "S'inscrire"),
            self.footer(page.published.year),
            "</div>",
        ]
        return document(art.lang, meta_tags(page, self.locale), "ee-article-page", "\n".join(parts))


class NuagesSkin(Skin):
    key = "nuages"
    name = "Nuages Bas"
    nav_items = (("Accueil", "/"), ("Le collectif", "/le-collectif/"), ("Billets", "/billets/"),
                 ("Rovaltain", "/categorie/rovaltain/"), ("Eau", "/categorie/eau/"),
                 ("Énergie", "/categorie/energie/"), ("Agenda", "/agenda/"), ("Documents", "/documents/"),
                 ("Revue de presse", "/revue-de-presse/"), ("Contact", "/contact/"))
    footer_items = (("Mentions légales", "/mentions-legales/"), ("Contact", "/contact/"),
                    ("Flux Atom", "/atom.xml"))
    topical_section = ("Billets", "/billets/")
    local_section = ("Vie locale", "/categorie/vie-locale/")

    def header(self, current: str) -> str:
        return ('<a class="skip-link screen-reader-text" href="#content">Aller au contenu</a>\n'
                '<header id="masthead" class="site-header">'
                '<p class="site-title"><a href="/" rel="home">Nuages Bas</a></p>'
                '<p class="site-description">Carnet d\'un collectif drômois face au béton numérique</p>'
                f'<nav id="site-navigation" class="main-navigation">{nav(self.nav_items, "menu", current)}</nav>'
                "</header>")

    def footer(self, year: int) -> str:
        return (f'<footer id="colophon" class="site-footer"><div class="site-info">'
                f'{nav(self.footer_items, "menu-footer")}<p>Textes sous licence libre CC BY-SA, {year}. '
                "Blog hébergé par une association locale.</p></div></footer>")

    def render_article(self, page: ArticlePage) -> bytes:
        art, section = page.article, page.section
        posted = (time_tag(page.published, date_fr(page.published, with_time=False), "entry-date published")
                  + time_tag(page.modified, "", "updated"))
        author = f'<a class="url fn n" href="/auteur/{slugify(art.author)}/">{e(art.author)}</a>'
        parts = [
            '<div id="page" class="site">',
            self.header(section.url[len(page.base):]),
            '<div id="content" class="site-content">',
            f'<nav class="breadcrumbs"><a href="/">Accueil</a> › <a href="{e(section.url)}">{e(section.title)}</a>'
            f" › <span>{e(page.title)}</span></nav>",
            '<main id="main" class="site-main">',
            '<article class="post type-post status-publish format-standard hentry">',
            f'<header class="entry-header"><h1 class="entry-title">{e(page.title)}</h1>',
            f'<div class="entry-meta"><span class="posted-on">{posted}</span> '
            f'<span class="byline">par <span class="author vcard">{author}</span></span></div></header>',
            f'<div class="entry-content">\n{paragraphs(page.paragraphs)}\n</div>',
            f'<footer class="entry-footer"><span class="cat-links">Publié dans <a href="{e(section.url)}" '
            f'rel="category tag">{e(section.title)}</a></span></footer>',
            "</article>",
            '<div class="jp-relatedposts"><h3 class="jp-relatedposts-headline">Billets liés</h3>'
            f'{link_list(page.related, "jp-related", "fr")}</div>',
            comments_block(page, f"{len(page.comments)} réflexions sur « {page.title} »", "comment", art.lang),
            "</main>",
            '<aside id="secondary" class="widget-area">',
            newsletter("section", "widget widget_newsletter", "Suivre le collectif",
                       "Un courriel par mois, pas plus : nos billets et nos rendez-vous.", "/inscription/",
                       "Je m'abonne"),
            '<section class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul>'
            '<li><a href="/billets/">Tous les billets</a></li><li><a href="/documents/">Documents</a></li></ul>'
            "</section></aside>",
            "</div>",
            self.footer(page.published.year),
            "</div>",
        ]
        return document(art.lang, meta_tags(page, self.locale), "single single-post", "\n".join(parts))


class DcwSkin(Skin):
    key = "dcw"
    name = "DataCentre Weekly"
    lang = "en"
    locale = "en_GB"
    nav_items = (("Home", "/"), ("News", "/news/"), ("Analysis", "/analysis/"), ("Colocation", "/colocation/"),
                 ("Cloud & AI", "/cloud-ai/"), ("Power & Cooling", "/power-cooling/"), ("Europe", "/tag/europe/"),
                 ("Events", "/events/"), ("Jobs", "/jobs/"), ("About", "/about/"))
    footer_items = (("About us", "/about/"), ("Contact", "/contact/"), ("Advertise", "/advertise/"),
                    ("Terms", "/terms/"), ("Privacy", "/privacy/"), ("Cookies", "/cookies/"))
    topical_section = ("News", "/news/")
    local_section = ("News", "/news/")
    tags = (("France", "/tag/france/"), ("AI", "/tag/ai/"), ("Cooling", "/tag/cooling/"))

    def header(self, current: str) -> str:
        return ('<header class="dcw-masthead"><a class="dcw-brand" href="/">DataCentre<b>Weekly</b></a>'
                f'<nav class="dcw-primary">{nav(self.nav_items, "dcw-nav", current)}</nav>'
                '<form class="dcw-search" action="/search/"><input name="q" placeholder="Search"></form></header>')

    def footer(self, year: int) -> str:
        return (f'<footer class="dcw-footer">{nav(self.footer_items, "dcw-footer-nav")}'
                f"<p>© {year} DataCentre Weekly Ltd. All rights reserved.</p></footer>")

    def render_article(self, page: ArticlePage) -> bytes:
        art = page.article
        stamp = f"{date_en(page.published)}, {page.published:%H:%M} UTC"
        parts = [
            '<div class="dcw-wrap">',
            self.header("/news/"),
            '<main class="dcw-main">',
            f'<nav class="dcw-crumbs"><a href="/">Home</a> › <a href="/news/">News</a> › <span>{e(page.title)}</span>'
            "</nav>",
            '<article class="story">',
            f'<h1 class="story-headline">{e(page.title)}</h1>',
            f'<div class="story-meta"><span class="story-author">By <a href="/author/{slugify(art.author)}/">'
            f"{e(art.author)}</a></span> {time_tag(page.published, stamp)}</div>",
            f'<div class="story-body">\n{paragraphs(page.paragraphs)}\n</div>',
            nav(self.tags, "story-tags"),
            "</article>",
            f'<aside class="dcw-more"><h2>More from DCW</h2>{link_list(page.related, "dcw-more-list", "en")}</aside>',
            comments_block(page, f"Reader comments ({len(page.comments)})", "dcw-comment", "en"),
            newsletter("aside", "dcw-briefing", "Get the DCW briefing", "The week's data centre news, every "
                       "Friday. Free for industry professionals.", "/newsletter/", "Sign up"),
            "</main>",
            self.footer(page.published.year),
            "</div>",
        ]
        return document(art.lang, meta_tags(page, self.locale), "dcw-story-page", "\n".join(parts))

    def render_amp(self, page: ArticlePage) -> bytes:
        """The AMP version: light chrome, canonical link to the normal article."""
        art = page.article
        head = "\n".join([
            '<meta charset="utf-8">', f"<title>{e(page.title)}</title>",
            f'<link rel="canonical" href="{e(page.url)}">',
            '<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">',
            f'<meta name="author" content="{e(art.author)}">',
            f'<meta property="article:published_time" content="{iso(page.published)}">',
            '<script async src="https://cdn.ampproject.org/v0.js"></script>',
        ])
        body = "\n".join([
            '<header class="amp-bar"><a href="/">DataCentre Weekly</a></header>',
            f'<article class="amp-story"><h1>{e(page.title)}</h1>',
            f'<p class="amp-meta">By {e(art.author)} · {time_tag(page.published, date_en(page.published))}</p>',
            paragraphs(page.paragraphs),
            "</article>",
            f'<footer class="amp-footer"><a href="{e(page.url)}">View full site</a></footer>',
        ])
        html = document(art.lang, head, "amp", body).decode("utf-8")
        return html.replace("<html ", "<html amp ", 1).encode("utf-8")


SKINS: dict[str, Skin] = {s.key: s for s in (CourrierSkin(), EchoSkin(), NuagesSkin(), DcwSkin())}

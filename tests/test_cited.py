"""Documents a matching article cites: the order, the authority's opinion a local paper links are fetched in the same
crawl and judged on their own words; an article that matches nothing, and a page's menus and footer, cite nothing."""

from __future__ import annotations

import sqlite3

from crawler.links import cited_documents
from newswatch.demo import official
from newswatch.demo.run import demo_config
from newswatch.demo.site import HTML, Resource
from newswatch.extraction import extract, html_document
from tests.conftest import newswatch
from tests.test_documents_e2e import order_pdf
from tests.test_leads_e2e import rss_feed

FEED = "/cites.xml"
CITING = "/economie/sesterce-le-prefet-signe-l-arrete-d-enregistrement"
PLAIN = "/economie/la-foire-de-valence-ouvre-ses-portes"


def page(title: str, paragraphs: list[str], footer: str = "") -> bytes:
    """An article of the weekly (our words): its paragraphs in <article>, then its site's footer."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f"<header><nav><a href='/'>Accueil</a></nav></header><main><article><h1>{title}</h1>{body}</article>"
            f"</main><footer>{footer}</footer></body></html>").encode()


def test_an_article_s_content_cites_its_documents_not_its_menus():
    html = page("Sesterce", [
        'Lire <a href="/docs/arrete.pdf">l\'arrêté</a>, <a href="https://mrae.example/avis/77">l\'avis de la MRAe '
        '(1,2 Mo)</a> et <a href="/viewer.html?file=/docs/rapport.pdf">le rapport</a>.',
        'Voir aussi <a href="/economie/autre-article">notre article</a> et <a href="/docs/arrete.pdf">l\'arrêté'
        '</a> encore.'], footer='<a href="/kit-presse.pdf">Kit presse (PDF)</a>')
    assert cited_documents(html_document(html), "https://hebdo.example/economie/sesterce") == [
        ("https://hebdo.example/docs/arrete.pdf", "l'arrêté"),
        ("https://mrae.example/avis/77", "l'avis de la MRAe (1,2 Mo)"),
        ("https://hebdo.example/docs/rapport.pdf", "le rapport")]


def test_only_a_page_that_may_match_lists_what_it_cites():
    """The documents are listed in the extraction worker, from the tree it parsed, when the page may match a topic
    (the prefilter's test); a page that cannot match lists none (no cost, no fetch)."""
    html = page("Sesterce à Rovaltain", ['La société Sesterce publie <a href="/docs/a.pdf">l\'arrêté</a>.'])
    other = page("La foire", ['La foire de Valence publie <a href="/docs/b.pdf">son programme</a>.'])
    may_match = lambda page, *plain: any("Sesterce" in text for text in (page, *plain))  # noqa: E731
    assert extract(html.decode(), "https://hebdo.example/x", may_match).cited == (
        ("https://hebdo.example/docs/a.pdf", "l'arrêté"),)
    assert extract(other.decode(), "https://hebdo.example/y", may_match).cited == ()
    assert extract(html.decode(), "https://hebdo.example/x").cited == ()


def test_the_documents_a_matching_article_cites_are_fetched_and_judged_in_the_same_crawl(demo_site, tmp_path):
    """The weekly reports the prefect's order on Sesterce's data center and links it, with the environmental
    authority's opinion (behind a page that links the file) and the town's budget. Nothing listed them: the order
    and the opinion were lost. They are fetched in the same crawl and judged on their own words: the order
    archived as a document, the budget (no topic) not; the opinion's page, busy (503), is asked for again by the
    next crawl, which archives the opinion. The footer's press kit and the documents of an article matching
    nothing are never asked for; a crawl after that asks for none again."""
    site = demo_site
    order = site.url(official.OUTLET, "/actes/arrete-2026-112-sesterce.pdf")
    landing = site.url(official.OUTLET, "/mrae/avis-2026-41")
    opinion = "/mrae/avis-2026-41-sesterce.pdf"
    documents = {
        "/actes/arrete-2026-112-sesterce.pdf": order_pdf("Arrêté préfectoral n° 2026-112", [
            "Portant enregistrement du centre de données exploité par la société Sesterce au parc de Rovaltain."],
            seed=21),
        opinion: order_pdf("Avis de la mission régionale d'autorité environnementale", [
            "Sur le projet de centre de données de la société Sesterce à Alixan (Drôme)."], seed=22),
        "/finances/budget-2027.pdf": order_pdf("Budget primitif 2027", ["Section de fonctionnement."], seed=23)}
    for path, body in documents.items():
        site.replace(official.OUTLET, path, Resource(body, "application/pdf", site.now))
    opinion_page = Resource(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Avis n° 2026-41</title></head><body><main>'
        f'<p><a href="{opinion}">Avis n° 2026-41 (PDF)</a></p></main></body></html>'.encode(), HTML, site.now)
    site.replace(official.OUTLET, "/mrae/avis-2026-41", Resource(b"busy", "text/plain", site.now, status=503))
    site.replace("hebdo", CITING, Resource(page("Sesterce : le préfet signe l'arrêté d'enregistrement", [
        "Le préfet de la Drôme a signé l'arrêté d'enregistrement du centre de données de la société Sesterce, dans "
        f'l\'ancien bâtiment Ecotox du parc de Rovaltain à Alixan. <a href="{order}">Lire l\'arrêté (PDF)</a>.',
        "L'autorité environnementale avait rendu son avis en novembre sur les 40 000 GPU prévus : "
        f'<a href="{landing}">l\'avis de la MRAe (1,2 Mo)</a>. Le conseil municipal, lui, a voté '
        f'<a href="{site.url(official.OUTLET, "/finances/budget-2027.pdf")}">son budget (PDF)</a>.'],
        footer=f'<a href="{site.url(official.OUTLET, "/presse/kit.pdf")}">Kit presse (PDF)</a>'), HTML, site.now))
    site.replace("hebdo", PLAIN, Resource(page("La foire de Valence ouvre ses portes", [
        "Trois cents exposants attendus au parc des expositions pour dix jours de fête. "
        f'<a href="{site.url(official.OUTLET, "/foire/programme.pdf")}">Le programme (PDF)</a>.']), HTML, site.now))
    site.replace("hebdo", FEED, rss_feed(site, "hebdo", [
        (CITING, "Sesterce : le préfet signe l'arrêté d'enregistrement", site.now),
        (PLAIN, "La foire de Valence ouvre ses portes", site.now)]))
    config = tmp_path / "newswatch.toml"
    config.write_text(demo_config(site, tmp_path / "newswatch.db", keep_raw=False).split("[[sources]]")[0]
                      + f'\n[[sources]]\nname = "hebdo"\nfeeds = ["{site.url("hebdo", FEED)}"]\n', encoding="utf-8")

    site.reset_requests()
    newswatch("crawl", config=config, check=True)  # the authority's site is busy: its page answers 503
    asked = {r.path for r in site.requests if r.path.endswith(".pdf") or r.path.startswith("/mrae")}
    assert asked == {"/actes/arrete-2026-112-sesterce.pdf", "/finances/budget-2027.pdf", "/mrae/avis-2026-41"}
    db = sqlite3.connect(tmp_path / "newswatch.db")
    assert {url.rsplit("/", 1)[-1] for (url,) in db.execute("SELECT url FROM articles WHERE kind = 'document'")} \
        == {"arrete-2026-112-sesterce.pdf"}

    site.replace(official.OUTLET, "/mrae/avis-2026-41", opinion_page)  # the next run asks for it again, and its file
    site.reset_requests()
    result = newswatch("crawl", config=config, check=True)
    assert result.stderr == ""
    asked = sorted(r.path for r in site.requests if r.path.endswith(".pdf") or r.path.startswith("/mrae"))
    assert asked == ["/mrae/avis-2026-41", opinion]
    archived = {url.rsplit("/", 1)[-1]: (kind, source) for url, kind, source in db.execute(
        "SELECT url, kind, source FROM articles")}
    assert archived == {CITING.rsplit("/", 1)[-1]: ("article", "hebdo"),
                        "arrete-2026-112-sesterce.pdf": ("document", "hebdo"),
                        "avis-2026-41-sesterce.pdf": ("document", "hebdo")}
    cited = {url.rsplit("/", 1)[-1] for (url,) in db.execute(
        "SELECT url FROM discoveries WHERE via = ?", (site.url("hebdo", CITING),))}
    assert cited == {"arrete-2026-112-sesterce.pdf", "avis-2026-41", "budget-2027.pdf"}
    digest = newswatch("digest", "--dry-run", config=config, check=True).stdout
    assert "Arrêté préfectoral n° 2026-112" in digest and "autorité environnementale" in digest

    site.reset_requests()
    newswatch("crawl", config=config, check=True)
    assert not [r for r in site.requests if r.path.endswith(".pdf") or r.path.startswith("/mrae")]

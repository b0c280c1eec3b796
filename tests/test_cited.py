"""Documents a matching article cites: the order, the authority's opinion a local paper links are fetched in the same
crawl and judged on their own words; an article that matches nothing, and a page's menus and footer, cite nothing."""

from __future__ import annotations

import json
import sqlite3
from urllib.parse import urlsplit

import pytest

from crawler.citations import cited_links, document_cited
from newswatch.demo import official
from newswatch.demo.pdfmaker import Line, Page, build_pdf, column_pages
from newswatch.demo.run import demo_config
from newswatch.demo.site import HTML, Resource
from newswatch.documents.ocr import OcrSettings
from newswatch.documents.pdftext import MAX_LINKS, read_pdf
from newswatch.documents.reading import extract_document
from newswatch.text.extraction import extract
from newswatch.text.markup import html_document
from newswatch.text.urls import written_addresses
from tests.conftest import newswatch
from tests.test_documents_e2e import documents_config, link_list, order_pdf, prose_lines, sample_page
from tests.test_leads_e2e import rss_feed
from tests.test_ocr import scanned

FEED = "/cites.xml"
CITING = "/economie/sesterce-le-prefet-signe-l-arrete-d-enregistrement"
PLAIN = "/economie/la-foire-de-valence-ouvre-ses-portes"


def page(title: str, paragraphs: list[str], footer: str = "") -> bytes:
    """An article of the weekly (our words): its paragraphs in <article>, then its site's footer."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f"<header><nav><a href='/'>Accueil</a></nav></header><main><article><h1>{title}</h1>{body}</article>"
            f"</main><footer>{footer}</footer></body></html>").encode()


def test_an_article_s_content_cites_its_documents_and_articles_not_its_menus():
    html = page("Sesterce", [
        'Lire <a href="/docs/arrete.pdf">l\'arrêté</a>, <a href="https://mrae.example/avis/77">l\'avis de la MRAe '
        '(1,2 Mo)</a> et <a href="/viewer.html?file=/docs/rapport.pdf">le rapport</a>.',
        'Selon <a href="https://daily.example/drome/2026/03/12/alixan-le-permis-attaque">nos confrères</a> et '
        '<a href="/economie/sesterce-leve-des-fonds-pour-ses-gpu">notre article</a>, voir <a href="/docs/arrete.pdf">'
        'l\'arrêté</a>, <a href="/economie/">la rubrique</a>, <a href="#haut">le haut</a>, '
        '<a href="https://ads.example/2026/03/01/offre-speciale-fibre" rel="sponsored">une offre</a> et '
        '<a href="mailto:redaction@hebdo.example">la rédaction</a>.'],
        footer='<a href="/kit-presse.pdf">Kit presse (PDF)</a><a href="/2026/03/01/les-mentions-du-mois">Mentions</a>')
    assert cited_links(html_document(html), "https://hebdo.example/economie/sesterce") == (
        [("https://hebdo.example/docs/arrete.pdf", "l'arrêté"),
         ("https://mrae.example/avis/77", "l'avis de la MRAe (1,2 Mo)"),
         ("https://hebdo.example/docs/rapport.pdf", "le rapport")],
        [("https://daily.example/drome/2026/03/12/alixan-le-permis-attaque", "nos confrères")])  # not its own site's
    boxed = page("Sesterce", ['Le préfet a signé.</p><aside class="documents"><h2>Documents</h2><a href="/docs/'
                              'arrete-112.pdf">L\'arrêté (PDF)</a> <a href="https://daily.example/2026/03/12/le-'
                              'recours-des-riverains">Le recours</a></aside><p>Suite.'],
                 footer='<aside><a href="/docs/kit-presse.pdf">Kit presse (PDF)</a></aside>')
    assert cited_links(html_document(boxed), "https://hebdo.example/economie/sesterce") == (
        [("https://hebdo.example/docs/arrete-112.pdf", "L'arrêté (PDF)")], [])  # the article's own box: its documents
    scripted = page("Sesterce", ['Le préfet a signé. <button onclick="window.open(\'/docs/arrete-113.pdf\')">'
                                 "Télécharger l'arrêté</button> <button onclick=\"share()\">Partager</button>"])
    assert cited_links(html_document(scripted), "https://hebdo.example/economie/sesterce") == (
        [("https://hebdo.example/docs/arrete-113.pdf", "Télécharger l'arrêté")], [])
    many = page("Sesterce", [" ".join(f'<a href="/docs/acte-{n}.pdf">acte {n}</a>' for n in range(15))])
    documents, _ = cited_links(html_document(many), "https://hebdo.example/economie/sesterce")
    assert [url.rsplit("/", 1)[-1] for url, _ in documents] == [f"acte-{n}.pdf" for n in range(10)]


def test_only_a_page_that_may_match_lists_what_it_cites():
    """The links are listed in the extraction worker, from the tree it parsed, when the page may match a topic
    (the prefilter's test); a page that cannot match lists none (no cost, no fetch)."""
    html = page("Sesterce à Rovaltain", ['La société Sesterce publie <a href="/docs/a.pdf">l\'arrêté</a> (<a '
                                         'href="https://daily.example/2026/03/12/le-prefet-signe-l-arrete">notre '
                                         'confrère</a>).'])
    other = page("La foire", ['La foire de Valence publie <a href="/docs/b.pdf">son programme</a>.'])
    may_match = lambda page, *plain: any("Sesterce" in text for text in (page, *plain))  # noqa: E731
    extracted = extract(html.decode(), "https://hebdo.example/x", may_match, cited_links)
    assert extracted.cited == (("https://hebdo.example/docs/a.pdf", "l'arrêté"),)
    assert extracted.cited_articles == (("https://daily.example/2026/03/12/le-prefet-signe-l-arrete", "notre confrère"),)
    assert extract(other.decode(), "https://hebdo.example/y", may_match, cited_links).cited == ()
    assert extract(html.decode(), "https://hebdo.example/x").cited_articles == ()


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
    citing = f"  found in: Sesterce : le préfet signe l'arrêté d'enregistrement <{site.url('hebdo', CITING)}>\n"
    assert digest.count(citing) == 1  # the order says which article it was found in (the opinion: in a page)
    records = {r["url"].rsplit("/", 1)[-1]: r for r in map(json.loads, newswatch(
        "export", config=config, check=True).stdout.splitlines())}
    assert records["arrete-2026-112-sesterce.pdf"]["found_via"] == [  # where it was found: the article citing it
        {"channel": "documents", "via": site.url("hebdo", CITING), "source": "hebdo"}]

    site.reset_requests()
    newswatch("crawl", config=config, check=True)
    assert not [r for r in site.requests if r.path.endswith(".pdf") or r.path.startswith("/mrae")]


def test_the_articles_a_matching_article_quotes_are_fetched_and_a_walled_one_kept_by_its_address(demo_site,
                                                                                                 tmp_path):
    """A blog's article on Sesterce quotes other papers and links them: the business weekly's report, the
    walled daily's ("nos confrères de La Voix du Vercors", behind DataDome), a market report. No channel of the
    group lists them: the daily's article, a lead, was lost. They are fetched in the same crawl: the weekly's report
    archived, the daily's kept as a headline record known by the words of its address (the link's words name no
    topic), the market report judged and left. What the weekly's report cites in turn is not followed."""
    site = demo_site
    report = "/2026/03/10/sesterce-muscle-son-centre-de-donnees-de-rovaltain"
    walled = "/drome/2026/03/12/alixan-le-permis-de-sesterce-attaque-au-tribunal"
    market = "/2026/03/11/la-bourse-de-paris-termine-en-hausse-pour-la-troisieme-seance"
    quoting = "/opinions/sesterce-ce-qu-en-disent-les-journaux-de-la-semaine"
    site.replace("echo", report, Resource(page("Sesterce muscle son centre de données de Rovaltain", [
        "La société Sesterce installe 40 000 GPU dans l'ancien bâtiment Ecotox du parc de Rovaltain, à Alixan. "
        '<a href="/docs/rapport-annuel-sesterce.pdf">Le rapport annuel (PDF)</a>.']), HTML, site.now))
    site.replace("echo", market, Resource(page("La Bourse de Paris termine en hausse", [
        "Le CAC 40 a gagné 0,8 % vendredi, porté par les valeurs bancaires et le luxe."]), HTML, site.now))
    site.replace("hebdo", quoting, Resource(page("Sesterce : ce qu'en disent les journaux de la semaine", [
        "Le data center de Sesterce à Alixan fait parler : "
        f'<a href="{site.url("echo", report)}">L\'Écho de l\'Éco détaille ses 40 000 GPU</a>, '
        f'<a href="{site.url("vercors", walled)}">nos confrères de La Voix du Vercors</a> racontent le recours, et '
        f'<a href="{site.url("echo", market)}">la Bourse</a> ne bronche pas.']), HTML, site.now))
    site.replace("hebdo", "/citations.xml", rss_feed(site, "hebdo", [
        (quoting, "Sesterce : ce qu'en disent les journaux de la semaine", site.now)]))
    config = tmp_path / "newswatch.toml"
    config.write_text(demo_config(site, tmp_path / "newswatch.db", keep_raw=False).split("[[sources]]")[0]
                      + f'\n[[sources]]\nname = "blog"\nfeeds = ["{site.url("hebdo", "/citations.xml")}"]\n',
                      encoding="utf-8")

    site.reset_requests()
    result = newswatch("crawl", config=config, check=True)
    [said] = result.stderr.splitlines()  # the source's summary: the daily's wall
    assert "blog:" in said and said.endswith("(a DataDome challenge page) (titled with the words of its address)")
    asked = {r.path for r in site.requests}
    assert {report, walled, market} <= asked and "/docs/rapport-annuel-sesterce.pdf" not in asked
    db = sqlite3.connect(tmp_path / "newswatch.db")
    archived = {url.rsplit("/", 1)[-1]: (status, title) for url, status, title in db.execute(
        "SELECT url, text_status, title FROM articles")}
    assert archived == {
        quoting.rsplit("/", 1)[-1]: ("full", "Sesterce : ce qu'en disent les journaux de la semaine"),
        report.rsplit("/", 1)[-1]: ("full", "Sesterce muscle son centre de données de Rovaltain"),
        walled.rsplit("/", 1)[-1]: ("headline", "Alixan le permis de sesterce attaque au tribunal")}, archived
    digest = newswatch("digest", "--dry-run", config=config, check=True).stdout
    assert site.url("vercors", walled) in digest
    quoted = f"  found in: Sesterce : ce qu'en disent les journaux de la semaine <{site.url('hebdo', quoting)}>\n"
    assert digest.count(quoted) == 2, digest  # the weekly's report and the daily's headline
    vercors, echo = (urlsplit(site.url(name)).netloc for name in ("vercors", "echo"))  # not the quoting blog's name
    assert f"* Alixan le permis de sesterce attaque au tribunal\n  {vercors} · 2026-03-12\n" in digest
    assert f"* Sesterce muscle son centre de données de Rovaltain\n  {echo} · 2026-03-10 · fr\n" in digest
    newswatch("digest", "--out", str(tmp_path / "digest.html"), config=config, check=True)
    html = (tmp_path / "digest.html").read_text(encoding="utf-8")
    assert html.count(f'found in: <a href="{site.url("hebdo", quoting)}"') == 2
    assert html.count(">Sesterce : ce qu'en disent les journaux de la semaine</a></div>") == 3  # its own title too
    assert db.execute("SELECT count(*) FROM discoveries WHERE via = ?", (site.url("echo", report),)).fetchone() == (0,)
    site.reset_requests()  # nor by the next crawl
    newswatch("crawl", config=config, check=True)
    assert "/docs/rapport-annuel-sesterce.pdf" not in {r.path for r in site.requests}


def notice_pdf(lines: list[str], links: list[tuple[str, str]] = (), seed: int = 31) -> bytes:
    """A notice of the sample prefecture (our words): `lines` as written, one a line, then `links` ((words, address)
    each) as link areas over their words, then considerations."""
    [first, *rest] = column_pages("Avis d'enquête publique", prose_lines(12, seed))
    written = [Line(56, 330 - 14 * n, line) for n, line in enumerate(lines)]
    areas = [(Line(56, 200 - 14 * n, words), address) for n, (words, address) in enumerate(links)]
    return build_pdf([Page(lines=first.lines + written, links=areas), *rest], title="Avis d'enquête publique")


def test_a_document_s_links_are_its_link_areas_and_the_addresses_its_text_writes_out():
    """A notice names the inquiry's register and dossier as addresses written out, cut at a line's end as a PDF
    maker cuts them, and links the authority's opinion under its words: all are read, a cut address joined to the
    next line's first word when that goes on with it (after a hyphen; after a slash, a word with a path's signs),
    not to a sentence's first word."""
    pdf = read_pdf(notice_pdf([
        "Le dossier est consultable sur www.drome.gouv.fr/enquete-sesterce-alixan et sur le registre",
        "https://www.registre-dematerialise.fr/4821 jusqu'au 3 mars 2026. Écrire à enquete@drome.gouv.fr ou",
        "voir https://www.drome.gouv.fr/Actions-de-l-Etat/Environnement/",
        "ICPE/Alixan-Sesterce pour la procédure, et https://www.drome.gouv.fr/enquete-publique-",
        "sesterce-2026.pdf, ou la page https://www.drome.gouv.fr/",
        "Le reste des pièces est en mairie."],
        [("Lire l'avis de la MRAe", "https://www.mrae.developpement-durable.gouv.fr/IMG/pdf/avis-sesterce.pdf")]))
    assert pdf.links == (
        ("https://www.mrae.developpement-durable.gouv.fr/IMG/pdf/avis-sesterce.pdf", "Lire l'avis de la MRAe"),
        ("http://www.drome.gouv.fr/enquete-sesterce-alixan", ""),
        ("https://www.registre-dematerialise.fr/4821", ""),
        ("https://www.drome.gouv.fr/Actions-de-l-Etat/Environnement/ICPE/Alixan-Sesterce", ""),
        ("https://www.drome.gouv.fr/enquete-publique-sesterce-2026.pdf", ""),
        ("https://www.drome.gouv.fr/", ""))
    assert read_pdf(order_pdf("Arrêté", ["Sans adresse aucune."])).links == ()
    crowded = [Page(links=[(Line(56 + 25 * (n % 20), 60 + 12 * (n // 20), "loi"), f"https://lois.example/{p}/{n}")
                           for n in range(300)]) for p in range(3)]  # a collection of acts links every law it cites
    assert len(read_pdf(build_pdf(crowded)).links) == MAX_LINKS  # not read past that: a page may declare millions


@pytest.mark.parametrize("text, addresses", [
    ("Registre : https://www.registre-dematerialise.fr/4821.", ["https://www.registre-dematerialise.fr/4821"]),
    ("(voir www.drome.gouv.fr/enquetes), puis « https://mrae.example/avis?id=41 »",
     ["http://www.drome.gouv.fr/enquetes", "https://mrae.example/avis?id=41"]),
    ("sur https://www.drome.gouv.fr/ICPE/enquete-publique-\nsesterce-2026.pdf le dossier",
     ["https://www.drome.gouv.fr/ICPE/enquete-publique-sesterce-2026.pdf"]),
    ("voir https://www.drome.gouv.fr/Environnement/\nICPE/Alixan-Sesterce.", [
        "https://www.drome.gouv.fr/Environnement/ICPE/Alixan-Sesterce"]),
    ("le site https://www.drome.gouv.fr/\nLe dossier y est.", ["https://www.drome.gouv.fr/"]),
    ("le site https://www.drome.gouv.fr/avis.\nLe dossier y est.", ["https://www.drome.gouv.fr/avis"]),
    ("écrire à enquete@drome.gouv.fr ou au commissaire", []),
])
def test_the_addresses_a_text_writes_out(text, addresses):
    assert written_addresses(text) == addresses


def test_a_scanned_notice_s_written_register_is_read_by_ocr(tesseract):
    """A town's notice scanned: OCR's reading gives the register's address, which a matching notice cites."""
    notice = scanned(notice_pdf(["Enquête publique sur le centre de données de la société Sesterce à Alixan.",
                                 "Registre : https://www.registre-dematerialise.fr/4821"]), dpi=300)
    extracted, _ = extract_document(notice, "https://alixan.example/avis.pdf", OcrSettings(), cite=document_cited)
    assert extracted.text_status == "ocr" and "Sesterce" in extracted.text
    assert extracted.cited == (("https://www.registre-dematerialise.fr/4821", ""),)


def test_what_a_document_links_is_split_into_documents_and_articles():
    """Files and pages (a notice, a register) are documents, another site's article an article; a home page, a mail
    address, the document itself and an address no parser reads are left; ten of each at most."""
    here = "https://www.drome.gouv.fr/avis-enquete-sesterce.pdf"
    documents, articles = document_cited([
        ("https://www.mrae.example/IMG/pdf/avis-sesterce.pdf", "Lire l'avis de la MRAe"),
        ("https://www.registre-dematerialise.fr/4821", ""),
        ("https://www.drome.gouv.fr/Actions-de-l-Etat/Environnement/ICPE/Alixan-Sesterce", ""),
        ("https://docs.example/viewer.html?file=/dossier/etude-impact.pdf", "Étude d'impact"),
        ("https://www.ledauphine.example/drome/2026/03/12/alixan-le-permis-attaque", "l'article"),
        ("https://www.drome.gouv.fr/", ""), ("https://www.telerecours.fr", ""), ("mailto:enquete@drome.gouv.fr", ""),
        (here, ""), ("http://[oops/avis.pdf", ""), ("/mentions-legales", ""),
        ("https://www.mrae.example/IMG/pdf/avis-sesterce.pdf", "")], here)
    assert documents == [("https://www.mrae.example/IMG/pdf/avis-sesterce.pdf", "Lire l'avis de la MRAe"),
                         ("https://www.registre-dematerialise.fr/4821", ""),
                         ("https://www.drome.gouv.fr/Actions-de-l-Etat/Environnement/ICPE/Alixan-Sesterce", ""),
                         ("https://docs.example/dossier/etude-impact.pdf", "Étude d'impact"),
                         ("https://www.drome.gouv.fr/mentions-legales", "")]
    assert articles == [("https://www.ledauphine.example/drome/2026/03/12/alixan-le-permis-attaque", "l'article")]
    many, _ = document_cited([(f"https://www.drome.gouv.fr/actes/acte-{n}.pdf", "") for n in range(15)], here)
    assert len(many) == 10
    extracted, _ = extract_document(notice_pdf(["Le dossier : https://www.drome.gouv.fr/dossier-sesterce.pdf"]), here,
                                    cite=document_cited)
    assert extracted.cited == (("https://www.drome.gouv.fr/dossier-sesterce.pdf", ""),)


@pytest.mark.parametrize("follow", [True, False])
def test_the_register_and_the_opinion_a_matching_notice_names_are_fetched_with_the_register_s_dossier(demo_site,
                                                                                                     tmp_path, follow):
    """The prefecture's notice of the public inquiry on Sesterce's data center (a PDF of its documents listing)
    names the online register where the dossier lies and the public's observations go, its address written out and
    cut at a line's end, and links the environmental authority's opinion under its words. No channel of the group
    lists the register: its dossier (the impact study naming Sesterce) was lost. They are fetched in the same crawl
    and judged on their own words: the register page and the impact study it links archived as documents, the
    opinion too, the law the notice cites (no topic) not. The site's home page the notice's footer writes is not
    asked for; nor what a notice matching nothing links, nor what the opinion, fetched because the notice names it,
    links in turn. With `follow_cited = false`, none of them is asked for."""
    site = demo_site
    register, study = "/registre/enquete-publique-sesterce-alixan", "/registre/dossier/etude-impact-sesterce.pdf"
    opinion, law = "/mrae/avis-2026-41-sesterce.pdf", "/lois/code-environnement-article-l512-7"
    cut = len(site.url(official.OUTLET, "/registre/enquete-publique-"))
    address = site.url(official.OUTLET, register)
    pdfs = {
        "/consultations/avis-enquete-sesterce.pdf": notice_pdf([
            "Enquête publique sur la demande d'enregistrement du centre de données de la société Sesterce",
            "au parc de Rovaltain à Alixan, du 12 janvier au 12 février 2026 inclus. Dossier et registre :",
            address[:cut], f"{address[cut:]} (observations jusqu'au 12 février 2026 à 17 h).",
            f"Textes : {site.url(official.OUTLET, law)} ; préfecture : {site.url(official.OUTLET, '/')}",
            f"Autres consultations : {site.url(official.OUTLET, '/consultations/liste')}"],  # the group's listing
            [("Lire l'avis de la MRAe", site.url(official.OUTLET, opinion))]),
        "/consultations/avis-foire-2026.pdf": notice_pdf([
            "Foire de Valence : avis au public sur la fermeture des parkings du parc des expositions.",
            f"Plan : {site.url(official.OUTLET, '/foire/plan-2026.pdf')}"], seed=32),
        opinion: notice_pdf(["Avis délibéré de la MRAe sur le centre de données de Sesterce à Alixan (Drôme).",
                             f"Annexe : {site.url(official.OUTLET, '/mrae/annexe-sesterce.pdf')}"], seed=33),
        study: order_pdf("Étude d'impact", ["Le centre de données de la société Sesterce : 40 000 GPU."], seed=34)}
    for path, body in pdfs.items():
        site.replace(official.OUTLET, path, Resource(body, "application/pdf", site.now))
    site.replace(official.OUTLET, register, sample_page(site, "Enquête publique : centre de données Sesterce", (
        "<h1>Enquête publique : centre de données de la société Sesterce à Alixan</h1><p>Registre ouvert du 12 "
        "janvier au 12 février 2026 inclus.</p>" + link_list((study, "Étude d'impact (PDF)")))))
    site.replace(official.OUTLET, law, sample_page(site, "Article L512-7", "<p>Les installations soumises à "
                                                   "enregistrement sont celles qui présentent des dangers graves.</p>"))
    site.replace(official.OUTLET, "/consultations/liste", sample_page(site, "Consultations", link_list(
        ("/consultations/avis-enquete-sesterce.pdf", "Avis d'enquête publique (PDF)"),
        ("/consultations/avis-foire-2026.pdf", "Avis foire (PDF)"))))
    config = documents_config(site, tmp_path, "prefecture", "/consultations/liste",
                              "" if follow else "follow_cited = false\n")

    site.reset_requests()
    result = newswatch("crawl", config=config, check=True)
    assert result.stderr == ""
    asked = {r.path for r in site.requests}
    db = sqlite3.connect(tmp_path / "newswatch.db")
    if not follow:
        assert not asked & {register, study, opinion, law}
        assert db.execute("SELECT count(*) FROM discoveries WHERE channel != 'documents' OR via NOT LIKE ?",
                          ("%/consultations/liste",)).fetchone() == (0,)
        return
    assert {register, study, opinion, law} <= asked
    assert not asked & {"/", "/foire/plan-2026.pdf", "/mrae/annexe-sesterce.pdf", "/registre/enquete-publique-"}
    assert [r.path for r in site.requests].count("/consultations/liste") == 1  # read as the listing it is, only
    archived = {url.removeprefix(site.url(official.OUTLET, "")): kind for url, kind in db.execute(
        "SELECT url, kind FROM articles")}
    assert archived == {"/consultations/avis-enquete-sesterce.pdf": "document", register: "document",
                        study: "document", opinion: "document"}
    assert {url.removeprefix(site.url(official.OUTLET, "")) for (url,) in db.execute(
        "SELECT url FROM discoveries WHERE via = ?", (site.url(official.OUTLET, "/consultations/avis-enquete-"
                                                                                "sesterce.pdf"),))} \
        == {register, opinion, law}
    assert db.execute("SELECT title FROM discoveries WHERE url = ?", (site.url(official.OUTLET, opinion),)
                      ).fetchone() == ("Lire l'avis de la MRAe",)

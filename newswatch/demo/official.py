"""The sample prefecture site: listing pages of official documents (PDFs and an HTML notice), our own words."""

from __future__ import annotations

from datetime import datetime, timedelta

from newswatch.demo.chrome import document, e
from newswatch.demo.documents import (consultation_notice, council_deliberation, date_fr, local_day,
                                      scanned_decision)
from newswatch.demo.feeds import Entry, rss
from newswatch.demo.pdfmaker import broken_pdf, dense_pdf

OUTLET = "pref"
SOURCE_NAME = "prefecture-demo"
LISTING = "/consultations-du-public/"
ACTS = "/recueil-des-actes/"  # only the tests crawl it: a broken PDF and a 50 MB one
NOTICE_PAGE = LISTING + "avis-enquete-publique-reseau-de-chaleur-rovaltain"
HUGE_PATH = ACTS + "recueil-des-actes-administratifs-special.pdf"
ANNEXES = "/annexes/"  # only the tests crawl it: a PDF that takes minutes to read, and a plain one
DENSE_PDF = ANNEXES + "annexes-techniques-centre-de-donnees.pdf"
DENSE_PAGES = 300  # about a second each: killed at any extraction time limit a test sets
NEWS_FEED = "/actualites/rss.xml"  # only the tests crawl it: a press release, a plain article with a deadline
RELEASE_PAGE = "/actualites/raccordement-electrique-du-centre-de-donnees-de-rovaltain"
RELEASE_TITLE = "Raccordement électrique du centre de données de Rovaltain : le public peut donner son avis"
RELEASE_DAYS_LEFT = 18  # its deadline is this many days after `now`
HUGE_SIZE = 50 * 1024 * 1024
HTML = "text/html; charset=utf-8"
PDF = "application/pdf"


def _page(title: str, body: str) -> bytes:
    head = f'<meta charset="utf-8">\n<title>{e(title)} – Préfecture (démo)</title>'
    return document("fr", head, "prefecture", f'<header><p>Préfecture (site de démonstration)</p></header>'
                                                f"<main><h1>{e(title)}</h1>{body}</main>")


def _links(items: list[tuple[str, str]]) -> str:
    return "<ul>" + "".join(f'<li><a href="{e(href)}">{e(text)}</a></li>' for href, text in items) + "</ul>"


def press_release(now: datetime) -> bytes:
    """A press release of the prefecture (an HTML article, no document) whose last paragraph sets a deadline."""
    published, closes = now - timedelta(days=1), local_day(now + timedelta(days=RELEASE_DAYS_LEFT))
    head = (f'<meta charset="utf-8">\n<title>{e(RELEASE_TITLE)} – Préfecture (démo)</title>\n'
            f'<meta property="article:published_time" content="{published.isoformat()}">')
    return document("fr", head, "prefecture", (
        f"<header><p>Préfecture (site de démonstration) · Communiqué de presse</p></header><main><article>"
        f"<h1>{e(RELEASE_TITLE)}</h1>"
        "<p>Le centre de données que la société Sesterce installe au parc de Rovaltain, à Alixan, doit être relié "
        "au réseau de transport d'électricité par une ligne souterraine d'environ six kilomètres. Le gestionnaire "
        "du réseau a présenté trois tracés possibles, qui longent la voie ferrée ou traversent des terres "
        "agricoles entre Alixan et Châteauneuf-sur-Isère.</p>"
        "<p>Le dossier décrit la puissance demandée, le calendrier des travaux et les mesures prévues pour les "
        "exploitations agricoles traversées. Il peut être consulté en mairie d'Alixan aux heures d'ouverture et "
        "sur le site de la préfecture.</p>"
        "<p>Les observations du public peuvent être déposées sur le registre en ligne ou adressées par courrier "
        f"à la préfecture jusqu'au {date_fr(closes)} à 17 heures. Une réunion d'information se tiendra à la salle "
        "des fêtes d'Alixan.</p></article></main>"))


def build_official(now: datetime, base: str = "") -> dict[str, tuple[bytes, str]]:
    """Path -> (body, content type) of the prefecture site at `base`; the huge PDF is streamed by the server
    (HUGE_PATH)."""
    notice, deliberation, scan = consultation_notice(now), council_deliberation(now), scanned_decision(now)
    opens, closes = local_day(now + timedelta(days=5)), local_day(now + timedelta(days=35))
    inquiry = _page("Avis d'enquête publique – réseau de chaleur du parc de Rovaltain", (
        "<p>Par arrêté du préfet, une enquête publique est ouverte sur le projet de réseau de chaleur destiné à "
        "récupérer la chaleur fatale du centre de données de la société Sesterce, au parc de Rovaltain, sur les "
        "communes d'Alixan et de Châteauneuf-sur-Isère.</p>"
        f"<p>L'enquête publique se déroulera du {date_fr(opens)} au {date_fr(closes)} inclus. Le commissaire "
        "enquêteur recevra le public en mairie d'Alixan. Le registre dématérialisé sera ouvert pendant toute la "
        "durée de l'enquête.</p>"
        f'<p>Le dossier complet est <a href="{notice.slug}.pdf">téléchargeable (PDF)</a>.</p>'))
    listing = _page("Consultations du public", "<p>Avis, arrêtés et délibérations soumis au public.</p>" + _links([
        (NOTICE_PAGE, "Avis d'enquête publique – réseau de chaleur du parc de Rovaltain"),
        (LISTING + notice.slug + ".pdf", "Avis de participation du public – société Sesterce (PDF, 3 Ko)"),
        (LISTING + deliberation.slug + ".pdf", "Délibération du conseil municipal d'Alixan (PDF)"),
        (LISTING + scan.slug + ".pdf", "Arrêté d'enregistrement du centre de données Sesterce – version signée (PDF)"),
        ("/mentions-legales/", "Mentions légales"),
    ]))
    annexes = _page("Annexes", _links([
        (DENSE_PDF, "Annexes techniques – centre de données de Rovaltain (PDF)"),
        (LISTING + notice.slug + ".pdf", "Avis de participation du public – société Sesterce (PDF)"),
    ]))
    acts = _page("Recueil des actes administratifs", _links([
        (ACTS + "recueil-2026-endommage.pdf", "Recueil spécial – centre de données de Rovaltain (PDF)"),
        (HUGE_PATH, "Recueil des actes administratifs – numéro spécial data center (PDF, 50 Mo)"),
    ]))
    return {
        LISTING: (listing, HTML),
        NOTICE_PAGE: (inquiry, HTML),
        LISTING + notice.slug + ".pdf": (notice.pdf(), PDF),
        LISTING + deliberation.slug + ".pdf": (deliberation.pdf(), PDF),
        LISTING + scan.slug + ".pdf": (scan.pdf(), PDF),
        ACTS: (acts, HTML),
        ACTS + "recueil-2026-endommage.pdf": (broken_pdf(), PDF),
        ANNEXES: (annexes, HTML),
        DENSE_PDF: (dense_pdf(DENSE_PAGES, "Annexes techniques du centre de données de Rovaltain"), PDF),
        RELEASE_PAGE: (press_release(now), HTML),
        NEWS_FEED: (rss("Préfecture (démo) – communiqués", base + "/", base + NEWS_FEED, "Communiqués de presse", "fr",
                        [Entry(url=base + RELEASE_PAGE, link=base + RELEASE_PAGE, guid=base + RELEASE_PAGE,
                               title=RELEASE_TITLE, title_html=None, author="Préfecture", summary=RELEASE_TITLE,
                               published=now - timedelta(days=1), modified=now - timedelta(days=1),
                               section="Communiqués", lang="fr")]), "application/rss+xml; charset=utf-8"),
        "/mentions-legales/": (_page("Mentions légales", "<p>Site de démonstration de newswatch.</p>"), HTML),
    }

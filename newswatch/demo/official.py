"""The sample prefecture site: listing pages of official documents (PDFs and an HTML notice), our own words."""

from __future__ import annotations

from datetime import datetime, timedelta

from newswatch.demo.chrome import document, e
from newswatch.demo.documents import consultation_notice, council_deliberation, date_fr, scanned_decision
from newswatch.demo.pdfmaker import broken_pdf

OUTLET = "pref"
SOURCE_NAME = "prefecture-demo"
LISTING = "/consultations-du-public/"
ACTS = "/recueil-des-actes/"  # only the tests crawl it: a broken PDF and a 50 MB one
NOTICE_PAGE = LISTING + "avis-enquete-publique-reseau-de-chaleur-rovaltain"
HUGE_PATH = ACTS + "recueil-des-actes-administratifs-special.pdf"
HUGE_SIZE = 50 * 1024 * 1024
HTML = "text/html; charset=utf-8"
PDF = "application/pdf"


def _page(title: str, body: str) -> bytes:
    head = f'<meta charset="utf-8">\n<title>{e(title)} – Préfecture (démo)</title>'
    return document("fr", head, "prefecture", f'<header><p>Préfecture (site de démonstration)</p></header>'
                                                f"<main><h1>{e(title)}</h1>{body}</main>")


def _links(items: list[tuple[str, str]]) -> str:
    return "<ul>" + "".join(f'<li><a href="{e(href)}">{e(text)}</a></li>' for href, text in items) + "</ul>"


def build_official(now: datetime) -> dict[str, tuple[bytes, str]]:
    """Path -> (body, content type) of the prefecture site; the huge PDF is streamed by the server (HUGE_PATH)."""
    notice, deliberation, scan = consultation_notice(now), council_deliberation(now), scanned_decision(now)
    opens, closes = (now + timedelta(days=5)).date(), (now + timedelta(days=35)).date()
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
        "/mentions-legales/": (_page("Mentions légales", "<p>Site de démonstration de newswatch.</p>"), HTML),
    }

"""Pictures served as documents: a town posts its notice as a poster (a JPEG, a PNG), read by OCR as a scan is;
found on a documents listing by the words that name it; kept unread, saying why, when it cannot be read."""

from __future__ import annotations

import json
import sqlite3
import struct

import pypdfium2 as pdfium
import pytest

from crawler.documents import document_links, names_a_paper
from newswatch.demo import official
from newswatch.demo.documents import consultation_notice
from newswatch.demo.leads import PICTURE
from newswatch.demo.picturemaker import jpeg, png
from newswatch.demo.site import Resource
from newswatch.documents import ocr
from newswatch.documents.ocr import OcrSettings
from newswatch.documents.pdftext import read_pdf
from newswatch.documents.pictures import as_pdf, picture_kind, picture_size, upscale
from newswatch.documents.reading import extract_document
from tests.conftest import newswatch
from tests.test_documents_e2e import documents_config, sample_page
from tests.test_ocr import ORDER_HEADING, order


def drawn(pdf: bytes, dpi: int) -> "np.ndarray":  # noqa: F821 - NumPy's array
    """The first page of `pdf` drawn in greys at `dpi`: a poster's picture."""
    document = pdfium.PdfDocument(pdf)
    page = document[0]
    try:
        return ocr.grey_pixels(page, dpi / 72)
    finally:
        page.close()
        document.close()


@pytest.fixture(scope="module")
def poster():
    """Our order opening the inquiry, drawn at 96 dpi (794 × 1,123 pixels: the size a town's site shrinks a poster
    to)."""
    return drawn(order(), 96)


def test_kinds_and_sizes_are_read_from_the_first_bytes(poster):
    height, width = poster.shape
    for body, kind in [(jpeg(poster), "jpeg"), (png(poster), "png"), (png(poster, alpha=True), "png")]:
        assert picture_kind(body) == kind and picture_size(body, kind) == (width, height)
    gif = b"GIF89a" + struct.pack("<HH", 640, 480) + b"\x00" * 10
    lossy = b"RIFF\x00\x00\x00\x00WEBPVP8 \x00\x00\x00\x00\x00\x00\x00\x9d\x01\x2a" + struct.pack("<HH", 800, 600)
    lossless = b"RIFF\x00\x00\x00\x00WEBPVP8L\x00\x00\x00\x00\x2f" + ((599 << 14) | 799).to_bytes(4, "little")
    for body, kind, size in [(gif, "gif", (640, 480)), (lossy, "webp", (800, 600)), (lossless, "webp", (800, 600))]:
        assert picture_kind(body) == kind and picture_size(body, kind) == size
    assert picture_kind(b"%PDF-1.4") is None and picture_kind(b"<html>") is None
    assert picture_size(PICTURE, "jpeg") is None  # the demo's JPEG is no picture past its first bytes
    assert picture_size(jpeg(poster)[:200], "jpeg") is not None  # the frame's header comes first
    assert picture_size(b"\x89PNG\r\n\x1a\n\x00\x00", "png") is None


def test_a_jpeg_and_a_png_are_shown_as_a_pdf_page_drawn_larger_when_small(poster):
    """The picture's own data in a one-page PDF, sized so that PDFium draws it at OCR's resolution, a small one
    larger (at most 3 times): the drawing has the picture's proportions and its dark letters."""
    height, width = poster.shape
    for body in (jpeg(poster), png(poster)):
        shown = pdfium.PdfDocument(as_pdf(body, picture_kind(body), ocr.DPI))
        page = shown[0]
        try:
            drawing = ocr.grey_pixels(page, ocr.DPI / 72)
            assert ocr.is_scan(page, 0)
        finally:
            page.close()
            shown.close()
        factor = upscale(width, height)
        assert abs(drawing.shape[0] - height * factor) <= 1 and abs(drawing.shape[1] - width * factor) <= 1
        assert abs((drawing < 128).mean() - (poster < 128).mean()) < 0.002, "its letters, not a blank or black page"
    assert upscale(width, height) == pytest.approx(1600 / 1123) and upscale(3000, 4000) == 1
    assert upscale(200, 300) == 3
    assert as_pdf(png(poster, alpha=True), "png", ocr.DPI) is None  # transparency: given to tesseract as it is
    assert as_pdf(PICTURE, "jpeg", ocr.DPI) is None


def test_a_poster_is_read_by_ocr_whatever_its_format(poster, tesseract):
    """A JPEG and a PNG (drawn by PDFium), a PNG with an alpha channel (read by tesseract as it is): the order's
    words, its applicant and its inquiry's dates, a title from its first line, the note that OCR read it."""
    for body in (jpeg(poster, quality=60), png(poster), png(poster, alpha=True)):
        extracted, note = extract_document(body, "", OcrSettings())
        flat = " ".join(extracted.text.split())
        assert extracted.text_status == "ocr" and extracted.title == ORDER_HEADING, extracted.title
        assert "la société Sesterce" in flat and "du lundi 12 avril 2027 au vendredi 14 mai 2027 inclus" in flat
        assert note == "read by OCR (tesseract) from the picture of page 1: words may be misread"


def test_a_small_poster_reads_better_drawn_larger(tesseract):
    """A poster shrunk to 72 dpi (595 × 842 pixels, a site's "medium" size): as it is, tesseract misreads the
    applicant ("Sestree") and the inquiry's dates; drawn 1.9 times larger, as newswatch gives it, it reads them."""
    small = drawn(order(), 72)
    as_it_is = " ".join(read_pdf(_unscaled(png(small)), ocr=OcrSettings()).text.split())
    read = " ".join(extract_document(png(small), "", OcrSettings())[0].text.split())
    dates = "du lundi 12 avril 2027 au vendredi 14 mai 2027 inclus"
    assert dates in read and "la société Sesterce" in read
    assert dates not in as_it_is and "la société Sesterce" not in as_it_is


def _unscaled(body: bytes) -> bytes:
    """A PNG shown as a PDF page of its own size at OCR's resolution (not drawn larger)."""
    from newswatch.documents import pictures

    saved = pictures.READ_SIDE
    pictures.READ_SIDE = 0
    try:
        return as_pdf(body, "png", ocr.DPI)
    finally:
        pictures.READ_SIDE = saved


def test_a_picture_that_cannot_be_read_says_why(poster, tesseract):
    extracted, note = extract_document(PICTURE, "", OcrSettings())
    assert extracted.text_status == "no_text" and note == "a picture (JPEG) whose size cannot be read: not read"
    extracted, note = extract_document(jpeg(poster), "", OcrSettings(pages=0))
    assert extracted.text_status == "no_text" and extracted.text == "" and extracted.title == ""
    assert note == "a picture (JPEG, 794 × 1,123 pixels), not a text; page 1 not read: OCR is off (ocr_pages = 0)"
    blank = png(poster * 0 + 255, alpha=True)
    extracted, note = extract_document(blank, "", OcrSettings())
    assert note == "a picture (PNG, 794 × 1,123 pixels), not a text; OCR found no words on page 1"
    small = jpeg(poster[:64, :64])
    frame = small.index(b"\xff\xc0")
    bomb = small[:frame + 5] + struct.pack(">HH", 40000, 40000) + small[frame + 9:]  # its frame says 1.6 billion
    extracted, note = extract_document(bomb, "", OcrSettings())
    assert note == ("a picture (JPEG, 40,000 × 40,000 pixels), not a text; page 1 not read: page 1's pictures are too "
                    "large to draw (1,600 million pixels)")
    huge = b"GIF89a" + struct.pack("<HH", 60000, 60000) + b"\x00" * 10  # 3.6 billion pixels declared in 16 bytes
    extracted, note = extract_document(huge, "", OcrSettings())
    assert note == ("a picture (GIF, 60,000 × 60,000 pixels), not a text; page 1 not read: the picture is too large "
                    "to read (3,600 million pixels)")


def test_the_reasons_a_picture_is_left_unread_for_want_of_ocr_are_asked_again(poster, monkeypatch):
    """A poster kept unread because OCR could not run is one of the scans asked for again once it can."""
    import fnmatch

    monkeypatch.setenv("PATH", "")
    ocr._tesseract.cache_clear()
    try:
        for body in (jpeg(poster), png(poster, alpha=True)):
            _, note = extract_document(body, "", OcrSettings())
            assert note.endswith("page 1 not read: tesseract is not installed"), note
            assert any(fnmatch.fnmatchcase(note, pattern.replace("%", "*")) for pattern in ocr.COULD_NOT_RUN)
    finally:
        ocr._tesseract.cache_clear()


def test_a_listing_s_pictures_are_documents_when_their_words_name_a_paper():
    page = """<html><body><header><img src="/logo-avis.png" alt="Avis"></header><main>
    <p><a href="/up/avis-enquete-publique-sesterce.jpg"><img src="/up/avis-enquete-publique-sesterce-724x1024.jpg"
       alt=""></a></p>
    <p><a href="/photos/IMG_2041.jpg"><img src="/photos/IMG_2041-300x200.jpg" alt="Le chantier vu du ciel"></a></p>
    <p><a href="/medias/reunion.png">Affiche de la réunion publique du 12 mars (PNG)</a></p>
    <p><a href="/medias/scan003.jpg"><img src="/medias/scan003-t.jpg" alt="Arrêté n° 2026-112"></a></p>
    <img src="data:image/gif;base64,R0lGOD" data-src="/up/AVIS_EP_SESTERCE.jpg">
    <img src="/up/photo-du-site.jpg" alt="Vue aérienne du parc">
    <img src="/up/2026/03/dl-12-mars.jpg" alt="Le Dauphiné Libéré, 12 mars 2026 (coupure de presse)">
    </main></body></html>"""
    assert document_links(page, "https://alixan.example/enquetes/") == [
        ("https://alixan.example/up/avis-enquete-publique-sesterce.jpg", ""),
        ("https://alixan.example/medias/reunion.png", "Affiche de la réunion publique du 12 mars (PNG)"),
        ("https://alixan.example/medias/scan003.jpg", "Arrêté n° 2026-112"),
        ("https://alixan.example/up/AVIS_EP_SESTERCE.jpg", ""),
        ("https://alixan.example/up/2026/03/dl-12-mars.jpg", "Le Dauphiné Libéré, 12 mars 2026 (coupure de presse)")]
    assert names_a_paper("Compte-rendu_du_conseil.jpg") and names_a_paper("Public%20meeting%20poster.png")
    assert not names_a_paper("avisdepassage.jpg") and not names_a_paper("IMG_2041.jpg", "Le chantier")
    # a town's press review: the walled daily's article on the permit appeal, posted as a scanned clipping
    assert names_a_paper("", "Le Dauphiné Libéré du 12 mars 2026 (coupure de presse)")
    assert names_a_paper("revue-de-presse-mars-2026.jpg") and names_a_paper("Bulletin municipal n° 42")
    assert not names_a_paper("Pressoir-communal.jpg", "Le pressoir restauré")


def test_a_press_clipping_a_town_posts_is_read_by_ocr_and_matched(demo_site, tmp_path, tesseract):
    """A town's press review shows the walled daily's article on the permit appeal as a scanned clipping (our
    words, in two columns, as a paper prints it): the lead behind the daily's wall, lost; it is read by OCR and
    archived, matched on the clipping's words."""
    from newswatch.demo.pdfmaker import build_pdf, column_pages

    site, listing = demo_site, "/revue-de-presse/"
    clipping = build_pdf(column_pages("Alixan : le permis du data center attaqué", [
        "Des riverains du parc de Rovaltain ont déposé un recours devant le tribunal administratif de Grenoble "
        "contre le permis de construire du centre de données de la société Sesterce, installé dans l'ancien "
        "bâtiment Ecotox à Alixan.",
        "Ils contestent la consommation d'eau et d'électricité des 40 000 GPU annoncés."], columns=2))
    site.replace(official.OUTLET, listing + "dl-2026-03-12.jpg", Resource(jpeg(drawn(clipping, 110)), "image/jpeg",
                                                                          site.now))
    site.replace(official.OUTLET, listing, sample_page(site, "Revue de presse", (
        f'<p><img src="{listing}dl-2026-03-12.jpg" alt="Le Dauphiné Libéré, 12 mars 2026 (coupure de presse)"></p>')))
    config = documents_config(site, tmp_path, "mairie", listing, extra_crawl="recheck_days = 0\n")
    assert newswatch("crawl", config=config, check=True).stderr == ""
    db = sqlite3.connect(tmp_path / "newswatch.db")
    [(kind, status, text)] = db.execute("SELECT kind, text_status, text FROM articles").fetchall()
    assert (kind, status) == ("document", "ocr") and "Sesterce" in text
    topics = {topic for (topic,) in db.execute("SELECT topic FROM matches")}
    assert {"sesterce", "rovaltain"} <= topics, topics


def test_posters_of_a_listing_are_read_by_ocr_matched_and_dated_and_asked_again_once_ocr_can(demo_site, tmp_path,
                                                                                           tesseract):
    """A town's listing of its inquiry's papers: the order as a JPEG poster linked by its picture, the prefecture's
    notice shown on the page as a PNG, a gallery's photo, a poster that is no picture past its first bytes. Without
    OCR the posters are kept unread, saying why (they were not even fetched before); once OCR can, the next crawl
    asks for each again and reads it: matched, its deadline found. The photo is never fetched."""
    site, listing = demo_site, "/affiches/"
    notice = consultation_notice(site.now)
    files = {"avis-enquete-publique-sesterce.jpg": Resource(jpeg(drawn(order(), 96), quality=70), "image/jpeg",
                                                            site.now),
             "AVIS_PARTICIPATION_ECOTOX.png": Resource(png(drawn(notice.pdf(), 110)), "image/png", site.now),
             "IMG_2041.jpg": Resource(jpeg(drawn(order(), 40)), "image/jpeg", site.now),
             "arrete-du-maire.jpg": Resource(PICTURE, "image/jpeg", site.now)}
    for name, resource in files.items():
        site.replace(official.OUTLET, listing + name, resource)
    site.replace(official.OUTLET, listing, sample_page(site, "Enquête publique", (
        f'<p><a href="{listing}avis-enquete-publique-sesterce.jpg"><img src="{listing}IMG_2041.jpg" alt=""></a></p>'
        f'<p><img src="{listing}AVIS_PARTICIPATION_ECOTOX.png" alt=""></p>'
        f'<p><a href="{listing}IMG_2041.jpg"><img src="{listing}IMG_2041.jpg" alt="Le chantier"></a></p>'
        f'<p><a href="{listing}arrete-du-maire.jpg">Arrêté du maire (JPG)</a></p>')))

    off = documents_config(site, tmp_path, "affiches", listing, extra_crawl="recheck_days = 0\nocr_pages = 0\n")
    site.reset_requests()
    result = newswatch("crawl", config=off, check=True)
    assert result.stderr == ""
    assert not [r for r in site.requests if r.path.endswith("IMG_2041.jpg")], "a gallery's photo is not fetched"
    db = sqlite3.connect(tmp_path / "newswatch.db")
    kept = {url.rsplit("/", 1)[-1]: (kind, status, note) for url, kind, status, note in db.execute(
        "SELECT url, kind, text_status, text_missing_reason FROM articles")}
    unread = ("a picture ({}), not a text; page 1 not read: OCR is off (ocr_pages = 0)")
    assert kept == {
        "avis-enquete-publique-sesterce.jpg": ("document", "no_text", unread.format("JPEG, 794 × 1,123 pixels")),
        "AVIS_PARTICIPATION_ECOTOX.png": ("document", "no_text", unread.format("PNG, 910 × 1,287 pixels")),
        "arrete-du-maire.jpg": ("document", "no_text", "a picture (JPEG) whose size cannot be read: not read")}
    digest = newswatch("digest", "--dry-run", config=off, check=True).stdout
    assert "== documents not read (3) ==" in digest and "Arrêté du maire (JPG)" in digest

    with db:
        db.execute("UPDATE articles SET checked_at = datetime(checked_at, '-1 day')")
    on = documents_config(site, tmp_path, "affiches", listing, extra_crawl="recheck_days = 0\n")
    site.reset_requests()
    assert newswatch("crawl", config=on, check=True).stderr == ""
    asked = sorted(r.path.rsplit("/", 1)[-1] for r in site.requests if r.path.startswith(listing) and r.path != listing)
    assert asked == ["AVIS_PARTICIPATION_ECOTOX.png", "avis-enquete-publique-sesterce.jpg"]  # not the broken one
    read = {url.rsplit("/", 1)[-1]: (status, title) for url, status, title in db.execute(
        "SELECT url, text_status, title FROM articles WHERE text_status = 'ocr'")}
    assert read == {"avis-enquete-publique-sesterce.jpg": ("ocr", ORDER_HEADING),
                    "AVIS_PARTICIPATION_ECOTOX.png": ("ocr", notice.heading)}
    topics = {(url.rsplit("/", 1)[-1], topic) for url, topic in db.execute(
        "SELECT url, topic FROM matches JOIN articles ON articles.id = matches.article_id")}
    assert {("avis-enquete-publique-sesterce.jpg", "sesterce"), ("AVIS_PARTICIPATION_ECOTOX.png", "rovaltain")} \
        <= topics, topics
    deadlines = json.loads(newswatch("deadlines", "--all", "--json", config=on, check=True).stdout)
    assert {(d["starts"], d["ends"]) for d in deadlines} >= {("2027-04-12", "2027-05-14")}
    assert any(d["until"] == "17:00" and d["days_left"] == 21 for d in deadlines), deadlines  # the notice's

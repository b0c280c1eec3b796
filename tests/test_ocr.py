"""Scanned PDF pages read by OCR (tesseract): our own documents drawn as pictures of their pages, read back."""

from __future__ import annotations

import asyncio
import os
import stat

import pytest

from newswatch.demo.documents import consultation_notice, scanned_decision
from newswatch.demo.pdfmaker import Line, Page, build_pdf, column_pages
from newswatch.documents import ocr
from newswatch.documents.ocr import OcrSettings, page_list
from newswatch.documents.pdftext import PAGE_BREAK, read_pdf
from newswatch.documents.reading import extract_document
from newswatch.operations.workers import ExtractorPool, extract_document_and_fingerprint
from tests.test_pdftext import NOW

ORDER_HEADING = "Arrêté portant ouverture d'une enquête publique"
ORDER = ["Par arrêté préfectoral n° 2026-112, une enquête publique est ouverte du lundi 12 avril 2027 au vendredi "
         "14 mai 2027 inclus sur la demande d'enregistrement présentée par la société Sesterce pour l'exploitation "
         "d'un centre de données dans l'ancien bâtiment Ecotox du parc de Rovaltain, à Alixan.",
         "Le dossier est consultable en mairie d'Alixan aux heures d'ouverture au public."]
STAMP = ["Accusé de réception en préfecture", "026-212600061-20270312-DEL2027-14-DE",
         "Date de réception préfecture : 13/03/2027"]


def scanned(pdf: bytes, dpi: int = 150, stamp: list[str] | None = None, upside_down: bool = False) -> bytes:
    """The pages of `pdf` as a scanner gives them back: pictures in 256 greys, no text layer (`upside_down`: fed the
    wrong way round); a transmission's stamp (`stamp`, its lines) written over the first, as the prefecture's
    software adds it."""
    import pypdfium2 as pdfium

    document, pages = pdfium.PdfDocument(pdf), []
    for index in range(len(document)):
        pixels = ocr.grey_pixels(document[index], dpi / 72)
        if upside_down:
            pixels = pixels[::-1, ::-1].copy()
        lines = [Line(380, 60 - 9 * n, text, size=6) for n, text in enumerate(stamp or [])] if index == 0 else []
        pages.append(Page(scan=(pixels.shape[1], pixels.shape[0], pixels.tobytes()), lines=lines))
    return build_pdf(pages)


def outlined(pdf: bytes, dpi: int = 150) -> bytes:
    """The pages of `pdf` with their letters turned into shapes, as a poster's design program exports them: each run
    of dark pixels a filled rectangle, no text layer, no picture."""
    import numpy as np
    import pypdfium2 as pdfium

    document, pages, step = pdfium.PdfDocument(pdf), [], 72 / dpi
    for index in range(len(document)):
        dark = ocr.grey_pixels(document[index], dpi / 72) < 128
        runs = []
        for y, row in enumerate(dark):
            edges = np.flatnonzero(np.diff(np.concatenate(([0], row.astype(np.int8), [0]))))
            runs += [b"%.2f %.2f %.2f %.2f re" % (start * step, (len(dark) - y - 1) * step, (end - start) * step, step)
                     for start, end in zip(edges[::2], edges[1::2])]
        pages.append(Page(drawing=b"0 g\n" + b"\n".join(runs) + b"\nf"))
    return build_pdf(pages)


def order(pages: int = 1) -> bytes:
    """The order (our words) on `pages` pages: the first holds the order itself, the others its considerations."""
    more = [f"Page {n} : considérant que le projet a été présenté au conseil municipal." for n in range(2, pages + 1)]
    laid = column_pages(ORDER_HEADING, ORDER)
    for line in more:
        laid += column_pages("Considérants", [line])
    return build_pdf(laid)


def test_a_scanned_order_is_read_by_ocr_and_says_so(tesseract):
    """A prefecture publishes the signed order as a scan: its words (the applicant, the inquiry's dates) are read."""
    extracted, note = extract_document(scanned(order()), "", OcrSettings())
    assert extracted.text_status == "ocr" and extracted.title == ORDER_HEADING
    flat = " ".join(extracted.text.split())
    assert "la société Sesterce" in flat and "du lundi 12 avril 2027 au vendredi 14 mai 2027 inclus" in flat
    assert note == "read by OCR (tesseract) from the picture of page 1: words may be misread"


def test_a_page_scanned_upside_down_is_read_the_right_way_up(tesseract):
    """A page fed into the scanner the wrong way round: tesseract finds its orientation first (its `osd` data,
    which Debian's tesseract-ocr brings), and reads it as any other."""
    extracted, _ = extract_document(scanned(order(), upside_down=True), "", OcrSettings())
    assert extracted.title == ORDER_HEADING and "la société Sesterce" in " ".join(extracted.text.split())


def test_a_poster_whose_letters_are_shapes_is_read_as_a_scan(tesseract):
    """A notice designed as a poster, exported with its text turned into outlines: no text layer, no picture, the
    letters drawn. It was kept unread as a picture-only PDF; it is read by OCR as a scan is."""
    poster = outlined(order())
    assert read_pdf(poster, ocr=OcrSettings(pages=0)).status == "no_text"
    extracted, note = extract_document(poster, "", OcrSettings())
    assert extracted.text_status == "ocr" and "la société Sesterce" in " ".join(extracted.text.split())
    assert note == "read by OCR (tesseract) from the picture of page 1: words may be misread"
    drawing = Page(drawing=b"0 g\n" + b"\n".join(b"%d 100 2 600 re" % x for x in range(40, 540, 2)) + b"\nf")
    asked = []
    assert read_pdf(build_pdf([drawing]), ocr=OcrSettings(), more_time=asked.append).status == "no_text"
    assert asked == []  # 250 bars, 1,250 segments: too few strokes to be letters


def test_scanned_pages_past_ocr_pages_are_left_unread_and_said_so(tesseract):
    result = read_pdf(scanned(order(pages=3)), ocr=OcrSettings(pages=2))
    assert result.status == "ocr" and len(result.pages) == 3
    assert "Sesterce" in result.pages[0] and "Page 2" in result.pages[1] and result.pages[2] == ""
    assert result.ocr_note == ("read by OCR (tesseract) from the picture of pages 1–2: words may be misread; "
                               "page 3 not read: ocr_pages is 2")


def test_a_scan_stamped_on_transmission_is_a_scan(tesseract):
    """A town's deliberation, scanned, gets the prefecture's receipt stamp as text: the text layer held only the
    stamp, the document was judged on it, matched nothing and was lost. A picture over the page with a stamp's
    words at most is a scan: read by OCR, or kept unread (its stamp's words kept) when OCR is off."""
    stamped = scanned(order(), stamp=STAMP)
    assert read_pdf(stamped).pages[0].split("\n") == STAMP  # what the text layer holds
    extracted, note = extract_document(stamped, "", OcrSettings(pages=0))
    assert extracted.text_status == "no_text" and extracted.text.split("\n") == STAMP and extracted.title == ""
    assert note == "no text layer: the PDF holds only images (a scan?); page 1 not read: OCR is off (ocr_pages = 0)"
    extracted, note = extract_document(stamped, "", OcrSettings())
    assert extracted.text_status == "ocr" and "Sesterce" in extracted.text and note.startswith("read by OCR")


def test_a_typed_page_over_a_full_page_picture_is_not_read_by_ocr(tesseract):
    """A letterhead drawn as one picture behind a typed page: the page's own text is read, OCR is not asked."""
    typed = column_pages(ORDER_HEADING, ORDER * 3)[0]
    asked = []
    background = Page(scan=(40, 60, bytes([250]) * 2400), lines=typed.lines)
    result = read_pdf(build_pdf([background]), ocr=OcrSettings(), more_time=asked.append)
    assert result.status == "full" and "Sesterce" in result.text and asked == []


def test_slides_over_a_picture_are_read_from_their_own_text():
    """A public meeting's slides: each a picture over the whole page, a title and a few points spread down it, under
    400 characters. Their words are the slides' own, not a stamp's: read as they are, never as a scan (OCR is not
    asked; without it, the slides were not kept unread as a scan matching no topic)."""
    points = ["Projet de centre de données Sesterce", "Puissance électrique demandée",
              "Refroidissement en circuit fermé", "Calendrier de l'enquête publique"]
    slides = [Page(scan=(40, 30, bytes([200 + n]) * 1200),
                   lines=[Line(60, 760, f"Réunion publique — {n}", size=20, bold=True)]
                   + [Line(80, 600 - 120 * k, point, size=16) for k, point in enumerate(points)]) for n in range(3)]
    asked = []
    for settings in (OcrSettings(), OcrSettings(pages=0)):
        result = read_pdf(build_pdf(slides), ocr=settings, more_time=asked.append)
        assert result.status == "full" and result.text.count("Sesterce") == 3 and asked == []


def test_a_scan_with_no_words_keeps_saying_why_its_text_is_missing(tesseract):
    asked = []
    result = read_pdf(scanned_decision(NOW).pdf(), ocr=OcrSettings(), more_time=asked.append)
    assert result.status == "no_text" and result.pages == ("", "")
    assert result.text_missing == "no text layer: the PDF holds only images (a scan?); OCR found no words on pages 1–2"
    assert asked == [ocr.PAGE_SECONDS + 5] * 2  # the worker's time limit moved for each page


def test_a_zipped_dossier_s_scans_are_read_by_ocr_within_one_budget(tesseract):
    """A prefecture zips the inquiry's acts, all scanned: the dossier was "a zip holding no readable document", and
    the order naming Sesterce was lost. Its scans are read as one document's: `ocr_pages` and OCR's time are the
    dossier's, shared by its files, each taking its share of the pages left, so that a long study first in the zip
    leaves pages for the signed order after it; the note says what was read and left, file by file."""
    from tests.test_documents_e2e import dossier_zip

    body = dossier_zip({"dossier/01-etude.pdf": scanned(order(pages=4)), "dossier/02-arrete.pdf": scanned(order())})
    asked = []
    extracted, note = extract_document(body, "https://www.drome.gouv.fr/actes.zip", OcrSettings(pages=3),
                                       more_time=asked.append)
    read = "read by OCR (tesseract) from the picture of"
    assert extracted.text_status == "ocr" and note == (
        f"01-etude.pdf: {read} pages 1–2: words may be misread; pages 3–4 not read: the dossier's files share "
        f"ocr_pages (3); 02-arrete.pdf: {read} page 1: words may be misread")
    flat = " ".join(extracted.text.split())
    assert flat.startswith("01-etude.pdf Arrêté portant") and "Page 2" in flat and "Page 3" not in flat
    assert flat.count("la société Sesterce") == 2  # the order, read in both files
    assert asked.count(ocr.PAGE_SECONDS + 5) == 3  # the worker's time limit moved for each page read


def test_a_zipped_dossier_of_scans_ocr_could_not_read_is_kept_with_why_file_by_file(tesseract):
    """With OCR off, a dossier of scans is kept unread (`no_text`), each file's reason noted: the reason a scan is
    asked for again for once OCR can run (ocr.COULD_NOT_RUN). Typed files beside scans make the dossier `full`, as
    typed pages make a PDF: their text is read, and the scans' words with it when OCR can run."""
    import sqlite3

    from newswatch.demo.pdfmaker import Line, Page
    from tests.test_documents_e2e import dossier_zip

    scans = dossier_zip({"01-arrete.pdf": scanned(order()), "02-arrete.pdf": scanned(order())})
    extracted, note = extract_document(scans, "", OcrSettings(pages=0))
    unread = "no text layer: the PDF holds only images (a scan?); page 1 not read: OCR is off (ocr_pages = 0)"
    assert (extracted.text_status, extracted.text, note) == ("no_text", "", f"01-arrete.pdf: {unread}; "
                                                                            f"02-arrete.pdf: {unread}")
    like = sqlite3.connect(":memory:")
    assert any(like.execute("SELECT ? LIKE ?", (note, p)).fetchone()[0] for p in ocr.COULD_NOT_RUN)

    typed = build_pdf([Page(lines=[Line(72, 700, "Avis de la mission régionale d'autorité environnementale")])])
    mixed = dossier_zip({"01-avis.pdf": typed, "02-arrete.pdf": scanned(order())})
    extracted, note = extract_document(mixed, "", OcrSettings(pages=0))
    assert (extracted.text_status, note) == ("full", None) and "Sesterce" not in extracted.text
    extracted, note = extract_document(mixed, "", OcrSettings())
    assert (extracted.text_status, note) == ("full", None) and "la société Sesterce" in " ".join(
        extracted.text.split())


def test_without_tesseract_or_its_languages_a_scan_says_why(monkeypatch, tesseract):
    ocr._tesseract.cache_clear()
    try:
        result = read_pdf(scanned(order()), ocr=OcrSettings(languages="xyz+qqq"))
        assert result.text_missing.endswith("page 1 not read: tesseract has none of the languages xyz+qqq")
        monkeypatch.setenv("PATH", "/nonexistent")
        ocr._tesseract.cache_clear()
        result = read_pdf(scanned(order()), ocr=OcrSettings())
        assert result.text_missing.endswith("page 1 not read: tesseract is not installed")
    finally:
        monkeypatch.undo()
        ocr._tesseract.cache_clear()


def test_a_tesseract_run_past_its_time_is_stopped_and_the_page_left_unread(monkeypatch, tmp_path):
    """A page tesseract hangs on (a real program that never answers, in tesseract's place) is left unread in time."""
    program = tmp_path / "tesseract"
    program.write_text('#!/bin/sh\nif [ "$1" = --list-langs ]; then echo fra; exit 0; fi\nexec sleep 30\n')
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    monkeypatch.setattr(ocr, "PAGE_SECONDS", 1.0)
    ocr._tesseract.cache_clear()
    try:
        result = read_pdf(scanned(order(pages=2)), ocr=OcrSettings())
    finally:
        monkeypatch.undo()
        ocr._tesseract.cache_clear()
    assert result.text_missing == ("no text layer: the PDF holds only images (a scan?); pages 1–2 not read: "
                                   "page 2 took more than 1 s")


def test_the_worker_s_time_limit_moves_for_each_page_read(tesseract):
    """A pool whose time limit is far below a page's OCR: the task asks for more time before each page and is not
    killed; a task that asks for none still is (tests/test_documents_e2e.py, the dense PDF). One second: reading
    the two pages takes 4.8 s on a 2-core host, about 2 s on one 2.5 times faster, and what comes before the first
    page's request (the worker opening the PDF) has room on a loaded machine (0.3 s was once too little, with four
    test processes on two cores)."""
    pool = ExtractorPool(1, timeout=1.0)

    async def read():
        return await pool.run(extract_document_and_fingerprint, scanned(order(pages=2)), "", OcrSettings())
    try:
        extracted, note, fingerprint, _ = asyncio.run(read())
    finally:
        pool.close()
    assert extracted.text_status == "ocr" and extracted.text.count(PAGE_BREAK) == 1 and fingerprint is not None
    assert note == "read by OCR (tesseract) from the picture of pages 1–2: words may be misread"


@pytest.mark.parametrize(("numbers", "said"), [([4], "page 4"), ([1, 2, 3, 5], "pages 1–3, 5"),
                                               ([2, 4], "pages 2, 4")])
def test_page_lists(numbers, said):
    assert page_list(numbers) == said


def test_the_reasons_a_scan_went_unread_for_want_of_ocr_are_the_ones_it_is_read_again_for(monkeypatch, tesseract):
    """store.rechecks.scans_to_read finds the scans to read again by their reason (ocr.COULD_NOT_RUN, SQL LIKE):
    each reason written when OCR could not run is one of them; one written when it ran (no words, limits) is not."""
    import sqlite3

    def read_again(reason: str) -> bool:
        like = sqlite3.connect(":memory:")
        return any(like.execute("SELECT ? LIKE ?", (reason, p)).fetchone()[0] for p in ocr.COULD_NOT_RUN) and (
            ocr.ASKED_AGAIN not in reason)

    scan = scanned(order(pages=3))
    could_not = [read_pdf(scan, ocr=OcrSettings(pages=0)).text_missing,
                 "no text layer: the PDF holds only images (a scan?) and newswatch does no OCR"]  # before OCR
    ocr._tesseract.cache_clear()
    try:
        could_not.append(read_pdf(scan, ocr=OcrSettings(languages="xyz")).text_missing)
        monkeypatch.setenv("PATH", "/nonexistent")
        ocr._tesseract.cache_clear()
        could_not.append(read_pdf(scan, ocr=OcrSettings()).text_missing)
    finally:
        monkeypatch.undo()
        ocr._tesseract.cache_clear()
    ran = [read_pdf(scanned_decision(NOW).pdf(), ocr=OcrSettings()).text_missing,
           read_pdf(scan, ocr=OcrSettings(pages=1)).ocr_note,
           could_not[0] + f"; {ocr.ASKED_AGAIN} on 2026-12-05: http_error (HTTP 404)"]
    assert all(map(read_again, could_not)), could_not
    assert not any(map(read_again, ran)), ran


def test_a_text_layer_that_gives_other_letters_than_shown_is_read_by_ocr(tesseract):
    """A notice whose fonts' character maps are wrong: the page shows the notice, its text layer gives "dvCEvCtv" for
    "Sesterce". It was judged on that, matched nothing and was lost. Read by OCR; without OCR kept unread, with why."""
    notice = consultation_notice(NOW)
    pdf = build_pdf(notice.pages(), garbled=True)
    assert "Sesterce" not in read_pdf(pdf, ocr=OcrSettings(pages=0)).text
    extracted, note = extract_document(pdf, "", OcrSettings())
    assert extracted.text_status == "ocr" and "société Sesterce" in " ".join(extracted.text.split())
    assert note == "read by OCR (tesseract) from the picture of page 1: words may be misread"
    extracted, note = extract_document(pdf, "", OcrSettings(pages=0))
    assert extracted.text_status == "no_text" and extracted.text == ""
    assert note == ("no readable text layer: its letters are not the ones its pages show (a font's character map is "
                    "wrong); page 1 not read: OCR is off (ocr_pages = 0)")


def test_a_list_of_names_is_its_own_text_though_it_has_no_common_words(tesseract):
    """An attendance list: forty names and titles, no "de", no "the". Suspect by its words alone, it reads the same
    by OCR: its text layer is kept, with OCR and without."""
    names = ["Mme Perrin", "M. Garnier", "Mme Roussel", "M. Faure", "Mme Blanc", "M. Girard", "Mme Morel",
             "M. Fournier", "Mme Lambert", "M. Bonnet", "Mme Chevalier", "M. Rousseau", "Mme Vincent", "M. Muller",
             "Mme Lefebvre", "M. Mercier", "Mme Boyer", "M. Fontaine", "Mme Brun", "M. Gauthier"]
    pdf = build_pdf(column_pages("Présents", names))
    assert ocr.looks_garbled(read_pdf(pdf).text) and not ocr.surely_garbled(read_pdf(pdf).text)
    for settings in (OcrSettings(), OcrSettings(pages=0)):
        result = read_pdf(pdf, ocr=settings)
        assert result.status == "full" and "Mme Perrin" in result.text and "M. Gauthier" in result.text


def test_what_looks_garbled():
    prose = "Le dossier de la demande est consultable en mairie et sur le site de la préfecture. " * 3
    shifted = "R(z%1uv1\"r$&ztz\"r&z! 1u'1\"'s}zt1\"r$1(!zv1é}vt&$! z#'v a$éwvt&'$v1uv1}r1U$ô~v " * 4
    assert not ocr.looks_garbled(prose) and ocr.looks_garbled(shifted) and ocr.surely_garbled(shifted)
    assert not ocr.looks_garbled("dvCEvCtv " * 10)  # too few words to judge
    assert ocr.garbled_beside(shifted, prose) and not ocr.garbled_beside(prose, prose)


def test_a_page_whose_picture_would_take_gigabytes_to_draw_is_left_unread(tesseract):
    """A few KB of PDF may declare a picture of 40,000 × 40,000 pixels, which PDFium would decode whole to draw the
    page for OCR (1.6 GB in greys, more in colour): the page is left unread, saying why, before anything is drawn."""
    asked = []
    bomb = build_pdf([Page(scan=(40_000, 40_000, bytes(1000)))])
    assert len(bomb) < 10_000
    result = read_pdf(bomb, ocr=OcrSettings(), more_time=asked.append)
    assert result.status == "no_text" and asked == []
    assert result.text_missing.endswith("page 1 not read: page 1's pictures are too large to draw "
                                        "(1,600 million pixels)")

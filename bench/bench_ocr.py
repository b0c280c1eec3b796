"""Benchmark: scanned documents read by OCR (tesseract) — what is read back, and what it costs beside a text layer.

Usage: .venv/bin/python -m bench.bench_ocr [--repeat 1]
Needs tesseract with its French data (Debian: tesseract-ocr tesseract-ocr-fra). The samples are our own PDFs
(newswatch/demo/documents.py): the consultation notice (one column) and the council deliberation (two columns),
given back as a scanner does at 150 and 300 dpi, clean, and as a worn photocopy (grey paper, a blur, specks).
Each is read the way the crawl reads it (newswatch.documents.pdftext.read_pdf with OCR), the picture drawn at 200, 300
(newswatch's choice) and 400 dpi; beside it, the same document's text layer. Scores: order = word sequence
similarity to what was written; words = share of the written words found; campaign = share of the campaign's
names (Sesterce, Rovaltain, Alixan, Ecotox, centre(s) de données) found, counted each time it is written;
deadlines = the periods and deadlines newswatch.text.deadlines finds, the same as in the text layer.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import re
import shutil
import sys
import time
from datetime import UTC, datetime

import numpy as np

from bench.bench_pdf import words
from newswatch.demo.documents import SampleDocument, consultation_notice, council_deliberation
from newswatch.demo.pdfmaker import Page, build_pdf
from newswatch.demo.picturemaker import jpeg
from newswatch.documents import ocr, pictures
from newswatch.documents.ocr import OcrSettings
from newswatch.documents.pdftext import read_pdf
from newswatch.documents.reading import extract_document
from newswatch.text.deadlines import find_deadlines

NOW = datetime(2026, 1, 21, tzinfo=UTC)
CAMPAIGN = re.compile(r"sesterce|rovaltain|alixan|ecotox|centres? de données", re.IGNORECASE)


def scanned(pdf: bytes, dpi: int, worn: bool, seed: int = 7) -> bytes:
    """The pages of `pdf` as pictures at `dpi`; `worn`: a photocopy of a photocopy (grey paper, blur, specks)."""
    import pypdfium2 as pdfium

    noise = np.random.default_rng(seed)
    document, pages = pdfium.PdfDocument(pdf), []
    for index in range(len(document)):
        pixels = ocr.grey_pixels(document[index], dpi / 72).astype(np.float32)
        if worn:
            pixels = (pixels + np.roll(pixels, 1, 0) + np.roll(pixels, 1, 1) + np.roll(pixels, (1, 1), (0, 1))) / 4
            pixels = 40 + pixels * 0.75 + noise.normal(0, 12, pixels.shape)  # grey paper, faded ink, grain
            specks = noise.random(pixels.shape) < 0.002
            pixels[specks] = 30
        grey = np.clip(pixels, 0, 255).astype(np.uint8)
        pages.append(Page(scan=(grey.shape[1], grey.shape[0], grey.tobytes())))
    return build_pdf(pages)


def scores(doc: SampleDocument, text: str, layer: str) -> dict[str, float | str]:
    expected, got = words("\n".join([doc.heading, *doc.paragraphs])), words(text)
    found = set(got)
    written = [m.group().lower() for m in CAMPAIGN.finditer("\n".join([doc.heading, *doc.paragraphs]))]
    read = [m.group().lower() for m in CAMPAIGN.finditer(text)]
    campaign = sum(min(written.count(name), read.count(name)) for name in set(written)) / max(len(written), 1)
    wanted = {(d.starts, d.ends) for d in find_deadlines(layer, NOW.date())}
    seen = {(d.starts, d.ends) for d in find_deadlines(text, NOW.date())}
    return {"order": difflib.SequenceMatcher(None, expected, got, autojunk=False).ratio(),
            "words": sum(w in found for w in expected) / max(len(expected), 1), "campaign": campaign,
            "deadlines": f"{len(wanted & seen)}/{len(wanted)}" + (f" +{len(seen - wanted)}" if seen - wanted else "")}


def samples() -> list[tuple[str, SampleDocument]]:
    """Our notice (one column) and deliberation (two), labelled."""
    return [("notice, 1 column", consultation_notice(NOW)), ("deliberation, 2 columns", council_deliberation(NOW))]


def heading(title: str, header: str) -> None:
    """A table's title, and its header underlined."""
    print(title)
    print(header)
    print("-" * len(header))


def timed(function, repeat: int):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each reading; the best is kept")
    args = parser.parse_args(argv)
    if shutil.which("tesseract") is None:
        print("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-fra)")
        return 1
    settings = OcrSettings()
    _, languages, layout = ocr._tesseract(settings.languages)
    orientation = "orientation found first" if layout == "1" else "no orientation data"
    heading(f"OCR of our scanned samples with tesseract ({languages}, {orientation}); seconds a page, best of "
            f"{args.repeat}", f"{'sample':24} {'scan':13} {'read at':>7} {'s/page':>7} {'× layer':>8} {'order':>6} {'words':>6} "
            f"{'campaign':>8} {'deadlines':>9}")
    default = ocr.DPI
    for label, doc in samples():
        pdf = doc.pdf()
        layer_seconds, layer = timed(lambda: read_pdf(pdf), max(args.repeat, 3))
        pages = len(layer.pages)
        base = scores(doc, layer.text, layer.text)
        print(f"{label:24} {'text layer':13} {'':>7} {layer_seconds / pages:7.3f} {1:8.0f} {base['order']:6.3f} "
              f"{base['words']:6.3f} {base['campaign']:8.3f} {base['deadlines']:>9}")
        for dpi, worn in [(300, False), (150, False), (300, True), (150, True)]:
            scan = scanned(pdf, dpi, worn)
            for reading in (200, 300, 400):
                ocr.DPI = reading
                try:
                    seconds, result = timed(lambda: read_pdf(scan, ocr=settings), args.repeat)
                finally:
                    ocr.DPI = default
                got = scores(doc, result.text, layer.text)
                mark = "*" if reading == default else " "
                print(f"{'':24} {f'{dpi} dpi' + (', worn' if worn else ''):13} {reading:>6}{mark} "
                      f"{seconds / pages:7.3f} {seconds / layer_seconds:8.0f} {got['order']:6.3f} "
                      f"{got['words']:6.3f} {got['campaign']:8.3f} {got['deadlines']:>9}")
    print("* newswatch's reading (newswatch.documents.ocr.DPI); × layer: the scan's reading time over the text layer's")
    print()
    posters(settings, args.repeat)
    return 0


def posters(settings: OcrSettings, repeat: int) -> None:
    """The same samples as posters on a town's site: their first page as a JPEG (quality 75) of the sizes sites
    serve, read as the crawl reads a picture (drawn larger when small: newswatch.documents.pictures.upscale) and
    as it is."""
    import pypdfium2 as pdfium

    heading(f"Posters: page 1 as a JPEG (quality 75), read as newswatch reads it (drawn larger when its longer side "
            f"is under {pictures.READ_SIDE} pixels) and as it is; seconds, best of {repeat}", f"{'sample':24} {'picture':18} {'read':>9} {'s':>6} {'order':>6} {'words':>6} {'campaign':>8} "
            f"{'deadlines':>9}")
    default = pictures.READ_SIDE
    for label, doc in samples():
        pdf = doc.pdf()
        document = pdfium.PdfDocument(pdf)
        first = document[0]
        layer = read_pdf(pdf).pages[0]
        one_page = dataclasses.replace(doc, heading="", paragraphs=(layer,))  # scored against page 1's words
        for dpi in (60, 72, 96, 150):
            grey = ocr.grey_pixels(first, dpi / 72)
            body = jpeg(grey, quality=75)
            for way, side in (("newswatch", default), ("as it is", 0)):
                pictures.READ_SIDE = side
                try:
                    seconds, (extracted, _) = timed(lambda: extract_document(body, "", settings), repeat)
                finally:
                    pictures.READ_SIDE = default
                got = scores(one_page, extracted.text, layer)
                size = f"{grey.shape[1]} × {grey.shape[0]}"
                campaign = f"{got['campaign']:8.3f}" if CAMPAIGN.search(layer) else f"{'-':>8}"  # none on page 1
                print(f"{label if dpi == 60 and side else '':24} {size if side else '':18} {way:>9} {seconds:6.2f} "
                      f"{got['order']:6.3f} {got['words']:6.3f} {campaign} {got['deadlines']:>9}")
        first.close()
        document.close()


if __name__ == "__main__":
    sys.exit(main())
